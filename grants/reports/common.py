"""What every report shares: periods, the cover facts, and the workbook and PDF conventions.

Builders in this package are pure: data in, bytes out. Workbooks are written in openpyxl's
write-only mode (rows stream to disk, memory stays flat); PDFs use reportlab's platypus with a
header, a "page x of y" footer and table headers repeated on every page.
"""

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MONEY_FORMAT = '"$"#,##0.00;[Red]-"$"#,##0.00'
PERCENT_FORMAT = "0.0%"
INT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_START_SET = frozenset(FORMULA_STARTS)

CENT = Decimal("0.01")
ONE_MICROSECOND = dt.timedelta(microseconds=1)


def escape_text(value):
    """User text that a spreadsheet would evaluate (= + - @) is kept as text with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# --- periods ------------------------------------------------------------------------------------

QUARTER_RE = re.compile(r"^FY(\d{4})\s*Q([1-4])$", re.IGNORECASE)


def fiscal_year_of(day: dt.date) -> int:
    """Federal fiscal year: FY2027 starts 1 October 2026."""
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_start(fy: int) -> dt.date:
    return dt.date(fy - 1, 10, 1)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    quarter: str = ""  # e.g. "FY2026Q4" when the period is a federal fiscal-year quarter

    @classmethod
    def from_quarter(cls, text: str) -> "Period":
        match = QUARTER_RE.match((text or "").strip())
        if not match:
            raise ValueError(f"{text!r} is not a quarter; write it like FY2026Q4.")
        fy, q = int(match.group(1)), int(match.group(2))
        if not 2000 <= fy <= 2100:
            raise ValueError(f"{text!r}: the fiscal year must be between 2000 and 2100.")
        first_month = (10, 1, 4, 7)[q - 1]
        year = fy - 1 if q == 1 else fy
        start = dt.date(year, first_month, 1)
        next_start = dt.date(year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
        return cls(start, next_start - dt.timedelta(days=1), f"FY{fy}Q{q}")

    @classmethod
    def from_dates(cls, start: dt.date, end: dt.date) -> "Period":
        if end < start:
            raise ValueError("The period ends before it starts.")
        if (end - start).days > 366 * 5:
            raise ValueError("A report period is at most five years.")
        return cls(start, end)

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.start)

    @property
    def within_one_fiscal_year(self) -> bool:
        return fiscal_year_of(self.start) == fiscal_year_of(self.end)

    @property
    def label(self) -> str:
        dates = f"{self.start:%d %b %Y} - {self.end:%d %b %Y}"
        if self.quarter:
            return f"FY{self.quarter[2:6]} Q{self.quarter[-1]} ({dates})"
        return dates

    @property
    def opens_at(self) -> dt.datetime:
        """The last moment before the period (local time)."""
        return local_midnight(self.start) - ONE_MICROSECOND

    @property
    def closes_at(self) -> dt.datetime:
        """The last moment of the period (local time)."""
        return local_midnight(self.end + dt.timedelta(days=1)) - ONE_MICROSECOND

    def as_params(self) -> dict:
        if self.quarter:
            return {"quarter": self.quarter}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def local_naive(moment: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: datetimes are written in the site's local time."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def cutoff(period: Period, as_of: dt.datetime) -> dt.datetime:
    """Money "to date" figures stand as recorded at the period's end, or earlier when as-of is."""
    return min(as_of, period.closes_at)


# --- the facts on every cover ------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    title: str
    version: str
    agency: str
    award_number: str
    funder: str
    period: Period
    as_of: dt.datetime
    generated_by: str
    generated_at: dt.datetime
    notes: tuple[str, ...] = ()

    def cover_rows(self) -> list[tuple[str, object]]:
        return [
            ("Report", self.title),
            ("Agency", self.agency),
            ("Federal award number", self.award_number or "(no award covers this period)"),
            ("Funder", self.funder),
            ("Period", self.period.label),
            ("Period start", self.period.start),
            ("Period end", self.period.end),
            ("Data as of", local_naive(self.as_of)),
            ("Generated by", self.generated_by),
            ("Generated at", local_naive(self.generated_at)),
            ("Report version", self.version),
            ("Time zone", timezone.get_current_timezone_name()),
        ]


@dataclass(frozen=True)
class Check:
    name: str
    expected: object
    actual: object

    @property
    def passed(self) -> bool:
        return self.expected == self.actual

    @property
    def result(self) -> str:
        return "PASS" if self.passed else "FAIL"


# --- workbooks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, money, int, percent, date, datetime, number
    width: float = 14


