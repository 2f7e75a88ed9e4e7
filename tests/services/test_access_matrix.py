"""Role x view matrix over every admin URL of clients, contacts and the access log.

OK = 200 with the record; HIDDEN = 200 but the record is not in it; GONE = 404 (unknown and
forbidden rows look the same); DENIED = Wagtail's permission-denied redirect to the dashboard;
NO_DELETE = 405 for everyone (nobody deletes; supervisors void); TO_LOG = redirect to fast entry.
"""

import pytest

from services.models import AccessLog
from tests.helpers import login

OK, HIDDEN, GONE, DENIED, NO_DELETE, TO_LOG = "ok", "hidden", "404", "denied", "405", "to-log"

VIEWS = {
    "contact listing": "/admin/services/contacts/",
    "contact search": "/admin/services/contacts/results/?q={code}",
    "contact filter": "/admin/services/contacts/?mode=in_person",
    "contact export": "/admin/services/contacts/?export=csv",
    "contact add": "/admin/services/contacts/new/",
    "contact inspect": "/admin/services/contacts/inspect/{contact}/",
    "contact edit": "/admin/services/contacts/edit/{contact}/",
    "contact history": "/admin/services/contacts/history/{contact}/",
    "contact delete": "/admin/services/contacts/delete/{contact}/",
    "client listing": "/admin/services/clients/",
    "client search": "/admin/services/clients/results/?q={code}",
    "client export": "/admin/services/clients/?export=xlsx",
    "client inspect": "/admin/services/clients/inspect/{client}/",
    "client edit": "/admin/services/clients/edit/{client}/",
    "client history": "/admin/services/clients/history/{client}/",
    "client delete": "/admin/services/clients/delete/{client}/",
    "client chooser": "/admin/services/client-chooser/",
    "client chooser search": "/admin/services/client-chooser/results/?q={code}",
    "client chosen": "/admin/services/client-chooser/chosen/{client}/",
    "access log": "/admin/services/access-log/",
    "fast entry": "/admin/services/log/",
    # Wagtail views these models deliberately do not have.
    "contact usage": "/admin/services/contacts/usage/{contact}/",
    "contact copy": "/admin/services/contacts/copy/{contact}/",
    "bulk delete": "/admin/bulk/services/contact/delete/?id={contact}",
    "access log edit": "/admin/services/access-log/edit/1/",
}
NOT_THERE = dict.fromkeys(["contact usage", "contact copy", "bulk delete", "access log edit"], GONE)

FIELD_OWNER = {
    **dict.fromkeys(VIEWS, OK),
    "contact add": TO_LOG,
    "contact delete": NO_DELETE,
    "client delete": NO_DELETE,
    "access log": DENIED,
    **NOT_THERE,
}
FIELD_OTHER = {
    **FIELD_OWNER,
    "contact listing": HIDDEN,
    "contact search": HIDDEN,
    "contact filter": HIDDEN,
    "contact export": HIDDEN,
    "contact inspect": GONE,
    "contact edit": GONE,
    "contact history": GONE,
    "client listing": HIDDEN,
    "client search": HIDDEN,
    "client export": HIDDEN,
    "client inspect": GONE,
    "client edit": GONE,
    "client history": GONE,
    "client chooser": HIDDEN,
    "client chooser search": HIDDEN,
    "client chosen": GONE,
}
SUPERVISOR = {**FIELD_OWNER, "access log": OK}
AUDITOR = {
    **FIELD_OWNER,
    "contact add": DENIED,
    "contact edit": DENIED,
    "client edit": DENIED,
    "fast entry": DENIED,
    "access log": OK,
}
NO_CLIENT_DATA = {
    **dict.fromkeys(VIEWS, DENIED),
    "contact delete": NO_DELETE,
    "client delete": NO_DELETE,
    **NOT_THERE,
}
EXPECTED = {
    "owner": FIELD_OWNER,
    "other_worker": FIELD_OTHER,
    "programrep": FIELD_OTHER,
    "supervisor": SUPERVISOR,
    "auditor": AUDITOR,
    "finance": NO_CLIENT_DATA,
    "grantsmanager": NO_CLIENT_DATA,
    "editor": NO_CLIENT_DATA,
}


def xlsx_text(response) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(str(c.value) for row in book.active.iter_rows() for c in row)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_view_matrix(client, people, case, role):
    login(client, people[role])
    code = case["client"].code
    ids = {"contact": case["contact"].pk, "client": case["client"].pk, "code": code}
    outcomes = {}
    for view, template in VIEWS.items():
        response = client.get(template.format(**ids))
        status = response.status_code
        if status == 200:
            if response.get("Content-Type", "").startswith("application/vnd.openxml"):
                text = xlsx_text(response)
            elif hasattr(response, "streaming_content"):
                text = b"".join(response.streaming_content).decode()
            else:
                text = response.content.decode()
            markers = [
                f"Contact #{ids['contact']}",
                f"/clients/edit/{ids['client']}/",
                f"/clients/inspect/{ids['client']}/",
                f"/chosen/{ids['client']}/",
            ]
            if "export=" in template:
                markers.append(code)  # a spreadsheet has no links, only codes
            shows_record = any(marker in text for marker in markers)
            if (
                view in ("fast entry", "access log")
                or "{contact}" in template
                or "{client}" in template
            ):
                outcomes[view] = OK
            else:
                outcomes[view] = OK if shows_record else HIDDEN
        elif status == 302 and response["Location"].startswith("/admin/services/log/"):
            outcomes[view] = TO_LOG
        elif status == 302 and response["Location"] == "/admin/":
            outcomes[view] = DENIED
        else:
            outcomes[view] = str(status)
    assert outcomes == EXPECTED[role]


