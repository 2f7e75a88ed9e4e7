"""Match waivers (28 CFR 94.118, as amended by the VOCA Fix of 2021): the state's published
waiver policy, kept version by version, and each subrecipient's request with the state's decision.

An approved request takes effect as a new version of the subaward (kind "match waiver") whose
``match_waived`` rises by the amount approved; the report of approved waivers reads the versions,
so a waiver decided when the subaward was issued counts the same way."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from grants.models import MoneyField
from voca import formats
from voca.clock import now

from ..waiver_workflow import WaiverStatus
from .subawards import Subaward
from .versions import SubawardVersion


class WaiverPolicyQuerySet(models.QuerySet):
    def in_effect_on(self, day):
        """The policy version in effect on ``day`` (the latest effective by then), or None."""
        return self.filter(effective_on__lte=day).order_by("-effective_on", "-number").first()


class WaiverPolicy(models.Model):
    """One version of the state's published match-waiver policy; versions are only added."""

    number = models.PositiveSmallIntegerField(unique=True, editable=False)
    title = models.CharField(max_length=200)
    text = models.TextField("policy text", max_length=20000)
    effective_on = models.DateField("in effect from")
    reason = models.TextField(
        max_length=1000, help_text="Why this version: kept in the audit trail."
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    published_at = models.DateTimeField(default=now, editable=False)

    objects = WaiverPolicyQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-number"]
        verbose_name = "match waiver policy"
        verbose_name_plural = "match waiver policy"

    def __str__(self):
        return f"{self.label}: {self.title}"

    @property
    def label(self) -> str:
        return f"Waiver policy v{self.number} (in effect from {formats.day(self.effective_on)})"


class WaiverRequestQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(subaward__subrecipient=organization)

    def waiting(self):
        return self.filter(status=WaiverStatus.REQUESTED)


class WaiverRequest(models.Model):
    """A subrecipient's request to waive part or all of one subaward's match."""

    subaward = models.ForeignKey(Subaward, on_delete=models.PROTECT, related_name="waiver_requests")
    policy = models.ForeignKey(
        WaiverPolicy,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name="waiver policy cited",
    )
    amount = MoneyField("match to waive")
    reason = models.TextField("why the match should be waived", max_length=1000)
    status = models.CharField(max_length=12, choices=WaiverStatus.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=1000, blank=True)
    approved_amount = MoneyField("match waived", null=True, blank=True)
    # The subaward version that put an approval in force.
    version = models.OneToOneField(
        SubawardVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="waiver_request",
    )

    objects = WaiverRequestQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-requested_at", "-pk"]
        permissions = [("decide_match_waiver", "Approve or deny match waiver requests")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="waiver_request_positive"),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | Q(approved_amount__gt=0, approved_amount__lte=models.F("amount")),
                name="waiver_approved_within_request",
            ),
        ]

    def __str__(self):
        return f"Match waiver request #{self.pk} on {self.subaward.number}"
