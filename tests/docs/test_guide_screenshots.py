"""The role guides' screenshots (docs/screenshots/<role>-<screen>.png), taken from the demo by
signing in as each demo role, so the guides never show a screen the product no longer has.

Each screen must show the heading the guide names before it is saved; a renamed or missing page
fails here rather than leaving a stale picture in the documentation site. Only the viewport is
saved (1280 x 800, one phone screen at 360 px), in 256 colours, which keeps the PNGs small. The
demo's records are fictional."""

import datetime as dt
import io
import os
import random
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from bench.fast_entry_flow import sign_in
from tests.conftest import TEST_NOW
from voca.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# (user, file name, URL, the heading the guide names, viewport). The URLs "contact", "draw" and
# "revision" are filled in from the demo: a contact's record (opening it writes the access log's
# first entry), a submitted draw's and a requested revision's approval page.
SCREENS = [
    ("advocate", "field-dashboard", "/admin/", "My next service days", DESKTOP),
    ("advocate", "field-log-contact", "/admin/services/log/", "Log a contact", DESKTOP),
    ("advocate", "field-log-contact-phone", "/admin/services/log/", "Log a contact", PHONE),
    ("advocate", "field-contacts", "/admin/services/contacts/", "Contacts", DESKTOP),
    ("supervisor", "supervisor-dashboard", "/admin/", "Per staff member", DESKTOP),
    (
        "supervisor",
        "supervisor-staffing",
        "/admin/services/staffing/",
        "Service day staffing",
        DESKTOP,
    ),
    ("supervisor", "supervisor-contact", "contact", "Void this contact", DESKTOP),
    (
        "supervisor",
        "supervisor-access-log",
        "/admin/services/access-log/",
        "What was read",
        DESKTOP,
    ),
    ("finance", "finance-draws", "/admin/grants_draws/", "Draws", DESKTOP),
    ("finance", "finance-request-draw", "/admin/grants_draws/new/", "Budget line", DESKTOP),
    ("finance", "finance-reports", "/admin/reports/", "Compliance reports", DESKTOP),
    (
        "finance",
        "finance-sf425",
        "/admin/reports/sf425/",
        "Federal Financial Report (SF-425)",
        DESKTOP,
    ),
    ("grantsmanager", "grantsmanager-portfolio", "/admin/grants/dashboard/", "All awards", DESKTOP),
    ("grantsmanager", "grantsmanager-approve-draw", "draw", "Approve", DESKTOP),
    (
        "grantsmanager",
        "grantsmanager-approve-revision",
        "revision",
        "Balances now and if approved",
        DESKTOP,
    ),
    ("editor", "editor-service-days", "/admin/service_day_listing/", "Service days", DESKTOP),
    (
        "editor",
        "editor-machine-drafts",
        "/admin/snippets/events/service/?locale=es",
        "Machine draft",
        DESKTOP,
    ),
    ("auditor", "auditor-access-log", "/admin/services/access-log/", "What was read", DESKTOP),
    ("auditor", "auditor-export-log", "/admin/reports/log/", "Export log", DESKTOP),
    ("administrator", "administrator-users", "/admin/users/", "Users", DESKTOP),
    # The form's Roles tab: each role's checkbox with what the role is for.
    (
        "administrator",
        "administrator-add-user",
        "/admin/users/new/#tab-roles",
        "Records spending",
        DESKTOP,
    ),
]


# Whether the page shows ``text`` (in a drawn element of its main area, not a hidden tab).
SHOWS_TEXT = """(text) => Array.from(document.querySelectorAll('main *')).some(e =>
    Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.includes(text))
    && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')"""


def save_small_png(png: bytes, path: Path) -> None:
    """Save a screen in 256 colours (a third of the bytes; an admin screen has few colours), unless
    the picture already there shows the same screen: the palette may shift a colour by a level or
    two between runs, a changed word or box by far more."""
    from PIL import Image, ImageChops

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if path.exists():
        before = Image.open(path).convert("RGB")
        if before.size == image.size:
            difference = ImageChops.difference(before, image.convert("RGB")).getextrema()
            if max(high for _, high in difference) <= 8:
                return
    image.save(path, "PNG", optimize=True)


@pytest.fixture
def demo_site(live_server, monkeypatch):
    """The demo, loaded before the browser starts (as the back-office browser walk does): the ORM
    then runs outside Playwright's event loop, on the test's own connection. Client codes are
    drawn from a seeded generator here, so every run draws the same screens."""
    monkeypatch.setattr("services.models.clients.secrets", random.Random(94115))
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


@pytest.fixture
def decision_pages(demo_site):
    """A contact's record and the approval pages of a submitted draw and a requested revision."""
    from django.urls import reverse

    from grants.models import BudgetRevision, Draw
    from services.models import Contact

    draw = Draw.objects.filter(status="submitted").order_by("pk").first()
    revision = BudgetRevision.objects.filter(status="requested").order_by("pk").first()
    contact = Contact.objects.active().order_by("pk").first()
    return {
        "contact": reverse("services_contact:inspect", args=[contact.pk]),
        "draw": reverse("grants_draw_action", args=[draw.pk, "approve"]),
        "revision": reverse("grants_revision_action", args=[revision.pk, "approve"]),
    }


# The database is put back as it was for the tests after this one (roles, permissions, pages).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_roles_guide_screens_are_taken_from_the_demo(demo_site, decision_pages, chromium):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The clock stands still while the screens are taken (the access log shows when each record was
    # read), half an hour after the run's moment, so every run draws the same screens.
    with time_machine.travel(TEST_NOW + dt.timedelta(minutes=30), tick=False):
        problems = walk(demo_site.url, decision_pages, chromium)
    assert problems == [], "\n".join(problems)
    for _, name, *_ in SCREENS:
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000, name


def walk(base_url, decision_pages, chromium) -> list[str]:
    """Sign in as each role, check each screen and save it; return what was wrong."""
    problems = []
    for username in dict.fromkeys(user for user, *_ in SCREENS):
        for viewport in (DESKTOP, PHONE):
            shots = [s for s in SCREENS if s[0] == username and s[4] is viewport]
            if not shots:
                continue
            context = chromium.new_context(viewport=viewport)
            page = context.new_page()
            sign_in(page, base_url, username, DEMO_PASSWORD)
            for _, name, url, heading, _ in shots:
                url = decision_pages.get(url, url)
                response = page.goto(f"{base_url}{url}")
                if response.status != 200:
                    problems.append(f"{name}: {url} answered {response.status}")
                    continue
                if "#" in url:  # a tab of the form: open it as a person would
                    page.click(f"[role=tab][href='#{url.split('#', 1)[1]}']")
                if not page.evaluate(SHOWS_TEXT, heading):
                    shown = page.locator("main h1").all_text_contents()
                    problems.append(f"{name}: {url} does not show {heading!r} (h1: {shown})")
                    continue
                png = page.screenshot(full_page=False, animations="disabled")
                save_small_png(png, SCREENSHOTS / f"{name}.png")
            context.close()
    return problems
