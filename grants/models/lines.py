"""The approved budget, line by federal cost category, and what is left on each line.

What is paid, committed, used and left on a budget line is ONE rule, here: paid and committed are
SQL sums over the line's draws, grouped by line, over the states the draw workflow says spend or
commit money (``grants.workflows.DRAWS``), so no draw is loaded into Python. The live tables
(``BudgetLineQuerySet.with_balances``) and the history tables (``grants.ledger``, as of any past
moment) both sum with ``draw_sums``; ``LineBalance`` derives used, left and the shares. The
overdraw refusal, the draw form's choices, the dashboards and every report read it.

An obligation (a subaward's money on a Subawards line, ``grants.models.obligations``) counts
once: its payments are paid draws that point to it, and only its unpaid part is committed
(``LineBalance.of``): committed = committed draws not against an obligation + obligated - paid
against obligations. The obligations are summed by a subquery (``obligated_sums``), never a second
join that would repeat each draw.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from voca import clock
from voca.money import round_cents

from ..workflows import DRAWS
from .award import Award, award_open_on, lapsing_order
from .base import ZERO, AppendOnlyModel, AppendOnlyQuerySet, MoneyField, _two_decimals

# A line with at least this share of its budget used is flagged on the dashboard.
NEAR_LIMIT = Decimal("0.90")


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", "Personnel"
    FRINGE = "fringe", "Fringe Benefits"
    TRAVEL = "travel", "Travel"
    EQUIPMENT = "equipment", "Equipment"
    SUPPLIES = "supplies", "Supplies"
    CONTRACTUAL = "contractual", "Contractual/Consultants"
    # OJP's "Subawards (Subgrants)": money passed to subrecipients, committed by obligations.
    SUBAWARDS = "subawards", "Subawards (Subgrants)"
    OTHER = "other", "Other"
    INDIRECT = "indirect", "Indirect"


def draw_sums(via: str = "") -> dict[str, Coalesce]:
    """``paid_amount``, ``committed_amount`` (committed draws not against an obligation, whose
    money the obligation already commits) and ``liquidated_amount`` (paid against an
    obligation) as aggregates over draw rows reached through ``via``: "draws__" from budget
    lines, "payments__" from obligations; "" over draws, or their history versions, grouped by
    ``line_id``. The draw states come from the workflow table."""

    def total(states, **more) -> Coalesce:
        condition = Q(**{f"{via}status__in": sorted(states)}) & Q(
            **{f"{via}{key}": value for key, value in more.items()}
        )
        amount = Sum(f"{via}amount", filter=condition)
        return Coalesce(amount, ZERO, output_field=models.DecimalField())

    return {
        "paid_amount": total(DRAWS.spent_states),
        "committed_amount": total(DRAWS.committed_states, obligation__isnull=True),
        "liquidated_amount": total(DRAWS.spent_states, obligation__isnull=False),
    }


class SubqueryOrZero(Coalesce):
    """``COALESCE((subquery), 0)`` that groups by the outer column the subquery refers to, not by
    itself: Django puts a non-aggregate annotation into the GROUP BY, and PostgreSQL then runs a
    correlated subquery there once per joined row (20,000 runs for a line's 20,000 draws, 120 ms
    on the home page) instead of once per line."""

    def __init__(self, subquery: Subquery):
        super().__init__(subquery, ZERO, output_field=models.DecimalField())

    def get_group_by_cols(self):
        return [
            col for source in self.get_source_expressions() for col in source.get_group_by_cols()
        ]


def obligated_sums(obligations) -> Coalesce:
    """The sum of the obligations' amounts on the outer query's line, as a subquery (the line's
    draws are already joined: a second join would count each draw once per obligation)."""
    per_line = (
        obligations.filter(line=OuterRef("pk")).order_by().values("line").annotate(s=Sum("amount"))
    )
    return SubqueryOrZero(Subquery(per_line.values("s")))


def unliquidated(obligated, liquidated) -> Decimal:
    """What the obligations still commit: obligated less paid against them (never below zero:
    a payment never exceeds its obligation)."""
    return max(round_cents(Decimal(obligated or 0) - Decimal(liquidated or 0)), ZERO)


class BudgetLineQuerySet(AppendOnlyQuerySet):
    def open_for_draws(self, day):
        """Lines a cost incurred on ``day`` may be charged to: their award is open for it
        (``award_open_on``, the rule awards use)."""
        return self.filter(award_open_on(day, "award__"))

    def lapsing_first(self):
        """Lines in the order their award's money lapses (Award.objects.lapsing_first)."""
        return self.order_by(*lapsing_order("award__"), "pk")

    def with_balances(self):
        """Each line with ``paid_amount``, ``committed_amount``, ``liquidated_amount``
        (``draw_sums``) and ``obligated_amount`` (``obligated_sums``) in the same query, one
        GROUP BY line; ``BudgetLine.balance()`` reads them."""
        obligations = self.model._meta.get_field("obligations").related_model.objects
        return self.annotate(
            **draw_sums("draws__"), obligated_amount=obligated_sums(obligations.all())
        )

    def for_draws(self):
        """Lines an ordinary draw may charge: not Subawards lines, which are paid only against
        a subaward's obligation (``operations.pay_obligation``)."""
        return self.exclude(category=CostCategory.SUBAWARDS)

    def choices_for_draws(self, day) -> list["LineChoice"]:
        """Lines open on ``day``, lapsing first, each with what is left, its days left and
        whether it is the suggestion: of the lines with the same category and program on several
        awards, the one with money left whose award lapses first. One query."""
        lines = self.open_for_draws(day).for_draws().with_balances().select_related("award")
        lines = lines.lapsing_first()
        groups: dict[tuple[str, str], list[BudgetLine]] = {}
        for line in lines:
            groups.setdefault((line.category, line.program.strip().casefold()), []).append(line)
        choices = []
        for group in groups.values():
            suggested = next((li for li in group if li.balance().remaining > 0), None)
            for line in group:
                choices.append(
                    LineChoice(
                        line=line,
                        remaining=line.balance().remaining,
                        days_left=line.award.days_left(day),
                        on_several_awards=len({li.award_id for li in group}) > 1,
                        suggested=line is suggested and len(group) > 1,
                    )
                )
        return choices


