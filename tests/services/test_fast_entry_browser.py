"""The fast-entry screen driven with the keyboard alone, in Debian's Chromium, at phone width."""

import pytest

from bench.fast_entry_flow import (
    klm_seconds,
    log_new_client,
    log_returning_client,
)
from services.models import Contact
from tests.factories import PASSWORD, make_client, make_contact, make_user
from voca import roles as R

pytestmark = [pytest.mark.browser]


@pytest.fixture
def browser_page(chromium):
    return chromium.new_page(viewport={"width": 360, "height": 780})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_returning_and_a_new_client_are_logged_by_keyboard_at_360px(live_server, browser_page):
    from voca.roles import sync_roles

    sync_roles()
    worker = make_user("fieldworker", R.SOCIAL_WORKER)
    returning = make_client(worker)
    make_contact(worker, client=returning)
    from bench.fast_entry_flow import sign_in

    sign_in(browser_page, live_server.url, "fieldworker", PASSWORD)
    # Nothing is wider than the phone screen.
    browser_page.goto(f"{live_server.url}/admin/services/log/")
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

    keys, _ = log_returning_client(browser_page, live_server.url, returning.code)
    contact = Contact.objects.filter(client=returning).latest("pk")
    assert sorted(contact.contact_services.values_list("service__code", flat=True)) == [
        "A1",
        "C1",
    ]
    assert list(contact.victimizations.values_list("code", flat=True)) == [
        "domestic_family_violence"
    ]
    assert contact.minutes == 20
    assert klm_seconds(keys) < 30

    keys, _ = log_new_client(browser_page, live_server.url)
    contact = Contact.objects.latest("pk")
    assert contact.client != returning
    assert (contact.client.age_group.code, contact.client.gender_identity.code) == (
        "25_59",
        "female",
    )
    assert klm_seconds(keys) < 30


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_code_lookup_the_found_client_stays_in_view_at_360px(live_server, browser_page):
    from django.db import connection

    from bench.fast_entry_flow import sign_in
    from voca.roles import sync_roles

    # The browser test before this one ended by cutting every other PostgreSQL session
    # (close_live_server_connections), this test's own among them: start on a new one.
    connection.close()
    sync_roles()
    worker = make_user("fieldworker", R.SOCIAL_WORKER)
    returning = make_client(worker)
    sign_in(browser_page, live_server.url, "fieldworker", PASSWORD)
    browser_page.goto(f"{live_server.url}/admin/services/log/?client={returning.code}")
    browser_page.wait_for_selector("#found-client")
    browser_page.wait_for_timeout(300)
    top, bottom, height = browser_page.evaluate(
        """() => {
            const box = document.getElementById('found-client').getBoundingClientRect();
            return [box.top, box.bottom, window.innerHeight];
        }"""
    )
    assert top >= 0 and bottom <= height
    # The keyboard still starts on the first service: one Space ticks it.
    assert browser_page.evaluate("document.activeElement.name") == "common_services"
