"""No route signs a staff member in, or opens staff data, without the second factor.

The review's attack: Wagtail's front-end password form (``/_util/login/``) gave a password-only
session, which then enrolled a second authenticator through a POST to the set-up wizard and read a
client's name and phone; a ``SCRIPT_NAME`` header moved the admin out of the two-factor check."""

import datetime

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, make_client, make_field_worker, make_user
from tests.helpers import every_url, login, sign_in
from voca.models import SecurityEvent
from voca.roles import (
    ADMINISTRATOR,
    ADVOCATE,
    AUDITOR,
    EDITOR,
    FINANCE,
    GRANTS_MANAGER,
    PROGRAM_REPRESENTATIVE,
    SOCIAL_WORKER,
    SUPERVISOR,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("roles")]
ROLES = [
    ADVOCATE,
    SOCIAL_WORKER,
    PROGRAM_REPRESENTATIVE,
    SUPERVISOR,
    FINANCE,
    GRANTS_MANAGER,
    EDITOR,
    AUDITOR,
    ADMINISTRATOR,
]
CANARY_NAME = "Canarywren"
CANARY_PHONE = "314-555-0199"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def with_authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def password_only(client: Client, user) -> Client:
    """A session that knows the password and nothing more (what the old bypass produced)."""
    client.force_login(user)
    return client


@pytest.fixture
def supervisor_with_client():
    supervisor = make_user("sup", SUPERVISOR, first_name="Sam")
    device = with_authenticator(supervisor)
    record = make_client(
        supervisor,
        first_name=CANARY_NAME,
        phone=CANARY_PHONE,
        consent_given_on=datetime.date.today(),
        consent_scope="Call back about the protection order",
    )
    return supervisor, device, record


def shows_canary(response) -> bool:
    body = response.content.decode(errors="replace")
    return CANARY_NAME in body or CANARY_PHONE in body


