"""A new person's first day, from their side: the temporary password replaced at first sign-in,
two-factor set-up in plain words, recovery codes shown once, then the dashboard."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, make_user
from tests.helpers import login, sign_in
from voca.roles import ADMINISTRATOR, ADVOCATE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("roles")]
User = get_user_model()
TEMPORARY = "a-temporary-pass-phrase"
SETUP = "/admin/account/two_factor/setup/"


def added_by_an_administrator(username="newhire") -> None:
    """An administrator adds the person through Settings -> Users, with a temporary password."""
    admin = Client()
    login(admin, make_user("ari", ADMINISTRATOR))
    response = admin.post(
        "/admin/users/new/",
        {
            "username": username,
            "email": f"{username}@example.org",
            "first_name": "Nia",
            "last_name": "Newhire",
            "password1": TEMPORARY,
            "password2": TEMPORARY,
            "groups": [Group.objects.get(name=ADVOCATE).pk],
        },
    )
    assert response.status_code == 302


def code_for(key: str) -> str:
    device = TOTPDevice(key=key)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(client) -> None:
    """The set-up wizard, as a person goes through it with their authenticator app."""
    client.post(SETUP, {"setup_view-current_step": "welcome"})
    page = client.post(SETUP, {"setup_view-current_step": "method", "method-method": "generator"})
    key = page.context["wizard"]["form"].key
    done = client.post(
        SETUP, {"setup_view-current_step": "generator", "generator-token": code_for(key)}
    )
    assert done.status_code == 302
    assert done["Location"] == "/admin/account/two_factor/setup/complete/"


# --- The temporary password -----------------------------------------------------------------------


def test_a_password_set_by_an_administrator_is_replaced_before_anything_else(client):
    added_by_an_administrator()
    sign_in(client, "newhire", TEMPORARY)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/account/new-password/"
    assert client.get("/admin/services/log/").status_code == 302
    page = client.get("/admin/account/new-password/").content.decode()
    assert "Choose your own password" in page
    done = client.post(
        "/admin/account/new-password/",
        {
            "old_password": TEMPORARY,
            "new_password1": "my-own-pass-phrase-99",
            "new_password2": "my-own-pass-phrase-99",
        },
    )
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert User.objects.get(username="newhire").check_password("my-own-pass-phrase-99")


def test_keeping_the_temporary_password_is_refused_on_the_field(client):
    added_by_an_administrator()
    sign_in(client, "newhire", TEMPORARY)
    response = client.post(
        "/admin/account/new-password/",
        {"old_password": TEMPORARY, "new_password1": TEMPORARY, "new_password2": TEMPORARY},
    )
    assert response.status_code == 200
    assert "Choose a new password, not the one you were given." in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_password_chosen_by_the_emailed_reset_link_is_not_asked_for_again(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    added_by_an_administrator()
    person = User.objects.get(username="newhire")
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    start = client.get(
        f"/admin/password_reset/confirm/{uid}/{default_token_generator.make_token(person)}/"
    )
    chosen = "my-own-reset-pass-phrase-7"
    done = client.post(start["Location"], {"new_password1": chosen, "new_password2": chosen})
    assert done.status_code == 302
    sign_in(client, "newhire", chosen)
    # Straight to the dashboard, not back to "Choose your own password".
    assert client.get("/admin/").status_code == 200


def test_an_administrator_setting_a_password_again_requires_a_change_again(client):
    person = make_user("fran", ADVOCATE, first_name="F", last_name="F", email="f@example.org")
    admin = Client()
    login(admin, make_user("ari", ADMINISTRATOR))
    data = {
        "username": "fran",
        "email": "f@example.org",
        "first_name": "F",
        "last_name": "F",
        "is_active": "on",
        "groups": [Group.objects.get(name=ADVOCATE).pk],
    }
    # Editing the name alone leaves the person's own password alone.
    assert admin.post(f"/admin/users/edit/{person.pk}/", data).status_code == 302
    login(client, person)
    assert client.get("/admin/").status_code == 200
    data.update(password1=TEMPORARY, password2=TEMPORARY)
    assert admin.post(f"/admin/users/edit/{person.pk}/", data).status_code == 302
    sign_in(client, "fran", TEMPORARY)
    assert client.get("/admin/")["Location"] == "/admin/account/new-password/"


def test_a_person_setting_their_own_password_in_the_user_admin_is_not_asked_again(client):
    admin = make_user("ari", ADMINISTRATOR, first_name="A", last_name="A", email="a@example.org")
    login(client, admin)
    data = {
        "username": "ari",
        "email": "a@example.org",
        "first_name": "A",
        "last_name": "A",
        "password1": TEMPORARY,
        "password2": TEMPORARY,
    }
    assert client.post(f"/admin/users/edit/{admin.pk}/", data).status_code == 302
    assert client.get("/admin/").status_code == 200


# --- Two-factor set-up, recovery codes, then the dashboard ---------------------------------------


@override_settings(VOCA_REQUIRE_2FA=True)
def test_the_set_up_wizard_speaks_plainly():
    client = Client()
    make_user("newhire", ADVOCATE)
    sign_in(client, "newhire", PASSWORD)
    page = client.get(SETUP).content.decode()
    assert "<title>Set up two-factor sign-in" in page
    # The heading breaks between words only ("two-factor" and "sign-in" each kept whole).
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", heading) == "Set up two-factor sign-in"
    assert '<span class="voca-nowrap">two-factor</span>' in heading
    assert "next level" not in page and "Login" not in page
    # The buttons sit in the block that stacks them full width on a phone.
    assert re.search(
        r'<div class="voca-actions">\s*<button type="submit" class="button">Start', page
    )


@override_settings(VOCA_REQUIRE_2FA=True)
def test_after_set_up_the_recovery_codes_are_shown_once_then_the_dashboard():
    client = Client()
    user = make_user("newhire", ADVOCATE)
    sign_in(client, "newhire", PASSWORD)
    enrol(client)
    page = client.get("/admin/account/two_factor/setup/complete/").content.decode()
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(f"<code>{code}</code>" in page for code in codes)
    assert 'download="recovery-codes.txt"' in page and "data-voca-print" in page
    assert all(code in page.split('download="recovery-codes.txt"')[1] for code in codes)
    assert '<a class="button" href="/admin/">Continue to your dashboard</a>' in page
    assert "Back to Account Security" not in page
    # Shown once: a second visit shows none of them and makes none.
    again = client.get("/admin/account/two_factor/setup/complete/").content.decode()
    assert not any(code in again for code in codes)
    assert "10 left" in again
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/two_factor/").content.decode()
    assert "10 recovery codes left." in account


@override_settings(VOCA_REQUIRE_2FA=True)
def test_the_account_page_counts_the_recovery_codes_left(client):
    from voca.accounts import issue_recovery_codes

    user = make_user("sky", ADVOCATE)
    codes = issue_recovery_codes(user)
    StaticToken.objects.get(token=codes[0]).delete()  # one used at a sign-in
    login(client, user)
    assert "9 recovery codes left." in client.get("/admin/account/two_factor/").content.decode()
    listing = client.get("/admin/account/two_factor/backup/tokens/").content.decode()
    assert "You have 9 recovery codes left." in listing
    assert not any(code in listing for code in codes[1:])


@override_settings(VOCA_REQUIRE_2FA=True)
def test_a_new_person_sets_up_two_factor_then_replaces_the_temporary_password():
    client = Client()
    added_by_an_administrator()
    sign_in(client, "newhire", TEMPORARY)
    assert client.get("/admin/")["Location"] == SETUP
    enrol(client)
    assert "recovery" in client.get("/admin/account/two_factor/setup/complete/").content.decode()
    assert client.get("/admin/")["Location"] == "/admin/account/new-password/"
