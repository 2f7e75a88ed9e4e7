import datetime

import pytest

from services import operations
from services.panels import federal_quarter
from tests.factories import (
    make_assignment,
    make_contact,
    make_location,
    make_service_day,
    make_user,
)
from tests.helpers import login
from voca import formats
from voca.clock import local_today
from voca.roles import FINANCE


def test_federal_quarters_follow_the_fiscal_year():
    assert federal_quarter(datetime.date(2026, 11, 24)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
        "FY2027 Q1",
    )
    assert federal_quarter(datetime.date(2026, 9, 30))[2] == "FY2026 Q4"
    assert federal_quarter(datetime.date(2027, 2, 1))[:2] == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 31),
    )
    assert federal_quarter(datetime.date(2027, 4, 1))[2] == "FY2027 Q3"


@pytest.mark.django_db
def test_field_staff_home_shows_my_week_and_my_service_days(client, people):
    owner = people["owner"]
    today = local_today()
    day_today = make_service_day(today, location=make_location("Carpenter Branch Library"))
    later = today + datetime.timedelta(days=9)
    day_next = make_service_day(
        later, location=make_location("Cabanne Branch Library"), start_time=datetime.time(11, 30)
    )
    for day in (day_today, day_next):
        make_assignment(people["supervisor"], owner, day)
    make_contact(owner)
    make_contact(owner, service_day=day_today, date=today)
    make_contact(people["other_worker"])
    login(client, owner)
    html = client.get("/admin/").content.decode()
    assert "My contacts this week" in html and "<strong>2</strong> contacts logged" in html
    # Each day by its hours and place (its title would only repeat the place), linked to its
    # public page for the address and directions.
    link = '<a href="{}" title="Address, hours and directions">{}</a>'
    assert link.format(day_today.url, "10:00\u201314:00") + ", Carpenter Branch Library" in html
    assert (
        link.format(day_next.url, formats.day(later)) + ", 11:30\u201314:00: Cabanne Branch Library"
        in html
    )


@pytest.mark.django_db
def test_supervisor_home_counts_per_staff_member_and_service_day_this_quarter(client, people):
    today = local_today()
    day = make_service_day(today, title="Quarter day")
    make_contact(people["owner"], service_day=day, date=today)
    make_contact(people["owner"])
    make_contact(people["other_worker"], service_day=day, date=today)
    voided = make_contact(people["other_worker"])
    operations.void_contact(voided.pk, actor=people["supervisor"], reason="Duplicate")
    login(client, people["supervisor"])
    html = client.get("/admin/").content.decode()
    assert "Contacts this quarter" in html and "<strong>3</strong> contacts" in html
    assert "<td>Olive </td><td>2</td>" in html
    assert "<td>Otto </td><td>1</td>" in html
    assert "Quarter day</td><td>2</td>" in html


@pytest.mark.django_db
def test_a_supervisor_staffs_a_day_and_field_staff_cannot(client, people):
    day = make_service_day(local_today() + datetime.timedelta(days=3), title="Staffed day")
    login(client, people["owner"])
    assert client.get("/admin/services/staffing/")["Location"] == "/admin/"
    login(client, people["supervisor"])
    assert "Staffed day" in client.get("/admin/services/staffing/").content.decode()
    staff = [people["owner"].pk, people["other_worker"].pk]
    response = client.post(
        "/admin/services/staffing/", {"service_day": day.pk, "staff": staff}, follow=True
    )
    assert "Staffed day: 2 added, 0 removed." in response.content.decode()
    client.post("/admin/services/staffing/", {"service_day": day.pk, "staff": staff[:1]})
    assert list(day.staff_assignments.values_list("user", flat=True)) == staff[:1]


@pytest.mark.django_db
def test_roles_without_client_records_see_the_quarter_s_counts_only(client, roles, people):
    make_contact(people["owner"])
    login(client, make_user("fran", FINANCE))
    html = client.get("/admin/").content.decode()
    assert "Victim services this quarter" in html and "Counts only" in html
    assert "Contacts this quarter" not in html and "My contacts this week" not in html
