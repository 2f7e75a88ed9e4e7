"""Federal Financial Report (SF-425) worksheet: lines 10a-10k (and 11) cumulative to period end."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from voca.history import versions_as_of
from voca.money import round_cents

from ..ledger import paid_by_obligation
from ..models import RULES, ZERO, Award, CostCategory, UniformGuidance
from . import reconcile
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
    match_rate: Decimal = ZERO
    match_waiver_percent: Decimal = ZERO
    indirect_rate: Decimal | None = None
    indirect_paid: Decimal = ZERO  # paid draws on Indirect budget lines: a check, not a line
    subawards_used: Decimal | None = None  # paid + committed on Subawards lines, if any
    others: reconcile.Figures | None = None

    def amount(self, number: str) -> Decimal | None:
        return next((line.amount for line in self.lines if line.number == number), None)

    def checks(self) -> list[Check]:
        if not self.lines:
            return [Check("An award covers the period", True, False)]
        a = self.amount

        def c(name, expected, actual, expected_formula, actual_formula, **kw):
            return Check(
                name,
                expected,
                actual,
                expected_formula=expected_formula,
                actual_formula=actual_formula,
                **kw,
            )

        rate, waiver = self.match_rate, self.match_waiver_percent
        checks = [
            c("10c = 10a - 10b", a("10a") - a("10b"), a("10c"), f"{L('10a')}-{L('10b')}", L("10c")),
            c("10g = 10e + 10f", a("10e") + a("10f"), a("10g"), f"{L('10e')}+{L('10f')}", L("10g")),
            c("10h = 10d - 10g", a("10d") - a("10g"), a("10h"), f"{L('10d')}-{L('10g')}", L("10h")),
            c("10k = 10i - 10j", a("10i") - a("10j"), a("10k"), f"{L('10i')}-{L('10j')}", L("10k")),
            c("10g does not exceed 10d", a("10d"), a("10g"), L("10d"), L("10g"), at_most=True),
            c(
                f"10i recomputed: 10d / (1 - {rate}) x {rate}, less a {waiver}% waiver, "
                "rounded half-up to the cent",
                required_match(a("10d"), rate, waiver),
                a("10i"),
                f"ROUND({L('10d')}/(1-{rate})*{rate}*(100-{waiver})/100,2)" if rate else "0",
                L("10i"),
            ),
        ]
        if self.indirect_rate:
            checks += [
                c(
                    f"11e recomputed: 11d x {self.indirect_rate}%",
                    round_cents(a("11d") * self.indirect_rate / 100),
                    a("11e"),
                    f"ROUND({L('11d')}*{self.indirect_rate}/100,2)",
                    L("11e"),
                ),
                c("11g = 11e (one rate)", a("11e"), a("11g"), L("11e"), L("11g")),
                c(
                    "Indirect cost actually paid (draws on Indirect budget lines) does not "
                    "exceed 11e",
                    a("11e"),
                    self.indirect_paid,
                    L("11e"),
                    "",
                    at_most=True,
                ),
            ]
        checks += reconcile.checks(
            "SF-425",
            self.others,
            paid_to_date=a("10e"),
            match=a("10j"),
            subawards_used=self.subawards_used,
            labels={
                "paid_to_date": ("SF-425 10e federal share of expenditures", L("10e")),
                "match": ("SF-425 10j recipient share of expenditures", L("10j")),
            },
        )
        return checks


SHEET = "SF-425"


def L(number: str) -> str:
    """The Amount cell of an SF-425 line, for the Checks' formulas."""
    return f"{{{SHEET}!{number}!Amount}}"


def required_match(federal: Decimal, rate: Decimal, waiver_percent: Decimal) -> Decimal:
    """Match on total project cost, written out again so 10i is checked, not just repeated."""
    if not rate:
        return ZERO
    return round_cents(federal / (1 - rate) * rate * (100 - waiver_percent) / 100)


