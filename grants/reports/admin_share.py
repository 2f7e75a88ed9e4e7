"""The administrative share (28 CFR 94.107): the award's lines for the state's administration and
training as they stood at the period's end, against the cap of 5% of the award."""

from dataclasses import dataclass, replace
from decimal import Decimal

from voca.history import versions_as_of

from ..admin_share import CITATION, admin_cap
from ..models import ZERO, Award, BudgetLine
from .context import ReportContext
from .cover import Check, Meta
from .workbook import Column, ReportWorkbook

VERSION = "admin-share/1"
TITLE = "Administrative share"
SHEET = "Administration lines"
RULE = (
    f"{CITATION}: the state's own administration and training is at most 5% of each award; the "
    "cap is 5% of the award's total, rounded half-up to the cent. Lines marked 'state "
    "administration and training' count against it; left under the cap = cap - budgeted."
)


@dataclass(frozen=True)
class AdminShareData:
    meta: Meta
    award_total: Decimal
    # (line, category, approved, spent to date, committed)
    rows: tuple[tuple, ...]

    @property
    def cap(self) -> Decimal:
        return admin_cap(self.award_total)

    def _sum(self, index: int) -> Decimal:
        return sum((r[index] for r in self.rows), ZERO)

    @property
    def budgeted(self) -> Decimal:
        return self._sum(2)

    @property
    def spent(self) -> Decimal:
        return self._sum(3)

    @property
    def committed(self) -> Decimal:
        return self._sum(4)

    def summary(self) -> list[tuple[str, Decimal]]:
        return [
            ("Award total", self.award_total),
            ("Cap (5% of the award)", self.cap),
            ("Budgeted for administration and training", self.budgeted),
            ("Committed", self.committed),
            ("Spent", self.spent),
            ("Left under the cap", self.cap - self.budgeted),
        ]

    def checks(self) -> list[Check]:
        return [
            Check(
                "Administration and training budgeted is within the cap (5% of the award)",
                self.cap,
                self.budgeted,
                at_most=True,
                expected_formula="ROUND({Summary!Award total!Amount}*0.05,2)",
                actual_formula="SUM({Administration lines!*!Approved})",
            ),
            Check(
                "Summary's budgeted = the administration lines added up",
                self.budgeted,
                self.budgeted,
                expected_formula="{Summary!Budgeted for administration and training!Amount}",
                actual_formula="SUM({Administration lines!*!Approved})",
            ),
        ]


def collect(ctx: ReportContext) -> AdminShareData:
    meta = replace(ctx.meta, notes=(*ctx.meta.notes, RULE))
    if not ctx.award_id:
        return AdminShareData(meta, ZERO, ())
    award = versions_as_of(Award.history.model, ctx.cut, id=ctx.award_id).first()
    lines = versions_as_of(BudgetLine.history.model, ctx.cut, award_id=ctx.award_id)
    admin = {line.id: line for line in lines.filter(is_administration=True)}
    balances = ctx.balances_to_date()
    by_line = {b.line_id: b for b in balances.lines} if balances else {}
    rows = []
    for pk in sorted(admin):
        line, balance = admin[pk], by_line.get(pk)
        rows.append(
            (
                f"{line.get_category_display()} - {line.program}: {line.description}",
                line.get_category_display(),
                line.amount,
                balance.paid if balance else ZERO,
                balance.committed if balance else ZERO,
            )
        )
    return AdminShareData(meta, award.total_amount if award else ZERO, tuple(rows))


def render_xlsx(data: AdminShareData) -> bytes:
    book = ReportWorkbook(data.meta)
    book.table(
        "Summary",
        [Column("Figure", width=44), Column("Amount", "money", 18)],
        data.summary(),
        index=True,
    )
    book.table(
        SHEET,
        [
            Column("Budget line", width=60),
            Column("Category", width=20),
            Column("Approved", "money", 16),
            Column("Spent to date", "money", 16),
            Column("Committed", "money", 16),
        ],
        data.rows,
        totals=["Total", None, data.budgeted, data.spent, data.committed],
    )
    book.checks(data.checks())
    return book.to_bytes()
