import datetime
import io
import logging
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from services import operations
from services.models import AccessLog, Contact, SubService
from tests.factories import make_client, make_contact
from tests.helpers import login
from voca.clock import local_today

from .conftest import CANARY_NAME, CANARY_NOTE


def edit_data(contact, **overrides):
    services = list(contact.contact_services.values_list("service_id", flat=True))
    common = set(SubService.objects.filter(common=True).values_list("pk", flat=True))
    data = {
        "date": contact.date.isoformat(),
        "client_kind": "returning" if contact.client_id else "anonymous",
        "client_code": contact.client.code if contact.client_id else "",
        "mode": contact.mode,
        "common_services": [pk for pk in services if pk in common],
        "more_services": [pk for pk in services if pk not in common],
        "minutes": str(contact.minutes),
        "funding_source": contact.funding_source,
        "notes": contact.notes,
        "version": str(contact.version),
        "reason": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_second_concurrent_save_is_refused_and_says_what_changed(client, people, case):
    contact = case["contact"]
    url = f"/admin/services/contacts/edit/{contact.pk}/"
    login(client, people["owner"])
    opened_by_owner = edit_data(contact, minutes="25")
    opened_by_supervisor = edit_data(contact, mode="phone")

    assert client.post(url, opened_by_owner).status_code == 302
    login(client, people["supervisor"])
    response = client.post(url, opened_by_supervisor)
    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "your changes were not saved" in message
    assert "Olive saved this contact" in message and "minutes" in message
    contact.refresh_from_db()
    assert (contact.minutes, contact.mode, contact.version) == (25, "in_person", 2)


@pytest.mark.django_db
def test_editing_after_the_day_needs_a_reason_which_history_keeps(client, people):
    owner = people["owner"]
    contact = make_contact(owner, date=local_today() - datetime.timedelta(days=3))
    url = f"/admin/services/contacts/edit/{contact.pk}/"
    login(client, owner)
    response = client.post(url, edit_data(contact, minutes="40"))
    assert "Say why" in " ".join(response.context["form"].errors["reason"])
    contact.refresh_from_db()
    assert contact.minutes == 15

    c1 = SubService.objects.current().get(code="C1").pk
    both = [*edit_data(contact)["common_services"], c1]
    response = client.post(
        url,
        edit_data(contact, minutes="40", common_services=both, reason="Forgot the call-back"),
    )
    assert response.status_code == 302
    latest, first = contact.history.order_by("-history_id")[:2]
    assert latest.history_user == owner and latest.history_change_reason == "Forgot the call-back"
    assert first.history_user == owner and first.history_change_reason == "Logged"
    page = client.get(f"/admin/services/contacts/history/{contact.pk}/").content.decode()
    assert "Forgot the call-back" in page and "minutes: 15 → 40" in page
    assert "service codes: A1 → A1, C1" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,action",
    [
        ("/admin/services/contacts/inspect/{contact}/", "inspect"),
        ("/admin/services/contacts/edit/{contact}/", "edit"),
        ("/admin/services/contacts/history/{contact}/", "history"),
        ("/admin/services/clients/inspect/{client}/", "inspect"),
        ("/admin/services/clients/edit/{client}/", "edit"),
        ("/admin/services/clients/history/{client}/", "history"),
    ],
)
def test_every_read_of_a_record_is_access_logged(client, people, case, url, action):
    login(client, people["supervisor"])
    response = client.get(
        url.format(contact=case["contact"].pk, client=case["client"].pk),
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    record = case["contact"] if "contacts" in url else case["client"]
    assert (entry.user, entry.action, entry.record_id, entry.ip_address) == (
        people["supervisor"],
        action,
        str(record.pk),
        "203.0.113.9",
    )
    assert entry.record_type == record._meta.label


@pytest.mark.django_db
def test_exports_are_access_logged_and_supervisors_and_auditors_review_the_log(
    client, people, case
):
    login(client, people["owner"])
    response = client.get("/admin/services/contacts/?export=csv")
    b"".join(response.streaming_content)
    entry = AccessLog.objects.get(action="export")
    assert entry.user == people["owner"] and "1 rows" in entry.detail
    for role in ("supervisor", "auditor"):
        login(client, people[role])
        html = client.get("/admin/services/access-log/").content.decode()
        assert "services.Contact" in html and "Export" in html


def _pages_for(client, case):
    urls = [
        "/admin/",
        "/admin/services/contacts/",
        f"/admin/services/contacts/inspect/{case['contact'].pk}/",
        f"/admin/services/contacts/edit/{case['contact'].pk}/",
        f"/admin/services/contacts/history/{case['contact'].pk}/",
        "/admin/services/clients/",
        f"/admin/services/clients/inspect/{case['client'].pk}/",
        f"/admin/services/clients/edit/{case['client'].pk}/",
        f"/admin/services/clients/history/{case['client'].pk}/",
        "/admin/services/access-log/",
    ]
    return {url: client.get(url) for url in urls}


def _text(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


@pytest.mark.django_db
def test_a_canary_name_entered_through_the_form_never_leaks(client, people, caplog):
    caplog.set_level(logging.DEBUG)
    owner = people["owner"]
    login(client, owner)
    today = local_today().isoformat()
    a1 = SubService.objects.current().get(code="A1").pk
    response = client.post(
        "/admin/services/log/",
        {
            "date": today,
            "client_kind": "new",
            "mode": "in_person",
            "common_services": [a1],
            "minutes": "15",
            "funding_source": "voca",
            "notes": CANARY_NOTE,
            "referrals": "=HYPERLINK(1)",
            "id-first_name": CANARY_NAME,
            "id-phone": "314-555-0100",
            "id-consent_given_on": today,
            "id-consent_scope": "call-backs",
        },
    )
    assert response.status_code == 302
    assert CANARY_NAME not in response["Location"]
    contact = Contact.objects.get()
    case = {"contact": contact, "client": contact.client}
    assert contact.client.first_name == CANARY_NAME  # stored, with consent
    assert CANARY_NAME not in str(contact.client) and CANARY_NAME not in str(contact)

    # The owner sees it on the record pages, never in a page title.
    for url, page in _pages_for(client, case).items():
        if page.status_code != 200:
            continue
        title = re.search(r"<title>(.*?)</title>", _text(page), re.S).group(1)
        assert CANARY_NAME not in title, url
    inspect = client.get(f"/admin/services/clients/inspect/{contact.client.pk}/")
    assert CANARY_NAME in inspect.content.decode()

    # Exports: codes, never names or notes; user text starting with = is escaped.
    login(client, people["supervisor"])
    for url in (
        "/admin/services/contacts/?export=csv",
        "/admin/services/clients/?export=csv",
        "/admin/services/access-log/?export=csv",
    ):
        text = _text(client.get(url))
        assert CANARY_NAME not in text and "Quokkafeather" not in text
        assert contact.client.code in text or "access-log" in url
    # Search for the name finds nothing for anyone (search is by code only).
    for role in ("supervisor", "other_worker", "auditor"):
        login(client, people[role])
        html = client.get(f"/admin/services/clients/results/?q={CANARY_NAME}").content.decode()
        assert f"/clients/inspect/{contact.client.pk}/" not in html
    # Another field worker and the auditor never see it on any page.
    for role in ("other_worker", "auditor", "finance"):
        login(client, people[role])
        for url, page in _pages_for(client, case).items():
            assert CANARY_NAME not in _text(page), (role, url)
            assert "Quokkafeather" not in _text(page), (role, url)
    # Nor in any log line.
    assert CANARY_NAME not in caplog.text and "Quokkafeather" not in caplog.text
    # Nor in history: identifiers and notes are not copied there.
    assert all(CANARY_NAME not in row.history_change_reason for row in contact.client.history.all())
    assert not hasattr(contact.client.history.first(), "first_name")
    assert not hasattr(contact.history.first(), "notes")
    # Nor in Wagtail's search index.
    from wagtail.search.index import class_is_indexed

    from services.models import Client

    assert not class_is_indexed(Contact) and not class_is_indexed(Client)


@pytest.mark.django_db
def test_spreadsheet_exports_escape_formulas(client, people):
    from voca.spreadsheet import escape_formula

    assert escape_formula("=SUM(A1)") == "'=SUM(A1)"
    assert escape_formula("@cmd") == "'@cmd"
    assert escape_formula("-1") == "'-1"
    assert escape_formula("K7QMX3TA") == "K7QMX3TA"


@pytest.mark.django_db
def test_retention_dry_run_reports_and_the_real_run_strips_keeping_counts(people, caplog):
    caplog.set_level(logging.INFO)
    owner = people["owner"]
    today = local_today()
    old_day = today - datetime.timedelta(days=365 * 4)
    stale = make_client(
        owner,
        first_name=CANARY_NAME,
        phone="314-555-0123",
        consent_given_on=old_day,
        consent_scope="call-backs",
    )
    make_contact(owner, client=stale, date=old_day, notes=CANARY_NOTE, referrals="legal aid")
    recent = make_client(owner, first_name="Recent", consent_given_on=today, consent_scope="x")
    make_contact(owner, client=recent, notes="keep me")
    contacts_before = Contact.objects.count()

    out = io.StringIO()
    call_command("strip_client_identifiers", "--years", "3", "--dry-run", stdout=out)
    assert "Would strip identifiers of 1 client(s)" in out.getvalue()
    assert "1 name(s), 1 phone(s), notes of 1 contact(s)" in out.getvalue()
    stale.refresh_from_db()
    assert stale.first_name == CANARY_NAME

    out = io.StringIO()
    call_command("strip_client_identifiers", "--years", "3", stdout=out)
    assert "Stripped identifiers of 1 client(s)" in out.getvalue()
    stale.refresh_from_db()
    recent.refresh_from_db()
    assert (stale.first_name, stale.phone, stale.identifiers_stripped_at is not None) == (
        "",
        "",
        True,
    )
    assert stale.contacts.get().notes == "" and stale.contacts.get().referrals == ""
    assert recent.first_name == "Recent" and recent.contacts.get().notes == "keep me"
    assert Contact.objects.count() == contacts_before
    assert stale.age_group.code == "not_reported"  # demographics kept for the counts
    assert stale.history.first().history_change_reason == "Retention: no contact for 3 years"
    assert CANARY_NAME not in out.getvalue() + caplog.text
    assert "retention applied: 1 clients" in caplog.text
    # A second run finds nothing left to strip.
    assert operations.strip_identifiers(years=3).clients == 0


@pytest.mark.django_db
def test_a_client_record_is_edited_with_consent_rules_and_a_stale_form_is_refused(client, people):
    from services.models import AgeGroup

    owner = people["owner"]
    record = make_client(owner)
    make_contact(owner, client=record)
    url = f"/admin/services/clients/edit/{record.pk}/"
    login(client, owner)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["age_group"] = AgeGroup.objects.get(code="18_24").pk

    response = client.post(url, {**data, "first_name": "Kim"})
    assert "only with the client's consent" in " ".join(
        response.context["form"].errors["consent_given_on"]
    )
    response = client.post(url, {**data, "reason": "Client told us their age"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.age_group.code == "18_24"
    assert record.history.first().history_change_reason == "Client told us their age"
    # The same (now stale) form again is refused.
    response = client.post(url, {**data, "reason": "again"})
    assert "your changes were not saved" in " ".join(response.context["form"].non_field_errors())


@pytest.mark.django_db
def test_editing_a_client_keeps_a_classification_retired_from_the_list_since(client, people):
    from services.models import SpecialClassification

    owner = people["owner"]
    homeless = SpecialClassification.objects.get(code="homeless")
    record = make_client(owner, special_classifications=[homeless])
    make_contact(owner, client=record)
    homeless.effective_to = local_today() - datetime.timedelta(days=1)  # OVC retires it
    homeless.save()
    url = f"/admin/services/clients/edit/{record.pk}/"
    login(client, owner)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    response = client.post(url, {**data, "reason": "Phone changed"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert list(record.special_classifications.values_list("code", flat=True)) == ["homeless"]
    assert record.special_classification_codes == "homeless"


def test_the_access_log_refuses_bulk_update_and_delete_as_well_as_single_rows(client, people, case):
    login(client, people["supervisor"])
    client.get(f"/admin/services/contacts/inspect/{case['contact'].pk}/")
    entry = AccessLog.objects.get()

    with pytest.raises(ValidationError, match="append-only"):
        AccessLog.objects.filter(pk=entry.pk).update(detail="rewritten", user=None)
    with pytest.raises(ValidationError, match="append-only"):
        AccessLog.objects.all().delete()
    with pytest.raises(ValidationError, match="append-only"):
        entry.delete()

    entry.refresh_from_db()
    assert (entry.user, entry.detail) == (people["supervisor"], "")
    assert AccessLog.objects.count() == 1
