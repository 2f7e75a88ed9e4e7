"""A new person's first day, from the administrator's side: the Administrator role adds people and
gives roles, sees no client records, and the Roles tab says what each role does and refuses
combinations that break segregation of duties."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import make_client, make_user
from tests.helpers import at, login, moment
from voca.demo import DEMO_USERS
from voca.roles import (
    ADMINISTRATOR,
    ADVOCATE,
    AUDITOR,
    EDITOR,
    FINANCE,
    GRANTS_MANAGER,
    SUPERVISOR,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("roles")]
User = get_user_model()


def role_ids(*names):
    return [Group.objects.get(name=name).pk for name in names]


def new_person(*roles, **fields):
    data = {
        "username": "newhire",
        "email": "newhire@example.org",
        "first_name": "Nia",
        "last_name": "Newhire",
        "password1": "a-temporary-pass-phrase",
        "password2": "a-temporary-pass-phrase",
        "groups": role_ids(*roles),
    }
    return {**data, **fields}


def test_an_administrator_adds_a_person_and_gives_them_a_role(client):
    login(client, make_user("ari", ADMINISTRATOR))
    assert client.get("/admin/users/").status_code == 200
    response = client.post("/admin/users/new/", new_person(ADVOCATE))
    assert response.status_code == 302
    person = User.objects.get(username="newhire")
    assert list(person.groups.values_list("name", flat=True)) == [ADVOCATE]
    assert not person.is_superuser


def test_the_administrators_home_shows_the_staff_accounts_and_the_way_to_add_one(client):
    login(client, make_user("ari", ADMINISTRATOR))
    client.post("/admin/users/new/", new_person(ADVOCATE))  # a temporary password, no authenticator
    make_user("gone", ADVOCATE, is_active=False)
    page = client.get("/admin/").content.decode()
    assert "Staff accounts" in page
    # ari (signed in with a test log-in, no authenticator) and newhire are active; gone is not.
    assert "2 active accounts, 1 deactivated." in page
    assert "1 still to replace the password an administrator gave." in page
    assert "2 without two-factor sign-in set up yet." in page
    assert 'href="/admin/users/new/"' in page and "Add a staff account" in page


def test_only_those_who_manage_accounts_see_the_staff_accounts_panel(client):
    login(client, make_user("ada", ADVOCATE))
    assert "Staff accounts" not in client.get("/admin/").content.decode()


def test_an_administrator_opens_no_client_record_and_no_money_screen(client):
    supervisor = make_user("sup", SUPERVISOR, first_name="Sam")
    with at(moment(2026, 12, 1)):
        record = make_client(
            supervisor,
            first_name="Canarywren",
            consent_given_on=datetime.date(2026, 11, 2),
            consent_scope="Call back",
        )
    login(client, make_user("ari", ADMINISTRATOR))
    for url in (
        "/admin/services/contacts/",
        "/admin/services/clients/",
        f"/admin/services/clients/inspect/{record.pk}/",
        "/admin/services/staffing/",
        "/admin/grants/dashboard/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Canarywren" not in response.content.decode(), url


def test_an_administrator_cannot_make_anyone_a_superuser(client):
    """A superuser sees every record: ticking it would give client access by the back door."""
    login(client, make_user("ari", ADMINISTRATOR))
    form = client.get("/admin/users/new/").content.decode()
    assert 'name="is_superuser"' not in form
    client.post("/admin/users/new/", new_person(EDITOR, is_superuser="on"))
    assert not User.objects.get(username="newhire").is_superuser


def test_only_a_superuser_may_make_a_superuser_and_the_form_offers_it_to_them_only(client):
    """The decision is voca.permissions.can_grant_superuser; the form only reads it."""
    from voca.permissions import can_grant_superuser

    administrator = make_user("ari", ADMINISTRATOR)
    root = User.objects.create_superuser("root", "root@example.org", "x-Long-enough-9")
    assert not can_grant_superuser(administrator)
    assert can_grant_superuser(administrator).reason == "Only a superuser makes a superuser."
    assert can_grant_superuser(root)
    login(client, root)
    assert 'name="is_superuser"' in client.get("/admin/users/new/").content.decode()


def test_the_demo_has_an_administrator():
    assert ("administrator", ADMINISTRATOR) in [(u, role) for u, _, _, role in DEMO_USERS]


# --- The Roles tab --------------------------------------------------------------------------------


def test_the_roles_tab_says_what_each_role_does(client):
    login(client, make_user("ari", ADMINISTRATOR))
    page = client.get("/admin/users/new/").content.decode()
    assert "Finance — Records spending against the VOCA award." in page
    assert "Grants Manager — Owns the award; approves spending recorded by others." in page
    assert "Administrator — Adds staff accounts" in page


@pytest.mark.parametrize(
    ("held", "reason"),
    [
        ((FINANCE, GRANTS_MANAGER), "Finance and Grants Manager cannot be held together"),
        ((ADMINISTRATOR, SUPERVISOR), "Administrator and Supervisor cannot be held together"),
        ((ADMINISTRATOR, AUDITOR), "Administrator and Auditor cannot be held together"),
    ],
)
def test_roles_that_break_segregation_of_duties_are_refused_on_the_field(client, held, reason):
    login(client, make_user("ari", ADMINISTRATOR))
    response = client.post("/admin/users/new/", new_person(*held))
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not User.objects.filter(username="newhire").exists()


def test_an_existing_account_cannot_be_given_a_conflicting_role(client):
    person = make_user("fran", FINANCE, first_name="Fran", last_name="F", email="f@example.org")
    login(client, make_user("ari", ADMINISTRATOR))
    data = new_person(FINANCE, GRANTS_MANAGER, username="fran", password1="", password2="")
    response = client.post(f"/admin/users/edit/{person.pk}/", data)
    assert response.status_code == 200
    assert "Finance and Grants Manager cannot be held together" in response.content.decode()
    assert list(person.groups.values_list("name", flat=True)) == [FINANCE]


def test_an_administrator_cannot_change_their_own_roles(client):
    ari = make_user("ari", ADMINISTRATOR, first_name="Ari", last_name="A", email="a@example.org")
    login(client, ari)
    page = client.get(f"/admin/users/edit/{ari.pk}/").content.decode()
    assert "Another administrator changes your roles" in page
    data = new_person(SUPERVISOR, username="ari", password1="", password2="")
    client.post(f"/admin/users/edit/{ari.pk}/", data)
    assert list(ari.groups.values_list("name", flat=True)) == [ADMINISTRATOR]


def test_an_administrator_cannot_change_a_superusers_account(client):
    root = User.objects.create_superuser("root", "root@example.org", "a-long-root-pass-phrase")
    editor = make_user("eddie", EDITOR)
    login(client, make_user("ari", ADMINISTRATOR))
    listing = client.get("/admin/users/").content.decode()  # the row offers no form to open
    assert f"/admin/users/edit/{root.pk}/" not in listing
    assert f"/admin/users/edit/{editor.pk}/" in listing
    data = new_person(username="root", password1="taken-over-pass-9", password2="taken-over-pass-9")
    for response in (
        client.get(f"/admin/users/edit/{root.pk}/", follow=True),
        client.post(f"/admin/users/edit/{root.pk}/", data, follow=True),
    ):
        # Wagtail's way of refusing: back to the dashboard with a message.
        assert response.wsgi_request.path == "/admin/"
        assert "do not have permission" in response.content.decode()
    root.refresh_from_db()
    assert root.check_password("a-long-root-pass-phrase")
