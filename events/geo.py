"""Where a ZIP code is and how far a place is from it, with no outside service: the ZIP table
ships inside the ``zipcodes`` package, and distances are worked out by the database."""

import re
from dataclasses import dataclass
from functools import cache

import zipcodes
from django.db.models import F, FloatField
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

EARTH_RADIUS_MILES = 3958.8
ZIP_PATTERN = re.compile(r"^\d{5}$")
# The distances a visitor may choose, in miles; the list starts at the default.
DISTANCE_CHOICES = (5, 10, 25, 50)
DEFAULT_MILES = 10


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@cache
def zip_point(zip_code: str) -> Point | None:
    """The centre of a 5-digit US ZIP code, or None when the ZIP is not a real one."""
    if not isinstance(zip_code, str) or not ZIP_PATTERN.match(zip_code):
        return None
    try:
        rows = zipcodes.matching(zip_code)
    except (TypeError, ValueError):
        return None
    for row in rows:
        try:
            return Point(float(row["lat"]), float(row["long"]))
        except (KeyError, TypeError, ValueError):
            continue
    return None


def miles_from(point: Point, latitude: str = "latitude", longitude: str = "longitude"):
    """The great-circle distance (haversine) in miles from ``point`` to the row's coordinates, as
    a database expression (SQLite gets the functions from Django, PostgreSQL has them)."""
    lat, lng = Radians(F(latitude)), Radians(F(longitude))
    lat0, lng0 = Radians(point.latitude), Radians(point.longitude)
    half_lat = Sin((lat - lat0) / 2)
    half_lng = Sin((lng - lng0) / 2)
    a = Power(half_lat, 2) + Cos(lat0) * Cos(lat) * Power(half_lng, 2)
    return 2 * EARTH_RADIUS_MILES * ASin(Sqrt(a), output_field=FloatField())
