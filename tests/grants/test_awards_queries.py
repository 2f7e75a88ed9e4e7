"""The portfolio and every money report in a number of queries that does not grow with awards
(or with their draws): measured with one award, then asserted with three."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.exports.operations import generate
from grants.portfolio import portfolio
from grants.reports.period import Period
from tests.factories import make_award, make_draw, make_line, make_match, make_paid_draw
from tests.helpers import at, moment

pytestmark = pytest.mark.django_db
YEAR = Period.from_dates(dt.date(2025, 10, 1), dt.date(2026, 9, 30))
REPORTS = ["sf425", "budget", "claim", "draws", "audit"]


def add_award(finance, manager, i, draws):
    with at(moment(2026, 3, 20)):
        award = make_award(
            manager,
            number=f"15POVC-2{i}-GG-{i}",
            period_start=dt.date(2022 + i, 10, 1),
            period_end=dt.date(2026 + i, 9, 30),
        )
        lines = [make_line(manager, award, "20000.00", description=f"Line {n}") for n in range(2)]
        for n in range(draws):
            make_paid_draw(finance, manager, lines[n % 2], "100.00")
        make_draw(finance, lines[0], "50.00", submit=True)
        make_match(finance, award, value="300.00")
    return award


def queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_the_portfolio_takes_the_same_queries_for_one_and_three_awards(
    finance, manager, django_assert_num_queries
):
    add_award(finance, manager, 0, draws=1)
    one = queries(lambda: portfolio(dt.date(2026, 9, 1)).totals)
    add_award(finance, manager, 1, draws=3)
    add_award(finance, manager, 2, draws=3)
    with django_assert_num_queries(one):
        view = portfolio(dt.date(2026, 9, 1))
        assert len(view.open) == 3 and view.totals["paid"] == 700
        assert view.warnings


@pytest.mark.parametrize("key", REPORTS)
def test_every_money_report_takes_the_same_queries_for_one_and_three_awards(
    finance, manager, key, django_assert_num_queries
):
    first = add_award(finance, manager, 0, draws=1)
    number = first.federal_award_number

    def run():
        # A fresh user each time, as each request has (it caches its organization on itself).
        actor = type(finance).objects.get(pk=finance.pk)
        generate(key, "xlsx", actor=actor, period=YEAR, award_number=number)

    one = queries(run)
    for i in (1, 2):
        add_award(finance, manager, i, draws=4)
    with at(moment(2026, 3, 21)):  # and more draws on the award reported on
        line = first.lines.first()
        for _ in range(3):
            make_paid_draw(finance, manager, line, "10.00")
    with django_assert_num_queries(one):
        run()