_FORMATS = {
    "money": MONEY_FORMAT,
    "percent": PERCENT_FORMAT,
    "int": INT_FORMAT,
    "date": DATE_FORMAT,
    "datetime": DATETIME_FORMAT,
}
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
WRAP = Alignment(wrap_text=True, vertical="top")


def _excel_value(value):
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, dt.datetime):
        return local_naive(value) if timezone.is_aware(value) else value
    return value


class ReportWorkbook:
    """A streaming workbook: cover, data sheets, checks. Sheets are written one after another."""

    def __init__(self, meta: Meta):
        self.meta = meta
        self.wb = Workbook(write_only=True)
        self._cover()

    def _cell(self, ws, value, kind="text", bold=False, header=False):
        cell = WriteOnlyCell(ws, value=_excel_value(value))
        number_format = _FORMATS.get(kind)
        if number_format and value is not None and not isinstance(value, str):
            cell.number_format = number_format
        if bold or header:
            cell.font = BOLD
        if header:
            cell.fill = HEADER_FILL
        return cell

    def _cover(self):
        ws = self.wb.create_sheet("Cover")
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 70
        ws.append([self._cell(ws, self.meta.title, bold=True)])
        ws.append([])
        for label, value in self.meta.cover_rows():
            kind = "datetime" if isinstance(value, dt.datetime) else "date"
            ws.append([self._cell(ws, label, bold=True), self._cell(ws, value, kind)])
        for note in self.meta.notes:
            ws.append([self._cell(ws, "Note", bold=True), self._cell(ws, note)])
        ws.append([])
        ws.append(
            [
                self._cell(ws, "Confidentiality", bold=True),
                self._cell(
                    ws,
                    "Aggregate, de-identified figures only (28 CFR 94.115). Text that starts "
                    "with = + - @ is shown with a leading ' so it is never evaluated.",
                ),
            ]
        )

    def table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence],
        totals: Sequence | None = None,
        preamble: Sequence[str] = (),
    ) -> int:
        """Stream ``rows`` under a frozen, filterable header; returns the number of data rows."""
        ws = self.wb.create_sheet(title[:31])
        for index, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        header_row = len(preamble) + 1
        ws.freeze_panes = f"A{header_row + 1}"
        for line in preamble:
            ws.append([self._cell(ws, line, bold=True)])
        ws.append([self._cell(ws, c.header, header=True) for c in columns])
        kinds = [c.kind for c in columns]
        # Money and percentages carry a number format, one style per column copied onto each
        # cell; dates get openpyxl's own date formats, everything else is written plain.
        styles = []
        for kind in kinds:
            template = WriteOnlyCell(ws)
            if kind in ("money", "percent"):
                template.number_format = _FORMATS[kind]
                styles.append(copy(template._style))
            else:
                styles.append(None)
        tz = timezone.get_current_timezone()
        count = 0
        append = ws.append
        for row in rows:
            out = []
            for value, style in zip(row, styles, strict=False):
                cls = value.__class__
                if cls is str:
                    if value[:1] in FORMULA_START_SET:
                        value = "'" + value
                elif cls is dt.datetime:
                    if value.tzinfo is not None:
                        value = value.astimezone(tz).replace(tzinfo=None, microsecond=0)
                elif style is not None and value is not None:
                    value = WriteOnlyCell(ws, value)
                    value._style = copy(style)
                out.append(value)
            append(out)
            count += 1
        last = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
        if callable(totals):
            totals = totals()
        if totals is not None:
            append([self._cell(ws, v, k, bold=True) for v, k in zip(totals, kinds, strict=False)])
        return count

    def checks(self, checks: Sequence[Check]):
        columns = [
            Column("Check", width=70),
            Column("Expected", "number", 18),
            Column("Actual", "number", 18),
            Column("Result", width=10),
        ]
        self.table(
            "Checks",
            columns,
            ([c.name, _check_value(c.expected), _check_value(c.actual), c.result] for c in checks),
        )

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def _check_value(value):
    return value if isinstance(value, int | float | Decimal | str) or value is None else str(value)


# --- PDFs ---------------------------------------------------------------------------------------


def money_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"-${-value:,.2f}" if value < 0 else f"${value:,.2f}"


def percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


