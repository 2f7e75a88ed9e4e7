"""Single audits: the threshold from the Uniform Guidance version ($750,000 before the 2024
revision, $1,000,000 after) around the boundary, the six-month management decision, what the
state paid compared, and bad input refused with nothing saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitoring import audits, operations
from monitoring.dates import add_months
from monitoring.due import due_items
from monitoring.models import SingleAudit
from tests.helpers import at, login, moment

pytestmark = pytest.mark.django_db

FY_END = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("guidance", "expenditures", "required"),
    [
        ("earlier", "749999.99", False),
        ("earlier", "750000.00", True),
        ("2024", "750000.00", False),
        ("2024", "999999.99", False),
        ("2024", "1000000.00", True),
    ],
)
def test_a_single_audit_is_required_from_the_threshold_of_the_guidance_version(
    guidance, expenditures, required
):
    assert audits.audit_required(Decimal(expenditures), guidance) is required


def test_the_management_decision_is_due_six_months_after_the_report(people, agency, client):
    with at(moment(2027, 3, 31)):
        audit = operations.record_audit_year(
            people["gm"],
            organization_id=agency.pk,
            fiscal_year_end=FY_END,
            federal_expenditures="1000000.00",
            uniform_guidance="2024",
        )
        # Required and not received: the report is due nine months after the year ends.
        assert audits.report_due_on(audit) == dt.date(2027, 3, 30)
        due = [i for i in due_items(dt.date(2027, 3, 31)) if i.kind == "Single audit report"]
        assert [(i.due_on, i.status(dt.date(2027, 3, 31))) for i in due] == [
            (dt.date(2027, 3, 30), "overdue")
        ]
        operations.record_audit_report(
            people["gm"],
            audit_id=audit.pk,
            received_on=dt.date(2027, 2, 28),
            in_clearinghouse=True,
            clearinghouse_reference="2026-06-GSAFAC-1",
            has_findings=True,
            findings="2026-001 Timesheets missing.",
        )
    audit.refresh_from_db()
    assert audits.decision_due_on(audit) == dt.date(2027, 8, 28)
    with at(moment(2027, 8, 29)):
        items = [i for i in due_items(dt.date(2027, 8, 29)) if "Management decision" in i.kind]
        assert [(i.due_on, i.status(dt.date(2027, 8, 29))) for i in items] == [
            (dt.date(2027, 8, 28), "overdue")
        ]
        login(client, people["auditor"])
        page = client.get(reverse("monitoring_single_audit", args=(audit.pk,))).content.decode()
        assert "The management decision was due on 28 Aug 2027." in page
        operations.record_management_decision(
            people["gm"],
            audit_id=audit.pk,
            decision="Finding sustained: signed timesheets required from now on.",
            decided_on=dt.date(2027, 8, 29),
        )
        assert [i for i in due_items(dt.date(2027, 8, 29)) if "audit" in i.kind.lower()] == []
    # 31 August + six months is the last day of February.
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)


def test_what_the_state_paid_is_shown_beside_the_expenditures(people, agency, client):
    with at(moment(2026, 12, 7)):
        audit = operations.record_audit_year(
            people["gm"],
            organization_id=agency.pk,
            fiscal_year_end=FY_END,
            federal_expenditures="812,000.00",
            uniform_guidance="earlier",
        )
    login(client, people["gm"])
    page = client.get(reverse("monitoring_single_audit", args=(audit.pk,))).content.decode()
    assert "$812,000.00" in page and "$750,000.00" in page
    assert audits.paid_by_state(agency.pk, FY_END) == Decimal("0.00")


def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(people, agency):
    with at(moment(2026, 12, 7)):
        with pytest.raises(ValidationError) as refused:
            operations.record_audit_year(
                people["gm"],
                organization_id=agency.pk,
                fiscal_year_end=None,
                federal_expenditures="lots",
                uniform_guidance="2031",
            )
        errors = refused.value.message_dict
        assert errors["fiscal_year_end"] == ["Enter the last day of its fiscal year."]
        assert errors["federal_expenditures"][0].startswith("Enter the federal expenditures")
        assert errors["uniform_guidance"] == ["Choose the Uniform Guidance version that applies."]
        assert SingleAudit.objects.count() == 0
        audit = operations.record_audit_year(
            people["gm"],
            organization_id=agency.pk,
            fiscal_year_end=FY_END,
            federal_expenditures="900000.00",
            uniform_guidance="earlier",
        )
        with pytest.raises(ValidationError) as refused:
            operations.record_audit_report(
                people["gm"],
                audit_id=audit.pk,
                received_on=dt.date(2026, 6, 1),
                in_clearinghouse=False,
                has_findings=True,
                findings="",
            )
        errors = refused.value.message_dict
        assert errors["received_on"] == [
            "A report comes after the end of the fiscal year it audits."
        ]
        assert errors["findings"] == ["Summarize the findings that concern this state's subawards."]
        with pytest.raises(ValidationError, match="answers the findings of a report received"):
            operations.record_management_decision(
                people["gm"], audit_id=audit.pk, decision="x", decided_on=dt.date(2026, 12, 1)
            )
    audit.refresh_from_db()
    assert audit.report_received_on is None and audit.decision == ""
