"""Public pages are safe to visit: no cookies, nothing from other origins, no inline code,
quick exit first on every page."""

import datetime
from html.parser import HTMLParser

import pytest

from cms.models import SiteSettings
from events.models import ServiceDayPage
from tests.factories import make_content_page, make_service_day
from voca.clock import local_today

pytestmark = pytest.mark.django_db


class PageScan(HTMLParser):
    """Collects what matters for privacy and a strict Content-Security-Policy."""

    FOCUSABLE = {"a", "button", "input", "select", "textarea"}

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.inline_handlers, self.style_attrs = [], 0, [], []
        self.resources, self.focusable, self.in_script = [], [], None
        self.inline_scripts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
            self.in_script = attrs
        if tag == "style":
            self.styles += 1
        for name in attrs:
            if name.startswith("on"):
                self.inline_handlers.append((tag, name))
        if "style" in attrs:
            self.style_attrs.append(tag)
        for name in ("src", "srcset", "data", "poster"):
            if attrs.get(name):
                self.resources.append(attrs[name])
        if tag == "link" and attrs.get("href"):
            self.resources.append(attrs["href"])
        if tag in self.FOCUSABLE and not (tag == "a" and not attrs.get("href")):
            self.focusable.append(attrs)

    def handle_data(self, data):
        if self.in_script is not None and data.strip() and "src" not in self.in_script:
            self.inline_scripts.append((self.in_script.get("type"), data))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = None


@pytest.fixture
def public_urls():
    soon = local_today() + datetime.timedelta(days=2)
    day = make_service_day(soon, title="A day")
    cancelled = make_service_day(soon, title="Off")
    cancelled.status, cancelled.status_notice = ServiceDayPage.Status.CANCELLED, "Closed."
    cancelled.save_revision().publish()
    content = make_content_page("Your rights")
    return [
        "/",
        "/service-days/",
        "/service-days/?service=compensation-application-help&month=2099-01&zip=1",
        "/service-days/archive/",
        day.url,
        cancelled.url,
        content.url,
        "/no-such-page/",
    ]


def scan(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    parser = PageScan()
    parser.feed(response.content.decode())
    return response, parser


def test_anonymous_visitors_get_no_cookies(client, public_urls):
    for url in [*public_urls, "/service-days/calendar.ics", "/sitemap.xml", "/robots.txt"]:
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response, url
    assert not client.cookies


def test_public_pages_load_nothing_from_another_origin(client, public_urls):
    for url in public_urls:
        _, page = scan(client, url)
        for resource in page.resources:
            assert resource.startswith("/") and not resource.startswith("//"), (url, resource)


def test_public_pages_have_no_inline_script_or_style(client, public_urls):
    for url in public_urls:
        _, page = scan(client, url)
        assert page.styles == 0 and not page.style_attrs, url
        assert not page.inline_handlers, url
        # The only script elements with a body are schema.org data, which is never executed.
        assert all(kind == "application/ld+json" for kind, _ in page.inline_scripts), url
        for script in page.scripts:
            assert script.get("src", "").startswith("/static/") or (
                script.get("type") == "application/ld+json"
            ), url


def test_quick_exit_is_first_in_keyboard_order_on_every_page(client, public_urls):
    settings = SiteSettings.for_site(make_content_page("x").get_site())
    settings.quick_exit_url = "https://www.example.com/weather"
    settings.save()
    for url in public_urls:
        _, page = scan(client, url)
        first = page.focusable[0]
        assert "data-quick-exit" in first, url
        assert first["href"] == "https://www.example.com/weather", url
        assert any(s.get("src", "").endswith("cms/quick-exit.js") for s in page.scripts), url


def test_the_quick_exit_explanation_is_linked_from_every_page(client, public_urls):
    info = make_content_page("Leaving this site quickly", slug="quick-exit")
    settings = SiteSettings.for_site(info.get_site())
    settings.quick_exit_info_page = info
    settings.save()
    for url in public_urls:
        html = client.get(url).content.decode()
        assert 'href="/quick-exit/"' in html, url


def test_every_page_has_landmarks_one_h1_and_the_crisis_line(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        for landmark in ("<header", "<main", "<footer", '<nav class="main-nav" aria-label="Main"'):
            assert landmark in html, (url, landmark)
        assert 'href="tel:988"' in html, url


def test_the_browser_favicon_request_gets_the_sites_own_neutral_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/cms/favicon")
    assert '<link rel="icon" href="/static/cms/favicon' in client.get("/").content.decode()
