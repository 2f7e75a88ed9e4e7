"""Checks 1-5 of bench/multi_server.py: state shared by the app servers (sessions, two-factor
steps, files, the cache, lockouts), through a client that keeps cookies as a browser does.

Run twice: with each step sent to a named server (A, then B), and with every step sent through
HAProxy (deploy/haproxy.cfg: round-robin, nothing sticky), so consecutive requests of one
browser land on alternating servers as they do in production."""

import os
import re
import time
from html.parser import HTMLParser

import requests

from bench.load_setup import LOAD_PASSWORD
from bench.multi_services import check

PASSWORD = LOAD_PASSWORD
TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key, this run only


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
def prepare_accounts(label: str) -> dict:
    """Accounts of the checks' own, each with an authenticator (django-two-factor-auth asks for
    the code of the device named "default"), one set per pass (``label``: a lockout of one pass
    must not lock the next); the load's accounts stay password-only."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from voca.roles import EDITOR, FINANCE, GRANTS_MANAGER

    user_model = get_user_model()
    names = {}
    for kind, group in (("finance", FINANCE), ("manager", GRANTS_MANAGER), ("editor", EDITOR)):
        user = user_model.objects.create_user(f"multi-{kind}-{label}", password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        TOTPDevice.objects.create(user=user, name="default", key=TOTP_KEY, confirmed=True)
        names[kind] = user.username
    return names


def request_report(manager: Browser, a: str, b: str, wait: float = 30):
    """A budget workbook requested on ``a``; the file once ``b`` lists it ready (None if never)."""
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


def shared_state_checks(a: str, b: str, names: dict, label: str, today: str) -> Browser:
    """Steps started on ``a`` and finished on ``b`` (or both through the proxy); ``today`` is the
    load plan's day (its draws' incurred date). Returns the grants manager's signed-in browser
    (the worker's last check asks for a report with it)."""
    from events.models import ServiceDayIndexPage
    from grants.models import BudgetLine
    from voca.models import StoredFile

    # 4. Two-factor sign-in across servers.
    manager = Browser()
    sign_in(manager, a, b, names["manager"])
    on_a = manager.get(f"{a}/admin/", allow_redirects=False).status_code
    on_b = manager.get(f"{b}/admin/", allow_redirects=False).status_code
    check(
        f"two-factor sign-in: password then code, admin open on both ({label})",
        on_a == on_b == 200,
        f"{on_a}, {on_b}",
    )

    # 2. Supporting document uploaded on A, opened on B.
    finance = Browser()
    sign_in(finance, b, a, names["finance"])
    line = BudgetLine.objects.order_by("pk").first()
    body = b"%PDF-1.4 receipt uploaded through " + label.encode() + os.urandom(8).hex().encode()
    response = post_form(
        finance,
        a,
        "/admin/grants_draws/new/",
        {
            "line": str(line.pk),
            "incurred_on": today,
            "amount": "12.34",
            "payee": "Multi vendor",
            "description": "multi-server document",
        },
        files={"document": ("receipt.pdf", body, "application/pdf")},
    )
    found = re.search(r"/inspect/(\d+)/", response.headers.get("Location", ""))
    opened = finance.get(f"{b}/admin/grants/documents/draw/{found.group(1)}/") if found else None
    check(
        f"document uploaded opens on the other server, no shared disk ({label})",
        opened is not None and opened.status_code == 200 and opened.content == body,
        f"upload {response.status_code}, {StoredFile.objects.count()} stored file(s)",
    )

    # 1. Report requested on A, built by the worker, downloaded from B.
    requested, file = request_report(manager, a, b)
    check(
        f"report requested, built by the worker, downloaded from the other server ({label})",
        file is not None and file.status_code == 200 and file.content[:2] == b"PK",
        f"request {requested}, file {getattr(file, 'status_code', 'never ready')}",
    )

    # 3. A page published on A is fresh on B, which had it in the shared cache (through the
    # proxy: the next two views, one on each server, both show it).
    index = ServiceDayIndexPage.objects.live().first()
    url = index.url
    before = get(f"{b}{url}").text
    get(f"{b}{url}")  # now certainly cached
    editor = Browser()
    sign_in(editor, a, a, names["editor"])
    title = f"Service days (published {label} at {time.strftime('%H:%M:%S')})"
    edit = f"/admin/pages/{index.pk}/edit/"
    response = post_form(
        editor, a, edit, {"title": title, "action-publish": "action-publish"}, action=edit
    )
    after = [get(f"{b}{url}").text for _ in range(2)]
    check(
        f"page published is fresh at once on the other server ({label})",
        all(title in page for page in after) and title not in before,
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
        f"five failed sign-ins lock the account on the other server too ({label})",
        locked.status_code == 429 or "locked" in locked.text.lower(),
        f"{locked.status_code}",
    )
    return manager
