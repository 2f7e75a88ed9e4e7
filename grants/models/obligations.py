"""Obligations: the money a subaward commits on a Subawards line of the state's award.

A subaward (the ``subawards`` app) obligates part of a Subawards budget line; payments on its
claims are paid draws on that same line that point to the obligation (``Draw.obligation``). The
line-balance rule (``grants.models.lines``) counts the obligation once: its unpaid part is
committed, its payments are paid. Written only by ``grants.operations.obligations``; never
deleted; every change is a new history version with who and why.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from voca import formats

from .award import Award
from .base import ZERO, AppendOnlyModel, AppendOnlyQuerySet, MoneyField, _cents, _two_decimals
from .lines import BudgetLine, draw_sums


class ObligationQuerySet(AppendOnlyQuerySet):
    def with_unpaid(self):
        """Obligations whose payments (paid draws against them) leave part of them unpaid."""
        paid = draw_sums("payments__")["liquidated_amount"]
        return self.annotate(paid_amount=paid).filter(amount__gt=models.F("paid_amount"))


class Obligation(AppendOnlyModel):
    """Money obligated on a Subawards line; ``amount`` is what is obligated now."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="obligations")
    line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name="budget line",
    )
    amount = MoneyField("amount obligated")
    reference = models.CharField(
        max_length=100, help_text="What obligates the money, e.g. the subaward number."
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    # Raised by every change: a form opened before another change is refused (check_version).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ObligationQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["line", "pk"]
        permissions = [("pay_obligation", "Can record payments against obligations")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & _two_decimals("amount"),
                name="obligation_amount_not_negative_cents",
            ),
        ]

    def __str__(self):
        return f"Obligation {self.reference}: {formats.money(self.amount)}"

    def paid(self) -> Decimal:
        """What was paid against it: its paid draws, reversals included (``draw_sums``)."""
        if self.pk is None:
            return ZERO
        return _cents(self.payments.aggregate(**draw_sums())["liquidated_amount"])

    def unpaid(self) -> Decimal:
        """What is obligated and not yet paid: the line's committed share of this obligation."""
        return self.amount - self.paid()
