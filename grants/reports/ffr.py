"""Federal Financial Report (SF-425) worksheet: lines 10a-10k (and 11) cumulative to period end."""

from dataclasses import dataclass
from decimal import Decimal

from voca.history import versions_as_of

from ..models import CENT, ZERO, Award, CostCategory
from .context import ReportContext
from .cover import Check, Meta
from .pdf import PdfReport, money_text
from .workbook import Column, ReportWorkbook

VERSION = "sf425-worksheet/1"
TITLE = "Federal Financial Report (SF-425) worksheet"


@dataclass(frozen=True)
class Line:
    number: str
    label: str
    amount: Decimal | None
    how: str
    text: str = ""


@dataclass(frozen=True)
class FfrData:
    meta: Meta
    lines: tuple[Line, ...]
    checks: tuple[Check, ...]

    def amount(self, number: str) -> Decimal | None:
        return next(line.amount for line in self.lines if line.number == number)


def collect(ctx: ReportContext) -> FfrData:
    b = ctx.balances_to_date()
    if b is None:
        return FfrData(ctx.meta, (), (Check("An award covers the period", True, False),))
    cut = f"recorded by {ctx.cut:%Y-%m-%d %H:%M %Z}"
    paid, committed = b.paid, b.committed
    l10a = paid
    l10b = paid
    l10c = l10a - l10b
    l10d = b.total
    l10e = paid
    l10f = committed
    l10g = l10e + l10f
    l10h = l10d - l10g
    l10i = b.match_required
    l10j = b.match_provided
    l10k = l10i - l10j
    lines = [
        Line(
            "10a",
            "Cash receipts",
            l10a,
            f"Sum of paid draws and reversals, {cut} (reimbursement basis: cash is received "
            "for costs paid).",
        ),
        Line("10b", "Cash disbursements", l10b, f"Sum of paid draws and reversals, {cut}."),
        Line("10c", "Cash on hand (10a - 10b)", l10c, "Line 10a minus line 10b."),
        Line(
            "10d",
            "Total federal funds authorized",
            l10d,
            "The award's total federal amount as recorded at the cut-off.",
        ),
        Line(
            "10e", "Federal share of expenditures", l10e, f"Sum of paid draws and reversals, {cut}."
        ),
        Line(
            "10f",
            "Federal share of unliquidated obligations",
            l10f,
            f"Sum of submitted and approved (not yet paid) draws, {cut}.",
        ),
        Line("10g", "Total federal share (10e + 10f)", l10g, "Line 10e plus line 10f."),
        Line(
            "10h",
            "Unobligated balance of federal funds (10d - 10g)",
            l10h,
            "Line 10d minus line 10g.",
        ),
        Line(
            "10i",
            "Total recipient share required",
            l10i,
            "Match on total project cost: 10d / (1 - match rate) x match rate, less any waiver.",
        ),
        Line(
            "10j",
            "Recipient share of expenditures",
            l10j,
            f"Sum of recorded match contributions (cash and in-kind), {cut}.",
        ),
        Line(
            "10k",
            "Remaining recipient share to be provided (10i - 10j)",
            l10k,
            "Line 10i minus line 10j.",
        ),
    ]
    award = versions_as_of(Award.history.model, ctx.cut, id=ctx.award_id).first()
    rate = award.indirect_cost_rate if award else None
    if rate:
        indirect_ids = [li.line_id for li in b.lines if li.category == CostCategory.INDIRECT]
        charged = sum((li.paid for li in b.lines if li.line_id in indirect_ids), ZERO)
        base = paid - charged
        lines += [
            Line("11a", "Indirect expense: type", None, "Set on the award.", "Indirect cost rate"),
            Line(
                "11b", "Indirect expense: rate", None, "The award's indirect cost rate.", f"{rate}%"
            ),
            Line(
                "11c",
                "Indirect expense: period",
                None,
                "The award's period of performance.",
                f"{award.period_start:%Y-%m-%d} to {award.period_end:%Y-%m-%d}",
            ),
            Line(
                "11d",
                "Indirect expense: base",
                base,
                "Paid draws on every line except Indirect lines.",
            ),
            Line(
                "11e",
                "Indirect expense: amount charged",
                charged,
                "Paid draws on Indirect budget lines.",
            ),
            Line(
                "11f",
                "Indirect expense: federal share at the rate",
                (base * rate / 100).quantize(CENT),
                "Line 11d x rate.",
            ),
        ]
    checks = (
        Check("10c = 10a - 10b", l10a - l10b, l10c),
        Check("10g = 10e + 10f", l10e + l10f, l10g),
        Check("10h = 10d - 10g", l10d - l10g, l10h),
        Check("10k = 10i - 10j", l10i - l10j, l10k),
        Check(
            "10e = sum of budget lines' paid amounts", sum((li.paid for li in b.lines), ZERO), l10e
        ),
        Check(
            "10f = sum of budget lines' committed amounts",
            sum((li.committed for li in b.lines), ZERO),
            l10f,
        ),
        Check("10g does not exceed 10d", True, l10g <= l10d),
    )
    return FfrData(ctx.meta, tuple(lines), checks)


COLUMNS = [
    Column("Line", width=8),
    Column("Description", width=52),
    Column("Amount", "money", 18),
    Column("Value", width=24),
    Column("How computed", width=90),
]


def render_xlsx(data: FfrData) -> bytes:
    book = ReportWorkbook(data.meta)
    book.table(
        "SF-425",
        COLUMNS,
        ([li.number, li.label, li.amount, li.text, li.how] for li in data.lines),
    )
    book.checks(data.checks)
    return book.to_bytes()


def render_pdf(data: FfrData) -> bytes:
    report = PdfReport(data.meta)
    report.heading(
        "Lines 10a-10k"
        + (" and 11" if any(li.number.startswith("11") for li in data.lines) else "")
    )
    report.table(
        ["Line", "Description", "Amount", "How computed"],
        [
            [
                li.number,
                li.label,
                money_text(li.amount) if li.amount is not None else li.text,
                li.how,
            ]
            for li in data.lines
        ],
        widths=[32, 150, 80, 250],
        numeric=(2,),
    )
    report.checks(data.checks)
    return report.to_bytes()
