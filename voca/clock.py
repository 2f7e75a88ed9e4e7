"""St. Louis time: the date and clock every service day is given in."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

CENTRAL = ZoneInfo("America/Chicago")


def local_today() -> datetime.date:
    """Today's date in St. Louis, whatever the server's clock zone."""
    return timezone.now().astimezone(CENTRAL).date()


def clock_label(value: datetime.time) -> str:
    """12-hour clock the way St. Louis writes it: 10 a.m., 1:30 p.m."""
    suffix = "a.m." if value.hour < 12 else "p.m."
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {suffix}" if value.minute else f"{hour} {suffix}"
