"""The state's quarterly performance roll-up for one federal award: the unit's own PMT figures for
that award plus each subrecipient's ACCEPTED figures for its subawards on the award, one column per
part and the whole, and a Checks sheet proving each figure of the whole is the sum of its parts.

``collect`` makes every query; ``render_xlsx`` / ``render_pdf`` only make bytes (through grants'
workbook, cover and PDF helpers). Only aggregates: no client or contact row reaches it.
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from grants.models import Award
from grants.reports import pmt
from grants.reports.context import ReportContext
from grants.reports.cover import Check, Meta, award_cover
from grants.reports.pdf import PdfReport
from grants.reports.period import Period
from grants.reports.pmt_checks import pmt_checks
from grants.reports.workbook import Column, ReportWorkbook
from subawards.models import Subaward

from . import figures as pmt_figures
from .models import QuarterlyReport, quarter_label
from .workflows import ReportStatus

TITLE = "Quarterly performance roll-up (PMT)"
VERSION = "performance-rollup/1"
WHOLE = "Whole"
UNIT = "State unit (own contacts)"
NOTE = (
    "The whole is the sum of its parts: an individual served by the unit and by a subrecipient "
    "(or by two subrecipients) is counted by each, as OVC's subgrantee reports are."
)


@dataclass
class RollupData:
    meta: Meta
    parts: list[tuple[str, pmt.PmtData]]  # (column header, figures); the unit first
    whole: pmt.PmtData
    waiting: list[str] = field(default_factory=list)  # subawards whose figures are not counted

    def sections(self):
        return sections([f for _, f in self.parts], self.whole)


def _rows(data: pmt.PmtData) -> dict[str, list[tuple[str, str, int]]]:
    """Each sheet's rows of one set of figures: (key, label, count); keys unique per sheet."""
    return {
        "Summary": [(q, q, n) for q, n in data.summary()],
        "Demographics (new)": [
            (f"{table}: {label}", label, n)
            for table, rows in data.demographics
            for label, n in rows
        ],
        "Victimizations": [(label, label, n) for label, n in data.victimizations],
        "Special classifications": [(label, label, n) for label, n in data.special],
        "Services (individuals)": [(code, label, n) for _, code, label, n, _, _ in data.services],
        "Services (times)": [(code, label, t) for _, code, label, _, t, _ in data.services],
    }


def sections(parts: list[pmt.PmtData], whole: pmt.PmtData):
    """(sheet, [(key, label, whole, [part, ...]), ...]) for every sheet, the whole's rows first."""
    whole_rows = _rows(whole)
    part_rows = [{s: {k: n for k, _, n in rows} for s, rows in _rows(p).items()} for p in parts]
    return [
        (sheet, [(k, label, n, [p[sheet].get(k, 0) for p in part_rows]) for k, label, n in rows])
        for sheet, rows in whole_rows.items()
    ]


def add_up(parts: list[pmt.PmtData]) -> pmt.PmtData:
    """The whole: every count the sum of the parts' (rows in the first part's order, then any
    row another part adds)."""
    whole = pmt.PmtData(None)
    for name in pmt_figures.COUNT_FIELDS:
        setattr(whole, name, sum(getattr(p, name) for p in parts))

    def merged(lists):
        total: dict = {}
        for rows in lists:
            for label, n in rows:
                total[label] = total.get(label, 0) + n
        return list(total.items())

    tables = dict.fromkeys(t for p in parts for t, _ in p.demographics)
    whole.demographics = [
        (t, merged(rows for p in parts for table, rows in p.demographics if table == t))
        for t in tables
    ]
    whole.victimizations = merged(p.victimizations for p in parts)
    whole.special = merged(p.special for p in parts)
    services: dict = {}
    for p in parts:
        for category, code, label, n, t, is_category in p.services:
            row = services.setdefault(code, [category, code, label, 0, 0, is_category])
            row[3] += n
            row[4] += t
    whole.services = [tuple(r) for r in services.values()]
    return whole


def rollup_checks(data: RollupData) -> list[Check]:
    """Each figure of the whole = the sum of its parts, as formulas over the cells (an edited
    part recalculates to FAIL); then each part's own PMT rule book."""
    headers = [h for h, _ in data.parts]
    checks = []
    for sheet, rows in data.sections():
        for key, _, whole, parts in rows:
            checks.append(
                Check(
                    f"{sheet}: {key}: whole = sum of the parts",
                    whole,
                    sum(parts),
                    expected_formula=f"{{{sheet}!{key}!{WHOLE}}}",
                    actual_formula="+".join(f"{{{sheet}!{key}!{h}}}" for h in headers) or "0",
                )
            )
    for header, figures in data.parts:
        checks += [
            Check(f"{header}: {c.name}", c.expected, c.actual, at_most=c.at_most)
            for c in pmt_checks(figures)
        ]
    return checks


