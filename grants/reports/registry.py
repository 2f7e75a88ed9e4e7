"""The reports on offer: who may run each, in which formats, and the one function that runs one.

``generate`` is called by the admin's background task and the ``voca_report`` command alike: it
checks permission, builds the file, and records it in the append-only export log.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from types import ModuleType

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .. import permissions
from ..models import Award, ExportLog
from . import audit, budget, claim, draws, ffr, pmt
from .common import Meta, Period
from .context import ReportContext, user_names

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Report:
    key: str
    module: ModuleType
    formats: tuple[str, ...]
    permission: str
    description: str

    @property
    def title(self) -> str:
        return self.module.TITLE

    @property
    def version(self) -> str:
        return self.module.VERSION

    def may_generate(self, user) -> bool:
        return permissions.can_generate_report(user, self.permission)


REPORTS: dict[str, Report] = {
    r.key: r
    for r in (
        Report(
            "pmt",
            pmt,
            ("xlsx", "pdf"),
            permissions.PMT_REPORT,
            "Individuals served, new individuals and their demographics, victimizations, services.",
        ),
        Report(
            "sf425",
            ffr,
            ("xlsx", "pdf"),
            permissions.MONEY_REPORTS,
            "Federal Financial Report lines 10a-10k (and 11), cumulative, each with how it "
            "was computed.",
        ),
        Report(
            "budget",
            budget,
            ("xlsx", "pdf"),
            permissions.MONEY_REPORTS,
            "Every budget line: approved, revisions, spent, committed, remaining; match.",
        ),
        Report(
            "claim",
            claim,
            ("pdf", "xlsx"),
            permissions.MONEY_REPORTS,
            "The period's approved draws by budget line, match to date, certification.",
        ),
        Report(
            "draws",
            draws,
            ("xlsx",),
            permissions.MONEY_REPORTS,
            "Every draw incurred in the period with who requested, approved and paid it, and when.",
        ),
        Report(
            "audit",
            audit,
            ("xlsx",),
            permissions.MONEY_REPORTS,
            "Every change to money records in the period: when, who, record, field, old and "
            "new value, reason.",
        ),
    )
}


@dataclass(frozen=True)
class GeneratedFile:
    content: bytes
    filename: str
    content_type: str
    log: ExportLog


def reports_for(user) -> list[Report]:
    return [r for r in REPORTS.values() if r.may_generate(user)]


def award_for(period: Period, award_number: str | None = None) -> Award | None:
    """The award named, or the most recent award whose period of performance overlaps the period."""
    awards = Award.objects.all()
    if award_number:
        return awards.filter(federal_award_number=award_number).first()
    return (
        awards.filter(period_start__lte=period.end, period_end__gte=period.start)
        .order_by("-period_start", "-pk")
        .first()
    )


def context_for(
    report: Report,
    *,
    run_by: str,
    period: Period,
    as_of: dt.datetime,
    award: Award | None,
    notes=(),
):
    generated_at = timezone.now()
    meta = Meta(
        title=report.title,
        version=report.version,
        agency=award.administering_agency if award else settings.WAGTAIL_SITE_NAME,
        award_number=award.federal_award_number if award else "",
        funder=award.funder if award else "",
        period=period,
        as_of=as_of,
        generated_by=run_by,
        generated_at=generated_at,
        notes=tuple(notes),
    )
    return ReportContext(
        meta=meta, period=period, as_of=as_of, award_id=award.pk if award else None
    )


def parameters(period: Period, as_of: dt.datetime, award: Award | None) -> dict:
    return {
        **period.as_params(),
        "as_of": timezone.localtime(as_of).isoformat(),
        "award": award.federal_award_number if award else "",
    }


def filename(report: Report, period: Period, as_of: dt.datetime, fmt: str) -> str:
    span = period.quarter or f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    return f"{report.key}-{span}-asof-{timezone.localtime(as_of):%Y%m%d-%H%M}.{fmt}"


def generate(
    key: str,
    fmt: str,
    *,
    user,
    period: Period,
    as_of: dt.datetime | None = None,
    award_number: str | None = None,
    channel: str = "admin",
    run_by: str = "",
) -> GeneratedFile:
    """Build one report file and log it. Raises PermissionDenied or ValueError (bad input).

    ``user`` may be None only for the command line (``run_by`` then names the operator).
    """
    report = REPORTS.get(key)
    if report is None:
        raise ValueError(f"Unknown report {key!r}; choose one of {', '.join(REPORTS)}.")
    if user is None and channel != "command":
        raise PermissionDenied("Reports are generated for a signed-in user.")
    if user is not None and not report.may_generate(user):
        raise PermissionDenied(f"You may not generate the {report.title}.")
    if user is not None:
        run_by = user_names().get(user.pk, user.get_username())
    if fmt not in report.formats:
        raise ValueError(f"The {report.title} comes as {' or '.join(report.formats)}, not {fmt}.")
    if key == "pmt" and not period.within_one_fiscal_year:
        raise ValueError("The PMT report covers a period within one federal fiscal year.")
    as_of = as_of or timezone.now()
    if as_of > timezone.now() + dt.timedelta(minutes=5):
        raise ValueError("The as-of moment is in the future.")
    award = award_for(period, award_number)
    if award_number and award is None:
        raise ValueError(f"No award numbered {award_number!r}.")
    ctx = context_for(report, run_by=run_by, period=period, as_of=as_of, award=award)
    content = getattr(report.module, fmt)(ctx)
    log = ExportLog.objects.create(
        user=user,
        run_by=run_by,
        report=report.key,
        report_title=report.title,
        report_version=report.version,
        format=fmt,
        parameters=parameters(period, as_of, award),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        channel=channel,
    )
    return GeneratedFile(content, filename(report, period, as_of, fmt), CONTENT_TYPES[fmt], log)
