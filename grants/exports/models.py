"""The export log (append-only, who generated which report file) and the generated files themselves.

Imported by ``grants.models`` so Django registers these models with the grants app (app label
"grants", the same tables).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from organizations.models import Organization
from voca import clock


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class ExportLogQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError("The export log is append-only.")

    def update(self, **kwargs):
        raise ValidationError("The export log is append-only.")


class ExportLog(models.Model):
    """One generated report file: who, when, which report, the parameters and the file's SHA-256."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # Whose file: the requesting user's organization (set by the operation, never by a form).
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", editable=False
    )
    run_by = models.CharField(max_length=150, help_text="Who generated it, as shown on the cover.")
    created_at = models.DateTimeField(default=clock.now, editable=False, db_index=True)
    report = models.CharField(max_length=40)
    report_title = models.CharField(max_length=200)
    report_version = models.CharField(max_length=40)
    format = models.CharField(max_length=8)
    parameters = models.JSONField(default=dict)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("file size (bytes)")
    channel = models.CharField(max_length=20, default="admin", help_text="admin or command")

    objects = ExportLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "export log entry"
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="exportlog_org_newest_first")
        ]
        verbose_name_plural = "export log"
        default_permissions = ("view",)
        permissions = [
            ("generate_pmt_report", "Can generate the PMT performance report"),
            (
                "generate_money_reports",
                "Can generate the money reports (SF-425, budget, claims, draws, audit trail)",
            ),
        ]

    def __str__(self):
        return f"Export #{self.pk}: {self.report_title}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("The export log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The export log is append-only.")

    def parameter_rows(self) -> list[tuple[str, str]]:
        """The parameters as a reader says them: period, data as of, award (dates the
        back office's way, voca.formats); a key this list does not know is shown as stored."""
        import datetime as dt

        from django.utils.dateparse import parse_datetime

        from voca import formats

        params = dict(self.parameters or {})
        rows = []
        quarter = params.pop("quarter", "")
        start, end = params.pop("start", ""), params.pop("end", "")
        if quarter:
            from ..reports.period import Period

            try:
                period = Period.from_quarter(quarter)
                start, end = period.start.isoformat(), period.end.isoformat()
                quarter = f"{quarter[:6]} {quarter[6:]}"
            except ValueError:
                start = end = ""
            rows.append(("Period", quarter))
        if start and end:
            days = [formats.day(dt.date.fromisoformat(d)) for d in (start, end)]
            dates = f"{days[0]} \u2013 {days[1]}"
            if rows:
                rows[-1] = ("Period", f"{quarter} ({dates})")
            else:
                rows.append(("Period", dates))
        if "as_of" in params:
            as_of = params.pop("as_of")
            moment = parse_datetime(as_of) if as_of else None
            rows.append(("Data as of", formats.moment(moment) if moment else formats.EMPTY))
        if "award" in params:
            rows.append(("Award", params.pop("award") or "Every award (per period)"))
        rows += [(key.replace("_", " ").capitalize(), str(value)) for key, value in params.items()]
        return rows


class GeneratedExport(models.Model):
    """A report file requested in the admin: built by a background task, kept for a few days."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Being generated"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", editable=False
    )
    requested_at = models.DateTimeField(default=clock.now, editable=False)
    report = models.CharField(max_length=40)
    format = models.CharField(max_length=8)
    parameters = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(storage=_private_storage, upload_to="exports/%Y/%m/", blank=True)
    error = models.CharField(max_length=300, blank=True)
    log = models.ForeignKey(
        ExportLog, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        default_permissions = ()
        indexes = [
            models.Index(fields=["organization", "-requested_at"], name="export_org_newest_first")
        ]

    def __str__(self):
        return f"Generated export #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def is_downloadable(self) -> bool:
        return self.status == GeneratedExport.Status.READY and bool(self.file)

    @property
    def as_of(self):
        """The as-of moment asked for (kept as ISO text with the parameters)."""
        from django.utils.dateparse import parse_datetime

        value = self.parameters.get("as_of")
        return parse_datetime(value) if value else None


_S = GeneratedExport.Status
# The one export workflow: which status may follow which (grants.exports.operations moves along it).
EXPORT_WORKFLOW = {
    _S.QUEUED: frozenset({_S.RUNNING}),
    _S.RUNNING: frozenset({_S.READY, _S.FAILED}),
    _S.READY: frozenset({_S.EXPIRED}),
    _S.FAILED: frozenset(),
    _S.EXPIRED: frozenset(),
}
PENDING = frozenset({_S.QUEUED, _S.RUNNING})  # the Reports page refreshes while any is pending
