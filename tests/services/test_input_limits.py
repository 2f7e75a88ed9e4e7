"""Typed text reaching services.operations: limits and control characters, refused whole."""

import pytest
from django.core.exceptions import ValidationError

from services import operations
from services.models import AccessLog, Contact
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


def field_messages(excinfo, field) -> str:
    return " ".join(excinfo.value.message_dict[field])


def test_a_change_reason_is_kept_whole_in_the_history(people, case):
    client = case["client"]
    reason = "Client asked us to stop calling; " + "details of the request. " * 10
    operations.update_client(
        client.pk, actor=people["owner"], version=client.version, reason=reason, phone=""
    )
    last = client.history.order_by("-history_id").first()
    assert last.history_change_reason == reason.strip()


def test_a_void_reason_of_full_length_is_kept_whole_in_the_history(people, case):
    contact = case["contact"]
    reason = "v" * operations.REASON_MAX_LENGTH
    operations.void_contact(contact.pk, actor=people["supervisor"], reason=reason)
    last = contact.history.order_by("-history_id").first()
    assert last.history_change_reason == f"Voided: {reason}"


def test_an_over_long_reason_is_refused_and_the_contact_is_unchanged(people, case):
    contact = case["contact"]
    with pytest.raises(ValidationError) as excinfo:
        operations.void_contact(contact.pk, actor=people["supervisor"], reason="x" * 1_000_000)
    assert field_messages(excinfo, "reason") == (
        "Keep this under 300 characters (you entered 1000000)."
    )
    contact.refresh_from_db()
    assert not contact.voided and contact.history.count() == 1


def test_a_control_character_in_notes_is_refused_and_nothing_is_logged(people):
    with pytest.raises(ValidationError) as excinfo:
        make_contact(people["owner"], notes="Called back\x1b[31m later")
    assert field_messages(excinfo, "notes") == (
        "This contains a control character (U+001B) that cannot be stored; remove it."
    )
    assert not Contact.objects.exists()


def test_notes_keep_their_line_breaks_with_crlf_normalised(people):
    contact = make_contact(people["owner"], notes="First call.\r\nSecond call.")
    assert contact.notes == "First call.\nSecond call."


def test_identifiers_get_the_text_rule_message_on_their_field(people, case):
    client = case["client"]
    with pytest.raises(ValidationError) as excinfo:
        operations.update_client(
            client.pk, actor=people["owner"], version=client.version, first_name="n" * 61
        )
    assert field_messages(excinfo, "first_name") == (
        "Keep this under 60 characters (you entered 61)."
    )
    with pytest.raises(ValidationError) as excinfo:
        operations.update_client(
            client.pk, actor=people["owner"], version=client.version, consent_scope="calls\x0bback"
        )
    assert "U+000B" in field_messages(excinfo, "consent_scope")


def test_an_access_log_detail_longer_than_its_field_says_it_was_cut(people, case):
    detail = "listing filtered by " + "service day and staff member, " * 10
    operations.record_access(
        user=people["supervisor"], record=case["client"], action="lookup", detail=detail
    )
    entry = AccessLog.objects.get(user=people["supervisor"])
    assert entry.detail.startswith("listing filtered by service day and staff member,")
    assert entry.detail.endswith(f"… (truncated, {len(detail)} characters)")
