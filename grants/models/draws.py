"""Draws: costs charged to a budget line (steps in grants.workflows.DRAWS)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from voca import formats
from voca.clock import local_date

from ..workflows import DRAWS, DrawStatus
from .award import Award
from .base import (
    AppendOnlyModel,
    AppendOnlyQuerySet,
    MoneyField,
    _cents,
    _two_decimals,
    private_storage,
)
from .lines import BudgetLine, draw_sums


class DrawQuerySet(AppendOnlyQuerySet):
    def paid(self):
        return self.filter(status__in=sorted(DRAWS.spent_states))

    def committed(self):
        return self.filter(status__in=sorted(DRAWS.committed_states))

    def paid_total(self) -> Decimal:
        """What these draws paid (the line-balance rule's ``draw_sums``)."""
        return _cents(self.aggregate(**draw_sums())["paid_amount"])

    def committed_total(self) -> Decimal:
        return _cents(self.aggregate(**draw_sums())["committed_amount"])


class Draw(AppendOnlyModel):
    """A cost charged to the award. Reversals are paid entries of the opposite sign."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="draws")
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="draws", verbose_name="budget line"
    )
    incurred_on = models.DateField("date incurred")
    month = models.DateField("month it belongs to", help_text="First day of the month.")
    amount = MoneyField("amount")
    payee = models.CharField(max_length=200)
    description = models.CharField(max_length=300)
    document = models.FileField(
        "supporting document", storage=private_storage, upload_to="draws/%Y/%m/", blank=True
    )
    status = models.CharField(max_length=12, choices=DrawStatus, default=DrawStatus.DRAFT)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal"
    )
    reason = models.TextField(blank=True, help_text="Why it was rejected, or why it reverses.")
    # A payment against a subaward's obligation (operations.pay_obligation), or its reversal.
    obligation = models.ForeignKey(
        "grants.Obligation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField("date paid", null=True, blank=True)
    payment_reference = models.CharField(
        max_length=100, blank=True, help_text="Check number, EFT or voucher reference."
    )
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    rejected_at = models.DateTimeField(null=True, blank=True)

    objects = DrawQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-month", "-pk"]
        permissions = [
            ("submit_draw", "Can submit draws for approval"),
            ("approve_draw", "Can approve or reject draws"),
            ("pay_draw", "Can record draws as paid"),
            ("reverse_draw", "Can reverse paid draws"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_two_decimals("amount")
                & (
                    Q(reverses__isnull=True, amount__gt=0)
                    | Q(reverses__isnull=False, amount__lt=0, status=DrawStatus.PAID)
                ),
                name="draw_amount_positive_cents_or_reversal",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | Q(reverses__isnull=False)
                | ~Q(approved_by=models.F("submitted_by")),
                name="draw_submitter_not_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status=DrawStatus.REJECTED) | ~Q(reason=""),
                name="draw_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""),
                name="draw_reversal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["line", "status"]),
            # The draws listing reads its pages off this key (voca.paging), never by OFFSET.
            models.Index(fields=["month", "id"], name="grants_draw_month_id"),
        ]

    def __str__(self):
        kind = "Reversal" if self.reverses_id else "Draw"
        return f"{kind} #{self.pk}: {formats.money(self.amount)} ({self.get_status_display()})"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


# --- where a payment belongs: its date paid, and the claim that lists it -----------------------


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def paid_on_or_before(day: dt.date) -> Q:
    """Paid draws and reversals whose date paid is on or before ``day``: the date paid, not the
    moment the payment was recorded, places a payment in its period. Reversals recorded before
    they carried a date paid count from the day they were recorded."""
    next_day = _midnight(day + dt.timedelta(days=1))
    return Q(status__in=sorted(DRAWS.spent_states)) & (
        Q(paid_on__lte=day) | Q(paid_on__isnull=True, paid_at__lt=next_day)
    )


def claimed_between(start: dt.date, end: dt.date) -> Q:
    """Paid draws the claim for ``start``-``end`` lists: those whose claim date (the later of the
    date paid and the day the payment was recorded, ``claim_date``) falls in the period. Every
    payment has one claim date, so claims for periods that follow one another list it once,
    whenever each claim is generated after its period's end."""
    recorded_by_end = Q(paid_at__lt=_midnight(end + dt.timedelta(days=1)))
    from_start = Q(paid_on__gte=start) | Q(paid_at__gte=_midnight(start))
    return paid_on_or_before(end) & recorded_by_end & from_start


def date_paid(paid_on: dt.date | None, paid_at: dt.datetime | None) -> dt.date | None:
    """The date paid shown for a payment (a reversal without one: the day it was recorded)."""
    if paid_on is not None or paid_at is None:
        return paid_on
    return local_date(paid_at)


def claim_date(paid_on: dt.date | None, paid_at: dt.datetime | None) -> dt.date | None:
    """The day that places a payment on a claim: the later of its date paid and the day it was
    recorded (a payment dated 28 Jun but recorded 3 Jul is claimed with July's period)."""
    if paid_at is None:
        return None
    return max(date_paid(paid_on, paid_at), local_date(paid_at))
