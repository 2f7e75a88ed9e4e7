"""The pages that show balances sum the draws in the database, by line, and load none: the
dashboard of one award and the money roles' home page take the same number of queries with one
draw on the award as with many, read draws only as sums, and still show the right figures."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_award, make_draw, make_line, make_paid_draw
from tests.helpers import at, login, moment

pytestmark = pytest.mark.django_db
WHEN = moment(2026, 3, 20)


def queries(client, url) -> tuple[int, str]:
    with at(WHEN), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    draw_reads = [q["sql"] for q in captured if '"grants_draw"' in q["sql"]]
    assert draw_reads and all("SUM(" in sql for sql in draw_reads), draw_reads
    # Grouped by columns only: an expression in the GROUP BY (a subquery, or its place in the
    # select list, "GROUP BY id, 12") makes PostgreSQL run the subquery once per draw row.
    grouped = [
        key.strip()
        for sql in draw_reads
        for clause in re.findall(r"GROUP BY (.*?)(?:\)|ORDER BY|HAVING|LIMIT|$)", sql)
        for key in clause.split(",")
    ]
    assert grouped and all(re.fullmatch(r'("?\w+"?\.)?"?[A-Za-z_]\w*"?', key) for key in grouped), (
        grouped
    )
    return len(captured), response.content.decode()


@pytest.mark.parametrize(
    "who, page",
    [
        ("manager", "dashboard"),
        ("finance", "dashboard"),
        ("finance", "home"),
        ("manager", "home"),
        ("auditor", "home"),
    ],
)
def test_balance_pages_take_the_same_queries_with_one_draw_as_with_many(
    client, request, finance, manager, who, page
):
    with at(WHEN):
        award = make_award(manager)
        lines = [make_line(manager, award, "5000.00", description=f"Line {n}") for n in range(2)]
        make_paid_draw(finance, manager, lines[0], "100.00")
    url = f"/admin/grants/dashboard/?award={award.pk}" if page == "dashboard" else "/admin/"
    login(client, request.getfixturevalue(who))
    queries(client, url)  # caches warmed (site, settings, permissions)
    one, _ = queries(client, url)

    with at(WHEN):
        for n in range(24):
            make_paid_draw(finance, manager, lines[n % 2], "100.00")
        make_draw(finance, lines[1], "50.00", submit=True)
    many, html = queries(client, url)

    assert many == one
    assert "$2,500.00" in html  # paid: 25 draws of $100
    assert "$50.00" in html  # committed
    assert "$97,450.00" in html  # remaining of the $100,000 award
