"""A report's data rows are written as the XML openpyxl writes for their cells
(grants/reports/rows.py): every file must be the very one openpyxl writes from the same cells."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils.safestring import SafeString
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from grants.reports.rows import Column, RowCells, RowsSheet
from tests.grants.test_reports_render import MODULES, hand_built

COLUMNS = [
    Column("Number", "int"),
    Column("Text"),
    Column("Note", wrap=True),
    Column("Amount", "money"),
    Column("Share", "percent"),
    Column("Day", "date"),
    Column("At", "datetime"),
    Column("Figure", "number"),
]
UTC = dt.UTC
ODD_TEXTS = [
    "#N/A",
    " padded ",
    "   ",
    "a & <b> > c",
    "=SUM(A1:A2)",
    "+1 mileage",
    "-",
    "",
    "x" * 40_000,
    "line\r\nbreak\ttab",
    "\x01control\x1f",
    "Ünïcödé 😀",
    SafeString("=safe string"),
    "'quoted",
]
ODD_VALUES = [
    None,
    0,
    -7,
    10**20,
    True,
    False,
    1.5,
    float("nan"),
    float("inf"),
    Decimal("1234.565"),
    Decimal("-0.01"),
    Decimal("NaN"),
    Decimal("123456789012.123456789"),
    dt.date(2026, 1, 2),
    dt.date(1900, 2, 1),
    dt.datetime(2026, 3, 1, 17, 5, 30, 5000, tzinfo=UTC),
    dt.datetime(2026, 3, 1, 17, 5, 30),
    dt.time(9, 30),
    dt.timedelta(days=1, hours=2),
    "text",
]


def rows():
    """Every odd value in every column, and ordinary rows between them."""
    for i in range(60):
        yield [
            i,
            f"Bus passes {i % 7}",
            ODD_TEXTS[i % len(ODD_TEXTS)],
            Decimal("12.34") * i,
            Decimal(i) / 100,
            dt.date(2026, 1, 1 + i % 28),
            dt.datetime(2026, 3, 1, 17, i % 60, tzinfo=UTC) if i % 3 else None,
            i * 1.25,
        ]
    for n, value in enumerate([*ODD_VALUES, *ODD_TEXTS]):
        for column in range(len(COLUMNS)):
            row = [n, "plain", None, Decimal("1.00"), None, None, None, None]
            row[column] = value
            yield row
    yield []
    yield [1, "short row"]
    yield [*range(len(COLUMNS)), "one value past the last column"]


def sheet_files(as_xml: bool) -> dict[str, bytes]:
    """A header, the rows and a totals row, with the data rows as XML or through openpyxl."""
    book = Workbook(write_only=True)
    if as_xml:
        ws = RowsSheet(parent=book, title="Rows")
        book._add_sheet(ws)
    else:
        ws = book.create_sheet("Rows")
    ws.append([WriteOnlyCell(ws, value=c.header) for c in COLUMNS])
    cells = RowCells(ws, COLUMNS)
    for row in rows():
        if as_xml:
            ws.append_values(row, cells)
        else:
            ws.append(cells(row))
    total = WriteOnlyCell(ws, value="Total")
    total.font = Font(bold=True)
    ws.append([total, None, None, Decimal("99.99")])
    out = io.BytesIO()
    book.save(out)
    archive = zipfile.ZipFile(out)
    return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/")}


def test_rows_written_as_xml_are_the_file_openpyxl_writes_from_the_same_cells(settings):
    settings.TIME_ZONE = "America/Chicago"
    ours, theirs = sheet_files(as_xml=True), sheet_files(as_xml=False)
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name] == theirs[name], name
    sheet = ours["xl/worksheets/sheet1.xml"].decode()
    # What a spreadsheet shows: formulas kept as text, controls dropped, the error code as one.
    assert "<t>'=SUM(A1:A2)</t>" in sheet and "<t>'=safe string</t>" in sheet
    assert "control" in sheet and "\x01" not in sheet
    assert 't="e"><v>#N/A</v>' in sheet
    assert "<t>a &amp; &lt;b&gt; &gt; c</t>" in sheet
    # Past Excel's 32,767 characters a cell's text is cut where it says so, never silently.
    assert "x" * 100 + "… (truncated, 40000 characters)</t>" in sheet


def test_ordinary_rows_are_written_as_xml_and_the_rest_through_openpyxl():
    book = Workbook(write_only=True)
    ws = RowsSheet(parent=book, title="Rows")
    cells = RowCells(ws, COLUMNS)
    ordinary = [1, "a", "b", Decimal("1.00"), Decimal("0.5"), dt.date(2026, 1, 2), None, 2.5]
    assert cells.xml(ordinary, 2).startswith('<row r="2"><c r="A2" t="n"><v>1</v></c>')
    assert cells.xml([1, dt.time(9, 30), dt.timedelta(hours=2)], 3).startswith('<row r="3">')
    aware = dt.time(9, 30, tzinfo=UTC)
    for value in (aware, float("nan"), Decimal("NaN"), WriteOnlyCell(ws, value=1)):
        assert cells.xml([1, "a", value], 2) is None, value


@pytest.mark.parametrize("key", sorted(MODULES))
def test_every_report_is_the_same_file_whether_its_rows_are_written_as_xml_or_not(key, monkeypatch):
    data = hand_built()[key]
    ours = unzip(MODULES[key].render_xlsx(data))
    monkeypatch.setattr(RowCells, "xml", lambda self, row, number: None)
    data = hand_built()[key]  # rows may be a one-pass iterator
    theirs = unzip(MODULES[key].render_xlsx(data))
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name] == theirs[name], name


def unzip(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    # docProps/core.xml holds the moment the file was written.
    return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def test_excel_s_limits_are_stated_once_and_a_cut_is_marked():
    """One cell holds 32,767 characters and a sheet's name 31 (Excel's limits, in
    voca.spreadsheet): longer text is marked where it is cut."""
    from grants.reports.cover import Meta
    from grants.reports.period import Period
    from grants.reports.workbook import ReportWorkbook
    from voca.spreadsheet import EXCEL_CELL_MAX, excel_cell_text, sheet_name

    assert EXCEL_CELL_MAX == 32767 and excel_cell_text("x" * 32767) == "x" * 32767
    cut = excel_cell_text("=" + "x" * 39_999)
    assert (
        len(cut) == 32767
        and cut.startswith("'=x")
        and cut.endswith("(truncated, 40001 characters)")
    )
    assert sheet_name("Special classifications") == "Special classifications"
    assert sheet_name("x" * 31) == "x" * 31 and sheet_name("y" * 40) == "y" * 30 + "…"
    meta = Meta(
        title="T",
        version="t/1",
        agency="A",
        award_number="",
        funder="F",
        period=Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        as_of=dt.datetime(2026, 4, 1, tzinfo=UTC),
        generated_by="tester",
        generated_at=dt.datetime(2026, 4, 1, tzinfo=UTC),
    )
    book = ReportWorkbook(meta)
    book.table("A sheet name longer than thirty-one characters", [Column("Text")], [["a"]])
    assert book.wb.sheetnames == ["Cover", "A sheet name longer than thirt…"]
