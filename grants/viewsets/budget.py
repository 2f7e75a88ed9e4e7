"""Screens of the award and its approved budget lines."""

from django.urls import reverse
from wagtail.admin.widgets.button import HeaderButton

from voca import formats, site
from voca.columns import DayColumn, MoneyColumn

from .. import operations
from ..admin_share import admin_share
from ..forms import AwardForm, BudgetLineForm
from ..models import Award, BudgetLine, CostCategory
from .base import LedgerInspectView, LedgerViewSet, OperationCreateView


class AwardCreateView(OperationCreateView):
    def get_initial(self):
        initial = super().get_initial()
        # The administering agency is a site setting; it changes over the years.
        agency = site.agency_name(self.request)
        if agency is not None:
            initial["administering_agency"] = agency
        return initial

    def run_operation(self, data):
        return operations.create_award(actor=self.request.user, **data)


class AwardInspectView(LedgerInspectView):
    def get_action_buttons(self):
        yield HeaderButton(
            "Dashboard",
            url=reverse("grants_dashboard") + f"?award={self.object.pk}",
            icon_name="table",
        )
        yield HeaderButton(
            "Balances as of…",
            url=reverse("grants_balances") + f"?award={self.object.pk}",
            icon_name="date",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fields"].append(
            {"label": "Required match", "value": formats.money(self.object.required_match)}
        )
        share = admin_share(self.object)
        for label, value in (
            ("Administration and training cap (5%, 28 CFR 94.107)", share.cap),
            ("Administration and training budgeted", share.budgeted),
            ("Administration and training committed", share.committed),
            ("Administration and training spent", share.spent),
            ("Left under the administration cap", share.left_under_cap),
        ):
            context["fields"].append({"label": label, "value": formats.money(value)})
        return context


class AwardViewSet(LedgerViewSet):
    model = Award
    icon = "doc-full-inverse"
    menu_label = "Awards"
    add_view_class = AwardCreateView
    inspect_view_class = AwardInspectView
    add_form_class = AwardForm
    list_display = [
        "federal_award_number",
        "federal_fiscal_year",
        MoneyColumn("total_amount", label="Total"),
        DayColumn("period_start", label="Period starts"),
        DayColumn("period_end", label="Period ends"),
    ]
    form_fields = ["federal_award_number"]
    inspect_view_fields_exclude = ["id"]


class BudgetLineCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.add_budget_line(
            actor=self.request.user,
            award_id=data["award"].pk,
            category=data["category"],
            program=data["program"],
            description=data["description"],
            amount=data["amount"],
            reason=data["reason"],
            administration=data["administration"],
        )


class BudgetLineInspectView(LedgerInspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        balance = self.object.balance()
        figures = [
            ("Paid", balance.paid),
            ("Committed (submitted and approved draws, unpaid obligations)", balance.committed),
            ("Remaining", balance.remaining),
        ]
        if self.object.category == CostCategory.SUBAWARDS:
            # Shown, never added again: its unpaid part is in committed, its payments in paid.
            figures.insert(0, ("Obligated by subawards (paid and unpaid)", balance.obligated))
        for label, value in figures:
            context["fields"].append({"label": label, "value": formats.money(value)})
        return context


class BudgetLineViewSet(LedgerViewSet):
    model = BudgetLine
    icon = "list-ul"
    menu_label = "Budget lines"
    add_view_class = BudgetLineCreateView
    inspect_view_class = BudgetLineInspectView
    add_form_class = BudgetLineForm
    list_display = [
        "description",
        "category",
        "program",
        MoneyColumn("amount"),
        "is_administration",
        "award",
    ]
    list_filter = ["award", "category", "is_administration"]
    form_fields = ["description"]
    inspect_view_fields_exclude = ["id"]
