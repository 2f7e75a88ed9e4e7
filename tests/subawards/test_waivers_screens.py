"""The match waiver and volunteer screens: who sees and does what, refusals on the form with
nothing saved, another agency's records not found, and the report download for the state."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from subawards import operations
from subawards.models import VolunteerMonth, WaiverPolicy, WaiverRequest
from tests.helpers import at, login, moment
from tests.subawards.test_funder_screens import assert_logged

from .conftest import agency_person, check, make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(people):
    return operations.publish_waiver_policy(
        people["gm"],
        title="Match waiver policy",
        text="Hardship waivers are considered case by case.",
        effective_on=dt.date(2026, 11, 1),
        reason="Published",
    )


@pytest.fixture
def stranger(people):
    other = make_agency("Other Agency Inc.", uei="Z9Y8X7W6V5U4")
    check(people["gm"], other)
    return agency_person("otherdirector", other, "Agency Director")


def test_grants_manager_publishes_a_policy_and_agencies_read_it(client, people, director):
    login(client, people["gm"])
    url = reverse("subawards_waiver_policy:add")
    response = client.post(url, {"title": "", "text": "x", "effective_on": "2026-11-01"})
    assert response.status_code == 200 and not WaiverPolicy.objects.exists()
    response = client.post(
        url,
        {
            "title": "Match waiver policy",
            "text": "Waived for hardship.",
            "effective_on": "2026-11-01",
            "reason": "Published",
        },
    )
    assert response.status_code == 302
    policy = WaiverPolicy.objects.get()
    login(client, director)
    page = client.get(reverse("subawards_waiver_policy:inspect", args=(policy.pk,)))
    assert page.status_code == 200 and "Waived for hardship." in page.content.decode()
    assert client.get(url).status_code in (302, 403)  # the agency does not publish
    login(client, people["advocate"])
    listing = client.get(reverse("subawards_waiver_policy:index"))
    assert listing.status_code in (302, 403)


def test_director_requests_on_the_subaward_and_the_grants_manager_approves_part(
    client, people, director, policy, make_subaward
):
    subaward = make_subaward()
    login(client, director)
    page = client.get(reverse("subawards_subawards:inspect", args=(subaward.pk,)))
    assert "Request a match waiver" in page.content.decode()
    url = reverse("subawards_request_waiver", args=(subaward.pk,))
    response = client.post(url, {"amount": "30000.00", "reason": "Donor closed"})
    assert response.status_code == 200
    assert "At most the match still due" in response.content.decode()
    assert not WaiverRequest.objects.exists()
    response = client.post(url, {"amount": "8000.00", "reason": "Donor closed"})
    request = WaiverRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subawards_waiver_requests:inspect", args=(request.pk,))
    login(client, people["gm"])
    step = reverse("subawards_waiver_step", args=(request.pk, "approve"))
    response = client.post(step, {"amount": "5000.00", "reason": "Part of the hardship shown"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved" and request.approved_amount == Decimal("5000.00")
    page = client.get(reverse("subawards_subawards:inspect", args=(subaward.pk,))).content
    assert b"Match waiver" in page and b"$5,000.00 waived" in page


def test_another_agency_never_sees_or_requests_a_waiver_of_this_subaward(
    client, people, director, stranger, policy, make_subaward
):
    subaward = make_subaward()
    request = operations.request_match_waiver(
        director, subaward_id=subaward.pk, amount="100.00", reason="Hardship"
    )
    login(client, stranger)
    for url in (
        reverse("subawards_request_waiver", args=(subaward.pk,)),
        reverse("subawards_waiver_requests:inspect", args=(request.pk,)),
        reverse("subawards_waiver_step", args=(request.pk, "approve")),
        reverse("subawards_record_volunteers", args=(subaward.pk,)),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("subawards_request_waiver", args=(subaward.pk,)),
        {"amount": "1.00", "reason": "x"},
    )
    assert response.status_code == 404 and WaiverRequest.objects.count() == 1
    listing = client.get(reverse("subawards_waiver_requests:index")).content.decode()
    assert subaward.number not in listing


def test_the_requester_side_cannot_decide_and_finance_sees_no_button(
    client, people, director, policy, make_subaward
):
    subaward = make_subaward()
    request = operations.request_match_waiver(
        director, subaward_id=subaward.pk, amount="100.00", reason="Hardship"
    )
    step = reverse("subawards_waiver_step", args=(request.pk, "approve"))
    for who in (director, people["finance"]):
        login(client, who)
        response = client.post(step, {"reason": "Yes"})
        assert response.status_code == 200
        assert "Grants Manager decides match waiver requests" in response.content.decode()
    assert WaiverRequest.objects.get().status == "requested"


def test_report_downloads_for_the_state_only(client, people, director, award):
    login(client, people["auditor"])
    url = reverse("subawards_waiver_report")
    response = client.post(url, {"award": award.pk, "fiscal_year": "2027"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "approved-match-waivers-" in response["Content-Disposition"]
    assert_logged(
        people["auditor"],
        "approved_match_waivers",
        response.content,
        {"award": award.federal_award_number, "fiscal_year": 2027},
    )
    response = client.post(url, {"award": award.pk, "fiscal_year": "abc"})
    assert response.status_code == 200 and "Enter a whole number" in response.content.decode()
    login(client, director)
    assert client.get(url).status_code in (302, 403)  # the admin refuses


def test_volunteer_form_refuses_bad_input_and_records_a_month(
    client, people, director, make_subaward
):
    subaward = make_subaward()
    url = reverse("subawards_record_volunteers", args=(subaward.pk,))
    login(client, director)
    with at(moment(2027, 3, 10)):
        response = client.post(url, {"month": "2027-02-01", "volunteers": "3", "hours": "-2"})
        assert response.status_code == 200 and "0 or more" in response.content.decode()
        response = client.post(url, {"month": "2027-05-01", "volunteers": "3", "hours": "2"})
        assert "has not begun" in response.content.decode()
        assert not VolunteerMonth.objects.exists()
        response = client.post(
            url,
            {"month": "2027-02-14", "volunteers": "3", "hours": "12", "claimed_as_match": "on"},
        )
        assert response.status_code == 302
        page = client.get(reverse("subawards_subawards:inspect", args=(subaward.pk,)))
    html = page.content.decode()
    assert "Volunteers: Met" in html and "Feb 2027" in html and "$417.48" in html
    login(client, people["gm"])
    page = client.get(reverse("subawards_subawards:inspect", args=(subaward.pk,))).content
    assert b"Waive the volunteer requirement" in page
    assert b"Record a month of volunteers" not in page


def test_the_menu_offers_waivers_to_the_state_and_agencies_not_to_field_staff(
    client, people, director
):
    from tests.helpers import admin_menu_names

    for who, shown in ((people["gm"], True), (director, True), (people["advocate"], False)):
        login(client, who)
        names = admin_menu_names(client.get("/admin/"))
        assert ("match-waiver-policy" in names) is shown, (who, names)
        assert ("match-waiver-requests" in names) is shown, (who, names)
