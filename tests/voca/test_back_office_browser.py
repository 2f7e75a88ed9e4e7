"""Each role's back-office screens in Debian's Chromium at 360 and 1280 px: nothing wider than
the screen, and the labels the walk-through asked for (issue 14)."""

import os

import pytest
from django.core.management import call_command

from bench.fast_entry_flow import sign_in
from voca.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser]

FIELD = ["/admin/", "/admin/services/log/", "/admin/services/contacts/", "/admin/services/clients/"]
LEDGER = [
    "/admin/",
    "/admin/grants_draws/",
    "/admin/grants_draws/new/",
    "/admin/grants_match/",
    "/admin/grants/dashboard/",
]
SUBAWARDS = ["/admin/subawards_subawards/", "/admin/subawards_claims/"]
WALK = {
    "advocate": FIELD,
    "socialworker": FIELD,
    "programrep": FIELD,
    "supervisor": [*FIELD, "/admin/services/access-log/", "/admin/services/staffing/"],
    "auditor": [
        "/admin/",
        "/admin/services/contacts/",
        "/admin/services/access-log/",
        "/admin/monitoring/due/",
    ],
    "finance": [*LEDGER, *SUBAWARDS, "/admin/performance_reports/"],
    "grantsmanager": [
        *LEDGER,
        *SUBAWARDS,
        "/admin/subawards_subrecipients/",
        # Monitoring's deadlines, and the agencies' quarterly reports (issue 29).
        "/admin/monitoring/due/",
        "/admin/performance_reports/",
    ],
    # A subrecipient agency's people: its own contacts, people, subawards and claims.
    "safeharbor.director": [
        *FIELD,
        "/admin/services/access-log/",
        "/admin/people/",
        "/admin/people/new/",
        *SUBAWARDS,
        "/admin/performance/our-quarters/",
    ],
    "safeharbor.finance": ["/admin/", *SUBAWARDS, "/admin/performance/our-quarters/"],
    "safeharbor.advocate": FIELD,
    # The Staff accounts panel.
    "administrator": ["/admin/", "/admin/users/"],
    "editor": [
        "/admin/",
        "/admin/service_day_listing/",
        # The image library's search, filters, ordering and layout switch in one header.
        "/admin/images/",
        # Machine-drafted translations, each row with its approve button.
        "/admin/snippets/events/service/?locale=es",
        "/admin/snippets/events/language/?locale=bs",
    ],
}
# Labels a role must see on a page (the examples).
LABELS = {
    ("advocate", "/admin/"): ["My next service days", "Returning client: code"],
    ("supervisor", "/admin/services/access-log/"): ["What was read"],
    ("finance", "/admin/grants_draws/"): ["Month", "Amount"],
    ("editor", "/admin/service_day_listing/"): ["All service days", "Staffing"],
}
# On a phone each listing value is shown under its column's heading ("Amount: $1,234.56").
PHONE_LABELS = {
    ("finance", "/admin/grants_draws/"): "Amount",
    ("advocate", "/admin/services/contacts/"): "Date",
    ("supervisor", "/admin/services/clients/"): "Registered",
    ("editor", "/admin/service_day_listing/"): "Staffing",
}
# How far the page, or the admin's content area (which clips what sticks out of it), is wider
# than the screen.
WIDER_THAN_SCREEN = """() => Math.max(
    document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ...Array.from(document.querySelectorAll('main'), m => m.scrollWidth - m.clientWidth))"""
# The labels the first row's cells show before their values, as the browser draws them.
FIRST_ROW_LABELS = """() => Array.from(
        document.querySelectorAll('table.listing tbody tr:first-child td'))
    .map(td => getComputedStyle(td, '::before').content)
    .filter(c => c && c !== 'none' && c !== 'normal')"""
# Text squeezed into a sliver (a caption or heading drawn a letter or two per line).
SQUEEZED_TEXT = """() => Array.from(document.querySelectorAll(
        'main caption, main h1, main h2, main h3, main th, main dt, main label'))
    .filter(e => e.textContent.trim().length > 12 && e.getClientRects().length)
    .filter(e => !e.closest('thead'))
    .filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 1 && r.width < 60 && r.height > 100;
    })
    .map(e => e.textContent.trim())"""
# How far a form row's first field starts from the row's left edge (an empty first column pushes
# Log a contact's date and service day to the right and cuts the day's name).
FIRST_FIELD_INDENT = """() => Math.max(0, ...Array.from(document.querySelectorAll('main form .row'))
    .filter(row => row.querySelector('input, select'))
    .map(row => row.querySelector('input, select').getBoundingClientRect().left
        - row.getBoundingClientRect().left))"""
