"""The subawards screens in Debian's Chromium, as the grants manager and finance use them, at 360
and 1280 px: each page fits the screen, axe-core finds nothing, the buttons are the role's, and the
subaward document downloads as a PDF. One demo load for the whole walk."""

import pytest
from django.urls import reverse

from bench.fast_entry_flow import sign_in
from tests.voca.test_back_office_browser import (  # noqa: F401 (demo_site is a fixture)
    ICONS_OFF_SCREEN,
    SQUEEZED_TEXT,
    TITLE_CUT,
    WIDER_THAN_SCREEN,
    demo_site,
)
from voca.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
# Wagtail's own edit view keeps its closed side panels (status, history) just off the right edge
# of the content area, which clips them: the page is measured, the panel is not ours to move.
WAGTAIL_SIDE_PANEL = {"subrecipient edit"}


@pytest.fixture
def walk(demo_site):  # noqa: F811
    """The pages to walk, read before the browser starts: every subawards screen on the demo's
    subawards, the subawards line's page and the dashboard of the award that has it."""
    from grants.models import BudgetLine
    from subawards.models import Subaward, VersionStatus

    issued = Subaward.objects.filter(versions__number=2).first()
    draft = Subaward.objects.filter(versions__status=VersionStatus.DRAFT).first()
    agency = issued.subrecipient
    line = BudgetLine.objects.get(pk=issued.line_id)
    manager_only = {
        "subrecipient add": reverse("subawards_subrecipients:add"),
        "subrecipient edit": reverse("subawards_subrecipients:edit", args=(agency.pk,)),
        "exclusion check": reverse("subawards_exclusion_check", args=(agency.pk,)),
        "subaward add": reverse("subawards_subawards:add"),
    }
    both = {
        "subrecipients": reverse("subawards_subrecipients:index"),
        "subrecipient": reverse("subawards_subrecipients:inspect", args=(agency.pk,)),
        "subawards": reverse("subawards_subawards:index"),
        "issued subaward": reverse("subawards_subawards:inspect", args=(issued.pk,)),
        "draft subaward": reverse("subawards_subawards:inspect", args=(draft.pk,)),
        "issue": reverse("subawards_version_step", args=(draft.latest_version().pk, "issue")),
        "amend": reverse("subawards_amend", args=(issued.pk,)),
        "subawards line": reverse("grants_lines:inspect", args=(line.pk,)),
        "dashboard": f"{reverse('grants_dashboard')}?award={line.award_id}",
    }
    return {
        "manager_only": manager_only,
        "both": both,
        "draft": both["draft subaward"],
        "document": reverse("subawards_document", args=(issued.current_version().pk,)),
        "award": line.award.federal_award_number,
    }


def header_buttons(page) -> list[str]:
    return page.eval_on_selector_all(
        "header a.button", "els => els.map(e => e.textContent.trim().replace(/\\s+/g, ' '))"
    )


# The database is put back as it was for the tests after this one (roles, permissions, pages).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_subawards_screens_fit_and_pass_axe_for_the_manager_and_finance(demo_site, walk, chromium):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    base = demo_site.url
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    problems = []
    for username in ("grantsmanager", "finance"):
        manager = username == "grantsmanager"
        pages = {**walk["both"], **(walk["manager_only"] if manager else {})}
        # One sign-in a user: each page on a phone, then (the same tab, resized) on a desktop.
        context = chromium.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        sign_in(page, base, username, DEMO_PASSWORD)
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            where = f"{username} {width}px"
            for name, url in pages.items():
                response = page.goto(f"{base}{url}")
                if response.status != 200 or page.url != f"{base}{url}":
                    problems.append(f"{where} {name}: HTTP {response.status} at {page.url}")
                    continue
                if name not in WAGTAIL_SIDE_PANEL and (over := page.evaluate(WIDER_THAN_SCREEN)):
                    problems.append(f"{where} {name}: {over}px wider than the screen")
                if squeezed := page.evaluate(SQUEEZED_TEXT):
                    problems.append(f"{where} {name}: squeezed text {squeezed}")
                if page.evaluate(TITLE_CUT) or page.evaluate(ICONS_OFF_SCREEN):
                    problems.append(f"{where} {name}: the page's name or an icon is cut")
                if "Wagtail" in page.title():
                    problems.append(f"{where} {name}: title {page.title()!r}")
                results = axe.run(page, options=options)
                if results.violations_count:
                    problems.append(f"{where} {name}:\n{results.generate_report()}")
            # The buttons are the role's: only the grants manager adds and issues.
            page.goto(f"{base}{walk['both']['subrecipients']}")
            # Named as in the menu, not after the model ("Organizations").
            if not page.title().startswith("Subrecipients"):
                problems.append(f"{where}: the subrecipients' page is {page.title()!r}")
            if ("Add subrecipient" in header_buttons(page)) != manager:
                problems.append(f"{where}: 'Add subrecipient' is {header_buttons(page)}")
            # Each subaward's federal award is listed (every award's Subawards line reads the same).
            page.goto(f"{base}{walk['both']['subawards']}")
            if walk["award"] not in page.text_content("main"):
                problems.append(f"{where}: the subawards list does not name {walk['award']}")
            page.goto(f"{base}{walk['draft']}")
            if ("Issue version 1" in header_buttons(page)) != manager:
                problems.append(f"{where}: the draft's buttons are {header_buttons(page)}")
            # Finance cannot reach the manager's forms: Wagtail sends it to the dashboard.
            if not manager:
                for name, url in walk["manager_only"].items():
                    page.goto(f"{base}{url}")
                    if page.url != f"{base}/admin/":
                        problems.append(f"{where} {name}: finance reached {page.url}")
            download = context.request.get(f"{base}{walk['document']}")
            if download.status != 200 or not download.body().startswith(b"%PDF"):
                problems.append(f"{where}: the subaward document is HTTP {download.status}")
        context.close()
    assert problems == [], "\n".join(problems)
