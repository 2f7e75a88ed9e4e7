"""FFATA subaward reporting: which actions are reportable (the threshold reached by the subaward
or an amendment, then every change of the amount), their month-end deadlines computed here from
the calendar, "reported" recorded once with who and when, the executive-compensation answers
(the top five only when required), and the export's cells equal to the records."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from subawards import operations
from subawards.models import ExecutiveCompensation, FfataReport
from subawards.models.ffata import ffata_due_on, reportable_actions
from subawards.reports import ffata as report
from tests.helpers import at, moment

from .conftest import check

pytestmark = pytest.mark.django_db

SMALL = {"personnel": "15000.00", "supplies": "5000.00"}  # $20,000: under the threshold


def issue_on(people, agency, when, **changes):
    """A subaward issued on ``when`` (its SAM.gov check a few days before)."""
    from subawards.models import Subaward

    from .conftest import terms

    with at(when):
        check(people["gm"], agency, checked_on=when.date() - dt.timedelta(days=3))
        subaward = operations.create_subaward(
            people["gm"],
            subrecipient_id=agency.pk,
            line_id=changes.pop("line_id"),
            conditions=(),
            **terms(**changes),
        )
        operations.issue_version(
            people["gm"], version_id=subaward.latest_version().pk, reason="Signed"
        )
    return Subaward.objects.get(pk=subaward.pk)


def amend_on(people, subaward, when, kind, budget):
    with at(when):
        check(people["gm"], subaward.subrecipient, checked_on=when.date())
        version = operations.amend_subaward(
            people["gm"], subaward_id=subaward.pk, kind=kind, reason="Amended", budget=budget
        )
        return operations.issue_version(people["gm"], version_id=version.pk, reason="Signed")


def last_day_of_next_month(day: dt.date) -> dt.date:
    """Written independently of the code: the first of the month two months on, less a day."""
    months = day.year * 12 + day.month - 1 + 2
    return dt.date(months // 12, months % 12 + 1, 1) - dt.timedelta(days=1)


@pytest.mark.parametrize(
    "obligated, due",
    [
        (dt.date(2027, 1, 15), dt.date(2027, 2, 28)),
        (dt.date(2028, 1, 15), dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2027, 12, 1), dt.date(2028, 1, 31)),
        (dt.date(2027, 1, 31), dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), dt.date(2027, 9, 30)),
    ],
)
def test_the_deadline_is_the_end_of_the_month_after_the_obligation(obligated, due):
    assert ffata_due_on(obligated) == due == last_day_of_next_month(obligated)


def test_a_subaward_of_the_threshold_is_reportable_with_its_deadline(people, agency, line):
    subaward = issue_on(
        people, agency, moment(2027, 1, 15), line_id=line.pk,
        budget={"personnel": "25000.00", "supplies": "5000.00"},
    )  # fmt: skip
    [action] = reportable_actions()
    assert action.subaward == subaward and action.total_obligated == Decimal("30000.00")
    assert action.effective_on == dt.date(2027, 1, 15)
    assert ffata_due_on(action.effective_on) == dt.date(2027, 2, 28)


def test_the_threshold_crossed_by_an_amendment_makes_that_amendment_the_action(
    people, agency, line
):
    subaward = issue_on(people, agency, moment(2027, 1, 15), line_id=line.pk, budget=SMALL)
    assert not reportable_actions().exists()  # $20,000
    raised = amend_on(
        people, subaward, moment(2027, 3, 10), "increase",
        {"personnel": "30000.00", "supplies": "5000.00"},
    )  # fmt: skip
    assert [v.pk for v in reportable_actions()] == [raised.pk]
    assert ffata_due_on(raised.effective_on) == dt.date(2027, 4, 30)
    # A budget revision moves money without changing the amount: no new action.
    amend_on(
        people, subaward, moment(2027, 4, 2), "budget_revision",
        {"personnel": "31000.00", "supplies": "4000.00"},
    )  # fmt: skip
    assert reportable_actions().count() == 1
    # A later change of the amount is a new action, even below the threshold again.
    cut = amend_on(
        people, subaward, moment(2027, 5, 2), "decrease",
        {"personnel": "22000.00", "supplies": "4000.00"},
    )  # fmt: skip
    assert [v.pk for v in reportable_actions()] == [raised.pk, cut.pk]
    assert ffata_due_on(cut.effective_on) == dt.date(2027, 6, 30)


def test_reporting_an_action_records_who_and_when_once(people, agency, line):
    issue_on(people, agency, moment(2027, 1, 15), line_id=line.pk)  # $100,000
    action = reportable_actions().get()
    with at(moment(2027, 2, 20)):
        with pytest.raises(ValidationError) as refused:
            operations.report_ffata(
                people["gm"], version_id=action.pk, reported_on=dt.date(2027, 2, 21)
            )
        assert "cannot be after today" in refused.value.message_dict["reported_on"][0]
        with pytest.raises(ValidationError) as refused:
            operations.report_ffata(
                people["gm"], version_id=action.pk, reported_on=dt.date(2027, 1, 10)
            )
        assert "after it is obligated" in refused.value.message_dict["reported_on"][0]
        with pytest.raises(PermissionDenied):
            operations.report_ffata(
                people["auditor"], version_id=action.pk, reported_on=dt.date(2027, 2, 20)
            )
        assert not FfataReport.objects.exists()
        done = operations.report_ffata(
            people["gm"], version_id=action.pk, reported_on=dt.date(2027, 2, 19),
            confirmation="SAM-123",
        )  # fmt: skip
        assert (done.reported_by, done.reported_on) == (people["gm"], dt.date(2027, 2, 19))
        with pytest.raises(PermissionDenied, match="already reported"):
            operations.report_ffata(
                people["gm"], version_id=action.pk, reported_on=dt.date(2027, 2, 20)
            )
    with pytest.raises(ValidationError):
        FfataReport.objects.all().delete()  # append-only
    assert FfataReport.objects.count() == 1


def test_an_action_below_the_threshold_cannot_be_reported(people, agency, line):
    subaward = issue_on(people, agency, moment(2027, 1, 15), line_id=line.pk, budget=SMALL)
    with at(moment(2027, 1, 20)), pytest.raises(ValidationError, match="not reportable"):
        operations.report_ffata(
            people["gm"],
            version_id=subaward.current_version().pk,
            reported_on=dt.date(2027, 1, 20),
        )
    assert not FfataReport.objects.exists()


def answers(people, agency, mostly, big, officers=()):
    with at(moment(2027, 1, 20)):
        return operations.record_executive_compensation(
            people["gm"],
            organization_id=agency.pk,
            answered_on=dt.date(2027, 1, 20),
            mostly_federal=mostly,
            federal_25m=big,
            officers=officers,
        )


FIVE = [(f"Officer {n}", f"{200000 - n * 10000}.00") for n in range(1, 6)]


def test_executive_compensation_is_asked_only_when_required(people, agency):
    with pytest.raises(ValidationError) as refused:
        answers(people, agency, True, False, officers=FIVE)  # not both: no names
    assert "leave the names empty" in refused.value.message_dict["officers"][0]
    with pytest.raises(ValidationError) as refused:
        answers(people, agency, True, True, officers=FIVE[:3])  # required: all five
    assert "5 most highly compensated" in refused.value.message_dict["officers"][0]
    with pytest.raises(ValidationError) as refused:
        answers(people, agency, True, True, officers=[*FIVE[:4], ("E. Five", "a lot")])
    assert "Officer 5" in refused.value.message_dict["officers"][0]
    with pytest.raises(ValidationError) as refused:
        answers(people, agency, "maybe", True)
    assert "mostly_federal" in refused.value.message_dict
    assert not ExecutiveCompensation.objects.exists()
    with pytest.raises(PermissionDenied), at(moment(2027, 1, 20)):
        operations.record_executive_compensation(
            people["auditor"],
            organization_id=agency.pk,
            answered_on=dt.date(2027, 1, 20),
            mostly_federal=False,
            federal_25m=False,
        )
    saved = answers(people, agency, True, True, officers=FIVE)
    assert saved.required and [o.name for o in saved.officers.all()] == [n for n, _a in FIVE]


def _export(which="unreported"):
    return report.collect(reportable_actions(), which=which, unit_name="CVSU", generated_by="GM")


def test_the_export_cells_equal_the_records(people, agency, line):
    agency.city, agency.state, agency.zip_code = "St. Louis", "MO", "63103"
    agency.congressional_district = "MO-01"
    agency.save()
    subaward = issue_on(people, agency, moment(2027, 1, 15), line_id=line.pk)
    version = subaward.current_version()
    answers(people, agency, False, False)
    data = _export()
    workbook = openpyxl.load_workbook(io.BytesIO(report.render_xlsx(data)))
    sheet = workbook["Subaward actions"]
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert cells["Prime award FAIN"] == version.fain == subaward.line.award.federal_award_number
    assert cells["Subrecipient UEI"] == "K7LMN2PQR3ST"
    assert cells["Subrecipient name"] == "Safe Harbor Domestic Violence Shelter, Inc."
    assert cells["Subaward number"] == subaward.number
    assert Decimal(str(cells["Subaward amount"])) == Decimal("100000.00")
    assert cells["Action (obligation) date"].date() == dt.date(2027, 1, 15)
    assert cells["Due in SAM.gov by"].date() == dt.date(2027, 2, 28)
    assert cells["Description"] == version.project_description
    assert (
        cells["Place of performance city"],
        cells["Place of performance state"],
        cells["Place of performance ZIP"],
        cells["Congressional district"],
    ) == ("St. Louis", "MO", "63103", "MO-01")
    assert (cells["80% or more of revenue federal"], cells["$25M or more of revenue federal"]) == (
        "No",
        "No",
    )
    assert all(cells[f"Officer {n} name"] is None for n in range(1, 6))  # not required
    assert cells["Reported on"] is None
    # Reported, it leaves the "not yet reported" export and shows in "all" with its date.
    with at(moment(2027, 2, 1)):
        operations.report_ffata(
            people["gm"], version_id=version.pk, reported_on=dt.date(2027, 2, 1)
        )
    assert _export().rows == []
    [row] = _export("all").rows
    assert row[report.HEADERS.index("Reported on")] == dt.date(2027, 2, 1)


def test_the_top_five_are_exported_when_required_and_text_is_never_a_formula(people, agency, line):
    agency.legal_name = '=HYPERLINK("http://x")'
    agency.save()
    issue_on(people, agency, moment(2027, 1, 15), line_id=line.pk)
    answers(people, agency, True, True, officers=FIVE)
    data = _export()
    sheet = openpyxl.load_workbook(io.BytesIO(report.render_xlsx(data)))["Subaward actions"]
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert [cells[f"Officer {n} name"] for n in range(1, 6)] == [n for n, _a in FIVE]
    assert [Decimal(str(cells[f"Officer {n} compensation"])) for n in range(1, 6)] == [
        Decimal(a) for _n, a in FIVE
    ]
    assert cells["Subrecipient name"] == '\'=HYPERLINK("http://x")'
    rows = list(csv.reader(io.StringIO(report.render_csv(data).decode("utf-8-sig"))))
    assert rows[0] == report.HEADERS
    named = dict(zip(rows[0], rows[1], strict=True))
    assert named["Subrecipient name"] == '\'=HYPERLINK("http://x")'
    assert named["Officer 1 name"] == "Officer 1" and named["Officer 1 compensation"] == "190000.00"
    assert named["Subaward amount"] == "100000.00"
