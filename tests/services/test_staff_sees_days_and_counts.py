"""What field staff see of service days and of a client's history: status marked, only their own."""

import datetime

import pytest

from tests.factories import make_assignment, make_contact, make_service_day
from tests.helpers import login
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