def collect(ctx: ReportContext) -> FfrData:
    b = ctx.balances_to_date()
    if b is None:
        return FfrData(ctx.meta, ())
    cut = f"recorded by {ctx.cut:%Y-%m-%d %H:%M %Z}"
    # The date paid places a payment in its period; the as-of moment decides what was known.
    paid_by = (
        f"with a date paid on or before {ctx.period.end:%Y-%m-%d}, as recorded by "
        f"{timezone.localtime(ctx.as_of):%Y-%m-%d %H:%M %Z}"
    )
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
            f"Sum of paid draws and reversals {paid_by} (reimbursement basis: cash is received "
            "for costs paid).",
        ),
        Line("10b", "Cash disbursements", l10b, f"Sum of paid draws and reversals {paid_by}."),
        Line("10c", "Cash on hand (10a - 10b)", l10c, "Line 10a minus line 10b."),
        Line(
            "10d",
            "Total federal funds authorized",
            l10d,
            "The award's total federal amount as recorded at the cut-off.",
        ),
        Line(
            "10e",
            "Federal share of expenditures",
            l10e,
            f"Sum of paid draws and reversals {paid_by}.",
        ),
        Line(
            "10f",
            "Federal share of unliquidated obligations",
            l10f,
            f"Sum of submitted and approved draws, {cut}, not counted as paid in 10e; plus "
            f"subaward obligations {cut} less the payments against them counted in 10e.",
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
    indirect_paid = sum((li.paid for li in b.lines if li.category == CostCategory.INDIRECT), ZERO)
    if rate:
        cap = RULES[UniformGuidance(award.uniform_guidance)].subaward_base_cap
        subawards_paid = sum(
            (li.paid for li in b.lines if li.category == CostCategory.SUBAWARDS), ZERO
        )
        per_subaward = paid_by_obligation(
            ctx.award_id, known_at=ctx.as_of, paid_through=ctx.period.end
        )
        subawards_in_base = sum((min(p, cap) for p in per_subaward.values()), ZERO)
        lines += line_11(
            rate,
            award.period_start,
            award.period_end,
            paid - indirect_paid - subawards_paid + subawards_in_base,
            paid_by,
            rate_type=award.get_indirect_rate_type_display(),
            subaward_cap=cap,
        )
    return FfrData(
        ctx.meta,
        tuple(lines),
        match_rate=award.match_rate if award else ZERO,
        match_waiver_percent=award.match_waiver_percent if award else ZERO,
        indirect_rate=rate,
        indirect_paid=indirect_paid,
        subawards_used=_subawards_used(b),
        others=reconcile.figures(ctx),
    )


def _subawards_used(balances) -> Decimal | None:
    """What 10e and 10f hold of the Subawards lines (None without such a line)."""
    lines = [li for li in balances.lines if li.category == CostCategory.SUBAWARDS]
    return sum((li.used for li in lines), ZERO) if lines else None


def line_11(
    rate: Decimal,
    start,
    end,
    base: Decimal,
    cut: str,
    *,
    rate_type: str = "",
    subaward_cap: Decimal | None = None,
) -> list[Line]:
    """Line 11 as the SF-425 instructions define it: 11e = rate x base, 11f its federal share."""
    charged = round_cents(base * rate / 100)
    return [
        Line(
            "11a",
            "Indirect expense: type of rate",
            None,
            "The award's type of indirect rate, as recorded on the award (de minimis when there "
            "is no negotiated agreement).",
            rate_type,
        ),
        Line("11b", "Indirect expense: rate", None, "The award's indirect cost rate.", f"{rate}%"),
        Line(
            "11c",
            "Indirect expense: period from - to",
            None,
            "The award's period of performance.",
            f"{start:%Y-%m-%d} to {end:%Y-%m-%d}",
        ),
        Line(
            "11d",
            "Indirect expense: base",
            base,
            f"Paid draws on every budget line except Indirect lines {cut}"
            + (
                f"; of each subaward only the first {subaward_cap:,.2f} paid counts (modified "
                "total direct costs, 2 CFR 200.1)."
                if subaward_cap is not None
                else "."
            ),
        ),
        Line(
            "11e",
            "Indirect expense: amount charged",
            charged,
            f"Rate (11b, {rate}%) x base (11d), rounded half-up to the cent, as the SF-425 "
            "instructions define it. The indirect cost actually paid on Indirect lines is a "
            "separate check.",
        ),
        Line(
            "11f",
            "Indirect expense: federal share",
            charged,
            "Federal share of 11e: the base is federal expenditure (paid draws), so all of 11e.",
        ),
        Line("11g", "Indirect expense: totals", charged, "Total of 11e for the one rate."),
    ]


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
        SHEET,
        COLUMNS,
        ([li.number, li.label, li.amount, li.text, li.how] for li in data.lines),
        index=True,
    )
    book.checks(data.checks())
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
    report.checks(data.checks())
    return report.to_bytes()
