"""Desk reviews (claims sampled, documents requested and received, a conclusion) and site visits
(planned, then visited: a checklist of declared items, each met / not met / not applicable)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from organizations.models import Organization
from subawards.models import Claim
from voca.clock import now

from ..rules import CHECKLIST_LABELS, Answer

TEXT_MAX = 2000


class DeskReview(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="desk_reviews"
    )
    period_start = models.DateField("claims from")
    period_end = models.DateField("claims to")
    claims = models.ManyToManyField(Claim, related_name="desk_reviews", verbose_name="sampled")
    requested_on = models.DateField("documents requested on")
    documents_due_on = models.DateField("documents due")
    conclusion = models.TextField(max_length=TEXT_MAX, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-requested_on", "-pk"]
        permissions = [("conclude_deskreview", "Conclude a desk review")]

    def __str__(self):
        return f"Desk review #{self.pk}"

    @property
    def is_concluded(self) -> bool:
        return self.concluded_on is not None


class DocumentRequest(models.Model):
    review = models.ForeignKey(DeskReview, on_delete=models.PROTECT, related_name="documents")
    description = models.CharField(max_length=200)
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review", "pk"]

    def __str__(self):
        return self.description


class SiteVisit(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="site_visits"
    )
    planned_on = models.DateField()
    visited_on = models.DateField(null=True, blank=True)
    visitors = models.CharField(max_length=200, blank=True)
    summary = models.TextField("summary of the visit", max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-planned_on", "-pk"]

    def __str__(self):
        return f"Site visit #{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.visited_on is not None


class ChecklistAnswer(models.Model):
    visit = models.ForeignKey(SiteVisit, on_delete=models.PROTECT, related_name="answers")
    item = models.CharField(max_length=40)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["visit", "pk"]
        constraints = [models.UniqueConstraint(fields=["visit", "item"], name="checklist_once")]

    def __str__(self):
        return f"{self.item}: {self.answer}"

    @property
    def label(self) -> str:
        return CHECKLIST_LABELS.get(self.item, self.item)
