"""The state's administrative share (28 CFR 94.107): lines for administration and training stay
within 5% of each award; the award page and the report show cap, budgeted, committed, spent."""

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from grants.admin_share import admin_share
from grants.exports.operations import generate
from grants.models import BudgetLine
from grants.reports.period import Period
from tests.factories import make_award, make_draw, make_line, make_paid_draw, make_revision
from tests.helpers import at, login, moment
from tests.support.reports_data import row, sheet

pytestmark = pytest.mark.django_db
D = Decimal
TOTAL = D("100010.10")
# 5% of the award, half-up to the cent, computed here and not by the code under test.
CAP = (TOTAL * D("0.05")).quantize(D("0.01"), ROUND_HALF_UP)


@pytest.fixture
def odd_award(manager):
    with at(moment(2025, 9, 20)):
        return make_award(manager, total=str(TOTAL), number="15POVC-ADMIN-01")


def test_cap_is_five_percent_rounded_half_up(odd_award):
    assert D("5000.51") == CAP
    assert admin_share(odd_award).cap == CAP


def test_admin_line_within_cap_is_kept_and_above_is_refused_with_nothing_saved(manager, odd_award):
    make_line(manager, odd_award, amount="3000.00", category="personnel", administration=True)
    make_line(manager, odd_award, amount="2000.51", category="travel", administration=True)
    assert admin_share(odd_award).budgeted == CAP
    with pytest.raises(ValidationError) as refused:
        make_line(manager, odd_award, amount="0.01", category="supplies", administration=True)
    assert "at most 5% of award 15POVC-ADMIN-01 ($5,000.51" in str(refused.value)
    assert "at most $0.00 more" in str(refused.value)
    assert BudgetLine.objects.filter(award=odd_award).count() == 2
    # Program lines are not administration: the cap does not apply to them.
    make_line(manager, odd_award, amount="50000.00")
    assert admin_share(odd_award).budgeted == CAP


def test_a_revision_onto_an_admin_line_is_refused_above_the_cap(finance, manager, odd_award):
    admin = make_line(manager, odd_award, amount="4000.00", administration=True)
    program = make_line(manager, odd_award, amount="20000.00", description="Advocates")
    with pytest.raises(ValidationError) as refused:
        make_revision(finance, program, admin, amount="1000.52")
    assert "Administration and training may be at most 5%" in str(refused.value)
    revision = make_revision(finance, program, admin, amount="1000.51", approver=manager)
    admin.refresh_from_db()
    assert revision.status == "approved" and admin.amount == CAP
    # Moving money off the admin line is always allowed.
    make_revision(finance, admin, program, amount="500.00", approver=manager)
    assert admin_share(odd_award).left_under_cap == D("500.00")


def test_figures_count_spent_and_committed_on_admin_lines_only(finance, manager, odd_award):
    admin = make_line(manager, odd_award, amount="5000.00", administration=True)
    program = make_line(manager, odd_award, amount="20000.00")
    with at(moment(2026, 3, 20)):
        make_paid_draw(finance, manager, admin, amount="1200.25")
        make_draw(finance, admin, amount="300.10", submit=True)
        make_paid_draw(finance, manager, program, amount="999.00")
    share = admin_share(odd_award)
    assert (share.budgeted, share.spent, share.committed) == (
        D("5000.00"),
        D("1200.25"),
        D("300.10"),
    )
    assert share.left_under_cap == CAP - D("5000.00")


def test_award_page_shows_the_administrative_share(client, manager, odd_award):
    make_line(manager, odd_award, amount="4321.00", administration=True)
    login(client, manager)
    page = client.get(f"/admin/grants_awards/inspect/{odd_award.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Administration and training cap (5%, 28 CFR 94.107)" in html
    assert "$5,000.51" in html and "$4,321.00" in html and "$679.51" in html
    dashboard = client.get(f"/admin/grants/dashboard/?award={odd_award.pk}").content.decode()
    assert "Administration and training (at most 5%" in dashboard
    assert "$5,000.51" in dashboard and "$679.51" in dashboard


def test_report_lists_admin_lines_and_checks_recalculate_to_fail_on_tampering(
    finance, manager, odd_award
):
    from openpyxl import load_workbook

    from tests.grants.test_reports_print import recalculated_results

    with at(moment(2026, 1, 5)):
        make_line(manager, odd_award, amount="2500.00", administration=True, description="Admin")
        make_line(manager, odd_award, amount="9000.00", description="Advocates")
    with at(moment(2026, 10, 20)):
        content = generate(
            "admin_share",
            "xlsx",
            actor=finance,
            period=Period.from_quarter("FY2026Q4"),
            award_number="15POVC-ADMIN-01",
        ).content
    summary = sheet(content, "Summary")
    assert Decimal(str(row(summary, "Cap (5% of the award)")[1])) == CAP
    assert row(summary, "Budgeted for administration and training")[1] == 2500
    lines = sheet(content, "Administration lines")[1:]
    assert [r[0] for r in lines] == ["Personnel - Victim Service Days: Admin", "Total"]
    book = load_workbook(io.BytesIO(content))
    assert set(recalculated_results(book).values()) == {"PASS"}
    book["Administration lines"]["C2"] = 6000  # above the cap
    results = recalculated_results(book)
    assert "FAIL" in results.values()


def test_the_budget_line_form_shows_the_cap_refusal_and_saves_nothing(client, manager, odd_award):
    from django.urls import reverse

    login(client, manager)
    form = {
        "award": odd_award.pk,
        "category": "personnel",
        "program": "State administration",
        "description": "Grants office staff",
        "amount": "5000.52",
        "administration": "on",
        "reason": "Approved budget",
    }
    response = client.post(reverse("grants_lines:add"), form)
    assert response.status_code == 200
    assert "at most 5% of award 15POVC-ADMIN-01" in response.content.decode()
    assert not BudgetLine.objects.filter(award=odd_award).exists()
    response = client.post(reverse("grants_lines:add"), {**form, "amount": "5000.51"})
    assert response.status_code == 302
    assert BudgetLine.objects.get(award=odd_award).is_administration
