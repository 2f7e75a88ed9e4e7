"""Two app servers, one report worker, PostgreSQL and Redis behind a round-robin, as production
runs them, all on 127.0.0.1 and all private to this run:

    .venv/bin/python bench/multi_server.py [--quick] [--users 50] [--seconds 60] [--base-port 8170]

A PostgreSQL cluster of its own (initdb once in var/multi_server/, fsync off, on --base-port+6,
so restarting it disturbs nobody; the migrated demo database is kept there as a template and
copied in a second while no migration, demo or load set-up file changes), a redis-server of its
own (--base-port+5), servers A and B (gunicorn, 2 workers each, separate working folders,
VOCA_FILE_STORE=database, REDIS_URL, the same SECRET_KEY and field keys), one
``manage.py voca_worker`` and bench/round_robin.py in front (--base-port). The servers run
bench.settings (DEBUG off, production middleware) on plain http on 127.0.0.1, so without
production.py's Secure cookies and HTTPS redirect; the proxy passes Host and cookies untouched.
``--quick`` (CI): 10 users, 20 s a load (default 50 users, 60 s). It checks, and exits 1 if
any check fails:

1. a report requested on A is built by the worker and downloaded from B;
2. a supporting document uploaded on A opens on B;
3. a page published on A is fresh on B (B had it in the shared cache);
4. a two-factor sign-in started on A (password) is finished on B (code) and valid on both;
5. an axes lockout on A holds on B;
6. /healthz is 503 on both while Redis is stopped (pages still 200), 200 again after;
7. the load (bench/locustfile.py) on server A alone, then through the round-robin: requests,
   p50 and p95 per kind of request side by side, no 5xx, and after each load every
   acknowledged contact, draw and draw step in the database (and at least one contact and one
   draw acknowledged, so the check has something to find);
8. a database restart during load: requests answer 503 with Retry-After (never 500), /healthz
   503 (the file store is the database too), and every acknowledged write is there afterwards;
9. the worker (voca_worker: db_worker retrying with back-off) logs the lost connection,
   survives the restart and builds a report requested after it.

The simulated staff of the load sign in with a password alone (the servers are restarted with
VOCA_REQUIRE_2FA=0 for the load, as bench/load.py runs); the checks' own accounts (multi-*) have
an authenticator and sign in with both steps.
"""

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import load  # noqa: E402

