"""Money reports are for one named award; PMT still counts the whole period."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from grants.exports.operations import generate
from grants.models import ExportLog, GeneratedExport
from grants.reports.period import Period
from tests.factories import make_award, make_line, make_paid_draw
from tests.helpers import login

pytestmark = pytest.mark.django_db

QUARTER = Period.from_quarter("FY2026Q4")


@pytest.fixture
def two_awards(manager, finance, award):
    newer = make_award(manager, number="15POVC-26-GG-2")
    make_paid_draw(finance, manager, make_line(manager, award), "100.00")
    return award, newer


def ask(client, key, **extra):
    data = {"format": "xlsx", "quarter": "FY2026Q4", **extra}
    return client.post(reverse("grants_report", args=[key]), data)


@pytest.mark.parametrize("key", ["sf425", "budget", "claim", "draws", "audit"])
def test_a_money_report_asks_which_award_when_several_overlap_the_period(finance, two_awards, key):
    overlap = r"Several awards overlap this period \(15POVC-TEST-0001, "
    with pytest.raises(ValueError, match=overlap):
        generate(key, "xlsx", actor=finance, period=QUARTER)
    assert not ExportLog.objects.exists()
    generate(key, "xlsx", actor=finance, period=QUARTER, award_number="15POVC-TEST-0001")
    assert ExportLog.objects.get().parameters["award"] == "15POVC-TEST-0001"


def test_pmt_stays_per_period_with_several_awards(finance, two_awards):
    generate("pmt", "xlsx", actor=finance, period=QUARTER)
    assert ExportLog.objects.get().report == "pmt"


def test_the_reports_page_asks_for_the_award_and_the_file_records_it(client, finance, two_awards):
    login(client, finance)
    response = ask(client, "budget")
    assert response.status_code == 200
    assert "choose the award this Budget" in response.content.decode()
    assert not GeneratedExport.objects.exists()
    assert ask(client, "budget", award="15POVC-26-GG-2").status_code == 302
    export = GeneratedExport.objects.get()
    assert export.status == "ready" and export.parameters["award"] == "15POVC-26-GG-2"
    assert export.log.parameters["award"] == "15POVC-26-GG-2"


def test_the_command_takes_the_award(tmp_path, two_awards):
    out = tmp_path / "ffr.xlsx"
    args = ["voca_report", "sf425", "--quarter", "FY2026Q4", "--output", str(out)]
    with pytest.raises(CommandError, match="Several awards overlap"):
        call_command(*args)
    call_command(*args, "--award", "15POVC-TEST-0001", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ExportLog.objects.get().parameters["award"] == "15POVC-TEST-0001"
