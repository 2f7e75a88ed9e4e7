"""Whose each record is: set by the operations from the acting user, refused across
organizations, and counted only by its own organization (the unit's PMT never holds an agency's
contacts; Wagtail's search index holds no client)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from grants.exports.operations import generate
from grants.reports.period import Period
from services import operations, permissions
from services.models import AccessLog
from tests.factories import (
    make_agency,
    make_client,
    make_contact,
    make_member,
    make_service_day,
    make_user,
)
from tests.helpers import at, moment
from tests.support.reports_data import row, sheet
from voca import roles as R

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("roles")]


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def advocate(agency):
    return make_member("sh.advocate", agency, R.AGENCY_ADVOCATE)


def test_a_record_is_the_acting_users_organization(agency, advocate):
    unit_worker = make_user("ada", R.ADVOCATE)
    theirs = make_contact(advocate, client=make_client(advocate))
    ours = make_contact(unit_worker, client=make_client(unit_worker))
    assert theirs.organization == theirs.client.organization == agency
    assert ours.organization.is_unit and ours.client.organization.is_unit
    # History rows carry it too (reports read history).
    assert theirs.history.first().organization_id == agency.pk
    entry = operations.record_access(user=unit_worker, record=ours.client, action="inspect")
    assert entry.organization.is_unit


def test_a_contact_for_another_organizations_client_is_refused(advocate):
    unit_worker = make_user("ada", R.ADVOCATE)
    unit_client = make_client(unit_worker)
    with pytest.raises(ValidationError) as refused:
        make_contact(advocate, client=unit_client)
    assert refused.value.message_dict["client"] == ["No client with that code."]
    with pytest.raises(ValidationError) as by_code:
        make_contact(advocate, client_code=unit_client.code)
    assert "No client has that code" in by_code.value.message_dict["client"][0]
    assert not unit_client.contacts.exists()


def test_an_agency_director_logs_only_under_its_own_people(agency, advocate):
    director = make_member("sh.director", agency, R.AGENCY_DIRECTOR)
    unit_worker = make_user("ada", R.ADVOCATE)
    assert set(permissions.visible_staff(director)) == {director, advocate}
    with pytest.raises(ValidationError) as refused:
        make_contact(director, staff=unit_worker)
    assert refused.value.message_dict["staff"] == [
        "Contacts are logged under a staff member of the same organization."
    ]
    assert make_contact(director, staff=advocate).staff == advocate


def test_service_days_are_the_units(agency, advocate):
    day = make_service_day(datetime.date(2026, 12, 7))
    supervisor = make_user("sky", R.SUPERVISOR)
    with pytest.raises(ValidationError) as refused:
        make_contact(advocate, service_day=day)
    assert "Service days are the unit's" in refused.value.message_dict["service_day"][0]
    with pytest.raises(ValidationError) as not_staffed:
        operations.assign_staff(actor=supervisor, user=advocate, service_day=day)
    assert "only the unit's people" in not_staffed.value.message_dict["user"][0]
    assert advocate not in permissions.staffable_people(supervisor)
    director = make_member("sh.director", agency, R.AGENCY_DIRECTOR)
    assert not permissions.can_staff_service_days(director)


def test_nobody_voids_or_changes_another_organizations_contact(agency, advocate):
    from django.core.exceptions import PermissionDenied

    contact = make_contact(advocate, client=make_client(advocate))
    supervisor = make_user("sky", R.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        operations.void_contact(contact.pk, actor=supervisor, reason="Duplicate")
    with pytest.raises(PermissionDenied):
        operations.update_contact(contact.pk, actor=supervisor, version=1, minutes=5)
    with pytest.raises(PermissionDenied):
        operations.update_client(contact.client_id, actor=supervisor, version=1, phone="1")
    contact.refresh_from_db()
    assert not contact.voided and contact.minutes == 15


def test_the_units_supervisor_and_auditor_see_no_agency_row(agency, advocate):
    contact = make_contact(advocate, client=make_client(advocate))
    operations.record_access(user=advocate, record=contact, action=AccessLog.Action.INSPECT)
    for role in (R.SUPERVISOR, R.AUDITOR):
        state = make_user(f"state-{role}", role)
        assert not permissions.visible_contacts(state).exists()
        assert not permissions.visible_clients(state).exists()
        assert not permissions.visible_access_log(state).exists()
    root = make_user("root", is_superuser=True)
    assert not permissions.visible_contacts(root).exists()
    director = make_member("sh.director", agency, R.AGENCY_DIRECTOR)
    assert list(permissions.visible_contacts(director)) == [contact]
    assert permissions.visible_access_log(director).count() == 1


def test_the_units_pmt_counts_only_the_units_contacts(agency, advocate):
    unit_worker, supervisor = make_user("ada", R.ADVOCATE), make_user("sam", R.SUPERVISOR)
    with at(moment(2026, 8, 3)):
        make_contact(unit_worker, client=make_client(unit_worker))
        make_contact(unit_worker)  # anonymous
        for _ in range(3):
            make_contact(advocate, client=make_client(advocate))
            make_contact(advocate)
    book = generate("pmt", "xlsx", actor=supervisor, period=Period.from_quarter("FY2026Q4"))
    summary = sheet(book.content, "Summary")
    assert row(summary, "Individuals served this period")[1] == 1
    assert row(summary, "Anonymous contacts (served without identifying as a client)")[1] == 1
    assert row(summary, "Contacts this period (voided contacts excluded)")[1] == 2
    assert book.log.organization.is_unit


def test_wagtails_search_index_holds_no_client(advocate):
    from wagtail.search.models import IndexEntry

    client = make_client(
        advocate,
        first_name="Marigoldia",
        phone="314-555-0177",
        consent_given_on=datetime.date(2026, 12, 1),
        consent_scope="calls",
    )
    make_contact(advocate, client=client, notes="Pelicanquill")
    indexed = " ".join(str(vars(e)) for e in IndexEntry.objects.all())
    assert client.code not in indexed and "Marigoldia" not in indexed
    assert "Pelicanquill" not in indexed


def test_no_confidential_model_is_indexed_for_search():
    from wagtail.search.index import get_indexed_models

    from services.models import AccessLog, Client, Contact

    assert not {Client, Contact, AccessLog} & set(get_indexed_models())