@override_settings(VOCA_REQUIRE_2FA=True)
def test_the_front_end_password_form_signs_nobody_in(client, supervisor_with_client):
    _supervisor, _device, record = supervisor_with_client
    response = client.post("/_util/login/", {"username": "sup", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
    inspect = client.get(f"/admin/services/clients/inspect/{record.pk}/")
    assert inspect.status_code == 302 and not shows_canary(inspect)


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_password_only_session_cannot_enrol_a_second_authenticator(
    client, supervisor_with_client
):
    supervisor, _device, record = supervisor_with_client
    password_only(client, supervisor)
    url = "/admin/account/two_factor/setup/"
    client.post(url, {"setup_view-current_step": "welcome"})
    password_only(client, supervisor)
    response = client.post(url, {"setup_view-current_step": "generator", "generator-token": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert TOTPDevice.objects.filter(user=supervisor).count() == 1
    assert "_auth_user_id" not in client.session
    for page in (f"/admin/services/clients/inspect/{record.pk}/", "/admin/services/contacts/"):
        answer = client.get(page)
        assert answer.status_code == 302 and not shows_canary(answer)
    # Nor does the QR code of a secret being set up open to such a session.
    password_only(client, supervisor)
    assert client.get("/admin/account/two_factor/qrcode/").status_code == 302


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_script_name_header_does_not_move_the_admin_out_of_the_check(
    client, supervisor_with_client
):
    supervisor, _device, record = supervisor_with_client
    password_only(client, supervisor)
    # What gunicorn builds from a SCRIPT_NAME header: the prefix moves out of PATH_INFO.
    response = client.get(f"/admin/services/clients/inspect/{record.pk}/", SCRIPT_NAME="/sec")
    assert response.status_code == 302
    assert not shows_canary(response)


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_verified_session_reads_the_client_also_behind_a_script_name(
    client, supervisor_with_client
):
    supervisor, _device, record = supervisor_with_client
    login(client, supervisor)
    response = client.get(f"/admin/services/clients/inspect/{record.pk}/", SCRIPT_NAME="/sec")
    assert response.status_code == 200 and shows_canary(response)


@override_settings(VOCA_REQUIRE_2FA=True)
def test_first_authenticator_is_set_up_recorded_and_shown_to_the_holder(client):
    user = make_field_worker("newhire", ADVOCATE)
    sign_in(client, "newhire", PASSWORD)
    assert client.get("/admin/").status_code == 302  # sent to set-up first
    url = "/admin/account/two_factor/setup/"
    client.post(url, {"setup_view-current_step": "welcome"})
    page = client.post(url, {"setup_view-current_step": "method", "method-method": "generator"})
    key = page.context["wizard"]["form"].key if page.context else None
    probe = TOTPDevice(user=user, key=key or "", confirmed=False)
    done = client.post(
        url, {"setup_view-current_step": "generator", "generator-token": code_for(probe)}
    )
    assert done.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.AUTHENTICATOR_ADDED).exists()
    account = client.get("/admin/account/two_factor/").content.decode()
    assert "Authenticator app added" in account


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_used_recovery_code_is_recorded_and_the_holder_told(client):
    user = make_user("sky", SUPERVISOR)
    with_authenticator(user)
    recovery = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    recovery.token_set.create(token="abcd1234")
    recovery.token_set.create(token="efgh5678")
    sign_in(client, "sky", PASSWORD, token="abcd1234", backup=True)
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.RECOVERY_CODE_USED).exists()
    page = client.get("/admin/account/two_factor/", follow=True).content.decode()
    assert "recovery code; 1 left" in page
    assert "Signed in with a recovery code" in page


@override_settings(VOCA_REQUIRE_2FA=True)
def test_removing_two_factor_is_recorded_and_ends_the_session(client):
    user = make_user("sky", SUPERVISOR)
    with_authenticator(user)
    login(client, user)
    response = client.post("/admin/account/two_factor/disable/", {"understand": "on"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(
        user=user, kind=SecurityEvent.AUTHENTICATOR_REMOVED
    ).exists()


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_password_reset_sets_the_password_and_signs_nobody_in(client, supervisor_with_client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    supervisor, _device, record = supervisor_with_client
    uid = urlsafe_base64_encode(force_bytes(supervisor.pk))
    token = default_token_generator.make_token(supervisor)
    start = client.get(f"/admin/password_reset/confirm/{uid}/{token}/")
    assert start.status_code == 302  # to the set-password form, the token kept in the session
    new = "a-brand-new-long-passphrase"
    done = client.post(start["Location"], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    supervisor.refresh_from_db()
    assert supervisor.check_password(new)
    assert "_auth_user_id" not in client.session
    inspect = client.get(f"/admin/services/clients/inspect/{record.pk}/")
    assert inspect.status_code == 302 and not shows_canary(inspect)


def test_sign_out_by_get_changes_nothing(client):
    user = make_user("sky", SUPERVISOR)
    client.force_login(user)
    response = client.get("/admin/logout/")
    assert response.status_code == 405
    # The session cookie is not deleted (it may be refreshed, never emptied).
    assert response.cookies.get("sessionid", None) is None or response.cookies["sessionid"].value
    assert client.get("/admin/").status_code == 200
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_wagtails_deliberate_error_page_is_not_served(client):
    user = make_user("sky", SUPERVISOR)
    client.force_login(user)
    assert client.get("/admin/failwhale/").status_code == 404


# --- Every URL pattern, every kind of session ----------------------------------------------------
# Public by nature: the public site and its files, and the pages needed to sign in. Written here
# on their own, not read from the middleware, so the test cannot agree with a mistake in it.
PUBLIC_PREFIXES = ("/sitemap.xml", "/robots.txt", "/favicon.ico", "/_util/", "/healthz")
SIGN_IN_PATHS = (
    "/admin/login/",
    "/admin/account/login/",
    "/admin/password_reset/",
    "/admin/jsi18n/",
    "/admin/sprite/",  # the admin's icons, on the sign-in page too
)


def is_public(path: str, name: str) -> bool:
    return (
        name == "wagtail_serve"
        or path.startswith(PUBLIC_PREFIXES)
        or path.endswith(("calendar.ics", "nearby.json"))
        or path.startswith(SIGN_IN_PATHS)
    )


def staff_urls():
    urls = [(path, name) for path, name in every_url() if not is_public(path, name)]
    assert len(urls) > 250, "the walk should reach every admin URL"
    return urls


def opened_by(client, urls, login, requests):
    """Every (method, path, view) that answered 200 or a server error; ``requests(index)`` says
    which (method, headers) the index-th URL gets."""
    opened = []
    for index, (path, name) in enumerate(urls):
        for method, extra in requests(index):
            login()
            response = getattr(client, method)(path, **extra)
            if response.status_code == 200 or response.status_code >= 500:
                opened.append((method, extra.get("SCRIPT_NAME", ""), path, name))
    return opened


BEHIND_SCRIPT_NAME = {"SCRIPT_NAME": "/sec"}


@override_settings(VOCA_REQUIRE_2FA=True)
def test_no_staff_view_answers_a_visitor():
    """GET and POST every non-public URL pattern without a session, with and without a
    SCRIPT_NAME header."""
    client = Client()
    every = [(m, extra) for m in ("get", "post") for extra in ({}, BEHIND_SCRIPT_NAME)]
    assert opened_by(client, staff_urls(), lambda: None, lambda _index: every) == []


@override_settings(VOCA_REQUIRE_2FA=True)
@pytest.mark.parametrize("role", ROLES)
def test_no_staff_view_answers_a_password_only_session(role):
    """Every non-public URL pattern with a password-only session of an account that has an
    authenticator: GET behind a SCRIPT_NAME header or POST without one, alternating by URL and by
    role, so that across the roles every URL gets both."""
    user = make_user("walker", role)
    with_authenticator(user)
    client = Client()
    shift = ROLES.index(role)

    def requests(index):
        return [("get", BEHIND_SCRIPT_NAME) if (index + shift) % 2 else ("post", {})]

    assert opened_by(client, staff_urls(), lambda: client.force_login(user), requests) == []


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_first_set_up_session_opens_only_the_set_up_pages():
    """An account with no authenticator yet, signed in with its password, may set one up and
    nothing else."""
    newcomer = make_user("newcomer", SUPERVISOR)
    client = Client()
    allowed = ("/admin/account/two_factor/setup/", "/admin/account/two_factor/qrcode/")
    opened = []
    for path, name in every_url():
        if is_public(path, name) or path in allowed:
            continue
        client.force_login(newcomer)
        response = client.get(path, SCRIPT_NAME="/sec")
        if response.status_code == 200 or response.status_code >= 500:
            opened.append((path, name))
    assert opened == []


@override_settings(VOCA_REQUIRE_2FA=True)
@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_a_verified_session_with_a_server_error(role, supervisor_with_client):
    """With both factors, each role GETs every URL pattern with the client's id in it and POSTs
    (empty) to half the patterns with an id nobody has (the other half for the next role):
    refusals are 4xx or redirects, never a 500; and the client's name and phone show only to
    supervisors, and only on the client's own pages."""
    _supervisor, _device, record = supervisor_with_client
    user = make_user("walker", role)
    with_authenticator(user)
    client = Client()
    # Every URL by GET; half of them by POST, the other half for the next role.
    shift = ROLES.index(role)
    requests = [("get", url) for url in every_url(record.pk)]
    requests += [("post", url) for i, url in enumerate(every_url()) if (i + shift) % 2 == 0]
    broken, leaked = [], []
    for method, (path, name) in requests:
        if "_auth_user_id" not in client.session:
            login(client, user)
        response = getattr(client, method)(path)
        if response.status_code >= 500:
            broken.append((method, path, name))
        if response.status_code == 200 and shows_canary(response):
            leaked.append((method, path, name))
    assert broken == []
    if role == SUPERVISOR:
        assert leaked
        assert all(path.startswith("/admin/services/clients/") for _m, path, _n in leaked)
    else:
        assert leaked == []
