"""Benchmark: every back-office page each role uses, at ten years of data, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voca_bench_backoffice \
        .venv/bin/python bench/backoffice.py [--rebuild] [--repeat 7] [--contacts N] [--draws N]

Builds 100,000 contacts (or --contacts N), 40,000 clients and 20,000 draws (bench/exports.py's
bulk fixture) in a scratch PostgreSQL database, signs in as each role and requests
its pages with Django's test client: median time and queries per page, and the ratio to the
lightest admin page measured in the same run (the goal: every page within 2.5x, with a constant
number of queries). Each page's peak Python allocation is taken in one more, untimed request
(tracemalloc slows what it watches), and the process's peak RSS is printed at the end.
"""

import json
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voca.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/voca_bench_backoffice")

from bench import export_fixture as exports  # noqa: E402  (after the settings above: it reads DATABASE_URL)

GOAL = 2.5
# Page 200 of the contacts and draws lists (rows 3,981-4,000), reached as each list links it: by
# cursor where the list pages by cursor (voca.paging), else by page number (see page_200).
CONTACTS_PAGE_200 = "/admin/services/contacts/ page 200"
DRAWS_PAGE_200 = "/admin/grants_draws/ page 200"
FIELD = [
    "/admin/",
    "/admin/account/",
    "/admin/services/log/",
    "/admin/services/contacts/",
    CONTACTS_PAGE_200,
    "/admin/services/clients/",
]
LEDGER = [
    "/admin/",
    "/admin/account/",
    "/admin/grants_draws/",
    DRAWS_PAGE_200,
    "/admin/grants/dashboard/",
    "/admin/grants/dashboard/?award={award}",
]
PAGES = {
    "Advocate": FIELD,
    "Social Worker": FIELD[:4],
    "Program Representative": FIELD[:4],
    "Supervisor": [*FIELD, "/admin/services/access-log/", "/admin/services/staffing/"],
    "Auditor": ["/admin/", "/admin/services/contacts/", "/admin/services/access-log/"],
    "Finance": LEDGER,
    "Grants Manager": LEDGER,
    "Editor": ["/admin/", "/admin/service_day_listing/"],
}


def users_by_role():
    """One user per role; the advocate is the fixture's, who logged every contact."""
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


def page_200(client, page: str, number: int = 200, per_page: int = 20) -> str:
    """Page ``number`` of the contacts or draws list as its own links reach it:
    ``?p=before.<date>.<id>`` (the key of the row just above the page) when the list pages by
    cursor, ``?p=200`` when it pages by number."""
    from grants.models import Draw
    from services.models import Contact

    url, model, key = (
        ("/admin/services/contacts/", Contact, "date")
        if page == CONTACTS_PAGE_200
        else ("/admin/grants_draws/", Draw, "month")
    )
    if "?p=before." not in client.get(url).content.decode():
        return f"{url}?p={number}"
    above = model.objects.order_by("-" + key, "-id")[(number - 1) * per_page - 1]
    return f"{url}?p=before.{getattr(above, key).isoformat()}.{above.pk}"


def measure(client, url: str, repeat: int) -> tuple[float, int, int, float, float]:
    """(median seconds, queries, status, peak KB allocated, median CPU seconds) of ``repeat``
    requests after one warm-up; the allocation is traced in one more request, untimed. The CPU
    seconds are this process's (the request's Python, not PostgreSQL's): on a machine shared
    with other work they move far less than the wall clock."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, cpu, queries, status = [], [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        queries, status = len(captured), response.status_code
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1] / 1024
    tracemalloc.stop()
    return statistics.median(times), queries, status, peak, statistics.median(cpu)


def main():
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 7
    exports.ensure_database()
    exports.setup_django()
    from django.test import Client

    if "--rebuild" in sys.argv or not exports.fixture_built():
        exports.build_fixture(random.Random(2026))
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from grants.models import Award

    award = Award.objects.get(federal_award_number=exports.REPORTED_AWARD).pk
    users = users_by_role()
    rows = []
    for role, urls in PAGES.items():
        client = Client()
        client.force_login(users[role])
        for page in urls:
            url = page_200(client, page) if page in (CONTACTS_PAGE_200, DRAWS_PAGE_200) else page
            url = url.format(award=award)
            seconds, queries, status, peak, cpu = measure(client, url, repeat)
            rows.append({"role": role, "page": page.format(award=award), "url": url})
            rows[-1].update(ms=seconds * 1000, queries=queries, status=status, peak_kb=peak)
            rows[-1]["cpu_ms"] = cpu * 1000
    # The reference is the lightest page measured in this very run (same load, same warm-up).
    lightest = min((r for r in rows if r["status"] == 200), key=lambda r: r["ms"])
    light = lightest["ms"]
    light_cpu = min(r["cpu_ms"] for r in rows if r["status"] == 200)
    print(
        f"\n{exports.CONTACTS:,} contacts, {exports.CLIENTS:,} clients, {exports.DRAWS:,} draws; "
        f"lightest admin page {lightest['page']} ({lightest['role']}): {light:.0f} ms "
        f"(median of {repeat}); least CPU of a page {light_cpu:.0f} ms\n"
    )
    print(
        f"{'role':<24}{'page':<40}{'ms':>7}{'queries':>9}{'peak KB':>9}{'ratio':>7}"
        f"{'cpu ms':>8}{'cpu ratio':>10}"
    )
    for row in rows:
        row["ratio"] = row["ms"] / light
        row["cpu_ratio"] = row["cpu_ms"] / light_cpu
        flag = "" if row["ratio"] <= GOAL else "  <- over goal"
        if row["status"] != 200:
            flag = f"  <- HTTP {row['status']}"
        print(
            f"{row['role']:<24}{row['page']:<40}{row['ms']:>7.0f}{row['queries']:>9}"
            f"{row['peak_kb']:>9.0f}{row['ratio']:>7.2f}{row['cpu_ms']:>8.0f}"
            f"{row['cpu_ratio']:>10.2f}{flag}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    over = sum(1 for r in rows if r["ratio"] > GOAL or r["status"] != 200)
    print(f"\n{over} of {len(rows)} pages over {GOAL}x; peak RSS of this process {rss:.0f} MB")
    if "--json" in sys.argv:
        target = Path(sys.argv[sys.argv.index("--json") + 1])
        figures = {"lightest_ms": light, "lightest_page": lightest["page"], "pages": rows}
        target.write_text(json.dumps({**figures, "peak_rss_mb": rss}, indent=2))


if __name__ == "__main__":
    main()
