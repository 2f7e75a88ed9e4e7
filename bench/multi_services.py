"""The services of one bench/multi_server.py run, all on 127.0.0.1 and private to it: its own
PostgreSQL cluster, its own Redis, the app servers' environment, and HAProxy started from the
operator's deploy/haproxy.cfg (the same file, given this run's ports through its variables).
Also the run's record of checks."""

import contextlib
import grp
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench import load_setup

ROOT = Path(__file__).resolve().parent.parent
DATABASE, TEMPLATE = "voca_multi", "voca_multi_template"
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
RESULTS: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    RESULTS.append((name, bool(ok), detail))
    print(f"  {'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""), flush=True)


def pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else shutil.which(name)


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Postgres:
    """A cluster of this script's own in ``folder`` (made once, kept between runs)."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        if not (folder / "data" / "PG_VERSION").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            if os.geteuid() == 0:
                shutil.chown(folder, "postgres", "postgres")
            subprocess.run(
                as_postgres(
                    [
                        pg_bin("initdb"),
                        "-D",
                        str(folder / "data"),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "--no-sync",
                    ]
                ),
                check=True,
                capture_output=True,
            )
        self.start()

    def ctl(self, *args):
        # fsync off: a restart (not a machine crash) loses nothing; migrations run 3x faster.
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c synchronous_commit=off"
        )
        data, log = str(self.folder / "data"), str(self.folder / "log")
        subprocess.run(
            as_postgres([pg_bin("pg_ctl"), "-D", data, "-o", options, "-l", log, "-w", *args]),
            check=True,
            capture_output=True,
        )

    def start(self):
        running = subprocess.run(
            as_postgres([pg_bin("pg_ctl"), "-D", str(self.folder / "data"), "status"]),
            capture_output=True,
        )
        if running.returncode == 0:  # left running by a run that was killed
            self.stop()
        self.ctl("start")

    def stop(self):
        self.ctl("stop", "-m", "fast")

    def url(self, name: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)


def setup_stamp() -> str:
    """What the prepared database depends on: migrations, the demo, the load set-up, and the
    week (the demo's days are laid out around the day it is loaded; a week's drift is harmless)."""
    digest = hashlib.sha256(time.strftime("%G-W%V").encode())
    files = sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("voca/demo*"))
    files += [
        ROOT / "bench" / "load_setup.py",
        ROOT / "voca" / "management" / "commands" / "load_demo.py",
    ]
    for path in files:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def prepared_database(postgres: Postgres, folder: Path, users: int) -> Path:
    """The demo database with the load's accounts, copied from the cluster's template when the
    stamp matches (seconds); else built afresh (a minute and a half) and kept as the template.
    Returns the load's plan file."""
    stamp_file, plan = postgres.folder.parent / "template.stamp", folder / "plan.json"
    kept_plan = postgres.folder.parent / "plan.json"
    stamp = setup_stamp()
    if stamp_file.exists() and stamp_file.read_text() == stamp and kept_plan.exists():
        postgres.sql(
            f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
            f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}",
        )
        kept = json.loads(kept_plan.read_text())
        # The same mix as prepare() writes.
        kept["mix"] = {kind: min(n, users // 3) for kind, n in load_setup.MIX.items()}
        load_setup.django_setup(postgres.url())
        from voca.clock import local_today

        kept["today"] = local_today().isoformat()  # draws are incurred today, not on set-up day
        plan.write_text(json.dumps(kept, indent=1))
        print("setup: database copied from the prepared template", flush=True)
        return plan
    stamp_file.unlink(missing_ok=True)
    made = load_setup.prepare(postgres.url(), folder, users)
    postgres.sql(
        f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)",
        f"CREATE DATABASE {TEMPLATE} TEMPLATE {DATABASE}",
    )
    shutil.copy(made, kept_plan)
    stamp_file.write_text(stamp)
    return made


def start_redis(port: int, folder: Path) -> subprocess.Popen:
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout:
            return redis
        time.sleep(0.1)
    raise SystemExit(f"redis-server did not start on {port}")


def server_env(url: str, redis_port: int, folder: Path, two_factor: bool) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        **load_setup.server_env(url),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "VOCA_FILE_STORE": "database",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_STORAGE_ROOT": str(folder / "private"),
        "VOCA_REQUIRE_2FA": "1" if two_factor else "0",
    }


