"""Budget vs actual: every budget line's approved amount, revisions, spending and what is left."""

from dataclasses import dataclass
from decimal import Decimal

from voca.history import versions_as_of

from ..models import ZERO, BudgetRevision, CostCategory, LineBalance, RevisionStatus
from . import reconcile
from .context import ReportContext
from .cover import Check, Meta
from .pdf import PdfReport, bar_chart, chart_labels, money_text, percent_text
from .workbook import Column, ReportWorkbook

VERSION = "budget-vs-actual/1"
SHEET = "Budget vs actual"
TITLE = "Budget vs actual"


@dataclass(frozen=True)
class Row:
    label: str
    category: str
    original: Decimal
    revisions: Decimal
    approved: Decimal
    spent_period: Decimal
    spent_to_date: Decimal
    committed: Decimal

    @property
    def balance(self) -> LineBalance:
        """The row's approved, spent and committed money, read by the ledger's line rule."""
        figures = (self.approved, self.spent_to_date, self.committed)
        return LineBalance(0, self.category, "", self.label, *figures)

    @property
    def remaining(self) -> Decimal:
        return self.balance.remaining

    @property
    def used_share(self) -> Decimal | None:
        if not self.approved:
            return None
        return (self.balance.used / self.approved).quantize(Decimal("0.0001"))

    def values(self) -> list:
        return [
            self.category,
            self.label,
            self.original,
            self.revisions,
            self.approved,
            self.spent_period,
            self.spent_to_date,
            self.committed,
            self.remaining,
            self.used_share,
        ]


@dataclass(frozen=True)
class BudgetData:
    meta: Meta
    rows: tuple[Row, ...]
    award_total: Decimal
    match_required: Decimal
    match_provided: Decimal
    ledger_paid: Decimal
    ledger_committed: Decimal
    others: reconcile.Figures | None = None

    @property
    def subawards_used(self) -> Decimal | None:
        """Spent plus committed on the Subawards lines (None without such a line)."""
        rows = [r for r in self.rows if r.category == CostCategory.SUBAWARDS.label]
        return sum((r.balance.used for r in rows), ZERO) if rows else None

    def total(self) -> Row:
        def s(attr):
            return sum((getattr(r, attr) for r in self.rows), ZERO)

        return Row(
            "Total",
            "",
            s("original"),
            s("revisions"),
            s("approved"),
            s("spent_period"),
            s("spent_to_date"),
            s("committed"),
        )

    def checks(self) -> list[Check]:
        t = self.total()
        labels = [r.label for r in self.rows]

        def cell(label, column):
            # A budget line's cell, when its label names one row and reads as a reference.
            if label != "Total" and (labels.count(label) != 1 or set(label) & set("{}!")):
                return ""
            return f"{{{SHEET}!{label}!{column}}}"

        def parts(label, *columns):
            cells = [cell(label, c) for c in columns]
            return "+".join(cells) if all(cells) else ""

        checks = [
            Check(
                f"{r.label}: spent + committed + remaining = approved budget",
                r.approved,
                r.spent_to_date + r.committed + r.remaining,
                expected_formula=cell(r.label, "Approved budget"),
                actual_formula=parts(r.label, "Spent to date", "Committed", "Remaining"),
            )
            for r in self.rows
        ]
        checks += [
            Check(
                f"{r.label}: original + revisions = approved",
                r.approved,
                r.original + r.revisions,
                expected_formula=cell(r.label, "Approved budget"),
                actual_formula=parts(r.label, "Original budget", "Revisions"),
            )
            for r in self.rows
        ]
        checks += [
            Check(
                "Total spent to date = ledger paid total",
                self.ledger_paid,
                t.spent_to_date,
                actual_formula=cell("Total", "Spent to date"),
            ),
            Check(
                "Total committed = ledger committed total",
                self.ledger_committed,
                t.committed,
                actual_formula=cell("Total", "Committed"),
            ),
            Check(
                "Total spent + committed + remaining = total approved budget",
                t.approved,
                t.spent_to_date + t.committed + t.remaining,
                expected_formula=cell("Total", "Approved budget"),
                actual_formula=parts("Total", "Spent to date", "Committed", "Remaining"),
            ),
            Check(
                "Total approved budget (after net revisions) does not exceed the award",
                self.award_total,
                t.approved,
                at_most=True,
                expected_formula="{Match!Award (federal funds authorized)!Amount}",
                actual_formula=cell("Total", "Approved budget"),
            ),
        ]
        checks += reconcile.checks(
            "budget vs actual",
            self.others,
            paid_to_date=t.spent_to_date,
            approved=t.approved,
            match=self.match_provided,
            subawards_used=self.subawards_used,
            labels={
                "paid_to_date": ("budget vs actual spent to date", cell("Total", "Spent to date")),
                "approved": ("budget vs actual approved budget", cell("Total", "Approved budget")),
                "match": (
                    "budget vs actual match provided",
                    "{Match!Match provided to date!Amount}",
                ),
            },
        )
        return checks


