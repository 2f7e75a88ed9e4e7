"""Screens of budget revisions: request one, then approve or reject it (workflows.REVISIONS)."""

from django.urls import reverse
from wagtail.admin.widgets.button import HeaderButton

from voca.columns import MoneyColumn, PersonColumn

from .. import operations, permissions
from ..forms import RevisionForm
from ..models import BudgetRevision
from ..workflows import REVISIONS
from .actions import ActionView
from .base import LedgerInspectView, LedgerViewSet, OperationCreateView


class RevisionCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.request_revision(
            actor=self.request.user,
            award_id=data["to_line"].award_id,
            from_line_id=data["from_line"].pk if data["from_line"] else None,
            to_line_id=data["to_line"].pk,
            amount=data["amount"],
            reason=data["reason"],
        )


class RevisionInspectView(LedgerInspectView):
    def get_action_buttons(self):
        for step in REVISIONS.available(self.object):
            if permissions.can_take(self.request.user, step):
                yield HeaderButton(
                    step.label,
                    url=reverse("grants_revision_action", args=(self.object.pk, step.name)),
                    icon_name=step.icon,
                )


class RevisionViewSet(LedgerViewSet):
    model = BudgetRevision
    icon = "resubmit"
    menu_label = "Budget revisions"
    add_view_class = RevisionCreateView
    inspect_view_class = RevisionInspectView
    add_form_class = RevisionForm
    list_display = [
        "__str__",
        "from_line",
        "to_line",
        MoneyColumn("amount"),
        "status",
        PersonColumn("requested_by", label="Requested by"),
    ]
    list_filter = ["status", "award"]
    form_fields = ["reason"]
    inspect_view_fields_exclude = ["id"]


class RevisionActionView(ActionView):
    model = BudgetRevision
    workflow = REVISIONS
    id_kwarg = "revision_id"
    step_operations = {"approve": operations.approve_revision, "reject": operations.reject_revision}

    def back_url(self):
        return reverse("grants_revisions:inspect", args=(self.object.pk,))
