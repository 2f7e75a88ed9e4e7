"""The one way the back office writes money and dates: $12,064.25, 1 Dec 2026, 1 Dec 2026 14:05."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from voca.clock import CENTRAL

EMPTY = "—"


def money(amount) -> str:
    """Dollars with cents and thousands separators; negatives as -$1,234.56; "—" for none."""
    if amount is None or amount == "":
        return EMPTY
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError):
        return EMPTY
    if not value.is_finite():
        return EMPTY
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def day(value) -> str:
    """A date as 1 Dec 2026 (a moment is shown as its St. Louis date); "—" for none."""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    if not isinstance(value, datetime.date):
        return EMPTY
    return f"{value.day} {value:%b %Y}"


def moment(value) -> str:
    """A moment as 1 Dec 2026 14:05 in St. Louis time; "—" for none."""
    if not isinstance(value, datetime.datetime):
        return day(value)
    local = _local(value)
    return f"{day(local.date())} {local:%H:%M}"


def hours(start, end) -> str:
    """Opening hours, 10:00 to 14:00 joined by an en dash (the clock of ``moment``); "—" if none."""
    if not isinstance(start, datetime.time) or not isinstance(end, datetime.time):
        return EMPTY
    return f"{start:%H:%M}\u2013{end:%H:%M}"


def month(value) -> str:
    """The month a cost belongs to: Dec 2026."""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    if not isinstance(value, datetime.date):
        return EMPTY
    return f"{value:%b %Y}"


def _local(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(value):
        return value
    return value.astimezone(CENTRAL)


def person(user) -> str:
    """A person as staff know them: the full name, else the username; "—" for none."""
    if user is None:
        return EMPTY
    return user.get_full_name() or user.get_username()
