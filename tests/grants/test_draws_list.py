"""The draws listing pages "Newer"/"Older" by (month, id): every draw once, latest month first,
the award filter kept, and the same queries on any page however many draws there are."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.models import Draw
from tests.factories import make_award, make_draw, make_line
from tests.helpers import at, login, moment
from tests.voca.test_columns import listing_both_ways

LIST = "/admin/grants_draws/"


def draws(finance, line, count):
    """``count`` $1.00 draws, incurred over January to March 2026 (several in each month)."""
    with at(moment(2026, 6, 1)):
        return [
            make_draw(finance, line, "1.00", incurred_on=dt.date(2026, 1 + i % 3, 10))
            for i in range(count)
        ]


def shown(page: str) -> list[int]:
    return [int(pk) for pk in dict.fromkeys(re.findall(r"Draw #(\d+):", page))]


def links(page: str) -> dict[str, str]:
    found = re.findall(r'<a href="([^"]+)">(?:(?!</a>).)*?\b(Newer|Older)\b', page, re.DOTALL)
    return {label: html.unescape(href) for href, label in found}


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def walk(client, url, towards) -> list[list[int]]:
    pages = []
    while url:
        page = get(client, url)
        pages.append(shown(page))
        url = links(page).get(towards)
    return pages


@pytest.mark.django_db
def test_older_pages_show_each_draw_once_latest_month_first_and_newer_comes_back(
    client, finance, line
):
    draws(finance, line, 45)
    login(client, finance)
    expected = list(Draw.objects.order_by("-month", "-pk").values_list("pk", flat=True))

    pages = walk(client, LIST, "Older")

    assert [len(p) for p in pages] == [20, 20, 5]
    assert [pk for page in pages for pk in page] == expected
    last = get(client, links(get(client, links(get(client, LIST))["Older"]))["Older"])
    assert shown(last) == pages[2]
    assert walk(client, links(last)["Newer"], "Newer") == pages[1::-1]
    assert "45 draws" in get(client, LIST)


@pytest.mark.django_db
def test_the_award_filter_is_kept_from_page_to_page(client, finance, manager, line):
    other = make_line(manager, make_award(manager, number="15POVC-TEST-0002"), amount="1000.00")
    draws(finance, line, 25)
    draws(finance, other, 5)
    login(client, finance)

    pages = walk(client, f"{LIST}?award={line.award_id}", "Older")

    assert [len(p) for p in pages] == [20, 5]
    on_line = set(Draw.objects.filter(line=line).values_list("pk", flat=True))
    assert {pk for page in pages for pk in page} == on_line


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return len(captured)


@pytest.mark.django_db
def test_the_same_queries_for_3_and_60_draws_and_on_later_pages(client, finance, line):
    draws(finance, line, 3)
    login(client, finance)
    get(client, LIST)  # sessions and caches settled
    few = queries(client, LIST)

    draws(finance, line, 57)
    many = queries(client, LIST)
    second = links(get(client, LIST))["Older"]
    third = links(get(client, second))["Older"]

    assert few == many == queries(client, second) == queries(client, third)


@pytest.mark.django_db
def test_the_listing_is_exactly_what_wagtails_cell_templates_render(
    client, finance, manager, line, monkeypatch
):
    draws(finance, line, 4)
    for user in (finance, manager):
        login(client, user)
        ours, wagtails = listing_both_ways(client, LIST, monkeypatch)
        assert ours.count("<tr") == 5 and "$1.00" in ours
        assert ours == wagtails
