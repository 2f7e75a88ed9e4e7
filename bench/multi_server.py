# ruff: noqa: E501, S113, S103, SIM105, RUF021 - work in progress (issue 17), tidy before wiring into CI
"""Two app servers, one report worker, PostgreSQL and Redis behind a round-robin, as production
runs them, all on 127.0.0.1 and all private to this run:

    .venv/bin/python bench/multi_server.py [--users 50] [--seconds 20] [--base-port 8170]

A PostgreSQL cluster of its own (initdb on --base-port+6, so restarting it disturbs nobody), a
redis-server of its own (--base-port+5), servers A and B (gunicorn, 2 workers each, separate
working folders, VOCA_FILE_STORE=database, REDIS_URL), one ``manage.py db_worker`` and
bench/round_robin.py in front (--base-port). It checks, and exits 1 if any check fails:

1. a report requested on A is built by the worker and downloaded from B;
2. a supporting document uploaded on A opens on B;
3. a page published on A is fresh on B (B had it in the shared cache);
4. a two-factor sign-in started on A (password) is finished on B (code) and valid on both;
5. an axes lockout on A holds on B;
6. /healthz is 503 on both while Redis is stopped (pages still 200), 200 again after;
7. the 50-user load (bench/locustfile.py) on server A alone, then through the round-robin:
   p50/p95 per kind of request side by side;
8. a database restart during load: requests answer 503 with Retry-After (never 500), /healthz
   503 (the file store is the database too), and every acknowledged write is there afterwards.
"""

import argparse
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
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        subprocess.run(
            as_postgres([pg_bin("initdb"), "-D", str(folder / "data"), "-A", "trust", "-U",
                         "postgres", "--no-sync"]),
            check=True, capture_output=True,
        )  # fmt: skip
        self.start()

    def ctl(self, *args):
        # fsync off: a restart (not a machine crash) loses nothing; migrations run 3x faster.
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off"
        )
        subprocess.run(
            as_postgres([pg_bin("pg_ctl"), "-D", str(self.folder / "data"), "-o", options, "-l",
                         str(self.folder / "log"), "-w", *args]),
            check=True, capture_output=True,
        )  # fmt: skip

    def start(self):
        self.ctl("start")

    def stop(self):
        self.ctl("stop", "-m", "fast")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/voca_multi"


def start_redis(port: int, folder: Path) -> subprocess.Popen:
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
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
class Form(HTMLParser):
    """The fields of the first POST form whose action contains ``action`` (as a browser sends)."""

    def __init__(self, html: str, action: str = ""):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.done = action, False, False
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("method") or "").lower() == "post":
            self.inside = self.action in (a.get("action") or "")
        if not self.inside or not a.get("name") and tag != "option":
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


