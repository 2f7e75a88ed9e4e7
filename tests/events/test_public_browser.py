"""The public site in a real browser (Debian's Chromium through Playwright): accessibility,
quick exit, small screens, near me, and privacy (no cookies, no third-party requests)."""

import contextlib
import datetime
import os
import shutil

import pytest

from cms.models import SiteSettings
from events.models import ServiceDayPage
from tests.factories import (
    make_content_page,
    make_language,
    make_location,
    make_service,
    make_service_day,
)
from tests.helpers import in_language, language_codes, synchronise_languages
from voca.clock import local_today

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
NEUTRAL = "https://neutral.example/"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@contextlib.contextmanager
def chromium():
    """A headless Chromium; skipped when it is missing unless VOCA_REQUIRE_BROWSER=1."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("VOCA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and VOCA_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def site(live_server):
    """Demo-like content, created before the browser starts (the ORM is not used after)."""
    soon = local_today() + datetime.timedelta(days=2)
    legal = make_service("Legal aid referral")
    spanish = make_language("Spanish", "es", native_name="Español")
    north = make_location(
        "Natural Bridge Branch Library",
        street="7606 Natural Bridge Rd",
        zip_code="63121",
        area="St. Louis County",
        latitude="38.706500",
        longitude="-90.304500",
    )
    day = make_service_day(soon, title="Service day at Carpenter", services=[make_service(), legal])
    far = make_service_day(
        soon + datetime.timedelta(days=1),
        title="Service day at Natural Bridge",
        location=north,
        services=[legal],
        languages=[spanish],
    )
    cancelled = make_service_day(soon, title="Cancelled service day")
    cancelled.status = ServiceDayPage.Status.CANCELLED
    cancelled.status_notice = "Cancelled because the library is closed."
    cancelled.save_revision().publish()
    content = make_content_page("Your rights as a victim of crime")
    info = make_content_page("Leaving this site quickly", slug="quick-exit")
    settings = SiteSettings.for_site(day.get_site())
    settings.quick_exit_url = NEUTRAL
    settings.quick_exit_info_page = info
    settings.save()
    synchronise_languages()
    base = live_server.url
    return {
        "home": f"{base}/",
        "filtered": f"{base}/service-days/?service=legal-aid-referral&language=es",
        "day": f"{base}{day.url}",
        "far": f"{base}{far.url}",
        "cancelled": f"{base}{cancelled.url}",
        "content": f"{base}{content.url}",
        "base": base,
    }


def new_page(browser, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    # The neutral site and the map provider are stood in for: tests never leave 127.0.0.1.
    page.route(f"{NEUTRAL}**", lambda route: route.fulfill(body="<title>Weather</title>"))
    page.route(
        "https://www.openstreetmap.org/**", lambda route: route.fulfill(body="<title>Map</title>")
    )
    return context, page


def localized(site, code):
    """The same pages in language ``code`` (aliases of the English ones until translated)."""
    base = site["base"]
    return {
        name: base + in_language(url.removeprefix(base), code) if url.startswith(base) else url
        for name, url in site.items()
        if name != "base"
    } | {"base": base}


@pytest.mark.parametrize("code", language_codes())
def test_no_axe_violations_on_the_key_pages(site, code):
    from axe_playwright_python.sync_playwright import Axe

    site = localized(site, code)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    with chromium() as browser:
        for width in (1280, 320):
            context, page = new_page(browser, viewport={"width": width, "height": 800})
            for name in ("home", "filtered", "day", "cancelled", "content"):
                page.goto(site[name])
                results = axe.run(page, options=options)
                assert results.violations_count == 0, (
                    f"{name} at {width}px:\n{results.generate_report()}"
                )
            context.close()


def test_quick_exit_button_replaces_the_page_so_back_does_not_return(site):
    with chromium() as browser:
        context, page = new_page(browser)
        page.goto(site["home"])
        page.goto(site["day"])
        page.get_by_role("button", name="Exit this page").or_(
            page.get_by_role("link", name="Exit this page")
        ).click()
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert page.url == site["home"]  # the service-day page is gone from the back button
        context.close()


def test_shift_pressed_three_times_exits(site):
    with chromium() as browser:
        context, page = new_page(browser)
        page.goto(site["content"])
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL)
        context.close()


def test_quick_exit_is_first_in_keyboard_order_and_stays_visible_when_scrolling(site):
    with chromium() as browser:
        context, page = new_page(browser, viewport={"width": 320, "height": 568})
        page.goto(site["day"])
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert "Exit this page" in focused
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        box = page.locator("[data-quick-exit]").bounding_box()
        assert box is not None and 0 <= box["y"] < 80
        context.close()


def test_pages_fit_a_320_px_screen_and_filters_work_by_keyboard(site):
    with chromium() as browser:
        context, page = new_page(browser, viewport={"width": 320, "height": 640})
        for name in ("home", "filtered", "day", "cancelled", "content"):
            page.goto(site[name])
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
        page.goto(f"{site['base']}/service-days/")
        # On a phone the days come first; the filters open from one "Filter" control.
        page.locator("summary", has_text="Filter").focus()
        page.keyboard.press("Enter")
        page.get_by_label("Language").select_option("es")
        page.get_by_role("button", name="Show service days").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**language=es**")
        assert page.get_by_role("link", name="Service day at Natural Bridge").is_visible()
        assert page.get_by_role("link", name="Service day at Carpenter").count() == 0
        context.close()


def test_near_me_sorts_by_distance_in_the_browser_only(site):
    with chromium() as browser:
        # Standing next to the Natural Bridge branch, in North County.
        context, page = new_page(
            browser,
            geolocation={"latitude": 38.7070, "longitude": -90.3050},
            permissions=["geolocation"],
        )
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{site['base']}/service-days/")
        page.get_by_role("button", name="Show the service days nearest me").click()
        results = page.locator("[data-near-me-results] li")
        results.first.wait_for()
        assert "Natural Bridge" in results.first.inner_text()
        assert "miles away" in results.first.inner_text()
        assert results.first.get_by_role("link", name="Get directions").is_visible()
        assert not any("38.70" in url or "90.30" in url for url in requests)
        context.close()


def test_near_me_in_spanish_marks_an_untranslated_day_s_title_english(site):
    with chromium() as browser:
        context, page = new_page(
            browser,
            geolocation={"latitude": 38.7070, "longitude": -90.3050},
            permissions=["geolocation"],
        )
        page.goto(f"{site['base']}/es/service-days/")
        page.locator("[data-near-me-button]").click()
        first = page.locator("[data-near-me-results] li h3 a").first
        first.wait_for()
        assert first.inner_text() == "Service day at Natural Bridge"
        assert first.get_attribute("lang") == "en"  # read in an English voice, the page Spanish
        assert page.locator("html").get_attribute("lang") == "es"
        context.close()


def test_near_me_without_permission_keeps_the_list_working(site):
    with chromium() as browser:
        context, page = new_page(browser)  # no geolocation permission granted
        page.goto(f"{site['base']}/service-days/")
        page.get_by_role("button", name="Show the service days nearest me").click()
        status = page.locator("[data-near-me-status]")
        status.filter(has_text="not shared").wait_for()
        assert page.get_by_role("link", name="Service day at Carpenter").is_visible()
        context.close()


@pytest.mark.parametrize("code", language_codes())
def test_no_cookies_and_no_third_party_requests_until_the_map_is_asked_for(site, code):
    site = localized(site, code)
    with chromium() as browser:
        context, page = new_page(browser)
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        for name in ("home", "filtered", "day", "cancelled", "content"):
            page.goto(site[name])
        page.goto(site["day"])
        third_party = [url for url in requests if not url.startswith(site["base"])]
        assert third_party == []
        assert context.cookies() == []

        page.locator("[data-map-on-request]").click()
        page.locator("iframe.map-slot__frame").wait_for()
        assert any(url.startswith("https://www.openstreetmap.org/") for url in requests)
        assert context.cookies() == []
        context.close()


def test_print_layout_hides_controls(site):
    with chromium() as browser:
        context, page = new_page(browser)
        page.goto(site["day"])
        page.emulate_media(media="print")
        assert not page.locator("[data-quick-exit]").is_visible()
        assert not page.get_by_role("link", name="Add to calendar").is_visible()
        assert page.get_by_text("3309 S Grand Blvd").first.is_visible()
        context.close()


def test_near_me_replaces_the_list_marks_cancelled_days_and_writes_spanish_distances(site):
    import math

    here = (38.5950, -90.2430)  # a few streets south of the Carpenter branch
    rad = math.pi / 180
    to_carpenter = (
        3958.8
        * 2
        * math.asin(
            math.sqrt(
                math.sin((38.5994 - here[0]) * rad / 2) ** 2
                + math.cos(here[0] * rad)
                * math.cos(38.5994 * rad)
                * math.sin((-90.2428 - here[1]) * rad / 2) ** 2
            )
        )
    )
    expected = f"A unos {to_carpenter:.1f} millas.".replace(".", ",", 1)
    with chromium() as browser:
        context, page = new_page(
            browser,
            geolocation={"latitude": here[0], "longitude": here[1]},
            permissions=["geolocation"],
            viewport={"width": 360, "height": 800},
        )
        page.goto(f"{site['base']}/es/service-days/")
        assert page.locator("[data-near-me-all]").is_hidden()  # until there is a list to replace
        page.locator("[data-near-me-button]").click()
        results = page.locator("[data-near-me-results] > li")
        results.first.wait_for()
        # The nearest days take the list's place: one list on the page, not two.
        assert page.locator("#day-results").is_hidden()
        cancelled = results.filter(has_text="Cancelled service day")
        heading = cancelled.locator("h3").inner_text()
        assert heading == "Cancelled service day Cancelado"
        assert cancelled.get_by_role("link", name="Ver la ruta").count() == 0
        assert expected in cancelled.inner_text()
        open_day = results.filter(has_text="Service day at Carpenter")
        assert open_day.get_by_role("link", name="Ver la ruta").is_visible()
        page.locator("[data-near-me-all]").click()
        assert page.locator("#day-results").is_visible()
        assert page.locator("[data-near-me-results]").is_hidden()
        context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_language_switcher_is_a_compact_row_in_the_column_marking_the_current_one(site, width):
    with chromium() as browser:
        context, page = new_page(browser, viewport={"width": width, "height": 800})
        page.goto(f"{site['base']}/bs/service-days/")
        switcher = page.locator("nav.language-switcher")
        assert switcher.bounding_box()["height"] <= 44
        main = page.locator("main").bounding_box()
        for link in switcher.locator("a").all():
            box = link.bounding_box()
            assert box["x"] >= main["x"] and box["x"] + box["width"] <= main["x"] + main["width"]
        current = switcher.locator('a[aria-current="true"]')
        assert current.inner_text() == "Bosanski"
        other = switcher.locator("a", has_text="English")

        def look(link):
            return link.evaluate(
                "el => [getComputedStyle(el).fontWeight, getComputedStyle(el).backgroundColor]"
            )

        assert look(current) != look(other)
        context.close()
