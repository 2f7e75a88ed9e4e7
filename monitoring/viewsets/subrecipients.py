"""The state's monitoring of each subrecipient: the list, one subrecipient's record, the risk
assessment form and an assessment."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from organizations.models import Organization
from voca import clock, formats

from .. import audits, operations, permissions
from ..forms import RiskAssessmentForm
from ..models import RiskAssessment
from ..risk import computed_factors, next_assessment_due
from ..rules import FACTORS, FACTORS_BY_KEY
from .base import OperationPage, StatePage, day, link


def subrecipient_url(org_id) -> str:
    return reverse("monitoring_subrecipient", args=(org_id,))


class MonitoringIndexView(StatePage):
    page_title = "Monitoring: subrecipients"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for org in Organization.objects.subrecipients().order_by("legal_name"):
            latest = RiskAssessment.objects.latest_of(org.pk)
            rows.append(
                [
                    link(org.legal_name, subrecipient_url(org.pk)),
                    latest.get_level_display() if latest else "Not assessed",
                    day(latest.assessed_on) if latest else "-",
                    day(next_assessment_due(org.pk)),
                    str(org.monitoring_findings.open().count()),
                ]
            )
        context["sections"] = [
            {
                "headers": ["Subrecipient", "Risk", "Assessed", "Next assessment", "Open findings"],
                "rows": rows,
                "empty": "No subrecipient yet.",
            }
        ]
        context["actions"] = [
            ("Due and overdue", reverse("monitoring_due")),
            ("Findings", reverse("monitoring_findings")),
        ]
        return context


class SubrecipientMonitoringView(StatePage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organization = get_object_or_404(Organization.objects.subrecipients(), pk=kwargs["pk"])

    def get_page_title(self):
        return f"Monitoring: {self.organization.legal_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.organization
        if permissions.can_monitor(self.request.user):
            context["actions"] = [
                ("Assess risk", reverse("monitoring_assess", args=(org.pk,))),
                ("Start a desk review", reverse("monitoring_desk_review_new", args=(org.pk,))),
                ("Plan a site visit", reverse("monitoring_site_visit_new", args=(org.pk,))),
                (
                    "Record a single-audit year",
                    reverse("monitoring_single_audit_new", args=(org.pk,)),
                ),
            ]
        context["sections"] = [
            {
                "title": "Risk assessments",
                "headers": ["Assessed", "Score", "Level", "Desk reviews a year", "Site visit"],
                "rows": [
                    [
                        link(day(a.assessed_on), reverse("monitoring_risk", args=(a.pk,))),
                        str(a.total),
                        a.get_level_display(),
                        str(a.desk_reviews_per_year),
                        "Yes" if a.site_visit else "No",
                    ]
                    for a in org.risk_assessments.all()
                ],
                "empty": "No risk assessment: one is required before the first subaward.",
            },
            {
                "title": "Desk reviews",
                "headers": ["Requested", "Claims from-to", "Documents due", "Concluded"],
                "rows": [
                    [
                        link(day(r.requested_on), reverse("monitoring_desk_review", args=(r.pk,))),
                        f"{day(r.period_start)} - {day(r.period_end)}",
                        day(r.documents_due_on),
                        day(r.concluded_on),
                    ]
                    for r in org.desk_reviews.all()
                ],
            },
            {
                "title": "Site visits",
                "headers": ["Planned", "Visited", "Findings"],
                "rows": [
                    [
                        link(day(v.planned_on), reverse("monitoring_site_visit", args=(v.pk,))),
                        day(v.visited_on),
                        str(v.findings.count()),
                    ]
                    for v in org.site_visits.all()
                ],
            },
            {
                "title": "Findings and corrective actions",
                "headers": ["Finding", "Due", "Status"],
                "rows": [
                    [
                        link(f"Finding #{f.pk}", reverse("monitoring_finding", args=(f.pk,))),
                        day(f.due_on),
                        f.status,
                    ]
                    for f in org.monitoring_findings.all()
                ],
            },
            {
                "title": "Single audits",
                "headers": ["Fiscal year ends", "Federal expenditures", "Required", "Report"],
                "rows": [
                    [
                        link(
                            day(a.fiscal_year_end),
                            reverse("monitoring_single_audit", args=(a.pk,)),
                        ),
                        formats.money(a.federal_expenditures),
                        "Yes"
                        if audits.audit_required(a.federal_expenditures, a.uniform_guidance)
                        else "No",
                        day(a.report_received_on),
                    ]
                    for a in org.single_audits.all()
                ],
            },
        ]
        return context


class AssessView(OperationPage):
    form_class = RiskAssessmentForm
    submit_label = "Record the assessment"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organization = get_object_or_404(Organization.objects.subrecipients(), pk=kwargs["pk"])

    def get_page_title(self):
        return f"Risk assessment: {self.organization.legal_name}"

    def back_url(self):
        return subrecipient_url(self.organization.pk)

    def get_initial(self):
        return {"assessed_on": clock.local_today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        computed = computed_factors(self.organization, clock.local_today())
        context["summary"] = [
            (f"{FACTORS_BY_KEY[key].label} (counted today)", f"{c.score}: {c.note}")
            for key, c in computed.items()
        ]
        return context

    def run(self, data):
        return operations.assess_risk(
            self.request.user, organization_id=self.organization.pk, **self.form.values()
        )

    def success_message(self, result) -> str:
        return f"Risk assessment recorded: {result.get_level_display().lower()} risk."

    def done_url(self, result) -> str:
        return reverse("monitoring_risk", args=(result.pk,))


class RiskAssessmentView(StatePage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.assessment = get_object_or_404(RiskAssessment, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Risk assessment of {self.assessment.organization.legal_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a = self.assessment
        scores = {s.factor: s for s in a.scores.all()}
        context["sections"] = [
            {
                "pairs": [
                    ("Subrecipient", a.organization.legal_name),
                    ("Assessed on", day(a.assessed_on)),
                    ("By", formats.person(a.assessed_by)),
                    ("Total score", str(a.total)),
                    ("Risk level", a.get_level_display()),
                    ("Desk reviews a year", str(a.desk_reviews_per_year)),
                    ("Site visit", "Yes" if a.site_visit else "No"),
                    ("Specific conditions suggested", a.conditions or "None"),
                    ("Summary", a.summary or "-"),
                ]
            },
            {
                "title": "Factors",
                "headers": ["Factor", "Score", "How", "Note"],
                "rows": [
                    [
                        f.label,
                        str(scores[f.key].score),
                        "Counted from the records" if scores[f.key].computed else "Entered",
                        scores[f.key].note,
                    ]
                    for f in FACTORS
                    if f.key in scores
                ],
            },
            {"actions": [("Back to the subrecipient", subrecipient_url(a.organization_id))]},
        ]
        return context
