"""The PMT vocabulary: OVC reference lists, versioned by effective dates (loaded by migration)."""

import datetime

from django.db import models
from django.db.models import Q

from voca.clock import local_today


class ReferenceQuerySet(models.QuerySet):
    def effective_on(self, day: datetime.date):
        """The entries in force on ``day``: a revision adds rows, it never rewrites the past."""
        return self.filter(effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )

    def current(self):
        return self.effective_on(local_today())


class ReferenceItem(models.Model):
    """One entry of an OVC list; ``code`` is stable across revisions and used by the exports."""

    code = models.CharField(max_length=40)
    label = models.CharField(max_length=200)
    sort_order = models.PositiveSmallIntegerField(default=0)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "code", "effective_from"]

    def __str__(self):
        return self.label


def _reference_constraints(name: str):
    return [
        models.UniqueConstraint(fields=["code", "effective_from"], name=f"{name}_code_version"),
        models.CheckConstraint(
            condition=Q(effective_to__isnull=True)
            | Q(effective_to__gte=models.F("effective_from")),
            name=f"{name}_effective_range",
        ),
    ]


class VictimizationType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        constraints = _reference_constraints("victimization")


class SpecialClassification(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        constraints = _reference_constraints("special_classification")


class ServiceCategory(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name_plural = "service categories"
        constraints = _reference_constraints("service_category")


class SubService(ReferenceItem):
    """A PMT sub-service such as C1 crisis intervention; ``common`` ones show first on the form."""

    category = models.ForeignKey(ServiceCategory, on_delete=models.PROTECT, related_name="services")
    common = models.BooleanField(default=False)

    class Meta(ReferenceItem.Meta):
        constraints = _reference_constraints("sub_service")

    def __str__(self):
        return f"{self.code} {self.label}"


class RaceEthnicity(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name_plural = "race/ethnicity"
        constraints = _reference_constraints("race_ethnicity")


class GenderIdentity(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name_plural = "gender identities"
        constraints = _reference_constraints("gender_identity")


class AgeGroup(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        constraints = _reference_constraints("age_group")
