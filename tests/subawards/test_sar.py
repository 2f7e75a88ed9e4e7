"""The SAR: due 90 days after the subaward starts; the state's part read from the records (the
version in force, the subrecipient), the subrecipient's part submitted by its own director or
finance (bad input refused on its field, nothing saved), reported in PMT by the grants manager
(who, when, the state's part as entered), and the workbook's cells equal to the records."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from subawards import operations
from subawards.funder_workflows import SarStatus
from subawards.models import SubgrantAwardReport
from subawards.models.sar import sar_due_on, sar_start
from subawards.reports import sar as report
from tests.helpers import at, moment

from .conftest import agency_person, check, make_agency

pytestmark = pytest.mark.django_db

PART = {
    "budget_voca": "100000.00",
    "budget_other_federal": "25000.00",
    "budget_state": "40000.00",
    "budget_local": "15000.00",
    "budget_private": "12500.50",
    "budget_other": "0",
    "paid_staff": "9",
    "paid_staff_fte": "7.5",
    "volunteers": "22",
    "volunteer_fte": "1.25",
}


@pytest.fixture
def subaward(make_subaward):
    with at(moment(2026, 12, 15)):
        return make_subaward()  # starts 1 Jan 2027, $100,000


def submit(actor, subaward, **changes):
    with at(moment(2027, 2, 10)):
        return operations.submit_sar_part(
            actor, subaward_id=subaward.pk, values={**PART, **changes}
        )


def test_the_sar_is_due_90_days_after_the_subaward_starts(subaward):
    assert sar_start(subaward) == dt.date(2027, 1, 1)
    # 30 days left in January, 28 in February, 31 in March: day 90 is 1 April.
    assert sar_due_on(sar_start(subaward)) == dt.date(2027, 4, 1)


def test_the_state_part_is_the_version_in_force_and_the_subrecipient(people, agency, subaward):
    agency.ovc_type = "np_domestic_violence"
    agency.contact_title, agency.contact_email = "Director", "dana@example.org"
    agency.service_area = "St. Louis City\nSt. Louis County"
    agency.save()
    version = subaward.current_version()
    part = dict(report.state_part(subaward))
    assert part["Federal award number"] == subaward.line.award.federal_award_number
    assert part["Subaward number"] == subaward.number
    assert part["Subrecipient name"] == "Safe Harbor Domestic Violence Shelter, Inc."
    assert (part["Street address"], part["City"], part["ZIP code"]) == (
        "1400 Olive Street",
        "St. Louis",
        "63103",
    )
    assert part["Point of contact"] == "Dana Reyes, Director, dana@example.org"
    assert part["Organization type"] == "Nonprofit: domestic and family violence"
    assert part["Service area"] == "St. Louis City; St. Louis County"
    assert part["Funds awarded (federal)"] == Decimal("100000.00")
    assert (part["Project period start"], part["Project period end"]) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 9, 30),
    )
    assert part["Purpose"] == version.project_description
    # An amendment changes the figures: the SAR follows the version in force.
    with at(moment(2026, 12, 20)):
        cut = operations.amend_subaward(
            people["gm"],
            subaward_id=subaward.pk,
            kind="decrease",
            reason="Award cut",
            budget={"personnel": "60000.00", "supplies": "20000.00"},
        )
        operations.issue_version(people["gm"], version_id=cut.pk, reason="Signed")
    part = dict(report.state_part(subaward))
    assert part["Funds awarded (federal)"] == Decimal("80000.00")
    assert part["As of subaward version"] == 2
    assert sar_start(subaward) == dt.date(2027, 1, 1)  # the start stays the first version's


def test_the_subrecipient_submits_and_corrects_its_part(director, agency_finance, subaward):
    sar = submit(director, subaward)
    assert sar.status == SarStatus.SUBMITTED and sar.submitted_by == director
    assert sar.total_budget == Decimal(
        "192500.50"
    )  # 100,000 + 25,000 + 40,000 + 15,000 + 12,500.50
    assert (sar.paid_staff, sar.paid_staff_fte, sar.volunteers, sar.volunteer_fte) == (
        9,
        Decimal("7.50"),
        22,
        Decimal("1.25"),
    )
    corrected = submit(agency_finance, subaward, volunteers="24")
    assert corrected.pk == sar.pk and corrected.volunteers == 24
    assert corrected.submitted_by == agency_finance
    assert [h.history_change_reason for h in sar.history.order_by("history_id")] == [
        "Subrecipient's part submitted",
        "Subrecipient's part corrected",
    ]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("paid_staff", "-1", "cannot be negative"),
        ("volunteers", "twelve", "whole number of people"),
        ("volunteers", "2.5", "whole number of people"),
        ("paid_staff", "", "Enter a number"),
        ("paid_staff_fte", "-0.5", "cannot be negative"),
        ("volunteer_fte", "lots", "as a number"),
        ("paid_staff_fte", "1.255", "at most two decimals"),
        ("budget_state", "-100.00", "cannot be negative"),
        ("budget_local", "ten thousand", "amount"),
        ("budget_voca", "0", "VOCA funds"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(
    director, subaward, field, value, message
):
    with pytest.raises(ValidationError) as refused:
        submit(director, subaward, **{field: value})
    assert message in " ".join(refused.value.message_dict[field])
    assert not SubgrantAwardReport.objects.exists()


def test_only_the_subrecipients_own_director_or_finance_submit(people, subaward, roles):
    other = make_agency("Other Agency", uei="M8NPQ4RST5UV")
    check(people["gm"], other)
    outsider = agency_person("otherdirector", other, "Agency Director")
    advocate = agency_person("ownadvocate", subaward.subrecipient, "Agency Advocate")
    for actor in (outsider, advocate, people["gm"], people["auditor"]):
        with pytest.raises(PermissionDenied, match="Only the subrecipient's"):
            submit(actor, subaward)
    assert not SubgrantAwardReport.objects.exists()


def test_the_state_reports_it_in_pmt_once_the_subrecipient_has_submitted(
    people, director, subaward
):
    with at(moment(2027, 2, 1)), pytest.raises(PermissionDenied, match="submitted its part"):
        operations.report_sar(
            people["gm"], subaward_id=subaward.pk, reported_on=dt.date(2027, 2, 1)
        )
    submit(director, subaward)
    with at(moment(2027, 3, 1)):
        with pytest.raises(PermissionDenied, match="grants manager"):
            operations.report_sar(
                people["auditor"], subaward_id=subaward.pk, reported_on=dt.date(2027, 3, 1)
            )
        with pytest.raises(ValidationError) as refused:
            operations.report_sar(
                people["gm"], subaward_id=subaward.pk, reported_on=dt.date(2027, 3, 2)
            )
        assert "cannot be after today" in refused.value.message_dict["reported_on"][0]
        with pytest.raises(ValidationError) as refused:
            operations.report_sar(
                people["gm"], subaward_id=subaward.pk, reported_on=dt.date(2027, 2, 9)
            )
        assert "after the subrecipient's part" in refused.value.message_dict["reported_on"][0]
        assert SubgrantAwardReport.objects.get().status == SarStatus.SUBMITTED
        sar = operations.report_sar(
            people["gm"], subaward_id=subaward.pk, reported_on=dt.date(2027, 2, 26)
        )
    assert (sar.status, sar.reported_by, sar.reported_on) == (
        SarStatus.REPORTED,
        people["gm"],
        dt.date(2027, 2, 26),
    )
    with pytest.raises(PermissionDenied, match="already reported"):
        submit(director, subaward)
    # What was entered in PMT stays as entered, whatever the record says later.
    subaward.subrecipient.city = "Kansas City"
    subaward.subrecipient.save()
    data = report.collect(subaward, sar, unit_name="CVSU", generated_by="GM")
    assert dict(data.state_part)["City"] == "St. Louis"
    assert "Entered in PMT on" in data.reported


def _cells(data):
    book = openpyxl.load_workbook(io.BytesIO(report.render_xlsx(data)))
    rows = list(book["SAR for PMT"].iter_rows(min_row=2, values_only=True))
    return book, {(section, field): value for section, field, value in rows}


def test_the_workbook_is_laid_out_field_by_field_with_the_records(director, subaward):
    sar = submit(director, subaward)
    data = report.collect(subaward, sar, unit_name="CVSU", generated_by="GM")
    book, cells = _cells(data)
    state, agency = report.STATE, report.AGENCY
    assert cells[(state, "Subaward number")] == subaward.number
    assert cells[(state, "Federal award number")] == subaward.line.award.federal_award_number
    assert Decimal(str(cells[(state, "Funds awarded (federal)")])) == Decimal("100000.00")
    assert cells[(state, "Project period start")].date() == dt.date(2027, 1, 1)
    assert cells[(state, "Purpose")] == subaward.current_version().project_description
    assert Decimal(str(cells[(agency, "Private funds (foundations, donations)")])) == Decimal(
        "12500.50"
    )
    assert Decimal(str(cells[(agency, report.TOTAL_BUDGET)])) == Decimal("192500.50")
    assert cells[(agency, "Volunteers (people)")] == 22
    checks = list(book["Checks"].iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in checks] == ["PASS"]


def test_the_checks_fail_on_a_tampered_total(director, subaward):
    sar = submit(director, subaward)
    data = report.collect(subaward, sar, unit_name="CVSU", generated_by="GM")
    tampered = [
        (label, value + 1 if label == report.TOTAL_BUDGET else value)
        for label, value in data.agency_part
    ]
    book = _cells(data.__class__(**{**data.__dict__, "agency_part": tampered}))[0]
    checks = list(book["Checks"].iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in checks] == ["FAIL"]


def test_text_in_the_workbook_is_never_a_formula(director, subaward):
    agency = subaward.subrecipient
    agency.contact_name = '=HYPERLINK("http://x","Dana")'
    agency.save()
    data = report.collect(
        subaward, operations.sar_of(subaward), unit_name="CVSU", generated_by="GM"
    )
    cells = _cells(data)[1]
    assert cells[(report.STATE, "Point of contact")].startswith("'=HYPERLINK")
    assert "Checks" not in _cells(data)[0].sheetnames  # nothing to check before the agency's part
