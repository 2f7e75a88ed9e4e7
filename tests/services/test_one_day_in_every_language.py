"""A service day is one day however many languages its public page is in: staff screens list it
once, in the staff member's language, and its staffing and contacts belong to the English day."""

import datetime
import re

import pytest
from wagtail.users.models import UserProfile

from events.models import ServiceDayPage
from services import operations
from services.models import Contact, StaffAssignment, SubService
from tests.factories import make_assignment, make_contact, make_service_day
from tests.helpers import at, login, moment, synchronise_languages
from voca.i18n import translate_page

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)
SPANISH_TITLE = "Día en Carpenter"
SPANISH_NOTICE = "Biblioteca cerrada: venga a Buder."


@pytest.fixture
def now():
    with at(moment(2026, 12, 2, 9)):
        yield


def translated_day(date, title="Carpenter day", **fields):
    """An English day with a Spanish translation; its Bosnian page is an alias (untranslated)."""
    day = make_service_day(date, title=title, **fields)
    synchronise_languages()
    spanish = {"title": f"{SPANISH_TITLE} {date.day}"}
    if fields.get("status_notice"):
        spanish["status_notice"] = SPANISH_NOTICE
    translate_page(day, "es", spanish)
    return day


def copies(day) -> list[ServiceDayPage]:
    """The day's pages in the other languages (the Spanish translation, the Bosnian alias)."""
    return list(
        ServiceDayPage.objects.filter(translation_key=day.translation_key)
        .exclude(pk=day.pk)
        .order_by("locale__language_code")
    )


def reads_spanish(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    return user


def options(html) -> list[tuple[str, str]]:
    select = re.search(r'<select name="service_day".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)


def test_log_a_contact_offers_each_day_once_in_the_staff_member_s_language(client, people, now):
    day = translated_day(TODAY)
    login(client, people["owner"])
    assert options(client.get("/admin/services/log/").content.decode()) == [
        (str(day.pk), "Wed 2 Dec 2026 · Carpenter day")
    ]
    login(client, reads_spanish(people["other_worker"]))
    assert options(client.get("/admin/services/log/").content.decode()) == [
        (str(day.pk), f"Wed 2 Dec 2026 · {SPANISH_TITLE} 2")
    ]


def test_a_contact_logged_on_a_translation_lands_on_the_english_day(client, people, now):
    day = translated_day(TODAY)
    spanish, bosnian = copies(day)
    contact = make_contact(people["owner"], service_day=spanish)
    assert Contact.objects.get(pk=contact.pk).service_day_id == day.pk
    moved = operations.update_contact(
        contact.pk, actor=people["owner"], version=contact.version, service_day=bosnian
    )
    assert Contact.objects.get(pk=moved.pk).service_day_id == day.pk
    # The form offers the day only: a translation's id is refused on the field, nothing saved.
    login(client, people["owner"])
    response = client.post(
        "/admin/services/log/",
        {
            "date": TODAY.isoformat(),
            "client_kind": "anonymous",
            "mode": "in_person",
            "common_services": [SubService.objects.current().get(code="A1").pk],
            "minutes": "15",
            "funding_source": "voca",
            "service_day": str(spanish.pk),
        },
    )
    assert response.context["form"].errors["service_day"]
    assert Contact.objects.count() == 1


def test_staffing_a_translation_staffs_the_english_day_once(people, now):
    day = translated_day(TODAY + datetime.timedelta(days=3))
    boss, owner = people["supervisor"], people["owner"]
    for page in [day, *copies(day)]:
        make_assignment(boss, owner, page)
    operations.set_staffing(actor=boss, service_day=copies(day)[0], users=[owner, boss])
    assert sorted(StaffAssignment.objects.values_list("service_day_id", "user__username")) == [
        (day.pk, "boss"),
        (day.pk, "owner"),
    ]


def test_my_next_service_days_lists_each_day_once_with_its_cancellation(client, people, now):
    boss, owner = people["supervisor"], reads_spanish(people["owner"])
    days = [translated_day(TODAY + datetime.timedelta(days=n)) for n in (1, 2, 3)]
    cancelled = translated_day(
        TODAY + datetime.timedelta(days=4), status="cancelled", status_notice="Library closed."
    )
    for day in [*days, cancelled]:
        for page in [day, *copies(day)]:  # staffed from any language's page, as the demo did
            make_assignment(boss, owner, page)
    login(client, owner)
    html = client.get("/admin/").content.decode()
    mine = re.search(r"My next service days</h3>(.*?)</ul>", html, re.S).group(1)
    # Each day is a link to its page (address and hours), or bold when the page is not live.
    assert re.findall(r"<li>(?:<a [^>]*>|<strong>)(\d+ Dec 2026)", mine) == [
        "3 Dec 2026",
        "4 Dec 2026",
        "5 Dec 2026",
        "6 Dec 2026",
    ]
    # The cancellation, in the advocate's language (the admin speaks it too: "Cancelado").
    assert f"</strong>: {SPANISH_NOTICE}" in mine


def test_the_staffing_screen_lists_each_day_once_and_saves_on_the_day(client, people, now):
    day = translated_day(TODAY + datetime.timedelta(days=1))
    boss, owner = people["supervisor"], people["owner"]
    make_assignment(boss, owner, day)
    login(client, boss)
    html = client.get("/admin/services/staffing/").content.decode()
    assert re.findall(r"<legend>([^<]*)</legend>", html) == ["3 Dec 2026 · Carpenter day"]
    assert html.count('name="service_day"') == 1
    # The screen offers the day only: a translation's id is not a day to staff.
    spanish = copies(day)[0]
    response = client.post(
        "/admin/services/staffing/", {"service_day": spanish.pk, "staff": [boss.pk]}
    )
    assert response.status_code == 404
    assert list(StaffAssignment.objects.values_list("service_day_id", "user_id")) == [
        (day.pk, owner.pk)
    ]
    reads_spanish(boss)
    html = client.get("/admin/services/staffing/").content.decode()
    assert re.findall(r"<legend>([^<]*)</legend>", html) == [f"3 Dec 2026 · {SPANISH_TITLE} 3"]
