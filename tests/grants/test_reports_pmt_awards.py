"""The PMT names the awards that fund its quarter, and an award named must be open in the period
and gets its own contacts' figures (issue 25, reports)."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from grants.exports.operations import generate
from grants.models import ExportLog, GeneratedExport
from grants.reports.period import Period
from tests.factories import make_award, make_client, make_contact, make_user
from tests.helpers import at, login, moment
from tests.support.reports_data import pdf_text, row, sheet
from voca.roles import ADVOCATE, SUPERVISOR

pytestmark = pytest.mark.django_db

Q4 = Period.from_quarter("FY2026Q4")  # 1 Jul - 30 Sep 2026
OLDER, SHORT, LATER = (
    "15POVC-25-GG-00417-ASSI",
    "15POVC-26-GG-00031-ASSI",
    "15POVC-27-GG-00502-ASSI",
)
AGENCY = "Missouri Department of Public Safety"


@pytest.fixture
def quarter(roles, manager):
    """Two awards cover Q4: OLDER all of it, SHORT from 1 Aug (it lapses first, so it funds
    August and September); LATER starts after the quarter. Three clients in July, two in
    August-September (one of them also in July), one anonymous contact in September."""
    ada, sam = make_user("ada", ADVOCATE), make_user("sam", SUPERVISOR)
    with at(moment(2025, 10, 2)):
        make_award(manager, number=OLDER, administering_agency=AGENCY)
        make_award(
            manager,
            number=SHORT,
            administering_agency=AGENCY,
            period_start=dt.date(2026, 8, 1),
            period_end=dt.date(2026, 12, 31),
        )
        make_award(
            manager,
            number=LATER,
            administering_agency=AGENCY,
            period_start=dt.date(2026, 10, 1),
            period_end=dt.date(2030, 9, 30),
        )
    with at(moment(2026, 10, 5)):
        a, b, c, d = (make_client(ada) for _ in range(4))
        for client, day in ((a, 7), (b, 8), (c, 9)):
            make_contact(ada, date=dt.date(2026, 7, day), client=client)
        make_contact(ada, date=dt.date(2026, 8, 10), client=a)
        make_contact(ada, date=dt.date(2026, 9, 10), client=d)
        make_contact(ada, date=dt.date(2026, 9, 11))  # anonymous
    return sam


def summary(content):
    return dict(r[:2] for r in sheet(content, "Summary")[1:] if r and r[0])


def test_the_pmt_cover_names_the_awards_funding_the_quarter_and_the_agency(quarter):
    # As of now: contacts' history rows carry the real moment they were written.
    xlsx = generate("pmt", "xlsx", actor=quarter, period=Q4).content
    pdf = generate("pmt", "pdf", actor=quarter, period=Q4).content
    cover = dict(r[:2] for r in sheet(xlsx, "Cover") if r and r[0])
    # July's contacts were OLDER's; August's and September's SHORT's (it lapses first).
    assert cover["Federal award numbers"] == f"{SHORT}, {OLDER}"
    assert cover["Agency"] == AGENCY
    assert cover["Funder"] == "Office for Victims of Crime, U.S. Department of Justice"
    text = pdf_text(pdf)
    assert f"Federal award numbers: {SHORT}, {OLDER}" in text
    assert f"Agency: {AGENCY}" in text
    assert "no award covers" not in text and "award n/a" not in text


def test_an_award_that_does_not_cover_the_quarter_is_refused_everywhere(client, quarter, tmp_path):
    with at(moment(2026, 12, 1)):
        with pytest.raises(ValueError, match=f"{LATER}'s period of performance"):
            generate("pmt", "xlsx", actor=quarter, period=Q4, award_number=LATER)
        out = tmp_path / "pmt.xlsx"
        with pytest.raises(CommandError, match="does not cover FY2026 Q4"):
            call_command(
                "voca_report", "pmt", "--quarter", "FY2026Q4", "--award", LATER,
                "--output", str(out),
            )  # fmt: skip
        login(client, quarter)
        data = {"format": "xlsx", "quarter": "FY2026Q4", "award": LATER}
        response = client.post(reverse("grants_report", args=["pmt"]), data)
    assert response.status_code == 200
    assert f"{LATER}&#x27;s period of performance" in response.content.decode()
    assert not out.exists()
    assert not ExportLog.objects.exists() and not GeneratedExport.objects.exists()


def test_the_pmt_for_one_award_counts_only_the_contacts_it_funded(quarter, tmp_path):
    older = generate("pmt", "xlsx", actor=quarter, period=Q4, award_number=OLDER).content
    out = tmp_path / "short.xlsx"
    call_command(
        "voca_report", "pmt", "--quarter", "FY2026Q4", "--award", SHORT,
        "--output", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    whole = generate("pmt", "xlsx", actor=quarter, period=Q4).content
    # OLDER funded the three July contacts: clients a, b, c, all new.
    figures = summary(older)
    assert figures["Individuals served this period"] == 3
    assert figures["Contacts this period (voided contacts excluded)"] == 3
    assert figures["Anonymous contacts (served without identifying as a client)"] == 0
    assert row(sheet(older, "Funding awards"), OLDER)[1] == 3
    cover = dict(r[:2] for r in sheet(older, "Cover") if r and r[0])
    assert cover["Federal award number"] == OLDER
    # SHORT funded a (again, August), d (September) and the anonymous contact.
    short = summary(out.read_bytes())
    assert short["Individuals served this period"] == 2
    assert short["New individuals (first served this federal fiscal year)"] == 2
    assert short["Contacts this period (voided contacts excluded)"] == 3
    assert short["Anonymous contacts (served without identifying as a client)"] == 1
    # Without an award: everyone (a, b, c, d; 6 contacts).
    assert summary(whole)["Individuals served this period"] == 4
    assert summary(whole)["Contacts this period (voided contacts excluded)"] == 6
