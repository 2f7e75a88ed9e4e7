"""Reimbursement claim: the payments to claim for the period by line, match, certification."""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from voca.history import versions_as_of

from ..models import ZERO, Draw, DrawStatus, claimed_between, date_paid
from . import reconcile
from .context import ReportContext
from .cover import Check, Meta
from .draws import REVERSAL, line_labels
from .pdf import PdfReport, money_text
from .period import Period
from .workbook import Column, ReportWorkbook

VERSION = "reimbursement-claim/2"  # 2: paid draws by claim date (each payment claimed once)
TITLE = "Reimbursement claim"
BLANK = "_" * 20
RULE = (
    "This claim lists every payment (reversals included) recorded by the as-of moment whose "
    "claim date falls in the period: the later of its date paid and the day the payment was "
    "recorded. A payment recorded after its period's claim therefore comes on the next one: "
    "each payment is claimed once."
)
CERTIFICATION = (
    "By signing this claim, I certify to the best of my knowledge and belief that the claim is "
    "true, complete and accurate, that the expenditures are for the purposes and objectives set "
    "forth in the terms and conditions of the federal award, and that supporting documents are "
    "on file. I am aware that any false, fictitious or fraudulent information may subject me to "
    "criminal, civil or administrative penalties "
    "(18 U.S.C. 1001; 31 U.S.C. 3729-3730 and 3801-3812)."
)


@dataclass(frozen=True)
class ClaimLine:
    label: str
    budget: Decimal
    claimed: Decimal
    paid_to_date: Decimal


@dataclass(frozen=True)
class ClaimData:
    meta: Meta
    lines: tuple[ClaimLine, ...]
    draws: tuple[
        tuple, ...
    ]  # (draw #, line label, incurred on, status, payee, description, amount, date paid)
    match_required: Decimal
    match_provided: Decimal
    others: reconcile.Figures | None = None

    @property
    def total(self) -> Decimal:
        return sum((li.claimed for li in self.lines), ZERO)

    def checks(self) -> list[Check]:
        total = "{Claim!Total claimed!Claimed this period}"
        return [
            Check(
                "Claim total = sum of the draws listed",
                sum((d[6] for d in self.draws), ZERO),
                self.total,
                expected_formula="SUM({Draws claimed!*!Amount})",
                actual_formula=total,
            ),
            Check(
                "Claim total = sum of budget lines",
                sum((li.claimed for li in self.lines), ZERO),
                self.total,
                expected_formula="SUM({Claim!*!Claimed this period})",
                actual_formula=total,
            ),
            *reconcile.checks(
                "claim",
                self.others,
                paid_to_date=sum((li.paid_to_date for li in self.lines), ZERO),
                approved=sum((li.budget for li in self.lines), ZERO),
                match=self.match_provided,
                labels={
                    "paid_to_date": ("claim paid to date", "{Claim!Total claimed!Paid to date}"),
                    "approved": ("claim approved budget", "{Claim!Total claimed!Approved budget}"),
                    "match": ("claim match provided", "{Match!Match provided to date!Amount}"),
                },
            ),
        ]


def claimed_draws(award_id: int, period: Period, as_of: dt.datetime):
    """The draws the claim for ``period`` lists, each as it stood at ``as_of``: every payment
    (reversals included) recorded by then whose claim date, the later of its date paid and the
    day it was recorded, falls in the period. Paid money is claimed once, in the period of its
    claim date, whenever each claim is generated after its period's end."""
    return versions_as_of(Draw.history.model, as_of, award_id=award_id).filter(
        claimed_between(period.start, period.end)
    )


def collect(ctx: ReportContext) -> ClaimData:
    labels = line_labels(ctx.award_id) if ctx.award_id else {}
    claimed: dict[int, Decimal] = {}
    draws = []
    rows = (
        claimed_draws(ctx.award_id, ctx.period, ctx.as_of).order_by("line_id", "incurred_on", "id")
        if ctx.award_id
        else Draw.history.model.objects.none()
    ).values_list(
        "id",
        "line_id",
        "incurred_on",
        "reverses_id",
        "status",
        "payee",
        "description",
        "amount",
        "paid_on",
        "paid_at",
    )
    for pk, line_id, incurred, reverses, state, payee, text, amount, paid_on, paid_at in rows:
        claimed[line_id] = claimed.get(line_id, ZERO) + amount
        label = labels.get(line_id, "")
        status = REVERSAL if reverses else DrawStatus(state).label
        paid = date_paid(paid_on, paid_at)
        draws.append((pk, label, incurred, status, payee, text, amount, paid))
    ctx = replace(ctx, meta=replace(ctx.meta, notes=(*ctx.meta.notes, RULE)))
    # Budget and "to date" figures stand at the period's end (or at as-of, when earlier).
    balances = ctx.balances_to_date()
    if balances is None:
        return ClaimData(ctx.meta, (), tuple(draws), ZERO, ZERO)
    lines = tuple(
        ClaimLine(labels.get(li.line_id, ""), li.amount, claimed.get(li.line_id, ZERO), li.paid)
        for li in balances.lines
    )
    return ClaimData(
        ctx.meta,
        lines,
        tuple(draws),
        balances.match_required,
        balances.match_provided,
        reconcile.figures(ctx),
    )


