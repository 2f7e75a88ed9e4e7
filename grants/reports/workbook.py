"""Workbook conventions: openpyxl write-only mode (rows stream to disk, memory stays flat), a cover,
frozen filterable headers, money and date formats, and a Checks sheet. Bytes out, no database.
"""

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from voca.spreadsheet import excel_cell_text, sheet_name

from .cover import Check, Meta
from .period import local_naive
from .rows import (
    DATETIME_FORMAT,
    FORMATS,
    WRAP,
    Column,
    RowCells,
    RowsSheet,
)

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
# Wider than this many characters' worth of columns, a sheet prints landscape.
PORTRAIT_WIDTH = 100


def print_layout(ws, widths: Sequence[float], header_row: int = 0, heading: str = ""):
    """How every sheet prints, as the PDF does: letter paper, fitted to one page wide (as many
    pages tall as it takes), landscape when wide, the header rows repeated on each page, the
    report named above and "page x of y" below."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_LETTER
    ws.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row:
        ws.print_title_rows = f"1:{header_row}"
    ws.oddHeader.center.text = heading.replace("&", "&&")
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Page &P of &N"


def _excel_value(value):
    if isinstance(value, str):
        return excel_cell_text(value)
    if isinstance(value, dt.datetime):
        return local_naive(value) if timezone.is_aware(value) else value
    return value


@dataclass
class Placed:
    """Where a table landed: its header row, data rows, columns, and rows found by first cell."""

    header_row: int
    count: int
    columns: dict[str, int]
    rows: dict[str, int]


REFERENCE = re.compile(r"\{([^{}!]+)!([^{}!]+)!([^{}!]+)\}")
TOLERANCE = "0.005"  # half a cent: the figures are cents, the spreadsheet adds in binary


class ReportWorkbook:
    """A streaming workbook: cover, data sheets, checks. Sheets are written one after another."""

    def __init__(self, meta: Meta):
        self.meta = meta
        self.wb = Workbook(write_only=True)
        self.placed: dict[str, Placed] = {}
        self._cover()

    def reference(self, formula: str) -> str:
        """``{Sheet!row!Column}`` to an absolute cell address: ``row`` is a row's first cell
        (a line number, "Total claimed") or ``*`` for the column's data rows as a range."""

        def address(match):
            sheet, key, header = match.groups()
            placed = self.placed[sheet]
            column = get_column_letter(placed.columns[header])
            where = f"'{sheet}'!"
            if key == "*":  # no data rows: the header cell, text, which SUM and COUNT skip
                first = placed.header_row + (1 if placed.count else 0)
                last = placed.header_row + placed.count
                return f"{where}${column}${first}:${column}${last}"
            return f"{where}${column}${placed.rows[key]}"

        return REFERENCE.sub(address, formula)

    def _cell(self, ws, value, kind="text", bold=False, header=False):
        cell = WriteOnlyCell(ws, value=_excel_value(value))
        number_format = FORMATS.get(kind)
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
        print_layout(ws, (26, 70), heading=self.heading)
        # The title on a row of its own, over both columns, so a printout never cuts it.
        ws.merged_cells.add("A1:B1")
        title = self._cell(ws, self.meta.title, bold=True)
        title.alignment = WRAP
        ws.append([title])
        ws.append([])
        rows = {}
        for number, (label, value) in enumerate(self.meta.cover_rows(), start=3):
            kind = "datetime" if isinstance(value, dt.datetime) else "date"
            ws.append([self._cell(ws, label, bold=True), self._wrapped(ws, value, kind)])
            rows[label] = number
        # The Checks' formulas may read a cover fact too: {Cover!Data as of!Value}.
        self.placed["Cover"] = Placed(2, 0, {"Label": 1, "Value": 2}, rows)
        for note in self.meta.notes:
            ws.append([self._cell(ws, "Note", bold=True), self._wrapped(ws, note)])
        ws.append([])
        ws.append(
            [
                self._cell(ws, "Confidentiality", bold=True),
                self._wrapped(
                    ws,
                    "Aggregate, de-identified figures only (28 CFR 94.115). Text that starts "
                    "with = + - @ is shown with a leading ' so it is never evaluated.",
                ),
            ]
        )

    def _wrapped(self, ws, value, kind="text"):
        cell = self._cell(ws, value, kind)
        cell.alignment = WRAP
        return cell

    @property
    def heading(self) -> str:
        """What each printed page says at its top, as the PDF's header does."""
        meta = self.meta
        return f"{meta.agency} - award {meta.award_number or 'n/a'} - {meta.title}"

    def table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence],
        totals: Sequence | None = None,
        preamble: Sequence[str] = (),
        index: bool | int = False,
    ) -> int:
        """Stream ``rows`` under a frozen, filterable header; returns the number of data rows.
        With ``index`` each row's first cell (or cell ``index``, a column number from 0) names
        it for the Checks' formulas; totals rows always are."""
        key = 0 if index is True else index
        ws = RowsSheet(parent=self.wb, title=sheet_name(title))
        self.wb._add_sheet(ws)
        for index, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        header_row = len(preamble) + 1
        print_layout(ws, [c.width for c in columns], header_row, self.heading)
        ws.freeze_panes = f"A{header_row + 1}"
        for line in preamble:
            ws.append([self._cell(ws, line, bold=True)])
        ws.append([self._cell(ws, c.header, header=True) for c in columns])
        kinds = [c.kind for c in columns]
        cells = RowCells(ws, columns)
        count = 0
        append = ws.append
        append_values = ws.append_values
        keys: dict[str, int] = {}
        for row in rows:
            if index is not False and row:
                keys[str(row[key])] = header_row + count + 1
            append_values(row, cells)
            count += 1
        last = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
        if callable(totals):
            totals = totals()
        if totals is not None:
            # One totals row, or several (a list of rows), bold under the data.
            many = bool(totals) and isinstance(totals[0], list | tuple)
            for number, line in enumerate(totals if many else [totals], start=1):
                keys[str(line[key or 0])] = header_row + count + number
                append([self._cell(ws, v, k, bold=True) for v, k in zip(line, kinds, strict=False)])
        self.placed[ws.title] = Placed(
            header_row, count, {c.header: i for i, c in enumerate(columns, start=1)}, keys
        )
        return count

    def checks(self, checks: Sequence[Check]):
        """Each check twice: its figures and result as computed when the file was built, and
        the same figures as formulas over the cells they check, with a result that Excel and
        LibreOffice recalculate, so an edited copy shows FAIL."""
        ws = self.wb.create_sheet("Checks")
        columns = [
            Column("Check", width=60, wrap=True),
            Column("Expected", "number", 16),
            Column("Actual", "number", 16),
            Column("Result", width=9),
            Column("Expected (recalculated)", "number", 16),
            Column("Actual (recalculated)", "number", 16),
            Column("Result (recalculated)", width=13),
        ]
        for index, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        print_layout(ws, [c.width for c in columns], 1, self.heading)
        ws.freeze_panes = "A2"
        ws.append([self._cell(ws, c.header, header=True) for c in columns])
        for number, check in enumerate(checks, start=2):
            expected, actual = _check_value(check.expected), _check_value(check.actual)
            live = [
                self._formula(ws, check.expected_formula, expected),
                self._formula(ws, check.actual_formula, actual),
                self._formula(ws, _result_formula(number, check, expected, actual), None),
            ]
            name = self._cell(ws, check.name)
            name.alignment = WRAP
            append = [name, expected, actual, check.result, *live]
            ws.append(append)

    def _formula(self, ws, formula: str, value):
        """A formula cell (references resolved), or the build-time value when there is none."""
        if not formula:
            return self._cell(ws, value)
        cell = WriteOnlyCell(ws, value="=" + self.reference(formula))
        if isinstance(value, dt.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            cell.number_format = "#,##0.00"
        return cell

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def _check_value(value):
    kept = int | float | Decimal | str | dt.date  # a moment stays one, comparable to its cell
    return value if isinstance(value, kept) or value is None else str(value)


def _result_formula(row: int, check: Check, expected, actual) -> str:
    """PASS or FAIL from the recalculated figures (E and F of the same row); amounts within
    half a cent of each other are equal."""
    e, a = f"E{row}", f"F{row}"
    numbers = all(isinstance(v, int | float | Decimal) for v in (expected, actual))
    if check.at_most:
        test = f"{a}<={e}+{TOLERANCE}"
    elif numbers and not any(isinstance(v, bool) for v in (check.expected, check.actual)):
        test = f"ABS({e}-{a})<{TOLERANCE}"
    else:
        test = f"{e}={a}"
    return f'IF({test},"PASS","FAIL")'
