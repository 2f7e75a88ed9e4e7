"""A report's data rows are written through reused cells (one per column and kind) for speed; the
file must be the very one openpyxl writes cell by cell: the same values, the same formats."""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from grants.reports.rows import MONEY_FORMAT, Column, RowCells
from voca.spreadsheet import cell_text

CHICAGO = ZoneInfo("America/Chicago")
COLUMNS = [
    Column("Draw #", "int"),
    Column("Date incurred", "date"),
    Column("Requested at", "datetime"),
    Column("Amount", "money"),
    Column("Description"),
    Column("Paid at", "datetime"),
    Column("Date paid", "date"),
]


def rows():
    utc = dt.UTC
    for i in range(40):
        yield [
            i,
            dt.date(2026, 1, 1 + i % 28),
            dt.datetime(2026, 3, 1, 17, i % 60, 30, 5000, tzinfo=utc),
            Decimal("12.34") * i,
            "=HYPERLINK(x)" if i % 3 == 0 else ("" if i % 5 == 0 else f"Bus passes {i}"),
            dt.datetime(2026, 5, 2, 8, 0, tzinfo=utc) if i % 2 else None,
            # A moment in a date column keeps a moment's own format, as openpyxl gives it.
            dt.datetime(2026, 1, 2, 3, 4) if i % 4 == 0 else dt.date(2026, 1, 2),
        ]


def cell_by_cell(ws, row):
    """Each value as its own cell, the way openpyxl writes it when given it plainly."""
    out = []
    for value, column in zip(row, COLUMNS, strict=True):
        if isinstance(value, str):
            value = cell_text(value) or None
        elif isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(CHICAGO).replace(tzinfo=None, microsecond=0)
        if column.kind == "money" and value is not None:
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = MONEY_FORMAT
            value = cell
        out.append(value)
    return out


def sheet_files(write_row) -> dict[str, bytes]:
    book = Workbook(write_only=True)
    ws = book.create_sheet("Draws")
    writer = write_row(ws)
    for row in rows():
        ws.append(writer(row))
    out = io.BytesIO()
    book.save(out)
    archive = zipfile.ZipFile(out)
    return {
        name: archive.read(name)
        for name in archive.namelist()
        if name.startswith("xl/worksheets/") or name == "xl/styles.xml"
    }


def test_reused_cells_write_the_same_file_as_openpyxl_cell_by_cell(settings):
    settings.TIME_ZONE = "America/Chicago"
    ours = sheet_files(lambda ws: RowCells(ws, COLUMNS))
    theirs = sheet_files(lambda ws: lambda row: cell_by_cell(ws, row))
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name] == theirs[name], name
    # And the check can fail: a moment left in UTC is another file.
    shifted = sheet_files(
        lambda ws: (
            lambda row: cell_by_cell(
                ws, [v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v for v in row]
            )
        )
    )
    assert shifted["xl/worksheets/sheet1.xml"] != ours["xl/worksheets/sheet1.xml"]
