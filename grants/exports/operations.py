"""Every write of the Reports area: export requests, their workflow, the export log.

ExportLog and GeneratedExport rows are written only here; the admin views, the background task and
the ``voca_report`` / ``expire_exports`` commands call these functions.
"""

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from organizations.access import owning_organization
from voca import clock
from voca.text import model_max_length, within_limit

from .. import permissions
from ..reports.context import user_names
from ..reports.period import Period, check_as_of, check_period
from ..reports.registry import (
    CONTENT_TYPES,
    REPORTS,
    Report,
    award_for,
    context_for,
    filename,
    parameters,
)
from .models import EXPORT_WORKFLOW, ExportLog, GeneratedExport

logger = logging.getLogger(__name__)
Status = GeneratedExport.Status
UNEXPECTED_FAILURE = (
    "The report could not be generated; the error was logged for the administrator."
)


@dataclass(frozen=True)
class GeneratedFile:
    content: bytes
    filename: str
    content_type: str
    log: ExportLog


def check_request(key: str, fmt: str, *, actor, period: Period, as_of) -> Report:
    """The report asked for, if ``actor`` may run it in that format, period and as-of.

    Raises PermissionDenied or ValueError (with the message to show). ``actor`` None is the
    command line, whose operator is named by the caller.
    """
    report = REPORTS.get(key)
    if report is None:
        raise ValueError(f"Unknown report {key!r}; choose one of {', '.join(REPORTS)}.")
    if actor is not None and not permissions.can_run_report(actor, key):
        raise PermissionDenied(f"You may not generate the {report.title}.")
    if fmt not in report.formats:
        raise ValueError(f"The {report.title} comes as {' or '.join(report.formats)}, not {fmt}.")
    check_period(period, one_fiscal_year=report.one_fiscal_year)
    check_as_of(as_of)
    return report


def log_file(
    actor, *, run_by, report, title, version, fmt, parameters, content: bytes, channel="admin"
) -> ExportLog:
    """The export log's entry for one report file handed out (this registry's reports, and
    other apps' files built from the same helpers, e.g. the performance roll-up)."""
    return ExportLog.objects.create(
        user=actor,
        organization=owning_organization(actor),
        run_by=run_by,
        report=report,
        report_title=title,
        report_version=version,
        format=fmt,
        parameters=parameters,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        channel=channel,
    )


def generate(
    key: str,
    fmt: str,
    *,
    actor,
    period: Period,
    as_of: dt.datetime | None = None,
    award_number: str | None = None,
    channel: str = "admin",
    run_by: str = "",
) -> GeneratedFile:
    """Build one report file and log it. Raises PermissionDenied or ValueError (bad input).

    ``actor`` may be None only for the command line (``run_by`` then names the operator).
    """
    if actor is None and channel != "command":
        raise PermissionDenied("Reports are generated for a signed-in user.")
    report = check_request(key, fmt, actor=actor, period=period, as_of=as_of)
    if actor is not None:
        run_by = user_names().get(actor.pk, actor.get_username())
    as_of = as_of or clock.now()
    award = award_for(report, period, award_number)
    ctx = context_for(report, run_by=run_by, period=period, as_of=as_of, award=award)
    content = report.build(fmt, ctx)
    log = log_file(
        actor,
        run_by=run_by,
        report=report.key,
        title=report.title,
        version=report.version,
        fmt=fmt,
        parameters=parameters(period, as_of, award),
        content=content,
        channel=channel,
    )
    return GeneratedFile(
        content, filename(report, period, as_of, fmt, award), CONTENT_TYPES[fmt], log
    )


# --- the export workflow (queued -> running -> ready | failed; ready -> expired) -----------------


def request_export(
    *,
    actor,
    report: str,
    fmt: str,
    period: Period,
    as_of: dt.datetime | None,
    award_number: str = "",
    queue: Callable[[int], object],
):
    """Record the request and queue its build: ``queue(export_id)`` is the background task's
    ``enqueue`` (``grants.exports.tasks.build_export``, which calls this module, so this module
    never imports it). The database backend's task row is written in the same transaction, so a
    worker never sees a task without its export."""
    award = award_for(
        check_request(report, fmt, actor=actor, period=period, as_of=as_of), period, award_number
    )
    with transaction.atomic():
        export = GeneratedExport.objects.create(
            requested_by=actor,
            organization=owning_organization(actor),
            report=report,
            format=fmt,
            parameters={
                **period.as_params(),
                "as_of": timezone.localtime(as_of or clock.now()).isoformat(),
                "award": award.federal_award_number if award else "",
            },
        )
        queue(export.pk)
    return export


def _move(export: GeneratedExport, to: str, **fields) -> bool:
    """Move ``export`` to status ``to`` if the workflow allows it and nobody moved it first."""
    if to not in EXPORT_WORKFLOW[export.status]:
        return False
    moved = GeneratedExport.objects.filter(pk=export.pk, status=export.status).update(
        status=to, **fields
    )
    if moved:
        export.status = to
        for name, value in fields.items():
            setattr(export, name, value)
    return bool(moved)


def start_export(export_id: int) -> GeneratedExport | None:
    """Claim a queued export for building; None when it is not (or no longer) queued."""
    export = GeneratedExport.objects.select_related("requested_by").get(pk=export_id)
    return export if _move(export, Status.RUNNING) else None


def finish_export(export: GeneratedExport, result: GeneratedFile) -> None:
    export.file.save(result.filename, ContentFile(result.content), save=False)
    finished = clock.now()
    _move(
        export,
        Status.READY,
        file=export.file.name,
        log=result.log,
        finished_at=finished,
        expires_at=finished + dt.timedelta(days=settings.VOCA_EXPORT_RETENTION_DAYS),
    )


def fail_export(export: GeneratedExport, error: str) -> None:
    error = within_limit(error, model_max_length(GeneratedExport, "error"))  # never cut silently
    _move(export, Status.FAILED, error=error, finished_at=clock.now())


def build_export(export_id: int) -> str:
    """Build a queued export's file (run by the background task); returns its final status."""
    export = start_export(export_id)
    if export is None:
        return GeneratedExport.objects.get(pk=export_id).status
    try:
        result = generate(
            export.report,
            export.format,
            actor=export.requested_by,
            period=Period.from_params(export.parameters),
            as_of=parse_datetime(export.parameters["as_of"]),
            award_number=export.parameters.get("award") or None,
        )
    except (ValueError, PermissionDenied) as exc:
        fail_export(export, str(exc))
    except Exception:
        # Never put report content or parameters in logs: only the export's number.
        logger.exception("Export #%s failed", export.pk)
        fail_export(export, UNEXPECTED_FAILURE)
    else:
        finish_export(export, result)
    return export.status


def expire_exports(now: dt.datetime | None = None) -> int:
    """Delete generated files past their expiry; the export log keeps its entries."""
    now = now or clock.now()
    removed = 0
    for export in GeneratedExport.objects.filter(status=Status.READY, expires_at__lte=now):
        if export.file:
            export.file.delete(save=False)
        removed += _move(export, Status.EXPIRED, file="")
    return removed
