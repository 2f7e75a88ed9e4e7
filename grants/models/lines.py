"""The approved budget, line by federal cost category."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from .award import Award
from .base import ZERO, AppendOnlyModel, AppendOnlyQuerySet, MoneyField, _cents, _two_decimals


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", "Personnel"
    FRINGE = "fringe", "Fringe Benefits"
    TRAVEL = "travel", "Travel"
    EQUIPMENT = "equipment", "Equipment"
    SUPPLIES = "supplies", "Supplies"
    CONTRACTUAL = "contractual", "Contractual/Consultants"
    OTHER = "other", "Other"
    INDIRECT = "indirect", "Indirect"


class BudgetLineQuerySet(AppendOnlyQuerySet):
    def open_for_draws(self, day):
        """Lines a cost incurred on ``day`` may be charged to: awards not closed, in period."""
        return self.filter(
            award__closed_at__isnull=True, award__period_start__lte=day, award__period_end__gte=day
        )

    def lapsing_first(self):
        """Lines in the order their award's money lapses (Award.objects.lapsing_first)."""
        return self.order_by("award__period_end", "award__period_start", "award_id", "pk")

    def with_used(self):
        """Each line with ``used_amount``: paid plus committed, in the same query."""
        from .draws import USING_STATUSES  # draws.py imports this module

        used = Sum("draws__amount", filter=Q(draws__status__in=USING_STATUSES))
        return self.annotate(used_amount=Coalesce(used, ZERO, output_field=models.DecimalField()))

    def choices_for_draws(self, day) -> list["LineChoice"]:
        """Lines open on ``day``, lapsing first, each with what is left, its days left and
        whether it is the suggestion: of the lines with the same category and program on several
        awards, the one with money left whose award lapses first. Two queries."""
        lines = list(self.open_for_draws(day).with_used().select_related("award").lapsing_first())
        groups: dict[tuple[str, str], list[BudgetLine]] = {}
        for line in lines:
            groups.setdefault((line.category, line.program.strip().casefold()), []).append(line)
        choices = []
        for group in groups.values():
            suggested = next((li for li in group if li.amount - _cents(li.used_amount) > 0), None)
            for line in group:
                choices.append(
                    LineChoice(
                        line=line,
                        remaining=line.amount - _cents(line.used_amount),
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

    def paid(self) -> Decimal:
        return self.draws.paid_total()

    def committed(self) -> Decimal:
        return self.draws.committed_total()

    def remaining(self) -> Decimal:
        return self.amount - self.paid() - self.committed()


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
