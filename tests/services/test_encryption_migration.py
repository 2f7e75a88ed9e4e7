"""An installation of the previous release (plaintext columns) is encrypted by migration 0009."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from services.models import Client, Contact
from voca import crypto

BEFORE = [("services", "0008_contact_staff_client")]
AFTER = [("services", "0009_encrypt_confidential_fields")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_encrypts_what_the_previous_release_stored():
    old = _migrate(BEFORE)
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

    _migrate(AFTER)

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
    client = Client.objects.get(code="AAAA3333")
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
