"""The loads of a bench/multi_server.py run (checks 7-9): a load through one server or HAProxy,
what its clients saw and wrote, and the faults made while it runs (server A killed, Redis
stopped, the database restarted)."""

import contextlib
import json
import signal
import tempfile
import threading
import time
from pathlib import Path

import requests

from bench import load
from bench.load_checks import verify
from bench.multi_services import HAProxy, Postgres, check, kill_server
from bench.multi_shared_state import get


# --- faults under load ---------------------------------------------------------------------------
def server_killed(proxy: HAProxy, servers: list, restart, seconds: float) -> dict:
    """A quarter into the load, SIGKILL server A; once HAProxy has taken it out, start it again
    and time its return to the pool."""
    time.sleep(seconds / 4)
    kill_server(servers[0])
    out = proxy.wait_pool({"app2"}, timeout=15)
    servers[0] = restart()
    back = proxy.wait_pool({"app1", "app2"}, timeout=30)
    return {"out": out, "back": back, "served_at_return": int(proxy.stats()["app1"]["stot"])}


def redis_stopped(redis, proxy: HAProxy, a: str, b: str, proxy_url: str, seconds, restart):
    """A quarter into the load, stop Redis; after more than two health checks, look at what the
    servers and HAProxy say; start Redis again."""
    time.sleep(seconds / 4)
    redis.send_signal(signal.SIGTERM)
    redis.wait()
    time.sleep(3)  # inter 1s fall 2: a 503 would have taken the servers out by now
    health = [get(f"{s}/healthz") for s in (a, b)]
    seen = {
        "healthz": [(r.status_code, r.text.strip()) for r in health],
        "pool": sorted(proxy.in_pool()),
        "pages": [get(f"{proxy_url}/").status_code for _ in range(4)],
    }
    seen["redis"] = restart()
    seen["healthz_after"] = [get(f"{s}/healthz").text.strip() for s in (a, b)]
    return seen


def database_restarted(postgres: Postgres, proxy: str, seconds: float) -> dict:
    """Restart the database a third into the load; watch what visitors get meanwhile."""
    seen = {"statuses": [], "retry_after": set(), "healthz": []}

    def watch(stop_at):
        while time.monotonic() < stop_at:
            try:
                response = get(f"{proxy}/")
                seen["statuses"].append(response.status_code)
                if response.status_code == 503:
                    seen["retry_after"].add(response.headers.get("Retry-After"))
                seen["healthz"].append(get(f"{proxy}/healthz").status_code)
            except requests.RequestException:
                seen["statuses"].append(0)
            time.sleep(0.1)

    time.sleep(seconds / 3)
    postgres.stop()
    watcher = threading.Thread(target=watch, args=(time.monotonic() + 3,))
    watcher.start()
    watcher.join()
    postgres.start()
    return seen


# --- a load and what its clients saw -------------------------------------------------------------
def run_load(port: int, users: int, seconds: float, plan: Path, during=None):
    workdir = Path(tempfile.mkdtemp(prefix="load-", dir=plan.parent))  # removed with the run's
    locust = load.run_locust(port, users, seconds, workdir, plan)
    extra = during() if during else None
    locust.wait(timeout=seconds + 90)
    acknowledged = json.loads((workdir / "acknowledged.json").read_text())
    with contextlib.suppress(OSError):  # why a request got no answer, as the client saw it
        failures = (workdir / "locust_failures.csv").read_text().splitlines()
        acknowledged["no_answer"] = [line[:300] for line in failures if "no response" in line]
    return load.read_stats(workdir), acknowledged, extra


def answers_and_writes(label: str, ack: dict, allowed: set[str]) -> None:
    """Every answer the load's clients got, by status; every acknowledged write in the database."""
    statuses = ack["statuses"]
    bad = {s: n for s, n in statuses.items() if s == "none" or (s[0] == "5" and s not in allowed)}
    groups: dict[str, int] = {}
    for status, n in statuses.items():
        key = status if status[0] in "5n" else f"{status[0]}xx"
        groups[key] = groups.get(key, 0) + n
    rule = "no 5xx but 503 with Retry-After" if allowed else "no 5xx"
    cut_off = f"; cut off: {dict(ack['cut_off'])} {ack.get('no_answer')}" if ack["cut_off"] else ""
    check(
        f"every answer of the load: {rule}, none cut off ({label})",
        bool(statuses) and not bad,
        ", ".join(f"{k} {v}" for k, v in sorted(groups.items())) + cut_off,
    )
    problems = verify(ack)["problems"]
    counts = {k: len(ack[k]) for k in ("contacts", "draws", "submitted", "approved")}
    check(
        f"every acknowledged write is in the database ({label})",
        # Some write acknowledged, so the check has something to find (later loads find the
        # load award's small lines used up: their draws are refused with a message).
        not problems and sum(counts.values()) > 0,
        f"acknowledged {counts}; problems: {problems or 'none'}",
    )


def percentiles_table(single: list[dict], multi: list[dict]) -> list[str]:
    """Requests, p50 and p95 per kind of request: A alone, then A and B behind HAProxy."""
    sides = [{row["name"]: row for row in rows} for rows in (single, multi)]
    names = [r["name"] for r in single if r["name"] != "all requests"]
    names += [r["name"] for r in multi if r["name"] not in sides[0] and r["name"] != "all requests"]
    lines = [f"{'':32}{'one server (A)':>24}{'two servers (A+B)':>24}"]
    lines.append(f"{'request':32}" + f"{'count':>8}{'p50 ms':>8}{'p95 ms':>8}" * 2)
    for name in [*names, "all requests"]:
        cells = ""
        for side in sides:
            row = side.get(name)
            cells += (
                f"{row['count']:>8}{row['p50']:>8.0f}{row['p95']:>8.0f}" if row else f"{'-':>24}"
            )
        lines.append(f"{name[:31]:32}{cells}")
    one, two = (side.get("all requests") for side in sides)
    if one and two and one["p50"] and one["p95"]:
        lines.append(
            f"two servers / one server, all requests: p50 x{two['p50'] / one['p50']:.2f}, "
            f"p95 x{two['p95'] / one['p95']:.2f}, "
            f"requests served x{two['count'] / max(one['count'], 1):.2f}"
        )
    return lines
