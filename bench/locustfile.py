"""Simulated users for bench/load.py (locust, headless). Not run on its own: load.py writes the
plan this file reads (VOCA_LOAD_PLAN) and reads back what the server acknowledged
(VOCA_LOAD_RESULTS).

Staff submit the real admin forms the way a browser does: every field of the form with its
default (checked boxes, selected options, hidden inputs such as the CSRF token), then the
changes a person makes. A write counts as acknowledged only when the server answers with the
redirect that follows a save; its id and a marker are kept so load.py can find it in the database.

This file holds the kinds of user locust runs; how a page is read is in bench/locust_pages.py,
the plan and what is reported back in bench/locust_acknowledged.py (imported as bench.*: load.py
and multi_server.py run locust with the repository root on PYTHONPATH).
"""

import random
import re
from urllib.parse import parse_qs, urlsplit

from locust import HttpUser, between, events, task

from bench.locust_acknowledged import PLAN, RESULTS, next_number, refuse, write_results
from bench.locust_pages import first_error, read_form, with_values


class VocaUser(HttpUser):
    abstract = True

    def check(self, response, name):
        """Count every answer's status, 5xx and cut-off requests; return True when a response
        came back."""
        for answer in [*response.history, response]:
            status = answer.status_code
            retry = status == 503 and answer.headers.get("Retry-After")
            RESULTS["statuses"][f"{status} Retry-After" if retry else str(status or "none")] += 1
        if response.status_code == 0:
            RESULTS["cut_off"][name] += 1
            response.failure(f"no response: {response.error!r}"[:200])
            return False
        if response.status_code >= 500:
            RESULTS["status_5xx"][name] += 1
            response.failure(f"server error {response.status_code}")
            return False
        return True

    def get(self, path, name, expect=(200,)):
        with self.client.get(path, name=name, catch_response=True) as response:
            if self.check(response, name) and response.status_code not in expect:
                RESULTS["unexpected"].append(f"{name}: {response.status_code}")
                response.failure(f"status {response.status_code}")
            return response

    def post(self, path, data, name, files=None):
        with self.client.post(
            path,
            data=data,
            files=files,
            name=name,
            allow_redirects=False,
            catch_response=True,
            headers={"Referer": self.host + path},
        ) as response:
            if self.check(response, name) and response.status_code not in (200, 302):
                RESULTS["unexpected"].append(f"{name}: {response.status_code}")
                response.failure(f"status {response.status_code}")
            return response


class StaffUser(VocaUser):
    abstract = True
    role = ""

    def on_start(self):
        self.username = PLAN["users"][self.role][
            next_number(self.role) % len(PLAN["users"][self.role])
        ]
        self.signed_in = False
        self.sign_in()

    def sign_in(self):
        page = self.get("/admin/login/", "sign in: form")
        if page.status_code != 200:
            return
        form = read_form(page.text)
        data = with_values(
            form.fields,
            **{
                "auth-username": self.username,
                "auth-password": PLAN["password"],
                "login_view-current_step": "auth",
            },
        )
        response = self.post("/admin/login/", data, "sign in: submit")
        self.signed_in = response.status_code == 302
        if response.status_code == 200:
            RESULTS["unexpected"].append(f"sign in refused: {first_error(response.text)}")

    def ensure_signed_in(self, response) -> bool:
        """Sessions live in the database, so they survive a restart; a sign-in page (say, after
        the idle timeout) means sign in again."""
        location = response.headers.get("Location", "") if response.status_code == 302 else ""
        if "/admin/login/" in (response.url or "") or "/admin/login/" in location:
            self.sign_in()
            return False
        return True


class PublicVisitor(VocaUser):
    """Someone looking for help: the home page, the list with filters, a day and its calendar."""

    wait_time = between(1, 4)
    weight = 10

    @task(3)
    def home(self):
        self.get("/", "public: home")

    @task(6)
    def index_with_filters(self):
        params = {}
        if random.random() < 0.6:
            params["service"] = random.choice(PLAN["services"])
        if random.random() < 0.4:
            params["language"] = random.choice(PLAN["languages"])
        if random.random() < 0.4:
            params["month"] = random.choice(PLAN["months"])
        if random.random() < 0.3:
            params["zip"] = random.choice(["63101", "63106", "63118", "63121"])
        query = "&".join(f"{k}={v}" for k, v in params.items())
        self.get("/service-days/" + (f"?{query}" if query else ""), "public: index (filters)")

    @task(5)
    def service_day(self):
        self.get(random.choice(PLAN["days"]), "public: service day")

    @task(2)
    def calendar(self):
        day = random.choice(PLAN["days"])
        self.get(day + "calendar.ics", "public: day .ics")

    @task(1)
    def whole_calendar(self):
        self.get("/service-days/calendar.ics", "public: all days .ics")


