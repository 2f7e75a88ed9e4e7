"""Volunteers (VOCA expects programs to use them, 28 CFR 94.114/94.118, unless the state waives
it): each month's volunteers and hours a subrecipient records for a subaward, their value as
in-kind match, and the state's decision to waive the requirement for a subaward.

A month is recorded once; a correction is a new row that replaces it (``corrects``), so what was
recorded before stays."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from simple_history.models import HistoricalRecords

from grants.models import MoneyField
from voca import formats
from voca.clock import now
from voca.money import round_cents

from .subawards import Subaward

ZERO = Decimal("0.00")


class VolunteerMonthQuerySet(models.QuerySet):
    def current(self):
        """The rows in force: each month's latest record (one not corrected since)."""
        return self.filter(correction__isnull=True)

    def of_organization(self, organization):
        return self.filter(subaward__subrecipient=organization)

    def totals(self) -> dict:
        sums = self.aggregate(
            volunteers=Sum("volunteers"), hours=Sum("hours"), in_kind=Sum("in_kind_value")
        )
        return {
            "volunteers": sums["volunteers"] or 0,
            "hours": round_cents(Decimal(sums["hours"] or 0)),
            "in_kind": round_cents(Decimal(sums["in_kind"] or 0)),
        }


class VolunteerMonth(models.Model):
    subaward = models.ForeignKey(
        Subaward, on_delete=models.PROTECT, related_name="volunteer_months"
    )
    month = models.DateField(help_text="The first day of the month.")
    volunteers = models.PositiveIntegerField("number of volunteers")
    hours = models.DecimalField("volunteer hours", max_digits=9, decimal_places=2)
    claimed_as_match = models.BooleanField("claimed as in-kind match", default=False)
    rate = models.DecimalField(
        "value per hour", max_digits=8, decimal_places=2, null=True, blank=True
    )
    in_kind_value = MoneyField("in-kind match value", default=ZERO)
    reason = models.TextField(max_length=1000, blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=now)

    objects = VolunteerMonthQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["subaward", "-month", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="volunteer_hours_not_negative"),
            models.CheckConstraint(
                condition=Q(in_kind_value__gte=0), name="volunteer_value_not_negative"
            ),
        ]

    def __str__(self):
        return f"Volunteers of {self.subaward.number}, {formats.month(self.month)}"


class VolunteerWaiver(models.Model):
    """The state's decision that a subaward need not use volunteers (with its reason)."""

    subaward = models.OneToOneField(
        Subaward, on_delete=models.PROTECT, related_name="volunteer_waiver"
    )
    reason = models.TextField(max_length=1000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=now)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    def __str__(self):
        return f"Volunteer requirement waived for {self.subaward.number}"
