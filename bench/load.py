"""A busy service day against gunicorn and PostgreSQL on 127.0.0.1, then a check that nothing
was lost.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--port 8601]

1. Setup: (re)creates the scratch database (default postgres://postgres@127.0.0.1:5432/voca_load;
   set VOCA_LOAD_DATABASE_URL for another; it is dropped first, so it must be one you can lose),
   migrates, loads the demo, adds load users (field staff, finance, grants managers) and an award
   with small budget lines so the draws run into their limits.
2. Serves the site with gunicorn (5 sync workers, bench.settings: DEBUG off, production
   middleware, whole-page cache on) on 127.0.0.1 only.
3. Runs locust headless (bench/locustfile.py) for --seconds with --users simulated users:
   public visitors (home, filtered list, day pages, .ics), field staff logging contacts on the
   real fast-entry form, finance requesting and submitting draws, grants managers approving and
   rejecting them, all through the real admin forms with CSRF tokens.
4. Checks: no 5xx; every acknowledged contact and draw (and every acknowledged submit, approval,
   rejection, payment) is in the database; no half-written record; no budget line overdrawn; live
   balances equal the balances rebuilt from history. Prints p50/p95/p99 and requests/s per kind
   of request. Exits 1 when a check fails.

Two-factor sign-in is off for the simulated staff (VOCA_REQUIRE_2FA=0): the password step and
every page after it are the same as in production.
"""

import argparse
import csv
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/voca_load"
LOAD_PASSWORD = "load-test-password-not-secret"  # noqa: S105
LINE_AMOUNT = "2500.00"  # small, so concurrent draws run into the limits and get refused
MIX = {"field": 12, "finance": 5, "manager": 3}  # the rest of the users are public visitors
ACCOUNTS = {"field": 12, "finance": 5, "manager": 3}


def database_url() -> str:
    return os.environ.get("VOCA_LOAD_DATABASE_URL", DEFAULT_URL)


