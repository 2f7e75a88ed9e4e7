"""Void reasons and change reasons are free text: ciphertext in the tables, plain on the screens
of those who may read history."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from services import operations
from tests.factories import make_client, make_contact
from tests.helpers import login
from voca import crypto
from voca.clock import local_today

from .test_audit_and_privacy import edit_data
from .test_encryption import NEW_KEY, OLD_KEY, _everything_stored

LATE_EDIT_REASON = "Mrs Pellinore phoned back from the Dunmore flat"
VOID_REASON = "Logged under Brackenridge by mistake, her sister"
CLIENT_REASON = "Spoke to Threlkeld at the clinic"


@pytest.mark.django_db
def test_reasons_typed_into_the_forms_are_stored_only_as_ciphertext(client, people):
    owner, supervisor = people["owner"], people["supervisor"]
    contact = make_contact(owner, date=local_today() - datetime.timedelta(days=3))
    url = f"/admin/services/contacts/edit/{contact.pk}/"
    login(client, owner)
    edited = client.post(url, edit_data(contact, minutes="40", reason=LATE_EDIT_REASON))
    assert edited.status_code == 302
    login(client, supervisor)
    voided = client.post(
        f"/admin/services/contacts/void/{contact.pk}/",
        {"reason": VOID_REASON, "confirm": "on"},
    )
    assert voided.status_code == 302
    named = make_client(owner)
    operations.update_client(named.pk, actor=owner, version=named.version, reason=CLIENT_REASON)

    stored = _everything_stored()
    for canary in (LATE_EDIT_REASON, VOID_REASON, CLIENT_REASON):
        assert canary not in stored

    # Those who may read history read every reason; the supervisor reads the void on the record.
    record = client.get(f"/admin/services/contacts/inspect/{contact.pk}/").content.decode()
    assert VOID_REASON in record
    for role in ("supervisor", "auditor"):
        login(client, people[role])
        history = client.get(f"/admin/services/contacts/history/{contact.pk}/").content.decode()
        assert LATE_EDIT_REASON in history and f"Voided: {VOID_REASON}" in history, role
        clients = client.get(f"/admin/services/clients/history/{named.pk}/").content.decode()
        assert CLIENT_REASON in clients, role


@pytest.mark.django_db
def test_rotation_rewrites_void_and_change_reasons_too(people):
    owner, supervisor = people["owner"], people["supervisor"]
    with override_settings(VOCA_FIELD_KEYS=[OLD_KEY]):
        contact = make_contact(owner)
        operations.void_contact(contact.pk, actor=supervisor, reason="entered twice")
    with override_settings(VOCA_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        out = io.StringIO()
        call_command("voca_rotate_keys", stdout=out)
    # The contact's void reason; its two history rows' reasons ("Logged", "Voided: ...") and the
    # void reason the second one copied.
    assert "services.Contact: 1 value(s) re-encrypted in 1 row(s)" in out.getvalue()
    assert "services.HistoricalContact: 3 value(s) re-encrypted in 2 row(s)" in out.getvalue()
    with override_settings(VOCA_FIELD_KEYS=[NEW_KEY]):
        contact.refresh_from_db()
        assert contact.void_reason == "entered twice"
        reasons = [row.history_change_reason for row in contact.history.order_by("history_id")]
        assert reasons == ["Logged", "Voided: entered twice"]


@pytest.mark.django_db
def test_history_under_a_key_this_server_lacks_says_so_not_a_500(client, people, case):
    contact = case["contact"]
    operations.void_contact(contact.pk, actor=people["supervisor"], reason="duplicate")
    login(client, people["supervisor"])
    with override_settings(VOCA_FIELD_KEYS=[NEW_KEY]):
        page = client.get(f"/admin/services/contacts/history/{contact.pk}/")
        record = client.get(f"/admin/services/contacts/inspect/{contact.pk}/")
    assert page.status_code == 200 and record.status_code == 200
    assert crypto.UNREADABLE_MESSAGE in page.content.decode()
    assert "duplicate" not in page.content.decode()
    assert crypto.UNREADABLE_MESSAGE in record.content.decode()
