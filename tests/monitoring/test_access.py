"""Every monitoring URL, as a matrix: the grants manager and the auditor open the state's pages;
agency A's director opens A's findings (and responds); agency B's people, A's advocate and the
unit's roles without monitoring get a refusal (404 or the admin's), and A's canary text reaches
none of them."""

import datetime as dt

import pytest
from django.urls import reverse

from monitoring import operations
from monitoring.rules import CHECKLIST
from tests.factories import make_user
from tests.helpers import at, every_url, login, moment
from tests.subawards.test_claims import submit
from voca import roles as R

from .conftest import agency_person, notes, scores

pytestmark = pytest.mark.django_db

SENTINEL = 987654
CANARY = "Zephyrine canary finding"
DENIED = {302, 403, 404}


@pytest.fixture
def a_records(people, agency, agency_finance, make_subaward):
    gm = people["gm"]
    subaward = make_subaward()
    with at(moment(2027, 3, 10)):
        claim = submit(agency_finance, subaward, start=dt.date(2027, 1, 1))
        assessment = operations.assess_risk(
            gm,
            organization_id=agency.pk,
            assessed_on=dt.date(2027, 3, 1),
            scores=scores(),
            notes=notes(CANARY),
        )
        visit = operations.plan_site_visit(
            gm, organization_id=agency.pk, planned_on=dt.date(2027, 3, 2)
        )
        operations.record_site_visit(
            gm,
            visit_id=visit.pk,
            visited_on=dt.date(2027, 3, 2),
            answers={i: "met" for i, _ in CHECKLIST},
            notes={},
            summary=CANARY,
        )
        finding = operations.record_finding(
            gm,
            site_visit_id=visit.pk,
            text=CANARY,
            action_required="Fix it.",
            due_on=dt.date(2027, 4, 1),
        )
        review = operations.start_desk_review(
            gm,
            organization_id=agency.pk,
            period_start=dt.date(2027, 1, 1),
            period_end=dt.date(2027, 1, 31),
            claim_ids=[claim.pk],
            documents=[CANARY],
            requested_on=dt.date(2027, 3, 1),
            documents_due_on=dt.date(2027, 3, 15),
        )
        audit = operations.record_audit_year(
            gm,
            organization_id=agency.pk,
            fiscal_year_end=dt.date(2026, 6, 30),
            federal_expenditures="800000.00",
            uniform_guidance="earlier",
        )
        operations.record_audit_report(
            gm,
            audit_id=audit.pk,
            received_on=dt.date(2027, 1, 5),
            in_clearinghouse=True,
            has_findings=True,
            findings=CANARY,
        )
    return {
        "assessment": assessment.pk,
        "visit": visit.pk,
        "finding": finding.pk,
        "review": review.pk,
        "audit": audit.pk,
        "agency": agency.pk,
    }


AGENCY_PAGES = ("subrecipient", "assess", "desk_review_new", "site_visit_new", "single_audit_new")
KINDS = {
    **{f"monitoring_{name}": "agency" for name in AGENCY_PAGES},
    "monitoring_risk": "assessment",
    "monitoring_desk_review": "review",
    "monitoring_desk_review_receive": "review",
    "monitoring_desk_review_conclude": "review",
    "monitoring_site_visit": "visit",
    "monitoring_site_visit_record": "visit",
    "monitoring_finding_new": "visit",
    "monitoring_finding": "finding",
    "monitoring_finding_respond": "finding",
    "monitoring_finding_close": "finding",
    "monitoring_single_audit": "audit",
    "monitoring_audit_report": "audit",
    "monitoring_audit_decision": "audit",
}


def monitoring_urls(ids) -> list[tuple[str, str]]:
    """(path, name) of every monitoring URL, with A's records' ids."""
    found = []
    for path, name in every_url(SENTINEL):
        if not name.startswith("monitoring_"):
            continue
        if str(SENTINEL) in path:
            path = path.replace(str(SENTINEL), str(ids[KINDS[name]]))
            if name == "monitoring_finding_new":
                path = path.replace("/monitoring/x/", "/monitoring/site-visit/")
        found.append((path, name))
    return found


def test_the_urls_cover_every_screen(a_records):
    names = {name for _, name in monitoring_urls(a_records)}
    assert {
        "monitoring_index",
        "monitoring_due",
        "monitoring_findings",
        "monitoring_finding",
        "monitoring_finding_respond",
        "monitoring_assess",
        "monitoring_single_audit",
    } <= names


def test_outsiders_are_refused_every_monitoring_url(
    client, people, agency, a_records, other_director
):
    other = other_director.membership.organization
    outsiders = {
        "B director": other_director,
        "B finance": agency_person("b.finance", other, R.AGENCY_FINANCE),
        "A advocate": agency_person("a.advocate", agency, R.AGENCY_ADVOCATE),
        "unit advocate": people["advocate"],
        "unit supervisor": make_user("unit.supervisor", R.SUPERVISOR),
        "unit finance": people["finance"],
    }
    problems = []
    for who, viewer in outsiders.items():
        login(client, viewer)
        for path, _ in monitoring_urls(a_records):
            response = client.get(path)
            text = response.content.decode() if response.status_code == 200 else ""
            if response.status_code not in DENIED and not (
                path == reverse("monitoring_findings") and who.startswith("B ")
            ):
                problems.append(f"{who} {path}: {response.status_code}")
            if CANARY in text:
                problems.append(f"{who} {path}: shows the canary")
    assert problems == [], "\n".join(problems)


def test_a_own_director_sees_a_findings_only_and_the_state_sees_everything(
    client, people, a_records, director
):
    urls = monitoring_urls(a_records)
    login(client, director)
    opened = {name for path, name in urls if client.get(path).status_code == 200}
    assert opened == {
        "monitoring_findings",
        "monitoring_finding",
        "monitoring_finding_respond",
        "monitoring_finding_close",  # the page says why not, with no button
    }
    close = client.get(reverse("monitoring_finding_close", args=(a_records["finding"],)))
    assert "Only the state&#x27;s grants manager closes findings." in close.content.decode()
    assert "Close the finding</button>" not in close.content.decode()
    assert (
        CANARY
        in client.get(reverse("monitoring_finding", args=(a_records["finding"],))).content.decode()
    )
    for viewer in (people["gm"], people["auditor"]):
        login(client, viewer)
        with at(moment(2027, 3, 10)):
            for path, _ in urls:
                response = client.get(path)
                assert response.status_code == 200, (viewer.username, path)


def test_the_auditor_reads_but_records_nothing(client, people, a_records):
    login(client, people["auditor"])
    url = reverse("monitoring_assess", args=(a_records["agency"],))
    page = client.get(url).content.decode()
    assert "Only the state&#x27;s grants manager records monitoring." in page
    response = client.post(url, {"assessed_on": "2027-03-01"})
    assert response.status_code == 200
    from monitoring.models import RiskAssessment

    assert RiskAssessment.objects.count() == 1


def test_another_agencys_director_posting_a_response_is_not_found_and_changes_nothing(
    client, a_records, other_director
):
    from monitoring.models import Finding

    login(client, other_director)
    response = client.post(
        reverse("monitoring_finding_respond", args=(a_records["finding"],)),
        {"response": "Not ours", "responded_on": "2027-03-10"},
    )
    assert response.status_code == 404
    assert Finding.objects.get(pk=a_records["finding"]).response == ""
