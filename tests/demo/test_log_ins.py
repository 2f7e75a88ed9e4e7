"""The demo's log-ins: each signs in, and loading the demo again changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.helpers import sign_in
from voca.demo import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.django_db


@pytest.mark.django_db
def test_each_demo_user_can_sign_in_to_the_admin(client, demo):
    # One demo install for all eight log-ins: the demo data takes seconds to load.
    for username, _, _, role in DEMO_USERS:
        client.logout()
        sign_in(client, username, DEMO_PASSWORD)
        response = client.get("/admin/", follow=True)
        assert response.status_code == 200, username
        assert response.wsgi_request.user.username == username
        assert response.wsgi_request.path == "/admin/"
        assert role in response.wsgi_request.user.groups.values_list("name", flat=True)


def snapshot():
    """Every row count, plus every password hash: what a second run must not change."""
    from django.contrib.auth import get_user_model

    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    hashes = dict(get_user_model().objects.values_list("username", "password"))
    return counts, hashes


@pytest.mark.django_db
def test_demo_command_is_idempotent():
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == first
    assert f"0 created, {len(DEMO_USERS)} already there" in out.getvalue()


@pytest.mark.django_db
def test_demo_command_prints_the_log_ins():
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for username, _, _, role in DEMO_USERS:
        assert username in text and role in text


def test_the_log_ins_point_at_the_port_the_server_runs_on():
    out = StringIO()
    call_command("load_demo", address="http://127.0.0.1:8101", stdout=out)
    assert "Demo log-ins at http://127.0.0.1:8101/admin/" in out.getvalue()
    assert ":8000" not in out.getvalue()
