"""The FFATA subaward report for SAM.gov: one row per reportable action, with the fields SAM.gov's
subaward report asks for. ``collect`` queries; ``render_xlsx`` and ``render_csv`` write bytes only
(text escaped so a spreadsheet never evaluates it)."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from grants.reports.cover import Meta
from grants.reports.period import Period
from grants.reports.workbook import Column, ReportWorkbook
from voca.clock import local_date
from voca.spreadsheet import cell_text

from ..models import ExecutiveCompensation
from ..models.ffata import EXECUTIVES, ffata_due_on

TITLE = "FFATA subaward report (SAM.gov)"
VERSION = "FFATA 1"

COLUMNS = [
    Column("Prime award FAIN", width=18),
    Column("Subrecipient UEI", width=15),
    Column("Subrecipient name", width=36),
    Column("Subaward number", width=16),
    Column("Subaward amount", "money", 16),
    Column("Amount of this action", "money", 16),
    Column("Action (obligation) date", "date", 14),
    Column("Description", width=50, wrap=True),
    Column("Place of performance city", width=18),
    Column("Place of performance state", width=8),
    Column("Place of performance ZIP", width=10),
    Column("Congressional district", width=10),
    Column("Due in SAM.gov by", "date", 14),
    Column("Reported on", "date", 14),
    Column("Reported by", width=20),
    Column("Executive compensation answers as of", "date", 14),
    Column("80% or more of revenue federal", width=10),
    Column("$25M or more of revenue federal", width=10),
]
for _rank in range(1, EXECUTIVES + 1):
    COLUMNS += [
        Column(f"Officer {_rank} name", width=22),
        Column(f"Officer {_rank} compensation", "money", 14),
    ]
HEADERS = [c.header for c in COLUMNS]


def _yes(value) -> str:
    return "" if value is None else ("Yes" if value else "No")


@dataclass(frozen=True)
class FfataData:
    agency: str
    which: str  # "unreported" or "all"
    rows: list[list]
    generated_by: str
    generated_at: dt.datetime


def row_of(version, answers) -> list:
    """One action's cells, in ``COLUMNS``' order."""
    from voca import formats

    subaward, org = version.subaward, version.subaward.subrecipient
    report = getattr(version, "ffata_report", None)
    officers = []
    if answers is not None and answers.required:
        for officer in answers.officers.all():
            officers += [officer.name, officer.compensation]
    officers += [None] * (2 * EXECUTIVES - len(officers))
    return [
        version.fain,
        version.subrecipient_uei,
        version.subrecipient_name,
        subaward.number,
        version.total_obligated,
        version.amount_this_action,
        version.effective_on,
        version.project_description,
        org.city,
        org.state,
        org.zip_code,
        org.congressional_district,
        ffata_due_on(version.effective_on),
        report.reported_on if report else None,
        formats.person(report.reported_by) if report else "",
        answers.answered_on if answers else None,
        _yes(answers.mostly_federal if answers else None),
        _yes(answers.federal_25m if answers else None),
        *officers,
    ]


def collect(actions, *, which: str, unit_name: str, generated_by: str) -> FfataData:
    """The rows of ``actions`` (``models.ffata.reportable_actions()``), only those not yet
    reported unless ``which`` is "all"; each with its subrecipient's latest answers."""
    from voca import clock

    if which != "all":
        actions = actions.filter(ffata_report__isnull=True)
    latest: dict[int, ExecutiveCompensation | None] = {}
    rows = []
    for version in actions.select_related("ffata_report__reported_by"):
        org_id = version.subaward.subrecipient_id
        if org_id not in latest:
            latest[org_id] = ExecutiveCompensation.latest_for(org_id)
        rows.append(row_of(version, latest[org_id]))
    return FfataData(unit_name, which, rows, generated_by, clock.now())


def render_xlsx(data: FfataData) -> bytes:
    today = local_date(data.generated_at)
    dates = [r[6] for r in data.rows] or [today]
    meta = Meta(
        title=TITLE,
        version=VERSION,
        agency=data.agency,
        award_number=", ".join(sorted({r[0] for r in data.rows})),
        funder="SAM.gov subaward reporting (2 CFR part 170)",
        period=Period(min(dates), max(dates)),
        as_of=data.generated_at,
        generated_by=data.generated_by,
        generated_at=data.generated_at,
        notes=(
            "Every action not yet reported."
            if data.which != "all"
            else "Every reportable action, reported or not.",
        ),
    )
    book = ReportWorkbook(meta)
    book.table("Subaward actions", COLUMNS, data.rows)
    return book.to_bytes()


def render_csv(data: FfataData) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in data.rows:
        writer.writerow(["" if v is None else cell_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")
