"""Finding the nearest day without sharing a location: a ZIP code and a distance."""

import datetime
import math
import re
from html import unescape

import pytest

from tests.factories import make_location, make_service_day, make_service_day_index
from tests.helpers import at, in_language, moment, synchronise_languages

pytestmark = pytest.mark.django_db

ZIP_63110 = (38.6185, -90.2564)  # the ZIP's centre in the shipped ZIP table


def miles(a, b):
    """Haversine, worked out here independently of the site's code."""
    rad = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * rad / 2) ** 2
        + math.cos(a[0] * rad) * math.cos(b[0] * rad) * math.sin((b[1] - a[1]) * rad / 2) ** 2
    )
    return 3958.8 * 2 * math.asin(math.sqrt(h))


def titles_on(html):
    return [
        unescape(t)
        for t in re.findall(r'class="day-card__title"><a href="[^"]*">([^<]*)</a>', html)
    ]


NEAR, MID, FAR = (38.5994, -90.2428), (38.7000, -90.3000), (38.7800, -90.4800)


@pytest.fixture
def days():
    places = {
        name: make_location(name, latitude=f"{lat:.6f}", longitude=f"{lng:.6f}", zip_code=z)
        for name, (lat, lng), z in (
            ("Carpenter Branch Library", NEAR, "63118"),
            ("Natural Bridge Branch", MID, "63121"),
            ("St. Charles City Library", FAR, "63301"),
        )
    }
    make_service_day(
        datetime.date(2026, 12, 3), title="Mid day", location=places["Natural Bridge Branch"]
    )
    make_service_day(
        datetime.date(2026, 12, 10), title="Near day", location=places["Carpenter Branch Library"]
    )
    make_service_day(
        datetime.date(2026, 12, 5), title="Far day", location=places["St. Charles City Library"]
    )


def test_a_zip_code_finds_the_days_within_ten_miles_nearest_first_with_their_distance(client, days):
    with at(moment(2026, 12, 1)):
        html = client.get("/service-days/?zip=63110").content.decode()
    assert titles_on(html) == ["Near day", "Mid day"]
    near, mid = round(miles(ZIP_63110, NEAR), 1), round(miles(ZIP_63110, MID), 1)
    assert f"{near} miles from ZIP code 63110" in html
    assert f"{mid} miles from ZIP code 63110" in html
    assert "Nearest first, within 10 miles of ZIP code 63110." in html
    assert '<option value="10" selected>Within 10 miles</option>' in html


def test_a_longer_distance_reaches_further(client, days):
    with at(moment(2026, 12, 1)):
        html = client.get("/service-days/?zip=63110&within=25").content.decode()
    assert titles_on(html) == ["Near day", "Mid day", "Far day"]
    far = round(miles(ZIP_63110, FAR), 1)
    assert f"{far} miles from ZIP code 63110" in html
    assert '<option value="25" selected>Within 25 miles</option>' in html
    with at(moment(2026, 12, 1)):
        html = client.get("/service-days/?zip=63110&within=5").content.decode()
    assert titles_on(html) == ["Near day"]


@pytest.mark.parametrize("zip_code", ["00000", "63000", "99999"])
def test_an_unknown_zip_code_is_named_on_its_field_not_an_empty_list(client, days, zip_code):
    with at(moment(2026, 12, 1)):
        html = client.get(f"/service-days/?zip={zip_code}").content.decode()
    assert f"{zip_code} is not a US ZIP code we know. Check it, or choose an area instead." in html
    assert "Some filters were not used" in html
    assert titles_on(html) == ["Mid day", "Far day", "Near day"]  # every day, by date


def test_a_distance_not_on_the_list_is_named_and_ten_miles_used(client, days):
    with at(moment(2026, 12, 1)):
        html = client.get("/service-days/?zip=63110&within=9999").content.decode()
    assert "Choose a distance from the list." in html
    assert titles_on(html) == ["Near day", "Mid day"]


def test_distances_are_written_each_language_s_way(client, days):
    make_service_day_index()
    synchronise_languages()
    near = f"{round(miles(ZIP_63110, NEAR), 1):.1f}".replace(".", ",")  # 1,5
    mid = f"{round(miles(ZIP_63110, MID), 1):.1f}".replace(".", ",")  # 6,1
    with at(moment(2026, 12, 1)):
        spanish = client.get(in_language("/service-days/?zip=63110", "es")).content.decode()
        bosnian = client.get(in_language("/service-days/?zip=63110", "bs")).content.decode()
    assert f"A {near} millas del código postal 63110" in spanish
    assert "En un radio de 10 millas" in spanish
    # Bosnian: 1,5 and 6,1 — "milja" after a decimal ending in 5, 1 (CLDR: other, one).
    assert f"{near} milja od poštanskog broja 63110" in bosnian
    assert f"{mid} milja od poštanskog broja 63110" in bosnian
    assert "Unutar 10 milja" in bosnian


def test_bosnian_and_spanish_plural_forms_of_a_distance(settings):
    from django.utils import translation

    from voca.i18n import local_miles

    with translation.override("bs"):
        assert [local_miles(v) for v in (0.3, 0.5, 2.1)] == ["0,3 milje", "0,5 milja", "2,1 milja"]
        assert [local_miles(v, 0) for v in (1, 2, 5)] == ["1 milja", "2 milje", "5 milja"]
    with translation.override("es"):
        assert [local_miles(v) for v in (0.3, 2.5)] == ["0,3 millas", "2,5 millas"]
        assert local_miles(1, 0) == "1 milla"
    with translation.override("en"):
        assert [local_miles(v) for v in (0.3, 1.0)] == ["0.3 miles", "1.0 miles"]
        assert local_miles(1, 0) == "1 mile"
