"""The approved budget, line by federal cost category."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .award import Award
from .base import AppendOnlyModel, MoneyField, _two_decimals


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", "Personnel"
    FRINGE = "fringe", "Fringe Benefits"
    TRAVEL = "travel", "Travel"
    EQUIPMENT = "equipment", "Equipment"
    SUPPLIES = "supplies", "Supplies"
    CONTRACTUAL = "contractual", "Contractual/Consultants"
    OTHER = "other", "Other"
    INDIRECT = "indirect", "Indirect"


class BudgetLine(AppendOnlyModel):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="lines")
    category = models.CharField("federal cost category", max_length=20, choices=CostCategory)
    program = models.CharField(max_length=100, help_text="e.g. Victim Service Days")
    description = models.CharField(max_length=200)
    amount = MoneyField("approved amount")
    created_at = models.DateTimeField(auto_now_add=True)

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
    def short_label(self) -> str:
        """The line as a confirmation names it: Personnel, an en dash, Victim Service Days."""
        return f"{self.get_category_display()} \N{EN DASH} {self.program}"

    def paid(self) -> Decimal:
        return self.draws.paid_total()

    def committed(self) -> Decimal:
        return self.draws.committed_total()

    def remaining(self) -> Decimal:
        return self.amount - self.paid() - self.committed()
