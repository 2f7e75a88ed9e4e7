"""FFATA subaward reporting (2 CFR part 170, in SAM.gov since FSRS retired in March 2025).

A reportable action is a subaward version in force that changed the money, once the subaward is
``RULES.ffata_threshold`` or more: the version that made it reach the threshold (the subaward
itself or the amendment that took it there) and every later one that changed the amount. Each is
due by the end of the month after the month it was obligated (its ``effective_on``). The actions
are read from the versions (``reportable_actions``); reporting one adds an ``FfataReport``, never
changed. The executive-compensation answers are the subrecipient's (``ExecutiveCompensation``,
append-only: the latest answer counts), with the top five only when 2 CFR 170 asks for them.
"""

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from grants.models import AppendOnlyQuerySet, MoneyField
from organizations.models import Organization
from voca.clock import now

from ..rules import RULES
from ..workflows import IN_FORCE
from .versions import SubawardVersion

# 2 CFR 170: the top five are reported only for a subrecipient with 80 % or more of its revenue,
# and $25,000,000 or more, from federal awards.
EXECUTIVES = 5


def ffata_due_on(obligated_on: dt.date) -> dt.date:
    """The last day of the month after the month of ``obligated_on``."""
    year, month = (
        (obligated_on.year + 1, 1)
        if obligated_on.month == 12
        else (
            obligated_on.year,
            obligated_on.month + 1,
        )
    )
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def reportable_actions():
    """Every version in force that is a reportable action (see the module), oldest first."""
    in_force = sorted(IN_FORCE)
    reportable_before = SubawardVersion.objects.filter(
        subaward=OuterRef("subaward"),
        number__lt=OuterRef("number"),
        status__in=in_force,
        total_obligated__gte=RULES.ffata_threshold,
    )
    return (
        SubawardVersion.objects.filter(status__in=in_force, effective_on__isnull=False)
        .exclude(amount_this_action=0)
        .filter(Q(total_obligated__gte=RULES.ffata_threshold) | Exists(reportable_before))
        .select_related("subaward__subrecipient", "subaward__line__award", "ffata_report")
        .order_by("effective_on", "subaward__number", "number")
    )


class FfataReport(models.Model):
    """That a reportable action was reported in SAM.gov: on which day, by whom."""

    version = models.OneToOneField(
        SubawardVersion, on_delete=models.PROTECT, related_name="ffata_report"
    )
    reported_on = models.DateField("reported in SAM.gov on")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmation = models.CharField(
        "SAM.gov confirmation", max_length=100, blank=True, help_text="Optional reference."
    )
    recorded_at = models.DateTimeField(default=now, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "FFATA report"
        ordering = ["-reported_on", "-id"]

    def __str__(self):
        return f"FFATA {self.version.subaward.number} v{self.version.number}"


class ExecutiveCompensation(models.Model):
    """A subrecipient's answers to 2 CFR 170's executive-compensation questions, as of a day."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="executive_compensation"
    )
    answered_on = models.DateField("answers as of")
    mostly_federal = models.BooleanField(
        "80% or more of annual gross revenue from federal awards (preceding fiscal year)"
    )
    federal_25m = models.BooleanField(
        "$25,000,000 or more of annual gross revenue from federal awards"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=now, editable=False)

    objects = AppendOnlyQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["organization", "-answered_on", "-id"]
        get_latest_by = ["answered_on", "id"]

    def __str__(self):
        return f"Executive compensation of {self.organization} as of {self.answered_on}"

    @property
    def required(self) -> bool:
        """Whether the top five names and compensation are reported."""
        return self.mostly_federal and self.federal_25m

    @classmethod
    def latest_for(cls, organization_id):
        return (
            cls.objects.filter(organization_id=organization_id)
            .order_by("-answered_on", "-id")
            .first()
        )


class ExecutiveOfficer(models.Model):
    """One of the five most highly compensated officers, when the answers require them."""

    answers = models.ForeignKey(
        ExecutiveCompensation, on_delete=models.PROTECT, related_name="officers"
    )
    rank = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    compensation = MoneyField("total compensation")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["answers", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["answers", "rank"], name="officer_rank_once"),
            models.CheckConstraint(condition=Q(compensation__gte=0), name="officer_pay_positive"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.name}"
