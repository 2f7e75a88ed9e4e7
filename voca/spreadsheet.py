"""Writing user text into spreadsheets (Excel and CSV exports alike) so it is never evaluated."""

import re

from voca.text import within_limit

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What an XLSX cell cannot hold (openpyxl's IllegalCharacterError): C0 controls but tab, LF, CR.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def escape_formula(value):
    """Text a spreadsheet would evaluate (= + - @ tab CR first) is kept as text: a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def drop_control_characters(text: str) -> str:
    """``text`` without the control characters no workbook can hold (stored before clean_text)."""
    return _UNWRITABLE.sub("", text)


def cell_text(value):
    """Stored text as a cell shows it: unwritable controls dropped, then formulas kept as text."""
    if isinstance(value, str):
        return escape_formula(drop_control_characters(value))
    return value


# Excel's own limits (its "specifications and limits"); openpyxl would cut past them silently.
EXCEL_CELL_MAX = 32767  # characters one cell holds
EXCEL_SHEET_NAME_MAX = 31  # characters of a sheet's name (its tab)


def excel_cell_text(value):
    """``cell_text`` for a workbook's cell: Excel holds at most 32,767 characters in one, so
    longer text keeps its start and ends "… (truncated, N characters)", naming its full length
    (``voca.text.within_limit``), instead of being cut silently."""
    value = cell_text(value)
    if isinstance(value, str) and len(value) > EXCEL_CELL_MAX:
        return within_limit(value, EXCEL_CELL_MAX)
    return value


def sheet_name(title: str) -> str:
    """``title`` as a sheet's name: Excel holds at most 31 characters. The reports name their
    sheets themselves (none is longer today); a longer name would end in "…", never be cut
    silently."""
    if len(title) <= EXCEL_SHEET_NAME_MAX:
        return title
    return title[: EXCEL_SHEET_NAME_MAX - 1] + "…"


def escape_listing_exports() -> None:
    """Make every Wagtail listing export (CSV and XLSX, every viewset) call ``escape_formula``.

    Wagtail writes each value through ``SpreadsheetExportMixin.preprocess_field_value``; wrapping
    it once covers project viewsets, snippets and Wagtail's own reports alike. Idempotent.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "escapes_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return cell_text(original(self, field, value, export_format))

    preprocess_field_value.escapes_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
