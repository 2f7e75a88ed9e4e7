"""Private files kept in the database (VOCA_FILE_STORE=database), shared by every app server."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from grants.models import Draw
from tests.factories import make_award, make_draw, make_line, make_user
from tests.helpers import login
from voca.file_store import DatabaseStorage
from voca.models import StoredFile
from voca.roles import FINANCE, GRANTS_MANAGER


@pytest.fixture
def database_store(monkeypatch):
    """Draw documents in the database, as a server started with VOCA_FILE_STORE=database has."""
    store = DatabaseStorage()
    monkeypatch.setattr(Draw._meta.get_field("document"), "storage", store)
    return store


def test_a_stored_file_reads_back_byte_for_byte_and_a_second_one_gets_its_own_name(db):
    store = DatabaseStorage()
    first = store.save("draws/2026/03/invoice.pdf", ContentFile(b"%PDF-1.4 one"))
    second = store.save("draws/2026/03/invoice.pdf", ContentFile(b"%PDF-1.4 two"))
    assert first == "draws/2026/03/invoice.pdf"
    assert second != first and second.startswith("draws/2026/03/invoice_")
    assert store.open(first).read() == b"%PDF-1.4 one"
    assert store.open(second).read() == b"%PDF-1.4 two"
    assert store.size(first) == len(b"%PDF-1.4 one")
    assert store.listdir("draws") == (["2026"], [])
    assert sorted(store.listdir("draws/2026/03")[1]) == sorted(
        [first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]]
    )
    store.delete(first)
    assert not store.exists(first) and store.exists(second)
    with pytest.raises(FileNotFoundError):
        store.open(first)


def test_a_stored_file_has_no_url_and_its_row_does_not_show_its_name(db):
    store = DatabaseStorage()
    name = store.save("match/statement-of-jane.pdf", ContentFile(b"x"))
    with pytest.raises(NotImplementedError):
        store.url(name)
    assert "jane" not in str(StoredFile.objects.get(name=name))


def test_a_file_saved_inside_an_operation_that_fails_is_not_kept(db):
    store = DatabaseStorage()
    with pytest.raises(RuntimeError), transaction.atomic():
        store.save("draws/lost.pdf", ContentFile(b"never"))
        raise RuntimeError("the operation refused")
    assert not store.exists("draws/lost.pdf")


def test_a_document_uploaded_with_a_draw_is_downloaded_through_the_permission_check(
    client, roles, database_store
):
    manager = make_user("gale", GRANTS_MANAGER)
    clerk = make_user("fran", FINANCE)
    line = make_line(manager, make_award(manager))
    invoice = SimpleUploadedFile("invoice-55.pdf", b"%PDF-1.4 invoice", "application/pdf")
    draw = make_draw(clerk, line, "45.50", document=invoice)
    assert bytes(StoredFile.objects.get(name=draw.document.name).content) == b"%PDF-1.4 invoice"

    login(client, clerk)
    response = client.get(f"/admin/grants/documents/draw/{draw.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 invoice"
    assert "no-store" in response["Cache-Control"]

    client.logout()
    assert client.get(f"/admin/grants/documents/draw/{draw.pk}/").status_code == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_backup_drill_restores_files_kept_in_the_database(roles, database_store, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from voca import backup

    manager = make_user("gale", GRANTS_MANAGER)
    clerk = make_user("fran", FINANCE)
    line = make_line(manager, make_award(manager))
    draw = make_draw(clerk, line, "45.50", document=ContentFile(b"%PDF-1.4 kept", name="r.pdf"))
    manifest = backup.make_backup(tmp_path / "backup")
    # The SHA-256 of the stored bytes, computed here independently of the manifest's SQL.
    import hashlib

    assert manifest["stored_files"] == {
        draw.document.name: hashlib.sha256(b"%PDF-1.4 kept").hexdigest()
    }
    out = StringIO()
    call_command("voca_backup_drill", stdout=out)
    assert "Backup drill PASSED" in out.getvalue()
    assert "1 files in the database identical" in out.getvalue()
