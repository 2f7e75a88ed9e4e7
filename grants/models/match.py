"""Non-federal match: cash and in-kind contributions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from voca import formats

from .award import Award
from .base import AppendOnlyModel, MoneyField, _two_decimals, private_storage


class MatchKind(models.TextChoices):
    CASH = "cash", "Cash"
    VOLUNTEER = "volunteer", "Volunteer hours"
    SPACE = "space", "Donated space"
    GOODS = "goods", "Donated goods or services"
    OTHER = "other", "Other in-kind"


class MatchContribution(AppendOnlyModel):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="match_contributions")
    contributed_on = models.DateField("date")
    kind = models.CharField(max_length=12, choices=MatchKind)
    hours = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_rate = MoneyField("rate per hour", null=True, blank=True)
    value = MoneyField("value")
    description = models.CharField(max_length=300)
    document = models.FileField(
        "supporting document", storage=private_storage, upload_to="match/%Y/%m/", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-contributed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gt=0) & _two_decimals("value"), name="match_value_positive_cents"
            ),
            models.CheckConstraint(
                condition=~Q(kind=MatchKind.VOLUNTEER) | Q(hours__gt=0, hourly_rate__gt=0),
                name="match_volunteer_hours_and_rate",
            ),
        ]

    def __str__(self):
        return f"Match #{self.pk}: {self.get_kind_display()} {formats.money(self.value)}"
