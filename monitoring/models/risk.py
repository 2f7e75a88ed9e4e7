"""A risk assessment of a subrecipient (2 CFR 200.332(c)): every factor's score and note, the
total, the level and the monitoring plan it set. Only added, never changed: next year's is new."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from grants.models import AppendOnlyModel, AppendOnlyQuerySet
from organizations.models import Organization
from voca.clock import now

from ..rules import MAX_SCORE, RiskLevel

TEXT_MAX = 2000


class RiskAssessmentQuerySet(AppendOnlyQuerySet):
    def latest_of(self, organization_id, on_or_before=None):
        rows = self.filter(organization_id=organization_id)
        if on_or_before is not None:
            rows = rows.filter(assessed_on__lte=on_or_before)
        return rows.order_by("-assessed_on", "-pk").first()


class RiskAssessment(AppendOnlyModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="risk_assessments"
    )
    assessed_on = models.DateField()
    total = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    desk_reviews_per_year = models.PositiveSmallIntegerField()
    site_visit = models.BooleanField("site visit planned")
    conditions = models.TextField("specific conditions suggested", blank=True)
    summary = models.TextField(max_length=TEXT_MAX, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=now, editable=False)

    objects = RiskAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"Risk assessment #{self.pk} ({self.get_level_display().lower()})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            from django.core.exceptions import ValidationError

            raise ValidationError("A risk assessment is never changed: record a new one.")
        super().save(*args, **kwargs)

    @property
    def condition_list(self) -> list[str]:
        return [c for c in self.conditions.splitlines() if c.strip()]


class FactorScore(AppendOnlyModel):
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="scores")
    factor = models.CharField(max_length=40)
    score = models.PositiveSmallIntegerField()
    computed = models.BooleanField(default=False)
    note = models.TextField(max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "factor"], name="factor_once"),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="score_in_range"),
        ]

    def __str__(self):
        return f"{self.factor}: {self.score}"
