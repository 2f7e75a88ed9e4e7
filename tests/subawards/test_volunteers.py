"""Volunteers: months recorded by the subrecipient, their in-kind value (hours x rate, half-up),
corrections that keep the record before, bad input refused with nothing saved, and the volunteer
requirement met, not yet met or waived by the state."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from subawards import operations
from subawards.models import VolunteerMonth, VolunteerWaiver
from subawards.rules import RULES
from subawards.viewsets.volunteer_section import MET, NOT_YET, WAIVED, volunteer_section
from tests.helpers import at, moment

from .conftest import agency_person, check, make_agency

pytestmark = pytest.mark.django_db
D = Decimal


def record(who, subaward, month=dt.date(2027, 2, 1), volunteers="4", hours="37.5", **more):
    return operations.record_volunteers(
        who, subaward_id=subaward.pk, month=month, volunteers=volunteers, hours=hours, **more
    )


def test_in_kind_value_is_hours_times_rate_half_up(director, make_subaward):
    subaward = make_subaward()
    with at(moment(2027, 3, 10)):
        given = record(director, subaward, hours="10.15", claimed_as_match=True, rate="20.50")
        default = record(
            director, subaward, month=dt.date(2027, 3, 1), hours="3.33", claimed_as_match=True
        )
        not_claimed = record(director, subaward, month=dt.date(2027, 1, 1), hours="8")
    # 10.15 x 20.50 = 208.075 -> 208.08 (half-up; half-to-even would give 208.08 too, so also
    # 3.33 x the state's rate, computed here)
    assert given.in_kind_value == D("208.08")
    expected = (D("3.33") * RULES.volunteer_hour_rate).quantize(D("0.01"), ROUND_HALF_UP)
    assert default.rate == RULES.volunteer_hour_rate and default.in_kind_value == expected
    assert not_claimed.in_kind_value == 0 and not_claimed.rate is None
    totals = subaward.volunteer_months.current().totals()
    assert totals["in_kind"] == D("208.08") + expected
    assert totals["hours"] == D("21.48")


def test_half_cent_rounds_up():
    from subawards.operations.volunteers import in_kind_value

    # 0.5 x 0.05 = 0.025: half-up gives 0.03 (half-to-even would give 0.02).
    assert in_kind_value(D("0.5"), D("0.05")) == D("0.03")


def test_a_correction_appends_and_replaces_the_month(director, agency_finance, make_subaward):
    subaward = make_subaward()
    with at(moment(2027, 3, 10)):
        first = record(director, subaward, volunteers="4", hours="30")
        with pytest.raises(ValidationError, match="already recorded: say why"):
            record(agency_finance, subaward, volunteers="5", hours="40")
        corrected = record(
            agency_finance, subaward, volunteers="5", hours="40", reason="Timesheets came late"
        )
    assert corrected.corrects == first
    assert VolunteerMonth.objects.count() == 2  # the record before is kept
    assert list(subaward.volunteer_months.current()) == [corrected]
    assert subaward.volunteer_months.current().totals()["hours"] == D("40.00")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"hours": "-3"}, "hours", "0 or more"),
        ({"hours": "lots"}, "hours", "Enter the hours"),
        ({"hours": "1.234"}, "hours", "at most 2 decimals"),
        ({"volunteers": "-1"}, "volunteers", "whole number"),
        ({"volunteers": "2.5"}, "volunteers", "whole number"),
        ({"volunteers": "many"}, "volunteers", "whole number"),
        ({"month": dt.date(2027, 4, 1)}, "month", "has not begun"),
        ({"month": dt.date(2026, 6, 1)}, "month", "period of performance"),
        ({"claimed_as_match": True, "rate": "99.00"}, "rate", "at most the state's rate"),
        ({"claimed_as_match": True, "rate": "-1"}, "rate", "value per hour"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    director, make_subaward, fields, field, message
):
    subaward = make_subaward()
    with at(moment(2027, 3, 10)), pytest.raises(ValidationError) as refused:
        record(director, subaward, **fields)
    assert message in " ".join(refused.value.message_dict[field])
    assert not VolunteerMonth.objects.exists()


def test_only_the_agencys_own_director_or_finance_record_volunteers(people, make_subaward):
    subaward = make_subaward()
    other = make_agency("Other Agency Inc.", uei="Z9Y8X7W6V5U4")
    check(people["gm"], other)
    strangers = [
        agency_person("otherdirector", other, "Agency Director"),
        agency_person("advocate2", subaward.subrecipient, "Agency Advocate"),
        people["gm"],
        people["finance"],
    ]
    with at(moment(2027, 3, 10)):
        for who in strangers:
            with pytest.raises(PermissionDenied):
                record(who, subaward)
    assert not VolunteerMonth.objects.exists()


def test_requirement_not_yet_met_then_met_or_waived_by_the_grants_manager(
    people, director, make_subaward
):
    subaward = make_subaward()
    other = make_subaward()
    section = volunteer_section(subaward, people["gm"], subaward.current_version())
    assert section["status"] == NOT_YET
    with at(moment(2027, 3, 10)):
        record(director, subaward)
    section = volunteer_section(subaward, people["gm"], subaward.current_version())
    assert section["status"] == MET
    for who in (people["finance"], director):
        with pytest.raises(PermissionDenied):
            operations.waive_volunteer_requirement(who, subaward_id=other.pk, reason="Rural")
    with pytest.raises(ValidationError):
        operations.waive_volunteer_requirement(people["gm"], subaward_id=other.pk, reason="")
    assert not VolunteerWaiver.objects.exists()
    operations.waive_volunteer_requirement(
        people["gm"], subaward_id=other.pk, reason="Confidential shelter location"
    )
    other.refresh_from_db()
    section = volunteer_section(other, people["gm"], other.current_version())
    assert section["status"] == WAIVED and "Confidential shelter location" in section["detail"]
    with pytest.raises(PermissionDenied, match="already waived"):
        operations.waive_volunteer_requirement(people["gm"], subaward_id=other.pk, reason="Again")
