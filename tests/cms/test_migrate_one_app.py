"""An operator may migrate one app alone (say, ``migrate voca`` on a new database before the rest):
the site's post-migrate steps (locales, the content version) wait for their own tables instead of
failing the command."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_migrating_one_app_alone_on_a_new_database_succeeds(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="voca.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "voca", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Applying voca.0001_squashed_0003_temporary_passwords... OK" in result.stdout
