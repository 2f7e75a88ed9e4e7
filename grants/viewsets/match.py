"""Screens of non-federal match contributions."""

from voca.columns import DayColumn, MoneyColumn

from .. import operations
from ..forms import MatchForm
from ..models import MatchContribution
from .base import LedgerInspectView, LedgerViewSet, OperationCreateView


class MatchCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.record_match(
            actor=self.request.user,
            award_id=data["award"].pk,
            contributed_on=data["contributed_on"],
            kind=data["kind"],
            description=data["description"],
            value=data["value"],
            hours=data["hours"] or None,
            hourly_rate=data["hourly_rate"],
            document=data["document"],
            reason=data["reason"],
        )


class MatchViewSet(LedgerViewSet):
    model = MatchContribution
    icon = "group"
    menu_label = "Match"
    add_view_class = MatchCreateView
    inspect_view_class = LedgerInspectView
    add_form_class = MatchForm
    list_display = [
        DayColumn("contributed_on", label="Date"),
        "kind",
        "description",
        MoneyColumn("value"),
    ]
    list_filter = ["kind", "award"]
    form_fields = ["description"]
    inspect_view_fields_exclude = ["id"]
