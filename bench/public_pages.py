"""Requests per second for the public pages against a minimal "ok" view, on gunicorn.

    .venv/bin/python bench/public_pages.py [--seconds 5] [--clients 4] [--days 500]

Builds a throw-away database (SQLite in a temporary folder, or DATABASE_URL when set: it must
name a database you can lose), loads the demo content plus enough live service days to make
--days upcoming days, then serves the site twice with gunicorn (2 sync workers on 127.0.0.1):
once with the whole-page cache on and once with it off. Each URL is hit by --clients concurrent
client processes for --seconds after a short warm-up. Prints each rate and its ratio to the
minimal view measured on the same server. Targets (2 cores): cached pages >= 40 % of the
minimal view; the uncached index with 500 upcoming days >= 5 %.
"""

import argparse
import datetime
import http.client
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def prepare_database(days: int) -> str:
    """Migrate, load the demo, add live days until ``days`` are upcoming; return a day's path."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    from events.models import ServiceDayIndexPage, ServiceDayPage
    from voca.clock import local_today

    default = Locale.get_default()
    index_page = ServiceDayIndexPage.objects.get(locale=default)
    upcoming = ServiceDayPage.objects.upcoming().filter(locale=default)
    template = upcoming.filter(status="scheduled").first()
    services = list(template.services.all())
    languages = list(template.languages.all())
    today = local_today()
    for n in range(max(0, days - upcoming.count())):
        page = ServiceDayPage(
            title=f"Benchmark service day {n}",
            slug=f"benchmark-day-{n}",
            date=today + datetime.timedelta(days=1 + n % 90),
            start_time=template.start_time,
            end_time=template.end_time,
            location=template.location,
            what_to_bring=template.what_to_bring,
            live=True,
        )
        page.services = services
        page.languages = languages
        index_page.add_child(instance=page)
    # Every language lists every day (as an alias until translated), as editors' pages would.
    for sync in LocaleSynchronization.objects.all():
        sync.sync_trees()
    print(
        f"database ready: {upcoming.count()} upcoming service days in each of "
        f"{Locale.objects.count()} languages"
    )
    return template.url


def queries_per_page(pages) -> dict:
    """SQL queries for one request to each page: page cache off with the shared fragments cold
    (the first render after a content change), off with them warm, and on (warm)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    figures = {}
    for name, path in pages:
        counts = []
        with override_settings(VOCA_PUBLIC_CACHE_SECONDS=0):
            cache.clear()
            for _ in range(2):
                with CaptureQueriesContext(connection) as q:
                    status = client.get(path).status_code
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
                counts.append(len(q))
        cache.clear()
        client.get(path)
        with CaptureQueriesContext(connection) as q:
            client.get(path)
        figures[name] = {"uncached_cold": counts[0], "uncached": counts[1], "cached": len(q)}
    connection.close()
    return figures


def hammer(args):
    port, path, seconds = args
    done, errors = 0, 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except OSError:
            errors += 1
        finally:
            connection.close()
    return done, errors


def rate(pool, port, path, seconds, clients) -> float:
    pool.map(hammer, [(port, path, 1.0)] * clients)  # warm-up: caches, connections, imports
    started = time.perf_counter()
    results = pool.map(hammer, [(port, path, seconds)] * clients)
    elapsed = time.perf_counter() - started
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    if errors:
        print(f"  !! {errors} failed requests on {path}")
    return done / elapsed


def serve(port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            GUNICORN,
            "voca.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "--chdir",
            str(ROOT),
        ],
        env=env,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/ok")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start on port {port}")


def run(seconds=5.0, clients=4, days=500, port=8102) -> dict:
    """Serve with and without the page cache; returns rates, ratios and queries per page."""
    workdir = tempfile.mkdtemp(prefix="voca-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "VOCA_BENCH_SQLITE": str(Path(workdir) / "bench.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    day_path = prepare_database(days)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(
        f"gunicorn, 2 sync workers, 127.0.0.1, {database}; {clients} client processes, "
        f"{seconds:g} s per URL; {os.cpu_count()} CPUs"
    )

    pages = [
        ("home", "/"),
        ("index", "/service-days/"),
        ("service day", day_path),
        ("home es", "/es/"),
        ("index es", "/es/service-days/"),
        ("service day bs", f"/bs{day_path}"),
    ]
    queries = queries_per_page(pages)
    results = []
    with multiprocessing.Pool(clients) as pool:
        for label, cache_seconds, server_port in (
            ("cached", "600", port),
            ("uncached", "0", port + 1),
        ):
            server = serve(server_port, {**env, "VOCA_PUBLIC_CACHE_SECONDS": cache_seconds})
            try:
                floor = rate(pool, server_port, "/bench/ok", seconds, clients)
                results.append((f"minimal 'ok' view ({label} server)", floor, 1.0))
                for name, path in pages:
                    value = rate(pool, server_port, path, seconds, clients)
                    results.append((f"{name} ({label})", value, value / floor))
            finally:
                server.terminate()
                server.wait(timeout=30)
    return {"database": database, "days": days, "rates": results, "queries": queries}


def report(figures: dict) -> None:
    results = figures["rates"]
    print(f"\n{'URL':<40} {'req/s':>8} {'ratio to ok':>12}")
    for name, value, ratio in results:
        print(f"{name:<40} {value:8.1f} {ratio:11.1%}")
    print("\nSQL queries per request (page cache off, fragments cold / warm; page cache on):")
    for name, q in figures["queries"].items():
        print(f"  {name:<14} {q['uncached_cold']:>3} / {q['uncached']:>3}; {q['cached']}")
    cached = {n: r for n, _, r in results if n.endswith("(cached)")}
    uncached_index = min(r for n, _, r in results if n.startswith("index") and "(uncached)" in n)
    print(
        f"\ntarget cached >= 40%: {'met' if min(cached.values()) >= 0.40 else 'NOT met'} "
        f"(lowest {min(cached.values()):.1%}); "
        f"uncached index (each language) with {figures['days']} days >= 5%: "
        f"{'met' if uncached_index >= 0.05 else 'NOT met'} ({uncached_index:.1%})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--days", type=int, default=500)
    parser.add_argument("--port", type=int, default=8102, help="and the next port")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    figures = run(options.seconds, options.clients, options.days, options.port)
    report(figures)
    if options.json:
        import json

        Path(options.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
