import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, make_user
from tests.helpers import sign_in
from voca.roles import EDITOR, FINANCE, SUPERVISOR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("roles")]


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def with_authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


@override_settings(VOCA_REQUIRE_2FA=True)
@pytest.mark.parametrize("role", [SUPERVISOR, FINANCE, EDITOR])
def test_a_password_alone_does_not_open_the_admin(client, role):
    user = make_user("staff", role)
    with_authenticator(user)
    response = sign_in(client, "staff", PASSWORD)
    # The sign-in form moves to its second step and asks for the code.
    assert response.status_code == 200
    assert "token-otp_token" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@override_settings(VOCA_REQUIRE_2FA=True)
def test_password_and_authenticator_code_open_the_admin(client):
    user = make_user("sky", SUPERVISOR)
    device = with_authenticator(user)
    response = sign_in(client, "sky", PASSWORD, token=current_code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_wrong_code_is_refused_with_a_message(client):
    user = make_user("sky", SUPERVISOR)
    with_authenticator(user)
    response = sign_in(client, "sky", PASSWORD, token="000000")
    assert response.status_code == 200
    assert "Invalid token" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_recovery_code_works_once(client):
    user = make_user("sky", SUPERVISOR)
    with_authenticator(user)
    recovery = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    recovery.token_set.create(token="abcd1234")
    response = sign_in(client, "sky", PASSWORD, token="abcd1234", backup=True)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    sign_in(client, "sky", PASSWORD, token="abcd1234", backup=True)
    assert client.get("/admin/").status_code == 302


@override_settings(VOCA_REQUIRE_2FA=True)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    make_user("fran", FINANCE)
    sign_in(client, "fran", PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/account/two_factor/setup/"
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert "authenticator" in setup.content.decode().lower()


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_session_signed_in_some_other_way_must_still_give_a_code(client):
    user = make_user("sky", SUPERVISOR)
    with_authenticator(user)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