def server_env(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "VOCA_REQUIRE_2FA": "0",
        "VOCA_PUBLIC_CACHE_SECONDS": "600",
    }


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Odd database name {name!r}")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_setup(url: str) -> None:
    os.environ.update(server_env(url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(url: str, workdir: Path, users: int) -> Path:
    """Scratch database with the demo, load users and a small award; returns the plan file."""
    recreate_database(url)
    django_setup(url)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connections

    from events.models import Language, Service, ServiceDayPage
    from grants import operations
    from services.models import Client
    from voca.clock import local_today
    from voca.roles import ADVOCATE, FINANCE, GRANTS_MANAGER, SOCIAL_WORKER

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    roles = {
        "field": (ADVOCATE, SOCIAL_WORKER),
        "finance": (FINANCE,),
        "manager": (GRANTS_MANAGER,),
    }
    usernames = {}
    for kind, count in ACCOUNTS.items():
        usernames[kind] = []
        for n in range(count):
            user = User.objects.create_user(
                username=f"load-{kind}-{n:02d}",
                password=LOAD_PASSWORD,
                first_name=f"Load {kind} {n}",
            )
            user.groups.add(Group.objects.get(name=roles[kind][n % len(roles[kind])]))
            usernames[kind].append(user.username)

    today = local_today()
    manager = User.objects.get(username="load-manager-00")
    award = operations.create_award(
        actor=manager,
        federal_award_number=f"LOAD-{int(time.time())}",
        administering_agency="Load test",
        federal_fiscal_year=today.year,
        total_amount="100000.00",
        period_start=today - dt.timedelta(days=200),
        period_end=today + dt.timedelta(days=500),
        reason="Load test award",
    )
    lines = [
        operations.add_budget_line(
            actor=manager,
            award_id=award.pk,
            category=category,
            program="Load test",
            description=f"Load line {n}",
            amount=LINE_AMOUNT,
            reason="Load test budget",
        ).pk
        for n, category in enumerate(("personnel", "supplies", "travel", "other"))
    ]
    days = [d.url for d in ServiceDayPage.objects.live().public().specific()][:40]
    plan = {
        "run": time.strftime("%H%M%S"),
        "password": LOAD_PASSWORD,
        "users": usernames,
        "mix": {k: min(v, users // 3) for k, v in MIX.items()},
        "today": today.isoformat(),
        "lines": lines,
        "days": [d for d in days if d],
        "services": list(Service.objects.values_list("slug", flat=True)),
        "languages": list(Language.objects.values_list("code", flat=True)),
        "months": [
            (today.replace(day=1) + dt.timedelta(days=32 * k)).strftime("%Y-%m") for k in range(4)
        ],
        "client_codes": list(Client.objects.values_list("code", flat=True)[:20]),
    }
    connections.close_all()
    path = workdir / "plan.json"
    path.write_text(json.dumps(plan, indent=1))
    print(
        f"setup: scratch database migrated, demo loaded, {sum(ACCOUNTS.values())} load users, "
        f"award with {len(lines)} lines of ${LINE_AMOUNT} ({time.perf_counter() - started:.0f} s)"
    )
    return path


def start_gunicorn(
    port: int, env: dict, workdir: Path, workers: int = 5, output=None
) -> subprocess.Popen:
    """``output``: a file for what the server writes on its own (tracebacks); else this terminal."""
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "voca.wsgi:application",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=30",
            "--graceful-timeout=5",
            "--log-level=warning",
            f"--access-logfile={workdir / 'access.log'}",
            # status, then milliseconds spent in the worker (the rest of a latency is queueing)
            '--access-logformat=%(s)s %(M)s "%(r)s"',
            f"--error-logfile={workdir / 'gunicorn.log'}",
            "--chdir",
            str(ROOT),
        ],
        env=env,
        stdout=output,
        stderr=output,
    )
    import http.client

    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/ok")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start on port {port}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_locust(port, users, seconds, workdir: Path, plan: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "VOCA_LOAD_PLAN": str(plan),
        "VOCA_LOAD_RESULTS": str(workdir / "acknowledged.json"),
    }
    return subprocess.Popen(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            f"--host=http://127.0.0.1:{port}",
            f"--users={users}",
            f"--spawn-rate={max(users // 5, 1)}",
            f"--run-time={int(seconds)}s",
            "--stop-timeout=10",
            f"--csv={workdir / 'locust'}",
            "--only-summary",
            "--loglevel=WARNING",
            "--exit-code-on-error=0",
            "--skip-log-setup",
        ],
        env=env,
        stdout=open(workdir / "locust.out", "w"),
        stderr=subprocess.STDOUT,
    )


def read_stats(workdir: Path) -> list[dict]:
    rows = []
    with open(workdir / "locust_stats.csv") as stats:
        for row in csv.DictReader(stats):
            rows.append(
                {
                    "name": row["Name"] if row["Name"] != "Aggregated" else "all requests",
                    "count": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50": float(row["50%"] or 0),
                    "p95": float(row["95%"] or 0),
                    "p99": float(row["99%"] or 0),
                    "rps": float(row["Requests/s"] or 0),
                }
            )
    return rows


def server_log(workdir: Path) -> dict:
    """What gunicorn's access log says: 5xx answers, and time spent in the workers."""
    statuses, times = [], []
    with open(workdir / "access.log", errors="replace") as log:
        for line in log:
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
                statuses.append(int(parts[0]))
                times.append(int(parts[1]))
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, int(p * len(times)))] if times else 0

    return {
        "requests": len(statuses),
        "5xx": sum(1 for s in statuses if s >= 500),
        "worker_ms_p50": pct(0.50),
        "worker_ms_p95": pct(0.95),
    }


