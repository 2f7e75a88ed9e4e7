"""Writing user text into spreadsheets (Excel and CSV exports alike) so it is never evaluated."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Text a spreadsheet would evaluate (= + - @ tab CR first) is kept as text: a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
