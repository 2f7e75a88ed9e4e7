"""The backup drill: back up, restore into a fresh database, prove nothing was lost."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from grants import operations
from tests.factories import make_award, make_draw, make_line, make_user
from voca import backup
from voca.roles import FINANCE, GRANTS_MANAGER

# Committed data (pg_dump reads it from another connection); migrations' rows are restored first.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def ledger(roles):
    manager = make_user("gale", GRANTS_MANAGER)
    clerk = make_user("fran", FINANCE)
    award = make_award(manager, total="250000.00")
    line = make_line(manager, award, "40000.00")
    paid = make_draw(clerk, line, "1234.56", submit=True)
    operations.approve_draw(actor=manager, draw_id=paid.pk)
    operations.pay_draw(actor=clerk, draw_id=paid.pk)
    make_draw(clerk, line, "99.99", submit=True)
    private = Path(settings.PRIVATE_STORAGE_ROOT) / "receipts" / "invoice-17.pdf"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_bytes(b"%PDF-1.4 supporting document")
    yield award
    shutil.rmtree(private.parent)


def test_the_drill_restores_every_row_balance_and_file(ledger):
    out = StringIO()
    call_command("voca_backup_drill", stdout=out)
    assert "Backup drill PASSED" in out.getvalue()
    assert "1 award(s) with their balances" in out.getvalue()


def test_a_restore_that_differs_from_the_backup_is_caught(ledger, tmp_path):
    manifest = backup.make_backup(tmp_path / "backup")
    assert manifest["awards"][ledger.federal_award_number]["paid"] == "1234.56"
    assert manifest["awards"][ledger.federal_award_number]["committed"] == "99.99"
    assert "private/receipts/invoice-17.pdf" in manifest["files"]
    scratch = f"{settings.DATABASES['default']['NAME']}_difftest"
    backup.drop_database(scratch)
    try:
        backup.restore_backup(tmp_path / "backup", scratch, tmp_path / "m", tmp_path / "p")
        assert (
            backup.check_restore(tmp_path / "backup", scratch, tmp_path / "m", tmp_path / "p") == []
        )
        # A lost file and a changed figure are both reported.
        (tmp_path / "p" / "receipts" / "invoice-17.pdf").unlink()
        doctored = json.loads((tmp_path / "backup" / backup.MANIFEST).read_text())
        doctored["awards"][ledger.federal_award_number]["paid"] = "1234.57"
        (tmp_path / "backup" / backup.MANIFEST).write_text(json.dumps(doctored))
        problems = backup.check_restore(
            tmp_path / "backup", scratch, tmp_path / "m", tmp_path / "p"
        )
        assert any("invoice-17.pdf" in p for p in problems)
        assert any("1234.57" in p for p in problems)
    finally:
        backup.drop_database(scratch)


def test_restore_never_overwrites_an_existing_database(ledger, tmp_path):
    backup.make_backup(tmp_path / "backup")
    existing = settings.DATABASES["default"]["NAME"]
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "voca_restore",
            input=tmp_path / "backup",
            database=existing,
            media_root=tmp_path / "m",
            private_root=tmp_path / "p",
        )


def test_backing_up_into_a_used_folder_is_refused(ledger, tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("voca_backup", output=tmp_path)