def verify(acknowledged: dict) -> dict:
    """Every acknowledged write is there, whole; every ledger invariant holds."""
    from django.db import connections
    from django.db.models import Count

    from grants import ledger
    from grants.models import Award, Draw, DrawStatus
    from services.models import Client, Contact

    connections.close_all()  # a connection from before a database restart is gone
    problems: list[str] = []

    contacts = {
        c.pk: c
        for c in Contact.objects.filter(pk__in=[a["id"] for a in acknowledged["contacts"]])
        .annotate(n_services=Count("contact_services", distinct=True))
        .only("pk", "referrals", "client_id")
    }
    for ack in acknowledged["contacts"]:
        contact = contacts.get(ack["id"])
        if contact is None:
            problems.append(f"acknowledged contact #{ack['id']} is missing")
        elif contact.referrals != ack["marker"] or contact.n_services != ack["services"]:
            problems.append(f"contact #{ack['id']} differs from what was submitted")
        elif (ack["kind"] == "anonymous") != (contact.client_id is None):
            problems.append(f"contact #{ack['id']} has the wrong kind of client")

    draws = {d.pk: d for d in Draw.objects.filter(pk__in=[a["id"] for a in acknowledged["draws"]])}
    for ack in acknowledged["draws"]:
        draw = draws.get(ack["id"])
        if draw is None:
            problems.append(f"acknowledged draw #{ack['id']} is missing")
        elif draw.description != ack["marker"] or str(draw.amount) != ack["amount"]:
            problems.append(f"draw #{ack['id']} differs from what was submitted")
    history = Draw.history.model.objects
    for step, status in (
        ("submitted", DrawStatus.SUBMITTED),
        ("approved", DrawStatus.APPROVED),
        ("rejected", DrawStatus.REJECTED),
        ("paid", DrawStatus.PAID),
    ):
        ids = set(acknowledged[step])
        recorded = set(
            history.filter(id__in=ids, status=status).values_list("id", flat=True).distinct()
        )
        for missing in sorted(ids - recorded):
            problems.append(f"acknowledged {step} of draw #{missing} is not in its history")

    # Half-written records: every contact has its services and history, every client and draw
    # its history, and the latest history row of each draw says what the draw says.
    bare = Contact.objects.annotate(n=Count("contact_services")).filter(n=0).count()
    if bare:
        problems.append(f"{bare} contact(s) without services")
    for model in (Contact, Client, Draw):
        with_history = set(model.history.model.objects.values_list("id", flat=True).distinct())
        without = model.objects.exclude(pk__in=with_history).count()
        if without:
            problems.append(f"{without} {model._meta.verbose_name_plural} without history")
    latest_status = {}
    for draw_id, status in history.order_by("id", "history_id").values_list("id", "status"):
        latest_status[draw_id] = status
    stale = [d.pk for d in Draw.objects.only("pk", "status") if latest_status[d.pk] != d.status]
    if stale:
        problems.append(f"draws whose history disagrees with the record: {stale[:10]}")

    from django.utils import timezone

    overdrawn = []
    for award in Award.objects.all():
        now_balances = ledger.current_balances(award)
        for line in now_balances.lines:
            if line.remaining < 0:
                overdrawn.append(f"{award.federal_award_number} {line.description}")
        if now_balances.remaining < 0:
            overdrawn.append(f"award {award.federal_award_number}")
        # Replayed to the end (the demo records some of today's steps at a later hour).
        rebuilt = ledger.balances_as_of(award.pk, timezone.now() + dt.timedelta(days=366))
        if [(li.paid, li.committed) for li in rebuilt.lines] != [
            (li.paid, li.committed) for li in now_balances.lines
        ]:
            problems.append(f"award {award.federal_award_number}: history disagrees with balances")
    if overdrawn:
        problems.append(f"overdrawn: {overdrawn}")
    load_award = Award.objects.filter(federal_award_number__startswith="LOAD-").last()
    balances = ledger.current_balances(load_award)
    return {
        "problems": problems,
        "contacts_checked": len(acknowledged["contacts"]),
        "draws_checked": len(acknowledged["draws"]),
        "steps_checked": sum(
            len(acknowledged[s]) for s in ("submitted", "approved", "rejected", "paid")
        ),
        "load_award_used": balances.paid + balances.committed,
        "load_award_budgeted": balances.budgeted,
        "lines_min_remaining": min(li.remaining for li in balances.lines),
    }