class BudgetLine(AppendOnlyModel):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="lines")
    category = models.CharField("federal cost category", max_length=20, choices=CostCategory)
    program = models.CharField(max_length=100, help_text="e.g. Victim Service Days")
    description = models.CharField(max_length=200)
    amount = MoneyField("approved amount")
    # 28 CFR 94.107: the state's own administration and training, at most 5% of the award
    # (grants.admin_share counts these lines against that cap).
    is_administration = models.BooleanField(
        "state administration and training",
        default=False,
        help_text="Counted against the 5% cap on administration and training (28 CFR 94.107).",
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    objects = BudgetLineQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["award", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & _two_decimals("amount"),
                name="line_amount_not_negative_cents",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} - {self.program}: {self.description}"

    @property
    def award_label(self) -> str:
        """The line wherever lines of several awards are offered: "FAIN — line"."""
        return f"{self.award.federal_award_number} \N{EM DASH} {self}"

    @property
    def short_label(self) -> str:
        """The line as a confirmation names it: Personnel, an en dash, Victim Service Days."""
        return f"{self.get_category_display()} \N{EN DASH} {self.program}"

    def balance(self) -> "LineBalance":
        """The line's money now: from ``with_balances()``'s figures when the line was read with
        them, else by that same query for this line alone."""
        if hasattr(self, "paid_amount"):
            return LineBalance.of(self, *(getattr(self, name) for name in BALANCE_SUMS))
        sums = BudgetLine.objects.filter(pk=self.pk).with_balances()
        return LineBalance.of(self, *sums.values_list(*BALANCE_SUMS).get())

    def paid(self) -> Decimal:
        return self.balance().paid

    def committed(self) -> Decimal:
        return self.balance().committed

    def remaining(self) -> Decimal:
        return self.balance().remaining


# What ``with_balances`` annotates, in the order ``LineBalance.of`` takes them.
BALANCE_SUMS = ("paid_amount", "committed_amount", "liquidated_amount", "obligated_amount")


@dataclass(frozen=True)
class LineBalance:
    """One budget line's money: approved amount, paid, committed; used and left follow.
    ``obligated`` is what obligations (subawards) hold on the line, paid or not: shown, never
    added again (its unpaid part is in ``committed``, its payments in ``paid``)."""

    line_id: int
    category: str
    program: str
    description: str
    amount: Decimal
    paid: Decimal
    committed: Decimal
    obligated: Decimal = ZERO

    @classmethod
    def of(cls, line, paid, committed, liquidated=ZERO, obligated=ZERO) -> "LineBalance":
        """``line`` (a BudgetLine or a history version's instance) with its ``draw_sums`` and
        ``obligated_sums``, in whole cents (SQLite returns sums of DECIMAL columns with stray
        digits). Committed = committed draws not against an obligation + what obligations
        still commit (``unliquidated``): an obligation and its payments count once."""
        return cls(
            line_id=line.pk,
            category=line.category,
            program=line.program,
            description=line.description,
            amount=line.amount,
            paid=round_cents(Decimal(paid or 0)),
            committed=round_cents(Decimal(committed or 0)) + unliquidated(obligated, liquidated),
            obligated=round_cents(Decimal(obligated or 0)),
        )

    def recounted(self, paid, committed, liquidated) -> "LineBalance":
        """The same line and obligations with other draw sums (a report period's payments)."""
        line = BudgetLine(
            pk=self.line_id,
            category=self.category,
            program=self.program,
            description=self.description,
            amount=self.amount,
        )
        return LineBalance.of(line, paid, committed, liquidated, self.obligated)

    @property
    def category_label(self) -> str:
        return CostCategory(self.category).label if self.category in CostCategory.values else ""

    @property
    def used(self) -> Decimal:
        """Paid plus committed: what the line can no longer spend."""
        return self.paid + self.committed

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used

    @property
    def used_percent(self) -> Decimal:
        if not self.amount:
            return Decimal(100) if self.used else ZERO
        return (self.used * 100 / self.amount).quantize(Decimal("0.1"))

    @property
    def paid_percent(self) -> Decimal:
        if not self.amount:
            return ZERO
        return (self.paid * 100 / self.amount).quantize(Decimal("0.1"))

    @property
    def committed_percent(self) -> Decimal:
        return self.used_percent - self.paid_percent if self.amount else ZERO

    @property
    def near_limit(self) -> bool:
        return self.amount > 0 and self.used >= self.amount * NEAR_LIMIT


@dataclass(frozen=True)
class LineChoice:
    """One budget line as the draw form offers it."""

    line: BudgetLine
    remaining: Decimal
    days_left: int
    on_several_awards: bool
    suggested: bool

    @property
    def group_label(self) -> str:
        return self.line.short_label
