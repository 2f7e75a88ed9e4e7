"""The portfolio dashboard: every open award side by side, lapse warnings, constant queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.portfolio import portfolio
from tests.factories import make_award, make_draw, make_line, make_match, make_paid_draw
from tests.helpers import at, login, moment

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)


def _awards(finance, manager, count):
    with at(moment(2026, 3, 20)):
        for i in range(count):
            award = make_award(
                manager,
                total="100000.00",
                number=f"15POVC-2{i}-GG-{i}",
                period_start=dt.date(2022 + i, 10, 1),
                period_end=dt.date(2026 + i, 9, 30),
            )
            make_paid_draw(finance, manager, make_line(manager, award, "50000.00"), "1000.00")
            make_match(finance, award, value="300.00")


def test_every_open_award_side_by_side_with_totals_and_closed_ones_apart(finance, manager):
    _awards(finance, manager, 3)
    view = portfolio(dt.date(2027, 2, 1))  # the first award's liquidation ended 28 Jan 2027
    # Past its liquidation period but not closed out: listed apart, awaiting close-out.
    assert [r.award.federal_award_number for r in view.awaiting_close_out] == ["15POVC-20-GG-0"]
    assert view.closed == []
    assert [r.award.federal_award_number for r in view.open] == ["15POVC-21-GG-1", "15POVC-22-GG-2"]
    totals = view.totals
    assert totals["total"] == Decimal("200000.00") and totals["paid"] == Decimal("2000.00")
    assert totals["budgeted"] == Decimal("100000.00")
    assert totals["remaining"] == Decimal("198000.00")
    assert totals["match_provided"] == Decimal("600.00")


def test_money_about_to_lapse_is_warned_at_90_60_30_days(finance, manager):
    _awards(finance, manager, 1)
    near = portfolio(dt.date(2026, 8, 31)).warnings
    assert near[0] == (
        "15POVC-20-GG-0: 30 days left (under 30) and $99,000.00 not yet spent or committed."
    )
    assert near[1].startswith("15POVC-20-GG-0: at the average spending of the last 1,431 days, $")
    assert near[1].endswith(" will lapse on 30 Sep 2026.")
    assert "days left (under 90)" in portfolio(dt.date(2026, 7, 10)).warnings[0]
    assert not any("days left" in w for w in portfolio(dt.date(2026, 6, 1)).warnings)


@pytest.mark.parametrize("count", [1, 4])
def test_the_portfolio_takes_three_queries_whatever_the_number_of_awards(
    finance, manager, count, django_assert_num_queries
):
    _awards(finance, manager, count)
    with django_assert_num_queries(3):
        view = portfolio(TODAY)
        assert len(view.rows) == count and view.totals and view.warnings is not None


def test_the_dashboard_shows_every_award_in_the_same_number_of_queries(client, finance, manager):
    login(client, finance)
    _awards(finance, manager, 1)
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/grants/dashboard/")
    with at(moment(2026, 3, 20)):
        for i in (5, 6, 7):
            award = make_award(manager, number=f"15POVC-X-{i}")
            make_paid_draw(finance, manager, make_line(manager, award), "10.00")
    with CaptureQueriesContext(connection) as four:
        page = client.get("/admin/grants/dashboard/").content.decode()
    assert "All awards" in page and "15POVC-X-7" in page and "15POVC-20-GG-0" in page
    assert len(one) == len(four)


def test_the_lapse_projection_never_exceeds_what_is_uncommitted_and_says_how_it_was_made(
    client, finance, manager
):
    """Paid $1,000 over 701 days ($1.43/day) with $50,000 committed: the old projection said
    $98,958.63 would lapse beside $49,000.00 not yet spent or committed."""
    with at(moment(2026, 3, 20)):
        award = make_award(manager, total="100000.00", number="15POVC-25-GG-1")
        line = make_line(manager, award, "100000.00")
        make_paid_draw(finance, manager, line, "1000.00")
        make_draw(finance, line, "50000.00", submit=True)
    with at(moment(2027, 9, 1)):  # day 701 of 730 (1 Oct 2025 - 30 Sep 2027), 29 days left
        login(client, manager)
        html = client.get("/admin/grants/dashboard/").content.decode()
    # 100,000 - 1,000 paid - 50,000 committed = 49,000 uncommitted; at 1,000 / 701 = $1.43/day
    # for 29 days ($41.37) the committed $50,000 is more than will be spent, so all of it lapses.
    assert "15POVC-25-GG-1: 29 days left (under 30) and $49,000.00 not yet spent or committed." in (
        html
    )
    assert (
        "15POVC-25-GG-1: at the average spending of the last 701 days, $1.43/day, from "
        "1 Oct 2025, $49,000.00 of the $49,000.00 not yet spent or committed will lapse on "
        "30 Sep 2027."
    ) in html
    assert "98,958.63" not in html


def test_the_lapse_projection_counts_spending_ahead_at_the_average_pace(finance, manager):
    with at(moment(2026, 3, 20)):
        award = make_award(manager, total="100000.00", number="15POVC-25-GG-2")
        line = make_line(manager, award, "100000.00")
        make_paid_draw(finance, manager, line, "36500.00")
    # 30 Sep 2026 is day 365: $100/day; 365 days left -> $36,500 more; 100,000 - 73,000 lapses.
    warning = portfolio(dt.date(2026, 9, 30)).rows[0].lapse_warnings[-1]
    assert warning == (
        "15POVC-25-GG-2: at the average spending of the last 365 days, $100.00/day, from "
        "1 Oct 2025, $27,000.00 of the $63,500.00 not yet spent or committed will lapse on "
        "30 Sep 2027."
    )
