"""On a phone, in a crisis: days before filters, no keyboard hint without a keyboard, phone
numbers in one piece, a cancelled day leading with where to get help, an honest quick exit."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from cms.models import SiteSettings
from events.models import ServiceDayPage
from tests.factories import home_page, make_service_day
from voca.clock import local_today

pytestmark = pytest.mark.django_db

SOON = local_today() + datetime.timedelta(days=4)
STATIC = Path(django_settings.BASE_DIR)


def test_the_days_come_first_with_the_filters_folded_behind_one_filter_control(client):
    make_service_day(SOON, title="First day")
    html = client.get("/service-days/").content.decode()
    details = re.search(r"<details class=\"filters-toggle\">\s*<summary[^>]*>Filter", html)
    assert details, "the filter form is not folded behind a closed Filter control"
    assert html.index('<form class="filters"') > details.start()
    assert html.index("</details>") < html.index('id="results-heading"')
    # Filters the visitor must fix are shown open.
    bad = client.get("/service-days/?zip=abc").content.decode()
    assert '<details class="filters-toggle" open>' in bad


def test_the_shift_hint_is_shown_only_where_a_keyboard_is_present():
    script = (STATIC / "cms/static/cms/quick-exit.js").read_text()
    assert '"(hover: hover) and (pointer: fine)"' in script
    assert "if (hint) hint.hidden = false;" not in script.split("function showHint")[0]


def test_phone_numbers_never_break_across_lines(client):
    settings = SiteSettings.for_site(home_page().get_site())
    settings.help_line_phone = "(314) 555-0142"
    settings.save()
    html = client.get("/").content.decode()
    assert '<a class="tel" href="tel:314-555-0142">' in html
    css = (STATIC / "voca/static/css/site.css").read_text()
    assert re.search(r"\.tel \{[^}]*white-space: nowrap", css)


def test_a_cancelled_day_leads_with_its_notice_and_where_to_get_help_not_directions(client):
    settings = SiteSettings.for_site(home_page().get_site())
    settings.help_line_phone = "(314) 555-0142"
    settings.save()
    day = make_service_day(SOON, title="Called-off day")
    day.status, day.status_notice = ServiceDayPage.Status.CANCELLED, "Library closed."
    day.save_revision().publish()
    html = client.get(day.url).content.decode()
    main = html[html.index("<main") :]
    assert "Get directions" not in main and "Show a map" not in main
    assert main.index("Library closed.") < main.index("Where to get help instead")
    assert 'href="/service-days/">See all service days' in main
    assert 'href="tel:314-555-0142"' in main
    for url in ("/", "/service-days/"):
        card = re.search(r'<li class="day-card day-card--cancelled".*?</li>', client.get(url).text)
        assert "Get directions" not in card.group(0), url


def test_links_and_filters_within_the_site_replace_the_history_entry():
    script = (STATIC / "cms/static/cms/quick-exit.js").read_text()
    assert script.count("window.location.replace(url.href)") == 2
