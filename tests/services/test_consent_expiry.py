"""Expired consent: a client's name and phone are hidden from everyone but the supervisor until
the client renews it, and the worker is prompted to renew it at the next contact."""

import datetime

import pytest

from services.models import Client
from tests.factories import make_client, make_contact
from tests.helpers import at, login, moment

pytestmark = pytest.mark.django_db

NAME = "Zanzibarella"
PHONE = "314-555-0199"
SCOPE = "call-backs about the claim"


@pytest.fixture
def lapsed(people):
    """A client of ``owner`` whose consent ran from 10 Jan to 30 Jun 2026."""
    with at(moment(2026, 1, 10)):
        client = make_client(
            people["owner"],
            first_name=NAME,
            phone=PHONE,
            consent_given_on=datetime.date(2026, 1, 10),
            consent_scope=SCOPE,
            consent_expires_on=datetime.date(2026, 6, 30),
        )
        make_contact(people["owner"], client=client)
    return client


def inspect_url(client):
    return f"/admin/services/clients/inspect/{client.pk}/"


def edit_url(client):
    return f"/admin/services/clients/edit/{client.pk}/"


def test_a_worker_sees_name_and_phone_until_the_last_day_of_consent(client, people, lapsed):
    login(client, people["owner"])
    with at(moment(2026, 6, 30)):
        html = client.get(inspect_url(lapsed)).content.decode()
    assert NAME in html and PHONE in html


def test_after_consent_expires_only_the_supervisor_sees_name_and_phone(client, people, lapsed):
    with at(moment(2026, 12, 1)):
        login(client, people["owner"])
        html = client.get(inspect_url(lapsed)).content.decode()
        edit = client.get(edit_url(lapsed)).content.decode()
        login(client, people["supervisor"])
        supervisor_html = client.get(inspect_url(lapsed)).content.decode()
    for page in (html, edit):
        assert NAME not in page and PHONE not in page and SCOPE not in page
    assert "Consent expired on 30 Jun 2026" in html
    assert "hidden until the client renews consent" in html
    assert NAME in supervisor_html and PHONE in supervisor_html


def test_the_worker_is_prompted_to_renew_consent_at_the_next_contact(client, people, lapsed):
    login(client, people["owner"])
    with at(moment(2026, 12, 1)):
        html = client.get("/admin/services/log/", {"client": lapsed.code}).content.decode()
    assert "Consent expired on 30 Jun 2026: ask the client whether they renew it" in html
    assert f'href="{edit_url(lapsed)}#consent"' in html
    assert NAME not in html and PHONE not in html


def test_a_worker_who_never_served_the_client_is_prompted_after_logging_the_contact(
    client, people, lapsed
):
    login(client, people["other_worker"])
    with at(moment(2026, 12, 1)):
        response = client.post(
            "/admin/services/log/",
            {
                "date": "2026-12-01",
                "client_kind": "returning",
                "client_code": lapsed.code,
                "mode": "in_person",
                "common_services": [lapsed_service_pk()],
                "minutes": "15",
                "funding_source": "voca",
            },
            follow=True,
        )
    html = response.content.decode()
    assert "Consent expired on 30 Jun 2026: ask the client whether they renew it" in html
    assert f'href="{edit_url(lapsed)}#consent"' in html


def lapsed_service_pk():
    from services.models import SubService

    return SubService.objects.current().get(code="A1").pk


def test_renewing_consent_keeps_the_name_and_shows_it_again(client, people, lapsed):
    login(client, people["owner"])
    with at(moment(2026, 12, 1)):
        response = client.post(
            edit_url(lapsed),
            {
                "consent_given_on": "2026-12-01",
                "consent_expires_on": "2027-06-01",
                "race_ethnicity": lapsed.race_ethnicity_id,
                "gender_identity": lapsed.gender_identity_id,
                "age_group": lapsed.age_group_id,
                "version": lapsed.version,
                "reason": "Consent renewed at the service day",
            },
        )
        assert response.status_code == 302
        html = client.get(inspect_url(lapsed)).content.decode()
    assert NAME in html and PHONE in html
    renewed = Client.objects.get(pk=lapsed.pk)
    assert (renewed.first_name, renewed.phone) == (NAME, PHONE)
    assert renewed.consent_expires_on == datetime.date(2027, 6, 1)
