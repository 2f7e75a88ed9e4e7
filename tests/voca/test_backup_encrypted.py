"""Backups of encrypted records: restored under the same keys every value opens again; checked
by a server holding other keys, the check says so instead of passing."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from services import operations
from tests.factories import make_client, make_contact, make_user
from voca import backup
from voca import roles as R
from voca.clock import local_today

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def records(roles):
    worker = make_user("ria", R.ADVOCATE)
    boss = make_user("sam", R.SUPERVISOR)
    today = local_today()
    client = make_client(
        worker, first_name="Ines", consent_given_on=today, consent_scope="call-backs"
    )
    contact = make_contact(worker, client=client, notes="lives by the station")
    operations.void_contact(contact.pk, actor=boss, reason="entered twice")
    return client


def test_the_drill_reads_every_encrypted_value_back_with_the_same_keys(records):
    out = StringIO()
    call_command("voca_backup_drill", stdout=out)
    assert "Backup drill PASSED" in out.getvalue()
    manifest = backup.database_manifest()["encrypted"]
    # The name; the void reason; the contact's two history reasons ("Logged", "Voided: ...").
    assert manifest["services_client.first_name"] == "1 stored, 1 readable"
    assert manifest["services_contact.void_reason"] == "1 stored, 1 readable"
    assert manifest["services_historicalcontact.history_change_reason"] == "2 stored, 2 readable"
    total = sum(int(value.split()[0]) for value in manifest.values())
    assert f"{total} encrypted value(s) read back with this server's keys" in out.getvalue()


def test_a_restore_checked_with_other_keys_says_which_keys_are_missing(
    records, tmp_path, monkeypatch
):
    backup.make_backup(tmp_path / "backup")
    scratch = f"{settings.DATABASES['default']['NAME']}_otherkey"
    backup.drop_database(scratch)
    try:
        backup.restore_backup(tmp_path / "backup", scratch, tmp_path / "m", tmp_path / "p")
        monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.support.other_key_settings")
        problems = backup.check_restore(
            tmp_path / "backup", scratch, tmp_path / "m", tmp_path / "p"
        )
    finally:
        backup.drop_database(scratch)
    assert (
        "encrypted services_client.first_name: backed up '1 stored, 1 readable', "
        "restored '1 stored, 0 readable'"
    ) in problems
    assert problems[-1] == backup.KEYS_NOT_HELD
    # Row counts are still identical: nothing was lost, only the keys are missing.
    assert not any(p.startswith("tables ") for p in problems)
