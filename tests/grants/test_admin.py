"""The ledger in the Wagtail admin, as each role sees it."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from grants import operations
from grants.models import Award, Draw, DrawStatus, MatchContribution
from tests.factories import make_draw, make_line, make_paid_draw, make_revision, make_user
from tests.helpers import admin_menu_names, login
from voca.roles import ADVOCATE, AUDITOR, EDITOR, FINANCE, GRANTS_MANAGER, ROLES, SUPERVISOR

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    """Wagtail answers a refused admin page with a 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


@pytest.fixture
def ledger(finance, manager, award, line):
    paid = make_paid_draw(finance, manager, line, "120.00", document=ContentFile(b"inv", "inv.txt"))
    submitted = make_draw(finance, line, "80.00", submit=True)
    other = make_line(manager, award, "0.00", category="travel", description="Mileage")
    revision = make_revision(finance, line, other, "10.00", reason="x")
    return {
        "paid": paid,
        "submitted": submitted,
        "revision": revision,
        "award": award,
        "line": line,
    }


READ_PAGES = [
    "/admin/grants/dashboard/",
    "/admin/grants/balances/?award={award}&at=2026-09-30T23:59",
    "/admin/grants_awards/",
    "/admin/grants_awards/inspect/{award}/",
    "/admin/grants_awards/history/{award}/",
    "/admin/grants_lines/inspect/{line}/",
    "/admin/grants_lines/history/{line}/",
    "/admin/grants_draws/",
    "/admin/grants_draws/inspect/{paid}/",
    "/admin/grants_draws/history/{paid}/",
    "/admin/grants_revisions/",
    "/admin/grants_match/",
    "/admin/grants/documents/draw/{paid}/",
]
# page -> roles allowed (fixture names)
WRITE_PAGES = {
    "/admin/grants_awards/new/": {"manager"},
    "/admin/grants_lines/new/": {"manager"},
    "/admin/grants_revisions/new/": {"finance", "manager"},
    "/admin/grants/revisions/{revision}/approve/": {"manager"},
    "/admin/grants_draws/new/": {"finance"},
    "/admin/grants/draws/{submitted}/approve/": {"manager"},
    "/admin/grants/draws/{submitted}/reject/": {"manager"},
    "/admin/grants/draws/{paid}/reverse/": {"finance"},
    "/admin/grants_match/new/": {"finance"},
    "/admin/grants_draws/delete/{paid}/": set(),
    "/admin/grants_draws/delete/{submitted}/": set(),
    "/admin/grants_awards/delete/{award}/": set(),
    "/admin/grants_lines/edit/{line}/": set(),
    "/admin/grants_revisions/delete/{revision}/": set(),
}


def fill(url, ledger):
    return url.format(**{k: v.pk for k, v in ledger.items()})


@pytest.mark.parametrize("who", ["finance", "manager", "auditor"])
def test_money_roles_read_everything_and_write_only_their_part(client, request, ledger, who):
    user = request.getfixturevalue(who)
    login(client, user)
    for url in READ_PAGES:
        response = client.get(fill(url, ledger))
        assert response.status_code == 200, url
    for url, allowed in WRITE_PAGES.items():
        response = client.get(fill(url, ledger))
        if who in allowed:
            assert response.status_code == 200, url
        else:
            assert denied(response), f"{who} should be refused {url}"


@pytest.mark.parametrize("role", [ADVOCATE, SUPERVISOR, EDITOR])
def test_other_staff_cannot_open_any_ledger_page(client, roles, ledger, role):
    login(client, make_user("someone", role))
    for url in [*READ_PAGES, *WRITE_PAGES]:
        assert denied(client.get(fill(url, ledger))), url


def test_even_a_superuser_cannot_delete_money_records(client, roles, ledger):
    admin = make_user("root", is_superuser=True, is_staff=True)
    login(client, admin)
    for url in ("/admin/grants_draws/delete/{paid}/", "/admin/grants_awards/delete/{award}/"):
        assert denied(client.post(fill(url, ledger)))
    assert Draw.objects.filter(pk=ledger["paid"].pk).exists()


