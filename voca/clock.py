"""The project's one clock, in St. Louis time: every "now" and "today" in every app reads it.

``clock_at`` sets it (the demo's past months, and ``tests.helpers.at`` for every test), so a
service day's date, a contact's date, a draw's date and a report's period all move together.
"""

import contextlib
import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.utils import timezone

CENTRAL = ZoneInfo("America/Chicago")

_override: list[datetime.datetime] = []


def now() -> datetime.datetime:
    """The current moment (aware), or the moment ``clock_at`` set."""
    return _override[-1] if _override else timezone.now()


def is_set() -> bool:
    """True inside ``clock_at``: records then carry the set moment as their history date."""
    return bool(_override)


def local_date(moment: datetime.datetime) -> datetime.date:
    """The St. Louis date of an aware ``moment``, whatever the server's clock zone."""
    return moment.astimezone(CENTRAL).date()


def local_today() -> datetime.date:
    """Today's date in St. Louis at ``now()``, whatever the server's clock zone."""
    return local_date(now())


@contextlib.contextmanager
def clock_at(moment: datetime.datetime) -> Iterator[None]:
    """Everything inside happens at ``moment``: for the demo's past months and for tests."""
    if timezone.is_naive(moment):
        raise ValueError("clock_at needs an aware moment")
    _override.append(moment)
    try:
        yield
    finally:
        _override.pop()


def clock_label(value: datetime.time) -> str:
    """12-hour clock the way St. Louis writes it: 10 a.m., 1:30 p.m."""
    suffix = "a.m." if value.hour < 12 else "p.m."
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {suffix}" if value.minute else f"{hour} {suffix}"
