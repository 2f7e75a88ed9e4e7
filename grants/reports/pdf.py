"""PDF conventions (reportlab platypus): a header, a "page x of y" footer, table headers repeated
on every page, money and percentages as text. Bytes out, no database.
"""

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from voca.spreadsheet import drop_control_characters

from .cover import Check, Meta
from .period import local_naive


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
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

        self.styles = getSampleStyleSheet()
        self.styles["BodyText"].fontSize = 9
        self.styles["BodyText"].leading = 11
        # A heading stays on the page of what follows it, never stranded at a page's foot.
        self.styles["Heading2"].keepWithNext = 1
        self.right = ParagraphStyle("Right", parent=self.styles["BodyText"], alignment=TA_RIGHT)
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

        self.story.append(Paragraph(drop_control_characters(text), self.styles[style]))

    def text(self, value):
        """Plain text (escaped) as a paragraph."""
        self.paragraph(_xml(value))

    def heading(self, text: str):
        self.paragraph(_xml(text), "Heading2")

    def space(self, height=8):
        from reportlab.platypus import Spacer

        self.story.append(Spacer(1, height))

    @property
    def frame_width(self) -> float:
        """The width a table may take: the page less its margins and the frame's padding."""
        from reportlab.lib.pagesizes import landscape, letter
        from reportlab.lib.units import inch

        width = (landscape(letter) if self.landscape else letter)[0]
        return width - 1.2 * inch - 12

    def table(self, header: Sequence[str], rows: Sequence[Sequence], widths=None, numeric=()):
        """A table whose header repeats on every page; ``numeric`` column indexes align right.
        ``widths`` are a hint: each column grows to its longest word (a date, a status, an
        amount stays whole on one line), taking the room from columns that can wrap."""
        from reportlab.lib import colors
        from reportlab.platypus import LongTable, Paragraph

        body = self.styles["BodyText"]
        if widths is not None:
            widths = fit_widths(header, rows, list(widths), self.frame_width)
        data = [[Paragraph(f"<b>{_xml(h)}</b>", body) for h in header]]
        for row in rows:
            data.append([self._cell(v, i in numeric) for i, v in enumerate(row)])
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

    def _cell(self, value, numeric: bool):
        """Text wraps inside its column (a Paragraph); a bare number stays one right-aligned word,
        and text in a number column (e.g. SF-425 line 11c's period) wraps right-aligned."""
        from reportlab.platypus import Paragraph

        text = _xml(value)
        if not numeric:
            return Paragraph(text, self.styles["BodyText"])
        return Paragraph(text, self.right) if " " in text.strip() else text

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
        header = f"{meta.agency} - {meta.award_label} - {meta.title}"
        generated = local_naive(meta.generated_at)
        footer = (
            f"Generated {generated:%Y-%m-%d %H:%M} by {meta.generated_by} - "
            f"report version {meta.version}"
        )
        canvas_class = _numbered_canvas(header, footer, pagesize)
        doc.build(list(self.story), canvasmaker=canvas_class)
        return out.getvalue()


CELL_PADDING = 12  # reportlab's default left + right padding of a table cell


def fit_widths(header, rows, widths: list[float], available: float) -> list[float]:
    """Column widths from content: no column narrower than its longest word (header in bold),
    a text column's claim capped at 40% of the page so one long word cannot take it all; the
    extra room comes from the columns wider than their longest word, in proportion."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def longest(texts, font):
        words = [w for t in texts for w in _plain(t).split()] or [""]
        return max(stringWidth(w, font, 9) for w in words) + CELL_PADDING

    least = [
        min(
            max(
                longest([h], "Helvetica-Bold"),
                longest([r[i] for r in rows if i < len(r)], "Helvetica"),
            ),
            0.4 * available,
        )
        for i, h in enumerate(header)
    ]
    wanted = [max(w, m) for w, m in zip(widths, least, strict=True)]
    excess = sum(wanted) - available
    slack = [w - m for w, m in zip(wanted, least, strict=True)]
    if excess > 0 and sum(slack):
        share = min(excess / sum(slack), 1)
        wanted = [w - s * share for w, s in zip(wanted, slack, strict=True)]
    return wanted


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:,}"
    return "" if value is None else str(value)


def _xml(value) -> str:
    from xml.sax.saxutils import escape

    if isinstance(value, Decimal):
        value = f"{value:,}"
    # Control characters stored before clean_text existed would show as boxes or break a line.
    return escape(drop_control_characters("" if value is None else str(value)))


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


def chart_labels(labels: Sequence[str], width=30, max_lines=3) -> tuple[list[str], list[str]]:
    """Axis labels wrapped to ``max_lines``; a longer one becomes "Line n", spelled out in the
    returned legend, so no label is ever cut short."""
    import textwrap

    names, legend = [], []
    for number, label in enumerate(labels, start=1):
        lines = textwrap.wrap(label, width) or [""]
        if len(lines) <= max_lines:
            names.append("\n".join(lines))
        else:
            names.append(f"Line {number}")
            legend.append(f"Line {number}: {label}")
    return names, legend


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    width=500,
    max_height=420,  # with its legend, fits a landscape letter page under the header
):
    """A horizontal bar chart (reportlab.graphics) of one or more money series per label; bars
    grow thinner rather than the chart outgrowing a page (``max_height``)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    palette = [colors.HexColor("#1f4e79"), colors.HexColor("#e07b00"), colors.HexColor("#8fb3d9")]
    height = min(60 + 26 * len(labels) * max(1, len(series)) // 2, max_height)
    drawing = Drawing(width, height + 30)
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 30
    chart.width, chart.height = width - 190, height - 20
    chart.data = [list(values) or [0] for _, values in series]
    chart.categoryAxis.categoryNames = list(labels) or [""]  # wrapped by chart_labels
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
