"""The clients list pages "Previous"/"Next" by cursor: every client the role sees once, in the
order chosen, and the same queries on any page however many clients there are."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Client
from services.views.listings import ClientIndexView
from tests.factories import make_client, make_contact, make_user
from tests.helpers import login
from voca import roles as R

LIST = "/admin/services/clients/"


@pytest.fixture
def advocate(roles):
    return make_user("owner", R.ADVOCATE, first_name="Olive")


def shown(page: str) -> list[str]:
    return list(
        dict.fromkeys(re.findall(r"/admin/services/clients/inspect/\d+/\">\s*([A-Z0-9]{8})", page))
    )


def links(page: str) -> dict[str, str]:
    found = re.findall(r'<a href="([^"]+)">(?:(?!</a>).)*?\b(Previous|Next)\b', page, re.DOTALL)
    return {label: html.unescape(href) for href, label in found}


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def walk(client, url, towards) -> list[list[str]]:
    pages = []
    while url:
        page = get(client, url)
        pages.append(shown(page))
        url = links(page).get(towards)
    return pages


def register(by, count):
    """``count`` clients registered by ``by``; every third one also served by someone else."""
    other = make_user(f"other{count}", R.SOCIAL_WORKER)
    made = [make_client(by) for _ in range(count)]
    for client in made[::3]:
        make_contact(other, client=client)
    return made


@pytest.mark.django_db
def test_next_pages_show_each_of_my_clients_once_by_code_and_previous_comes_back(client, advocate):
    mine = register(advocate, 45)
    served = make_client(make_user("stranger", R.SOCIAL_WORKER))
    make_contact(advocate, client=served)  # served by me: listed
    make_client(make_user("elsewhere", R.SOCIAL_WORKER))  # never mine: not listed
    login(client, advocate)
    by_code = sorted([c.code for c in mine] + [served.code])

    pages = walk(client, LIST, "Next")

    assert [len(p) for p in pages] == [20, 20, 6]
    assert [code for page in pages for code in page] == by_code
    last = get(client, links(get(client, links(get(client, LIST))["Next"]))["Next"])
    assert "Next" not in links(last)
    assert walk(client, links(last)["Previous"], "Previous") == pages[1::-1]
    assert "Previous" not in links(get(client, LIST))
    assert "46 clients" in get(client, LIST)


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", ["-code", "created_at", "-created_at"])
def test_every_sort_order_pages_through_every_client_once(client, roles, ordering):
    supervisor = make_user("boss", R.SUPERVISOR)
    register(make_user("worker", R.ADVOCATE), 25)
    login(client, supervisor)
    key = ordering.removeprefix("-")
    expected = list(
        Client.objects.order_by(ordering, "-pk" if ordering.startswith("-") else "pk").values_list(
            "code", flat=True
        )
    )
    if key == "code":
        expected = sorted(expected, reverse=True)

    pages = walk(client, f"{LIST}?ordering={ordering}", "Next")

    assert [len(p) for p in pages] == [20, 5]
    assert [code for page in pages for code in page] == expected


@pytest.mark.django_db
def test_the_list_counts_no_further_than_its_cap(client, advocate, monkeypatch):
    register(advocate, 12)
    login(client, advocate)
    assert "12 clients" in get(client, LIST)

    monkeypatch.setattr(ClientIndexView, "count_cap", 10)

    assert "More than 10 clients" in get(client, LIST)


@pytest.mark.django_db
def test_the_same_queries_for_3_and_30_clients_and_on_the_next_page(client, advocate):
    def queries(url):
        get(client, url)  # warm: session, roles and content types are read once
        with CaptureQueriesContext(connection) as captured:
            page = get(client, url)
        return len(captured), page

    register(advocate, 3)
    login(client, advocate)
    few, _ = queries(LIST)
    register(advocate, 27)
    many, first = queries(LIST)
    later, second = queries(links(first)["Next"])

    assert len(shown(first)) == 20 and len(shown(second)) == 10
    assert few == many == later
