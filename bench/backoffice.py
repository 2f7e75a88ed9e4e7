"""Benchmark: every back-office page each role uses, at ten years of data, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voca_bench_backoffice \
        .venv/bin/python bench/backoffice.py [--rebuild] [--repeat 7]

Builds 100,000 contacts, 40,000 clients and 20,000 draws (bench/exports.py's bulk fixture) in a
scratch PostgreSQL database, signs in as each role and requests its pages with Django's test
client: median time and queries per page, and the ratio to the lightest admin page measured in
the same run (the goal: every page within 2.5x, with a constant number of queries).
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voca.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/voca_bench_backoffice")

from bench import exports  # noqa: E402  (after the settings above: it reads DATABASE_URL)

GOAL = 2.5
LIGHTEST = "/admin/account/"
FIELD = [
    "/admin/",
    "/admin/services/log/",
    "/admin/services/contacts/",
    "/admin/services/contacts/?p=200",
    "/admin/services/clients/",
]
LEDGER = [
    "/admin/",
    "/admin/grants_draws/",
    "/admin/grants_draws/?p=200",
    "/admin/grants/dashboard/",
]
PAGES = {
    "Advocate": FIELD,
    "Social Worker": FIELD[:3],
    "Program Representative": FIELD[:3],
    "Supervisor": [*FIELD, "/admin/services/access-log/", "/admin/services/staffing/"],
    "Auditor": ["/admin/", "/admin/services/contacts/", "/admin/services/access-log/"],
    "Finance": LEDGER,
    "Grants Manager": LEDGER,
    "Editor": ["/admin/", "/admin/service_day_listing/"],
}


def users_by_role():
    """One user per role; the advocate is the fixture's, who logged all 100,000 contacts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from voca.roles import sync_roles

    sync_roles()
    User = get_user_model()
    found = {}
    for role in PAGES:
        name = "bench_advocate" if role == "Advocate" else "bench_" + role.lower().replace(" ", "_")
        user, _ = User.objects.get_or_create(username=name, defaults={"first_name": role})
        user.groups.add(Group.objects.get(name=role))
        found[role] = user
    return found


def measure(client, url: str, repeat: int) -> tuple[float, int, int]:
    """(median seconds, queries, status) of ``repeat`` requests after one warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, queries, status = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        queries, status = len(captured), response.status_code
    return statistics.median(times), queries, status


def main():
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 7
    exports.ensure_database()
    exports.setup_django()
    from django.test import Client

    from services.models import Contact

    if "--rebuild" in sys.argv or Contact.objects.count() != exports.CONTACTS:
        exports.build_fixture(random.Random(2026))
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    users = users_by_role()
    rows = []
    light = None
    for role, urls in PAGES.items():
        client = Client()
        client.force_login(users[role])
        if light is None:
            light = measure(client, LIGHTEST, repeat)[0]
        for url in urls:
            seconds, queries, status = measure(client, url, repeat)
            rows.append({"role": role, "page": url, "ms": seconds * 1000, "queries": queries})
            rows[-1]["status"] = status
    print(
        f"\n{exports.CONTACTS:,} contacts, {exports.CLIENTS:,} clients, {exports.DRAWS:,} draws; "
        f"lightest admin page {LIGHTEST}: {light * 1000:.0f} ms (median of {repeat})\n"
    )
    print(f"{'role':<24}{'page':<36}{'ms':>7}{'queries':>9}{'ratio':>7}")
    for row in rows:
        row["ratio"] = row["ms"] / (light * 1000)
        flag = "" if row["ratio"] <= GOAL and row["status"] == 200 else "  <- over goal"
        if row["status"] != 200:
            flag = f"  <- HTTP {row['status']}"
        print(
            f"{row['role']:<24}{row['page']:<36}{row['ms']:>7.0f}{row['queries']:>9}"
            f"{row['ratio']:>7.2f}{flag}"
        )
    if "--json" in sys.argv:
        target = Path(sys.argv[sys.argv.index("--json") + 1])
        target.write_text(json.dumps({"lightest_ms": light * 1000, "pages": rows}, indent=2))


if __name__ == "__main__":
    main()
