import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "victimservices.example.gov",
    "DATABASE_URL": "postgres://voca@127.0.0.1:5432/voca",
    "VOCA_FIELD_KEYS": "cHJvZHVjdGlvbi1rZXktZm9yLWEtc2V0dGluZ3MtdGU=",
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


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "VOCA_FIELD_KEYS"]
)
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


MAIL_SETTINGS = (
    "from django.conf import settings as s; from wagtail.admin.views.account import "
    "password_reset_enabled as on; print(on(), s.EMAIL_BACKEND.rsplit('.', 2)[-2], "
    "getattr(s, 'EMAIL_HOST', ''), s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
)


def printed(result) -> list[str]:
    return result.stdout.strip().splitlines()[-1].split()  # after shell's auto-import notice


def test_production_without_a_mail_server_turns_password_reset_off():
    result = run_manage("shell", "-c", MAIL_SETTINGS, env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert printed(result)[0] == "False"


def test_production_reads_the_mail_server_from_the_environment():
    mail = {
        "EMAIL_HOST": "smtp.example.gov",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "voca",
        "EMAIL_HOST_PASSWORD": "mail-secret",
        "DEFAULT_FROM_EMAIL": "victim-services@example.gov",
    }
    result = run_manage("shell", "-c", MAIL_SETTINGS, env_overrides={**PRODUCTION_ENV, **mail})
    assert result.returncode == 0, result.stderr
    assert printed(result) == [
        "True",
        "smtp",
        "smtp.example.gov",
        "2525",
        "True",
        "victim-services@example.gov",
    ]
    result = run_manage(
        "check", env_overrides={**PRODUCTION_ENV, **mail}, drop=["DEFAULT_FROM_EMAIL"]
    )
    assert "The environment variable DEFAULT_FROM_EMAIL is required" in result.stderr


@pytest.mark.django_db
def test_sign_in_page_says_whom_to_ask_when_password_reset_is_off(client):
    with override_settings(
        WAGTAIL_PASSWORD_RESET_ENABLED=False, VOCA_ACCOUNT_HELP="the VOCA help desk (ext. 4410)"
    ):
        page = client.get("/admin/login/").content.decode()
        assert "Forgot your password?" in page
        assert "Ask the VOCA help desk (ext. 4410)." in page
        assert "/admin/password_reset/" not in page
        assert client.get("/admin/password_reset/").status_code == 404


@pytest.mark.django_db
def test_sign_in_page_links_to_password_reset_when_mail_is_configured(client):
    with override_settings(WAGTAIL_PASSWORD_RESET_ENABLED=True):
        page = client.get("/admin/login/").content.decode()
    assert 'href="/admin/password_reset/">Reset it by e-mail' in page
    assert settings.VOCA_ACCOUNT_HELP == "your system administrator"
