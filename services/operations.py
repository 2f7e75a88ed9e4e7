"""The only functions that write clients, contacts, staffing and the access log.

Each runs in one transaction, locks what it changes, validates, and records the acting user and,
where the rules ask for one, the reason. They take plain values, never a request.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import ServiceDayPage
from services import permissions
from services.history import format_codes, format_service_codes
from services.models import (
    MAX_MINUTES,
    NOTES_MAX_LENGTH,
    AccessLog,
    AgeGroup,
    Client,
    Contact,
    ContactService,
    GenderIdentity,
    RaceEthnicity,
    SpecialClassification,
    StaffAssignment,
    SubService,
    new_client_code,
    normalize_client_code,
)
from voca.clock import local_today
from voca.text import clean_text, model_max_length

logger = logging.getLogger(__name__)

REASON_MAX_LENGTH = 300


class EditConflict(ValidationError):
    """Someone else saved the record since this form was opened."""

    def __init__(self, message, changed_fields, saved_by, saved_at):
        super().__init__(message, code="conflict")
        self.changed_fields = changed_fields
        self.saved_by = saved_by
        self.saved_at = saved_at


# --- Helpers ---------------------------------------------------------------------------------


def _text(errors, name, value, limit, *, multiline=False) -> str:
    """``value`` cleaned by voca.text; a refusal is added to ``errors`` with the others."""
    try:
        return clean_text(value, field=name, max_length=limit, multiline=multiline)
    except ValidationError as error:
        errors.update(error.message_dict)
        return ""


def _reason(reason) -> str:
    return clean_text(reason, field="reason", max_length=REASON_MAX_LENGTH, multiline=True)


def _as_services(services, on: datetime.date) -> dict:
    """{code or SubService: times} -> {SubService: times}, only entries in force on ``on``."""
    result = {}
    codes = [k for k in services if not isinstance(k, SubService)]
    known = (
        {s.code: s for s in SubService.objects.effective_on(on).filter(code__in=codes)}
        if codes
        else {}
    )
    for key, times in services.items():
        service = key if isinstance(key, SubService) else known.get(key)
        if service is None:
            raise ValidationError({"services": f"Unknown service code {key!r}."})
        result[service] = times
    return result


def _validate_contact(
    *, by, date, staff, service_day, client, minutes, services, notes, referrals
) -> tuple[str, str]:
    """Refuse a contact that breaks a rule; returns its (notes, referrals) as they are stored."""
    errors = {}
    today = local_today()
    if date is None:
        errors["date"] = "Enter the date of the contact."
    elif date > today:
        errors["date"] = "The contact date cannot be in the future."
    if service_day is not None and date is not None and service_day.date != date:
        errors["service_day"] = (
            f"That service day is on {service_day.date:%b %-d, %Y}, not on the contact's date "
            f"({date:%b %-d, %Y}). Choose the right day or no service day."
        )
    if minutes is None or minutes < 0:
        errors["minutes"] = "Minutes cannot be negative."
    elif minutes > MAX_MINUTES:
        errors["minutes"] = f"Minutes can be at most {MAX_MINUTES} for one contact."
    if not services:
        errors["services"] = "Tick at least one service given."
    elif any(times is None or times < 1 or times > 99 for times in services.values()):
        errors["services"] = "Each service is given between 1 and 99 times."
    notes = _text(errors, "notes", notes, NOTES_MAX_LENGTH, multiline=True)
    referrals = _text(errors, "referrals", referrals, model_max_length(Contact, "referrals"))
    if staff is not None and staff != by and not permissions.is_supervisor(by):
        errors["staff"] = "You can only log contacts under your own name."
    elif staff is not None and not permissions.may_log_contacts(staff):
        errors["staff"] = "Contacts are logged under a field staff member or supervisor."
    if (
        client is not None
        and client.created_by_id != by.pk
        and not permissions.clients_found_by_code(by).filter(pk=client.pk).exists()
    ):
        errors["client"] = "No client with that code."
    if errors:
        raise ValidationError(errors)
    return notes, referrals


def _codes(victimizations, services) -> tuple[str, str]:
    in_order = sorted(services.items(), key=lambda item: item[0].sort_order)
    return (
        format_service_codes((s.code, times) for s, times in in_order),
        format_codes(v.code for v in victimizations),
    )


def _as_classifications(values) -> list[SpecialClassification]:
    return [
        v if isinstance(v, SpecialClassification) else SpecialClassification.objects.get(pk=v)
        for v in values
    ]


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


def snapshot(contact) -> dict:
    """What a user sees of a contact, as comparable values (used to tell what changed)."""
    return {
        "date": contact.date,
        "staff": contact.staff_id,
        "service day": contact.service_day_id,
        "client": contact.client_id,
        "mode": contact.mode,
        "victimizations": sorted(contact.victimizations.values_list("code", flat=True)),
        "services": sorted(
            (cs.service.code, cs.times) for cs in contact.contact_services.select_related("service")
        ),
        "referrals": contact.referrals,
        "compensation help": contact.compensation_help,
        "minutes": contact.minutes,
        "funding source": contact.funding_source,
        "notes": contact.notes,
        "voided": contact.voided,
    }


def _last_saved_by(record):
    """Who saved ``record`` last (from its history), and how to name them in a message."""
    last = record.history.order_by("-history_id").first()
    user = last.history_user if last else None
    return user, (user.get_full_name() or user.username) if user else "someone"


def _save_with_history(instance, *, by, reason: str):
    instance._history_user = by
    instance._change_reason = reason or ""
    instance.save()


# --- Clients ---------------------------------------------------------------------------------


def _default_demographic(model, value):
    if value is None:
        return model.objects.current().get(code="not_reported")
    if isinstance(value, str):
        return model.objects.current().get(code=value)
    return value


@transaction.atomic
def create_client(
    *,
    by,
    race_ethnicity=None,
    gender_identity=None,
    age_group=None,
    special_classifications=(),
    first_name: str = "",
    phone: str = "",
    consent_given_on: datetime.date | None = None,
    consent_scope: str = "",
    consent_expires_on: datetime.date | None = None,
) -> Client:
    """Register a client under a new random code; a name or phone only with consent."""
    if not permissions.may_log_contacts(by):
        raise PermissionDenied("Only field staff and supervisors register clients.")
    first_name, phone, consent_scope = _validate_identifiers(
        first_name, phone, consent_given_on, consent_scope, consent_expires_on
    )
    client = Client(
        race_ethnicity=_default_demographic(RaceEthnicity, race_ethnicity),
        gender_identity=_default_demographic(GenderIdentity, gender_identity),
        age_group=_default_demographic(AgeGroup, age_group),
        first_name=first_name,
        phone=phone,
        consent_given_on=consent_given_on,
        consent_scope=consent_scope,
        consent_expires_on=consent_expires_on,
        created_by=by,
    )
    classifications = _as_classifications(special_classifications)
    client.special_classification_codes = format_codes(c.code for c in classifications)
    for _attempt in range(5):
        client.code = new_client_code()
        try:
            with transaction.atomic():
                _save_with_history(client, by=by, reason="Registered")
            break
        except IntegrityError:
            # 25^8 codes: a clash is vanishingly rare, but never fatal.
            client.pk = None
            continue
    else:  # pragma: no cover
        raise RuntimeError("Could not find a free client code.")
    if classifications:
        client.special_classifications.add(*classifications)
    return client


def _validate_identifiers(first_name, phone, given_on, scope, expires_on) -> tuple[str, str, str]:
    """Refuse identifiers kept without consent; returns (first_name, phone, scope) as stored."""
    errors = {}
    first_name = _text(errors, "first_name", first_name, model_max_length(Client, "first_name"))
    phone = _text(errors, "phone", phone, model_max_length(Client, "phone"))
    scope = _text(errors, "consent_scope", scope, model_max_length(Client, "consent_scope"))
    if (first_name or phone) and not (given_on and scope):
        errors["consent_given_on"] = (
            "A name or phone number may be kept only with the client's consent: "
            "record the date given and what it covers."
        )
    if given_on and given_on > local_today():
        errors["consent_given_on"] = "The consent date cannot be in the future."
    if given_on and expires_on and expires_on <= given_on:
        errors["consent_expires_on"] = "Consent must expire after the date it was given."
    if errors:
        raise ValidationError(errors)
    return first_name, phone, scope


@transaction.atomic
def record_consent(
    client_id,
    *,
    by,
    given_on: datetime.date,
    scope: str,
    expires_on: datetime.date | None,
    first_name: str = "",
    phone: str = "",
    reason: str = "Consent recorded",
) -> Client:
    client = Client.objects.select_for_update().get(pk=client_id)
    if not permissions.may_change_client(by, client):
        raise PermissionDenied("You may not change this client.")
    reason = _reason(reason) or "Consent recorded"
    first_name, phone, scope = _validate_identifiers(first_name, phone, given_on, scope, expires_on)
    client.first_name, client.phone, client.consent_scope = first_name, phone, scope
    client.consent_given_on = given_on
    client.consent_expires_on = expires_on
    client.version += 1
    _save_with_history(client, by=by, reason=reason)
    return client


@transaction.atomic
def update_client(client_id, *, by, version: int, reason: str = "", **changes) -> Client:
    """Change identifiers (with consent) and demographics; refuse a stale ``version``."""
    client = Client.objects.select_for_update().get(pk=client_id)
    if not permissions.may_change_client(by, client):
        raise PermissionDenied("You may not change this client.")
    if client.version != version:
        saved_by, who = _last_saved_by(client)
        raise EditConflict(
            f"{who} saved this client after you opened it; your changes were not saved. "
            "Reload the client and make your changes again.",
            changed_fields=[],
            saved_by=saved_by,
            saved_at=None,
        )
    identifiers = {
        "first_name": changes.get("first_name", client.first_name),
        "phone": changes.get("phone", client.phone),
        "given_on": changes.get("consent_given_on", client.consent_given_on),
        "scope": changes.get("consent_scope", client.consent_scope),
        "expires_on": changes.get("consent_expires_on", client.consent_expires_on),
    }
    first_name, phone, scope = _validate_identifiers(*identifiers.values())
    reason = _reason(reason)
    client.first_name, client.phone, client.consent_scope = first_name, phone, scope
    client.consent_given_on = identifiers["given_on"]
    client.consent_expires_on = identifiers["expires_on"]
    for name in ("race_ethnicity", "gender_identity", "age_group"):
        if name in changes:
            setattr(client, name, changes[name])
    classifications = None
    if "special_classifications" in changes:
        classifications = _as_classifications(changes["special_classifications"])
        client.special_classification_codes = format_codes(c.code for c in classifications)
    client.version += 1
    _save_with_history(client, by=by, reason=reason or "Client updated")
    if classifications is not None:
        client.special_classifications.set(classifications)
    return client


def find_client(by, code: str) -> Client | None:
    """A client by their exact code, if this user may serve them (else None, as for unknown)."""
    code = normalize_client_code(code)
    if not code:
        return None
    return permissions.clients_found_by_code(by).filter(code=code).first()


# --- Contacts --------------------------------------------------------------------------------


@transaction.atomic
def log_contact(
    *,
    by,
    date: datetime.date,
    services: dict,
    staff=None,
    service_day: ServiceDayPage | None = None,
    client: Client | None = None,
    mode: str = Contact.Mode.IN_PERSON,
    victimizations=(),
    referrals: str = "",
    compensation_help: bool = False,
    minutes: int = 15,
    funding_source: str = Contact.Funding.VOCA,
    notes: str = "",
) -> Contact:
    """Record one encounter. ``services`` maps sub-service (or its code) to times given."""
    if not permissions.may_log_contacts(by):
        raise PermissionDenied("Only field staff and supervisors log contacts.")
    staff = staff or by
    services = _as_services(services or {}, date or local_today())
    notes, referrals = _validate_contact(
        by=by,
        date=date,
        staff=staff,
        service_day=service_day,
        client=client,
        minutes=minutes,
        services=services,
        notes=notes,
        referrals=referrals,
    )
    contact = Contact(
        date=date,
        staff=staff,
        service_day=service_day,
        client=client,
        mode=mode,
        referrals=referrals,
        compensation_help=compensation_help,
        minutes=minutes,
        funding_source=funding_source,
        notes=notes,
    )
    contact.service_codes, contact.victimization_codes = _codes(list(victimizations), services)
    if mode not in Contact.Mode.values:
        raise ValidationError({"mode": "Choose how the contact happened."})
    if funding_source not in Contact.Funding.values:
        raise ValidationError({"funding_source": "Choose VOCA, match or other."})
    _save_with_history(contact, by=by, reason="Logged")
    _set_relations(contact, list(victimizations), services, new=True)
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


@transaction.atomic
def update_contact(contact_id, *, by, version: int, reason: str = "", **changes) -> Contact:
    """Change a contact; refuse if it was saved by someone else since ``version`` was read."""
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    if not permissions.may_change_contact(by, contact):
        raise PermissionDenied("You may not change this contact.")
    if contact.version != version:
        saved_by, who = _last_saved_by(contact)
        changed = _changed_since(contact, version)
        raise EditConflict(
            f"{who} saved this contact at {timezone.localtime(contact.updated_at):%H:%M} after "
            f"you opened it; your changes were not saved. Changed: {', '.join(changed)}. "
            "Reload the contact and make your changes again.",
            changed_fields=changed,
            saved_by=saved_by,
            saved_at=contact.updated_at,
        )
    reason = _reason(reason)
    if contact.date < local_today() and not reason:
        raise ValidationError(
            {"reason": "Say why you are changing a contact after the day it happened."}
        )
    allowed = {
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
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Cannot change {sorted(unknown)}")
    values = {
        "date": contact.date,
        "staff": contact.staff,
        "service_day": contact.service_day,
        "client": contact.client,
        "minutes": contact.minutes,
        "notes": contact.notes,
        "referrals": contact.referrals,
        **changes,
    }
    services = (
        _as_services(changes["services"], values["date"] or local_today())
        if "services" in changes
        else {cs.service: cs.times for cs in contact.contact_services.select_related("service")}
    )
    changes["notes"], changes["referrals"] = _validate_contact(
        by=by,
        date=values["date"],
        staff=values["staff"],
        service_day=values["service_day"],
        client=values["client"],
        minutes=values["minutes"],
        services=services,
        notes=values["notes"],
        referrals=values["referrals"],
    )
    for name in allowed - {"victimizations", "services"}:
        if name in changes:
            value = changes[name]
            setattr(contact, name, value.strip() if isinstance(value, str) else value)
    victimizations = list(changes.get("victimizations", contact.victimizations.all()))
    contact.service_codes, contact.victimization_codes = _codes(victimizations, services)
    contact.version += 1
    _save_with_history(contact, by=by, reason=reason or "Edited on the day")
    _set_relations(contact, victimizations, services)
    return contact


@transaction.atomic
def void_contact(contact_id, *, by, reason: str) -> Contact:
    """Take a contact out of every count; it stays on record and in history."""
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    if not permissions.may_void(by):
        raise PermissionDenied("Only a supervisor can void a contact.")
    reason = _reason(reason)
    if not reason:
        raise ValidationError({"reason": "Say why this contact is voided."})
    if contact.voided:
        raise ValidationError({"reason": "This contact is already void."})
    contact.voided = True
    contact.void_reason = reason
    contact.voided_by = by
    contact.voided_at = timezone.now()
    contact.version += 1
    _save_with_history(contact, by=by, reason=f"Voided: {reason}")
    return contact


# --- Staffing --------------------------------------------------------------------------------


@transaction.atomic
def assign_staff(*, by, user, service_day: ServiceDayPage) -> StaffAssignment:
    if not (permissions.is_supervisor(by) or by.is_superuser):
        raise PermissionDenied("Only a supervisor assigns staff to service days.")
    if not (permissions.is_field_staff(user) or permissions.is_supervisor(user)):
        raise ValidationError({"user": "Only field staff and supervisors work service days."})
    assignment, _ = StaffAssignment.objects.get_or_create(user=user, service_day=service_day)
    return assignment


@transaction.atomic
def set_staffing(*, by, service_day: ServiceDayPage, users) -> tuple[int, int]:
    """Make ``users`` exactly the staff of ``service_day``; returns (added, removed)."""
    if not permissions.is_supervisor(by):
        raise PermissionDenied("Only a supervisor assigns staff to service days.")
    wanted = {u.pk: u for u in users}
    current = set(
        StaffAssignment.objects.filter(service_day=service_day).values_list("user_id", flat=True)
    )
    for user_id in set(wanted) - current:
        assign_staff(by=by, user=wanted[user_id], service_day=service_day)
    removed = current - set(wanted)
    StaffAssignment.objects.filter(service_day=service_day, user_id__in=removed).delete()
    return len(set(wanted) - current), len(removed)


@transaction.atomic
def unassign_staff(*, by, user, service_day: ServiceDayPage) -> int:
    if not permissions.is_supervisor(by):
        raise PermissionDenied("Only a supervisor assigns staff to service days.")
    deleted, _ = StaffAssignment.objects.filter(user=user, service_day=service_day).delete()
    return deleted


# --- Access log ------------------------------------------------------------------------------


def record_access(*, user, record, action: str, ip_address: str | None = None, detail=""):
    """Append one read to the access log (``record`` is an instance or a model class)."""
    is_instance = not isinstance(record, type)
    model = type(record) if is_instance else record
    return AccessLog.objects.create(
        user=user if user and user.is_authenticated else None,
        record_type=model._meta.label,
        record_id=str(record.pk) if is_instance else "",
        action=action,
        ip_address=ip_address or None,
        detail=detail[:200],
    )


# --- Retention -------------------------------------------------------------------------------


@dataclass
class RetentionResult:
    cutoff: datetime.date
    dry_run: bool
    clients: int = 0
    names: int = 0
    phones: int = 0
    contact_notes: int = 0
    client_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        verb = "Would strip" if self.dry_run else "Stripped"
        return (
            f"{verb} identifiers of {self.clients} client(s) with no contact since "
            f"{self.cutoff:%Y-%m-%d}: {self.names} name(s), {self.phones} phone(s), "
            f"notes of {self.contact_notes} contact(s). Counts and demographics kept."
        )


def retention_cutoff(years: int, today: datetime.date | None = None) -> datetime.date:
    today = today or local_today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@transaction.atomic
def strip_identifiers(
    *, years: int, dry_run: bool = False, by=None, today: datetime.date | None = None
) -> RetentionResult:
    """Erase names, phones, referrals and notes of clients with no contact for ``years`` years.

    Contacts, their services and the clients' demographics stay, so every count is unchanged.
    """
    if years < 1:
        raise ValueError("Keep identifiers for at least one year.")
    cutoff = retention_cutoff(years, today)
    result = RetentionResult(cutoff=cutoff, dry_run=dry_run)
    stale_ids = list(
        Client.objects.last_contact_before(cutoff)
        .filter(identifiers_stripped_at__isnull=True)
        .values_list("pk", flat=True)
    )
    stale = Client.objects.filter(pk__in=stale_ids).order_by("pk")
    # PostgreSQL refuses FOR UPDATE with an aggregate, so lock the rows found, by id.
    for client in stale if dry_run else stale.select_for_update():
        contacts = list(client.contacts.exclude(notes="", referrals=""))
        result.clients += 1
        result.names += bool(client.first_name)
        result.phones += bool(client.phone)
        result.contact_notes += len(contacts)
        result.client_ids.append(client.pk)
        if dry_run:
            continue
        for contact in contacts:
            contact.notes = ""
            contact.referrals = ""
            contact.version += 1
            _save_with_history(contact, by=by, reason=f"Retention: no contact for {years} years")
        client.first_name = ""
        client.phone = ""
        client.consent_scope = ""
        client.identifiers_stripped_at = timezone.now()
        client.version += 1
        _save_with_history(client, by=by, reason=f"Retention: no contact for {years} years")
    logger.info(
        "retention %s: %d clients, %d names, %d phones, %d contact notes",
        "dry-run" if dry_run else "applied",
        result.clients,
        result.names,
        result.phones,
        result.contact_notes,
    )
    return result
