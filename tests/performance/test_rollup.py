"""The state's roll-up per award and quarter: the unit's own figures for the award plus each
subrecipient's ACCEPTED figures, every figure of the whole the sum of its parts (figures computed
here by hand), and Checks that FAIL when a part is tampered with."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from grants.models import ExportLog
from performance import operations, rollup
from tests.grants.test_reports_print import recalculated_results
from tests.helpers import at, login
from tests.subawards.conftest import agency_person

from .conftest import AFTER_Q2, LATE
from .test_figures import consistent

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(director, subaward, agency_contacts, people, make_subaward, other_agency):
    """The agency's Q2 figures computed, submitted and accepted; the other agency's submitted but
    not accepted (so not counted)."""
    other_director = agency_person("otherdir", other_agency, "Agency Director")
    other = make_subaward(subrecipient_id=other_agency.pk)
    with at(AFTER_Q2):
        report = operations.compute_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2
        )
        operations.submit_report(director, report_id=report.pk)
        operations.accept_report(people["gm"], report_id=report.pk)
        waiting = operations.enter_figures(
            other_director,
            subaward_id=other.pk,
            fiscal_year=2027,
            quarter=2,
            values=consistent(),
        )
        operations.submit_report(other_director, report_id=waiting.pk)
    return {"report": report, "other": other}


def build(award):
    with at(LATE):
        from voca import clock

        return rollup.collect(award, 2027, 2, run_by="tester", as_of=clock.now())


def by_sheet(data):
    return {
        sheet: {key: (whole, parts) for key, _, whole, parts in rows}
        for sheet, rows in data.sections()
    }


def test_the_whole_is_the_unit_plus_accepted_subrecipients(award, accepted, subaward):
    data = build(award)
    assert [h for h, _ in data.parts] == [rollup.UNIT, f"{subaward.number} Safe"]
    assert any(accepted["other"].number in note for note in data.meta.notes)
    sheets = by_sheet(data)
    summary = sheets["Summary"]
    # By hand: the unit served one new individual (1 contact: A1 x5, B9 x1); the agency 3 served
    # (2 new, 1 continuing) in 5 contacts; the other agency's figures are not accepted.
    assert summary["Individuals served this period"] == (4, [1, 3])
    assert summary["New individuals (first served this federal fiscal year)"] == (3, [1, 2])
    assert summary["Continuing individuals (served earlier this fiscal year)"] == (1, [0, 1])
    assert summary["Contacts this period (voided contacts excluded)"] == (6, [1, 5])
    assert sheets["Services (times)"]["A1"] == (8, [5, 3])
    assert sheets["Services (individuals)"]["A1"] == (2, [1, 1])
    assert sheets["Services (times)"]["B9"] == (1, [1, 0])
    assert sheets["Demographics (new)"]["Race/ethnicity: Asian"] == (1, [1, 0])
    assert {c.result for c in rollup.rollup_checks(data)} == {"PASS"}


def test_a_tampered_part_fails_its_check(award, accepted):
    data = build(award)
    data.parts[1][1].served += 1  # a part changed after the whole was added up
    failed = [c.name for c in rollup.rollup_checks(data) if not c.passed]
    assert "Summary: Individuals served this period: whole = sum of the parts" in failed


def test_the_workbook_checks_recalculate_to_fail_on_an_edited_part(award, accepted):
    book = load_workbook(io.BytesIO(rollup.render_xlsx(build(award))))
    results = recalculated_results(book)
    assert set(results.values()) == {"PASS"}
    ws = book["Services (times)"]
    header = [c.value for c in ws[1]]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "A1")
    ws.cell(row, header.index(rollup.UNIT) + 1).value = 6  # the unit's A1 times: 5 -> 6
    results = recalculated_results(book)
    assert results["Services (times): A1: whole = sum of the parts"] == "FAIL"
    assert results["Services (times): B9: whole = sum of the parts"] == "PASS"


def test_the_roll_up_is_downloaded_by_the_state_and_logged(client, award, accepted, people):
    login(client, people["finance"])
    with at(LATE):
        response = client.post(
            reverse("performance_rollup"),
            {"award": award.federal_award_number, "quarter": "FY2027Q2", "format": "xlsx"},
        )
    assert response.status_code == 200
    assert "performance-rollup-" in response["Content-Disposition"]
    log = ExportLog.objects.get()
    assert log.report == "performance_rollup" and log.user == people["finance"]
    book = load_workbook(io.BytesIO(response.content))
    assert "Checks" in book.sheetnames
    with at(LATE):
        pdf = client.post(
            reverse("performance_rollup"),
            {"award": award.federal_award_number, "quarter": "FY2027Q2", "format": "pdf"},
        )
    assert pdf.content.startswith(b"%PDF")
    login(client, people["advocate"])
    assert client.get(reverse("performance_rollup")).status_code in (302, 403)


def test_a_long_subrecipient_name_is_marked_where_its_column_header_is_cut(
    award, accepted, subaward
):
    """A part's column header holds at most 60 characters: a longer name ends in "…" and the
    cover's notes give it whole, never cut silently."""
    agency = subaward.subrecipient
    # As long as the field holds (60): with the subaward number the header runs past 60.
    agency.short_name = "Safe Harbor Family Violence Prevention and Advocacy Ctr"
    assert len(agency.short_name) <= type(agency)._meta.get_field("short_name").max_length
    agency.save()
    data = build(award)
    header = data.parts[1][0]
    whole = f"{subaward.number} {agency.short_name}"
    assert len(header) == rollup.PART_HEADER_MAX and header == whole[:59] + "…"
    assert f"Column headers past 60 characters end in “…”; in full: {whole}" in data.meta.notes
    assert {c.result for c in rollup.rollup_checks(data)} == {"PASS"}