def collect(ctx: ReportContext) -> BudgetData:
    now = ctx.balances_to_date()
    before = ctx.balances_before()
    if now is None:
        return BudgetData(ctx.meta, (), ZERO, ZERO, ZERO, ZERO, ZERO)
    net: dict[int, Decimal] = {}
    approved = versions_as_of(BudgetRevision.history.model, ctx.cut, award_id=ctx.award_id).filter(
        status=RevisionStatus.APPROVED
    )
    for from_id, to_id, amount in approved.values_list("from_line_id", "to_line_id", "amount"):
        net[to_id] = net.get(to_id, ZERO) + amount
        if from_id:
            net[from_id] = net.get(from_id, ZERO) - amount
    paid_before = {line.line_id: line.paid for line in before.lines} if before else {}
    rows = tuple(
        Row(
            label=f"{line.category_label} - {line.program}: {line.description}",
            category=line.category_label,
            original=line.amount - net.get(line.line_id, ZERO),
            revisions=net.get(line.line_id, ZERO),
            approved=line.amount,
            spent_period=line.paid - paid_before.get(line.line_id, ZERO),
            spent_to_date=line.paid,
            committed=line.committed,
        )
        for line in now.lines
    )
    return BudgetData(
        ctx.meta,
        rows,
        now.total,
        now.match_required,
        now.match_provided,
        now.paid,
        now.committed,
        reconcile.figures(ctx),
    )


COLUMNS = [
    Column("Category", width=22),
    Column("Budget line", width=48),
    Column("Original budget", "money", 16),
    Column("Revisions", "money", 14),
    Column("Approved budget", "money", 16),
    Column("Spent this period", "money", 16),
    Column("Spent to date", "money", 16),
    Column("Committed", "money", 14),
    Column("Remaining", "money", 16),
    Column("% used", "percent", 10),
]


def render_xlsx(data: BudgetData) -> bytes:
    book = ReportWorkbook(data.meta)
    total = data.total()
    book.table(SHEET, COLUMNS, (r.values() for r in data.rows), totals=total.values(), index=1)
    book.table(
        "Match",
        [Column("Item", width=40), Column("Amount", "money", 18)],
        [
            ["Award (federal funds authorized)", data.award_total],
            ["Match required", data.match_required],
            ["Match provided to date", data.match_provided],
            ["Match still to provide", max(data.match_required - data.match_provided, ZERO)],
        ],
        index=True,
    )
    book.checks(data.checks())
    return book.to_bytes()


def render_pdf(data: BudgetData) -> bytes:
    report = PdfReport(data.meta, landscape=True)
    total = data.total()
    header = [c.header for c in COLUMNS[1:]]
    rows = [_pdf_row(r) for r in (*data.rows, total)]
    report.heading("Budget lines")
    report.table(header, rows, widths=[160, 66, 60, 66, 66, 66, 64, 66, 44], numeric=range(1, 9))
    report.heading("Spent and committed by budget line")
    names, legend = chart_labels([r.label for r in data.rows])
    report.story.append(
        bar_chart(
            names,
            [
                ("Approved budget", [float(r.approved) for r in data.rows]),
                ("Spent to date", [float(r.spent_to_date) for r in data.rows]),
                ("Committed", [float(r.committed) for r in data.rows]),
            ],
            width=680,
        )
    )
    for line in legend:
        report.text(line)
    report.heading("Match")
    report.table(
        ["Item", "Amount"],
        [
            ["Match required", money_text(data.match_required)],
            ["Match provided to date", money_text(data.match_provided)],
            [
                "Match still to provide",
                money_text(max(data.match_required - data.match_provided, ZERO)),
            ],
        ],
        widths=[300, 120],
        numeric=(1,),
    )
    report.checks(data.checks())
    return report.to_bytes()


def _pdf_row(r: Row) -> list[str]:
    return [
        r.label,
        money_text(r.original),
        money_text(r.revisions),
        money_text(r.approved),
        money_text(r.spent_period),
        money_text(r.spent_to_date),
        money_text(r.committed),
        money_text(r.remaining),
        percent_text(r.used_share),
    ]
