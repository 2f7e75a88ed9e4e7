"""Reading the ledger: balances now or as of any past moment, and where the award stands.

Pure reads. ``balances_as_of`` rebuilds every figure from the django-simple-history tables alone,
so a report for "30 Sep 2026, 23:59" comes out the same however the records changed afterwards
(exports reuse it for reproducible reports). Writers lock the award before saving, so history rows
of one award are inserted in time order and the latest row per record is the one with the highest
``history_id`` at or before the moment asked for.
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Sum

from voca import clock, formats
from voca.history import versions_as_of
from voca.money import round_cents

from .models import (
    ZERO,
    Award,
    BudgetLine,
    Draw,
    LineBalance,
    MatchContribution,
    Obligation,
    draw_sums,
    paid_on_or_before,
)

# Spending counts as slow when the share spent trails the share of the period elapsed by this much.
SLOW_MARGIN = Decimal("0.10")


@dataclass(frozen=True)
class AwardBalances:
    award_id: int
    federal_award_number: str
    as_of: dt.datetime | None
    total: Decimal
    period_start: dt.date
    period_end: dt.date
    match_required: Decimal
    match_provided: Decimal
    lines: tuple[LineBalance, ...] = field(default=())

    @property
    def budgeted(self) -> Decimal:
        """``Award.budgeted`` (the sum of the lines' amounts) of the lines as they stood at
        ``as_of``, read from history with their balances: summed from them, not asked again."""
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def unbudgeted(self) -> Decimal:
        return self.total - self.budgeted

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)

    @property
    def committed(self) -> Decimal:
        return sum((line.committed for line in self.lines), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.total - self.paid - self.committed

    @property
    def match_remaining(self) -> Decimal:
        return max(self.match_required - self.match_provided, ZERO)


def _balances(award: Award, as_of, lines, match_provided: Decimal) -> AwardBalances:
    return AwardBalances(
        award_id=award.pk,
        federal_award_number=award.federal_award_number,
        as_of=as_of,
        total=award.total_amount,
        period_start=award.period_start,
        period_end=award.period_end,
        match_required=award.required_match,
        # SQLite returns sums of DECIMAL columns with stray digits; money is whole cents.
        match_provided=round_cents(match_provided),
        lines=tuple(sorted(lines, key=lambda line: line.line_id)),
    )


NO_SUMS = (ZERO, ZERO, ZERO)


def _line_sums(draw_versions) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    """{line id: (paid, committed, liquidated)} of these draw history versions: the line-balance
    rule's ``draw_sums``, grouped by line in SQL."""
    sums = draw_versions.values_list("line_id").annotate(**draw_sums()).order_by()
    return {line_id: tuple(figures) for line_id, *figures in sums}


def _obligated(award_id: int, at: dt.datetime) -> dict[int, Decimal]:
    """{line id: sum of the obligations' amounts} as they stood at ``at``, from history."""
    versions = versions_as_of(Obligation.history.model, at, award_id=award_id)
    return dict(versions.values_list("line_id").annotate(s=Sum("amount")).order_by())


def current_balances_of(awards) -> dict[int, AwardBalances]:
    """Live balances of several awards at once: two queries whatever the number of awards, lines
    and draws (lines with their balances, ``BudgetLine.objects.with_balances``; match by award).
    The portfolio, the home panel and the dashboard use it."""
    awards = list(awards)
    ids = [a.pk for a in awards]
    lines: dict[int, list[LineBalance]] = {pk: [] for pk in ids}
    for line in BudgetLine.objects.filter(award_id__in=ids).with_balances().order_by():
        lines[line.award_id].append(line.balance())
    match = dict(
        MatchContribution.objects.filter(award_id__in=ids)
        .values_list("award_id")
        .annotate(s=Sum("value"))
        .order_by()
    )
    return {a.pk: _balances(a, None, lines[a.pk], match.get(a.pk) or ZERO) for a in awards}


def current_balances(award: Award) -> AwardBalances:
    """Balances from the live tables."""
    return current_balances_of([award])[award.pk]


def balances_as_of(award_id: int, at: dt.datetime) -> AwardBalances | None:
    """Balances exactly as they stood at ``at``, from history alone; None before the award."""
    award_version = versions_as_of(Award.history.model, at, id=award_id).first()
    if award_version is None:
        return None
    award = award_version.instance
    sums = _line_sums(versions_as_of(Draw.history.model, at, award_id=award_id))
    obligated = _obligated(award_id, at)
    lines = [
        LineBalance.of(v.instance, *sums.get(v.id, NO_SUMS), obligated.get(v.id, ZERO))
        for v in versions_as_of(BudgetLine.history.model, at, award_id=award_id)
    ]
    match = (
        versions_as_of(MatchContribution.history.model, at, award_id=award_id).aggregate(
            s=Sum("value")
        )["s"]
        or ZERO
    )
    return _balances(award, at, lines, match)


def balances_for_period(
    award_id: int, *, cut: dt.datetime, known_at: dt.datetime, paid_through: dt.date
) -> AwardBalances | None:
    """Balances for a report period: budget, match and commitments as recorded at ``cut``;
    payments as known at ``known_at`` and placed by their date paid (on or before
    ``paid_through``). A payment dated 28 Jun but recorded 3 Jul counts in June's figures for a
    report run on 15 Jul, not for one run on 1 Jul; a draw counted as paid is not committed.
    Obligations as recorded at ``cut``, less the payments against them counted as paid."""
    balances = balances_as_of(award_id, cut)
    if balances is None:
        return None
    history = Draw.history.model
    paid_versions = versions_as_of(history, known_at, award_id=award_id).filter(
        paid_on_or_before(paid_through)
    )
    paid = _line_sums(paid_versions)
    committed = _line_sums(
        versions_as_of(history, cut, award_id=award_id).exclude(id__in=paid_versions.values("id"))
    )
    lines = tuple(
        line.recounted(
            paid=paid.get(line.line_id, NO_SUMS)[0],
            committed=committed.get(line.line_id, NO_SUMS)[1],
            liquidated=paid.get(line.line_id, NO_SUMS)[2],
        )
        for line in balances.lines
    )
    return replace(balances, lines=lines)


def paid_by_obligation(
    award_id: int, *, known_at: dt.datetime, paid_through: dt.date
) -> dict[int, Decimal]:
    """{obligation id: paid against it}, placed as ``balances_for_period`` places payments (as
    known at ``known_at``, dated on or before ``paid_through``), by the line rule's
    ``draw_sums``: what SF-425 line 11's base counts of each subaward."""
    versions = versions_as_of(Draw.history.model, known_at, award_id=award_id).filter(
        paid_on_or_before(paid_through), obligation__isnull=False
    )
    sums = versions.values_list("obligation_id").annotate(**draw_sums()).order_by()
    return {obligation_id: round_cents(liquidated) for obligation_id, *_, liquidated in sums}


@dataclass(frozen=True)
class Outlook:
    """Where the award stands against its period of performance, at the current pace."""

    balances: AwardBalances
    today: dt.date

    @property
    def period_days(self) -> int:
        return (self.balances.period_end - self.balances.period_start).days + 1

    @property
    def days_elapsed(self) -> int:
        return min(max((self.today - self.balances.period_start).days + 1, 0), self.period_days)

    @property
    def elapsed_percent(self) -> Decimal:
        return (Decimal(self.days_elapsed) * 100 / self.period_days).quantize(Decimal("0.1"))

    @property
    def spent_percent(self) -> Decimal:
        b = self.balances
        return (b.paid * 100 / b.total).quantize(Decimal("0.1")) if b.total else ZERO

    @property
    def daily_pace(self) -> Decimal:
        if not self.days_elapsed:
            return ZERO
        return self.balances.paid / self.days_elapsed

    @property
    def days_left(self) -> int:
        return self.period_days - self.days_elapsed

    @property
    def projected_spend(self) -> Decimal:
        """Paid, plus the larger of spending ahead at the average pace and what is already
        committed (committed draws are paid first): so the projected lapse never exceeds the
        uncommitted balance."""
        ahead = max(self.daily_pace * self.days_left, self.balances.committed)
        return round_cents(self.balances.paid + ahead)

    @property
    def projection_basis(self) -> str:
        """How the projection was made, said with it: the window averaged, the pace, its start."""
        return (
            f"at the average spending of the last {self.days_elapsed:,} "
            f"day{'s' if self.days_elapsed != 1 else ''}, "
            f"{formats.money(round_cents(self.daily_pace))}/day, "
            f"from {formats.day(self.balances.period_start)}"
        )

    @property
    def run_out_date(self) -> dt.date | None:
        """The day the award is used up at this pace, when that falls inside the period."""
        pace = self.daily_pace
        if pace <= 0 or self.projected_spend < self.balances.total:
            return None
        days = int((self.balances.total / pace).to_integral_value(rounding="ROUND_CEILING"))
        day = self.balances.period_start + dt.timedelta(days=days - 1)
        return day if day <= self.balances.period_end else None

    @property
    def projected_lapse(self) -> Decimal:
        """What would be left unspent at the end of the period: at most the uncommitted balance."""
        return max(self.balances.total - self.projected_spend, ZERO)

    @property
    def spending_slow(self) -> bool:
        return (
            self.days_elapsed > 0
            and self.spent_percent + SLOW_MARGIN * 100 < self.elapsed_percent
            and self.projected_lapse > 0
        )

    @property
    def warnings(self) -> list[str]:
        messages = [
            f"{line.category_label} - {line.description}: {line.used_percent}% of the line is "
            "spent or committed."
            for line in self.balances.lines
            if line.near_limit
        ]
        if self.spending_slow:
            messages.append(
                f"Spending is slow: {self.spent_percent}% spent with {self.elapsed_percent}% of "
                f"the period gone; {self.projection_basis}, "
                f"{formats.money(self.projected_lapse)} would lapse."
            )
        return messages


def outlook(award: Award, today: dt.date | None = None) -> Outlook:
    return Outlook(current_balances(award), today or clock.local_today())
