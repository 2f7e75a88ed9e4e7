"""The reports on offer, as data: key, formats, the permission each needs, and how each is built.

Who may run a report is decided in ``grants.permissions`` from ``Report.permission``; this module
never imports it. Writing exports and the export log is ``grants.exports.operations``.
"""

import datetime as dt
import re
from dataclasses import dataclass
from types import ModuleType

from django.utils import timezone

from voca import clock

from ..models import Award
from . import admin_share, audit, budget, claim, draws, ffr, pmt, unclaimed
from .context import ReportContext
from .cover import award_cover
from .period import Period

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
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
            "The payments to claim for the period (each claimed once, by the later of its date "
            "paid and the day it was recorded) by budget line, match to date, certification.",
        ),
        Report(
            "unclaimed",
            unclaimed,
            ("xlsx",),
            MONEY_REPORTS,
            "Payments dated by the period end that no claim generated so far lists: award, "
            "line, amount, date incurred, date paid.",
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
        Report(
            "admin_share",
            admin_share,
            ("xlsx",),
            MONEY_REPORTS,
            "The state's administration and training lines against the cap of 5% of the award "
            "(28 CFR 94.107): cap, budgeted, committed, spent, left under the cap.",
        ),
    )
}


def overlapping(period: Period):
    """The awards whose period of performance overlaps ``period``, the earliest first."""
    return Award.objects.filter(
        period_start__lte=period.end, period_end__gte=period.start
    ).order_by("period_start", "pk")


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
        if not report.per_award and not (
            award.period_start <= period.end and award.period_end >= period.start
        ):
            raise ValueError(
                f"Award {award.federal_award_number}'s period of performance "
                f"({award.period_start:%d %b %Y} - {award.period_end:%d %b %Y}) does not cover "
                f"{period.label}: choose an award open in the period, or none for every award."
            )
        return award
    if not report.per_award:
        return None  # the PMT counts every award's contacts unless one is named
    covering = list(overlapping(period))
    if len(covering) == 1:
        return covering[0]
    if len(covering) > 1:
        numbers = ", ".join(a.federal_award_number for a in covering)
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
    covering = [award] if award else list(overlapping(period))
    meta = award_cover(
        covering,
        title=report.title,
        version=report.version,
        period=period,
        as_of=as_of,
        generated_by=run_by,
        generated_at=generated_at,
        notes=notes,
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


def filename(
    report: Report, period: Period, as_of: dt.datetime, fmt: str, award: Award | None = None
) -> str:
    """e.g. sf425-15POVC-25-GG-00417-ASSI-FY2026Q4-asof-20261015-1700.xlsx: two awards' files
    for one quarter never share a name."""
    span = period.quarter or f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    number = re.sub(r"[^A-Za-z0-9-]+", "-", award.federal_award_number).strip("-") if award else ""
    return (
        "-".join(
            part
            for part in (report.key, number, span, f"asof-{timezone.localtime(as_of):%Y%m%d-%H%M}")
            if part
        )
        + f".{fmt}"
    )
