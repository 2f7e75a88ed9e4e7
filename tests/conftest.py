import datetime as dt
import os

import pytest
from django.core.management import call_command

# The whole run happens at one fixed moment (time-machine, ticking from there), whatever the
# machine's date: a test never depends on the day it runs. VOCA_TEST_NOW picks another moment
# (ISO 8601 with offset); tests that need a date of their own set it with tests.helpers.at().
TEST_NOW = dt.datetime.fromisoformat(os.environ.get("VOCA_TEST_NOW") or "2026-12-07T11:00:00-06:00")


def pytest_configure(config):
    import time_machine

    config._voca_clock = time_machine.travel(TEST_NOW, tick=True)
    config._voca_clock.start()


def pytest_report_header(config):
    return f"the run starts at {TEST_NOW.isoformat()} (VOCA_TEST_NOW), whatever the machine's date"


@pytest.fixture
def roles(db):
    """The staff role groups, as the run command creates them."""
    from voca.roles import sync_roles

    return {g.name: g for g in sync_roles()}


@pytest.fixture
def demo(db):
    """The whole demo install: roles, one user per role, each app's demo data."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty whole-page cache (voca/page_cache.py)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` need PostgreSQL (row locks, parallel connections, pg_dump)."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


BROWSER_HINT = "sudo apt-get install -y chromium"


def pytest_terminal_summary(terminalreporter, config):
    config._voca_browser_skips = sum(
        1
        for report in terminalreporter.stats.get("skipped", [])
        if "browser" in getattr(report, "keywords", {}) and "not installed" in str(report.longrepr)
    )


def pytest_unconfigure(config):
    """Say last, after the totals, how many browser tests did not run and the command to fix it."""
    skipped = getattr(config, "_voca_browser_skips", 0)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if skipped and reporter:
        reporter.write_line(
            f"{skipped} browser test{'s' if skipped != 1 else ''} skipped: Debian's chromium is "
            f"not installed. Enable them with:  {BROWSER_HINT}",
            yellow=True,
            bold=True,
        )


@pytest.fixture
def chromium(monkeypatch):
    """Debian's Chromium through Playwright, for the browser tests (a failure, not a skip, when
    it is missing and VOCA_REQUIRE_BROWSER=1, as in CI)."""
    import os
    from pathlib import Path

    from bench.fast_entry_flow import CHROMIUM, LAUNCH_ARGS
    from tests.helpers import close_live_server_connections

    if not Path(CHROMIUM).exists():
        if os.environ.get("VOCA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and VOCA_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed")
    # Playwright's sync API runs an event loop; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()
    close_live_server_connections()
