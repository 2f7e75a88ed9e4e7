"""Report periods and as-of moments: parsing them and the rules they obey, each written once.

The Reports form, the export operations and the ``voca_report`` command all call these.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from voca import clock
from voca.fiscal import fiscal_year_of, quarter_bounds

ONE_MICROSECOND = dt.timedelta(microseconds=1)
DATE_ONLY_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$", re.ASCII)
QUARTER_RE = re.compile(r"^FY(\d{4})\s*Q([1-4])$", re.IGNORECASE)
ONE_FISCAL_YEAR_MESSAGE = "The PMT report covers a period within one federal fiscal year."
FUTURE_AS_OF_MESSAGE = (
    "The as-of moment cannot be in the future (a date alone means the end of that day; "
    "leave it empty for now)."
)


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
        return cls(*quarter_bounds(fy, q), f"FY{fy}Q{q}")

    @classmethod
    def from_dates(cls, start: dt.date, end: dt.date) -> "Period":
        if end < start:
            raise ValueError("The period ends before it starts.")
        if (end - start).days > 366 * 5:
            raise ValueError("A report period is at most five years.")
        return cls(start, end)

    @classmethod
    def from_params(cls, parameters: dict) -> "Period":
        """The period saved with an export request (the inverse of ``as_params``)."""
        if parameters.get("quarter"):
            return cls.from_quarter(parameters["quarter"])
        return cls.from_dates(
            dt.date.fromisoformat(parameters["start"]), dt.date.fromisoformat(parameters["end"])
        )

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


# --- the rules ----------------------------------------------------------------------------------


def check_period(period: Period, *, one_fiscal_year: bool) -> None:
    """Raises ValueError when a report that counts "new this fiscal year" spans two years."""
    if one_fiscal_year and not period.within_one_fiscal_year:
        raise ValueError(ONE_FISCAL_YEAR_MESSAGE)


def check_as_of(as_of: dt.datetime | None, now: dt.datetime | None = None) -> None:
    """Raises ValueError for an as-of moment after now: figures "as recorded" cannot be ahead."""
    if as_of is not None and as_of > (now or clock.now()):
        raise ValueError(FUTURE_AS_OF_MESSAGE)


# --- text from the command line -----------------------------------------------------------------


def parse_as_of(text: str) -> dt.datetime:
    """A date alone is the end of that day (local time); a date-time is local unless offset.

    The one reading of a typed as-of: the command, the Reports form and the balances page call it.
    """
    text = (text or "").strip()
    # A bare date first: Python 3.11's parse_datetime would take it as 00:00 that day.
    day = parse_date(text) if DATE_ONLY_RE.match(text) else None
    if day is not None:
        return local_midnight(day + dt.timedelta(days=1)) - ONE_MICROSECOND
    moment = parse_datetime(text)
    if moment is None:
        raise ValueError(f"{text!r} is not a date or date-time (e.g. 2026-10-15T17:00).")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_period(quarter: str | None, start: str | None, end: str | None) -> Period:
    if quarter and (start or end):
        raise ValueError("Give either --quarter or --start and --end, not both.")
    if quarter:
        return Period.from_quarter(quarter)
    if not (start and end):
        raise ValueError("Give --quarter (e.g. FY2026Q4) or both --start and --end (YYYY-MM-DD).")
    days = [parse_date(start), parse_date(end)]
    if None in days:
        raise ValueError("--start and --end are dates written YYYY-MM-DD.")
    return Period.from_dates(*days)