def kill_server(server: subprocess.Popen) -> None:
    """SIGKILL to a gunicorn and every worker of it at once, as when its machine dies: requests
    in flight get no answer, nothing is closed cleanly."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    for pid in [server.pid, *workers]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    server.wait()


def find_haproxy() -> str | None:
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


class HAProxy:
    """HAProxy with deploy/haproxy.cfg, its variables set to this run's ports; its log (one line
    per request, and each server going down or up) in ``folder``/haproxy.log."""

    def __init__(self, binary: str, port: int, plain_port: int, servers, maxconn, folder: Path):
        self.socket = folder / "haproxy.sock"
        self.log = folder / "haproxy.log"
        if os.geteuid() == 0:
            user = group = "haproxy"
        else:  # HAProxy can only "become" the user it already is
            user = pwd.getpwuid(os.getuid()).pw_name
            group = grp.getgrgid(os.getgid()).gr_name
        self.env = {
            **os.environ,
            "VOCA_PROXY_LISTEN": f"127.0.0.1:{port}",
            "VOCA_PROXY_LISTEN_HTTP": f"127.0.0.1:{plain_port}",
            "VOCA_APP1": f"127.0.0.1:{servers[0]}",
            "VOCA_APP2": f"127.0.0.1:{servers[1]}",
            "VOCA_APP_MAXCONN": str(maxconn),
            "VOCA_PROXY_SOCKET": str(self.socket),
            "VOCA_PROXY_USER": user,
            "VOCA_PROXY_GROUP": group,
        }
        self.binary, self.process = binary, None

    def start(self) -> subprocess.Popen:
        command = [self.binary, "-db", "-f", str(HAPROXY_CONFIG)]
        checked = subprocess.run([*command, "-c"], env=self.env, capture_output=True, text=True)
        if checked.returncode:
            raise SystemExit(f"deploy/haproxy.cfg refused:\n{checked.stdout}{checked.stderr}")
        self.process = subprocess.Popen(
            command, env=self.env, stdout=self.log.open("a"), stderr=subprocess.STDOUT
        )
        for _ in range(100):
            if self.socket.exists():
                return self.process
            time.sleep(0.1)
        raise SystemExit(f"HAProxy did not start:\n{self.log.read_text()[-2000:]}")

    def stats(self) -> dict[str, dict]:
        """The runtime API's "show stat", one row per server of the backend, by name."""
        with socket.socket(socket.AF_UNIX) as api:
            api.connect(str(self.socket))
            api.sendall(b"show stat\n")
            text = b"".join(iter(lambda: api.recv(65536), b"")).decode()
        header, *rows = text.lstrip("# ").splitlines()
        names = header.split(",")
        rows = [dict(zip(names, row.split(","), strict=False)) for row in rows if row]
        return {r["svname"]: r for r in rows if r["pxname"] == "app" and r["svname"] != "BACKEND"}

    def in_pool(self) -> set[str]:
        """The servers HAProxy sends requests to now ("UP 1/2": one check failed, still in)."""
        return {name for name, row in self.stats().items() if row["status"].startswith("UP")}

    def wait_pool(self, wanted: set[str], timeout: float = 30) -> float | None:
        """Seconds until the pool is exactly ``wanted`` (None if not within ``timeout``)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.in_pool() == wanted:
                return time.monotonic() - started
            time.sleep(0.05)
        return None

    def log_lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines()


def proxy_answers(lines: list[str]) -> dict:
    """From HAProxy's request lines (deploy/haproxy.cfg's log-format): requests per server,
    requests sent again (retried or sent to the other server), and answers HAProxy made itself
    (its 503 page, whatever error it logs)."""
    figures = {"requests": 0, "by_server": {}, "retried": 0, "proxy_503": 0, "ends": {}}
    for line in lines:
        parts = line.split()
        if len(parts) < 11 or "/" not in parts[2] or not parts[4].isdigit():
            continue
        server = parts[2].split("/", 1)[1]
        figures["requests"] += 1
        figures["by_server"][server] = figures["by_server"].get(server, 0) + 1
        retries = parts[7].rsplit("/", 1)[1]
        figures["retried"] += retries not in ("0", "+0")
        # Termination state "----" is a normal end; a 5xx with another state is HAProxy's own.
        figures["proxy_503"] += parts[4].startswith("5") and parts[6] != "----"
        if parts[6] != "----":  # e.g. SH-- (server gone before answering), SD-- (while answering)
            end = f"{parts[6]} {parts[4]}"
            figures["ends"][end] = figures["ends"].get(end, 0) + 1
    return figures
