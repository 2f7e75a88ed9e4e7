"""The VOCA award: its amount, period of performance, match terms and Uniform Guidance rules."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from voca import clock, formats
from voca.money import round_cents

from .base import ZERO, AppendOnlyModel, AppendOnlyQuerySet, MoneyField, _two_decimals

# The 2024 revision of 2 CFR 200 applies to awards made from this day on.
REVISED_GUIDANCE_FROM = dt.date(2024, 10, 1)
# 2 CFR 200.344: obligations incurred within the period are liquidated within 120 days after it.
LIQUIDATION_DAYS = 120


class UniformGuidance(models.TextChoices):
    REVISED_2024 = "2024", "2 CFR 200 as revised for awards from 1 Oct 2024"
    EARLIER = "earlier", "2 CFR 200 before the 2024 revision"

    @classmethod
    def for_start(cls, period_start: dt.date) -> "UniformGuidance":
        return cls.REVISED_2024 if period_start >= REVISED_GUIDANCE_FROM else cls.EARLIER


@dataclass(frozen=True)
class GuidanceRules:
    """The thresholds of one version of the Uniform Guidance: every check that uses one reads it
    here (the award's indirect rate, equipment draws, a subaward's rate, SF-425 line 11's base,
    the subaward document's audit threshold)."""

    de_minimis_rate: Decimal  # % of modified total direct costs, without a negotiated agreement
    equipment_threshold: Decimal  # per-unit cost from which an item is equipment (2 CFR 200.1)
    # Modified total direct costs (2 CFR 200.1) count only the first this much of each subaward.
    subaward_base_cap: Decimal
    # 2 CFR 200.501: federal expenditures in a fiscal year from which a single audit is due.
    single_audit_threshold: Decimal


RULES = {
    UniformGuidance.REVISED_2024: GuidanceRules(
        de_minimis_rate=Decimal("15.00"),
        equipment_threshold=Decimal("10000.00"),
        subaward_base_cap=Decimal("50000.00"),
        single_audit_threshold=Decimal("1000000.00"),
    ),
    UniformGuidance.EARLIER: GuidanceRules(
        de_minimis_rate=Decimal("10.00"),
        equipment_threshold=Decimal("5000.00"),
        subaward_base_cap=Decimal("25000.00"),
        single_audit_threshold=Decimal("750000.00"),
    ),
}


class IndirectRateType(models.TextChoices):
    """SF-425 line 11a: the kind of indirect rate the award charges."""

    DE_MINIMIS = "de_minimis", "De minimis (no negotiated agreement)"
    PROVISIONAL = "provisional", "Provisional"
    PREDETERMINED = "predetermined", "Predetermined"
    FINAL = "final", "Final"
    FIXED = "fixed", "Fixed"


def award_open_on(day: dt.date, via: str = "") -> Q:
    """Awards a cost of ``day`` may be charged to (a draw's line, a contact's program award): not
    closed out, and their period of performance contains the day. ``via`` reaches the award from
    another model ("award__" from budget lines)."""
    return Q(
        **{
            f"{via}closed_at__isnull": True,
            f"{via}period_start__lte": day,
            f"{via}period_end__gte": day,
        }
    )


def lapsing_order(via: str = "") -> tuple[str, ...]:
    """The one order "whose money lapses first": earliest end of period, then oldest award."""
    return (f"{via}period_end", f"{via}period_start", f"{via}pk")


def budgeted_sum():
    """What is budgeted of an award: the sum of its budget lines' amounts (0 with no line), the
    one expression ``AwardQuerySet.with_budgeted`` and ``Award.budgeted`` read."""
    return Coalesce(Sum("lines__amount"), ZERO, output_field=models.DecimalField())


class AwardQuerySet(AppendOnlyQuerySet):
    def not_closed(self):
        return self.filter(closed_at__isnull=True)

    def open_on(self, day: dt.date):
        """Awards open for costs of ``day`` (``award_open_on``; lines use the same rule)."""
        return self.filter(award_open_on(day))

    def lapsing_first(self):
        """Awards whose money lapses first, first (``lapsing_order``; lines use the same)."""
        return self.order_by(*lapsing_order())

    def with_budgeted(self):
        """Each award with ``budgeted_amount`` (``budgeted_sum``), in the same query."""
        return self.annotate(budgeted_amount=budgeted_sum())

    def funding_on(self, day: dt.date) -> "Award | None":
        """The program award for work done on ``day``: the award open that day that lapses first.

        Contacts are charged to it by default (grants.funding), so the oldest money is used first;
        a draw's form suggests the line of the same award (BudgetLine.objects.choices_for_draws).
        """
        return self.open_on(day).lapsing_first().first()


class Award(AppendOnlyModel):
    federal_award_number = models.CharField(max_length=60, unique=True)
    funder = models.CharField(
        max_length=200, default="Office for Victims of Crime, U.S. Department of Justice"
    )
    administering_agency = models.CharField(max_length=200)
    federal_fiscal_year = models.PositiveSmallIntegerField()
    total_amount = MoneyField("total federal amount")
    period_start = models.DateField("period of performance starts")
    period_end = models.DateField("period of performance ends")
    match_rate = models.DecimalField(
        "required match (share of total project cost)",
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.2000"),
    )
    match_waiver_percent = models.DecimalField(
        "match waived (%)", max_digits=5, decimal_places=2, default=ZERO
    )
    match_waiver_reference = models.CharField(max_length=200, blank=True)
    indirect_cost_rate = models.DecimalField(
        "indirect cost rate (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    uniform_guidance = models.CharField(
        "Uniform Guidance that applies",
        max_length=10,
        choices=UniformGuidance,
        default=UniformGuidance.REVISED_2024,
    )
    negotiated_indirect_rate = models.BooleanField(
        "indirect rate from a negotiated agreement",
        default=False,
        help_text="Needed for an indirect cost rate above the de minimis rate.",
    )
    indirect_rate_type = models.CharField(
        "type of indirect rate",
        max_length=20,
        choices=IndirectRateType,
        default=IndirectRateType.DE_MINIMIS,
        help_text="As the SF-425 reports it on line 11a; any type but de minimis comes from "
        "a negotiated agreement.",
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    # Set once, by operations.close_out_award; from then on every operation refuses to write.
    closed_at = models.DateTimeField("closed out", null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = AwardQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_amount__gt=0) & _two_decimals("total_amount"),
                name="award_total_positive_cents",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="award_period_order"
            ),
            models.CheckConstraint(
                condition=Q(match_rate__gte=0, match_rate__lt=1), name="award_match_rate_range"
            ),
            models.CheckConstraint(
                condition=Q(match_waiver_percent__gte=0, match_waiver_percent__lte=100),
                name="award_match_waiver_range",
            ),
        ]

    def __str__(self):
        return f"{self.federal_award_number} (FY{self.federal_fiscal_year})"

    @property
    def label(self) -> str:
        """The award as a decision page names it: number, fiscal year and period."""
        return (
            f"{self.federal_award_number} \N{EM DASH} FY{self.federal_fiscal_year} award, "
            f"{formats.day(self.period_start)} \N{EN DASH} {formats.day(self.period_end)}"
        )

    def budgeted(self) -> Decimal:
        """What is budgeted of the award (``budgeted_sum``): read with the award by
        ``with_budgeted``, else asked now (the operations ask it of the locked award)."""
        budgeted = getattr(self, "budgeted_amount", None)
        if budgeted is None:
            budgeted = Award.objects.filter(pk=self.pk).aggregate(s=budgeted_sum())["s"]
        return round_cents(budgeted)

    def unbudgeted(self) -> Decimal:
        """The part of the award not yet given to any budget line."""
        return self.total_amount - self.budgeted()

    @property
    def required_match(self) -> Decimal:
        """Match on total project cost: federal / (1 - rate) * rate, less any waiver."""
        if not self.match_rate:
            return ZERO
        full = self.total_amount / (1 - self.match_rate) * self.match_rate
        return round_cents(full * (100 - self.match_waiver_percent) / 100)

    @property
    def rules(self) -> GuidanceRules:
        return RULES[UniformGuidance(self.uniform_guidance)]

    @property
    def liquidation_end(self) -> dt.date:
        return self.period_end + dt.timedelta(days=LIQUIDATION_DAYS)

    def contains(self, day) -> bool:
        return self.period_start <= day <= self.period_end

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` to the end of the period of performance (negative once ended)."""
        return (self.period_end - today).days
