"""Findings and corrective actions: the list (the state's all, an agency its own), one finding,
the agency director's response and the state's closing."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from voca import clock, formats

from .. import operations, permissions
from ..forms import CloseForm, ResponseForm
from .base import MonitoringFrame, OperationPage, day, link


def finding_url(pk) -> str:
    return reverse("monitoring_finding", args=(pk,))


class FindingsPage(MonitoringFrame, TemplateView):
    """Opened by the state's monitoring readers and by an agency's director and finance, each
    finding only by those who may see it (another agency's is not found)."""

    template_name = "monitoring/page.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_findings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FindingsIndexView(FindingsPage):
    page_title = "Findings and corrective actions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.local_today()
        rows = [
            [
                link(f"Finding #{f.pk}", finding_url(f.pk)),
                f.organization.legal_name,
                f.action_required,
                day(f.due_on),
                f.status + (" · overdue" if not f.closed_on and f.due_on < today else ""),
            ]
            for f in permissions.visible_findings(self.request.user).order_by(
                "closed_on", "due_on", "pk"
            )
        ]
        context["sections"] = [
            {
                "headers": ["Finding", "Subrecipient", "Corrective action", "Due", "Status"],
                "rows": rows,
                "empty": "No findings.",
            }
        ]
        return context


class FindingView(FindingsPage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.finding = get_object_or_404(
            permissions.visible_findings(request.user), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return f"Finding #{self.finding.pk}: {self.finding.organization.legal_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        f, user = self.finding, self.request.user
        actions = []
        if permissions.can_respond(user, f):
            actions.append(("Respond", reverse("monitoring_finding_respond", args=(f.pk,))))
        if permissions.can_close(user, f):
            actions.append(("Close", reverse("monitoring_finding_close", args=(f.pk,))))
        context["actions"] = actions
        if not f.closed_on and f.due_on < clock.local_today():
            context["warnings"] = [f"The corrective action was due on {day(f.due_on)}."]
        source = "Site visit" if f.site_visit_id else "Desk review"
        source_day = f.site_visit.visited_on if f.site_visit_id else f.desk_review.requested_on
        context["sections"] = [
            {
                "pairs": [
                    ("Subrecipient", f.organization.legal_name),
                    ("From", f"{source} of {day(source_day)}"),
                    ("Finding", f.text),
                    ("Corrective action required", f.action_required),
                    ("Due", day(f.due_on)),
                    ("Status", f.status),
                    ("Agency's response", f.response or "-"),
                    (
                        "Responded",
                        f"{day(f.responded_on)} by {formats.person(f.responded_by)}"
                        if f.responded_on
                        else "-",
                    ),
                    ("Closing note", f.closing_note or "-"),
                    (
                        "Closed",
                        f"{day(f.closed_on)} by {formats.person(f.closed_by)}"
                        if f.closed_on
                        else "-",
                    ),
                ]
            },
            {"actions": [("All findings", reverse("monitoring_findings"))]},
        ]
        return context


class FindingStep(OperationPage):
    def dispatch(self, request, *args, **kwargs):
        # Not MonitoringFrame's state-only check: the agency's director responds here.
        if not permissions.can_view_findings(request.user):
            raise PermissionDenied
        self.finding = get_object_or_404(
            permissions.visible_findings(request.user), pk=kwargs["pk"]
        )
        return super(OperationPage, self).dispatch(request, *args, **kwargs)

    def back_url(self):
        return finding_url(self.finding.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = [
            ("Finding", self.finding.text),
            ("Corrective action required", self.finding.action_required),
            ("Due", day(self.finding.due_on)),
        ]
        return context


class RespondView(FindingStep):
    form_class = ResponseForm
    submit_label = "Send the response"

    def get_page_title(self):
        return f"Respond to finding #{self.finding.pk}"

    def decision(self):
        return permissions.can_respond(self.request.user, self.finding)

    def get_initial(self):
        return {"responded_on": clock.local_today(), "response": self.finding.response}

    def run(self, data):
        return operations.respond_to_finding(self.request.user, finding_id=self.finding.pk, **data)

    def success_message(self, result):
        return "Response sent to the state."


class CloseView(FindingStep):
    form_class = CloseForm
    submit_label = "Close the finding"

    def get_page_title(self):
        return f"Close finding #{self.finding.pk}"

    def decision(self):
        return permissions.can_close(self.request.user, self.finding)

    def get_initial(self):
        return {"closed_on": clock.local_today()}

    def run(self, data):
        return operations.close_finding(self.request.user, finding_id=self.finding.pk, **data)

    def success_message(self, result):
        return f"{result} closed."
