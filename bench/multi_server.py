"""Two app servers, one report worker, PostgreSQL and Redis behind HAProxy, as production runs
them, all on 127.0.0.1 and all private to this run:

    .venv/bin/python bench/multi_server.py [--quick] [--users 50] [--seconds 60] [--base-port 8170]

A PostgreSQL cluster of its own (initdb once in var/multi_server/, fsync off, on --base-port+6,
so restarting it disturbs nobody; the migrated demo database is kept there as a template and
copied in a second while no migration, demo or load set-up file changes), a redis-server of its
own (--base-port+5), servers A and B (gunicorn, 2 workers each, separate working folders,
VOCA_FILE_STORE=database, REDIS_URL, the same SECRET_KEY and field keys), one
``manage.py voca_worker``, and in front HAProxy (Debian's package; missing, the run fails) with
the operator's deploy/haproxy.cfg, its variables set to this run's ports (--base-port, and
--base-port+3 for the plain-http listener production keeps for redirects). The servers run
bench.settings (DEBUG off, production middleware) on plain http on 127.0.0.1, so without
production.py's Secure cookies and HTTPS redirect; the proxy passes Host and cookies untouched.
``--quick`` (CI): 10 users, 20 s a load (default 50 users, 60 s). It checks, and exits 1 if
any check fails:

1-5, once with each step sent to a named server (A, then B) and once with every step through
   HAProxy (round-robin, nothing sticky, so one browser's requests alternate between servers):
   1. a report requested is built by the worker and downloaded from the other server;
   2. a supporting document uploaded on one server opens on the other;
   3. a page published is fresh on the other server (which had it in the shared cache);
   4. a two-factor sign-in started on one server (password) is finished on the other (code);
   5. an axes lockout on one server holds on the other;
6. Redis stopped under load: /healthz answers 200 "degraded" on A and B, so HAProxy keeps both
   in its pool (a 503 would take every server out at once, for a cache that only speeds pages
   up), and pages are served; /healthz "ok" once Redis is back;
7. the load (bench/locustfile.py) on server A alone, then through HAProxy: requests, p50 and p95
   per kind of request side by side;
8. server A killed (SIGKILL, its workers too) under load: HAProxy takes it out of the pool
   (`inter 1s fall 2`), sends a request that found A dead to B, sends again a GET that A took
   and never answered, answers such a POST (which A may have applied) with its own 503 and
   Retry-After; A restarted is back in the pool (`rise 2`) and takes requests again;
9. a database restart during load: requests answer 503 with Retry-After (never 500), /healthz
   503 (the file store is the database too), and the worker (voca_worker: db_worker retrying
   with back-off) logs the lost connection, survives and builds a report requested after it.

After every load (A alone, through HAProxy, and under each fault): every answer the load's
clients got, by status (redirects followed included), has no 5xx other than a 503 with
Retry-After (none at all with every server up or Redis down) and no request was cut off without
an answer; every acknowledged write (a contact, draw or draw step the client got its redirect
for) is in the database, and some write was acknowledged, so the check has something to find.

The simulated staff of the load sign in with a password alone (the servers are restarted with
VOCA_REQUIRE_2FA=0 for the load, as bench/load.py runs); the checks' own accounts (multi-*) have
an authenticator and sign in with both steps. Operator's guide: docs/operations/proxy.md.
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import load  # noqa: E402
from bench.multi_load import (  # noqa: E402
    answers_and_writes,
    database_restarted,
    percentiles_table,
    redis_stopped,
    run_load,
    server_killed,
)
from bench.multi_services import (  # noqa: E402
    RESULTS,
    HAProxy,
    Postgres,
    check,
    find_haproxy,
    prepared_database,
    proxy_answers,
    server_env,
    start_redis,
)
from bench.multi_shared_state import (  # noqa: E402
    get,
    prepare_accounts,
    request_report,
    shared_state_checks,
)

WORKERS = 2  # gunicorn workers per server, and HAProxy's maxconn for each


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "voca_worker", "--interval=0.5"],
        env=env,
        cwd=ROOT,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI: 10 users, 20 s a load")
    parser.add_argument("--users", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--base-port", type=int, default=8170)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    # Stopped from outside (CI's timeout): still stop everything started, in the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    users = args.users or (10 if args.quick else 50)
    seconds = args.seconds or (20 if args.quick else 60)
    port = args.base_port
    proxy_port, a_port, b_port, plain_port = port, port + 1, port + 2, port + 3
    redis_port, pg_port = port + 5, port + 6
    a, b, proxy_url = (f"http://127.0.0.1:{p}" for p in (a_port, b_port, proxy_port))
    haproxy = find_haproxy()
    if haproxy is None:  # a failure, never a skip: CI installs it (.ci/run, ensure_haproxy)
        check("HAProxy installed (Debian's haproxy package)", False, "haproxy not found")
        return 1
    kept = ROOT / "var" / "multi_server"
    kept.mkdir(parents=True, exist_ok=True)
    for folder_up in (ROOT / "var", kept):
        folder_up.chmod(0o755)  # PostgreSQL's own user reaches its cluster
    folder = Path(tempfile.mkdtemp(prefix="voca-multi-"))
    folder.chmod(0o755)  # HAProxy's own user reads nothing here, but its socket is made here
    started = time.monotonic()
    processes: list[subprocess.Popen] = []
    postgres = Postgres(kept / f"postgres-{pg_port}", pg_port)
    redis = start_redis(redis_port, folder)
    processes.append(redis)
    figures = {}
    try:
        print(
            f"PostgreSQL on {pg_port}, Redis on {redis_port}, servers A {a_port} and B {b_port}, "
            f"HAProxy on {proxy_port} (and {plain_port}, plain http)",
            flush=True,
        )
        shared = {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "VOCA_FILE_STORE": "database"}
        os.environ.update(shared)
        plan = prepared_database(postgres, folder, users)
        today = json.loads(plan.read_text())["today"]
        names = {label: prepare_accounts(label) for label in ("ab", "proxy")}
        from django.db import connections

        connections.close_all()

        def start_server(name: str, two_factor: bool) -> subprocess.Popen:
            server = load.start_gunicorn(
                {"a": a_port, "b": b_port}[name],
                server_env(postgres.url(), redis_port, folder / name, two_factor),
                folder / name,
                workers=WORKERS,
                output=(folder / name / "stderr.log").open("a"),
            )
            processes.append(server)
            return server

        def start_redis_again() -> subprocess.Popen:
            processes.append(start_redis(redis_port, folder))
            return processes[-1]

        servers = [start_server("a", True), start_server("b", True)]
        worker_env = server_env(postgres.url(), redis_port, folder / "worker", False)
        worker = start_worker(worker_env, folder / "worker.log")
        processes.append(worker)
        proxy = HAProxy(haproxy, proxy_port, plain_port, (a_port, b_port), WORKERS, folder)
        processes.append(proxy.start())
        up = proxy.wait_pool({"app1", "app2"})
        check(
            "HAProxy (deploy/haproxy.cfg) has A and B in its pool",
            up is not None,
            f"after {up if up is None else round(up, 1)} s",
        )

        print("Shared state across servers, each step on a named server:", flush=True)
        manager = shared_state_checks(a, b, names["ab"], "A then B", today)
        print("The same through HAProxy:", flush=True)
        shared_state_checks(proxy_url, proxy_url, names["proxy"], "through HAProxy", today)

        # The load's simulated staff sign in with a password alone (as bench/load.py).
        for server in servers:
            load.stop(server)
        servers = [start_server("a", False), start_server("b", False)]
        time.sleep(2.5)  # rise 2: HAProxy may have seen them gone
        proxy.wait_pool({"app1", "app2"})
        print(
            f"Load: {users} users for {seconds:.0f} s on A alone, then through HAProxy to A and B",
            flush=True,
        )
        single, ack_single, _ = run_load(a_port, users, seconds, plan)
        multi, ack_multi, _ = run_load(proxy_port, users, seconds, plan)
        for line in percentiles_table(single, multi):
            print("  " + line)
        answers_and_writes("one server", ack_single, set())
        answers_and_writes("two servers through HAProxy", ack_multi, set())

        print("Server A killed (SIGKILL, workers too) under load through HAProxy:", flush=True)
        mark = len(proxy.log_lines())
        _, ack_killed, killed = run_load(
            proxy_port,
            users,
            seconds,
            plan,
            during=lambda: server_killed(proxy, servers, lambda: start_server("a", False), seconds),
        )
        proxy_seen = proxy_answers(proxy.log_lines()[mark:])
        for _ in range(4):  # the load may end before A is back: round-robin sends it two of these
            get(f"{proxy_url}/bench/ok")
        since = int(proxy.stats()["app1"]["stot"]) - killed["served_at_return"]
        out, back = killed["out"], killed["back"]
        check(
            "server A killed: out of HAProxy's pool, back once restarted, serving again",
            out is not None and back is not None and since > 0,
            f"out {out if out is None else round(out, 1)} s after the kill, back "
            f"{back if back is None else round(back, 1)} s after it answered, {since} requests "
            f"since; HAProxy sent {proxy_seen['retried']} request(s) again and answered "
            f"{proxy_seen['proxy_503']} with its 503, of {proxy_seen['requests']}; "
            f"ends other than normal: {proxy_seen['ends'] or 'none'}",
        )
        answers_and_writes("server A killed", ack_killed, {"503 Retry-After"})

        print("Redis stopped under load through HAProxy:", flush=True)
        _, ack_redis, seen = run_load(
            proxy_port,
            users,
            seconds,
            plan,
            during=lambda: redis_stopped(redis, proxy, a, b, proxy_url, seconds, start_redis_again),
        )
        check(
            "Redis stopped: /healthz 200 degraded on A and B, both kept in HAProxy's pool, "
            "home page 200 through it",
            seen["healthz"] == [(200, "degraded")] * 2
            and seen["pool"] == ["app1", "app2"]
            and set(seen["pages"]) == {200},
            f"healthz {seen['healthz']}, pool {seen['pool']}, pages {seen['pages']}",
        )
        check(
            "Redis back: /healthz ok on A and B",
            seen["healthz_after"] == ["ok", "ok"],
            f"{seen['healthz_after']}",
        )
        answers_and_writes("Redis stopped", ack_redis, set())

        print("Database restart during load through HAProxy:", flush=True)
        _, ack_outage, seen = run_load(
            proxy_port,
            users,
            seconds,
            plan,
            during=lambda: database_restarted(postgres, proxy_url, seconds),
        )
        statuses = seen["statuses"]
        check(
            "while the database is down: 503 with Retry-After, never 500",
            503 in statuses and 500 not in statuses and seen["retry_after"] == {"30"},
            f"statuses seen {sorted(set(statuses))}, Retry-After {sorted(seen['retry_after'])}",
        )
        check(
            "while the database is down: /healthz 503 (database and file store)",
            503 in seen["healthz"],
            f"{sorted(set(seen['healthz']))}",
        )
        answers_and_writes("database restart", ack_outage, {"503 Retry-After"})
        requested, file = request_report(manager, a, b)
        lost = (folder / "worker.log").read_text().count("Report worker lost the database")
        check(
            "the worker lost the database, survived and built a report requested after it",
            lost > 0 and worker.poll() is None and file is not None and file.content[:2] == b"PK",
            f"{lost} lost connection(s) logged, worker "
            f"{'running' if worker.poll() is None else 'exited'}, request {requested}, "
            f"file {getattr(file, 'status_code', 'never ready')}",
        )
        figures = {"single": single, "multi": multi, "killed": killed, "proxy": proxy_seen}
    finally:
        for process in reversed(processes):
            load.stop(process)
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop()
        with contextlib.suppress(OSError):  # the last run's proxy log, for the operator
            shutil.copy(folder / "haproxy.log", kept / "haproxy-last-run.log")
        shutil.rmtree(folder, ignore_errors=True)
    failed = [name for name, ok, _ in RESULTS if not ok]
    print(
        f"{len(RESULTS) - len(failed)} of {len(RESULTS)} checks passed in "
        f"{time.monotonic() - started:.0f} s" + (f"; FAILED: {failed}" if failed else "")
    )
    if args.json:
        figures["checks"] = RESULTS
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