def test_finance_records_a_draw_and_bad_input_shows_on_the_form(client, finance, line):
    login(client, finance)
    form = {
        "line": line.pk,
        "incurred_on": "2026-03-02",
        "amount": "12.345",
        "payee": "Acme Print",
        "description": "Flyers",
        "submit": "on",
        "reason": "Invoice 55",
    }
    response = client.post("/admin/grants_draws/new/", form)
    assert response.status_code == 200
    assert "Amounts have at most two decimals" in response.content.decode()
    assert not Draw.objects.exists()

    response = client.post("/admin/grants_draws/new/", {**form, "amount": "1000.01"})
    assert "Only $1,000.00 is left on the budget line" in response.content.decode()
    assert "this draw is $1,000.01." in response.content.decode()

    response = client.post(
        "/admin/grants_draws/new/", {**form, "amount": "5.00", "incurred_on": "2028-01-01"}
    )
    assert "inside the period of performance" in response.content.decode()
    assert not Draw.objects.exists()

    invoice = SimpleUploadedFile("invoice-55.pdf", b"%PDF-1.4 invoice", "application/pdf")
    response = client.post(
        "/admin/grants_draws/new/", {**form, "amount": "45.50", "document": invoice}
    )
    draw = Draw.objects.get()
    assert draw.document.read() == b"%PDF-1.4 invoice"
    assert draw.document.path.startswith(str(settings.PRIVATE_STORAGE_ROOT))
    assert response.status_code == 302
    assert (draw.amount, draw.status, draw.requested_by) == (
        Decimal("45.50"),
        DrawStatus.SUBMITTED,
        finance,
    )
    assert draw.history.get().history_change_reason == "Invoice 55"


def test_the_manager_approves_but_not_a_draw_they_submitted(client, finance, manager, line):
    draw = make_draw(finance, line, submit=True)
    login(client, manager)
    response = client.post(f"/admin/grants/draws/{draw.pk}/approve/", {"reason": ""})
    assert response.status_code == 302
    draw.refresh_from_db()
    assert draw.status == DrawStatus.APPROVED and draw.approved_by == manager
    response = client.post(f"/admin/grants/draws/{draw.pk}/reject/", {"reason": ""})
    assert "This field is required" in response.content.decode()


def test_self_approval_is_refused_with_a_message(client, roles, line, finance):
    both = make_user("both", "Finance", "Grants Manager")
    draw = make_draw(both, line, submit=True)
    login(client, both)
    response = client.post(f"/admin/grants/draws/{draw.pk}/approve/", {"reason": "ok"})
    assert response.status_code == 200
    assert "someone else must approve it" in response.content.decode()
    draw.refresh_from_db()
    assert draw.status == DrawStatus.SUBMITTED


