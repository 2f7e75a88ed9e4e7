"""Faults under load: kill gunicorn workers mid-request and restart PostgreSQL while bench/load.py
runs, then check that no acknowledged write was lost and no record is half-written.

    .venv/bin/python bench/faults.py [--users 50] [--seconds 60] [--kills 4] [--no-db-restart]

Each kill waits (up to 8 s) for a worker whose database session is in the middle of a write
(inside an explicit transaction, or running an INSERT/UPDATE/DELETE), found through
pg_stat_activity's client port. (Failing that, any worker holding an
open client connection, i.e. mid-request.) It gets SIGKILL, so it cannot finish or clean up;
PostgreSQL rolls its open transaction back when the connection drops. gunicorn starts a new
worker in its place.
The database restart is ``pg_ctlcluster --skip-systemctl-redirect 15 main restart`` (fast
shutdown: every session is cut and its open transaction rolled back). It restarts the SHARED
PostgreSQL of this machine: run it by hand, never from the test suite. The script makes sure
PostgreSQL is running again before it checks, and exits 1 when a check fails.

Requests that were cut off or answered 5xx while the database was down are expected and are
reported; what must not happen is an acknowledged write that is missing afterwards or a record
left half-written.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import load
from bench.load_setup import database_url

PG_VERSION, PG_CLUSTER = "15", "main"


def busy_workers(server_pid: int, port: int) -> list[psutil.Process]:
    """Workers holding an established client connection on ``port``: answering a request."""
    busy = []
    for worker in psutil.Process(server_pid).children():
        try:
            connections = worker.net_connections(kind="tcp")
        except psutil.Error:
            continue
        if any(
            c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port
            for c in connections
        ):
            busy.append(worker)
    return busy


def kill_busy_worker(server_pid: int, port: int, timeout: float = 5.0) -> dict | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = busy_workers(server_pid, port)
        if busy:
            worker = busy[0]
            worker.kill()  # SIGKILL
            return {"pid": worker.pid, "at": time.strftime("%H:%M:%S"), "doing": "a request"}
        time.sleep(0.01)
    return None


def kill_worker_in_transaction(server_pid: int, url: str, timeout: float = 8.0) -> dict | None:
    """SIGKILL a worker while its database session is in the middle of a write: inside an
    explicit transaction (between statements) or running an INSERT, UPDATE or DELETE.

    PostgreSQL's pg_stat_activity names each session's client port; the worker holding that
    port is the one to kill. Only the statement's first words are kept (never values)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    deadline = time.monotonic() + timeout
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        while time.monotonic() < deadline:
            sessions = conn.execute(
                "SELECT client_port, left(query, 40) FROM pg_stat_activity "
                "WHERE datname = %s AND backend_type = 'client backend' AND xact_start IS NOT NULL "
                "AND (state = 'idle in transaction' OR query ~* '^\\s*(INSERT|UPDATE|DELETE)')",
                [name],
            ).fetchall()
            if sessions:
                ports = dict(sessions)
                for worker in psutil.Process(server_pid).children():
                    try:
                        connections = worker.net_connections(kind="tcp")
                    except psutil.Error:
                        continue
                    for c in connections:
                        if c.raddr and c.raddr.port == 5432 and c.laddr.port in ports:
                            worker.kill()  # SIGKILL
                            words = " ".join(ports[c.laddr.port].split()[:4])
                            return {
                                "pid": worker.pid,
                                "at": time.strftime("%H:%M:%S"),
                                "doing": f"a transaction ({words} ...)",
                            }
            time.sleep(0.002)
    return None


def postgres_ready(timeout: float = 60.0) -> bool:
    import psycopg

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=2):
                return True
        except psycopg.Error:
            time.sleep(0.5)
    return False


def restart_postgres() -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, PG_CLUSTER, "restart"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    ready = postgres_ready()
    return {
        "exit": done.returncode,
        "stderr": done.stderr.strip()[-300:],
        "seconds_until_ready": round(time.perf_counter() - started, 1),
        "ready": ready,
    }


def ensure_postgres_running() -> None:
    if postgres_ready(timeout=5):
        return
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, PG_CLUSTER, "start"],
        check=False,
        timeout=120,
    )
    if not postgres_ready():
        raise SystemExit("PostgreSQL is not running: start it with pg_ctlcluster 15 main start")


def make_faults(port: int, kills: int, db_restart: bool):
    def during(server, workdir, seconds):
        """Spread the kills over the run; restart the database two thirds of the way in."""
        outcome = {"killed": [], "db_restart": None}
        started = time.monotonic()
        moments = [seconds * (0.2 + 0.4 * k / max(kills, 1)) for k in range(kills)]
        plan = sorted(
            [(m, "kill") for m in moments] + ([(seconds * 0.65, "db")] if db_restart else [])
        )
        for moment, what in plan:
            time.sleep(max(0.0, moment - (time.monotonic() - started)))
            if what == "kill":
                killed = kill_worker_in_transaction(server.pid, database_url())
                killed = killed or kill_busy_worker(server.pid, port)
                outcome["killed"].append(killed or {"pid": None, "at": "no busy worker found"})
            else:
                outcome["db_restart"] = restart_postgres()
        return outcome

    return during


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8602)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--no-db-restart", action="store_true")
    parser.add_argument("--json")
    options = parser.parse_args()
    ensure_postgres_running()
    try:
        result = load.run(
            options.users,
            options.seconds,
            options.port,
            during=make_faults(options.port, options.kills, not options.no_db_restart),
        )
    finally:
        ensure_postgres_running()
    faults = result["faults"]
    print("\nFaults:")
    for killed in faults["killed"]:
        print(
            f"  SIGKILL gunicorn worker {killed['pid']} at {killed['at']} while in "
            f"{killed.get('doing', '?')}"
        )
    if faults["db_restart"]:
        restart = faults["db_restart"]
        print(
            f"  PostgreSQL restarted (exit {restart['exit']}), accepting connections again after "
            f"{restart['seconds_until_ready']} s; running now: {restart['ready']}"
        )
    ok = load.passed(result, allow_5xx=True) and all(k["pid"] for k in faults["killed"])
    print(
        "Outcome: "
        + (
            "no acknowledged write lost, no half-written record, ledger invariants hold"
            if ok
            else "FAILED (see above)"
        )
    )
    if options.json:
        Path(options.json).write_text(json.dumps(result, indent=1, default=str))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
