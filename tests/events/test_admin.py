"""Editors run service days in the Wagtail admin: places, services, publishing and cancelling."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from events.models import Location, ServiceDayPage
from tests.factories import (
    make_location,
    make_service,
    make_service_day,
    make_service_day_index,
    make_user,
)
from tests.helpers import login
from voca.clock import local_today
from voca.roles import ADVOCATE, EDITOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, roles):
    login(client, make_user("eddie", EDITOR))
    return client


def day_form(location, service, **overrides):
    data = {
        "title": "Service day at the library",
        "slug": "library-day",
        "date": (local_today() + datetime.timedelta(days=7)).isoformat(),
        "start_time": "10:00",
        "end_time": "14:00",
        "location": location.pk,
        "status": "scheduled",
        "status_notice": "",
        "what_to_bring": streamfield([("item", "Photo ID")]),
        "body": rich_text(""),
        "staffing": inline_formset(
            [{"role": "program_representative", "count": 2}, {"role": "social_worker", "count": 2}]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return {**nested_form_data(data), "services": [service.pk]}


def test_editor_adds_a_location_in_the_admin(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_events_location:add"),
        {
            "name": "Buder Branch Library",
            "street": "4401 Hampton Ave",
            "city": "St. Louis",
            "state": "MO",
            "zip_code": "63109",
            "area": "St. Louis City",
            "latitude": "38.583600",
            "longitude": "-90.292500",
            "step_free_access": "on",
        },
    )
    assert response.status_code == 302
    assert Location.objects.get(name="Buder Branch Library").zip_code == "63109"


def test_a_kind_of_staff_listed_twice_is_refused_with_a_clear_message(editor_client):
    index_page = make_service_day_index()
    url = reverse("wagtailadmin_pages:add", args=("events", "servicedaypage", index_page.pk))
    staffing = inline_formset(
        [{"role": "social_worker", "count": 2}, {"role": "social_worker", "count": 1}]
    )
    response = editor_client.post(url, day_form(make_location(), make_service(), staffing=staffing))
    assert response.status_code == 200
    assert "“Social worker” is listed more than once under staffing" in response.content.decode()
    assert not ServiceDayPage.objects.filter(slug="library-day").exists()


def test_editor_publishes_a_day_and_visitors_see_it(editor_client, client):
    index_page = make_service_day_index()
    location, service = make_location(), make_service()
    url = reverse("wagtailadmin_pages:add", args=("events", "servicedaypage", index_page.pk))
    response = editor_client.post(url, day_form(location, service))
    assert response.status_code == 302, response.content.decode()[:2000]
    day = ServiceDayPage.objects.get(slug="library-day", locale__language_code="en")
    assert day.live
    assert [r.role for r in day.staffing.all()] == ["program_representative", "social_worker"]
    editor_client.logout()
    assert "Service day at the library" in client.get("/service-days/").content.decode()


def test_editor_cancels_a_day_and_must_say_why(editor_client):
    day = make_service_day(local_today() + datetime.timedelta(days=7), title="To cancel")
    url = reverse("wagtailadmin_pages:edit", args=(day.pk,))
    form = day_form(day.location, day.services.first(), title="To cancel", slug=day.slug)
    response = editor_client.post(url, {**form, "status": "cancelled"})
    assert response.status_code == 200
    assert "Say what changed" in response.content.decode()
    day.refresh_from_db()
    assert day.status == "scheduled"

    form["status"], form["status_notice"] = "cancelled", "Closed for repairs."
    response = editor_client.post(url, form)
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.status == "cancelled" and day.live


def test_a_service_day_cannot_be_created_outside_the_index(editor_client):
    home = make_service_day_index().get_parent()
    assert not ServiceDayPage.can_create_at(home)
    url = reverse("wagtailadmin_pages:add", args=("events", "servicedaypage", home.pk))
    response = editor_client.get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_field_staff_cannot_manage_service_day_snippets(client, roles):
    login(client, make_user("alex", ADVOCATE))
    assert client.get(reverse("wagtailsnippets_events_location:list")).status_code == 302


def test_editor_lists_places_services_and_languages(editor_client):
    make_location("Buder Branch Library")
    for name in ("location", "service", "language"):
        response = editor_client.get(reverse(f"wagtailsnippets_events_{name}:list"))
        assert response.status_code == 200, name
    response = editor_client.get(reverse("wagtailsnippets_events_location:list"), {"q": "Buder"})
    assert "Buder Branch Library" in response.content.decode()
