"""Every award side by side: balances, pace and lapse warnings, in a fixed number of queries.

Pure reads, like ``grants.ledger`` (whose ``Outlook`` each row wraps). Three queries whatever the
number of awards, lines and draws: awards (with their close-out), then
``ledger.current_balances_of``'s lines with their balances (summed by line) and match by award.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from voca import formats

from .ledger import Outlook, current_balances_of
from .models import ZERO, Award
from .operations.base import today as ledger_today

# Days before the end of the period of performance at which unspent money is flagged.
LAPSE_WARNING_DAYS = (30, 60, 90)


@dataclass(frozen=True)
class AwardRow:
    award: Award
    outlook: Outlook

    @property
    def balances(self):
        return self.outlook.balances

    @property
    def days_left(self) -> int:
        return (self.award.period_end - self.outlook.today).days

    @property
    def is_open(self) -> bool:
        """Open until its liquidation period ends: money may still be paid on it."""
        return not self.award.is_closed and self.outlook.today <= self.award.liquidation_end

    @property
    def awaiting_close_out(self) -> bool:
        """Past its liquidation period and not yet closed out (grants.closeout's checklist)."""
        return not self.award.is_closed and self.outlook.today > self.award.liquidation_end

    @property
    def lapse_warnings(self) -> list[str]:
        b, number, messages = self.balances, self.award.federal_award_number, []
        if 0 <= self.days_left <= LAPSE_WARNING_DAYS[-1] and b.remaining > 0:
            within = min(d for d in LAPSE_WARNING_DAYS if d >= self.days_left)
            messages.append(
                f"{number}: {self.days_left} days left (under {within}) and "
                f"${b.remaining:,.2f} not yet spent or committed."
            )
        outlook = self.outlook
        if self.days_left >= 0 and outlook.days_elapsed > 0 and outlook.projected_lapse > 0:
            messages.append(
                f"{number}: {outlook.projection_basis}, {formats.money(outlook.projected_lapse)} "
                f"of the {formats.money(b.remaining)} not yet spent or committed will lapse on "
                f"{formats.day(self.award.period_end)}."
            )
        return messages


@dataclass(frozen=True)
class Portfolio:
    today: dt.date
    rows: tuple[AwardRow, ...]

    @property
    def open(self) -> list[AwardRow]:
        return [r for r in self.rows if r.is_open]

    @property
    def awaiting_close_out(self) -> list[AwardRow]:
        return [r for r in self.rows if r.awaiting_close_out]

    @property
    def closed(self) -> list[AwardRow]:
        """Closed out: read-only, balances frozen in their close-out row."""
        return [r for r in self.rows if r.award.is_closed]

    @property
    def warnings(self) -> list[str]:
        return [w for r in self.open for w in r.lapse_warnings]

    def total(self, figure: str) -> Decimal:
        """One figure (e.g. ``paid``, ``match_required``) summed over the open awards."""
        return sum((getattr(r.balances, figure) for r in self.open), ZERO)

    @property
    def totals(self) -> dict[str, Decimal]:
        figures = ("total", "budgeted", "committed", "paid", "remaining")
        totals = {f: self.total(f) for f in (*figures, "match_required", "match_provided")}
        totals["projected_spend"] = sum((r.outlook.projected_spend for r in self.open), ZERO)
        return totals


def portfolio(today: dt.date | None = None) -> Portfolio:
    today = today or ledger_today()  # St. Louis today, or the clock the demo and tests set
    awards = list(Award.objects.select_related("close_out").lapsing_first())
    balances = current_balances_of(awards)
    return Portfolio(today, tuple(AwardRow(a, Outlook(balances[a.pk], today)) for a in awards))