def sign_in(browser: requests.Session, first: str, second: str, username: str) -> None:
    """Password on ``first``, the authenticator code on ``second``."""
    browser.get(f"{first}/admin/login/")
    browser.post(
        f"{first}/admin/login/",
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": PASSWORD,
         "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        headers={"Referer": f"{first}/admin/login/"}, allow_redirects=False,
    )  # fmt: skip
    last = browser.post(
        f"{second}/admin/login/",
        {"login_view-current_step": "token", "token-otp_token": totp_now(),
         "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        headers={"Referer": f"{second}/admin/login/"}, allow_redirects=False,
    )  # fmt: skip
    if os.environ.get("VOCA_MULTI_DEBUG"):
        print("sign-in", username, last.status_code, last.headers.get("Location"),
              re.findall(r'class="error[^"]*"[^>]*>([^<]{3,120})', last.text)[:3], flush=True)  # fmt: skip


def post_form(browser, base, path, changes, files=None, action=None):
    page = browser.get(f"{base}{path}")
    fields = {**Form(page.text, action or path).fields, **changes}
    return browser.post(
        f"{base}{path}", data=fields, files=files, headers={"Referer": f"{base}{path}"},
        allow_redirects=False,
    )  # fmt: skip


# --- the checks ----------------------------------------------------------------------------------
def prepare_accounts() -> dict:
    """Two-factor devices for the accounts the checks use (the script is one more client)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from voca.roles import EDITOR

    User = get_user_model()
    editor = User.objects.create_user("multi-editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITOR))
    names = {"finance": "load-finance-00", "manager": "load-manager-00", "editor": editor.username}
    for username in names.values():
        TOTPDevice.objects.create(
            user=User.objects.get(username=username), name="app", key=TOTP_KEY, confirmed=True
        )
    return names


def shared_state_checks(a: str, b: str, names: dict, redis) -> None:
    from events.models import ServiceDayIndexPage
    from grants.models import Award, BudgetLine
    from voca.models import StoredFile

    # 4. Two-factor sign-in across servers.
    manager = requests.Session()
    sign_in(manager, a, b, names["manager"])
    on_a = manager.get(f"{a}/admin/", allow_redirects=False).status_code
    on_b = manager.get(f"{b}/admin/", allow_redirects=False).status_code
    check("two-factor sign-in: password on A, code on B, admin open on A and B", on_a == on_b == 200,
          f"A {on_a}, B {on_b}")  # fmt: skip

    # 2. Supporting document uploaded on A, opened on B.
    finance = requests.Session()
    sign_in(finance, b, a, names["finance"])
    line = BudgetLine.objects.order_by("pk").first()
    body = b"%PDF-1.4 receipt uploaded through server A " + os.urandom(8).hex().encode()
    response = post_form(
        finance, a, "/admin/grants_draws/new/",
        {"line": str(line.pk), "incurred_on": load.PLAN_TODAY, "amount": "12.34",
         "payee": "Multi vendor", "description": "multi-server document"},
        files={"document": ("receipt.pdf", body, "application/pdf")},
    )  # fmt: skip
    found = re.search(r"/inspect/(\d+)/", response.headers.get("Location", ""))
    opened = finance.get(f"{b}/admin/grants/documents/draw/{found.group(1)}/") if found else None
    check("document uploaded on A opens on B (files in the database, no shared disk)",
          opened is not None and opened.status_code == 200 and opened.content == body,
          f"upload {response.status_code}, {StoredFile.objects.count()} stored file(s)")  # fmt: skip

    # 1. Report requested on A, built by the worker, downloaded from B.
    award = Award.objects.order_by("pk").first()
    page = manager.get(f"{a}/admin/reports/budget/")
    form = Form(page.text)
    quarter = next((q for q in form.options.get("quarter", []) if q), "")
    response = post_form(manager, a, "/admin/reports/budget/",
                         {"format": "xlsx", "quarter": quarter,
                          "award": award.federal_award_number})  # fmt: skip
    link = None
    for _ in range(60):
        link = re.search(r"/admin/reports/files/(\d+)/", manager.get(f"{b}/admin/reports/").text)
        if link:
            break
        time.sleep(0.5)
    file = manager.get(f"{b}{link.group(0)}") if link else None
    check("report requested on A, built by the worker, downloaded from B",
          file is not None and file.status_code == 200 and file.content[:2] == b"PK",
          f"request {response.status_code}, file {getattr(file, 'status_code', 'never ready')}")  # fmt: skip

    # 3. A page published on A is fresh on B, which had it in the shared cache.
    index = ServiceDayIndexPage.objects.live().first()
    url = index.url
    before = requests.get(f"{b}{url}").text
    requests.get(f"{b}{url}")  # now certainly cached
    editor = requests.Session()
    sign_in(editor, a, a, names["editor"])
    title = f"Service days (published on A at {time.strftime('%H:%M:%S')})"
    edit = f"/admin/pages/{index.pk}/edit/"
    response = post_form(editor, a, edit, {"title": title, "action-publish": "action-publish"},
                         action=edit)  # fmt: skip
    after = requests.get(f"{b}{url}").text
    check("page published on A is fresh on B at once", title in after and title not in before,
          f"publish {response.status_code}")  # fmt: skip

    # 5. An axes lockout on A holds on B.
    intruder = requests.Session()
    intruder.get(f"{a}/admin/login/")
    for _ in range(5):
        intruder.post(
            f"{a}/admin/login/",
            {"login_view-current_step": "auth", "auth-username": names["finance"],
             "auth-password": "wrong-password", "csrfmiddlewaretoken": intruder.cookies["csrftoken"]},
            headers={"Referer": f"{a}/admin/login/"},
        )  # fmt: skip
    fresh = requests.Session()
    fresh.get(f"{b}/admin/login/")
    locked = fresh.post(
        f"{b}/admin/login/",
        {"login_view-current_step": "auth", "auth-username": names["finance"],
         "auth-password": PASSWORD, "csrfmiddlewaretoken": fresh.cookies["csrftoken"]},
        headers={"Referer": f"{b}/admin/login/"}, allow_redirects=False,
    )  # fmt: skip
    check("five failed sign-ins on A lock the account on B (right password refused)",
          locked.status_code == 429 or "locked" in locked.text.lower(), f"B {locked.status_code}")  # fmt: skip

    # 6. Redis stops: /healthz 503 on both, pages still served; back to 200 when it returns.
    redis_port = redis.args[2]
    redis.send_signal(signal.SIGTERM)
    redis.wait()
    health = [requests.get(f"{s}/healthz").status_code for s in (a, b)]
    pages = [requests.get(f"{s}/").status_code for s in (a, b)]
    check("Redis stopped: /healthz 503 on A and B, home page still 200", health == [503, 503]
          and pages == [200, 200], f"healthz {health}, pages {pages}")  # fmt: skip
    return int(redis_port)


def outage_during_load(postgres: Postgres, proxy: str, seconds: float) -> dict:
    """Restart the database a few seconds into the load; watch what visitors get meanwhile."""
    seen = {"statuses": [], "retry_after": set(), "healthz": []}

    def watch(stop_at):
        while time.monotonic() < stop_at:
            try:
                response = requests.get(f"{proxy}/", timeout=5)
                seen["statuses"].append(response.status_code)
                if response.status_code == 503:
                    seen["retry_after"].add(response.headers.get("Retry-After"))
                seen["healthz"].append(requests.get(f"{proxy}/healthz", timeout=5).status_code)
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
    workdir = Path(tempfile.mkdtemp(prefix="voca-multi-load-"))
    locust = load.run_locust(port, users, seconds, workdir, plan)
    extra = during() if during else None
    locust.wait(timeout=seconds + 90)
    acknowledged = json.loads((workdir / "acknowledged.json").read_text())
    return load.read_stats(workdir), acknowledged, extra


def percentiles_table(single: list[dict], multi: list[dict]) -> list[str]:
    by_name = {row["name"]: row for row in multi}
    lines = [f"{'request':38} {'one server p50/p95 ms':>22} {'two servers p50/p95 ms':>24}"]
    for row in single:
        other = by_name.get(row["name"], {})
        lines.append(
            f"{row['name'][:38]:38} {row.get('p50', '-'):>10}/{row.get('p95', '-'):<11} "
            f"{other.get('p50', '-'):>12}/{other.get('p95', '-'):<11}"
        )
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--base-port", type=int, default=8170)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    port = args.base_port
    proxy_port, a_port, b_port, redis_port, pg_port = port, port + 1, port + 2, port + 5, port + 6
    a, b, proxy = (f"http://127.0.0.1:{p}" for p in (a_port, b_port, proxy_port))
    folder = Path(tempfile.mkdtemp(prefix="voca-multi-"))
    os.chmod(folder, 0o755)
    started = time.monotonic()
    processes: list[subprocess.Popen] = []
    postgres = Postgres(folder / "postgres", pg_port)
    redis = start_redis(redis_port, folder)
    try:
        print(f"PostgreSQL on {pg_port}, Redis on {redis_port}, servers A {a_port} and B "
              f"{b_port}, round-robin {proxy_port}", flush=True)  # fmt: skip
        os.environ.update({"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
                           "VOCA_FILE_STORE": "database"})  # fmt: skip
        plan = load.prepare(postgres.url, folder, args.users)
        load.PLAN_TODAY = json.loads(plan.read_text())["today"]
        names = prepare_accounts()
        from django.db import connections

        connections.close_all()

        def start_servers(two_factor: bool):
            started = []
            for name, p in (("a", a_port), ("b", b_port)):
                env = server_env(postgres.url, redis_port, folder / name, two_factor)
                started.append(load.start_gunicorn(p, env, folder / name, workers=2))
            return started

        servers = start_servers(two_factor=True)
        processes += servers
        worker_env = server_env(postgres.url, redis_port, folder / "worker", False)
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "db_worker"], env=worker_env, cwd=ROOT,
            stdout=open(folder / "worker.log", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
        )  # fmt: skip
        processes.append(worker)
        proxy_process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "round_robin.py"), str(proxy_port),
             f"127.0.0.1:{a_port}", f"127.0.0.1:{b_port}"]
        )  # fmt: skip
        processes.append(proxy_process)

        print("Shared state across servers:", flush=True)
        shared_state_checks(a, b, names, redis)
        redis = start_redis(redis_port, folder)
        health = [requests.get(f"{s}/healthz").status_code for s in (a, b)]
        check("Redis back: /healthz 200 on A and B", health == [200, 200], f"{health}")

        # The load's simulated staff sign in with a password alone (as bench/load.py).
        for server in servers:
            load.stop(server)
        servers = start_servers(two_factor=False)
        processes += servers
        print(f"Load: {args.users} users for {args.seconds:.0f} s on A alone, then through the "
              "round-robin to A and B", flush=True)  # fmt: skip
        single, ack_single, _ = run_load(a_port, args.users, args.seconds, plan)
        multi, ack_multi, _ = run_load(proxy_port, args.users, args.seconds, plan)
        for line in percentiles_table(single, multi):
            print("  " + line)
        print("Database restart during load through the round-robin:", flush=True)
        _, ack_outage, seen = run_load(
            proxy_port, args.users, args.seconds, plan,
            during=lambda: outage_during_load(postgres, proxy, args.seconds),
        )  # fmt: skip
        statuses = seen["statuses"]
        check("while the database is down: 503 with Retry-After, never 500",
              503 in statuses and 500 not in statuses and seen["retry_after"] == {"30"},
              f"statuses seen {sorted(set(statuses))}, Retry-After {sorted(seen['retry_after'])}")  # fmt: skip
        check("while the database is down: /healthz 503 (database and file store)",
              503 in seen["healthz"], f"{sorted(set(seen['healthz']))}")  # fmt: skip
        time.sleep(2)
        fives = {k: v for ack in (ack_single, ack_multi) for k, v in ack["status_5xx"].items()}
        check("no 5xx under load with every service up", not fives, f"{fives}")
        verified = {}
        for label, ack in (("one server", ack_single), ("two servers", ack_multi),
                           ("database restart", ack_outage)):  # fmt: skip
            verified[label] = load.verify(ack)
            problems = verified[label]["problems"]
            counts = {k: len(ack[k]) for k in ("contacts", "draws", "submitted", "approved")}
            check(f"every acknowledged write is in the database ({label})",
                  not problems, f"{counts}; problems: {problems}")  # fmt: skip
        check("the worker survived the database restart", worker.poll() is None)
        if args.json:
            Path(args.json).write_text(json.dumps(
                {"single": single, "multi": multi, "checks": RESULTS}, indent=1, default=str))  # fmt: skip
    finally:
        for process in reversed(processes):
            load.stop(process)
        if redis.poll() is None:
            load.stop(redis)
        try:
            postgres.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(folder, ignore_errors=True)
    failed = [name for name, ok, _ in RESULTS if not ok]
    print(f"{len(RESULTS) - len(failed)} of {len(RESULTS)} checks passed in "
          f"{time.monotonic() - started:.0f} s" + (f"; FAILED: {failed}" if failed else ""))  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