def test_editing_a_paid_draw_is_refused_and_a_draft_can_be_edited(client, finance, ledger):
    login(client, finance)
    response = client.get(f"/admin/grants_draws/edit/{ledger['paid'].pk}/", follow=True)
    assert "A paid draw is never edited; record a reversal instead." in response.content.decode()
    draft = make_draw(finance, ledger["line"], "10.00")
    response = client.post(
        f"/admin/grants_draws/edit/{draft.pk}/",
        {
            "line": draft.line_id,
            "incurred_on": "2026-03-15",
            "amount": "11.00",
            "payee": "Acme Print",
            "description": "Flyers",
            "reason": "Invoice corrected",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.amount == Decimal("11.00")


def test_the_timeline_shows_who_changed_what_and_why(client, finance, manager, auditor, line):
    draw = make_draw(finance, line, "75.00", submit=True, reason="Invoice 881")
    operations.approve_draw(actor=manager, draw_id=draw.pk, reason="Receipt matches")
    login(client, auditor)
    html = client.get(f"/admin/grants_draws/history/{draw.pk}/").content.decode()
    approved = html.index("Changed")
    assert "by gale" in html[approved:] and "Receipt matches" in html[approved:]
    # Field-by-field: the status went from Submitted to Approved, and who approved is named.
    assert re.search(r"Status</th><td>Submitted</td><td>Approved</td>", html)
    assert re.search(r"Approved by</th><td>—</td><td>gale</td>", html)
    created = html[html.index("Created") :]
    assert "by fran" in created and "Invoice 881" in created and "$75.00" in created


def test_supporting_documents_are_private_and_served_only_after_a_check(client, auditor, ledger):
    paid = ledger["paid"]
    stored = paid.document.path
    assert stored.startswith(str(settings.PRIVATE_STORAGE_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{paid.document.name}").status_code == 404
    login(client, auditor)
    response = client.get(f"/admin/grants/documents/draw/{paid.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"inv"
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(f"/admin/grants/documents/draw/{paid.pk}/").status_code == 302


def test_dashboard_shows_where_the_award_stands(client, manager, ledger):
    login(client, manager)
    html = client.get("/admin/grants/dashboard/").content.decode()
    assert "$100,000.00" in html  # award total
    assert "$120.00" in html and "$80.00" in html  # paid, committed
    assert "Required: <strong>$25,000.00</strong>" in html
    assert "grants-bar__paid" in html


def test_balances_as_of_a_date_before_the_award(client, auditor, ledger):
    login(client, auditor)
    html = client.get(
        f"/admin/grants/balances/?award={ledger['award'].pk}&at=2020-01-01T00:00"
    ).content.decode()
    assert "Balances as of 1 Jan 2020 00:00" in html
    assert "had not been recorded yet" in html


GRANTS_MENUS = {"voca-grant", "dashboard", "awards", "draws", "budget-lines", "match"}


@pytest.mark.parametrize("role", [r.name for r in ROLES])
def test_only_money_roles_see_the_grant_menus(client, roles, role):
    login(client, make_user("someone", role))
    menus = admin_menu_names(client.get("/admin/"))
    if role in (FINANCE, GRANTS_MANAGER, AUDITOR):
        assert menus >= GRANTS_MENUS
    else:
        assert not (menus & GRANTS_MENUS), f"{role} should not see the ledger"


def test_manager_creates_an_award_and_its_budget_through_the_admin(client, manager):
    login(client, manager)
    award_form = {
        "federal_award_number": "15POVC-26-GG-00001",
        "funder": "Office for Victims of Crime",
        "administering_agency": "State Department of Public Safety",
        "federal_fiscal_year": "2027",
        "total_amount": "50000.00",
        "period_start": "2026-10-01",
        "period_end": "2026-09-30",
        "match_rate": "0.20",
        "match_waiver_percent": "0",
        "reason": "Award letter",
    }
    response = client.post("/admin/grants_awards/new/", award_form)
    assert "must end after it starts" in response.content.decode()
    response = client.post("/admin/grants_awards/new/", {**award_form, "period_end": "2028-09-30"})
    assert response.status_code == 302
    award = Award.objects.get(federal_award_number="15POVC-26-GG-00001")
    line_form = {
        "award": award.pk,
        "category": "personnel",
        "program": "Victim Advocates",
        "description": "Advocates",
        "amount": "50000.01",
        "reason": "Budget",
    }
    response = client.post("/admin/grants_lines/new/", line_form)
    assert "only $50,000.00 of the award is not yet budgeted" in response.content.decode()
    response = client.post("/admin/grants_lines/new/", {**line_form, "amount": "50000.00"})
    assert response.status_code == 302
    assert award.lines.get().amount == Decimal("50000.00")


def test_the_award_form_takes_every_match_rate_the_ledger_accepts(client, manager):
    """One rule for the match rate, create_award's (below 1): the form refused 0.995 as > 0.99."""
    login(client, manager)
    award_form = {
        "federal_award_number": "15POVC-26-GG-00002",
        "funder": "Office for Victims of Crime",
        "administering_agency": "State Department of Public Safety",
        "federal_fiscal_year": "2027",
        "total_amount": "50000.00",
        "period_start": "2026-10-01",
        "period_end": "2028-09-30",
        "match_rate": "0.995",
        "match_waiver_percent": "0",
        "reason": "Award letter",
    }
    response = client.post("/admin/grants_awards/new/", award_form)
    assert response.status_code == 302
    award = Award.objects.get(federal_award_number="15POVC-26-GG-00002")
    assert award.match_rate == Decimal("0.9950")
    response = client.post(
        "/admin/grants_awards/new/",
        {**award_form, "federal_award_number": "15POVC-26-GG-00003", "match_rate": "1"},
    )
    assert response.status_code == 200
    assert "from 0 to less than 1" in response.content.decode()
    assert not Award.objects.filter(federal_award_number="15POVC-26-GG-00003").exists()


def test_finance_requests_a_revision_and_the_manager_approves_it(client, finance, manager, ledger):
    other = ledger["revision"].to_line
    login(client, finance)
    response = client.post(
        "/admin/grants_revisions/new/",
        {"from_line": ledger["line"].pk, "to_line": other.pk, "amount": "5000", "reason": "x"},
    )
    assert "below what is already spent or committed" in response.content.decode()
    client.logout()
    login(client, manager)
    revision = ledger["revision"]
    response = client.post(f"/admin/grants/revisions/{revision.pk}/approve/", {"reason": ""})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.amount == Decimal("10.00")


def test_finance_records_volunteer_match(client, finance, award):
    login(client, finance)
    form = {
        "award": award.pk,
        "contributed_on": "2026-04-02",
        "kind": "volunteer",
        "hours": "10",
        "hourly_rate": "",
        "value": "",
        "description": "Volunteers at a service day",
        "reason": "Sign-in sheets",
    }
    response = client.post("/admin/grants_match/new/", form)
    assert "Volunteer time needs the hours and the rate." in response.content.decode()
    response = client.post("/admin/grants_match/new/", {**form, "hourly_rate": "31.80"})
    assert response.status_code == 302
    assert MatchContribution.objects.get().value == Decimal("318.00")


def test_the_draws_listing_writes_money_and_months_the_way_the_title_does(
    client, finance, manager, line
):
    paid = make_paid_draw(finance, manager, line, "864.25")
    operations.reverse_draw(actor=finance, draw_id=paid.pk, reason="Duplicate invoice")
    login(client, finance)
    html = client.get("/admin/grants_draws/").content.decode()
    assert "$864.25" in html and "-$864.25" in html
    assert ">864.25<" not in html and "$-864.25" not in html
    assert "Mar 2026" in html and "March 1, 2026" not in html


def test_approving_shows_the_figures_and_says_what_happened(client, finance, manager, line):
    draw = make_draw(finance, line, "864.25", submit=True, document=ContentFile(b"x", "inv.txt"))
    login(client, manager)
    url = f"/admin/grants/draws/{draw.pk}/approve/"
    html = client.get(url).content.decode()
    for shown in ("$864.25", str(line), "$135.75", "Supporting document", "History"):
        assert shown in html
    response = client.post(url, {"reason": "Invoice checked"}, follow=True)
    line_label = "Personnel \N{EN DASH} Victim Service Days"
    said = f"Draw #{draw.pk} approved: $864.25 on {line_label} of award {line.award}; $135.75 left."
    assert said in response.content.decode()


def test_recording_payment_asks_the_date_paid_and_reference_and_keeps_them(
    client, finance, finance2, manager, line
):
    draw = make_draw(finance, line, "100.00", submit=True)
    operations.approve_draw(actor=manager, draw_id=draw.pk)
    login(client, finance2)
    url = f"/admin/grants/draws/{draw.pk}/pay/"
    assert 'name="payment_reference"' in client.get(url).content.decode()
    refused = client.post(url, {"paid_on": "2026-03-01", "payment_reference": "CHK 1042"})
    assert "cannot be before the cost was incurred (15 Mar 2026)" in refused.content.decode()
    response = client.post(url, {"paid_on": "2026-03-20", "payment_reference": "CHK 1042"})
    assert response.status_code == 302
    draw.refresh_from_db()
    assert (draw.status, draw.paid_on.isoformat(), draw.payment_reference) == (
        "paid",
        "2026-03-20",
        "CHK 1042",
    )
    latest = draw.history.order_by("-history_id").first()
    assert latest.payment_reference == "CHK 1042" and latest.history_user == finance2


def test_the_draw_page_shows_the_reason_given_and_peoples_names(client, finance, manager, line):
    finance.first_name, finance.last_name = "Fran", "Okafor"
    finance.save()
    draw = make_draw(finance, line, "50.00", submit=True, reason="March printing invoice")
    login(client, manager)
    html = client.get(f"/admin/grants_draws/inspect/{draw.pk}/").content.decode()
    assert "March printing invoice" in html and "Fran Okafor" in html
    assert ">None<" not in html and "None\n" not in html
