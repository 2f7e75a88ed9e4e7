"""Budget revisions: approved money moved between lines (steps in grants.workflows.REVISIONS)."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from voca import formats

from ..workflows import RevisionStatus
from .award import Award
from .base import ZERO, AppendOnlyModel, MoneyField, _two_decimals
from .lines import BudgetLine


@dataclass(frozen=True)
class RevisionSide:
    """One end of a revision (a line, or the award's unbudgeted money) and what the move does."""

    role: str  # "From" or "To"
    label: str
    budget: Decimal
    used: Decimal  # paid plus committed
    change: Decimal  # negative on the side the money leaves

    @property
    def budget_after(self) -> Decimal:
        return self.budget + self.change

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.used

    @property
    def remaining_after(self) -> Decimal:
        return self.budget_after - self.used


class BudgetRevision(AppendOnlyModel):
    """Moves approved budget between lines of one award (or from the award's unbudgeted balance)."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="revisions")
    from_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="revisions_out",
        null=True,
        blank=True,
        help_text="Leave empty to budget money not yet assigned to any line.",
    )
    to_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="revisions_in")
    amount = MoneyField("amount")
    reason = models.TextField()
    status = models.CharField(
        max_length=12, choices=RevisionStatus, default=RevisionStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-requested_at", "-pk"]
        permissions = [("approve_budgetrevision", "Can approve or reject budget revisions")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & _two_decimals("amount"),
                name="revision_amount_positive_cents",
            ),
            models.CheckConstraint(
                condition=~Q(from_line=models.F("to_line")), name="revision_two_lines"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="revision_requester_not_decider",
            ),
        ]

    def __str__(self):
        amount = formats.money(self.amount)
        return f"Budget revision #{self.pk}: {amount} ({self.get_status_display()})"

    @property
    def source_label(self) -> str:
        if self.from_line_id is None:
            return f"Not yet budgeted money of award {self.award.federal_award_number}"
        return str(self.from_line)

    def sides(self) -> tuple[RevisionSide, RevisionSide]:
        """Both ends as they stand now, and after the move (what the approver decides on)."""
        if self.from_line is None:
            unbudgeted = self.award.unbudgeted()
            source = RevisionSide("From", self.source_label, unbudgeted, ZERO, -self.amount)
        else:
            line = self.from_line
            used = line.balance().used
            source = RevisionSide("From", str(line), line.amount, used, -self.amount)
        to = self.to_line
        target = RevisionSide("To", str(to), to.amount, to.balance().used, self.amount)
        return source, target
