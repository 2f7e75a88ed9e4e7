"""The state's administrative share (28 CFR 94.107): what each award plans and spends on the
state's own administration and training, against the cap of 5% of the award.

One rule, here: the cap is 5% of the award's total, rounded half-up to the cent; the lines marked
``is_administration`` count against it. ``cap_refusal`` is the one check that the operations
which give a line money (a new line, an approved budget revision) call.
"""

from dataclasses import dataclass
from decimal import Decimal

from voca.formats import money as _usd
from voca.money import round_cents

from .models import ZERO, Award, BudgetLine

# 28 CFR 94.107: at most this share of each award for the state's administration and training.
ADMIN_SHARE = Decimal("0.05")
CITATION = "28 CFR 94.107"


def admin_cap(total_amount: Decimal) -> Decimal:
    """5% of the award, half-up to the cent."""
    return round_cents(Decimal(total_amount) * ADMIN_SHARE)


@dataclass(frozen=True)
class AdminShare:
    """One award's administration and training: the cap and what its admin lines hold."""

    award_number: str
    total: Decimal
    cap: Decimal
    budgeted: Decimal
    committed: Decimal
    spent: Decimal
    lines: int

    @property
    def left_under_cap(self) -> Decimal:
        """What more may still be budgeted for administration (negative: over the cap)."""
        return self.cap - self.budgeted

    @property
    def used(self) -> Decimal:
        return self.spent + self.committed

    @property
    def within_cap(self) -> bool:
        return self.budgeted <= self.cap

    @property
    def budgeted_percent(self) -> Decimal:
        return (self.budgeted * 100 / self.total).quantize(Decimal("0.01")) if self.total else ZERO


def admin_share(award: Award) -> AdminShare:
    """The award's administrative share now, from the ledger's line balances (one query)."""
    lines = BudgetLine.objects.filter(award=award, is_administration=True).with_balances()
    balances = [line.balance() for line in lines]
    return AdminShare(
        award_number=award.federal_award_number,
        total=award.total_amount,
        cap=admin_cap(award.total_amount),
        budgeted=sum((b.amount for b in balances), ZERO),
        committed=sum((b.committed for b in balances), ZERO),
        spent=sum((b.paid for b in balances), ZERO),
        lines=len(balances),
    )


def admin_budgeted(award: Award) -> Decimal:
    lines = BudgetLine.objects.filter(award=award, is_administration=True)
    return sum((amount for amount in lines.values_list("amount", flat=True)), ZERO)


def cap_refusal(award: Award, more: Decimal) -> str:
    """Why ``more`` for administration and training may not be budgeted on ``award`` (empty
    when it may): all admin lines together stay within 5% of the award."""
    cap = admin_cap(award.total_amount)
    budgeted = admin_budgeted(award)
    if more <= 0 or budgeted + more <= cap:
        return ""
    return (
        f"Administration and training may be at most 5% of award {award.federal_award_number} "
        f"({_usd(cap)}, {CITATION}); {_usd(budgeted)} is already budgeted for it, so at most "
        f"{_usd(max(cap - budgeted, ZERO))} more can be (this would add {_usd(more)})."
    )