# A part's column header: the subaward number (which keeps it unique) and the subrecipient's
# name, at most this many characters; a longer one ends in "…" and the cover's notes name it whole.
PART_HEADER_MAX = 60


def _part_header(subaward) -> tuple[str, str]:
    """(column header, the whole header when it had to be shortened, else "")."""
    whole = f"{subaward.number} {subaward.subrecipient}".replace("!", "").replace("{", "")
    if len(whole) <= PART_HEADER_MAX:
        return whole, ""
    return whole[: PART_HEADER_MAX - 1] + "…", whole


def collect(award: Award, fiscal_year: int, quarter: int, *, run_by: str, as_of: dt.datetime):
    period = Period.from_quarter(f"FY{fiscal_year}Q{quarter}")
    meta = award_cover(
        [award],
        title=TITLE,
        version=VERSION,
        period=period,
        as_of=as_of,
        generated_by=run_by,
        generated_at=as_of,
        notes=(NOTE,),
    )
    unit = pmt.collect(ReportContext(meta=None, period=period, as_of=as_of, award_id=award.pk))
    parts = [(UNIT, unit)]
    reports = {
        r.subaward_id: r
        for r in QuarterlyReport.objects.for_quarter(fiscal_year, quarter).filter(
            subaward__line__award=award
        )
    }
    waiting, shortened = [], []
    subawards = Subaward.objects.with_current().filter(line__award=award).order_by("number")
    for subaward in subawards:
        report = reports.get(subaward.pk)
        if report is not None and report.status == ReportStatus.ACCEPTED:
            figures = pmt_figures.from_json(report.figures, report.proration_note)
            header, whole = _part_header(subaward)
            parts.append((header, figures))
            if whole:
                shortened.append(whole)
        elif report is not None and report.round_number:
            waiting.append(f"{subaward.number}: {report.get_status_display().lower()}")
    if waiting:
        note = "Not counted (not accepted yet): " + "; ".join(waiting)
        meta = replace(meta, notes=(*meta.notes, note))
    if shortened:
        note = f"Column headers past {PART_HEADER_MAX} characters end in “…”; in full: "
        meta = replace(meta, notes=(*meta.notes, note + "; ".join(shortened)))
    return RollupData(meta, parts, add_up([f for _, f in parts]), waiting)


def render_xlsx(data: RollupData) -> bytes:
    book = ReportWorkbook(data.meta)
    headers = [h for h, _ in data.parts]
    for sheet, rows in data.sections():
        book.table(
            sheet,
            [
                Column("Key", width=24),
                Column("Item", width=50),
                Column(WHOLE, "int", 12),
                *(Column(h, "int", 16) for h in headers),
            ],
            ((key, label, whole, *parts) for key, label, whole, parts in rows),
            index=True,
        )
    notes = [
        (header, figures.proration_note) for header, figures in data.parts if figures.proration_note
    ]
    if notes:
        book.table(
            "Proration notes",
            [
                Column("Part", width=40),
                Column("Why the demographics do not sum", width=80, wrap=True),
            ],
            notes,
        )
    book.checks(rollup_checks(data))
    return book.to_bytes()


def render_pdf(data: RollupData) -> bytes:
    report = PdfReport(data.meta)
    headers = [h for h, _ in data.parts]
    report.heading("Parts")
    report.table(
        ["Column", "Part"], [(str(i), h) for i, h in enumerate(headers, 1)], widths=[60, 420]
    )
    for sheet, rows in data.sections():
        report.heading(sheet)
        report.table(
            ["Item", WHOLE, *(str(i) for i in range(1, len(headers) + 1))],
            [(label, f"{whole:,}", *(f"{n:,}" for n in parts)) for _, label, whole, parts in rows],
            widths=[480 - 50 * (len(headers) + 1), 50, *([50] * len(headers))],
            numeric=tuple(range(1, len(headers) + 2)),
        )
    report.checks(rollup_checks(data))
    return report.to_bytes()


def filename(award: Award, fiscal_year: int, quarter: int, fmt: str) -> str:
    number = "".join(c if c.isalnum() or c == "-" else "-" for c in award.federal_award_number)
    return (
        f"performance-rollup-{number}-{quarter_label(fiscal_year, quarter).replace(' ', '')}.{fmt}"
    )
