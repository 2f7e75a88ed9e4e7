import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "victimservices.example.gov",
    "DATABASE_URL": "postgres://voca@127.0.0.1:5432/voca",
}


def run_manage(*args, env_overrides, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in (*PRODUCTION_ENV, "DATABASE_URL")}
    env.update(env_overrides)
    for name in drop:
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = "voca.settings.production"
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_each_required_variable(missing):
    result = run_manage("check", env_overrides=PRODUCTION_ENV, drop=[missing])
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_settings_pass_the_deploy_check_silently():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "System check identified no issues" in result.stdout


def test_time_zone_is_st_louis():
    assert settings.TIME_ZONE == "America/Chicago"
    assert settings.USE_TZ is True


def test_sqlite_writers_wait_instead_of_failing():
    from voca.settings.base import database_from_env

    env = os.environ.pop("DATABASE_URL", None)
    try:
        config = database_from_env(Path("x.sqlite3"))
    finally:
        if env is not None:
            os.environ["DATABASE_URL"] = env
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5


def test_every_history_row_records_the_acting_user():
    assert "simple_history.middleware.HistoryRequestMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db
def test_django_admin_is_not_mounted(client):
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert client.get("/django-admin/").status_code == 404


@pytest.mark.django_db
def test_migrations_are_complete():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
