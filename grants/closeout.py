"""What must hold before an award is closed out: the checklist, as pure reads.

``operations.close_out_award`` refuses until every item holds; the close-out screen shows the
same list. The period of performance and the 120-day liquidation period (2 CFR 200.344) must be
over, nothing may still be committed or awaiting a budget decision, the final SF-425 must have
been generated after the liquidation period, the unobligated balance is stated for
de-obligation, the match met (after any waiver) and the close-out documents attached.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.dateparse import parse_datetime

from voca import formats
from voca.clock import local_date

from .ledger import AwardBalances, current_balances
from .models import Award, BudgetRevision, Draw, ExportLog, Obligation, RevisionStatus

FINAL_FFR_REPORT = "sf425"


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    holds: bool
    detail: str


@dataclass(frozen=True)
class Checklist:
    award: Award
    balances: AwardBalances
    items: tuple[Item, ...]
    final_ffr: ExportLog | None

    @property
    def deobligate(self) -> Decimal:
        """The unobligated balance (SF-425 10h once nothing is committed): total less paid."""
        return self.balances.total - self.balances.paid

    @property
    def ready(self) -> bool:
        return all(item.holds for item in self.items)

    def refusals(self) -> list[str]:
        return [f"{item.label}: {item.detail}" for item in self.items if not item.holds]


def final_ffr(award: Award) -> ExportLog | None:
    """The latest SF-425 of this award read as of a moment after its liquidation period."""
    for log in ExportLog.objects.filter(
        report=FINAL_FFR_REPORT, parameters__award=award.federal_award_number
    ).order_by("-created_at", "-pk"):
        as_of = parse_datetime(log.parameters.get("as_of") or "")
        if as_of is not None and local_date(as_of) > award.liquidation_end:
            return log
    return None


def _committed_detail(draws: int, obligations: int, amount: Decimal) -> str:
    if not (draws or obligations):
        return "no draw is submitted or approved and unpaid, no subaward obligation unpaid"
    what, steps = [], []
    if draws:
        what.append(f"{draws} draw(s) submitted or approved and not paid")
        steps.append("pay or reject them first")
    if obligations:
        what.append(f"{obligations} subaward obligation(s) not paid in full")
        steps.append("pay the obligations or lower them to what was paid (de-obligate)")
    return f"{' and '.join(what)} ({formats.money(amount)}): {'; '.join(steps)}"


def checklist(award: Award, today: dt.date, *, has_document: bool = False) -> Checklist:
    b = current_balances(award)
    committed = Draw.objects.filter(award=award).committed().count()
    unpaid = Obligation.objects.filter(award=award).with_unpaid().count()
    revisions = BudgetRevision.objects.filter(award=award, status=RevisionStatus.REQUESTED).count()
    ffr = final_ffr(award)
    over = today > award.liquidation_end
    waived = award.match_waiver_percent
    items = (
        Item(
            "period",
            "Period of performance and liquidation period over",
            over,
            f"the period ended {formats.day(award.period_end)}; liquidation "
            f"{'ended' if over else 'runs until'} {formats.day(award.liquidation_end)}",
        ),
        Item(
            "committed",
            "No obligation left to liquidate",
            committed == 0 and unpaid == 0,
            _committed_detail(committed, unpaid, b.committed),
        ),
        Item(
            "revisions",
            "No budget revision awaiting a decision",
            revisions == 0,
            "none requested and undecided"
            if revisions == 0
            else f"{revisions} budget revision(s) requested: approve or reject them first",
        ),
        Item(
            "ffr",
            "Final SF-425 generated",
            ffr is not None,
            f"export #{ffr.pk} of {formats.moment(ffr.created_at)}"
            if ffr
            else "generate the SF-425 for this award as of a moment after "
            f"{formats.day(award.liquidation_end)} (Compliance reports)",
        ),
        Item(
            "deobligate",
            "Unobligated balance to be de-obligated",
            True,
            f"{formats.money(b.total - b.paid)} of {formats.money(b.total)} goes back "
            "to the funder",
        ),
        Item(
            "match",
            "Match met or waived",
            b.match_provided >= b.match_required,
            f"required {formats.money(b.match_required)}"
            + (f" after {waived}% waived" if waived else "")
            + f", provided {formats.money(b.match_provided)}",
        ),
        Item(
            "documents",
            "Close-out documents attached",
            has_document,
            "final performance report and close-out letter, uploaded with the close-out",
        ),
    )
    return Checklist(award, b, items, ffr)
