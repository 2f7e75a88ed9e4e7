"""Special conditions flowed down from the federal award, each accepted by the subrecipient."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .subawards import Subaward


class SpecialCondition(models.Model):
    subaward = models.ForeignKey(Subaward, on_delete=models.PROTECT, related_name="conditions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(max_length=2000)
    source = models.CharField(
        max_length=200,
        default="The federal award's special conditions",
        help_text="Where the condition comes from (e.g. the award's condition number).",
    )
    added_in = models.ForeignKey(
        "subawards.SubawardVersion", on_delete=models.PROTECT, related_name="conditions_added"
    )
    # Set once, by operations.accept_condition: who at the subrecipient accepted it, and when.
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["subaward", "number"]
        constraints = [
            models.UniqueConstraint(fields=["subaward", "number"], name="condition_number_once")
        ]

    def __str__(self):
        return f"{self.subaward} condition {self.number}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None
