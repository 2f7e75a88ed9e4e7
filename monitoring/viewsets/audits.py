"""Single audits: record a subrecipient's fiscal year, the report received, the management
decision; one year's page compares its expenditures with what this state paid it."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from voca import clock, formats

from .. import audits, operations, permissions
from ..forms import AuditReportForm, AuditYearForm, DecisionForm
from ..models import SingleAudit
from .base import OperationPage, StatePage, day
from .reviews import OrganizationPage
from .subrecipients import subrecipient_url


def audit_url(pk) -> str:
    return reverse("monitoring_single_audit", args=(pk,))


class AuditYearNewView(OrganizationPage):
    form_class = AuditYearForm
    submit_label = "Record the year"

    def get_page_title(self):
        return f"Single audit: {self.organization.legal_name}"

    def get_initial(self):
        year_end = clock.local_today().replace(month=6, day=30)
        return {"uniform_guidance": audits.default_guidance(self.organization.pk, year_end)}

    def run(self, data):
        return operations.record_audit_year(
            self.request.user, organization_id=self.organization.pk, **data
        )

    def done_url(self, result):
        return audit_url(result.pk)


class SingleAuditView(StatePage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.audit = get_object_or_404(SingleAudit, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Single audit of {self.audit.organization.legal_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a, today = self.audit, clock.local_today()
        threshold = audits.audit_threshold(a.uniform_guidance)
        required = audits.audit_required(a.federal_expenditures, a.uniform_guidance)
        if permissions.can_monitor(self.request.user) and not a.decision_on:
            context["actions"] = [
                ("Record the audit report", reverse("monitoring_audit_report", args=(a.pk,)))
            ]
            if audits.needs_decision(a):
                context["actions"].append(
                    (
                        "Record the management decision",
                        reverse("monitoring_audit_decision", args=(a.pk,)),
                    )
                )
        warnings = []
        decision_due = audits.decision_due_on(a)
        if audits.needs_decision(a) and decision_due < today:
            warnings.append(f"The management decision was due on {day(decision_due)}.")
        if required and not a.report_received_on and audits.report_due_on(a) < today:
            warnings.append(f"The audit report was due on {day(audits.report_due_on(a))}.")
        context["warnings"] = warnings
        context["sections"] = [
            {
                "pairs": [
                    ("Subrecipient", a.organization.legal_name),
                    (
                        "Fiscal year",
                        f"{day(audits.fiscal_year_start(a.fiscal_year_end))} to "
                        f"{day(a.fiscal_year_end)}",
                    ),
                    ("Federal expenditures (entered)", formats.money(a.federal_expenditures)),
                    (
                        "Paid by this state in the year (claims)",
                        formats.money(audits.paid_by_state(a.organization_id, a.fiscal_year_end)),
                    ),
                    ("Uniform Guidance", a.get_uniform_guidance_display()),
                    ("Single-audit threshold", formats.money(threshold)),
                    ("Single audit required", "Yes" if required else "No"),
                    ("Report due", day(audits.report_due_on(a)) if required else "-"),
                    ("Report received", day(a.report_received_on)),
                    (
                        "In the Federal Audit Clearinghouse",
                        (
                            "Yes"
                            + (
                                f" ({a.clearinghouse_reference})"
                                if a.clearinghouse_reference
                                else ""
                            )
                        )
                        if a.in_clearinghouse
                        else "No",
                    ),
                    ("Findings", a.findings or ("None" if a.report_received_on else "-")),
                    ("Management decision due", day(decision_due) if a.has_findings else "-"),
                    ("Management decision", a.decision or "-"),
                    (
                        "Issued",
                        f"{day(a.decision_on)} by {formats.person(a.decision_by)}"
                        if a.decision_on
                        else "-",
                    ),
                ]
            },
            {"actions": [("Back to the subrecipient", subrecipient_url(a.organization_id))]},
        ]
        return context


class AuditPage(OperationPage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.audit = get_object_or_404(SingleAudit, pk=kwargs["pk"])

    def back_url(self):
        return audit_url(self.audit.pk)


class AuditReportView(AuditPage):
    form_class = AuditReportForm
    submit_label = "Record the report"

    def get_page_title(self):
        return f"Audit report: {self.audit.organization.legal_name}"

    def run(self, data):
        return operations.record_audit_report(self.request.user, audit_id=self.audit.pk, **data)


class DecisionView(AuditPage):
    form_class = DecisionForm
    submit_label = "Record the decision"

    def get_page_title(self):
        return f"Management decision: {self.audit.organization.legal_name}"

    def get_initial(self):
        return {"decided_on": clock.local_today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = [
            ("Findings", self.audit.findings),
            ("Due", day(audits.decision_due_on(self.audit))),
        ]
        return context

    def run(self, data):
        return operations.record_management_decision(
            self.request.user, audit_id=self.audit.pk, **data
        )
