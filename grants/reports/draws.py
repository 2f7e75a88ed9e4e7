"""Draw register: every draw incurred in the period, with who requested, approved and paid it."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Subquery, Sum

from voca.history import versions_as_of
from voca.money import round_cents

from ..models import ZERO, BudgetLine, Draw, DrawStatus, date_paid
from ..workflows import DRAWS
from .context import ReportContext, user_names
from .cover import Check, Meta
from .workbook import Column, ReportWorkbook

VERSION = "draw-register/3"  # 2: date paid and payment reference; 3: reversals' own status
TITLE = "Draw register"
REVERSAL = "Reversal"  # the status shown for a reversal entry (stored as paid)
# Rows the register shows as paid: the workflow's spent states, and reversals (paid entries).
PAID_LABELS = (*(DrawStatus(s).label for s in sorted(DRAWS.spent_states)), REVERSAL)

COLUMNS = [
    Column("Draw #", "int", 9),
    Column("Reverses draw #", "int", 10),
    Column("Budget line", width=40),
    Column("Date incurred", "date", 12),
    Column("Month", "date", 11),
    Column("Amount", "money", 15),
    Column("Status", width=11),
    Column("Payee", width=28),
    Column("Description", width=36),
    Column("Requested by", width=20),
    Column("Requested at", "datetime", 17),
    Column("Submitted by", width=20),
    Column("Submitted at", "datetime", 17),
    Column("Approved by", width=20),
    Column("Approved at", "datetime", 17),
    Column("Paid by", width=20),
    Column("Paid at", "datetime", 17),
    Column("Date paid", "date", 12),
    Column("Payment reference", width=20),
    Column("Rejected by", width=20),
    Column("Rejected at", "datetime", 17),
    Column("Reason", width=36),
]

FIELDS = (
    "id",
    "reverses_id",
    "line_id",
    "incurred_on",
    "month",
    "amount",
    "status",
    "payee",
    "description",
    "requested_by_id",
    "requested_at",
    "submitted_by_id",
    "submitted_at",
    "approved_by_id",
    "approved_at",
    "paid_by_id",
    "paid_at",
    "paid_on",
    "payment_reference",
    "rejected_by_id",
    "rejected_at",
    "reason",
)
USER_COLUMNS = (9, 11, 13, 15, 19)


def draws_in_period(ctx: ReportContext):
    """Draws incurred in the period, each as it stood at the as-of moment (from history)."""
    if not ctx.award_id:
        return Draw.history.model.objects.none()
    history = Draw.history.model.objects
    in_period = {"incurred_on__gte": ctx.period.start, "incurred_on__lte": ctx.period.end}
    # Only draws that were ever dated in the period can be in it now: a much smaller GROUP BY.
    # Unordered: a subquery that sorts by history's default order sorts for nothing.
    candidates = (
        history.filter(award_id=ctx.award_id, history_date__lte=ctx.as_of, **in_period)
        .order_by()
        .values("id")
    )
    return versions_as_of(
        Draw.history.model, ctx.as_of, award_id=ctx.award_id, id__in=Subquery(candidates)
    ).filter(**in_period)


def line_labels(award_id) -> dict[int, str]:
    return {
        line.pk: f"{line.get_category_display()} - {line.program}: {line.description}"
        for line in BudgetLine.objects.filter(award_id=award_id)
    }


@dataclass(frozen=True)
class DrawsData:
    """``rows`` may be a lazy iterator: collect streams the register so memory stays flat."""

    meta: Meta
    rows: Iterable[Sequence]  # one list per draw, in COLUMNS order, labels and names filled in
    db_count: int
    db_total: Decimal
    db_paid: Decimal
    paid_labels: tuple[str, ...] = PAID_LABELS


def collect(ctx: ReportContext) -> DrawsData:
    versions = draws_in_period(ctx)
    names = user_names()
    lines = line_labels(ctx.award_id)
    statuses = dict(DrawStatus.choices)
    db = versions.aggregate(
        n=Count("history_id"),
        total=Sum("amount"),
        paid=Sum("amount", filter=Q(status__in=sorted(DRAWS.spent_states))),
    )

    def rows():
        for values in versions.order_by("id").values_list(*FIELDS).iterator(chunk_size=5000):
            row = list(values)
            row[2] = lines.get(row[2], "")
            row[6] = REVERSAL if row[1] else statuses.get(row[6], row[6])
            row[17] = date_paid(row[17], row[16])
            for i in USER_COLUMNS:
                row[i] = names.get(row[i], "")
            yield row

    return DrawsData(ctx.meta, rows(), db["n"], _cents(db["total"]), _cents(db["paid"]))


# What the register's grand total counts: the workflow's claimed states (reversals are paid).
COUNTED = (*(DrawStatus(s).label for s in sorted(DRAWS.claimed_states)), REVERSAL)
COUNTED_LABEL = (
    "Total approved + paid, less reversals (what is claimed; draft, submitted and rejected "
    "not counted)"
)


def status_totals(by_status: dict[str, Decimal]) -> list[list]:
    """One total per status (reversals on their own row), then the one grand total of what
    counts: approved and paid draws less reversals (a draft or rejected draw was never owed, a
    submitted one not yet approved)."""
    labels = [*dict(DrawStatus.choices).values(), REVERSAL]
    out = [
        [f"Total {label.lower()}", None, None, None, None, by_status.get(label, ZERO)]
        for label in labels
    ]
    counted = sum((by_status.get(label, ZERO) for label in COUNTED), ZERO)
    return [*out, [COUNTED_LABEL, None, None, None, None, counted]]


def render_xlsx(data: DrawsData) -> bytes:
    seen = {"count": 0, "total": ZERO, "paid": ZERO}
    by_status: dict[str, Decimal] = {}

    def counted():
        for row in data.rows:
            seen["count"] += 1
            seen["total"] += row[5]
            by_status[row[6]] = by_status.get(row[6], ZERO) + row[5]
            if row[6] in data.paid_labels:
                seen["paid"] += row[5]
            yield row

    book = ReportWorkbook(data.meta)
    book.table("Draws", COLUMNS, counted(), totals=lambda: status_totals(by_status))
    book.checks(
        [
            Check(
                "Rows in the register = draws in the database for the period",
                data.db_count,
                seen["count"],
                actual_formula="COUNT({Draws!*!Draw #})",
            ),
            Check(
                "Register total of every row (all statuses) = database total for the period",
                data.db_total,
                seen["total"],
                actual_formula="SUM({Draws!*!Amount})",
            ),
            Check(
                "Paid and reversal rows total = database paid total for the period",
                data.db_paid,
                seen["paid"],
                actual_formula="+".join(
                    f'SUMIF({{Draws!*!Status}},"{label}",{{Draws!*!Amount}})'
                    for label in data.paid_labels
                ),
            ),
        ]
    )
    return book.to_bytes()


def _cents(value) -> Decimal:
    return round_cents(Decimal(value or 0))
