"""A report's data rows: columns, their formats, and each row written as the very XML openpyxl
writes for it, at a fraction of openpyxl's per-cell cost. Bytes out, no database.

openpyxl writes every cell through a cell object and et_xmlfile's pure-Python serializer (about
ten microseconds a cell: nine tenths of a whole-year register's time). ``RowCells.xml`` writes a
data row's cells as text instead, the same bytes (``tests/grants/test_workbook_rows.py`` compares
the files), and ``RowsSheet`` hands that text to the sheet's own XML stream. A value it does not
write itself (a formula, a number that is not finite, a time of day with a time zone, a cell)
sends its whole row through openpyxl, as does a stream that is not et_xmlfile's (lxml's).
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, TIME_FORMATS
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from voca.spreadsheet import excel_cell_text

MONEY_FORMAT = '"$"#,##0.00;[Red]-"$"#,##0.00'
PERCENT_FORMAT = "0.0%"
INT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, money, int, percent, date, datetime, number
    width: float = 14
    wrap: bool = False  # long text (a certification) wraps inside the column


FORMATS = {
    "money": MONEY_FORMAT,
    "percent": PERCENT_FORMAT,
    "int": INT_FORMAT,
    "date": DATE_FORMAT,
    "datetime": DATETIME_FORMAT,
}

_TEXT_MEMO = 4096  # distinct short texts remembered per sheet (names, statuses, lines): memory flat
_NUMBER = {int: "n", bool: "b", Decimal: "n", float: "n"}  # openpyxl's cell type of each


class RowCells:
    """A data row's values as a write-only sheet takes them.

    Every string goes through ``excel_cell_text`` (control characters dropped, formulas kept as
    text, at most Excel's 32,767 characters with a cut marked), remembered for the short texts
    that repeat (names, statuses, budget lines); an empty string is
    a blank cell, as Excel shows it; a moment is local wall-clock time; dates, moments, times of
    day and durations get openpyxl's own formats, whatever the column (a time in a money column
    once turned the column's reused money cell into a time for every row after it). Money,
    percentages and wrapped text are styled by one cell per column (and dates by one per column
    and type), whose style every value of that column shares.

    ``cells(row)`` gives the row as openpyxl cells and values (the reused styled cells: a
    write-only sheet writes each cell out as soon as its row is appended); ``xml(row, number)``
    the same row as the XML openpyxl writes for them, or None when a value is one it leaves to
    openpyxl."""

    def __init__(self, ws, columns: Sequence[Column]):
        self.tz = timezone.get_current_timezone()
        self.ws = ws
        self.texts: dict[str, str | None] = {}
        self.styled = []  # per column: the reused cell for its values, or None to write plain
        for column in columns:
            cell = None
            if column.kind in ("money", "percent"):
                cell = WriteOnlyCell(ws)
                cell.number_format = FORMATS[column.kind]
            elif column.wrap:
                cell = WriteOnlyCell(ws)
                cell.alignment = WRAP
            self.styled.append(cell)
        # Dates and moments: per column, one reused cell per type with the very format openpyxl
        # gives a plain date or datetime itself (the file is the same; the format is set once,
        # not per value). Made when a column first holds one.
        self.moments: list[dict] = [{} for _ in columns]
        # For xml(): each column's cell reference start, its style attribute once a value has
        # used it (the style is registered then, as openpyxl registers it when it writes the
        # cell), the texts' XML and the dates' serial numbers.
        self.refs = [f'<c r="{get_column_letter(n)}' for n in range(1, len(columns) + 1)]
        self.style_attrs: list[str | None] = [None] * len(columns)
        self.moment_attrs: list[dict] = [{} for _ in columns]
        self.bodies: dict[str, str | None] = {}
        self.serials: dict[dt.date, str] = {}
        self.epoch = ws.parent.epoch
        self.writes_xml = not ws.parent.iso_dates

    def _moment_cell(self, column: int, cls) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws)
        cell.number_format = TIME_FORMATS[cls]
        self.moments[column][cls] = cell
        return cell

    def _local(self, value: dt.datetime) -> dt.datetime:
        return value.astimezone(self.tz).replace(tzinfo=None, microsecond=0)

    def __call__(self, row: Sequence) -> list:
        out = []
        texts = self.texts
        moments = self.moments
        for column, (value, styled) in enumerate(zip(row, self.styled, strict=False)):
            cls = value.__class__
            if cls is not str and isinstance(value, str):
                value, cls = str.__str__(value), str  # a str subclass (SafeString): text
            if cls is str:
                text = texts.get(value, texts)  # the dict itself: not remembered yet
                if text is texts:
                    text = excel_cell_text(value) or None
                    if len(value) <= 64 and len(texts) < _TEXT_MEMO:
                        texts[value] = text
                value = text
            elif cls in TIME_FORMATS:  # a date, moment, time of day or duration
                if cls is dt.datetime and value.tzinfo is not None:
                    value = self._local(value)
                cell = moments[column].get(cls) or self._moment_cell(column, cls)
                cell.value = value
                out.append(cell)
                continue
            if styled is not None and value is not None:
                styled.value = value
                value = styled
            out.append(value)
        return out

    def xml(self, row: Sequence, number: int) -> str | None:
        """Row ``number`` as openpyxl writes ``self(row)``: the same cells, types, styles and
        text; None when a value needs openpyxl (then write ``self(row)``)."""
        if not self.writes_xml:
            return None
        out = [f'<row r="{number}">']
        append = out.append
        bodies = self.bodies
        for column, (ref, value) in enumerate(zip(self.refs, row, strict=False)):
            if value is None:
                continue
            cls = value.__class__
            if cls is str:
                body = bodies.get(value, bodies)  # the dict itself: not remembered yet
                if body is bodies:
                    body = self._text_body(value)
                if body is None:
                    return None
                if not body:  # blank
                    continue
                style = self.style_attrs[column]
                if style is None:
                    style = self._style_attr(column)
            elif cls in TIME_FORMATS:
                if cls is dt.date:
                    serial = self.serials.get(value) or self._serial(value)
                else:
                    if cls is dt.datetime and value.tzinfo is not None:
                        value = self._local(value)
                    elif cls is dt.time and value.tzinfo is not None:
                        return None  # openpyxl refuses it
                    serial = "%.16g" % to_excel(value, self.epoch)  # noqa: UP031  (openpyxl's)
                body = f' t="n"><v>{serial}</v></c>'
                style = self.moment_attrs[column].get(cls) or self._moment_attr(column, cls)
            elif cls in _NUMBER and (cls is int or cls is bool or _finite(value)):
                body = f' t="{_NUMBER[cls]}"><v>{"%.16g" % value}</v></c>'  # noqa: UP031
                style = self.style_attrs[column]
                if style is None:
                    style = self._style_attr(column)
            elif isinstance(value, str):
                plain = str.__str__(value)  # a str subclass (SafeString): text like any other
                return self.xml([*row[:column], plain, *row[column + 1 :]], number)
            else:
                return None
            append(f'{ref}{number}"{style}{body}')
        append("</row>")
        return "".join(out)

    def _text_body(self, value: str) -> str | None:
        """A text cell's XML after its reference: '' for a blank cell, None for a formula."""
        text = excel_cell_text(value)  # at most Excel's 32,767 characters, a cut marked
        if not text:
            body = ""
        else:
            if len(text) > 1 and text.startswith("="):
                return None  # cell_text never leaves one; openpyxl would write a formula
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if text in ERROR_CODES:
                body = f' t="e"><v>{escaped}</v></c>'
            else:
                stripped = text.strip()
                space = ' xml:space="preserve"' if stripped and text != stripped else ""
                body = f' t="inlineStr"><is><t{space}>{escaped}</t></is></c>'
        if len(value) <= 64 and len(self.bodies) < _TEXT_MEMO:
            self.bodies[value] = body
        return body

    def _style_attr(self, column: int) -> str:
        styled = self.styled[column]
        attr = f' s="{styled.style_id}"' if styled is not None else ""
        self.style_attrs[column] = attr
        return attr

    def _moment_attr(self, column: int, cls) -> str:
        cell = self.moments[column].get(cls) or self._moment_cell(column, cls)
        attr = self.moment_attrs[column][cls] = f' s="{cell.style_id}"'
        return attr

    def _serial(self, day: dt.date) -> str:
        serial = "%.16g" % to_excel(day, self.epoch)  # noqa: UP031  (openpyxl's)
        if len(self.serials) < _TEXT_MEMO:
            self.serials[day] = serial
        return serial


def _finite(value) -> bool:
    return value.is_finite() if value.__class__ is Decimal else math.isfinite(value)


class RowsSheet(WriteOnlyWorksheet):
    """openpyxl's write-only sheet that also takes a data row already written as XML
    (``append_values``); rows given to ``append`` are written by openpyxl, as ever."""

    next_row = 1  # the number of the row appended next
    raw = None  # the sheet's XML stream's write function, once the rows have begun

    def _write_rows(self):
        """openpyxl's ``WriteOnlyWorksheet._write_rows``, plus: a row given as text is written
        as it is into the stream openpyxl's own cells are written to."""
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        # et_xmlfile's writer function (2.0: _IncrementalFileWriter._file); lxml's has none, and
        # then no row is given as text.
        self.raw = getattr(xf, "_file", None)
        with xf.element("sheetData"):
            try:
                while True:
                    row = yield
                    if row.__class__ is str:
                        self.raw(row)
                    else:
                        number = self.next_row
                        self._writer.write_row(xf, self._values_to_row(row, number), number)
                    self.next_row += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)

    def append_values(self, values: Sequence, cells: RowCells):
        """Append a data row: its XML when ``cells`` writes it, else its cells through openpyxl."""
        self._get_writer()
        if self._rows is None:
            self._rows = self._write_rows()
            next(self._rows)
        xml = cells.xml(values, self.next_row) if self.raw is not None else None
        self._rows.send(xml if xml is not None else cells(values))
