from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from voca.demo import DEMO_PASSWORD, DEMO_USERS


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


@pytest.mark.django_db
@override_settings(VOCA_ENVIRONMENT="production")
def test_demo_command_refuses_to_run_under_production_settings():
    from django.contrib.auth import get_user_model

    with pytest.raises(CommandError, match="refuses to run with production settings"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_the_log_ins_point_at_the_port_the_server_runs_on():
    out = StringIO()
    call_command("load_demo", address="http://127.0.0.1:8101", stdout=out)
    assert "Demo log-ins at http://127.0.0.1:8101/admin/" in out.getvalue()
    assert ":8000" not in out.getvalue()


def test_make_run_loads_the_demo_once_and_prints_the_real_address():
    import shutil
    import subprocess
    from pathlib import Path

    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parents[2]
    plan = subprocess.run(  # noqa: S603  (make, found on PATH, with fixed arguments)
        [make, "-n", "run", "PORT=8101"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    loads = [line for line in plan.splitlines() if "manage.py load_demo" in line]
    assert len(loads) == 1 and "--address http://127.0.0.1:8101" in loads[0]
