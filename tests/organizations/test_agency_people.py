"""An agency's director manages its own people (add, roles, deactivate) without the state's
administrator; agency roles only for a subrecipient's people, the unit's roles only for the
unit's; another organization's account answers 404."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from organizations.access import organization_of
from tests.factories import make_agency, make_member, make_user
from tests.helpers import admin_menu_names, login
from voca import roles as R
from voca.passwords import must_change_password

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("roles")]
User = get_user_model()


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def director(agency):
    return make_member("sh.director", agency, R.AGENCY_DIRECTOR, first_name="Dana")


def person(username="sh.newhire", roles=(R.AGENCY_ADVOCATE,), **fields):
    return {
        "username": username,
        "first_name": "Nia",
        "last_name": "Newhire",
        "email": "nia@safeharbor.example.org",
        "groups": list(roles),
        "password1": "",
        "password2": "",
        **fields,
    }


def test_the_director_sees_people_in_the_menu_and_only_their_own(client, agency, director):
    advocate = make_member("sh.advocate", agency, R.AGENCY_ADVOCATE)
    other = make_member(
        "gw.advocate", make_agency("Gateway CAC", "G4WCAC7XY2Z1"), R.AGENCY_ADVOCATE
    )
    unit_person = make_user("ada", R.ADVOCATE)
    login(client, director)
    assert "people" in admin_menu_names(client.get("/admin/"))
    page = client.get("/admin/people/").content.decode()
    assert "sh.advocate" in page and "gw.advocate" not in page and ">ada<" not in page
    assert client.get(f"/admin/people/{advocate.pk}/").status_code == 200
    assert client.get(f"/admin/people/{other.pk}/").status_code == 404
    assert client.get(f"/admin/people/{unit_person.pk}/").status_code == 404
    # ... nor changed by a post, nor reached by Wagtail's own account screens.
    assert client.post(f"/admin/people/{other.pk}/", {"groups": []}).status_code == 404
    other.refresh_from_db()
    assert other.is_active and other.groups.filter(name=R.AGENCY_ADVOCATE).exists()
    assert client.get(f"/admin/users/edit/{other.pk}/").status_code == 302


def test_the_director_adds_a_person_with_a_temporary_password(client, agency, director):
    login(client, director)
    response = client.post(
        "/admin/people/new/",
        person(password1="a-temporary-pass-phrase", password2="a-temporary-pass-phrase"),
    )
    assert response.status_code == 302
    added = User.objects.get(username="sh.newhire")
    assert organization_of(added) == agency
    assert list(added.groups.values_list("name", flat=True)) == [R.AGENCY_ADVOCATE]
    assert must_change_password(added)
    assert mail.outbox == []


def test_without_a_password_the_director_adds_a_person_by_an_emailed_link(
    client, director, django_capture_on_commit_callbacks
):
    login(client, director)
    with django_capture_on_commit_callbacks(execute=True):  # sent once the account is saved
        assert client.post("/admin/people/new/", person()).status_code == 302
    added = User.objects.get(username="sh.newhire")
    assert not added.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["nia@safeharbor.example.org"]
    assert "/admin/password_reset/confirm/" in message.body


def test_without_mail_a_temporary_password_is_needed(client, director, settings):
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = False
    login(client, director)
    response = client.post("/admin/people/new/", person())
    assert response.status_code == 200
    assert "no link can be sent: set a temporary password" in response.content.decode()
    assert not User.objects.filter(username="sh.newhire").exists()


def test_the_units_roles_are_not_given_to_an_agencys_people(client, director):
    login(client, director)
    response = client.post("/admin/people/new/", person(roles=[R.SUPERVISOR]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="sh.newhire").exists()


def test_roles_deactivation_and_the_directors_own_account(client, agency, director):
    advocate = make_member("sh.advocate", agency, R.AGENCY_ADVOCATE)
    login(client, director)
    url = f"/admin/people/{advocate.pk}/"
    client.post(url, {"groups": [R.AGENCY_FINANCE], "is_active": "on"})
    assert list(advocate.groups.values_list("name", flat=True)) == [R.AGENCY_FINANCE]
    client.post(url, {"groups": [R.AGENCY_FINANCE]})
    advocate.refresh_from_db()
    assert advocate.is_active is False
    own = client.get(f"/admin/people/{director.pk}/").content.decode()
    assert "nobody changes their own" in own
    assert "You cannot deactivate your own account" in own
    client.post(f"/admin/people/{director.pk}/", {"groups": []})
    director.refresh_from_db()
    assert director.is_active and director.groups.filter(name=R.AGENCY_DIRECTOR).exists()


def test_only_an_agency_director_opens_people(client, agency):
    for user in (
        make_member("sh.finance", agency, R.AGENCY_FINANCE),
        make_member("sh.advocate", agency, R.AGENCY_ADVOCATE),
        make_user("ari", R.ADMINISTRATOR),
        make_user("sky", R.SUPERVISOR),
    ):
        login(client, user)
        assert client.get("/admin/people/").status_code == 302
        assert "people" not in admin_menu_names(client.get("/admin/"))


def role_ids(*names):
    return [Group.objects.get(name=name).pk for name in names]


def account(organization, *roles):
    return {
        "username": "firstdirector",
        "email": "d@safeharbor.example.org",
        "first_name": "Dana",
        "last_name": "Reyes",
        "password1": "a-temporary-pass-phrase",
        "password2": "a-temporary-pass-phrase",
        "organization": organization.pk,
        "groups": role_ids(*roles),
    }


def test_the_administrator_adds_an_agencys_first_director(client, agency):
    login(client, make_user("ari", R.ADMINISTRATOR))
    assert client.post("/admin/users/new/", account(agency, R.AGENCY_DIRECTOR)).status_code == 302
    added = User.objects.get(username="firstdirector")
    assert organization_of(added) == agency
    assert must_change_password(added)


@pytest.mark.parametrize(
    ("whose", "role", "reason"),
    [
        ("agency", R.SUPERVISOR, "the unit's roles are held only by the unit's people"),
        ("unit", R.AGENCY_DIRECTOR, "agency roles are held only by a subrecipient's people"),
    ],
)
def test_roles_must_fit_whose_account_it_is(client, agency, whose, role, reason):
    from organizations.models import Organization

    organization = agency if whose == "agency" else Organization.objects.the_unit()
    login(client, make_user("ari", R.ADMINISTRATOR))
    response = client.post("/admin/users/new/", account(organization, role))
    assert response.status_code == 200
    assert reason in response.content.decode().replace("&#x27;", "'")
    assert not User.objects.filter(username="firstdirector").exists()


def test_an_existing_unit_account_cannot_be_given_an_agency_role(client):
    worker = make_user("ada", R.ADVOCATE)
    login(client, make_user("ari", R.ADMINISTRATOR))
    response = client.post(
        f"/admin/users/edit/{worker.pk}/",
        {
            "username": "ada",
            "email": "ada@example.org",
            "first_name": "Ada",
            "last_name": "W",
            "is_active": "on",
            "groups": role_ids(R.AGENCY_ADVOCATE),
        },
    )
    assert response.status_code == 200
    assert list(worker.groups.values_list("name", flat=True)) == [R.ADVOCATE]


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (
            R.AGENCY_DIRECTOR,
            {"log-contact", "contacts", "clients", "access-log", "people"},
            {"service-day-staffing", "users", "reports"},
        ),
        (
            R.AGENCY_ADVOCATE,
            {"log-contact", "contacts", "clients"},
            {"access-log", "people", "service-day-staffing", "users"},
        ),
        (
            R.AGENCY_FINANCE,
            set(),
            {"log-contact", "contacts", "clients", "access-log", "people", "users"},
        ),
    ],
)
def test_each_agency_role_sees_the_menus_of_its_job(client, agency, role, shown, hidden):
    login(client, make_member("sh.someone", agency, role))
    menus = admin_menu_names(client.get("/admin/"))
    assert shown <= menus
    assert not hidden & menus
