"""A busy service day against gunicorn and PostgreSQL on 127.0.0.1, then a check that nothing
was lost.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--port 8601]

1. Setup (bench/load_setup.py): (re)creates the scratch database (default
   postgres://postgres@127.0.0.1:5432/voca_load; set VOCA_LOAD_DATABASE_URL for another; it is
   dropped first, so it must be one you can lose), migrates, loads the demo, adds load users
   (field staff, finance, grants managers) and an award with small budget lines so the draws run
   into their limits.
2. Serves the site with gunicorn (5 sync workers, bench.settings: DEBUG off, production
   middleware, whole-page cache on) on 127.0.0.1 only.
3. Runs locust headless (bench/locustfile.py) for --seconds with --users simulated users:
   public visitors (home, filtered list, day pages, .ics), field staff logging contacts on the
   real fast-entry form, finance requesting and submitting draws, grants managers approving and
   rejecting them, all through the real admin forms with CSRF tokens.
4. Checks: no 5xx; in the database (bench/load_checks.py), every acknowledged contact and draw
   (and every acknowledged submit, approval, rejection, payment) is there; no half-written
   record; no budget line overdrawn; live balances equal the balances rebuilt from history.
   Prints p50/p95/p99 and requests/s per kind of request. Exits 1 when a check fails.

Two-factor sign-in is off for the simulated staff (VOCA_REQUIRE_2FA=0): the password step and
every page after it are the same as in production.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load_checks import verify  # noqa: E402
from bench.load_setup import database_url, prepare, server_env  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent


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
