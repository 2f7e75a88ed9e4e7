"""2 CFR 200.332(a): the SAM.gov exclusion check before the subaward, with its evidence."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organizations.models import ExclusionCheck
from subawards import operations
from subawards.models import Subaward
from subawards.rules import RULES

from .conftest import check, evidence, make_agency, terms

pytestmark = pytest.mark.django_db


def test_a_check_records_who_when_the_result_and_the_evidence(people, agency):
    recorded = ExclusionCheck.objects.get(organization=agency)
    assert recorded.checked_by == people["gm"]
    assert recorded.checked_on == dt.date(2026, 12, 1)
    assert recorded.result == "not_excluded"
    assert recorded.evidence.read().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("upload", "says"),
    [
        (evidence("notes.txt", b"just text"), "Only a PDF or an image"),
        (evidence("empty.pdf", b""), "The file is empty"),
    ],
)
def test_evidence_that_is_not_a_document_is_refused_on_its_field(people, upload, says):
    agency = make_agency()
    with pytest.raises(ValidationError) as refused:
        operations.record_exclusion_check(
            people["gm"],
            organization_id=agency.pk,
            checked_on=dt.date(2026, 12, 1),
            result="not_excluded",
            evidence=upload,
        )
    assert says in refused.value.message_dict["evidence"][0]
    assert not ExclusionCheck.objects.exists()


def test_a_check_cannot_be_dated_after_today(people):
    agency = make_agency()
    with pytest.raises(ValidationError) as refused:
        check(people["gm"], agency, checked_on=dt.date(2026, 12, 8))
    assert "checked_on" in refused.value.message_dict


def test_only_the_grants_manager_records_checks(people):
    with pytest.raises(PermissionDenied):
        check(people["finance"], make_agency())


def _make(people, line, agency):
    return operations.create_subaward(
        people["gm"], subrecipient_id=agency.pk, line_id=line.pk, **terms()
    )


def test_no_check_no_subaward(people, line):
    agency = make_agency()
    with pytest.raises(ValidationError) as refused:
        _make(people, line, agency)
    assert "No SAM.gov exclusion check" in refused.value.message_dict["subrecipient"][0]
    assert not Subaward.objects.exists()


def test_a_check_older_than_the_setting_is_not_enough(people, line):
    agency = make_agency()
    max_age = RULES.exclusion_check_max_age_days
    today = dt.date(2026, 12, 7)
    check(people["gm"], agency, checked_on=today - dt.timedelta(days=max_age + 1))
    with pytest.raises(ValidationError) as refused:
        _make(people, line, agency)
    assert f"more than {max_age} days" in refused.value.message_dict["subrecipient"][0]
    check(people["gm"], agency, checked_on=today - dt.timedelta(days=max_age))
    assert _make(people, line, agency).number == "SUB-2026-001"


def test_when_the_latest_check_says_excluded_no_subaward_is_made(people, line):
    agency = make_agency()
    check(people["gm"], agency, checked_on=dt.date(2026, 11, 30))
    check(people["gm"], agency, checked_on=dt.date(2026, 12, 5), result="excluded")
    with pytest.raises(ValidationError) as refused:
        _make(people, line, agency)
    assert "active exclusion" in refused.value.message_dict["subrecipient"][0]


def test_a_check_recorded_after_the_draft_but_excluded_stops_the_issue(people, line, agency):
    subaward = _make(people, line, agency)
    check(people["gm"], agency, checked_on=dt.date(2026, 12, 7), result="excluded")
    with pytest.raises(ValidationError) as refused:
        operations.issue_version(people["gm"], version_id=subaward.latest_version().pk)
    assert "active exclusion" in " ".join(refused.value.messages)
    assert subaward.latest_version().status == "draft"
