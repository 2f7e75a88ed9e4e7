"""Every award side by side: balances, pace and lapse warnings, in a fixed number of queries.

Pure reads, like ``grants.ledger`` (whose ``Outlook`` each row wraps). Four queries whatever the
number of awards, lines and draws: awards, lines, draw sums by line and status, match by award.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from voca.money import round_cents

from .ledger import Outlook, _balances
from .models import ZERO, Award, BudgetLine, Draw, MatchContribution

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
        return self.outlook.today <= self.award.liquidation_end

    @property
    def lapse_warnings(self) -> list[str]:
        b, number, messages = self.balances, self.award.federal_award_number, []
        if 0 <= self.days_left <= LAPSE_WARNING_DAYS[-1] and b.remaining > 0:
            within = min(d for d in LAPSE_WARNING_DAYS if d >= self.days_left)
            messages.append(
                f"{number}: {self.days_left} days left (under {within}) and "
                f"${b.remaining:,.2f} not yet spent or committed."
            )
        if self.days_left >= 0 and self.outlook.projected_lapse > 0:
            messages.append(
                f"{number}: at today's rate ${self.outlook.projected_lapse:,.2f} will lapse on "
                f"{self.award.period_end:%d %b %Y}."
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
    def closed(self) -> list[AwardRow]:
        return [r for r in self.rows if not r.is_open]

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
    today = today or timezone.localdate()
    awards = list(Award.objects.order_by("period_end", "pk"))
    ids = [a.pk for a in awards]
    lines: dict[int, list[BudgetLine]] = {pk: [] for pk in ids}
    for line in BudgetLine.objects.filter(award_id__in=ids):
        lines[line.award_id].append(line)
    draws: dict[int, list] = {pk: [] for pk in ids}
    sums = (
        Draw.objects.filter(award_id__in=ids)
        .values_list("award_id", "line_id", "status")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    for award_id, line_id, status, amount in sums:
        draws[award_id].append((line_id, status, round_cents(amount)))
    match = dict(
        MatchContribution.objects.filter(award_id__in=ids)
        .values_list("award_id")
        .annotate(s=Sum("value"))
        .order_by()
    )
    rows = tuple(
        AwardRow(
            a,
            Outlook(_balances(a, None, lines[a.pk], draws[a.pk], match.get(a.pk) or ZERO), today),
        )
        for a in awards
    )
    return Portfolio(today, rows)
