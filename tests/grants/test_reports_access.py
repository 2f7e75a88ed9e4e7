"""The Reports area: who sees which report, background builds, downloads, the export log, expiry."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from grants.exports.tasks import remove_expired_exports
from grants.models import ExportLog, GeneratedExport
from grants.reports.registry import REPORTS
from tests.factories import make_export_log, make_generated_export, make_user
from tests.helpers import admin_menu_names, login
from tests.support.reports_data import CANARY_NAME, all_text, contacts, ledger
from voca.roles import (
    ADVOCATE,
    AUDITOR,
    EDITOR,
    FINANCE,
    GRANTS_MANAGER,
    PROGRAM_REPRESENTATIVE,
    SOCIAL_WORKER,
    SUPERVISOR,
)

pytestmark = pytest.mark.django_db

MONEY = {"sf425", "budget", "claim", "unclaimed", "draws", "audit", "admin_share"}
ALLOWED = {
    ADVOCATE: set(),
    SOCIAL_WORKER: set(),
    PROGRAM_REPRESENTATIVE: set(),
    EDITOR: set(),
    SUPERVISOR: {"pmt"},
    FINANCE: {"pmt", *MONEY},
    GRANTS_MANAGER: {"pmt", *MONEY},
    AUDITOR: {"pmt", *MONEY},
}


def ask(client, key, fmt="xlsx", quarter="FY2026Q4", **extra):
    return client.post(
        reverse("grants_report", args=[key]), {"format": fmt, "quarter": quarter, **extra}
    )


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_each_role_sees_exactly_its_reports_and_gets_403_for_the_rest(client, roles, role):
    user = make_user("someone", role)
    login(client, user)
    for key in REPORTS:
        page = client.get(reverse("grants_report", args=[key]))
        posted = ask(client, key)
        if key in ALLOWED[role]:
            assert page.status_code == 200, key
            assert posted.status_code == 302, key
        else:
            assert page.status_code == 403, key
            assert posted.status_code == 403, key
    index = client.get(reverse("grants_reports"))
    assert index.status_code == (200 if ALLOWED[role] else 403)
    assert ("compliance-reports" in admin_menu_names(client.get("/admin/"))) == bool(ALLOWED[role])
    assert not GeneratedExport.objects.exclude(report__in=ALLOWED[role]).exists()


def test_a_requested_file_is_built_logged_and_downloaded_only_by_its_requester(client, roles):
    finance = make_user("fran", FINANCE)
    colleague = make_user("frank", FINANCE)
    supervisor = make_user("sam", SUPERVISOR)
    login(client, finance)
    assert ask(client, "pmt", as_of="2026-10-15T17:30").status_code == 302
    export = GeneratedExport.objects.get()
    assert export.status == "ready"
    index = client.get(reverse("grants_reports"))
    url = reverse("grants_export_download", args=[export.pk])
    assert url in index.content.decode()
    assert "<td>15 Oct 2026 17:30</td>" in index.content.decode()  # the as-of asked for
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    log = ExportLog.objects.get()
    assert log.sha256 == hashlib.sha256(content).hexdigest() and log.size == len(content)
    assert (log.user, log.report, log.parameters["quarter"]) == (finance, "pmt", "FY2026Q4")
    for other in (colleague, supervisor):
        client.logout()
        login(client, other)
        assert client.get(url).status_code == 403
    # The requester moves to a role without reports: the file is no longer theirs to download.
    finance.groups.set([roles[EDITOR]])
    client.logout()
    login(client, finance)
    assert client.get(url).status_code == 403


def test_supervisor_may_download_pmt_but_not_a_money_report_file(client, roles):
    supervisor = make_user("sam", SUPERVISOR)
    login(client, supervisor)
    ask(client, "pmt")
    export = GeneratedExport.objects.get()
    assert client.get(reverse("grants_export_download", args=[export.pk])).status_code == 200
    money = make_generated_export(supervisor, report="draws")
    assert client.get(reverse("grants_export_download", args=[money.pk])).status_code == 403


def test_the_reports_page_offers_a_download_only_for_a_ready_file(client, roles):
    finance = make_user("fran", FINANCE)
    login(client, finance)
    ask(client, "budget")
    ready = GeneratedExport.objects.get()
    queued = make_generated_export(finance, report="draws")
    html = client.get(reverse("grants_reports")).content.decode()
    assert reverse("grants_export_download", args=[ready.pk]) in html
    assert "(until " in html
    assert reverse("grants_export_download", args=[queued.pk]) not in html


def test_bad_period_shows_a_message_and_queues_nothing(client, roles):
    login(client, make_user("fran", FINANCE))
    response = ask(client, "budget", quarter="", start="2026-09-30", end="2026-07-01")
    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()
    response = ask(client, "budget", as_of="2999-01-01T00:00")
    assert "cannot be in the future" in response.content.decode()
    response = ask(client, "draws", fmt="pdf")
    assert "Select a valid choice" in response.content.decode()
    assert not GeneratedExport.objects.exists()


def test_files_expire_and_the_log_stays(client, roles):
    finance = make_user("fran", FINANCE)
    login(client, finance)
    ask(client, "budget")
    export = GeneratedExport.objects.get()
    name = export.file.name
    assert export.file.storage.exists(name)
    assert remove_expired_exports(timezone.now() + dt.timedelta(days=6)) == 0
    assert remove_expired_exports(timezone.now() + dt.timedelta(days=8)) == 1
    export.refresh_from_db()
    assert export.status == "expired" and not export.file.storage.exists(name)
    assert client.get(reverse("grants_export_download", args=[export.pk])).status_code == 404
    assert ExportLog.objects.count() == 1


def test_export_log_cannot_be_edited_or_deleted_and_is_read_by_finance_and_auditors(client, roles):
    finance = make_user("fran", FINANCE)
    login(client, finance)
    ask(client, "sf425")
    log = ExportLog.objects.get()
    log.size = 1
    with pytest.raises(ValidationError):
        log.save()
    with pytest.raises(ValidationError):
        log.delete()
    with pytest.raises(ValidationError):
        ExportLog.objects.all().delete()
    with pytest.raises(ValidationError):
        ExportLog.objects.update(size=1)
    for role, status in ((AUDITOR, 200), (FINANCE, 200), (ADVOCATE, 403), (EDITOR, 403)):
        client.logout()
        login(client, make_user(f"u-{role}".replace(" ", ""), role))
        response = client.get(reverse("grants_export_log"))
        assert response.status_code == status, role
        if status == 200:
            assert log.sha256 in response.content.decode()
    # A supervisor sees only entries of reports a supervisor may run.
    client.logout()
    login(client, make_user("sam", SUPERVISOR))
    assert log.sha256 not in client.get(reverse("grants_export_log")).content.decode()


def test_no_client_name_or_note_in_any_export(roles, finance, manager):
    from grants.exports.operations import generate
    from grants.reports.period import Period

    ledger(finance, manager)
    served = contacts(make_user("ada", ADVOCATE), make_user("sam", SUPERVISOR))
    auditor = make_user("avery", AUDITOR)
    for key, report in REPORTS.items():
        for fmt in report.formats:
            content = generate(
                key, fmt, actor=auditor, period=Period.from_quarter("FY2026Q4")
            ).content
            text = all_text(content, fmt)
            assert CANARY_NAME not in text, (key, fmt)
            assert "CANARY-NOTE" not in text, (key, fmt)
            assert served["a"].code not in text, (key, fmt)


def test_command_writes_the_file_and_refuses_bad_arguments(tmp_path, roles, finance, manager):
    ledger(finance, manager)
    out = tmp_path / "budget.pdf"
    call_command(
        "voca_report",
        "budget",
        "--quarter",
        "FY2026Q4",
        "--format",
        "pdf",
        "--output",
        str(out),
        "--as-of",
        "2026-10-15",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert out.read_bytes().startswith(b"%PDF")
    entry = ExportLog.objects.get()
    assert entry.channel == "command" and entry.run_by.startswith("command line")
    assert entry.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    bad = [
        (["--quarter", "2026Q4"], "write it like FY2026Q4"),
        (["--quarter", "FY2026Q4", "--as-of", "yesterday"], "is not a date"),
        (["--start", "2026-07-01"], "both --start and --end"),
        (["--quarter", "FY2026Q4", "--format", "pdf"], "comes as xlsx"),
        (["--quarter", "FY2026Q4", "--user", "nobody"], "No active user"),
        (["--quarter", "FY2026Q4", "--user", "fran", "--award", "X-1"], "No award numbered"),
    ]
    for args, message in bad:
        report = "draws" if "pdf" in args else "budget"
        with pytest.raises(CommandError, match=message):
            call_command("voca_report", report, *args, "--output", str(tmp_path / "x"))
    supervisor = make_user("sam", SUPERVISOR)
    with pytest.raises(CommandError, match="may not generate"):
        call_command(
            "voca_report",
            "audit",
            "--quarter",
            "FY2026Q4",
            "--user",
            supervisor.username,
            "--output",
            str(tmp_path / "x"),
        )


def test_export_log_shows_everyone_to_finance_and_auditors_and_own_entries_to_the_rest(
    client, roles
):
    people = {
        role: make_user(role.lower().replace(" ", ""), role)
        for role in (FINANCE, AUDITOR, GRANTS_MANAGER, SUPERVISOR)
    }
    digests = {}
    for role, user in people.items():
        digests[role] = hashlib.sha256(role.encode()).hexdigest()
        make_export_log(user, sha256=digests[role])
    sees_all = {FINANCE, AUDITOR}
    for role, user in people.items():
        client.logout()
        login(client, user)
        page = client.get(reverse("grants_export_log")).content.decode()
        shown = {other for other, digest in digests.items() if digest in page}
        assert shown == (set(digests) if role in sees_all else {role}), role
    client.logout()
    login(client, make_user("ed", EDITOR))
    assert client.get(reverse("grants_export_log")).status_code == 403
