"""Confidential fields reach the database, its dumps and error reports only as ciphertext."""

import datetime
import io
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings
from django.views.debug import ExceptionReporter

from services import operations
from services.models import AccessLog, Client, Contact, SubService
from tests.factories import make_client, make_contact
from tests.helpers import login
from voca import crypto
from voca.clock import local_today

from .conftest import CANARY_NOTE

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()

CANARIES = {
    "id-first_name": "Xylocarpa",
    "id-phone": "314-555-8161",
    "id-consent_scope": "call Vornhelm about the claim",
    "referrals": "Quillbrook shelter",
    "notes": "Tessaract lives above the laundromat",
}


def _everything_stored() -> str:
    """Every row of every table, as the database hands them to anyone who can read it."""
    text = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            text.append(repr(cursor.fetchall()))
    return "\n".join(text)


def _log_through_the_form(client, staff):
    login(client, staff)
    response = client.post(
        "/admin/services/log/",
        {
            "date": local_today().isoformat(),
            "client_kind": "new",
            "mode": "in_person",
            "common_services": [SubService.objects.current().get(code="A1").pk],
            "minutes": "15",
            "funding_source": "voca",
            "id-consent_given_on": local_today().isoformat(),
            **CANARIES,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Contact.objects.get()


@pytest.mark.django_db
def test_canaries_typed_into_the_form_are_stored_only_as_ciphertext(client, people):
    contact = _log_through_the_form(client, people["owner"])
    stored = _everything_stored()
    for canary in CANARIES.values():
        assert canary not in stored
    # Yet staff who may see them read every one on the record pages.
    contact_page = client.get(f"/admin/services/contacts/inspect/{contact.pk}/").content.decode()
    client_page = client.get(
        f"/admin/services/clients/inspect/{contact.client_id}/"
    ).content.decode()
    assert CANARIES["notes"] in contact_page and CANARIES["referrals"] in contact_page
    for name in ("id-first_name", "id-phone", "id-consent_scope"):
        assert CANARIES[name] in client_page


@pytest.mark.django_db
def test_an_auditor_reads_the_records_without_the_decrypted_fields(client, people):
    contact = _log_through_the_form(client, people["owner"])
    login(client, people["auditor"])
    page = client.get(f"/admin/services/contacts/inspect/{contact.pk}/").content.decode()
    listing = client.get("/admin/services/contacts/").content.decode()
    for canary in CANARIES.values():
        assert canary not in page and canary not in listing
    assert AccessLog.objects.filter(
        user=people["auditor"], record_id=str(contact.pk), action="inspect"
    ).exists()


@pytest.mark.django_db
def test_encrypted_columns_refuse_searches_and_phones_are_found_by_digest(people, case):
    with pytest.raises(FieldError):
        list(Contact.objects.filter(notes__icontains="Quokka"))
    with pytest.raises(FieldError):
        list(Client.objects.filter(phone="314-555-0199"))
    assert list(Client.objects.with_phone(" 314-555-0199 ")) == [case["client"]]
    assert not Client.objects.with_phone("314-555-0198").exists()
    assert not Client.objects.with_phone("").exists()


@pytest.mark.django_db
def test_rotation_moves_every_value_to_the_newest_key_and_can_be_run_again(people):
    owner = people["owner"]
    with override_settings(VOCA_FIELD_KEYS=[OLD_KEY]):
        written = make_client(
            owner,
            first_name="Ann",
            phone="555-0101",
            consent_given_on=local_today(),
            consent_scope="letters",
        )
        make_contact(owner, client=written, notes="old-key note", referrals="legal aid")
    with override_settings(VOCA_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        out = io.StringIO()
        call_command("voca_rotate_keys", "--batch-size", "1", stdout=out)
        assert "services.Client: 3 value(s) re-encrypted in 1 row(s)" in out.getvalue()
        assert "services.Contact: 2 value(s) re-encrypted in 1 row(s)" in out.getvalue()
        again = io.StringIO()
        call_command("voca_rotate_keys", stdout=again)
        assert "services.Client: 0 value(s) re-encrypted in 0 row(s), 3 already" in again.getvalue()
    with override_settings(VOCA_FIELD_KEYS=[NEW_KEY]):
        client = Client.objects.get()
        contact = Contact.objects.get()
        assert (client.first_name, client.phone, client.consent_scope) == (
            "Ann",
            "555-0101",
            "letters",
        )
        assert (contact.notes, contact.referrals) == ("old-key note", "legal aid")
        assert list(Client.objects.with_phone("555-0101")) == [client]


@pytest.mark.django_db
def test_a_record_under_a_key_this_server_lacks_is_refused_clearly_not_a_500(client, people, case):
    contact = case["contact"]
    login(client, people["owner"])
    with override_settings(VOCA_FIELD_KEYS=[NEW_KEY]):
        page = client.get(f"/admin/services/contacts/inspect/{contact.pk}/")
        assert page.status_code == 200
        assert crypto.UNREADABLE_MESSAGE in page.content.decode()
        assert CANARY_NOTE not in page.content.decode()
        edit = client.get(f"/admin/services/contacts/edit/{contact.pk}/", follow=True)
        assert edit.status_code == 200
        assert "It cannot be edited until that key is restored" in edit.content.decode()
        client_page = client.get(f"/admin/services/clients/inspect/{case['client'].pk}/")
        assert crypto.UNREADABLE_MESSAGE in client_page.content.decode()
        with pytest.raises(ValidationError, match="does not hold"):
            operations.update_contact(
                contact.pk, actor=people["owner"], version=contact.version, minutes=20
            )
        # Voiding rewrites the row: the ciphertext it could not open is saved back untouched.
        operations.void_contact(contact.pk, actor=people["supervisor"], reason="duplicate")
        assert AccessLog.objects.filter(record_id=str(contact.pk), action="inspect").exists()
    contact.refresh_from_db()
    assert contact.voided and contact.notes == CANARY_NOTE


@pytest.mark.django_db
def test_without_any_key_the_checks_refuse_to_start_with_what_to_do():
    with override_settings(VOCA_FIELD_KEYS=""):
        errors = crypto.check_keys()
    assert errors and "VOCA_FIELD_KEYS is not set" in errors[0].msg
    with override_settings(VOCA_FIELD_KEYS="not-a-key"):
        assert "is not a Fernet key" in crypto.check_keys()[0].msg


def test_production_refuses_a_malformed_key():
    from tests.voca.test_settings import PRODUCTION_ENV, run_manage

    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "VOCA_FIELD_KEYS": "abc"})
    assert result.returncode != 0
    assert "is not a Fernet key" in result.stderr


def test_a_new_key_is_printed_without_settings():
    result = subprocess.run(
        [sys.executable, "-m", "voca.crypto"], capture_output=True, text=True, check=True
    )
    Fernet(result.stdout.strip())


@pytest.mark.django_db
def test_error_reports_and_the_debug_page_show_no_decrypted_value(people, case):
    request = RequestFactory().get("/admin/services/contacts/")
    request.user = people["owner"]
    try:
        notes = Contact.objects.get().notes
        raise RuntimeError(f"failed at contact #{case['contact'].pk}")
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info())
        with override_settings(DEBUG=True):
            debug_page = ExceptionReporter(request, *sys.exc_info()).get_traceback_html()
    assert notes == CANARY_NOTE
    for text in (report.get_traceback_text(), report.get_traceback_html(), debug_page):
        assert "failed at contact #" in text
        assert CANARY_NOTE not in text


@pytest.mark.django_db
def test_retention_erases_the_ciphertext_of_notes_and_referrals(people):
    owner = people["owner"]
    old_day = local_today() - datetime.timedelta(days=365 * 4)
    stale = make_client(owner)
    contact = make_contact(owner, client=stale, date=old_day, notes="n", referrals="r")
    operations.strip_identifiers(years=3)
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes, referrals FROM services_contact WHERE id = %s", [contact.pk])
        assert cursor.fetchone() == (None, None)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_dump_holds_no_canary(client, people, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("voca_backup dumps PostgreSQL")
    _log_through_the_form(client, people["owner"])
    call_command("voca_backup", output=tmp_path / "backup", stdout=io.StringIO())
    # The custom-format dump is compressed: read it back as the SQL it restores.
    sql = subprocess.run(  # noqa: S603
        ["pg_restore", "--file=-", str(tmp_path / "backup" / "database.dump")],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "services_contact" in sql and "COPY" in sql
    for canary in CANARIES.values():
        assert canary not in sql
