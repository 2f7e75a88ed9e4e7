"""Bad input found by the security review (issue 11): each is a 4xx with a message, never a 500,
and writes nothing."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import authenticate
from django.test import RequestFactory, override_settings

from services.models import AccessLog, StaffAssignment
from tests.factories import (
    PASSWORD,
    make_award,
    make_client,
    make_contact,
    make_location,
    make_service_day,
    make_user,
)
from tests.helpers import login, sign_in
from voca import roles as R
from voca.clock import local_today
from voca.parsing import parse_id

pytestmark = pytest.mark.django_db

JUNK_IDS = ["abc", "", "1.5", "\u00b2", "\x00", "\uff11", "-1", " 1"]


def axes_rows():
    return AccessAttempt.objects.count(), AccessFailureLog.objects.count()


@override_settings(AXES_ENABLED=True)
@pytest.mark.parametrize("url", ["/admin/login/", "/admin/account/login/"])
@pytest.mark.parametrize(
    "field, value",
    [("auth-username", "x" * 1_000_000), ("auth-password", "p" * 5000)],
)
def test_over_long_sign_in_values_are_a_form_error_not_a_failed_attempt(
    client, roles, url, field, value
):
    make_user("sky", R.SUPERVISOR)
    data = {"login_view-current_step": "auth", "auth-username": "sky", "auth-password": PASSWORD}
    response = client.post(url, {**data, field: value})
    assert response.status_code == 200
    assert "Ensure this value has at most" in response.content.decode()
    assert axes_rows() == (0, 0)
    assert client.get("/admin/").status_code == 302
    # A normal attempt still signs in: the bounds refuse only what no account can have.
    assert sign_in(client, "sky", PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_axes_stores_at_most_its_column_of_a_long_user_name(roles):
    """Any other caller of authenticate() with a long name: axes' failure handler stores a name
    that fits its 255-character column (longer is a 500 on PostgreSQL)."""
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username="x" * 100_000, password="wrong-password") is None
    assert [len(name) for name in AccessAttempt.objects.values_list("username", flat=True)] == [255]


@pytest.fixture
def staffing(roles):
    supervisor = make_user("boss", R.SUPERVISOR)
    worker = make_user("worker", R.ADVOCATE)
    day = make_service_day(local_today(), location=make_location())
    return supervisor, worker, day


@pytest.mark.parametrize("field", ["service_day", "staff"])
def test_staffing_with_a_bad_id_is_refused_with_a_message(client, staffing, field):
    supervisor, worker, day = staffing
    login(client, supervisor)
    good = {"service_day": str(day.pk), "staff": [str(worker.pk)]}
    for junk in JUNK_IDS:
        response = client.post("/admin/services/staffing/", {**good, field: junk})
        assert response.status_code == 400, junk
        assert "nothing saved" in response.content.decode()
        assert StaffAssignment.objects.count() == 0
    # The same form with good ids saves.
    assert client.post("/admin/services/staffing/", good).status_code == 302
    assert StaffAssignment.objects.get().user == worker


def test_log_screen_ignores_a_logged_id_that_is_not_ascii_digits(client, roles):
    worker = make_user("worker", R.ADVOCATE)
    contact = make_contact(worker)
    login(client, worker)
    for junk in ["\u00b2", "\uff11", "abc", "1.5", "99999999999999999999"]:
        response = client.get("/admin/services/log/", {"logged": junk})
        assert response.status_code == 200, junk
        assert response.context.get("just_logged") is None
        assert "Saved:" not in response.content.decode()
    response = client.get("/admin/services/log/", {"logged": str(contact.pk)})
    assert response.context["just_logged"] == contact


def test_grants_dashboard_reads_an_award_id_in_ascii_digits_only(client, roles):
    manager = make_user("manager", R.GRANTS_MANAGER)
    award = make_award(manager)
    login(client, manager)
    assert client.get("/admin/grants/dashboard/", {"award": str(award.pk)}).status_code == 200
    # int() reads full-width and Arabic-Indic digits, and spaces around them, as the same id.
    full_width = "".join(chr(0xFF10 + int(d)) for d in str(award.pk))
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in str(award.pk))
    for junk in [full_width, arabic_indic, f" {award.pk}", "abc"]:
        response = client.get("/admin/grants/dashboard/", {"award": junk})
        assert response.status_code == 404, junk


def test_parse_id_takes_ascii_digits_only():
    assert parse_id("42") == 42
    for junk in [*JUNK_IDS, None, 7, "1e3", "+1", "9" * 19]:
        assert parse_id(junk) is None


# Every "chosen" URL in Wagtail 8 and ours (the image/document ones with <int:> ids already 404).
CHOOSER_URLS = [
    "/admin/services/client-chooser/chosen/{junk}/",
    "/admin/snippets/choose/events/location/chosen/{junk}/",
    "/admin/snippets/choose/events/location/chosen-multiple/?id={junk}",
    "/admin/images/chooser/chosen/{junk}/",
    "/admin/images/chooser/chosen-multiple/?id={junk}",
    "/admin/documents/chooser/chosen/{junk}/",
    "/admin/documents/chooser/chosen-multiple/?id={junk}",
    "/admin/choose-page/chosen-multiple/?id={junk}",
]


@pytest.mark.parametrize("url", CHOOSER_URLS)
def test_a_chooser_url_with_a_bad_id_is_a_404(client, roles, url):
    supervisor = make_user("boss", R.SUPERVISOR, is_superuser=True)
    make_client(supervisor)
    login(client, supervisor)
    logged = AccessLog.objects.count()
    for junk in ["abc", "%C2%B2", "1.5", "%EF%BC%91"]:
        assert client.get(url.format(junk=junk)).status_code == 404, junk
    assert AccessLog.objects.count() == logged


def test_the_client_chooser_still_returns_a_real_client(client, roles):
    supervisor = make_user("boss", R.SUPERVISOR)
    record = make_client(supervisor)
    login(client, supervisor)
    response = client.get(f"/admin/services/client-chooser/chosen/{record.pk}/")
    assert response.status_code == 200
    assert record.code in response.content.decode()
    assert AccessLog.objects.filter(detail="chooser").count() == 1


def test_the_client_chooser_ignores_a_request_for_multiple_choice(client, roles):
    """Found by the fuzz: ?multiple=1 asked for a chosen-multiple URL this chooser has not got."""
    supervisor = make_user("boss", R.SUPERVISOR)
    record = make_client(supervisor)
    login(client, supervisor)
    for url in ["/admin/services/client-chooser/", "/admin/services/client-chooser/results/"]:
        response = client.get(url, {"multiple": "1"})
        assert response.status_code == 200
        assert record.code in response.content.decode()