@pytest.mark.django_db
def test_a_field_worker_opening_anothers_contact_by_url_gets_404_and_no_data(client, people, case):
    login(client, people["other_worker"])
    response = client.get(f"/admin/services/contacts/inspect/{case['contact'].pk}/")
    assert response.status_code == 404
    assert case["client"].code not in response.content.decode()
    # ... and cannot change it by posting either.
    response = client.post(
        f"/admin/services/contacts/edit/{case['contact'].pk}/", {"minutes": "1", "version": "1"}
    )
    assert response.status_code == 404
    case["contact"].refresh_from_db()
    assert case["contact"].minutes == 15
    # An id that does not exist answers the same as one that is forbidden.
    assert client.get("/admin/services/contacts/inspect/999999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "other_worker", "auditor", "finance"])
def test_only_a_supervisor_can_void(client, people, case, role):
    login(client, people[role])
    client.post(
        f"/admin/services/contacts/void/{case['contact'].pk}/",
        {"reason": "duplicate", "confirm": "on"},
    )
    case["contact"].refresh_from_db()
    assert case["contact"].voided is False


@pytest.mark.django_db
def test_a_supervisor_voids_with_a_reason_and_the_record_stays(client, people, case):
    login(client, people["supervisor"])
    url = f"/admin/services/contacts/void/{case['contact'].pk}/"
    client.post(url, {"reason": ""})
    case["contact"].refresh_from_db()
    assert case["contact"].voided is False
    unconfirmed = client.post(url, {"reason": "Entered twice"}, follow=True)
    assert "Tick the box to confirm the void; nothing was changed." in unconfirmed.content.decode()
    case["contact"].refresh_from_db()
    assert case["contact"].voided is False
    response = client.post(url, {"reason": "Entered twice", "confirm": "on"}, follow=True)
    assert "voided" in response.content.decode()
    case["contact"].refresh_from_db()
    assert case["contact"].voided and case["contact"].void_reason == "Entered twice"
    last = case["contact"].history.first()
    assert last.history_user == people["supervisor"]
    assert last.history_change_reason == "Voided: Entered twice"


@pytest.mark.django_db
def test_the_access_log_cannot_be_changed_or_deleted(client, people, case):
    from django.core.exceptions import ValidationError

    login(client, people["supervisor"])
    client.get(f"/admin/services/contacts/inspect/{case['contact'].pk}/")
    entry = AccessLog.objects.get()
    entry.action = "edit"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    for url in (
        f"/admin/services/access-log/edit/{entry.pk}/",
        f"/admin/services/access-log/delete/{entry.pk}/",
        "/admin/services/access-log/new/",
    ):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["finance", "grantsmanager", "editor"])
def test_roles_without_client_data_see_no_services_menus_but_see_counts(client, people, case, role):
    from tests.helpers import admin_menu_names

    login(client, people[role])
    response = client.get("/admin/")
    menus = admin_menu_names(response)
    assert not {"log-contact", "victim-services", "contacts", "clients"} & menus
    html = response.content.decode()
    assert "1 contacts, 1 individuals served" in html
    assert case["client"].code not in html


@pytest.mark.django_db
def test_field_staff_see_the_services_menus(client, people):
    from tests.helpers import admin_menu_names

    login(client, people["owner"])
    menus = admin_menu_names(client.get("/admin/"))
    assert {"log-contact", "contacts", "clients"} <= menus
    assert "access-log" not in menus


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "other_worker", "programrep"])
def test_field_staff_see_only_menu_items_they_can_use(client, people, role):
    from tests.helpers import admin_menu_names

    login(client, people[role])
    menus = admin_menu_names(client.get("/admin/"))
    assert menus == {"log-contact", "victim-services", "contacts", "clients", "account", "logout"}


@pytest.mark.django_db
def test_the_translations_report_stays_in_the_editors_menu(client, people):
    from tests.helpers import admin_menu_names

    login(client, people["editor"])
    assert "translations" in admin_menu_names(client.get("/admin/"))


@pytest.mark.django_db
def test_the_contacts_list_marks_only_voided_contacts(client, people, case):
    from services import operations
    from tests.factories import make_contact

    kept = make_contact(people["owner"])
    operations.void_contact(case["contact"].pk, actor=people["supervisor"], reason="Duplicate")
    login(client, people["supervisor"])
    html = client.get("/admin/services/contacts/").content.decode()
    rows = {
        pk: next(r for r in html.split("<tr")[1:] if f"Contact #{pk} on" in r)
        for pk in (kept.pk, case["contact"].pk)
    }
    assert "Voided" not in rows[kept.pk] and "icon-cross" not in rows[kept.pk]
    assert "Voided" in rows[case["contact"].pk]
