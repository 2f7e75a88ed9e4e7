"""The federal fiscal calendar: FY2027 runs 1 Oct 2026 - 30 Sep 2027; Q1 is Oct-Dec.

The one definition of fiscal years and quarters: the PMT counts, the reports and the admin panels
all use it.
"""

import datetime


def fiscal_year_of(day: datetime.date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_start(fiscal_year: int) -> datetime.date:
    return datetime.date(fiscal_year - 1, 10, 1)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    """(fiscal year, quarter 1-4) holding ``day``."""
    return fiscal_year_of(day), (day.month - 10) % 12 // 3 + 1


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal quarter."""
    first_month = (10, 1, 4, 7)[quarter - 1]
    year = fiscal_year - 1 if quarter == 1 else fiscal_year
    start = datetime.date(year, first_month, 1)
    next_start = (
        datetime.date(year + 1, 1, 1)
        if first_month == 10
        else datetime.date(year, first_month + 3, 1)
    )
    return start, next_start - datetime.timedelta(days=1)
