from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings


@pytest.mark.django_db
@override_settings(VOCA_ENVIRONMENT="production")
def test_demo_command_refuses_to_run_under_production_settings():
    from django.contrib.auth import get_user_model

    with pytest.raises(CommandError, match="refuses to run with production settings"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()


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
