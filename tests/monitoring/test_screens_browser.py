"""Issue 29's oversight screens (monitoring, quarterly reports, SARs, FFATA, match waivers,
volunteers) in Debian's Chromium as each role that uses them, on a phone (360 px) and, for the
state's and an agency's lead role, a desktop (1280 px): HTTP 200, axe-core finds nothing, the page
and its header's buttons fit the screen, no text squeezed into a sliver, and the pages a role must
not see are refused. One demo load for the whole walk."""

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
# The header's buttons running past the screen's right edge, where the header clips them (the
# agency's subaward page cut "Request a match waiver" on a phone).
HEADER_BUTTONS_CUT = """() => Array.from(document.querySelectorAll('.w-slim-header a.button'))
    .filter(e => e.getClientRects().length)
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.textContent.trim())"""
DESKTOP_ROLES = {"grantsmanager", "safeharbor.director"}


@pytest.fixture
def walk(demo_site):  # noqa: F811
    """Each role's pages, read before the browser starts."""
    from monitoring.models import DeskReview, Finding, SingleAudit, SiteVisit
    from organizations.demo import SHELTER_UEI
    from performance.models import QuarterlyReport
    from subawards.models import Subaward, WaiverPolicy, WaiverRequest

    finding = Finding.objects.select_related("organization").get(organization__uei=SHELTER_UEI)
    shelter = finding.organization
    subaward = Subaward.objects.filter(subrecipient=shelter).order_by("-pk").first()
    report = QuarterlyReport.objects.filter(subaward__subrecipient=shelter).first()
    waiver = WaiverRequest.objects.filter(subaward__subrecipient=shelter).first()
    sar = reverse("subawards_sar", args=(subaward.pk,))
    shared = {
        "quarterly reports": reverse("performance_reports:index"),
        "quarterly report": reverse("performance_reports:inspect", args=(report.pk,)),
        "SARs": reverse("subawards_sars"),
        "SAR": sar,
        "waiver requests": reverse("subawards_waiver_requests:index"),
        "waiver request": reverse("subawards_waiver_requests:inspect", args=(waiver.pk,)),
        "waiver policy": reverse("subawards_waiver_policy:index"),
        "policy version": reverse(
            "subawards_waiver_policy:inspect", args=(WaiverPolicy.objects.first().pk,)
        ),
        "subaward": reverse("subawards_subawards:inspect", args=(subaward.pk,)),
    }
    state = {
        **shared,
        "late and missing": reverse("performance_missing"),
        "roll-up": reverse("performance_rollup"),
        "FFATA": reverse("subawards_ffata"),
        "executive compensation": reverse("subawards_executive_compensation"),
        "approved waivers": reverse("subawards_waiver_report"),
        "dashboard": reverse("grants_dashboard"),
    }
    monitoring = {
        "monitoring": reverse("monitoring_index"),
        "due and overdue": reverse("monitoring_due"),
        "findings": reverse("monitoring_findings"),
        "finding": reverse("monitoring_finding", args=(finding.pk,)),
        "agency's monitoring": reverse("monitoring_subrecipient", args=(shelter.pk,)),
        "desk review": reverse("monitoring_desk_review", args=(DeskReview.objects.first().pk,)),
        "site visit": reverse("monitoring_site_visit", args=(SiteVisit.objects.first().pk,)),
        "single audit": reverse("monitoring_single_audit", args=(SingleAudit.objects.first().pk,)),
    }
    forms = {
        "risk assessment form": reverse("monitoring_assess", args=(shelter.pk,)),
        "desk review form": reverse("monitoring_desk_review_new", args=(shelter.pk,)),
        "site visit form": reverse("monitoring_site_visit_new", args=(shelter.pk,)),
        "single audit form": reverse("monitoring_single_audit_new", args=(shelter.pk,)),
        "new policy version": reverse("subawards_waiver_policy:add"),
    }
    agency = {
        **shared,
        "our quarterly reports": reverse("performance_agency"),
        "findings": reverse("monitoring_findings"),
        "finding": reverse("monitoring_finding", args=(finding.pk,)),
        "our part of the SAR": reverse("subawards_sar_submit", args=(subaward.pk,)),
        "match waiver form": reverse("subawards_request_waiver", args=(subaward.pk,)),
    }
    return {
        "grantsmanager": {**state, **monitoring, **forms},
        "auditor": {**state, **monitoring},
        "finance": state,
        "safeharbor.director": {
            **agency,
            "respond": reverse("monitoring_finding_respond", args=(finding.pk,)),
            "volunteers form": reverse("subawards_record_volunteers", args=(subaward.pk,)),
        },
        "safeharbor.finance": agency,
        # Another agency's director reaches its own lists, never the shelter's finding.
        "gatewaycac.director": {
            "our quarterly reports": reverse("performance_agency"),
            "findings": reverse("monitoring_findings"),
            "SARs": reverse("subawards_sars"),
            "waiver requests": reverse("subawards_waiver_requests:index"),
        },
        "refused": {
            "gatewaycac.director": [shared["SAR"], monitoring["finding"], state["FFATA"]],
            "safeharbor.advocate": [shared["SARs"], monitoring["findings"], shared["subaward"]],
            "finance": [monitoring["monitoring"], monitoring["finding"]],
        },
    }


# The database is put back as it was for the tests after this one (roles, permissions, pages).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_oversight_screens_fit_and_pass_axe_for_each_role(demo_site, walk, chromium):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    base = demo_site.url
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    refused = walk.pop("refused")
    problems = []
    for username in [*walk, "safeharbor.advocate"]:
        pages = walk.get(username, {})
        # The desktop layout does not change with the role: two roles cover it, to keep CI fast.
        # One sign-in a user: each page on a phone, then (the same tab, resized) on a desktop.
        context = chromium.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        sign_in(page, base, username, DEMO_PASSWORD)
        for width in (360, 1280) if username in DESKTOP_ROLES else (360,):
            page.set_viewport_size({"width": width, "height": 800})
            where = f"{username} {width}px"
            for name, url in pages.items():
                response = page.goto(f"{base}{url}")
                if response.status != 200 or page.url != f"{base}{url}":
                    problems.append(f"{where} {name}: HTTP {response.status} at {page.url}")
                    continue
                if over := page.evaluate(WIDER_THAN_SCREEN):
                    problems.append(f"{where} {name}: {over}px wider than the screen")
                if cut := page.evaluate(HEADER_BUTTONS_CUT):
                    problems.append(f"{where} {name}: header buttons cut {cut}")
                if squeezed := page.evaluate(SQUEEZED_TEXT):
                    problems.append(f"{where} {name}: squeezed text {squeezed}")
                if page.evaluate(TITLE_CUT) or page.evaluate(ICONS_OFF_SCREEN):
                    problems.append(f"{where} {name}: the page's name or an icon is cut")
                if "Wagtail" in page.title():
                    problems.append(f"{where} {name}: title {page.title()!r}")
                # Axe on the phone only (the slowest check; both widths serve the same markup).
                if width == 360 and (results := axe.run(page, options=options)).violations_count:
                    problems.append(f"{where} {name}:\n{results.generate_report()}")
            if width == 360:
                # Refused: "not found", or Wagtail's refusal that sends the user to the dashboard.
                for url in refused.get(username, []):
                    response = page.goto(f"{base}{url}")
                    if response.status != 404 and page.url != f"{base}/admin/":
                        problems.append(f"{where}: reached {url} (HTTP {response.status})")
        context.close()
    assert problems == [], "\n".join(problems)