LINE_COLUMNS = [
    Column("Budget line", width=48),
    Column("Approved budget", "money", 16),
    Column("Claimed this period", "money", 18),
    Column("Paid to date", "money", 16),
]
DRAW_COLUMNS = [
    Column("Draw #", "int", 9),
    Column("Budget line", width=40),
    Column("Date incurred", "date", 12),
    Column("Status", width=10),
    Column("Payee", width=28),
    Column("Description", width=40),
    Column("Amount", "money", 15),
    Column("Date paid", "date", 12),
]


def _match_rows(data: ClaimData):
    return [
        ["Match required", data.match_required],
        ["Match provided to date", data.match_provided],
        ["Match still to provide", max(data.match_required - data.match_provided, ZERO)],
    ]


def render_xlsx(data: ClaimData) -> bytes:
    book = ReportWorkbook(data.meta)
    book.table(
        "Claim",
        LINE_COLUMNS,
        ([li.label, li.budget, li.claimed, li.paid_to_date] for li in data.lines),
        totals=[
            "Total claimed",
            sum((li.budget for li in data.lines), ZERO),
            data.total,
            sum((li.paid_to_date for li in data.lines), ZERO),
        ],
    )
    book.table(
        "Draws claimed",
        DRAW_COLUMNS,
        data.draws,
        totals=["Total", None, None, None, None, None, data.total, None],
    )
    book.table(
        "Match",
        [Column("Item", width=40), Column("Amount", "money", 18)],
        _match_rows(data),
        index=True,
    )
    book.table(
        "Certification",
        [Column("Certification", width=90, wrap=True)],
        [
            [CERTIFICATION],
            [""],
            [f"Prepared by (name, title): {BLANK}  Signature: {BLANK}  Date: {BLANK[:10]}"],
            [f"Authorized official (name, title): {BLANK}  Signature: {BLANK}  Date: {BLANK[:10]}"],
        ],
    )
    book.checks(data.checks())
    return book.to_bytes()


def render_pdf(data: ClaimData) -> bytes:
    report = PdfReport(data.meta)
    report.heading(f"Amount claimed for the period: {money_text(data.total)}")
    report.table(
        [c.header for c in LINE_COLUMNS],
        [
            [li.label, money_text(li.budget), money_text(li.claimed), money_text(li.paid_to_date)]
            for li in data.lines
        ]
        + [
            [
                "Total claimed",
                money_text(sum((li.budget for li in data.lines), ZERO)),
                money_text(data.total),
                money_text(sum((li.paid_to_date for li in data.lines), ZERO)),
            ]
        ],
        widths=[216, 90, 100, 90],
        numeric=(1, 2, 3),
    )
    report.heading("Draws claimed")
    report.table(
        ["Draw #", "Budget line", "Incurred", "Status", "Payee", "Description", "Amount"],
        [
            [str(d[0]), d[1], f"{d[2]:%Y-%m-%d}", d[3], d[4], d[5], money_text(d[6])]
            for d in data.draws
        ],
        widths=[38, 110, 56, 46, 80, 106, 62],
        numeric=(0, 6),
    )
    report.heading("Match")
    report.table(
        ["Item", "Amount"],
        [[k, money_text(v)] for k, v in _match_rows(data)],
        widths=[300, 120],
        numeric=(1,),
    )
    # The certification and the lines that sign it stay on one page.
    start = len(report.story)
    report.heading("Certification")
    report.paragraph(CERTIFICATION)
    report.space(24)
    from reportlab.platypus import KeepTogether, Table

    report.story.append(
        Table(
            [
                ["Prepared by (name, title)", "Signature", "Date"],
                ["", "", ""],
                ["Authorized official (name, title)", "Signature", "Date"],
                ["", "", ""],
            ],
            colWidths=[220, 190, 90],
            rowHeights=[14, 34, 14, 34],
            style=[
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 1), (-1, 1), 0.75, "black"),
                ("LINEBELOW", (0, 3), (-1, 3), 0.75, "black"),
            ],
        )
    )
    report.story[start:] = [KeepTogether(report.story[start:])]
    report.space()
    report.checks(data.checks())
    return report.to_bytes()
