"""Benchmark: every back-office page each role uses, at ten years of data, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voca_bench_backoffice \
        .venv/bin/python bench/backoffice.py [--rebuild] [--repeat 7] [--contacts N] [--draws N]

Builds 100,000 contacts (or --contacts N), 40,000 clients and 20,000 draws (bench/exports.py's
bulk fixture) in a scratch PostgreSQL database, signs in as each role and requests
its pages with Django's test client, every page once a round in a shuffled order for --repeat
rounds: median time and queries per page, and the ratio to the lightest admin page measured in
the same run (the median over the rounds of the two pages' times in the same round). The goal:
every page within 2.5x, with a constant number of queries. Each page's peak Python allocation
is taken in one more, untimed request (tracemalloc slows what it watches), and the process's
peak RSS is printed at the end.
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


def timed(client, url: str) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, queries, status) of one request. The CPU seconds are this
    process's (the request's Python, not PostgreSQL's): on a machine shared with other work they
    move far less than the wall clock."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    return wall, cpu, len(captured), response.status_code


def peak_kb(client, url: str) -> float:
    """Peak Python allocation of one more request, untimed (tracemalloc slows what it watches)."""
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1] / 1024
    tracemalloc.stop()
    return peak


def interleaved(pages: list[dict], repeat: int) -> None:
    """Time every page once a round, ``repeat`` rounds after one warm-up round, each round in a
    new random order: a slow moment of the machine then falls on every page alike, not on the
    pages measured during it. Fills each page's ``walls``, ``cpus``, ``queries`` and ``status``."""
    order = list(pages)
    for page in order:
        page["client"].get(page["url"])
    shuffle = random.Random(7)
    for _ in range(repeat):
        shuffle.shuffle(order)
        for page in order:
            wall, cpu, queries, status = timed(page["client"], page["url"])
            page.setdefault("walls", []).append(wall)
            page.setdefault("cpus", []).append(cpu)
            page["queries"], page["status"] = queries, status


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
            rows.append({"role": role, "page": page.format(award=award), "url": url})
            rows[-1]["client"] = client
    interleaved(rows, repeat)
    for row in rows:
        row.update(
            ms=statistics.median(row["walls"]) * 1000, cpu_ms=statistics.median(row["cpus"]) * 1000
        )
        row["peak_kb"] = peak_kb(row.pop("client"), row["url"])
    # The reference is the lightest page measured in this very run (same load, same warm-up).
    # Each page's ratio is the median over the rounds of its time over the reference's time in
    # that same round: a round the machine was slow in is slow for both.
    lightest = min((r for r in rows if r["status"] == 200), key=lambda r: r["ms"])
    light = lightest["ms"]
    light_cpu = min(r["cpu_ms"] for r in rows if r["status"] == 200)
    for row in rows:
        row["ratio"] = statistics.median(
            w / ref for w, ref in zip(row["walls"], lightest["walls"], strict=True)
        )
        row["cpu_ratio"] = row["cpu_ms"] / light_cpu
    print(
        f"\n{exports.CONTACTS:,} contacts, {exports.CLIENTS:,} clients, {exports.DRAWS:,} draws; "
        f"lightest admin page {lightest['page']} ({lightest['role']}): {light:.0f} ms "
        f"(median of {repeat} interleaved rounds); least CPU of a page {light_cpu:.0f} ms\n"
        "ratio: the median over the rounds of the page's time over the lightest page's time in "
        "the same round\n"
    )
    print(
        f"{'role':<24}{'page':<40}{'ms':>7}{'queries':>9}{'peak KB':>9}{'ratio':>7}"
        f"{'cpu ms':>8}{'cpu ratio':>10}"
    )
    for row in rows:
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
