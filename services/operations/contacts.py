"""Contacts: one encounter each, logged, edited (with a reason after its day) or voided.

``contact_rules.validate_contact`` holds every rule a contact obeys; forms only parse and show its
refusal.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from events.models import ServiceDayPage
from organizations.access import owning_organization
from services import permissions
from services.history import format_codes, format_service_codes
from services.models import Client, Contact, ContactService
from services.operations.base import reason_text, refuse_if_unreadable
from services.operations.clients import create_client
from services.operations.contact_rules import validate_contact
from voca import clock
from voca.clock import local_today
from voca.operations import check_version, save_with_history


def _codes(victimizations, services) -> tuple[str, str]:
    in_order = sorted(services.items(), key=lambda item: item[0].sort_order)
    return (
        format_service_codes((s.code, times) for s, times in in_order),
        format_codes(v.code for v in victimizations),
    )


def _set_relations(contact, victimizations, services, *, new=False):
    if new:
        contact.victimizations.add(*victimizations)
        ContactService.objects.bulk_create(
            ContactService(contact=contact, service=s, times=t) for s, t in services.items()
        )
        return
    contact.victimizations.set(victimizations)
    wanted = {s.pk: times for s, times in services.items()}
    existing = {cs.service_id: cs for cs in contact.contact_services.all()}
    for service_id, cs in existing.items():
        if service_id not in wanted:
            cs.delete()
    for service_id, times in wanted.items():
        cs = existing.get(service_id)
        if cs is None:
            ContactService.objects.create(contact=contact, service_id=service_id, times=times)
        elif cs.times != times:
            cs.times = times
            cs.save()


@transaction.atomic
def log_contact(
    *,
    actor,
    date: datetime.date,
    services: dict,
    staff=None,
    service_day: ServiceDayPage | None = None,
    client: Client | None = None,
    client_code: str | None = None,
    mode: str = Contact.Mode.IN_PERSON,
    victimizations=(),
    referrals: str = "",
    compensation_help: bool = False,
    minutes: int = 15,
    funding_source: str = Contact.Funding.VOCA,
    notes: str = "",
) -> Contact:
    """Record one encounter. ``services`` maps sub-service (or its code) to times given; a
    service day given in any language is stored as the day (``ServiceDayPage.day``); a
    returning client is ``client`` or the ``client_code`` typed (refused with the rest if no
    client has it)."""
    if not permissions.can_log_contacts(actor):
        raise PermissionDenied("Only field staff and supervisors log contacts.")
    staff = staff or actor
    service_day = service_day.day if service_day is not None else None
    organization = owning_organization(actor)
    valid = validate_contact(
        actor=actor,
        organization=organization,
        date=date,
        staff=staff,
        service_day=service_day,
        client=client,
        client_code=client_code,
        minutes=minutes,
        services=services,
        notes=notes,
        referrals=referrals,
        mode=mode,
        funding_source=funding_source,
    )
    services = valid["services"]
    contact = Contact(
        organization=organization,
        date=date,
        staff=staff,
        service_day=service_day,
        client=valid["client"],
        mode=mode,
        referrals=valid["referrals"],
        compensation_help=compensation_help,
        minutes=minutes,
        funding_source=funding_source,
        notes=valid["notes"],
    )
    contact.service_codes, contact.victimization_codes = _codes(list(victimizations), services)
    save_with_history(contact, actor=actor, reason="Logged")
    _set_relations(contact, list(victimizations), services, new=True)
    return contact


@transaction.atomic
def register_client_and_log_contact(*, actor, client_fields: dict, contact_fields: dict) -> Contact:
    """A new client and their first contact: both saved, or neither (with every refusal at once).

    ``client_fields`` are ``create_client``'s arguments, ``contact_fields`` ``log_contact``'s.
    """
    errors = {}
    client = None
    try:
        client = create_client(actor=actor, **client_fields)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        contact = log_contact(actor=actor, client=client, **contact_fields)
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        # Raising here rolls back whichever of the two was saved.
        raise ValidationError(errors)
    return contact


def _changed_since(contact, version: int) -> list[str]:
    """Field names changed since ``version`` (from history; notes are not kept there)."""
    then = contact.history.filter(version=version).order_by("-history_id").first()
    if then is None:
        return ["(the whole record)"]
    labels = {
        "date": "date",
        "staff_id": "staff member",
        "service_day_id": "service day",
        "client_id": "client",
        "mode": "mode",
        "compensation_help": "compensation help",
        "minutes": "minutes",
        "funding_source": "funding source",
        "voided": "voided",
        "service_codes": "services",
        "victimization_codes": "victimizations",
    }
    changed = [
        label for attr, label in labels.items() if getattr(then, attr) != getattr(contact, attr)
    ]
    return changed or ["referrals or notes"]


CHANGEABLE = frozenset(
    {
        "date",
        "staff",
        "service_day",
        "client",
        "mode",
        "victimizations",
        "services",
        "referrals",
        "compensation_help",
        "minutes",
        "funding_source",
        "notes",
    }
)


@transaction.atomic
def update_contact(contact_id, *, actor, version: int, reason: str = "", **changes) -> Contact:
    """Change a contact; refuse if it was saved by someone else since ``version`` was read."""
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    if not permissions.can_change_contact(actor, contact):
        raise PermissionDenied("You may not change this contact.")
    refuse_if_unreadable(contact)
    check_version(
        contact,
        version,
        noun="contact",
        changed=lambda: _changed_since(contact, version),
        saved_at=contact.updated_at,
    )
    reason = reason_text(reason)
    if contact.date < local_today() and not reason:
        raise ValidationError(
            {"reason": "Say why you are changing a contact after the day it happened."}
        )
    client_code = changes.pop("client_code", None)
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise ValueError(f"Cannot change {sorted(unknown)}")
    if changes.get("service_day") is not None:
        changes["service_day"] = changes["service_day"].day  # the day, whatever its language
    values = {
        "date": contact.date,
        "staff": contact.staff,
        "service_day": contact.service_day,
        "client": contact.client,
        "minutes": contact.minutes,
        "notes": contact.notes,
        "referrals": contact.referrals,
        "mode": contact.mode,
        "funding_source": contact.funding_source,
        **changes,
    }
    if "services" not in changes:
        values["services"] = {
            cs.service: cs.times for cs in contact.contact_services.select_related("service")
        }
    values.pop("victimizations", None)
    values.pop("compensation_help", None)
    valid = validate_contact(
        actor=actor, organization=contact.organization, client_code=client_code, **values
    )
    services = valid["services"]
    changes["notes"], changes["referrals"] = valid["notes"], valid["referrals"]
    if client_code is not None:
        changes["client"] = valid["client"]
    for name in CHANGEABLE - {"victimizations", "services"}:
        if name in changes:
            value = changes[name]
            setattr(contact, name, value.strip() if isinstance(value, str) else value)
    victimizations = list(changes.get("victimizations", contact.victimizations.all()))
    contact.service_codes, contact.victimization_codes = _codes(victimizations, services)
    contact.version += 1
    save_with_history(contact, actor=actor, reason=reason or "Edited on the day")
    _set_relations(contact, victimizations, services)
    return contact


@transaction.atomic
def void_contact(contact_id, *, actor, reason: str) -> Contact:
    """Take a contact out of every count; it stays on record and in history."""
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    if not permissions.can_void(actor):
        raise PermissionDenied("Only a supervisor can void a contact.")
    if not permissions.visible_contacts(actor).filter(pk=contact.pk).exists():
        raise PermissionDenied("You may not void this contact.")  # another organization's
    reason = reason_text(reason, required="Say why this contact is voided.")
    if contact.voided:
        raise ValidationError({"reason": "This contact is already void."})
    contact.voided = True
    contact.void_reason = reason
    contact.voided_by = actor
    contact.voided_at = clock.now()
    contact.version += 1
    save_with_history(contact, actor=actor, reason=f"Voided: {reason}")
    return contact
