"""Background work for the grants app: building requested report files (django-tasks).

Run the worker with ``manage.py db_worker``; tests use the immediate backend.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from .models import GeneratedExport
from .reports.common import Period
from .reports.registry import generate

logger = logging.getLogger(__name__)


def period_from_parameters(parameters: dict) -> Period:
    if parameters.get("quarter"):
        return Period.from_quarter(parameters["quarter"])
    return Period.from_dates(
        dt.date.fromisoformat(parameters["start"]), dt.date.fromisoformat(parameters["end"])
    )


def request_export(*, user, report: str, fmt: str, period: Period, as_of: dt.datetime | None):
    """Record the request and queue its build (the database backend's task row is written in
    the same transaction, so a worker never sees a task without its export)."""
    export = GeneratedExport.objects.create(
        requested_by=user,
        report=report,
        format=fmt,
        parameters={
            **period.as_params(),
            "as_of": timezone.localtime(as_of or timezone.now()).isoformat(),
        },
    )
    build_export.enqueue(export.pk)
    return export


@task()
def build_export(export_id: int) -> str:
    export = GeneratedExport.objects.select_related("requested_by").get(pk=export_id)
    if export.status != GeneratedExport.Status.QUEUED:
        return export.status
    export.status = GeneratedExport.Status.RUNNING
    export.save(update_fields=["status"])
    try:
        result = generate(
            export.report,
            export.format,
            user=export.requested_by,
            period=period_from_parameters(export.parameters),
            as_of=parse_datetime(export.parameters["as_of"]),
        )
    except (ValueError, PermissionDenied) as exc:
        export.status = GeneratedExport.Status.FAILED
        export.error = str(exc)[:300]
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        return export.status
    except Exception:
        # Never put report content or parameters in logs: only the export's number.
        logger.exception("Export #%s failed", export.pk)
        export.status = GeneratedExport.Status.FAILED
        export.error = (
            "The report could not be generated; the error was logged for the administrator."
        )
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        return export.status
    export.file.save(result.filename, ContentFile(result.content), save=False)
    export.status = GeneratedExport.Status.READY
    export.log = result.log
    export.finished_at = timezone.now()
    export.expires_at = export.finished_at + dt.timedelta(days=settings.VOCA_EXPORT_RETENTION_DAYS)
    export.save(update_fields=["file", "status", "log", "finished_at", "expires_at"])
    return export.status


def remove_expired_exports(now: dt.datetime | None = None) -> int:
    """Delete generated files past their expiry; the export log keeps its entries."""
    now = now or timezone.now()
    removed = 0
    for export in GeneratedExport.objects.filter(
        status=GeneratedExport.Status.READY, expires_at__lte=now
    ):
        if export.file:
            export.file.delete(save=False)
        export.file = ""
        export.status = GeneratedExport.Status.EXPIRED
        export.save(update_fields=["file", "status"])
        removed += 1
    return removed