@dataclass
class PdfReport:
    """A paginated PDF: agency, award and title on each page; page x of y below."""

    meta: Meta
    landscape: bool = False
    story: list = field(default_factory=list)

    def __post_init__(self):
        from reportlab.lib.styles import getSampleStyleSheet

        self.styles = getSampleStyleSheet()
        self.styles["BodyText"].fontSize = 9
        self.styles["BodyText"].leading = 11
        self.paragraph(self.meta.title, "Title")
        for label, value in self.meta.cover_rows()[1:]:
            if isinstance(value, dt.datetime):
                value = f"{value:%Y-%m-%d %H:%M}"
            self.paragraph(f"<b>{label}:</b> {_xml(value)}")
        for note in self.meta.notes:
            self.paragraph(f"<i>{_xml(note)}</i>")
        self.space()

    def paragraph(self, text: str, style: str = "BodyText"):
        from reportlab.platypus import Paragraph

        self.story.append(Paragraph(text, self.styles[style]))

    def heading(self, text: str):
        self.paragraph(_xml(text), "Heading2")

    def space(self, height=8):
        from reportlab.platypus import Spacer

        self.story.append(Spacer(1, height))

    def table(self, header: Sequence[str], rows: Sequence[Sequence], widths=None, numeric=()):
        """A table whose header repeats on every page; ``numeric`` column indexes align right."""
        from reportlab.lib import colors
        from reportlab.platypus import LongTable, Paragraph

        body = self.styles["BodyText"]
        data = [[Paragraph(f"<b>{_xml(h)}</b>", body) for h in header]]
        for row in rows:
            data.append(
                [_xml(v) if i in numeric else Paragraph(_xml(v), body) for i, v in enumerate(row)]
            )
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
        ]
        for i in numeric:
            style.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
        self.story.append(LongTable(data, colWidths=widths, repeatRows=1, style=style))
        self.space()

    def checks(self, checks: Sequence[Check]):
        self.heading("Checks")
        self.table(
            ["Check", "Expected", "Actual", "Result"],
            [[c.name, _plain(c.expected), _plain(c.actual), c.result] for c in checks],
            numeric=(1, 2),
        )

    def to_bytes(self) -> bytes:
        from reportlab.lib.pagesizes import landscape, letter
        from reportlab.lib.units import inch
        from reportlab.platypus import SimpleDocTemplate

        out = io.BytesIO()
        pagesize = landscape(letter) if self.landscape else letter
        meta = self.meta
        doc = SimpleDocTemplate(
            out,
            pagesize=pagesize,
            leftMargin=0.6 * inch,
            rightMargin=0.6 * inch,
            topMargin=0.9 * inch,
            bottomMargin=0.8 * inch,
            title=meta.title,
            author=meta.agency,
            subject=f"{meta.award_number} {meta.period.label}",
        )
        header = f"{meta.agency} - award {meta.award_number or 'n/a'} - {meta.title}"
        generated = local_naive(meta.generated_at)
        footer = (
            f"Generated {generated:%Y-%m-%d %H:%M} by {meta.generated_by} - "
            f"report version {meta.version}"
        )
        canvas_class = _numbered_canvas(header, footer, pagesize)
        doc.build(list(self.story), canvasmaker=canvas_class)
        return out.getvalue()


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:,}"
    return "" if value is None else str(value)


def _xml(value) -> str:
    from xml.sax.saxutils import escape

    if isinstance(value, Decimal):
        value = f"{value:,}"
    return escape("" if value is None else str(value))


def _numbered_canvas(header: str, footer: str, pagesize):
    """A canvas that knows the page count when it draws each page's header and footer."""
    from reportlab.lib.units import inch
    from reportlab.pdfgen.canvas import Canvas

    width, height = pagesize

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.drawString(0.6 * inch, height - 0.5 * inch, header)
                self.drawString(0.6 * inch, 0.45 * inch, footer)
                self.drawRightString(
                    width - 0.6 * inch, 0.45 * inch, f"Page {self._pageNumber} of {total}"
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def bar_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], width=500):
    """A horizontal bar chart (reportlab.graphics) of one or more money series per label."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    palette = [colors.HexColor("#1f4e79"), colors.HexColor("#e07b00"), colors.HexColor("#8fb3d9")]
    height = 60 + 26 * len(labels) * max(1, len(series)) // 2
    drawing = Drawing(width, height + 30)
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 30
    chart.width, chart.height = width - 190, height - 20
    chart.data = [list(values) or [0] for _, values in series]
    chart.categoryAxis.categoryNames = [label[:32] for label in labels] or [""]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"${v:,.0f}"
    for index in range(len(series)):
        chart.bars[index].fillColor = palette[index % len(palette)]
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 170, height + 20
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [
        (palette[i % len(palette)], name) for i, (name, _) in enumerate(series)
    ]
    drawing.add(legend)
    return drawing