def run(
    users: int = 50,
    seconds: float = 60,
    port: int = 8601,
    during=None,
    quiet: bool = False,
) -> dict:
    """Set up, serve, load for ``seconds``, verify; returns the figures. ``during(server,
    workdir)`` runs while the load does (bench/faults.py passes its faults here)."""
    url = database_url()
    workdir = Path(tempfile.mkdtemp(prefix="voca-load-"))
    plan = prepare(url, workdir, users)
    server = start_gunicorn(port, server_env(url), workdir)
    faults = None
    try:
        started = time.perf_counter()
        locust = run_locust(port, users, seconds, workdir, plan)
        if during is not None:
            faults = during(server, workdir, seconds)
        try:
            locust.wait(timeout=seconds + 90)
        except subprocess.TimeoutExpired:
            stop(locust)
        elapsed = time.perf_counter() - started
    finally:
        stop(server)
    if not (workdir / "acknowledged.json").exists():
        print((workdir / "locust.out").read_text()[-3000:])
        raise SystemExit("locust wrote no results")
    acknowledged = json.loads((workdir / "acknowledged.json").read_text())
    stats = read_stats(workdir)
    checks = verify(acknowledged)
    result = {
        "users": users,
        "seconds": seconds,
        "elapsed": elapsed,
        "cpus": os.cpu_count(),
        "stats": stats,
        "acknowledged": {
            k: len(acknowledged[k])
            for k in ("contacts", "draws", "submitted", "approved", "rejected", "paid")
        },
        "refused": acknowledged["refused"],
        "status_5xx": acknowledged["status_5xx"],
        "server": server_log(workdir),
        "cut_off": acknowledged["cut_off"],
        "unexpected": acknowledged["unexpected"][:20],
        "checks": checks,
        "faults": faults,
        "workdir": str(workdir),
    }
    if not quiet:
        report(result)
    return result


def report(result: dict) -> None:
    print(
        f"\nLoad: {result['users']} simulated users for {result['seconds']:g} s against gunicorn "
        f"(5 sync workers) + PostgreSQL on 127.0.0.1; {result['cpus']} CPUs shared with the "
        "load generator (and other work)"
    )
    print(
        f"{'request':<32}{'count':>7}{'fail':>6}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'req/s':>8}"
    )
    for row in result["stats"]:
        print(
            f"{row['name'][:31]:<32}{row['count']:>7}{row['failures']:>6}{row['p50']:>8.0f}"
            f"{row['p95']:>8.0f}{row['p99']:>8.0f}{row['rps']:>8.1f}"
        )
    ack = result["acknowledged"]
    print(
        f"\nacknowledged: {ack['contacts']} contacts, {ack['draws']} draws requested, "
        f"{ack['submitted']} submitted, {ack['approved']} approved, {ack['rejected']} rejected, "
        f"{ack['paid']} paid"
    )
    if result["refused"]:
        print("refused with a message on the form (expected under contention):")
        for reason, count in sorted(result["refused"].items(), key=lambda kv: -kv[1]):
            print(f"  {count:>4}  {reason}")
    print(
        f"5xx: {sum(result['status_5xx'].values())} seen by clients, {result['server']['5xx']} in "
        f"gunicorn's access log; requests cut off without an answer: "
        f"{sum(result['cut_off'].values())} {dict(result['cut_off']) or ''}"
    )
    server = result["server"]
    print(
        f"time inside the workers (gunicorn's log, {server['requests']} requests): "
        f"p50 {server['worker_ms_p50']} ms, p95 {server['worker_ms_p95']} ms; the rest of the "
        "latency above is waiting for a free worker or a CPU"
    )
    if result["unexpected"]:
        print(f"unexpected answers: {result['unexpected']}")
    checks = result["checks"]
    print(
        f"checked in the database: {checks['contacts_checked']} contacts, "
        f"{checks['draws_checked']} draws, {checks['steps_checked']} draw steps; load award: "
        f"${checks['load_award_used']:,.2f} of ${checks['load_award_budgeted']:,.2f} used, "
        f"smallest line remaining ${checks['lines_min_remaining']:,.2f}"
    )
    if checks["problems"]:
        print("PROBLEMS:")
        for problem in checks["problems"]:
            print(f"  - {problem}")
    else:
        print("no acknowledged write lost, no half-written record, no budget line overdrawn")


def passed(result: dict, allow_5xx: bool = False) -> bool:
    no_5xx = allow_5xx or (not result["status_5xx"] and not result["server"]["5xx"])
    return no_5xx and not result["checks"]["problems"] and not result["unexpected"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    result = run(options.users, options.seconds, options.port)
    if options.json:
        Path(options.json).write_text(json.dumps(result, indent=1, default=str))
    sys.exit(0 if passed(result) else 1)


if __name__ == "__main__":
    main()
