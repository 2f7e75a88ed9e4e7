import pytest
from django.contrib.auth.models import Group

from tests.factories import make_user
from tests.helpers import admin_menu_names, login
from voca.roles import ADMINISTRATOR, EDITOR, ROLES

ALL_ROLES = [r.name for r in ROLES]
PUBLIC_SITE_MENUS = {"explorer", "images", "documents", "service-days"}


@pytest.mark.django_db
def test_roles_are_created_once_however_often_setup_runs(roles):
    from voca.roles import sync_roles

    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    sync_roles()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert set(ALL_ROLES) <= set(after)
    # Wagtail's starter groups are gone so the role list is ours alone.
    assert "Moderators" not in after and "Editors" not in after


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_sees_only_the_menus_of_its_job(client, roles, role):
    login(client, make_user("someone", role))
    response = client.get("/admin/")
    assert response.status_code == 200
    menus = admin_menu_names(response)
    if role == EDITOR:
        assert menus >= PUBLIC_SITE_MENUS
        assert "site-settings" in menus
    else:
        assert not (PUBLIC_SITE_MENUS & menus), f"{role} should not see public-site menus"
        assert "site-settings" not in menus
    # Only the Administrator (and a superuser) manages accounts; role definitions stay in code.
    if role == ADMINISTRATOR:
        assert "users" in menus
    else:
        assert "users" not in menus
    assert "groups" not in menus


@pytest.mark.django_db
def test_a_user_without_a_role_cannot_reach_the_admin(client, roles):
    login(client, make_user("nobody"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
