"""A site visit's checklist and finding, the corrective action answered by the agency's director
and closed by the state; a desk review of sampled claims; bad input refused, nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from monitoring import operations
from monitoring.models import DeskReview, Finding, SiteVisit
from monitoring.rules import CHECKLIST
from tests.helpers import at, login, moment
from tests.subawards.test_claims import submit

pytestmark = pytest.mark.django_db

TODAY = moment(2027, 3, 10)


def visited(gm, agency, **answers):
    visit = operations.plan_site_visit(
        gm, organization_id=agency.pk, planned_on=dt.date(2027, 3, 1)
    )
    return operations.record_site_visit(
        gm,
        visit_id=visit.pk,
        visited_on=dt.date(2027, 3, 1),
        answers={item: answers.get(item, "met") for item, _ in CHECKLIST},
        notes={"timesheets": "Unsigned timesheets."},
        summary="Files and premises seen.",
    )


def test_a_finding_is_answered_by_the_agency_director_and_closed_by_the_state(
    client, people, agency, director, agency_finance, other_director
):
    with at(TODAY):
        visit = visited(people["gm"], agency, timesheets="not_met")
        finding = operations.record_finding(
            people["gm"],
            site_visit_id=visit.pk,
            text="Timesheets not signed.",
            action_required="Sign them.",
            due_on=dt.date(2027, 3, 20),
        )
        assert visit.answers.get(item="timesheets").get_answer_display() == "Not met"
        # Not yet answered: the state cannot close it; finance of the agency does not answer.
        with pytest.raises(ValidationError, match="has not responded yet"):
            operations.close_finding(
                people["gm"], finding_id=finding.pk, note="ok", closed_on=dt.date(2027, 3, 10)
            )
        for outsider in (agency_finance, other_director, people["gm"]):
            with pytest.raises(PermissionDenied):
                operations.respond_to_finding(
                    outsider,
                    finding_id=finding.pk,
                    response="Done",
                    responded_on=dt.date(2027, 3, 10),
                )
        login(client, director)
        page = client.get(reverse("monitoring_finding", args=(finding.pk,))).content.decode()
        assert "Timesheets not signed." in page and "Respond" in page
        response = client.post(
            reverse("monitoring_finding_respond", args=(finding.pk,)),
            {"response": "A supervisor now signs every timesheet.", "responded_on": "2027-03-10"},
        )
        assert response.status_code == 302
        finding.refresh_from_db()
        assert finding.status == "Response received" and finding.responded_by == director
        login(client, people["gm"])
        response = client.post(
            reverse("monitoring_finding_close", args=(finding.pk,)),
            {"note": "", "closed_on": "2027-03-10"},
        )
        assert "Say how the corrective action was verified." in response.content.decode()
        response = client.post(
            reverse("monitoring_finding_close", args=(finding.pk,)),
            {"note": "Signed timesheets for Feb and Mar seen.", "closed_on": "2027-03-10"},
        )
        assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == "Closed" and finding.closed_by == people["gm"]
    assert finding.history.first().history_change_reason == "Closed by the state"


def test_a_visit_needs_every_checklist_answer_and_a_note_when_not_met(people, agency):
    with at(TODAY):
        visit = operations.plan_site_visit(
            people["gm"], organization_id=agency.pk, planned_on=dt.date(2027, 3, 1)
        )
        answers = {item: "met" for item, _ in CHECKLIST}
        answers["receipts"] = "not_met"
        del answers["match"]
        with pytest.raises(ValidationError) as refused:
            operations.record_site_visit(
                people["gm"],
                visit_id=visit.pk,
                visited_on=dt.date(2027, 3, 11),
                answers=answers,
                notes={},
                summary="",
            )
    errors = refused.value.message_dict
    assert errors["visited_on"] == ["This cannot be dated after today (10 Mar 2027)."]
    assert errors["note_receipts"] == ["Say what was not met."]
    assert errors["answer_match"][0].startswith("Answer 'Match is documented")
    visit.refresh_from_db()
    assert visit.visited_on is None and visit.answers.count() == 0
    with at(TODAY), pytest.raises(ValidationError, match="Record the visit"):
        operations.record_finding(
            people["gm"],
            site_visit_id=visit.pk,
            text="x",
            action_required="y",
            due_on=dt.date(2027, 4, 1),
        )
    assert Finding.objects.count() == 0


def test_a_desk_review_samples_claims_of_its_period_and_tracks_documents(
    client, people, agency, agency_finance, make_subaward, other_agency
):
    subaward = make_subaward()
    with at(TODAY):
        january = submit(agency_finance, subaward, start=dt.date(2027, 1, 1))
        february = submit(agency_finance, subaward, start=dt.date(2027, 2, 1))
        values = {
            "organization_id": agency.pk,
            "period_start": dt.date(2027, 1, 1),
            "period_end": dt.date(2027, 1, 31),
            "claim_ids": [january.pk, february.pk],
            "documents": ["Payroll register", "Receipts"],
            "requested_on": dt.date(2027, 3, 10),
            "documents_due_on": dt.date(2027, 3, 24),
        }
        with pytest.raises(ValidationError) as refused:
            operations.start_desk_review(people["gm"], **values)
        assert "outside the period reviewed" in refused.value.message_dict["claims"][0]
        with pytest.raises(ValidationError) as refused:
            operations.start_desk_review(
                people["gm"], **{**values, "organization_id": other_agency.pk, "documents": []}
            )
        assert refused.value.message_dict["claims"] == ["Choose claims of this subrecipient only."]
        assert refused.value.message_dict["documents"] == [
            "List the documents requested, one a line."
        ]
        assert DeskReview.objects.count() == 0
        review = operations.start_desk_review(people["gm"], **{**values, "claim_ids": [january.pk]})
        payroll = review.documents.get(description="Payroll register")
        operations.receive_documents(
            people["gm"], review_id=review.pk, received={payroll.pk: dt.date(2027, 3, 10)}
        )
        login(client, people["auditor"])
        page = client.get(reverse("monitoring_desk_review", args=(review.pk,))).content.decode()
        assert str(january) in page and str(february) not in page
        assert "10 Mar 2027" in page
        operations.conclude_desk_review(
            people["gm"],
            review_id=review.pk,
            conclusion="Costs supported.",
            concluded_on=dt.date(2027, 3, 10),
        )
        with pytest.raises(ValidationError, match="concluded"):
            operations.receive_documents(people["gm"], review_id=review.pk, received={})
    assert SiteVisit.objects.count() == 0
