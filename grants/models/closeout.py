"""Close-out: the award's balances frozen the moment it became read-only."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from voca import formats

from ..exports.models import ExportLog
from .award import Award
from .base import AppendOnlyModel, MoneyField, private_storage


class AwardCloseOut(AppendOnlyModel):
    """Written once by operations.close_out_award; the award refuses every write afterwards."""

    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="close_out")
    closed_at = models.DateTimeField("closed out")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    total = MoneyField("total federal amount")
    budgeted = MoneyField("budgeted")
    paid = MoneyField("federal share of expenditures (paid)")
    deobligated = MoneyField("unobligated balance de-obligated")
    match_required = MoneyField("match required (after any waiver)")
    match_provided = MoneyField("match provided")
    match_waiver_percent = models.DecimalField("match waived (%)", max_digits=5, decimal_places=2)
    final_ffr = models.ForeignKey(
        ExportLog,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="final SF-425 (export log entry)",
    )
    document = models.FileField(
        "close-out documents",
        storage=private_storage,
        upload_to="closeout/%Y/",
        help_text="Final performance report and close-out letter, kept private.",
    )
    # Each line as it stood: [{"line_id", "category", "program", "description", "amount", "paid"}]
    lines = models.JSONField(default=list)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = "award close-out"

    def __str__(self):
        return f"Close-out of {self.award.federal_award_number} on {formats.day(self.closed_at)}"
