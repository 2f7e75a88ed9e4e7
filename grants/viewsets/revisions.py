"""Screens of budget revisions: request one, then approve or reject it (workflows.REVISIONS)."""

from django.urls import reverse
from wagtail.admin.views import generic

from voca import formats
from voca.columns import MoneyColumn, PersonColumn

from .. import operations
from ..filters import RevisionFilterSet
from ..forms import RevisionForm
from ..models import BudgetRevision
from ..workflows import REVISIONS
from .actions import ActionView
from .base import LedgerInspectView, LedgerViewSet, OperationCreateView, timeline


class RevisionCreateView(OperationCreateView):
    def run_operation(self, data):
        source_award_id, from_line = data["from_line"]
        return operations.request_revision(
            actor=self.request.user,
            # Unbudgeted money is the chosen award's; a line's move is within the receiving award.
            award_id=data["to_line"].award_id if from_line else source_award_id,
            from_line_id=from_line.pk if from_line else None,
            to_line_id=data["to_line"].pk,
            amount=data["amount"],
            reason=data["reason"],
        )


class RevisionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("award", "from_line", "to_line", "requested_by")
        )


class RevisionInspectView(LedgerInspectView):
    step_url_name = "grants_revision_action"


class RevisionViewSet(LedgerViewSet):
    model = BudgetRevision
    icon = "resubmit"
    menu_label = "Budget revisions"
    add_view_class = RevisionCreateView
    index_view_class = RevisionIndexView
    inspect_view_class = RevisionInspectView
    add_form_class = RevisionForm
    list_display = [
        "__str__",
        "award",
        "from_line",
        "to_line",
        MoneyColumn("amount"),
        "status",
        PersonColumn("requested_by", label="Requested by"),
    ]
    filterset_class = RevisionFilterSet
    form_fields = ["reason"]
    inspect_view_fields_exclude = ["id"]


class RevisionActionView(ActionView):
    model = BudgetRevision
    workflow = REVISIONS
    id_kwarg = "revision_id"
    step_operations = {"approve": operations.approve_revision, "reject": operations.reject_revision}

    def get_context_data(self, **kwargs):
        # What moves, from where to where, with both ends' balances now and after, on one page.
        context = super().get_context_data(**kwargs)
        revision = self.object
        context["summary"] = [
            ("Award", revision.award.label),
            ("Amount to move", formats.money(revision.amount)),
            ("From", revision.source_label),
            ("To", str(revision.to_line)),
            ("Requested by", formats.person(revision.requested_by)),
            ("Requested", formats.moment(revision.requested_at)),
            ("Reason", revision.reason),
        ]
        context["sides"] = revision.sides()
        context["entries"] = list(reversed(timeline(revision)))
        return context

    def done_message(self, result) -> str:
        source = (
            "the award's unbudgeted money"
            if result.from_line is None
            else result.from_line.short_label
        )
        return (
            f"Budget revision #{result.pk} {self.step.done}: {formats.money(result.amount)} "
            f"from {source} to {result.to_line.short_label} of award {result.award}."
        )

    def back_url(self):
        return reverse("grants_revisions:inspect", args=(self.object.pk,))
