"""The approved budget, line by federal cost category, and what is left on each line.

What is paid, committed, used and left on a budget line is ONE rule, here: paid and committed are
SQL sums over the line's draws, grouped by line, over the states the draw workflow says spend or
commit money (``grants.workflows.DRAWS``), so no draw is loaded into Python. The live tables
(``BudgetLineQuerySet.with_balances``) and the history tables (``grants.ledger``, as of any past
moment) both sum with ``draw_sums``; ``LineBalance`` derives used, left and the shares. The
overdraw refusal, the draw form's choices, the dashboards and every report read it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from voca.money import round_cents

from ..workflows import DRAWS
from .award import Award, award_open_on, lapsing_order
from .base import ZERO, AppendOnlyModel, AppendOnlyQuerySet, MoneyField, _two_decimals

# A line with at least this share of its budget used is flagged on the dashboard.
NEAR_LIMIT = Decimal("0.90")


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", "Personnel"
    FRINGE = "fringe", "Fringe Benefits"
    TRAVEL = "travel", "Travel"
    EQUIPMENT = "equipment", "Equipment"
    SUPPLIES = "supplies", "Supplies"
    CONTRACTUAL = "contractual", "Contractual/Consultants"
    OTHER = "other", "Other"
    INDIRECT = "indirect", "Indirect"


def draw_sums(via: str = "") -> dict[str, Coalesce]:
    """``paid_amount`` and ``committed_amount`` as aggregates over draw rows reached through
    ``via``: "draws__" from budget lines; "" over draws, or their history versions, grouped by
    ``line_id``. The draw states come from the workflow table."""

    def total(states) -> Coalesce:
        amount = Sum(f"{via}amount", filter=Q(**{f"{via}status__in": sorted(states)}))
        return Coalesce(amount, ZERO, output_field=models.DecimalField())

    return {
        "paid_amount": total(DRAWS.spent_states),
        "committed_amount": total(DRAWS.committed_states),
    }


class BudgetLineQuerySet(AppendOnlyQuerySet):
    def open_for_draws(self, day):
        """Lines a cost incurred on ``day`` may be charged to: their award is open for it
        (``award_open_on``, the rule awards use)."""
        return self.filter(award_open_on(day, "award__"))

    def lapsing_first(self):
        """Lines in the order their award's money lapses (Award.objects.lapsing_first)."""
        return self.order_by(*lapsing_order("award__"), "pk")

    def with_balances(self):
        """Each line with ``paid_amount`` and ``committed_amount`` (``draw_sums``) in the same
        query, one GROUP BY line; ``BudgetLine.balance()`` reads them."""
        return self.annotate(**draw_sums("draws__"))

    def choices_for_draws(self, day) -> list["LineChoice"]:
        """Lines open on ``day``, lapsing first, each with what is left, its days left and
        whether it is the suggestion: of the lines with the same category and program on several
        awards, the one with money left whose award lapses first. One query."""
        lines = self.open_for_draws(day).with_balances().select_related("award").lapsing_first()
        groups: dict[tuple[str, str], list[BudgetLine]] = {}
        for line in lines:
            groups.setdefault((line.category, line.program.strip().casefold()), []).append(line)
        choices = []
        for group in groups.values():
            suggested = next((li for li in group if li.balance().remaining > 0), None)
            for line in group:
                choices.append(
                    LineChoice(
                        line=line,
                        remaining=line.balance().remaining,
                        days_left=line.award.days_left(day),
                        on_several_awards=len({li.award_id for li in group}) > 1,
                        suggested=line is suggested and len(group) > 1,
                    )
                )
        return choices


class BudgetLine(AppendOnlyModel):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="lines")
    category = models.CharField("federal cost category", max_length=20, choices=CostCategory)
    program = models.CharField(max_length=100, help_text="e.g. Victim Service Days")
    description = models.CharField(max_length=200)
    amount = MoneyField("approved amount")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BudgetLineQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["award", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & _two_decimals("amount"),
                name="line_amount_not_negative_cents",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} - {self.program}: {self.description}"

    @property
    def award_label(self) -> str:
        """The line wherever lines of several awards are offered: "FAIN — line"."""
        return f"{self.award.federal_award_number} \N{EM DASH} {self}"

    @property
    def short_label(self) -> str:
        """The line as a confirmation names it: Personnel, an en dash, Victim Service Days."""
        return f"{self.get_category_display()} \N{EN DASH} {self.program}"

    def balance(self) -> "LineBalance":
        """The line's money now: from ``with_balances()``'s figures when the line was read with
        them, else by that same query for this line alone."""
        if hasattr(self, "paid_amount"):
            return LineBalance.of(self, self.paid_amount, self.committed_amount)
        sums = BudgetLine.objects.filter(pk=self.pk).with_balances()
        return LineBalance.of(self, *sums.values_list("paid_amount", "committed_amount").get())

    def paid(self) -> Decimal:
        return self.balance().paid

    def committed(self) -> Decimal:
        return self.balance().committed

    def remaining(self) -> Decimal:
        return self.balance().remaining


@dataclass(frozen=True)
class LineBalance:
    """One budget line's money: approved amount, paid, committed; used and left follow."""

    line_id: int
    category: str
    program: str
    description: str
    amount: Decimal
    paid: Decimal
    committed: Decimal

    @classmethod
    def of(cls, line, paid, committed) -> "LineBalance":
        """``line`` (a BudgetLine or a history version's instance) with its ``draw_sums``, in
        whole cents (SQLite returns sums of DECIMAL columns with stray digits)."""
        return cls(
            line_id=line.pk,
            category=line.category,
            program=line.program,
            description=line.description,
            amount=line.amount,
            paid=round_cents(Decimal(paid or 0)),
            committed=round_cents(Decimal(committed or 0)),
        )

    @property
    def category_label(self) -> str:
        return CostCategory(self.category).label if self.category in CostCategory.values else ""

    @property
    def used(self) -> Decimal:
        """Paid plus committed: what the line can no longer spend."""
        return self.paid + self.committed

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used

    @property
    def used_percent(self) -> Decimal:
        if not self.amount:
            return Decimal(100) if self.used else ZERO
        return (self.used * 100 / self.amount).quantize(Decimal("0.1"))

    @property
    def paid_percent(self) -> Decimal:
        if not self.amount:
            return ZERO
        return (self.paid * 100 / self.amount).quantize(Decimal("0.1"))

    @property
    def committed_percent(self) -> Decimal:
        return self.used_percent - self.paid_percent if self.amount else ZERO

    @property
    def near_limit(self) -> bool:
        return self.amount > 0 and self.used >= self.amount * NEAR_LIMIT


@dataclass(frozen=True)
class LineChoice:
    """One budget line as the draw form offers it."""

    line: BudgetLine
    remaining: Decimal
    days_left: int
    on_several_awards: bool
    suggested: bool

    @property
    def group_label(self) -> str:
        return self.line.short_label
