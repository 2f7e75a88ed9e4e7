"""The screens, as each role sees them: the agency prepares and submits its own, the state's
grants manager returns and accepts, another agency and the agency's advocates see none of it."""

import html

import pytest
from django.urls import reverse

from performance.models import QuarterlyReport
from tests.helpers import at, login

from .conftest import AFTER_Q2, LATE
from .test_figures import consistent

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def fill_url(subaward):
    return reverse("performance_fill", args=(subaward.pk, 2027, 2))


def post(client, url, data):
    return client.post(url, data)


def test_the_agency_fills_in_submits_and_the_state_returns_then_accepts(
    client, director, subaward, people
):
    login(client, director)
    with at(AFTER_Q2):
        page = client.get(reverse("performance_agency"))
        assert page.status_code == 200
        assert "FY2027 Q2" in text(page)
        bad = client.post(fill_url(subaward), {**consistent(), "served": "-2"})
        assert bad.status_code == 200
        assert "Enter a whole number, zero or more" in text(bad)
        assert not QuarterlyReport.objects.exists()
        unsummed = client.post(fill_url(subaward), {**consistent(), "demo1-male": "2"})
        assert "Gender identity: rows sum to new individuals" in text(unsummed)
        assert not QuarterlyReport.objects.exists()
        saved = client.post(fill_url(subaward), consistent())
        assert saved.status_code == 302
        report = QuarterlyReport.objects.get()
        page = client.get(reverse("performance_reports:inspect", args=(report.pk,)))
        assert "Submit to the state" in text(page)
        done = client.post(reverse("performance_step", args=(report.pk, "submit")), {"reason": ""})
        assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and not report.late
    login(client, people["gm"])
    with at(AFTER_Q2):
        refused = client.post(
            reverse("performance_step", args=(report.pk, "return")), {"reason": ""}
        )
        assert "This field is required" in text(refused)
        client.post(
            reverse("performance_step", args=(report.pk, "return")),
            {"reason": "Robbery counted twice"},
        )
    report.refresh_from_db()
    assert report.status == "returned" and report.returned_reason == "Robbery counted twice"
    login(client, director)
    with at(LATE):
        client.post(fill_url(subaward), consistent())
        client.post(reverse("performance_step", args=(report.pk, "submit")), {"reason": "Fixed"})
    report.refresh_from_db()
    assert report.status == "submitted" and report.round_number == 2
    assert not report.late  # the first submission was on time
    login(client, people["gm"])
    with at(LATE):
        client.post(reverse("performance_step", args=(report.pk, "accept")), {"reason": ""})
    report.refresh_from_db()
    assert report.status == "accepted"
    assert [r.returned_reason for r in report.rounds.order_by("number")] == [
        "Robbery counted twice",
        "",
    ]


def test_a_first_submission_after_the_due_date_is_late_and_listed(
    client, director, subaward, people
):
    from performance import operations

    with at(LATE):
        report = operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )
        operations.submit_report(director, report_id=report.pk)
    report.refresh_from_db()
    assert report.late
    login(client, people["gm"])
    with at(LATE):
        page = text(client.get(reverse("performance_missing")))
    late = page.split("Submitted late")[1]
    assert str(report) in late
    with at(LATE):
        listed = text(client.get(reverse("performance_reports:index") + "?late=true"))
        on_time = text(client.get(reverse("performance_reports:index") + "?late=false"))
    assert str(report) in listed and str(report) not in on_time
    login(client, director)
    with at(LATE):
        assert str(report) in text(client.get(reverse("performance_reports:index")))


def test_missing_lists_ended_quarters_past_due_with_nothing_submitted(
    client, director, subaward, people
):
    login(client, people["gm"])
    with at(AFTER_Q2):  # Q2 due 30 April: not missing yet
        page = text(client.get(reverse("performance_missing")))
    assert subaward.number not in page.split("Submitted late")[0]
    with at(LATE):
        page = text(client.get(reverse("performance_missing")))
    missing = page.split("Submitted late")[0]
    assert subaward.number in missing and "FY2027 Q2" in missing
    assert "FY2027 Q3" not in missing  # not ended


def test_state_steps_refused_to_the_agency_and_agency_steps_to_the_state(
    client, director, subaward, people
):
    from performance import operations

    with at(AFTER_Q2):
        report = operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )
    login(client, people["gm"])
    with at(AFTER_Q2):
        page = client.get(reverse("performance_step", args=(report.pk, "submit")))
        assert "Only the subrecipient's Agency Director or Agency Finance" in text(page)
        client.post(reverse("performance_step", args=(report.pk, "submit")), {"reason": "x"})
    report.refresh_from_db()
    assert report.status == "draft"
    with at(AFTER_Q2):
        operations.submit_report(director, report_id=report.pk)
    login(client, director)
    with at(AFTER_Q2):
        client.post(reverse("performance_step", args=(report.pk, "accept")), {"reason": "ok"})
    report.refresh_from_db()
    assert report.status == "submitted"
    login(client, people["finance"])  # reads, does not decide
    with at(AFTER_Q2):
        client.post(reverse("performance_step", args=(report.pk, "accept")), {"reason": "ok"})
    report.refresh_from_db()
    assert report.status == "submitted"


def test_another_agency_and_the_advocates_see_none_of_it(
    client, director, subaward, advocate, other_director, people
):
    from performance import operations

    with at(AFTER_Q2):
        report = operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )
    urls = [
        reverse("performance_reports:inspect", args=(report.pk,)),
        reverse("performance_step", args=(report.pk, "submit")),
        fill_url(subaward),
        reverse("performance_compute", args=(subaward.pk, 2027, 2)),
    ]
    for outsider in (other_director, advocate):
        login(client, outsider)
        with at(AFTER_Q2):
            for url in urls:
                assert client.get(url).status_code in (302, 403, 404), (outsider, url)
            listing = client.get(reverse("performance_reports:index"))
            assert str(report) not in text(listing)
    login(client, advocate)
    for url in (
        reverse("performance_agency"),
        reverse("performance_missing"),
        reverse("performance_rollup"),
    ):
        assert client.get(url).status_code in (302, 403), url
    login(client, other_director)
    assert client.get(reverse("performance_missing")).status_code in (302, 403)
    assert client.get(reverse("performance_rollup")).status_code in (302, 403)
    with at(AFTER_Q2):
        page = text(client.get(reverse("performance_agency")))
    assert subaward.number not in page


def test_compute_from_our_contacts_then_edit_shows_the_counts(
    client, director, subaward, agency_contacts
):
    login(client, director)
    with at(AFTER_Q2):
        url = reverse("performance_compute", args=(subaward.pk, 2027, 2))
        assert "Compute from our contacts" in text(client.get(url))
        assert client.post(url, {"reason": ""}).status_code == 302
        report = QuarterlyReport.objects.get()
        page = text(client.get(reverse("performance_reports:inspect", args=(report.pk,))))
        assert "Computed from the contacts logged in this system" in page
        form = text(client.get(fill_url(subaward)))
    # The form opens with the counted figures: 3 served (by hand, see conftest).
    assert 'name="served" value="3"' in form
    assert 'name="svc-A1-times" value="3"' in form
