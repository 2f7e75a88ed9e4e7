"""The money screens with several awards: which award each draw, revision and line belongs to,
what a budget revision moves, and the supporting document one click away."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile

from grants.models import BudgetRevision, RevisionStatus
from tests.factories import make_award, make_draw, make_line, make_paid_draw, make_revision
from tests.helpers import at, login, moment

pytestmark = pytest.mark.django_db

EM = "\N{EM DASH}"
EN = "\N{EN DASH}"
LINE = "Personnel - Victim Service Days: Program representatives"


def text(response) -> str:
    """The page as a person reads it: tags dropped, spaces collapsed, entities decoded."""
    import html as html_lib

    plain = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html_lib.unescape(plain))


def listing(response) -> str:
    """The rows of an admin listing as text (not its filters)."""
    table = re.search(r'<table[^>]*class="[^"]*listing.*?</table>', response.content.decode(), re.S)
    assert table, "no listing on this page"
    body = re.search(r"<tbody.*?</tbody>", table.group(0), re.S)
    assert body, "no listing on this page"
    return text(type("R", (), {"content": body.group(0).encode()}))


@pytest.fixture
def awards(finance, manager):
    """Two awards with the same line name; a draw on each, with different payees."""
    with at(moment(2026, 3, 20)):
        older = make_award(manager, total="50000.00", number="15POVC-25-GG-00417-ASSI")
        newer = make_award(
            manager,
            total="80000.00",
            number="15POVC-26-GG-00502-ASSI",
            federal_fiscal_year=2027,
            period_end=dt.date(2028, 9, 30),
        )
        older_line = make_line(manager, older, "1000.00")
        newer_line = make_line(manager, newer, "2000.00")
        make_draw(finance, older_line, "11.00", submit=True, payee="Acme Print")
        newer_draw = make_draw(finance, newer_line, "22.00", submit=True, payee="Bolt Travel")
    return {
        "older": older,
        "newer": newer,
        "older_line": older_line,
        "newer_line": newer_line,
        "newer_draw": newer_draw,
    }


def test_the_draws_list_has_an_award_column_and_filter(client, finance, awards):
    login(client, finance)
    response = client.get("/admin/grants_draws/")
    page, rows = text(response), listing(response)
    assert re.search(r"<th[^>]*>\s*(<a[^>]*>)?\s*Award\b", response.content.decode())
    assert "15POVC-25-GG-00417-ASSI (FY2026)" in rows
    assert "15POVC-26-GG-00502-ASSI (FY2027)" in rows
    # The line filter names each line's award: the two lines have the same name.
    assert f"15POVC-25-GG-00417-ASSI {EM} {LINE}" in page
    assert f"15POVC-26-GG-00502-ASSI {EM} {LINE}" in page
    filtered = listing(client.get(f"/admin/grants_draws/?award={awards['newer'].pk}"))
    assert "Bolt Travel" in filtered and "Acme Print" not in filtered


def test_the_revisions_list_has_an_award_column_and_filter(client, finance, manager, awards):
    revisions = {}
    with at(moment(2026, 3, 20)):
        for key in ("older", "newer"):
            other = make_line(manager, awards[key], "0.00", category="travel", description="Miles")
            revisions[key] = make_revision(
                finance, awards[f"{key}_line"], other, "10.00", reason=f"Move {key}"
            )
    login(client, finance)
    response = client.get("/admin/grants_revisions/")
    rows = listing(response)
    assert re.search(r"<th[^>]*>\s*(<a[^>]*>)?\s*Award\b", response.content.decode())
    assert "15POVC-25-GG-00417-ASSI (FY2026)" in rows
    assert "15POVC-26-GG-00502-ASSI (FY2027)" in rows
    filtered = listing(client.get(f"/admin/grants_revisions/?award={awards['older'].pk}"))
    assert f"Budget revision #{revisions['older'].pk}:" in filtered
    assert f"Budget revision #{revisions['newer'].pk}:" not in filtered


def test_the_draw_approval_page_and_its_confirmation_name_the_award(client, manager, awards):
    draw = awards["newer_draw"]
    login(client, manager)
    url = f"/admin/grants/draws/{draw.pk}/approve/"
    with at(moment(2026, 3, 21)):
        page = text(client.get(url))
        award = f"Award 15POVC-26-GG-00502-ASSI {EM} FY2027 award, 1 Oct 2025 {EN} 30 Sep 2028"
        assert award in page
        done = text(client.post(url, {"reason": "Invoice checked"}, follow=True))
    assert (
        f"Draw #{draw.pk} approved: $22.00 on Personnel {EN} Victim Service Days of award "
        "15POVC-26-GG-00502-ASSI (FY2027); $1,978.00 left." in done
    )


def test_every_line_choice_of_the_revision_form_names_its_award_and_the_unbudgeted_money(
    client, finance, awards
):
    login(client, finance)
    page = text(client.get("/admin/grants_revisions/new/"))
    for number in ("15POVC-25-GG-00417-ASSI", "15POVC-26-GG-00502-ASSI"):
        assert f"{number} {EM} {LINE}" in page
    # 50,000 - 1,000 budgeted and 80,000 - 2,000 budgeted.
    assert f"15POVC-25-GG-00417-ASSI {EM} Not yet budgeted money of the award: $49,000.00" in page
    assert f"15POVC-26-GG-00502-ASSI {EM} Not yet budgeted money of the award: $78,000.00" in page


def test_budgeting_unbudgeted_money_names_the_award_it_comes_from(client, finance, awards):
    login(client, finance)
    form = {
        "from_line": f"unbudgeted-{awards['newer'].pk}",
        "to_line": awards["newer_line"].pk,
        "amount": "500.00",
        "reason": "Second advocate",
    }
    response = client.post("/admin/grants_revisions/new/", form)
    assert response.status_code == 302
    revision = BudgetRevision.objects.get()
    assert (revision.award, revision.from_line, revision.amount) == (
        awards["newer"],
        None,
        revision.amount,
    )
    # Unbudgeted money of one award cannot go to another award's line.
    refused = client.post(
        "/admin/grants_revisions/new/", {**form, "from_line": f"unbudgeted-{awards['older'].pk}"}
    )
    assert "money never moves between awards" in text(refused)
    assert BudgetRevision.objects.count() == 1


def test_the_revision_approval_page_shows_what_moves_with_balances_before_and_after(
    client, finance, manager, awards
):
    finance.first_name, finance.last_name = "Fran", "Okafor"
    finance.save()
    line = awards["older_line"]
    with at(moment(2026, 3, 20)):
        make_paid_draw(finance, manager, line, "120.00")  # with the 11.00 submitted: 131 used
        other = make_line(manager, awards["older"], "40.00", category="travel", description="Miles")
        revision = make_revision(finance, line, other, "100.00", reason="Mileage runs over")
    login(client, manager)
    url = f"/admin/grants/revisions/{revision.pk}/approve/"
    page = text(client.get(url))
    assert f"Award 15POVC-25-GG-00417-ASSI {EM} FY2026 award, 1 Oct 2025 {EN} 30 Sep 2027" in page
    assert "Amount to move $100.00" in page
    assert "Requested by Fran Okafor" in page and "Reason Mileage runs over" in page
    # Budget before -> after; used; remaining before -> after.
    assert f"From {LINE} $1,000.00 $900.00 $131.00 $869.00 $769.00" in page
    assert "To Travel - Victim Service Days: Miles $40.00 $140.00 $0.00 $40.00 $140.00" in page
    assert "History" in page and "Created" in page
    with at(moment(2026, 3, 21)):
        done = text(client.post(url, {"reason": "Agreed"}, follow=True))
    assert (
        f"Budget revision #{revision.pk} approved: $100.00 from Personnel {EN} Victim Service Days "
        f"to Travel {EN} Victim Service Days of award 15POVC-25-GG-00417-ASSI (FY2026)." in done
    )
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPROVED


def test_the_revision_approval_page_says_how_much_is_unbudgeted(client, finance, manager, awards):
    with at(moment(2026, 3, 20)):
        revision = make_revision(finance, None, awards["older_line"], "500.00", reason="More")
    login(client, manager)
    page = text(client.get(f"/admin/grants/revisions/{revision.pk}/approve/"))
    # 50,000 - 1,000 budgeted = 49,000 unbudgeted; 500 of it moves to the line (11 used on it).
    assert (
        "From Not yet budgeted money of award 15POVC-25-GG-00417-ASSI "
        "$49,000.00 $48,500.00 $0.00 $49,000.00 $48,500.00" in page
    )
    assert f"To {LINE} $1,000.00 $1,500.00 $11.00 $989.00 $1,489.00" in page


def test_the_draw_page_links_its_supporting_document(client, finance, auditor, awards):
    with at(moment(2026, 3, 20)):
        draw = make_draw(
            finance, awards["older_line"], "5.00", document=ContentFile(b"inv", "inv.txt")
        )
    login(client, auditor)
    html = client.get(f"/admin/grants_draws/inspect/{draw.pk}/").content.decode()
    link = f'href="/admin/grants/documents/draw/{draw.pk}/"'
    field = re.search(r"Supporting document</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    assert field and link in field.group(1)
    assert client.get(f"/admin/grants/documents/draw/{draw.pk}/").status_code == 200
