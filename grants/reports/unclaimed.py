"""Paid draws not yet claimed: payments that no reimbursement claim generated so far lists.

A claim lists each payment once, by its claim date (``grants.models.claimed_between``). This
report takes every payment (reversals included) recorded by the as-of moment with a date paid on
or before the period end, and removes those listed on a claim for the same award in the export log
whose as-of is not later than this report's (each claim's listing recomputed from history, so the
report is the same whenever it is regenerated for the same as-of).
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.dateparse import parse_datetime

from voca.fiscal import quarter_of
from voca.history import versions_as_of

from ..models import ZERO, Draw, ExportLog, claim_date, date_paid, paid_on_or_before
from . import claim
from .context import ReportContext
from .cover import Check, Meta
from .draws import line_labels
from .period import Period, local_naive
from .workbook import Column, ReportWorkbook

VERSION = "unclaimed-draws/1"
INCURRED_RULE_VERSIONS = ("reimbursement-claim/1",)  # claims that listed draws by date incurred
TITLE = "Paid draws not yet claimed"
RULE = (
    "Every payment recorded by the as-of moment with a date paid on or before the period end, "
    "less those listed on a reimbursement claim for this award (export log, claims as of no "
    "later than this report's as-of). Claims generated before claim version 2 listed draws by "
    "date incurred and are not counted."
)


@dataclass(frozen=True)
class UnclaimedData:
    meta: Meta
    # (award, draw #, reverses #, line, amount, incurred, date paid, recorded at, reference,
    # the claim period it belongs to)
    rows: tuple[tuple, ...]
    # (claim period, as of, export log #)
    claims: tuple[tuple, ...]
    paid_to_date: Decimal
    claimed: Decimal

    @property
    def total(self) -> Decimal:
        return sum((r[4] for r in self.rows), ZERO)

    def checks(self) -> list[Check]:
        return [
            Check(
                "Not yet claimed + claimed = paid to date (ledger, dated paid by the period end)",
                self.paid_to_date,
                self.total + self.claimed,
            )
        ]


def _claims(award_number: str, as_of: dt.datetime) -> list[tuple[Period, dt.datetime, int]]:
    """The claims for this award in the export log that are as of no later than ``as_of``."""
    found = {}
    logs = (
        ExportLog.objects.filter(report="claim", parameters__award=award_number)
        .exclude(report_version__in=INCURRED_RULE_VERSIONS)
        .order_by("pk")
    )
    for pk, params in logs.values_list("pk", "parameters"):
        claim_as_of = parse_datetime(params.get("as_of") or "")
        if claim_as_of is None or claim_as_of > as_of:
            continue
        period = Period.from_params(params)
        found.setdefault((period, claim_as_of), pk)
    return [(period, moment, pk) for (period, moment), pk in found.items()]


def collect(ctx: ReportContext) -> UnclaimedData:
    meta = replace(ctx.meta, notes=(*ctx.meta.notes, RULE))
    if not ctx.award_id:
        return UnclaimedData(meta, (), (), ZERO, ZERO)
    number = ctx.meta.award_number
    claims = _claims(number, ctx.as_of)
    listed: set[int] = set()
    for period, moment, _ in claims:
        listed.update(
            claim.claimed_draws(ctx.award_id, period, moment).values_list("id", flat=True)
        )
    labels = line_labels(ctx.award_id)
    paid = (
        versions_as_of(Draw.history.model, ctx.as_of, award_id=ctx.award_id)
        .filter(paid_on_or_before(ctx.period.end))
        .order_by("paid_on", "id")
        .values_list(
            "id",
            "reverses_id",
            "line_id",
            "amount",
            "incurred_on",
            "paid_on",
            "paid_at",
            "payment_reference",
        )
    )
    rows, paid_total, claimed_total = [], ZERO, ZERO
    for pk, reverses, line_id, amount, incurred, paid_on, paid_at, reference in paid:
        paid_total += amount
        if pk in listed:
            claimed_total += amount
            continue
        fy, q = quarter_of(claim_date(paid_on, paid_at))
        rows.append(
            (
                number,
                pk,
                reverses,
                labels.get(line_id, ""),
                amount,
                incurred,
                date_paid(paid_on, paid_at),
                local_naive(paid_at),
                reference,
                f"FY{fy}Q{q}",
            )
        )
    rows.sort(key=lambda r: (r[6], r[1]))
    balances = ctx.balances_to_date()
    return UnclaimedData(
        meta,
        tuple(rows),
        tuple((period.label, local_naive(moment), pk) for period, moment, pk in claims),
        balances.paid if balances else paid_total,
        claimed_total,
    )


COLUMNS = [
    Column("Award", width=26),
    Column("Draw #", "int", 9),
    Column("Reverses draw #", "int", 10),
    Column("Budget line", width=40),
    Column("Amount", "money", 15),
    Column("Date incurred", "date", 12),
    Column("Date paid", "date", 12),
    Column("Payment recorded at", "datetime", 17),
    Column("Payment reference", width=20),
    Column("Belongs to the claim for", width=14),
]


def render_xlsx(data: UnclaimedData) -> bytes:
    book = ReportWorkbook(data.meta)
    book.table(
        "Not yet claimed",
        COLUMNS,
        data.rows,
        totals=["Total not yet claimed", None, None, None, data.total],
    )
    book.table(
        "Claims counted",
        [
            Column("Claim period", width=40),
            Column("Claim as of", "datetime", 17),
            Column("Export log #", "int", 12),
        ],
        data.claims,
        preamble=["Claims for this award in the export log whose listings were taken off."],
    )
    book.checks(data.checks())
    return book.to_bytes()
