"""A finding of a desk review or site visit and its corrective-action plan: what must change, by
when; the agency's response (its Agency Director); the state's closing note."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organizations.models import Organization
from voca.clock import now

from .reviews import DeskReview, SiteVisit

TEXT_MAX = 2000


class FindingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)


class Finding(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="monitoring_findings"
    )
    site_visit = models.ForeignKey(
        SiteVisit, on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    desk_review = models.ForeignKey(
        DeskReview, on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    text = models.TextField("finding", max_length=TEXT_MAX)
    action_required = models.TextField("corrective action required", max_length=TEXT_MAX)
    due_on = models.DateField("corrective action due")
    response = models.TextField("agency's response", max_length=TEXT_MAX, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closing_note = models.TextField(max_length=TEXT_MAX, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    objects = FindingQuerySet.as_manager()

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["due_on", "pk"]
        permissions = [
            ("close_finding", "Close a finding once its corrective action is done"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(site_visit__isnull=False) | Q(desk_review__isnull=False),
                name="finding_has_source",
            )
        ]

    def __str__(self):
        return f"Finding #{self.pk}"

    @property
    def status(self) -> str:
        if self.closed_on:
            return "Closed"
        if self.responded_on:
            return "Response received"
        return "Waiting for the agency's response"

    @property
    def source(self):
        return self.site_visit or self.desk_review
