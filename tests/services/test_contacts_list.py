"""The contacts list pages "Newer"/"Older" by cursor: every contact once, in order, filters kept,
no personal data in the address, and the same queries on any page however many contacts."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Contact
from services.views.listings import ContactIndexView
from tests.factories import make_client, make_contact, make_user
from tests.helpers import at, login, moment
from tests.voca.test_columns import listing_both_ways
from voca import roles as R

LIST = "/admin/services/contacts/"
FIRST_DAY = dt.date(2026, 10, 1)


@pytest.fixture
def advocate(roles):
    return make_user("owner", R.ADVOCATE, first_name="Olive")


def log(by, count, start=0, **fields):
    """``count`` contacts by ``by``, three a day from 1 Oct 2026 (ties on a day), every other one
    with a client of their own."""
    made = []
    with at(moment(2026, 12, 1)):
        for i in range(start, start + count):
            client = make_client(by) if i % 2 else None
            day = FIRST_DAY + dt.timedelta(days=i // 3)
            made.append(make_contact(by, date=day, client=client, services=("A1", "C1"), **fields))
    return made


def shown(page: str) -> list[int]:
    return [int(pk) for pk in dict.fromkeys(re.findall(r"Contact #(\d+) on", page))]


def links(page: str) -> dict[str, str]:
    """The pager's links by label ("Newer", "Older"); a label without a link is left out."""
    found = re.findall(r'<a href="([^"]+)">(?:(?!</a>).)*?\b(Newer|Older)\b', page, re.DOTALL)
    return {label: html.unescape(href) for href, label in found}


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def flat(pages):
    return [pk for page in pages for pk in page]


def walk(client, url, towards) -> list[list[int]]:
    """Each page's contacts, following ``towards`` ("Older" or "Newer") until it ends."""
    pages = []
    while url:
        page = get(client, url)
        pages.append(shown(page))
        url = links(page).get(towards)
    return pages


@pytest.mark.django_db
def test_older_pages_show_each_contact_once_newest_first_and_newer_comes_back(client, advocate):
    log(advocate, 45)
    log(make_user("other", R.SOCIAL_WORKER), 5)  # not the advocate's: never listed
    login(client, advocate)
    newest_first = list(
        Contact.objects.filter(staff=advocate).order_by("-date", "-pk").values_list("pk", flat=True)
    )

    pages = walk(client, LIST, "Older")

    assert [len(p) for p in pages] == [20, 20, 5]
    assert flat(pages) == newest_first
    last = get(client, LIST)
    for _ in range(2):
        last = get(client, links(last)["Older"])
    assert "Older" not in links(last)
    assert walk(client, links(last)["Newer"], "Newer") == pages[1::-1]
    assert "Newer" not in links(get(client, LIST))


@pytest.mark.django_db
def test_sorted_by_date_the_list_pages_oldest_first(client, advocate):
    log(advocate, 25)
    login(client, advocate)
    oldest_first = list(Contact.objects.order_by("date", "pk").values_list("pk", flat=True))

    pages = walk(client, LIST + "?ordering=date", "Newer")

    assert [len(p) for p in pages] == [20, 5]
    assert flat(pages) == oldest_first
    second = get(client, links(get(client, LIST + "?ordering=date"))["Newer"])
    assert shown(get(client, links(second)["Older"])) == pages[0]


@pytest.mark.django_db
def test_paging_keeps_the_filters(client, advocate):
    phoned = log(advocate, 24, mode=Contact.Mode.PHONE)
    log(advocate, 24, start=24)  # in person, on later days
    login(client, advocate)

    pages = walk(client, LIST + "?mode=phone", "Older")

    assert sorted(flat(pages)) == sorted(c.pk for c in phoned)
    assert "24 contacts found" in get(client, LIST + "?mode=phone")


@pytest.mark.django_db
def test_the_page_address_names_a_date_and_a_contact_number_only(client, advocate):
    log(advocate, 21)
    login(client, advocate)
    first = get(client, LIST)
    older = links(first)["Older"]
    twentieth = Contact.objects.order_by("-date", "-pk")[19]

    assert older == f"{LIST}?p=before.{twentieth.date.isoformat()}.{twentieth.pk}"
    # An old page number, a cursor typed wrong or cut short: the first page, never an error.
    for junk in ("200", "before.x.1", "after.2026-13-01.5", "before.2026-10-01", "b" * 300):
        assert shown(get(client, f"{LIST}?p={junk}")) == shown(first)


@pytest.mark.django_db
def test_the_list_counts_no_further_than_its_cap(client, advocate, monkeypatch):
    log(advocate, 12)
    login(client, advocate)
    assert "12 contacts" in get(client, LIST)

    monkeypatch.setattr(ContactIndexView, "count_cap", 10)

    assert "More than 10 contacts" in get(client, LIST)
    assert "More than 10 contacts found" in get(client, LIST + "?mode=in_person")


@pytest.mark.django_db
def test_the_same_queries_for_3_and_60_contacts_and_on_any_page(client, advocate):
    def queries(url):
        get(client, url)  # warm: session, roles and content types are read once
        with CaptureQueriesContext(connection) as captured:
            page = get(client, url)
        return len(captured), page

    log(advocate, 3)
    login(client, advocate)
    few, _ = queries(LIST)
    log(advocate, 57, start=3)
    many, first = queries(LIST)
    later, second = queries(links(first)["Older"])
    third_page, _ = queries(links(second)["Older"])

    assert len(shown(first)) == len(shown(second)) == 20
    assert few == many == later == third_page


@pytest.mark.django_db
def test_the_listing_is_exactly_what_wagtails_cell_templates_render(client, advocate, monkeypatch):
    log(advocate, 4)
    login(client, advocate)
    ours, wagtails = listing_both_ways(client, LIST, monkeypatch)
    assert ours.count("<tr") == 5 and "More options for" in ours
    assert ours == wagtails
