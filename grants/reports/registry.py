"""The reports on offer, as data: key, formats, the permission each needs, and how each is built.

Who may run a report is decided in ``grants.permissions`` from ``Report.permission``; this module
never imports it. Writing exports and the export log is ``grants.reports.operations``.
"""

import datetime as dt
from dataclasses import dataclass
from types import ModuleType

from django.conf import settings
from django.utils import timezone

from voca import clock

from ..models import Award
from . import audit, budget, claim, draws, ffr, pmt
from .context import ReportContext
from .cover import Meta
from .period import Period

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
PMT_REPORT = "grants.generate_pmt_report"
MONEY_REPORTS = "grants.generate_money_reports"


@dataclass(frozen=True)
class Report:
    key: str
    module: ModuleType  # collect(ctx) -> Data, render_xlsx(data) / render_pdf(data) -> bytes
    formats: tuple[str, ...]
    permission: str
    description: str
    one_fiscal_year: bool = False  # "new this fiscal year" counts need one fiscal year
    per_award: bool = True  # money reports are for one named award; PMT counts a whole period

    @property
    def title(self) -> str:
        return self.module.TITLE

    @property
    def version(self) -> str:
        return self.module.VERSION

    def render(self, fmt: str, data) -> bytes:
        return getattr(self.module, f"render_{fmt}")(data)

    def build(self, fmt: str, ctx: ReportContext) -> bytes:
        return self.render(fmt, self.module.collect(ctx))


REPORTS: dict[str, Report] = {
    r.key: r
    for r in (
        Report(
            "pmt",
            pmt,
            ("xlsx", "pdf"),
            PMT_REPORT,
            "Individuals served, new individuals and their demographics, victimizations, services.",
            one_fiscal_year=True,
            per_award=False,
        ),
        Report(
            "sf425",
            ffr,
            ("xlsx", "pdf"),
            MONEY_REPORTS,
            "Federal Financial Report lines 10a-10k (and 11), cumulative, each with how it "
            "was computed.",
        ),
        Report(
            "budget",
            budget,
            ("xlsx", "pdf"),
            MONEY_REPORTS,
            "Every budget line: approved, revisions, spent, committed, remaining; match.",
        ),
        Report(
            "claim",
            claim,
            ("pdf", "xlsx"),
            MONEY_REPORTS,
            "The period's approved draws by budget line, match to date, certification.",
        ),
        Report(
            "draws",
            draws,
            ("xlsx",),
            MONEY_REPORTS,
            "Every draw incurred in the period with who requested, approved and paid it, and when.",
        ),
        Report(
            "audit",
            audit,
            ("xlsx",),
            MONEY_REPORTS,
            "Every change to money records in the period: when, who, record, field, old and "
            "new value, reason.",
        ),
    )
}


def award_for(report: Report, period: Period, award_number: str | None = None) -> Award | None:
    """The award a report run is for: the one named, else the only one overlapping the period.

    Raises ValueError for an unknown number, or when several awards overlap a money report's
    period and none was named (no guessing). PMT counts the period whatever award paid for it.
    """
    awards = Award.objects.all()
    if award_number:
        award = awards.filter(federal_award_number=award_number).first()
        if award is None:
            raise ValueError(f"No award numbered {award_number!r}.")
        return award
    overlapping = list(
        awards.filter(period_start__lte=period.end, period_end__gte=period.start).order_by(
            "period_start", "pk"
        )
    )
    if len(overlapping) == 1:
        return overlapping[0]
    if len(overlapping) > 1 and report.per_award:
        numbers = ", ".join(a.federal_award_number for a in overlapping)
        raise ValueError(
            f"Several awards overlap this period ({numbers}): choose the award this "
            f"{report.title} is for."
        )
    return None


def context_for(
    report: Report,
    *,
    run_by: str,
    period: Period,
    as_of: dt.datetime,
    award: Award | None,
    notes=(),
):
    generated_at = clock.now()
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
