"""Isolation as a matrix: two subrecipient agencies (A and B) and the state's unit, every URL
pattern of the project (the resolver walked) with real record ids of A.

For each person of B (each agency role) and of the unit (each role, and a superuser):
- A's client, contact, access-log entry, report file and accounts answer 404 (or, for a role
  that has no such screen at all, the admin's refusal), never the record;
- none of A's canaries (the client's code, first name and phone, the contact's note) appears in
  any response: page, listing, search, chooser, export, report or download.
B's people get the unit's records the same way. A's own director sees them (the check can fail).
One data set for the module (setUpTestData); run on SQLite and PostgreSQL.
"""

import datetime
import io

from django.test import TestCase

from tests.factories import make_agency, make_client, make_contact, make_member, make_user
from tests.helpers import every_url, login
from voca import roles as R
from voca.clock import local_today

SENTINEL = 987654
A_NAME, A_PHONE, A_NOTE = "Marigoldia", "314-555-0177", "Pelicanquill sleeps at the depot"
UNIT_NAME, UNIT_NOTE = "Zanzibarella", "Quokkafeather lives behind the bakery"
# Names of URL patterns whose id is a confidential record of one organization.
RECORD_URLS = {
    "services_contact:": "contact",
    "services_client:": "client",
    "services_client_chooser:": "client",
    "services_accesslog:": "access",
    "grants_export_download": "export",
    "voca_people_edit": "person",
}
DENIED = {302, 403, 404, 405}


def kind_of(name: str) -> str | None:
    return next((kind for prefix, kind in RECORD_URLS.items() if name.startswith(prefix)), None)


def urls_for(ids: dict) -> list[tuple[str, str, str | None]]:
    """(path, pattern name, record kind) for every URL pattern, with ``ids``' record ids."""
    found = []
    for path, name in every_url(SENTINEL):
        has_id = str(SENTINEL) in path or name == "services_client_chooser:chosen"
        kind = kind_of(name) if has_id else None
        number = str(ids[kind or "client"])
        path = path.replace(str(SENTINEL), number)
        if name == "services_client_chooser:chosen":
            path = path.replace("/chosen/x/", f"/chosen/{ids['client']}/")
        if name.startswith("wagtailusers_users:"):
            path = path.replace(number, str(ids["person"]))
        found.append((path, name, kind))
    code = ids["code"]
    for query in (
        f"/admin/services/contacts/?q={code}",
        f"/admin/services/contacts/results/?q={code}",
        f"/admin/services/clients/?q={code}",
        f"/admin/services/clients/results/?q={ids['name']}",
        f"/admin/services/client-chooser/results/?q={code}",
        f"/admin/services/log/?client={code}",
        f"/admin/search/?q={code}",
        f"/admin/search/?q={ids['name']}",
        f"/admin/bulk/services/contact/delete/?id={ids['contact']}",
    ):
        found.append((query, "search", "client" if "?client=" in query else None))
    for listing in ("contacts", "clients", "access-log"):
        for fmt in ("csv", "xlsx"):
            found.append((f"/admin/services/{listing}/?export={fmt}", "export", None))
    return found


def text_of(response) -> str:
    if hasattr(response, "streaming_content"):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body[:2] == b"PK":  # a workbook: read its cells
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(body))
        except Exception:  # not a workbook after all
            return body.decode("latin-1")
        return " ".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
    return body.decode("utf-8", "replace")