PASSWORD = load.LOAD_PASSWORD
DATABASE, TEMPLATE = "voca_multi", "voca_multi_template"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key, this run only
RESULTS: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    RESULTS.append((name, bool(ok), detail))
    print(f"  {'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""), flush=True)


# --- services of this run ------------------------------------------------------------------------
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
        ROOT / "bench" / "load.py",
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
        kept["mix"] = {kind: min(n, users // 3) for kind, n in load.MIX.items()}  # as prepare()
        load.django_setup(postgres.url())
        from voca.clock import local_today

        kept["today"] = local_today().isoformat()  # draws are incurred today, not on set-up day
        plan.write_text(json.dumps(kept, indent=1))
        print("setup: database copied from the prepared template", flush=True)
        return plan
    stamp_file.unlink(missing_ok=True)
    made = load.prepare(postgres.url(), folder, users)
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
        **load.server_env(url),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "VOCA_FILE_STORE": "database",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_STORAGE_ROOT": str(folder / "private"),
        "VOCA_REQUIRE_2FA": "1" if two_factor else "0",
    }


# --- a browser, just enough ----------------------------------------------------------------------
class Browser(requests.Session):
    """A cookie-keeping client whose every request gives up after 30 s."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        return super().request(*args, **kwargs)


def get(url: str) -> requests.Response:
    """One request from a new visitor (no cookies)."""
    with Browser() as visitor:
        return visitor.get(url)


class Form(HTMLParser):
    """The fields of the first POST form whose action contains ``action`` (as a browser sends)."""

    def __init__(self, html: str, action: str = "", actionless: bool = False):
        super().__init__(convert_charrefs=True)
        # actionless: the first form without an action (one posting to its own page).
        self.action, self.actionless, self.inside, self.done = action, actionless, False, False
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("method") or "").lower() == "post":
            action = a.get("action") or ""
            self.inside = not action if self.actionless else self.action in action
        if not self.inside or (not a.get("name") and tag != "option"):
            return
        if tag == "input" and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "select":
            self._select = a["name"]
            self.options[self._select] = []
        elif tag == "option" and self._select:
            value = a.get("value") or ""
            self.options[self._select].append(value)
            if "selected" in a or self._select not in self.fields:
                self.fields[self._select] = value
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def totp_now() -> str:
    from binascii import unhexlify

    from django_otp.oath import totp

    return f"{totp(unhexlify(TOTP_KEY)):06d}"


def sign_in(browser: Browser, first: str, second: str, username: str) -> None:
    """Password on ``first``, the authenticator code on ``second``."""
    browser.get(f"{first}/admin/login/")
    browser.post(
        f"{first}/admin/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": f"{first}/admin/login/"},
        allow_redirects=False,
    )
    last = browser.post(
        f"{second}/admin/login/",
        {
            "login_view-current_step": "token",
            "token-otp_token": totp_now(),
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": f"{second}/admin/login/"},
        allow_redirects=False,
    )
    if os.environ.get("VOCA_MULTI_DEBUG"):
        print(
            "sign-in",
            username,
            last.status_code,
            last.headers.get("Location"),
            re.findall(r'class="error[^"]*"[^>]*>([^<]{3,120})', last.text)[:3],
            flush=True,
        )


def post_form(browser, base, path, changes, files=None, action=None, actionless=False):
    """Submits the page's POST form whose action names ``action`` (default ``path``), or with
    ``actionless`` its first form without an action (a form posting to its own page)."""
    page = browser.get(f"{base}{path}")
    form = Form(page.text, actionless=True) if actionless else Form(page.text, action or path)
    fields = {**form.fields, **changes}
    return browser.post(
        f"{base}{path}",
        data=fields,
        files=files,
        headers={"Referer": f"{base}{path}"},
        allow_redirects=False,
    )


# --- the checks ----------------------------------------------------------------------------------
def prepare_accounts() -> dict:
    """Accounts of the checks' own, each with an authenticator (django-two-factor-auth asks for
    the code of the device named "default"); the load's accounts stay password-only."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from voca.roles import EDITOR, FINANCE, GRANTS_MANAGER

    user_model = get_user_model()
    names = {}
    for kind, group in (("finance", FINANCE), ("manager", GRANTS_MANAGER), ("editor", EDITOR)):
        user = user_model.objects.create_user(f"multi-{kind}", password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        TOTPDevice.objects.create(user=user, name="default", key=TOTP_KEY, confirmed=True)
        names[kind] = user.username
    return names


def request_report(manager: Browser, a: str, b: str, wait: float = 30):
    """A budget workbook requested on A; the file once B lists it ready (None if never)."""
    from grants.models import Award

    # The load's award: its period covers today, so the form's own quarter, today's, is in it.
    award = Award.objects.filter(federal_award_number__startswith="LOAD-").get()
    listed = set(
        re.findall(r"/admin/reports/files/(\d+)/", manager.get(f"{b}/admin/reports/").text)
    )
    response = post_form(
        manager,
        a,
        "/admin/reports/budget/",
        {"format": "xlsx", "award": award.federal_award_number},
        actionless=True,
    )
    if response.status_code != 302:
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>\s*(?:<p>)?([^<]{3,160})', response.text)
        print(f"  report request refused: {response.status_code} {errors[:3]}", flush=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        ready = set(
            re.findall(r"/admin/reports/files/(\d+)/", manager.get(f"{b}/admin/reports/").text)
        )
        if ready - listed:
            return response.status_code, manager.get(
                f"{b}/admin/reports/files/{max(ready - listed, key=int)}/"
            )
        time.sleep(0.5)
    return response.status_code, None


def shared_state_checks(a: str, b: str, names: dict, redis) -> Browser:
    from events.models import ServiceDayIndexPage
    from grants.models import BudgetLine
    from voca.models import StoredFile

    # 4. Two-factor sign-in across servers.
    manager = Browser()
    sign_in(manager, a, b, names["manager"])
    on_a = manager.get(f"{a}/admin/", allow_redirects=False).status_code
    on_b = manager.get(f"{b}/admin/", allow_redirects=False).status_code
    check(
        "two-factor sign-in: password on A, code on B, admin open on A and B",
        on_a == on_b == 200,
        f"A {on_a}, B {on_b}",
    )

    # 2. Supporting document uploaded on A, opened on B.
    finance = Browser()
    sign_in(finance, b, a, names["finance"])
    line = BudgetLine.objects.order_by("pk").first()
    body = b"%PDF-1.4 receipt uploaded through server A " + os.urandom(8).hex().encode()
    response = post_form(
        finance,
        a,
        "/admin/grants_draws/new/",
        {
            "line": str(line.pk),
            "incurred_on": load.PLAN_TODAY,
            "amount": "12.34",
            "payee": "Multi vendor",
            "description": "multi-server document",
        },
        files={"document": ("receipt.pdf", body, "application/pdf")},
    )
    found = re.search(r"/inspect/(\d+)/", response.headers.get("Location", ""))
    opened = finance.get(f"{b}/admin/grants/documents/draw/{found.group(1)}/") if found else None
    check(
        "document uploaded on A opens on B (files in the database, no shared disk)",
        opened is not None and opened.status_code == 200 and opened.content == body,
        f"upload {response.status_code}, {StoredFile.objects.count()} stored file(s)",
    )

    # 1. Report requested on A, built by the worker, downloaded from B.
    requested, file = request_report(manager, a, b)
    check(
        "report requested on A, built by the worker, downloaded from B",
        file is not None and file.status_code == 200 and file.content[:2] == b"PK",
        f"request {requested}, file {getattr(file, 'status_code', 'never ready')}",
    )

    # 3. A page published on A is fresh on B, which had it in the shared cache.
    index = ServiceDayIndexPage.objects.live().first()
    url = index.url
    before = get(f"{b}{url}").text
    get(f"{b}{url}")  # now certainly cached
    editor = Browser()
    sign_in(editor, a, a, names["editor"])
    title = f"Service days (published on A at {time.strftime('%H:%M:%S')})"
    edit = f"/admin/pages/{index.pk}/edit/"
    response = post_form(
        editor, a, edit, {"title": title, "action-publish": "action-publish"}, action=edit
    )
    after = get(f"{b}{url}").text
    check(
        "page published on A is fresh on B at once",
        title in after and title not in before,
        f"publish {response.status_code}",
    )

    # 5. An axes lockout on A holds on B.
    intruder = Browser()
    intruder.get(f"{a}/admin/login/")
    for _ in range(5):
        intruder.post(
            f"{a}/admin/login/",
            {
                "login_view-current_step": "auth",
                "auth-username": names["finance"],
                "auth-password": "wrong-password",
                "csrfmiddlewaretoken": intruder.cookies["csrftoken"],
            },
            headers={"Referer": f"{a}/admin/login/"},
        )
    fresh = Browser()
    fresh.get(f"{b}/admin/login/")
    locked = fresh.post(
        f"{b}/admin/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": names["finance"],
            "auth-password": PASSWORD,
            "csrfmiddlewaretoken": fresh.cookies["csrftoken"],
        },
        headers={"Referer": f"{b}/admin/login/"},
        allow_redirects=False,
    )
    check(
        "five failed sign-ins on A lock the account on B (right password refused)",
        locked.status_code == 429 or "locked" in locked.text.lower(),
        f"B {locked.status_code}",
    )

    # 6. Redis stops: /healthz 503 on both, pages still served; back to 200 when it returns.
    redis.send_signal(signal.SIGTERM)
    redis.wait()
    health = [get(f"{s}/healthz").status_code for s in (a, b)]
    pages = [get(f"{s}/").status_code for s in (a, b)]
    check(
        "Redis stopped: /healthz 503 on A and B, home page still 200",
        health == [503, 503] and pages == [200, 200],
        f"healthz {health}, pages {pages}",
    )
    return manager


def outage_during_load(postgres: Postgres, proxy: str, seconds: float) -> dict:
    """Restart the database a few seconds into the load; watch what visitors get meanwhile."""
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


def run_load(port: int, users: int, seconds: float, plan: Path, during=None):
    workdir = Path(
        tempfile.mkdtemp(prefix="load-", dir=plan.parent)
    )  # removed with the run's folder
    locust = load.run_locust(port, users, seconds, workdir, plan)
    extra = during() if during else None
    locust.wait(timeout=seconds + 90)
    acknowledged = json.loads((workdir / "acknowledged.json").read_text())
    return load.read_stats(workdir), acknowledged, extra


def percentiles_table(single: list[dict], multi: list[dict]) -> list[str]:
    """Requests, p50 and p95 per kind of request: A alone, then A and B behind the round-robin."""
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
    proxy_port, a_port, b_port, redis_port, pg_port = port, port + 1, port + 2, port + 5, port + 6
    a, b, proxy = (f"http://127.0.0.1:{p}" for p in (a_port, b_port, proxy_port))
    kept = ROOT / "var" / "multi_server"
    kept.mkdir(parents=True, exist_ok=True)
    for folder_up in (ROOT / "var", kept):
        folder_up.chmod(0o755)  # PostgreSQL's own user reaches its cluster
    folder = Path(tempfile.mkdtemp(prefix="voca-multi-"))
    folder.chmod(0o755)
    started = time.monotonic()
    processes: list[subprocess.Popen] = []
    postgres = Postgres(kept / f"postgres-{pg_port}", pg_port)
    redis = start_redis(redis_port, folder)
    try:
        print(
            f"PostgreSQL on {pg_port}, Redis on {redis_port}, servers A {a_port} and B {b_port}, "
            f"round-robin {proxy_port}",
            flush=True,
        )
        shared = {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "VOCA_FILE_STORE": "database"}
        os.environ.update(shared)
        plan = prepared_database(postgres, folder, users)
        load.PLAN_TODAY = json.loads(plan.read_text())["today"]
        names = prepare_accounts()
        from django.db import connections

        connections.close_all()

        def start_servers(two_factor: bool):
            return [
                load.start_gunicorn(
                    p,
                    server_env(postgres.url(), redis_port, folder / n, two_factor),
                    folder / n,
                    workers=2,
                    output=(folder / n / "stderr.log").open("a"),
                )
                for n, p in (("a", a_port), ("b", b_port))
            ]

        servers = start_servers(two_factor=True)
        processes += servers
        worker_env = server_env(postgres.url(), redis_port, folder / "worker", False)
        worker = start_worker(worker_env, folder / "worker.log")
        processes.append(worker)
        proxy_process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "bench" / "round_robin.py"),
                str(proxy_port),
                f"127.0.0.1:{a_port}",
                f"127.0.0.1:{b_port}",
            ]
        )
        processes.append(proxy_process)

        print("Shared state across servers:", flush=True)
        manager = shared_state_checks(a, b, names, redis)
        redis = start_redis(redis_port, folder)
        health = [get(f"{s}/healthz").status_code for s in (a, b)]
        check("Redis back: /healthz 200 on A and B", health == [200, 200], f"{health}")

        # The load's simulated staff sign in with a password alone (as bench/load.py).
        for server in servers:
            load.stop(server)
        servers = start_servers(two_factor=False)
        processes += servers
        print(
            f"Load: {users} users for {seconds:.0f} s on A alone, then through the round-robin "
            "to A and B",
            flush=True,
        )
        single, ack_single, _ = run_load(a_port, users, seconds, plan)
        multi, ack_multi, _ = run_load(proxy_port, users, seconds, plan)
        for line in percentiles_table(single, multi):
            print("  " + line)
        print("Database restart during load through the round-robin:", flush=True)
        _, ack_outage, seen = run_load(
            proxy_port,
            users,
            seconds,
            plan,
            during=lambda: outage_during_load(postgres, proxy, seconds),
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
        fives = {k: v for ack in (ack_single, ack_multi) for k, v in ack["status_5xx"].items()}
        check("no 5xx under load with every service up", not fives, f"{fives}")
        for label, ack in (
            ("one server", ack_single),
            ("two servers", ack_multi),
            ("database restart", ack_outage),
        ):
            problems = load.verify(ack)["problems"]
            counts = {k: len(ack[k]) for k in ("contacts", "draws", "submitted", "approved")}
            check(
                f"every acknowledged write is in the database ({label})",
                not problems and counts["contacts"] > 0 and counts["draws"] > 0,
                f"acknowledged {counts}; problems: {problems or 'none'}",
            )
        requested, file = request_report(manager, a, b)
        lost = (folder / "worker.log").read_text().count("Report worker lost the database")
        check(
            "the worker lost the database, survived and built a report requested after it",
            lost > 0 and worker.poll() is None and file is not None and file.content[:2] == b"PK",
            f"{lost} lost connection(s) logged, worker "
            f"{'running' if worker.poll() is None else 'exited'}, request {requested}, "
            f"file {getattr(file, 'status_code', 'never ready')}",
        )
        if args.json:
            figures = {"single": single, "multi": multi, "checks": RESULTS}
            Path(args.json).write_text(json.dumps(figures, indent=1, default=str))
    finally:
        for process in reversed(processes):
            load.stop(process)
        if redis.poll() is None:
            load.stop(redis)
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)
    failed = [name for name, ok, _ in RESULTS if not ok]
    print(
        f"{len(RESULTS) - len(failed)} of {len(RESULTS)} checks passed in "
        f"{time.monotonic() - started:.0f} s" + (f"; FAILED: {failed}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
