"""What field staff see of service days and of a client's history: status marked, only their own."""

import datetime
import re

import pytest

from tests.factories import make_assignment, make_contact, make_service_day
from tests.helpers import at, login, moment
from voca.clock import local_today
from voca.formats import day

pytestmark = pytest.mark.django_db


def test_an_advocate_sees_cancelled_and_moved_days_marked_on_the_dashboard(client, people):
    owner, boss = people["owner"], people["supervisor"]
    soon = local_today() + datetime.timedelta(days=3)
    cancelled = make_service_day(
        soon, title="Day at Carpenter", status="cancelled", status_notice="Library closed"
    )
    moved = make_service_day(
        soon + datetime.timedelta(days=1),
        title="Day at Buder",
        status="moved",
        status_notice="Now at Buder branch",
    )
    for service_day in (cancelled, moved):
        make_assignment(boss, owner, service_day)
    login(client, owner)
    html = client.get("/admin/").content.decode()
    assert '<strong class="services-day-status">Cancelled</strong>: Library closed' in html
    assert '<strong class="services-day-status">Moved</strong>: Now at Buder branch' in html


def test_the_staffing_screen_marks_a_cancelled_day(client, people):
    make_service_day(
        local_today() + datetime.timedelta(days=2),
        status="cancelled",
        status_notice="Storm warning",
    )
    login(client, people["supervisor"])
    html = client.get("/admin/services/staffing/").content.decode()
    assert '<strong class="services-day-status">Cancelled</strong>: Storm warning' in html


def test_the_fast_entry_service_day_choice_says_cancelled(client, people):
    make_service_day(
        local_today(), title="Day at Carpenter", status="cancelled", status_notice="Closed"
    )
    login(client, people["owner"])
    html = client.get("/admin/services/log/").content.decode()
    assert "Day at Carpenter · CANCELLED</option>" in html


def test_the_code_lookup_counts_and_dates_only_the_contacts_the_advocate_may_see(
    client, people, case
):
    # The client's contact in ``case`` is the owner's, today; another advocate saw them earlier.
    other = people["other_worker"]
    earlier = local_today() - datetime.timedelta(days=5)
    make_contact(other, client=case["client"], date=earlier)
    login(client, other)
    html = client.get("/admin/services/log/", {"client": case["client"].code}).content.decode()
    assert f"1 earlier contact you can see, last on {day(earlier)}." in html
    login(client, people["owner"])
    html = client.get("/admin/services/log/", {"client": case["client"].code}).content.decode()
    assert f"1 earlier contact you can see, last on {day(local_today())}." in html


@pytest.mark.parametrize(
    "role,search",
    [
        ("owner", 'action="/admin/services/log/"'),
        ("finance", None),
        ("auditor", None),
        ("editor", 'action="/admin/pages/'),
    ],
)
def test_the_dashboard_offers_only_a_search_the_role_may_use(client, people, role, search):
    login(client, people[role])
    html = client.get("/admin/").content.decode()
    forms = [part for part in html.split("<form")[1:] if 'role="search"' in part.split(">")[0]]
    if search is None:
        assert forms == []
    else:
        assert len(forms) == 1 and search in forms[0]


def test_the_access_log_names_what_was_read(client, people, case):
    boss = people["supervisor"]
    login(client, boss)
    client.get(f"/admin/services/clients/inspect/{case['client'].pk}/")
    client.get(f"/admin/services/contacts/inspect/{case['contact'].pk}/")
    html = client.get("/admin/services/access-log/").content.decode()
    assert f"Client {case['client'].code}" in html
    assert f"Contact #{case['contact'].pk} on {day(local_today())}" in html
    assert ">services.Client<" not in html and ">services.Contact<" not in html
    assert "2 access log entries" in html


def test_each_of_my_next_service_days_opens_its_address_and_hours(client, people):
    owner = people["owner"]
    with at(moment(2026, 12, 1)):
        soon = make_service_day(
            datetime.date(2026, 12, 4), title="Day at Carpenter", start_time=datetime.time(9, 30)
        )
        make_assignment(people["supervisor"], owner, soon)
        login(client, owner)
        dashboard = client.get("/admin/").content.decode()
        links = re.findall(r'<a href="([^"]+)"[^>]*>4 Dec 2026</a>', dashboard)
        assert links == [soon.url]
        public = client.get(links[0]).content.decode()
    assert "3309 S Grand Blvd" in public
    assert "9:30" in public


def test_saving_staffing_for_a_day_returns_to_that_day(client, people):
    with at(moment(2026, 12, 1)):
        make_service_day(datetime.date(2026, 12, 3), title="First day")
        later = make_service_day(datetime.date(2026, 12, 20), title="Later day")
        login(client, people["supervisor"])
        response = client.post(
            "/admin/services/staffing/",
            {"service_day": str(later.pk), "staff": [str(people["owner"].pk)]},
        )
        assert response.status_code == 302
        path, _, fragment = response["Location"].partition("#")
        page = client.get(path).content.decode()
    assert fragment == f"day-{later.pk}"
    assert f'id="day-{later.pk}"' in page
    day_starts = page.index(f'id="day-{later.pk}"')
    assert day_starts < page.index("Later day</legend>") < page.index("Staffing saved.")


def test_a_contact_not_at_a_service_day_says_so_in_the_words_of_the_log_form(client, people):
    contact = make_contact(people["owner"])
    login(client, people["owner"])
    html = client.get(f"/admin/services/contacts/inspect/{contact.pk}/").content.decode()
    assert "<dt>Service day</dt><dd>None (not at a service day)</dd>" in html
