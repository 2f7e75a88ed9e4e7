"""The risk factors computed from the records, one function each, in one table (``COMPUTED``).

Each takes the organization and the day of the assessment and returns ``Computed(score, note)``:
the note says what was counted, so the assessment documents itself. Late reports are the sum of
``LATE_REPORT_SOURCES`` (claims and quarterly performance reports).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from performance.schedule import slots
from subawards.models import Claim, ClaimComment, ClaimStatus, Subaward
from subawards.workflows import CLAIM_APPROVED, IN_FORCE
from voca.clock import local_date
from voca.money import round_cents

from .rules import CLAIM_LATE_AFTER_DAYS, LOOKBACK_DAYS


@dataclass(frozen=True)
class Computed:
    score: int
    note: str


def count_score(count: int) -> int:
    """0 events: 0; 1: 1; 2: 2; 3 or more: 3."""
    return min(count, 3)


def _since(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=LOOKBACK_DAYS)


def late_claims(organization, day: dt.date) -> tuple[int, str]:
    """Claims of the last 12 months first submitted more than CLAIM_LATE_AFTER_DAYS after their
    period ended."""
    claims = Claim.objects.filter(
        subaward__subrecipient=organization, period_end__gte=_since(day), period_end__lte=day
    ).prefetch_related("rounds")
    late = 0
    for claim in claims:
        first = min((r.submitted_at for r in claim.rounds.all()), default=claim.submitted_at)
        if (local_date(first) - claim.period_end).days > CLAIM_LATE_AFTER_DAYS:
            late += 1
    return (
        late,
        f"{late} of {len(claims)} claims submitted more than {CLAIM_LATE_AFTER_DAYS} days late",
    )


def late_quarterly_reports(organization, day: dt.date) -> tuple[int, str]:
    """Quarterly performance reports due in the last 12 months that came in late (after the due
    date, ``performance.models.due_on``) or are still missing (``performance.schedule``)."""
    since = _since(day)
    subawards = Subaward.objects.with_current().filter(
        subrecipient=organization, obligation__isnull=False
    )
    due = [s for s in slots(subawards, day) if since <= s.due_on < day]
    late = sum(1 for s in due if s.report is not None and s.report.late)
    missing = sum(1 for s in due if s.missing(day))
    return (
        late + missing,
        f"{late} of {len(due)} quarterly reports due in the last 12 months submitted late, "
        f"{missing} missing",
    )


# (organization, day) -> (how many late, what was counted).
LATE_REPORT_SOURCES: list[Callable[[object, dt.date], tuple[int, str]]] = [
    late_claims,
    late_quarterly_reports,
]


def late_reports(organization, day: dt.date) -> Computed:
    counted = [source(organization, day) for source in LATE_REPORT_SOURCES]
    total = sum(n for n, _ in counted)
    return Computed(count_score(total), "; ".join(note for _, note in counted) + ".")


def claims_sent_back(organization, day: dt.date) -> Computed:
    """Claims the state sent back (each send-back once) or rejected in the last 12 months."""
    comments = ClaimComment.objects.filter(
        claim__subaward__subrecipient=organization,
        written_at__date__range=(_since(day), day),  # days in St. Louis (TIME_ZONE)
    )
    sent_back = comments.filter(step="send_back").count()
    rejected = comments.filter(step="reject").count()
    return Computed(
        count_score(sent_back + rejected),
        f"{sent_back} sent back and {rejected} rejected in the last 12 months.",
    )


def _variance_score(points: Decimal) -> int:
    if points < 10:
        return 0
    if points < 25:
        return 1
    if points < 50:
        return 2
    return 3


def budget_variance(organization, day: dt.date) -> Computed:
    """The widest gap, over the agency's subawards in force on ``day``, between the share of the
    budget approved in claims and the share of the period elapsed (in percentage points)."""
    from subawards.models import Subaward

    worst, notes = Decimal("0"), []
    subawards = Subaward.objects.filter(subrecipient=organization).filter(
        versions__status__in=sorted(IN_FORCE)
    )
    for subaward in subawards.distinct().order_by("number"):
        version = subaward.current_version()
        if version is None or not (version.period_start <= day):
            continue
        budget = sum(version.budget().values(), Decimal("0"))
        if not budget:
            continue
        days = (version.period_end - version.period_start).days + 1
        elapsed = min((day - version.period_start).days + 1, days)
        claimed = sum(
            (
                c.approved_total or Decimal("0")
                for c in subaward.claims.filter(
                    Q(status__in=sorted(CLAIM_APPROVED)), ~Q(status=ClaimStatus.REJECTED)
                )
            ),
            Decimal("0"),
        )
        spent_pct = round_cents(claimed / budget * 100)
        time_pct = round_cents(Decimal(elapsed) / Decimal(days) * 100)
        gap = abs(time_pct - spent_pct)
        worst = max(worst, gap)
        notes.append(f"{subaward.number}: {spent_pct}% claimed, {time_pct}% of the period")
    if not notes:
        return Computed(0, "No subaward in force yet: nothing to compare.")
    return Computed(_variance_score(worst), "; ".join(notes) + ".")


COMPUTED: dict[str, Callable[[object, dt.date], Computed]] = {
    "late_reports": late_reports,
    "claims_sent_back": claims_sent_back,
    "budget_variance": budget_variance,
}
