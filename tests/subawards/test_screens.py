"""The screens: the grants manager adds a subrecipient, records its exclusion check, makes and
issues a subaward; a refusal shows on its field and saves nothing; documents go only to the state's
money roles and the subrecipient's own people; the director accepts a condition."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from organizations.models import ExclusionCheck, Organization
from subawards.models import SpecialCondition, Subaward
from tests.helpers import login

from .conftest import agency_person, evidence, make_agency

pytestmark = pytest.mark.django_db

SUBRECIPIENT = {
    "legal_name": "Gateway Child Advocacy Center",
    "short_name": "Gateway CAC",
    "uei": "G4WCAC7XY2Z1",
    "ovc_type": "np_child_abuse",
    "street": "2200 Hampton Avenue",
    "city": "St. Louis",
    "state": "MO",
    "zip_code": "63139",
    "service_area": "St. Louis City\nSt. Louis County",
    "contact_name": "Morgan Lee",
    "is_active": "on",
    "reason": "Selected in the FY2027 solicitation",
}


def test_the_grants_manager_adds_a_subrecipient_and_a_bad_uei_saves_nothing(client, people):
    login(client, people["gm"])
    url = reverse("subawards_subrecipients:add")
    response = client.post(url, {**SUBRECIPIENT, "uei": "G4WCAC7XY2ZO"})
    assert response.status_code == 200
    assert "never has the letters I or O" in response.context["form"].errors["uei"][0]
    assert not Organization.objects.filter(legal_name=SUBRECIPIENT["legal_name"]).exists()
    response = client.post(url, SUBRECIPIENT)
    assert response.status_code == 302
    created = Organization.objects.get(uei="G4WCAC7XY2Z1")
    assert created.kind == "subrecipient"
    assert created.service_area_list == ["St. Louis City", "St. Louis County"]
    edit = reverse("subawards_subrecipients:edit", args=(created.pk,))
    assert client.get(edit).status_code == 200
    response = client.post(edit, {**SUBRECIPIENT, "contact_name": "", "reason": "Update"})
    assert "Name the point of contact" in response.context["form"].errors["contact_name"][0]
    created.refresh_from_db()
    assert created.contact_name == "Morgan Lee"


def test_finance_may_not_add_subrecipients(client, people):
    login(client, people["finance"])
    response = client.post(reverse("subawards_subrecipients:add"), SUBRECIPIENT)
    assert response.status_code in (302, 403)
    assert not Organization.objects.filter(uei="G4WCAC7XY2Z1").exists()


def test_the_exclusion_check_screen_takes_the_evidence(client, people):
    agency = make_agency()
    login(client, people["gm"])
    url = reverse("subawards_exclusion_check", args=(agency.pk,))
    response = client.post(
        url,
        {
            "checked_on": "2026-12-07",
            "result": "not_excluded",
            "evidence": evidence("x.txt", b"plain text"),
        },
    )
    assert "Only a PDF or an image" in response.context["form"].errors["evidence"][0]
    assert not ExclusionCheck.objects.exists()
    response = client.post(
        url, {"checked_on": "2026-12-07", "result": "not_excluded", "evidence": evidence()}
    )
    assert response.status_code == 302
    check = ExclusionCheck.objects.get()
    assert (check.checked_by, check.checked_on) == (people["gm"], dt.date(2026, 12, 7))
    page = client.get(reverse("subawards_subrecipients:inspect", args=(agency.pk,)))
    assert "Download (private)" in page.content.decode()


def _subaward_form(agency, line, **changes):
    data = {
        "subrecipient": agency.pk,
        "line": line.pk,
        "period_start": "2027-01-01",
        "period_end": "2027-09-30",
        "project_description": "Shelter and advocacy",
        "pass_through_contact": "Jordan Smith, grants@dps.example.gov",
        "indirect_rate_kind": "none",
        "budget_personnel": "80,000.00",
        "budget_supplies": "20,000.00",
        "conditions": "Report quarterly to the PMT.\n\nKeep victims' data at the agency.",
        "claim_frequency": "monthly",
        "reason": "Panel recommendation",
    }
    data.update(changes)
    return data


def test_a_subaward_over_the_line_is_refused_on_the_budget_and_nothing_saved(
    client, people, line, agency
):
    login(client, people["gm"])
    response = client.post(
        reverse("subawards_subawards:add"),
        _subaward_form(agency, line, budget_personnel="240,000.00"),
    )
    assert response.status_code == 200
    # On the amount typed, beside the field (the largest, when several are).
    assert "Only $250,000.00 is left" in " ".join(
        response.context["form"].errors["budget_personnel"]
    )
    assert not Subaward.objects.exists()


def test_the_grants_manager_makes_and_issues_a_subaward_on_screen(client, people, line, agency):
    login(client, people["gm"])
    form = client.get(reverse("subawards_subawards:add"))
    assert form.status_code == 200
    assert "Budget: Personnel" in form.content.decode()
    listing = client.get(reverse("subawards_subrecipients:index"))
    assert agency.legal_name in listing.content.decode()
    unit = Organization.objects.the_unit()
    assert reverse("subawards_subrecipients:edit", args=(unit.pk,)) not in listing.content.decode()
    assert client.get(reverse("subawards_subrecipients:edit", args=(unit.pk,))).status_code == 404
    assert "The subrecipient claims" in form.content.decode()
    response = client.post(
        reverse("subawards_subawards:add"),
        _subaward_form(agency, line, claim_frequency="quarterly"),
    )
    assert response.status_code == 302
    subaward = Subaward.objects.get()
    assert subaward.conditions.count() == 2
    # Claimed by quarter, as the state set it: the claim form offers quarters.
    assert subaward.claim_frequency == "quarterly"
    page = client.get(reverse("subawards_subawards:inspect", args=(subaward.pk,)))
    html = page.content.decode()
    assert "Issue version 1" in html
    assert "Federal Award Identification Number (FAIN)" in html
    step = reverse("subawards_version_step", args=(subaward.latest_version().pk, "issue"))
    assert client.post(step, {"reason": "Signed by both parties"}).status_code == 302
    version = subaward.current_version()
    assert version.document_number == "SUB-2026-001-01"
    download = client.get(reverse("subawards_document", args=(version.pk,)))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.fixture
def issued(make_subaward):
    return make_subaward(conditions=["Report quarterly to the PMT."])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("gm", 200),
        ("finance", 200),
        ("auditor", 200),
        ("director", 200),
        ("stranger", 403),
        ("advocate", 403),
    ],
)
def test_a_subaward_document_goes_only_to_the_state_and_the_agencys_own_people(
    client, people, director, issued, who, status
):
    users = {**people, "director": director}
    if who == "stranger":
        other = make_agency("Other Agency", "L3GAL8AQW5EM")
        users["stranger"] = agency_person("stranger", other, "Agency Director")
    login(client, users[who])
    url = reverse("subawards_document", args=(issued.current_version().pk,))
    response = client.get(url)
    # A refusal in the admin is a 403 or Wagtail's redirect to the admin home: never the file.
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    else:
        assert response.status_code in (302, 403)
        assert not getattr(response, "streaming", False)
    inspect = client.get(reverse("subawards_subawards:inspect", args=(issued.pk,)))
    assert (inspect.status_code == 200) == (status == 200)
    listing = client.get(reverse("subawards_subawards:index"))
    assert (issued.number in listing.content.decode()) == (status == 200)


def test_the_director_accepts_a_condition_and_finance_of_the_agency_may_not(
    client, people, director, agency_finance, issued
):
    condition = SpecialCondition.objects.get(subaward=issued)
    url = reverse("subawards_accept_condition", args=(condition.pk,))
    login(client, agency_finance)
    response = client.post(url)
    assert "Agency Director accepts its conditions" in response.content.decode()
    condition.refresh_from_db()
    assert condition.accepted_at is None
    login(client, director)
    assert client.post(url).status_code == 302
    condition.refresh_from_db()
    assert condition.accepted_by == director
    assert condition.accepted_at is not None


def test_the_director_requests_a_revision_on_screen(client, director, issued):
    login(client, director)
    url = reverse("subawards_request_revision", args=(issued.pk,))
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "indirect_rate_kind": "none",
            "budget_personnel": "60,000.00",
            "budget_supplies": "40,000.00",
            "reason": "A second advocate",
        },
    )
    assert response.status_code == 302
    latest = issued.latest_version()
    assert latest.status == "requested"
    assert "more than 10%" in latest.approval_reasons


def test_the_grants_manager_amends_down_on_screen_and_a_refusal_shows_on_the_form(
    client, people, issued
):
    login(client, people["gm"])
    url = reverse("subawards_amend", args=(issued.pk,))
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["period_end"] == dt.date(2027, 9, 30)
    form = {
        "kind": "decrease",
        "period_start": "2027-01-01",
        "period_end": "2027-09-30",
        "project_description": "Emergency shelter",
        "pass_through_contact": "Jordan Smith",
        "indirect_rate_kind": "none",
        "budget_personnel": "80,000.00",
        "budget_supplies": "20,000.00",
        "reason": "Federal award cut",
    }
    response = client.post(url, form)
    # A refusal of the budget shows beside the largest amount typed.
    assert "A decrease lowers the total below $100,000.00" in " ".join(
        response.context["form"].errors["budget_personnel"]
    )
    assert issued.versions.count() == 1
    response = client.post(url, {**form, "budget_personnel": "50,000.00"})
    assert response.status_code == 302
    draft = issued.latest_version()
    assert (draft.kind, draft.status, draft.amount_this_action) == (
        "decrease",
        "draft",
        Decimal("-30000.00"),
    )
    step = reverse("subawards_version_step", args=(draft.pk, "issue"))
    assert client.post(step, {"reason": ""}).status_code == 302
    issued.refresh_from_db()
    assert issued.obligation.amount == Decimal("70000.00")


def test_an_issue_refused_by_the_line_says_why_on_the_step_page(client, people, make_subaward):
    first = make_subaward(issue=False, budget={"personnel": "150000.00"})
    second = make_subaward(issue=False, budget={"personnel": "150000.00"})
    login(client, people["gm"])
    client.post(reverse("subawards_version_step", args=(first.latest_version().pk, "issue")))
    response = client.post(
        reverse("subawards_version_step", args=(second.latest_version().pk, "issue"))
    )
    assert response.status_code == 200
    assert "Only $100,000.00 is left" in response.content.decode()
    assert second.latest_version().status == "draft"
