"""What a contact obeys: every rule in ``validate_contact``, which logging and editing call and
whose refusals ``contact_refusals`` lists for a form without saving anything."""

import datetime

from django.core.exceptions import ValidationError

from organizations.access import organization_id_of, owning_organization
from services import permissions
from services.models import MAX_MINUTES, Contact, SubService, normalize_client_code
from services.operations.clients import find_client, validate_identifiers
from voca import formats
from voca.clock import local_today
from voca.operations import field_text, future_refusal

# How many times one service is given in one contact: refused here only (``times_<code>``).
MIN_TIMES, MAX_TIMES = 1, 99


def _as_services(errors, services, on: datetime.date) -> dict:
    """{code or SubService: times} -> {SubService: times}, only entries in force on ``on``; an
    unknown code is added to ``errors`` with the others."""
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
            errors["services"] = f"Unknown service code {key!r}."
            continue
        result[service] = times
    return result


def times_refusal(service: SubService, times) -> dict[str, str]:
    """``{"times_<code>": message}`` when ``service`` is given fewer than MIN_TIMES or more than
    MAX_TIMES times in one contact, else none: keyed by the service, so a form shows it on that
    service's number."""
    if times is not None and MIN_TIMES <= times <= MAX_TIMES:
        return {}
    entered = "" if times is None else f" (you entered {times})"
    return {
        f"times_{service.code}": (
            f"Each service is given between {MIN_TIMES} and {MAX_TIMES} times{entered}."
        )
    }


def _client_by_code(errors, actor, code: str):
    """The returning client a typed code names, or a refusal added to ``errors``."""
    if not normalize_client_code(code):
        errors["client"] = "Enter the client's code."
        return None
    client = find_client(actor, code)
    if client is None:
        errors["client"] = (
            "No client has that code. Check it with the client, or choose “New client”."
        )
    return client


def validate_contact(
    *,
    actor,
    organization=None,
    date,
    staff,
    service_day,
    client,
    minutes,
    services,
    notes,
    referrals,
    mode=Contact.Mode.IN_PERSON,
    funding_source=Contact.Funding.VOCA,
    client_code=None,
) -> dict:
    """Refuse a contact that breaks a rule, with every refusal at once; returns the values as
    they are stored: ``notes``, ``referrals``, ``services`` ({SubService: times}, each
    ``times_refusal``'s bound) and ``client``
    (found by ``client_code`` when one was typed). ``organization`` is the contact's (the acting
    user's for a new one): its client and staff member must be of it too."""
    errors = {}
    organization = organization or owning_organization(actor)
    today = local_today()
    if date is None:
        errors["date"] = "Enter the date of the contact."
    errors.update(future_refusal(date, "date", "The contact date cannot be in the future."))
    if service_day is not None and not organization.is_unit:
        errors["service_day"] = (
            "Service days are the unit's: log your agency's contact without a service day."
        )
    elif service_day is not None and date is not None and service_day.date != date:
        errors["service_day"] = (
            f"That service day is on {formats.day(service_day.date)}, not on the contact's date "
            f"({formats.day(date)}). Choose the right day or no service day."
        )
    if client_code is not None:
        client = _client_by_code(errors, actor, client_code)
    if minutes is None:
        errors["minutes"] = "Enter the minutes spent (0 or more)."
    elif minutes < 0:
        errors["minutes"] = "Minutes cannot be negative."
    elif minutes > MAX_MINUTES:
        errors["minutes"] = f"Minutes can be at most {MAX_MINUTES} for one contact."
    services = _as_services(errors, services or {}, date or today)
    if not services:
        errors.setdefault("services", "Tick at least one service given.")
    for service, times in services.items():
        errors.update(times_refusal(service, times))
    if mode not in Contact.Mode.values:
        errors["mode"] = "Choose how the contact happened."
    if funding_source not in Contact.Funding.values:
        errors["funding_source"] = "Choose VOCA, match or other."
    notes = field_text(notes, Contact, "notes", multiline=True, errors=errors)
    referrals = field_text(referrals, Contact, "referrals", errors=errors)
    if staff is not None and staff != actor and not permissions.can_log_for_others(actor):
        errors["staff"] = "You can only log contacts under your own name."
    elif staff is not None and not permissions.can_log_contacts(staff):
        errors["staff"] = "Contacts are logged under a field staff member or supervisor."
    elif staff is not None and organization_id_of(staff) != organization.pk:
        errors["staff"] = "Contacts are logged under a staff member of the same organization."
    if client is not None and client.organization_id != organization.pk:
        # Said the same way as an unknown code: another organization's client is not there.
        errors["client"] = "No client with that code."
    if (
        client is not None
        and client.created_by_id != actor.pk
        and not permissions.visible_clients_by_code(actor).filter(pk=client.pk).exists()
    ):
        errors["client"] = "No client with that code."
    if errors:
        raise ValidationError(errors)
    return {"notes": notes, "referrals": referrals, "services": services, "client": client}


# What validate_contact checks; log_contact's other arguments have no rule.
_VALIDATED = frozenset(
    {
        "date",
        "staff",
        "service_day",
        "client",
        "client_code",
        "minutes",
        "services",
        "notes",
        "referrals",
        "mode",
        "funding_source",
    }
)


def contact_refusals(*, actor, client_fields: dict | None = None, **contact_fields) -> dict:
    """Every refusal ``log_contact`` (and, with ``client_fields``, ``create_client``) would give
    these values, saving nothing: a form that could not parse some fields shows them all at once.
    Missing values count as not given."""
    errors = {}
    if client_fields is not None:
        try:
            validate_identifiers(
                client_fields.get("first_name", ""),
                client_fields.get("phone", ""),
                client_fields.get("consent_given_on"),
                client_fields.get("consent_scope", ""),
                client_fields.get("consent_expires_on"),
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    given = {k: v for k, v in contact_fields.items() if k in _VALIDATED}
    values = {
        **dict.fromkeys(("date", "service_day", "client", "minutes")),
        "services": {},
        "notes": "",
        "referrals": "",
        **given,
        "staff": given.get("staff") or actor,
    }
    try:
        validate_contact(actor=actor, **values)
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    return errors
