import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import override_settings

from tests.factories import PASSWORD, make_user
from tests.helpers import admin_menu_names, login, sign_in
from voca.roles import EDITOR, FINANCE


@pytest.mark.django_db
def test_public_pages_send_the_strict_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self';" in csp or csp.endswith("script-src 'self'")
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    # Only the map a visitor asks for may be framed.
    assert "frame-src https://www.openstreetmap.org" in csp
    assert response["Referrer-Policy"] == "no-referrer"
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_repeat_visits_get_the_same_headers(client):
    # A page served again (from any cache) must not lose its security headers.
    first, second = client.get("/"), client.get("/")
    for header in ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy"):
        assert second[header] == first[header]


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_no_cookie(client):
    response = client.get("/")
    assert response.cookies == {} or not any(c.value for c in response.cookies.values())


@pytest.mark.django_db
def test_the_admin_gets_its_own_least_relaxed_policy(client, roles):
    login(client, make_user("eddie", EDITOR))
    response = client.get("/admin/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'self'" in csp
    # Same-origin, not no-referrer: browsers send "Origin: null" with a no-referrer POST.
    assert response["Referrer-Policy"] == "same-origin"
    assert "gravatar.com" not in response.content.decode()


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_repeated_failed_sign_ins_lock_the_account_with_a_clear_message(client, roles):
    make_user("fran", FINANCE)
    for _ in range(5):
        sign_in(client, "fran", "wrong-password-123")
    response = sign_in(client, "fran", PASSWORD)
    assert response.status_code == 429
    assert "Sign-in locked for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_a_correct_sign_in_before_the_limit_still_works(client, roles):
    make_user("fran", FINANCE)
    for _ in range(3):
        sign_in(client, "fran", "wrong-password-123")
    response = sign_in(client, "fran", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_staff_sessions_end_after_fifteen_idle_minutes(client, roles):
    login(client, make_user("fran", FINANCE))
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["voca_last_activity"] = time.time() - 16 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_background_admin_requests_do_not_keep_a_session_alive(client, roles):
    login(client, make_user("fran", FINANCE))
    client.get("/admin/")
    session = client.session
    ten_minutes_ago = time.time() - 10 * 60
    session["voca_last_activity"] = ten_minutes_ago
    session.save()
    client.get("/admin/jsi18n/")
    assert client.session["voca_last_activity"] == ten_minutes_ago
    client.get("/admin/")
    assert client.session["voca_last_activity"] > ten_minutes_ago


@pytest.mark.django_db
def test_staff_session_cookie_ends_with_the_browser(client, roles):
    make_user("fran", FINANCE)
    response = sign_in(client, "fran", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert not cookie["expires"] and not cookie["max-age"]


def test_passwords_need_twelve_characters_and_must_not_be_common():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Tr0ub4dor&3")
    with pytest.raises(ValidationError, match="too common"):
        validate_password("qwerty123456")
    validate_password("a-long-unusual-passphrase")


@pytest.mark.django_db
def test_staff_accounts_are_deactivated_never_deleted(client, roles):
    admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
    staff = make_user("leaver", FINANCE)
    login(client, admin)
    for method in (client.get, client.post):
        # Wagtail's way of refusing: back to the dashboard with a message.
        response = method(f"/admin/users/delete/{staff.pk}/", follow=True)
        assert response.wsgi_request.path == "/admin/"
        assert "do not have permission" in response.content.decode()
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/users/delete/{staff.pk}/" not in listing
    with (
        pytest.raises(PermissionDenied, match="deactivate the account instead"),
        transaction.atomic(),
    ):
        staff.delete()
    assert get_user_model().objects.filter(pk=staff.pk).exists()
    # Deactivating is the way out, and it works.
    staff.is_active = False
    staff.save()
    assert not client.login(username="leaver", password=PASSWORD)


@pytest.mark.django_db
def test_the_admin_shows_no_software_version(client, roles):
    admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
    login(client, admin)
    response = client.get("/admin/")
    assert "Wagtail v" not in response.content.decode()
    assert "help" not in admin_menu_names(response)


@pytest.mark.django_db
def test_anonymous_public_responses_do_not_vary_on_cookies(client):
    # A "Vary: Cookie" header would make every public page uncacheable.
    assert "Cookie" not in client.get("/").get("Vary", "")