class FieldStaff(StaffUser):
    """Logs contacts at a service day through the fast-entry screen."""

    role = "field"
    fixed_count = PLAN["mix"]["field"]
    wait_time = between(2, 6)

    def on_start(self):
        self.codes = list(PLAN["client_codes"])
        super().on_start()

    @task(8)
    def log_contact(self):
        page = self.get("/admin/services/log/", "contact: open form")
        if page.status_code != 200 or not self.ensure_signed_in(page):
            return
        form = read_form(page.text, "/admin/services/log/")
        services = form.choices.get("common_services", [])
        if not services:
            RESULTS["unexpected"].append("contact: form without services")
            return
        number = next_number("contact")
        marker = f"load {PLAN['run']} contact {number}"
        kind = random.choices(["new", "returning", "anonymous"], [5, 4, 1])[0]
        if kind == "returning" and not self.codes:
            kind = "new"
        chosen = random.sample(services, k=random.randint(1, min(3, len(services))))
        victimizations = form.choices.get("common_victimizations", [])
        data = with_values(
            form.fields,
            client_kind=kind,
            client_code=random.choice(self.codes) if kind == "returning" else "",
            common_services=chosen,
            common_victimizations=random.sample(victimizations, k=1) if victimizations else None,
            mode=random.choice(form.choices.get("mode") or ["in_person"]),
            minutes=str(random.randint(5, 90)),
            referrals=marker,
        )
        response = self.post("/admin/services/log/", data, "contact: save")
        if response.status_code == 302:
            location = response.headers.get("Location", "")
            logged = parse_qs(urlsplit(location).query).get("logged")
            if not logged:
                self.ensure_signed_in(response)
                RESULTS["unexpected"].append(f"contact: redirect to {location[:60]}")
                return
            RESULTS["contacts"].append(
                {"id": int(logged[0]), "marker": marker, "services": len(chosen), "kind": kind}
            )
            after = self.get(location, "contact: ready for next")
            found = re.search(r"Contact with ([A-Z0-9]{4}-?[A-Z0-9]{4}) logged", after.text)
            if found and kind == "new":
                self.codes.append(found.group(1))
        elif response.status_code == 200:
            refuse("contact", first_error(response.text))

    @task(1)
    def my_contacts(self):
        self.get("/admin/services/contacts/", "contact: list")


class LedgerUser(StaffUser):
    abstract = True

    def action(self, draw_id, action, label, reason=""):
        """One step of a draw's life through its confirm page; True when the server did it."""
        path = f"/admin/grants/draws/{draw_id}/{action}/"
        page = self.get(path, f"{label}: confirm page", expect=(200, 302, 403))
        if page.status_code != 200:
            return None
        form = read_form(page.text)
        data = with_values(form.fields, reason=reason or None)
        response = self.post(path, data, f"{label}: confirm")
        if response.status_code == 302:
            return True
        if response.status_code == 200:
            refuse(label, first_error(response.text))
        return False

    @task(1)
    def dashboard(self):
        self.get("/admin/grants/dashboard/", "grants: dashboard")


class Finance(LedgerUser):
    """Records costs as draws, submits drafts for approval, records payments."""

    role = "finance"
    fixed_count = PLAN["mix"]["finance"]
    wait_time = between(2, 6)

    def on_start(self):
        self.drafts: list[int] = []
        super().on_start()

    @task(6)
    def request_draw(self):
        page = self.get("/admin/grants_draws/new/", "draw: open form")
        if page.status_code != 200 or not self.ensure_signed_in(page):
            return
        form = read_form(page.text, "/admin/grants_draws/new/")
        number = next_number("draw")
        marker = f"load {PLAN['run']} draw {number}"
        submit = random.random() < 0.6
        amount = f"{random.randint(100, 1500)}.{random.randint(0, 99):02d}"
        line = random.choice(PLAN["lines"])
        data = with_values(
            form.fields,
            line=str(line),
            incurred_on=PLAN["today"],
            amount=amount,
            payee=f"Load vendor {number % 7}",
            description=marker,
            submit="on" if submit else None,
        )
        if not submit:
            data = [(n, v) for n, v in data if n != "submit"]
        # A browser sends an empty file part for a file input left empty (multipart form).
        files = dict.fromkeys(form.file_fields, ("", b"", "application/octet-stream"))
        response = self.post("/admin/grants_draws/new/", data, "draw: request", files=files)
        if response.status_code == 302:
            found = re.search(r"/inspect/(\d+)/", response.headers.get("Location", ""))
            if not found:
                self.ensure_signed_in(response)
                return
            draw_id = int(found.group(1))
            RESULTS["draws"].append(
                {
                    "id": draw_id,
                    "marker": marker,
                    "amount": amount,
                    "line": line,
                    "submitted": submit,
                }
            )
            if submit:
                RESULTS["submitted"].append(draw_id)
            else:
                self.drafts.append(draw_id)
        elif response.status_code == 200:
            refuse("draw request", first_error(response.text))

    @task(3)
    def submit_draft(self):
        if not self.drafts:
            return
        draw_id = self.drafts.pop(0)
        if self.action(draw_id, "submit", "draw submit"):
            RESULTS["submitted"].append(draw_id)

    @task(1)
    def pay_approved(self):
        listing = self.get("/admin/grants_draws/?status=approved", "draws: approved list")
        ids = [int(i) for i in re.findall(r"/admin/grants_draws/inspect/(\d+)/", listing.text)]
        if ids:
            draw_id = random.choice(ids)
            if self.action(draw_id, "pay", "draw pay"):
                RESULTS["paid"].append(draw_id)


class GrantsManager(LedgerUser):
    """Approves (or now and then rejects) draws others submitted."""

    role = "manager"
    fixed_count = PLAN["mix"]["manager"]
    wait_time = between(2, 5)

    @task(6)
    def decide(self):
        listing = self.get("/admin/grants_draws/?status=submitted", "draws: submitted list")
        ids = sorted(
            {int(i) for i in re.findall(r"/admin/grants_draws/inspect/(\d+)/", listing.text)}
        )
        if not ids:
            return
        draw_id = random.choice(ids[:10])
        if random.random() < 0.1:
            if self.action(draw_id, "reject", "draw reject", reason="Not an allowable cost"):
                RESULTS["rejected"].append(draw_id)
        elif self.action(draw_id, "approve", "draw approve"):
            RESULTS["approved"].append(draw_id)


events.quitting.add_listener(write_results)