class IsolationMatrix(TestCase):
    @classmethod
    def setUpTestData(cls):
        from grants.exports.models import GeneratedExport
        from services import operations
        from services.models import AccessLog
        from voca.roles import sync_roles

        sync_roles()
        today = local_today()
        consent = {
            "consent_given_on": today,
            "consent_scope": "call-backs",
            "consent_expires_on": today + datetime.timedelta(days=180),
        }
        a = make_agency("Safe Harbor", "K7LMN2PQR3ST")
        b = make_agency("Gateway CAC", "G4WCAC7XY2Z1")
        cls.a_people = {
            "director": make_member("a.director", a, R.AGENCY_DIRECTOR),
            "finance": make_member("a.finance", a, R.AGENCY_FINANCE),
            "advocate": make_member("a.advocate", a, R.AGENCY_ADVOCATE),
        }
        cls.b_people = {
            "director": make_member("b.director", b, R.AGENCY_DIRECTOR),
            "finance": make_member("b.finance", b, R.AGENCY_FINANCE),
            "advocate": make_member("b.advocate", b, R.AGENCY_ADVOCATE),
        }
        cls.state_people = {
            role: make_user(f"state.{role}".lower(), role)
            for role in R.ROLES_BY_NAME
            if role not in R.AGENCY_ROLES
        }
        cls.state_people["superuser"] = make_user("state.root", is_superuser=True)

        def records(worker, director, name, phone, note):
            client = make_client(worker, first_name=name, phone=phone, **consent)
            contact = make_contact(worker, client=client, notes=note, services=("A1", "C1"))
            operations.record_access(user=director, record=client, action=AccessLog.Action.INSPECT)
            entry = AccessLog.objects.filter(record_id=str(client.pk)).latest("pk")
            export = GeneratedExport.objects.create(
                requested_by=director,
                organization=client.organization,
                report="pmt",
                format="xlsx",
            )
            return {
                "client": client.pk,
                "code": client.code,
                "name": name,
                "contact": contact.pk,
                "access": entry.pk,
                "export": export.pk,
                "person": worker.pk,
            }

        cls.a_ids = records(
            cls.a_people["advocate"], cls.a_people["director"], A_NAME, A_PHONE, A_NOTE
        )
        records(cls.b_people["advocate"], cls.b_people["director"], "Bexley", "314-555-0166", "b")
        unit_worker = make_user("unit.advocate", R.ADVOCATE)
        cls.unit_ids = records(
            unit_worker, cls.state_people[R.SUPERVISOR], UNIT_NAME, "314-555-0199", UNIT_NOTE
        )
        cls.a_canaries = [cls.a_ids["code"], A_NAME, A_PHONE, A_NOTE]
        cls.unit_canaries = [cls.unit_ids["code"], UNIT_NAME, UNIT_NOTE]

    @staticmethod
    def markers(ids) -> list[str]:
        """How a page names one of these records (a link, a title): never just a typed query."""
        return [
            f"/clients/inspect/{ids['client']}/",
            f"/clients/edit/{ids['client']}/",
            f"/chosen/{ids['client']}/",
            f"Contact #{ids['contact']} on",
            f"/contacts/inspect/{ids['contact']}/",
        ]

    def walk(self, viewer, ids, canaries, *, records_only=False):
        """GET every URL as ``viewer``: [(path, what went wrong)]."""
        problems = []
        login(self.client, viewer)
        for path, name, kind in urls_for(ids):
            if records_only and kind is None:
                continue
            response = self.client.get(path)
            status = response.status_code
            if status >= 500:
                problems.append((path, f"server error {status}"))
                continue
            if kind is not None and name != "search" and status not in DENIED:
                problems.append((path, f"answered {status}, not 404"))
            if status == 200:
                text = text_of(response)
                # A search box shows what was typed: that is not the record; its link would be.
                typed = [c for c in canaries if c in path]
                leaked = [c for c in canaries if c in text and c not in typed]
                leaked += [m for m in self.markers(ids) if m in text]
                if leaked:
                    problems.append((path, f"shows {leaked}"))
            if "_auth_user_id" not in self.client.session:
                login(self.client, viewer)
        return problems

    def test_the_owning_agencys_director_sees_the_records(self):
        """The control: the same URLs show A's records to A's director (so the check can fail)."""
        login(self.client, self.a_people["director"])
        for path in (
            f"/admin/services/clients/inspect/{self.a_ids['client']}/",
            f"/admin/services/contacts/inspect/{self.a_ids['contact']}/",
        ):
            response = self.client.get(path)
            assert response.status_code == 200, path
        page = self.client.get(f"/admin/services/clients/edit/{self.a_ids['client']}/")
        assert A_NAME in page.content.decode()
        listing = self.client.get(f"/admin/services/clients/results/?q={self.a_ids['code']}")
        assert self.a_ids["code"] in listing.content.decode()
        # The walk flags what A's director rightly sees: it would flag a leak to anyone else.
        flagged = self.walk(
            self.a_people["director"], self.a_ids, self.a_canaries, records_only=True
        )
        inspect = f"/admin/services/clients/inspect/{self.a_ids['client']}/"
        assert (inspect, "answered 200, not 404") in flagged
        assert any(path == inspect and what.startswith("shows") for path, what in flagged)

    def test_b_and_the_units_supervisors_change_nothing_of_a_by_posting(self):
        from services.models import Client, Contact

        contact, client = self.a_ids["contact"], self.a_ids["client"]
        for viewer in (self.b_people["director"], self.state_people[R.SUPERVISOR]):
            login(self.client, viewer)
            for path, data in (
                (f"/admin/services/contacts/void/{contact}/", {"reason": "x", "confirm": "on"}),
                (f"/admin/services/contacts/edit/{contact}/", {"minutes": "1", "version": "1"}),
                (f"/admin/services/clients/edit/{client}/", {"phone": "1", "version": "1"}),
                (f"/admin/people/{self.a_ids['person']}/", {"groups": []}),
            ):
                assert self.client.post(path, data).status_code in (302, 404), (viewer, path)
        assert not Contact.objects.get(pk=contact).voided
        assert Contact.objects.get(pk=contact).minutes == 15
        assert Client.objects.get(pk=client).phone == A_PHONE
        assert self.a_people["advocate"].groups.filter(name=R.AGENCY_ADVOCATE).exists()


def _viewer_test(group: str, key: str):
    def test(self):
        people = self.b_people if group == "b" else self.state_people
        problems = self.walk(people[key], self.a_ids, self.a_canaries)
        if group == "b":  # and the unit's records are as far from B as A's
            problems += self.walk(people[key], self.unit_ids, self.unit_canaries, records_only=True)
        assert problems == [], "\n".join(f"{path}: {what}" for path, what in problems)

    test.__name__ = f"test_{group}_{key.lower().replace(' ', '_')}_never_reaches_agency_a"
    return test


for _key in ("director", "finance", "advocate"):
    _test = _viewer_test("b", _key)
    setattr(IsolationMatrix, _test.__name__, _test)
for _key in [*(r.name for r in R.ROLES if r.name not in R.AGENCY_ROLES), "superuser"]:
    _test = _viewer_test("state", _key)
    setattr(IsolationMatrix, _test.__name__, _test)
