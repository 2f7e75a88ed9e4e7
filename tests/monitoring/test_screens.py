"""The grants manager's monitoring forms, posted as a browser would: a refusal shows on its field
and saves nothing; a valid form saves and goes to the record's page."""

import datetime as dt

import pytest
from django.urls import reverse

from monitoring.models import DeskReview, Finding, RiskAssessment, SingleAudit, SiteVisit
from monitoring.rules import CHECKLIST, ENTERED
from tests.helpers import at, login, moment
from tests.subawards.test_claims import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def gm(client, people):
    login(client, people["gm"])
    return people["gm"]


def test_the_risk_form_shows_each_refusal_then_records_the_level(client, gm, agency):
    url = reverse("monitoring_assess", args=(agency.pk,))
    with at(moment(2027, 3, 10)):
        page = client.post(url, {"assessed_on": "2027-03-10"}).content.decode()
        assert "Score prior experience with federal awards from 0 to 3." in page
        assert RiskAssessment.objects.count() == 0
        data = {"assessed_on": "2027-03-10", "summary": "Annual review"}
        for factor in ENTERED:
            data[f"score_{factor.key}"] = "2"
            data[f"note_{factor.key}"] = "Seen in the file."
        response = client.post(url, data)
    assessment = RiskAssessment.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "monitoring_risk", args=(assessment.pk,)
    )
    page = client.get(response.url).content.decode()
    # 6 entered factors at 2 and no claims: 12, medium.
    assert assessment.total == 12 and "Medium" in page and "Seen in the file." in page


def test_desk_review_and_site_visit_forms_end_to_end(
    client, gm, agency, agency_finance, make_subaward
):
    subaward = make_subaward()
    with at(moment(2027, 3, 10)):
        claim = submit(agency_finance, subaward, start=dt.date(2027, 1, 1))
        response = client.post(
            reverse("monitoring_desk_review_new", args=(agency.pk,)),
            {
                "period_start": "2027-01-01",
                "period_end": "2027-01-31",
                "claims": [claim.pk],
                "documents": "Payroll register\nReceipts",
                "requested_on": "2027-03-10",
                "documents_due_on": "2027-03-01",
            },
        )
        assert "Documents are due on or after the day they are requested." in (
            response.content.decode()
        )
        assert DeskReview.objects.count() == 0
        response = client.post(
            reverse("monitoring_desk_review_new", args=(agency.pk,)),
            {
                "period_start": "2027-01-01",
                "period_end": "2027-01-31",
                "claims": [claim.pk],
                "documents": "Payroll register\nReceipts",
                "requested_on": "2027-03-10",
                "documents_due_on": "2027-03-24",
            },
        )
        review = DeskReview.objects.get()
        assert response.url == reverse("monitoring_desk_review", args=(review.pk,))
        payroll = review.documents.get(description="Payroll register")
        client.post(
            reverse("monitoring_desk_review_receive", args=(review.pk,)),
            {f"received_{payroll.pk}": "2027-03-10"},
        )
        payroll.refresh_from_db()
        assert payroll.received_on == dt.date(2027, 3, 10)
        client.post(
            reverse("monitoring_finding_new", args=("desk-review", review.pk)),
            {"text": "Receipts missing", "action_required": "Send them", "due_on": "2027-04-01"},
        )
        client.post(
            reverse("monitoring_desk_review_conclude", args=(review.pk,)),
            {"conclusion": "Supported but for receipts.", "concluded_on": "2027-03-10"},
        )
        review.refresh_from_db()
        assert review.is_concluded and Finding.objects.get().desk_review == review

        response = client.post(
            reverse("monitoring_site_visit_new", args=(agency.pk,)), {"planned_on": "2027-03-09"}
        )
        visit = SiteVisit.objects.get()
        data = {"visited_on": "2027-03-09", "summary": "Seen."}
        for item, _ in CHECKLIST:
            data[f"answer_{item}"] = "na" if item == "equipment" else "met"
        response = client.post(reverse("monitoring_site_visit_record", args=(visit.pk,)), data)
        assert response.status_code == 302
        page = client.get(reverse("monitoring_site_visit", args=(visit.pk,))).content.decode()
        assert "Not applicable" in page and "Add a finding" in page


def test_single_audit_forms(client, gm, agency):
    with at(moment(2027, 3, 10)):
        url = reverse("monitoring_single_audit_new", args=(agency.pk,))
        page = client.post(
            url,
            {
                "fiscal_year_end": "2026-06-30",
                "federal_expenditures": "-5",
                "uniform_guidance": "2024",
            },
        ).content.decode()
        assert "Enter the federal expenditures as an amount" in page
        assert SingleAudit.objects.count() == 0
        response = client.post(
            url,
            {
                "fiscal_year_end": "2026-06-30",
                "federal_expenditures": "1,000,000.00",
                "uniform_guidance": "2024",
            },
        )
        audit = SingleAudit.objects.get()
        page = client.get(response.url).content.decode()
        assert "Single audit required</dt><dd>Yes" in page
        client.post(
            reverse("monitoring_audit_report", args=(audit.pk,)),
            {
                "received_on": "2027-01-15",
                "in_clearinghouse": "on",
                "has_findings": "on",
                "findings": "2026-001 Cash management.",
            },
        )
        response = client.post(
            reverse("monitoring_audit_decision", args=(audit.pk,)),
            {"decision": "Sustained; corrective plan accepted.", "decided_on": "2027-03-10"},
        )
        assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.decision_on == dt.date(2027, 3, 10) and audit.in_clearinghouse