# Icons drawn partly off the left edge of the screen (cut in half on a phone).
ICONS_OFF_SCREEN = """() => Array.from(document.querySelectorAll('main svg.icon'))
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && r.left < 0).length"""
# The page's name in the header (the last breadcrumb) running past the screen's right edge, where
# the header clips it ("Draw #265: $7,…").
TITLE_CUT = """() => Array.from(
        document.querySelectorAll('.w-slim-header .w-breadcrumbs li:last-child'))
    .filter(e => e.getClientRects().length)
    .some(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"""
# Home-page panels whose text or buttons touch the panel's border (no inset inside the box).
PANELS_AGAINST_BORDER = """() => Array.from(
        document.querySelectorAll('.w-panel--dashboard > .w-panel__content'))
    .filter(c => c.firstElementChild && c.firstElementChild.getBoundingClientRect().left
        - c.parentElement.getBoundingClientRect().left < 8)
    .map(c => c.parentElement.id)"""


@pytest.fixture
def demo_site(live_server):
    """The demo, loaded before the browser starts (as the public browser tests build their site):
    the ORM then runs outside Playwright's event loop, on the test's own connection."""
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


@pytest.fixture
def decision_pages(demo_site):
    """A grants manager's approval pages for a requested budget revision and a submitted draw (read
    before the browser starts, like the demo itself)."""
    from django.urls import reverse

    from grants.models import BudgetRevision, Draw

    revision = BudgetRevision.objects.filter(status="requested").order_by("pk").first()
    draw = Draw.objects.filter(status="submitted").order_by("pk").first()
    return [
        reverse("grants_revision_action", args=[revision.pk, "approve"]),
        reverse("grants_draw_action", args=[draw.pk, "approve"]),
        # A long page name in the header ("Inspect Draw #87: $8,937.25 (Submitted)").
        f"/admin/grants_draws/inspect/{draw.pk}/",
    ]


@pytest.fixture
def agency_pages(demo_site):
    """The shelter's claim with the most rounds, and its subaward's new-claim form."""
    from django.db.models import Count
    from django.urls import reverse

    from organizations.demo import SHELTER_UEI
    from subawards.models import Claim

    claim = (
        Claim.objects.filter(subaward__subrecipient__uei=SHELTER_UEI)
        .annotate(n=Count("rounds"))
        .order_by("-n", "pk")
        .first()
    )
    return (
        reverse("subawards_claims:inspect", args=[claim.pk]),
        reverse("subawards_subawards:inspect", args=[claim.subaward_id]),
    )


# The database is put back as it was for the tests after this one (roles, permissions, pages).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_roles_screens_fit_a_phone_and_a_desktop(
    demo_site, decision_pages, agency_pages, chromium
):
    live_server = demo_site
    problems = []
    walk = {**WALK, "grantsmanager": [*WALK["grantsmanager"], *decision_pages]}
    # A claim's page with its rounds, for the state's reviewer and the agency's finance.
    claim, subaward = agency_pages
    walk["grantsmanager"] = [*walk["grantsmanager"], claim]
    walk["safeharbor.finance"] = [*walk["safeharbor.finance"], claim, subaward]
    for username, urls in walk.items():
        # One sign-in a user: each page on a phone, then (the same tab, resized) on a desktop.
        context = chromium.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        sign_in(page, live_server.url, username, DEMO_PASSWORD)
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            for url in urls:
                response = page.goto(f"{live_server.url}{url}")
                if response.status != 200:
                    problems.append(f"{username} {width}px {url}: HTTP {response.status}")
                    continue
                overflow = page.evaluate(WIDER_THAN_SCREEN)
                if overflow > 0:
                    problems.append(f"{username} {width}px {url}: {overflow}px wider than screen")
                squeezed = page.evaluate(SQUEEZED_TEXT)
                if squeezed:
                    problems.append(f"{username} {width}px {url}: squeezed text {squeezed}")
                if page.evaluate(TITLE_CUT):
                    problems.append(f"{username} {width}px {url}: the page's name is cut")
                if page.evaluate(ICONS_OFF_SCREEN):
                    problems.append(f"{username} {width}px {url}: an icon cut by the screen's edge")
                if against := page.evaluate(PANELS_AGAINST_BORDER):
                    problems.append(f"{username} {width}px {url}: text on the border {against}")
                indent = page.evaluate(FIRST_FIELD_INDENT)
                if indent > 5:
                    problems.append(f"{username} {width}px {url}: a form row starts {indent}px in")
                # Column headings are visually hidden on phones (stacked rows): read the whole text.
                text = page.text_content("body")
                for label in LABELS.get((username, url), []):
                    if label not in text:
                        problems.append(f"{username} {width}px {url}: no {label!r}")
                wanted = PHONE_LABELS.get((username, url))
                if wanted and width == 360:
                    shown = page.evaluate(FIRST_ROW_LABELS)
                    if not any(wanted in label for label in shown):
                        problems.append(f"{username} 360px {url}: no {wanted!r} label in {shown}")
                if "Wagtail" in page.title():
                    problems.append(f"{username} {url}: title {page.title()!r}")
        context.close()
    assert problems == [], "\n".join(problems)
