"""Agency A's money records, every subawards URL: another agency's people, and the unit's roles
that hold no money, get a refusal (404 or the admin's) for each of A's subawards, versions,
documents, conditions, claims, claim documents and exclusion checks, and A's canary text appears in
none of their responses. A's own director opens them (the control: the walk can fail)."""

import pytest
from django.urls import reverse

from subawards import operations
from subawards.models import ClaimDocument
from tests.factories import make_user
from tests.helpers import at, every_url, login
from voca import roles as R

from .conftest import agency_person, check, make_agency
from .test_claims import MARCH, submit

pytestmark = pytest.mark.django_db

SENTINEL = 987654
DESCRIPTION = "Zephyrine canary shelter project"
CONDITION = "Quillfeather canary condition: quarterly site visits"
COMMENT = "Marrowbright canary comment: timesheets for February"
WAIVER = "Glimmerwick canary waiver reason: the county match fund closed"
CANARIES = (DESCRIPTION, CONDITION, COMMENT, WAIVER)
DENIED = {302, 403, 404, 405}

# Which of A's records a subawards URL pattern names, by the start of its name.
KINDS = (
    ("subawards_subawards:", "subaward"),
    ("subawards_amend", "subaward"),
    ("subawards_request_revision", "subaward"),
    ("subawards_claim_new", "subaward"),
    ("subawards_version_step", "version"),
    ("subawards_document", "version"),
    ("subawards_accept_condition", "condition"),
    ("subawards_claims:", "claim"),
    ("subawards_claim_step", "claim"),
    ("subawards_claim_document", "claim_document"),
    ("subawards_subrecipients:", "agency"),
    ("subawards_exclusion_check", "agency"),
    ("subawards_exclusion_evidence", "exclusion"),
    ("subawards_sar", "subaward"),
    ("subawards_ffata_report", "version"),
    ("subawards_request_waiver", "subaward"),
    ("subawards_record_volunteers", "subaward"),
    ("subawards_waive_volunteers", "subaward"),
    ("subawards_waiver_requests:", "waiver_request"),
    ("subawards_waiver_step", "waiver_request"),
)
ACTIONS = {
    "subawards_version_step": "issue",
    "subawards_claim_step": "resubmit",
    "subawards_waiver_step": "approve",
}


def record_urls(ids: dict) -> list[tuple[str, str]]:
    """(path, name) for every subawards URL pattern that takes a record id, with A's ids."""
    found = []
    for path, name in every_url(SENTINEL):
        if str(SENTINEL) not in path:
            continue
        kind = next((k for prefix, k in KINDS if name.startswith(prefix)), None)
        if kind is None:
            continue
        path = path.replace(str(SENTINEL), str(ids[kind]))
        if name in ACTIONS:
            path = path.rstrip("/").rsplit("/", 1)[0] + f"/{ACTIONS[name]}/"
        found.append((path, name))
    return found


@pytest.fixture
def a_records(people, agency, director, agency_finance, make_subaward):
    subaward = make_subaward(conditions=(CONDITION,), project_description=DESCRIPTION)
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        operations.send_back_claim(people["gm"], claim_id=claim.pk, comments=COMMENT)
    operations.publish_waiver_policy(
        people["gm"],
        title="Match waiver policy",
        text="Hardship waivers.",
        effective_on=subaward.current_version().effective_on,
        reason="Published",
    )
    waiver = operations.request_match_waiver(
        director, subaward_id=subaward.pk, amount="100.00", reason=WAIVER
    )
    return {
        "waiver_request": waiver.pk,
        "subaward": subaward.pk,
        "version": subaward.current_version().pk,
        "condition": subaward.conditions.get().pk,
        "claim": claim.pk,
        "claim_document": ClaimDocument.objects.get(round__claim=claim).pk,
        "agency": agency.pk,
        "exclusion": agency.exclusion_checks.get().pk,
    }


@pytest.fixture
def outsiders(people):
    other = make_agency("Children's Advocacy Center of the Ozarks", uei="M3NPQR4STU5V")
    check(people["gm"], other)
    return {
        "B director": agency_person("b.director", other, R.AGENCY_DIRECTOR),
        "B finance": agency_person("b.finance", other, R.AGENCY_FINANCE),
        "B advocate": agency_person("b.advocate", other, R.AGENCY_ADVOCATE),
        # The unit's roles that hold no money see no subaward either.
        "unit advocate": people["advocate"],
        "unit supervisor": make_user("unit.supervisor", R.SUPERVISOR),
        "unit editor": make_user("unit.editor", R.EDITOR),
        "unit administrator": make_user("unit.administrator", R.ADMINISTRATOR),
    }


def walk(client, viewer, urls) -> list[str]:
    problems = []
    login(client, viewer)
    for path, _name in urls:
        response = client.get(path)
        if response.status_code not in DENIED:
            problems.append(f"{path}: answered {response.status_code}")
        if response.status_code == 200 and not hasattr(response, "streaming_content"):
            text = response.content.decode(errors="replace")
            problems += [f"{path}: shows {c!r}" for c in CANARIES if c in text]
    return problems


def test_no_other_agency_and_no_unit_role_without_money_reaches_as_records(
    client, a_records, outsiders
):
    urls = record_urls(a_records)
    # Every kind of A's record is walked, through Wagtail's own views and ours.
    assert {name.split(":")[0] for _, name in urls} >= {
        "subawards_subawards",
        "subawards_claims",
        "subawards_subrecipients",
        "subawards_document",
        "subawards_claim_document",
        "subawards_accept_condition",
        "subawards_exclusion_evidence",
        "subawards_sar",
        "subawards_sar_submit",
        "subawards_sar_xlsx",
        "subawards_ffata_report",
        "subawards_waiver_requests",
        "subawards_waiver_step",
        "subawards_record_volunteers",
    }
    problems = []
    for who, viewer in outsiders.items():
        problems += [f"{who} {p}" for p in walk(client, viewer, urls)]
        # Their own lists and the admin's search never name A's records either.
        for listing in (
            reverse("subawards_subawards:index"),
            reverse("subawards_claims:index"),
            reverse("subawards_sars"),
            reverse("subawards_ffata"),
            reverse("subawards_waiver_requests:index"),
            "/admin/search/?q=Zephyrine",
        ):
            response = client.get(listing)
            if response.status_code == 200:
                text = response.content.decode()
                problems += [f"{who} {listing}: shows {c!r}" for c in CANARIES if c in text]
    assert problems == [], "\n".join(problems)


def test_as_own_director_opens_the_same_records_so_the_walk_can_fail(client, a_records, director):
    flagged = walk(client, director, record_urls(a_records))
    inspect = reverse("subawards_subawards:inspect", args=(a_records["subaward"],))
    claim = reverse("subawards_claims:inspect", args=(a_records["claim"],))
    assert f"{inspect}: answered 200" in flagged
    assert f"{claim}: answered 200" in flagged
    assert f"{inspect}: shows {DESCRIPTION!r}" in flagged
    assert f"{claim}: shows {COMMENT!r}" in flagged
    sar = reverse("subawards_sar", args=(a_records["subaward"],))
    assert f"{sar}: shows {DESCRIPTION!r}" in flagged
    waiver = reverse("subawards_waiver_requests:inspect", args=(a_records["waiver_request"],))
    assert f"{waiver}: shows {WAIVER!r}" in flagged
