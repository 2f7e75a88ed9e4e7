"""One clock for every app (voca.clock): setting it moves service days, contacts, draws and report
periods together, whatever the machine's date is."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.models import ServiceDayPage
from grants.exports.forms import ReportForm
from grants.forms import AsOfForm
from grants.models import Draw
from grants.reports.registry import REPORTS
from tests.factories import (
    make_award,
    make_client,
    make_contact,
    make_draw,
    make_field_worker,
    make_line,
    make_service_day,
    make_user,
)
from tests.helpers import at, moment
from voca.clock import local_date, local_today
from voca.roles import FINANCE, GRANTS_MANAGER

pytestmark = pytest.mark.django_db

# Far from any real "today" this suite runs on, so a clock that is not moved shows at once.
WHEN = moment(2027, 5, 10, 11)
TODAY = dt.date(2027, 5, 10)


def test_days_contacts_draws_and_report_periods_all_read_the_one_clock(roles):
    finance = make_user("finance1", FINANCE)
    manager = make_user("manager1", GRANTS_MANAGER)
    worker = make_field_worker()
    award = make_award(manager)
    line = make_line(manager, award)
    with at(WHEN):
        before = make_service_day(TODAY - dt.timedelta(days=1), title="Day before")
        after = make_service_day(TODAY + dt.timedelta(days=1), title="Day after")
        upcoming = set(ServiceDayPage.objects.upcoming().values_list("pk", flat=True))

        contact = make_contact(worker)  # dated "today" by default
        with pytest.raises(ValidationError) as refused:
            make_contact(worker, date=TODAY + dt.timedelta(days=1))

        draw = make_draw(finance, line, incurred_on=TODAY)
        with pytest.raises(ValidationError) as future_draw:
            make_draw(finance, line, incurred_on=TODAY + dt.timedelta(days=1))

        form = ReportForm(report=REPORTS["sf425"])

    assert after.pk in upcoming and before.pk not in upcoming
    assert contact.date == TODAY
    assert "future" in str(refused.value)
    assert Draw.objects.get(pk=draw.pk).history.earliest().history_date == WHEN
    assert "future" in str(future_draw.value)
    # The last complete federal quarter before 10 May 2027 is FY2027 Q2 (Jan-Mar 2027).
    assert form.fields["quarter"].initial == "FY2027Q2"


def test_contacts_consent_and_costs_refuse_tomorrow_by_one_rule_and_take_today(roles):
    """Not in the future: one function (voca.operations.future_refusal) on the one clock;
    each record still says it in its own words, on its own field."""
    finance = make_user("finance1", FINANCE)
    manager = make_user("manager1", GRANTS_MANAGER)
    worker = make_field_worker()
    line = make_line(manager, make_award(manager))
    tomorrow = TODAY + dt.timedelta(days=1)
    consent = {"first_name": "Ann", "consent_scope": "call-backs"}
    with at(WHEN):
        with pytest.raises(ValidationError) as contact:
            make_contact(worker, date=tomorrow)
        with pytest.raises(ValidationError) as client:
            make_client(worker, consent_given_on=tomorrow, **consent)
        with pytest.raises(ValidationError) as cost:
            make_draw(finance, line, incurred_on=tomorrow)
        kept = (
            make_contact(worker, date=TODAY),
            make_client(worker, consent_given_on=TODAY, **consent),
            make_draw(finance, line, incurred_on=TODAY),
        )

    assert contact.value.message_dict == {"date": ["The contact date cannot be in the future."]}
    assert client.value.message_dict == {
        "consent_given_on": ["The consent date cannot be in the future."]
    }
    assert cost.value.message_dict == {
        "incurred_on": [
            "The date the cost was incurred cannot be in the future (today is 10 May 2027)."
        ]
    }
    assert all(record.pk for record in kept)


def test_logs_and_records_are_stamped_by_the_one_clock_not_the_machines(roles):
    """created_at, requested_at, an access log's ``at`` and a contact's updated_at read
    voca.clock: a row made under ``at(...)`` carries the set moment, not the real time."""
    from grants.exports.operations import log_file
    from services.operations import record_access

    finance = make_user("finance1", FINANCE)
    worker = make_field_worker()
    with at(WHEN):
        log = log_file(
            finance,
            run_by="finance1",
            report="sf425",
            title="SF-425",
            version="1",
            fmt="xlsx",
            parameters={},
            content=b"x",
        )
        contact = make_contact(worker)
        entry = record_access(user=worker, record=contact, action="inspect")
        as_of = AsOfForm()
        as_of_initial = as_of.get_initial_for_field(as_of.fields["at"], "at")
    later = WHEN + dt.timedelta(hours=3)
    with at(later):
        contact.save()

    assert log.__class__.objects.get(pk=log.pk).created_at == WHEN
    assert entry.__class__.objects.get(pk=entry.pk).at == WHEN
    assert contact.created_at == WHEN
    assert contact.__class__.objects.get(pk=contact.pk).updated_at == later
    assert as_of_initial == WHEN  # the balances page's "as of" starts at the clock's moment


def test_a_moment_just_after_midnight_utc_falls_on_the_previous_st_louis_day():
    just_after_midnight_utc = dt.datetime(2027, 5, 11, 0, 30, tzinfo=dt.UTC)
    assert local_date(just_after_midnight_utc) == dt.date(2027, 5, 10)
    with at(just_after_midnight_utc):
        assert local_today() == dt.date(2027, 5, 10)
