"""An installation of the previous release (plaintext columns) is encrypted by migration 0009."""

import pytest
from django.db import connection

from services.models import Client, Contact
from tests.helpers import migrate_to
from voca import crypto

BEFORE = [("services", "0008_contact_staff_client")]
AFTER = [("services", "0009_encrypt_confidential_fields")]


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """The tests after these expect every migration applied."""
    yield
    migrate_to()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_encrypts_what_the_previous_release_stored():
    old = migrate_to(BEFORE)
    User = old.get_model("auth", "User")
    OldClient, OldContact = (
        old.get_model("services", "Client"),
        old.get_model("services", "Contact"),
    )
    staff = User.objects.create(username="before-upgrade")
    demographics = {
        f"{name}_id": old.get_model("services", model).objects.get(code="not_reported").pk
        for name, model in [
            ("race_ethnicity", "RaceEthnicity"),
            ("gender_identity", "GenderIdentity"),
            ("age_group", "AgeGroup"),
        ]
    }
    named = OldClient.objects.create(
        code="AAAA3333",
        first_name="Oldname",
        phone="314-555-7070",
        consent_scope="letters",
        created_by=staff,
        **demographics,
    )
    OldClient.objects.create(code="CCCC4444", created_by=staff, **demographics)
    # More rows than one batch, so the migration's batching is exercised.
    for n in range(crypto_batch() + 3):
        OldContact.objects.create(
            date="2026-11-02",
            staff=staff,
            client=named,
            notes=f"old note {n}",
            referrals="legal aid" if n == 0 else "",
        )

    migrate_to(AFTER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, phone, consent_scope FROM services_client ORDER BY code")
        (first, phone, scope), blank = cursor.fetchall()
        cursor.execute("SELECT notes, referrals FROM services_contact ORDER BY id")
        contacts = cursor.fetchall()
    assert blank == (None, None, None)
    assert all(value.startswith("gAAAA") for value in (first, phone, scope))
    assert crypto.decrypt(first) == "Oldname"
    assert not any("old note" in notes for notes, _ in contacts)
    assert contacts[1][1] is None
    # On to today's schema (the models below read it): the old rows become the unit's.
    migrate_to()
    client = Client.objects.get(code="AAAA3333")
    assert client.organization.is_unit
    assert (client.first_name, client.phone, client.consent_scope) == (
        "Oldname",
        "314-555-7070",
        "letters",
    )
    assert list(Client.objects.with_phone("314-555-7070")) == [client]
    notes = sorted(Contact.objects.values_list("notes", flat=True))
    assert notes == sorted(f"old note {n}" for n in range(crypto_batch() + 3))


def crypto_batch():
    from importlib import import_module

    return import_module("services.migrations.0009_encrypt_confidential_fields").BATCH


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_0010_encrypts_void_reasons_and_history_reasons_already_stored(monkeypatch):
    from importlib import import_module

    # Two rows a batch, so three history rows take more than one.
    monkeypatch.setattr(import_module("services.migrations.0010_encrypt_reasons"), "BATCH", 2)
    old = migrate_to([("services", "0009_encrypt_confidential_fields")])
    staff = old.get_model("auth", "User").objects.create(username="before-upgrade")
    OldContact = old.get_model("services", "Contact")
    OldHistory = old.get_model("services", "HistoricalContact")
    voided = OldContact.objects.create(
        date="2026-11-02", staff=staff, voided=True, void_reason="Entered for Marisol by mistake"
    )
    kept = OldContact.objects.create(date="2026-11-03", staff=staff)
    for contact, reason in [
        (voided, "Logged"),
        (voided, "Voided: Entered for Marisol by mistake"),
        (kept, "Marisol asked us to change the day"),
    ]:
        OldHistory.objects.create(
            id=contact.pk,
            date=contact.date,
            staff_id=staff.pk,
            voided=reason.startswith("Voided"),
            void_reason=contact.void_reason if reason.startswith("Voided") else "",
            created_at=contact.created_at,
            updated_at=contact.updated_at,
            history_date=contact.updated_at,
            history_type="~",
            history_change_reason=reason,
        )

    migrate_to([("services", "0010_encrypt_reasons")])

    with connection.cursor() as cursor:
        cursor.execute("SELECT void_reason FROM services_contact ORDER BY id")
        stored = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT void_reason, history_change_reason FROM services_historicalcontact"
            " ORDER BY history_id"
        )
        history = cursor.fetchall()
    assert stored[1] is None and history[0][0] is None
    assert not any("Marisol" in value for value in [stored[0], *history[1], history[2][1]])
    assert crypto.decrypt(stored[0]) == "Entered for Marisol by mistake"
    migrate_to()  # today's schema, which the models read
    contact = Contact.objects.get(pk=voided.pk)
    assert contact.void_reason == "Entered for Marisol by mistake"
    reasons = [
        row.history_change_reason for row in Contact.history.model.objects.order_by("history_id")
    ]
    assert reasons == [
        "Logged",
        "Voided: Entered for Marisol by mistake",
        "Marisol asked us to change the day",
    ]
