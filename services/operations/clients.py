"""Clients: registered under a random code; a name or phone only with recorded consent."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from organizations.access import owning_organization
from services import permissions
from services.history import format_codes
from services.models import (
    AgeGroup,
    Client,
    GenderIdentity,
    RaceEthnicity,
    SpecialClassification,
    new_client_code,
    normalize_client_code,
)
from services.operations.base import reason_text, refuse_if_unreadable
from voca.operations import check_version, field_text, future_refusal, save_with_history


def _default_demographic(model, value):
    if value is None:
        return model.objects.current().get(code="not_reported")
    if isinstance(value, str):
        return model.objects.current().get(code=value)
    return value


def _as_classifications(values) -> list[SpecialClassification]:
    return [
        v if isinstance(v, SpecialClassification) else SpecialClassification.objects.get(pk=v)
        for v in values
    ]


def validate_identifiers(first_name, phone, given_on, scope, expires_on) -> tuple[str, str, str]:
    """Refuse identifiers kept without consent; returns (first_name, phone, scope) as stored."""
    errors = {}
    first_name = field_text(first_name, Client, "first_name", errors=errors)
    phone = field_text(phone, Client, "phone", errors=errors)
    scope = field_text(scope, Client, "consent_scope", errors=errors)
    if (first_name or phone) and not (given_on and scope):
        errors["consent_given_on"] = (
            "A name or phone number may be kept only with the client's consent: "
            "record the date given and what it covers."
        )
    errors.update(
        future_refusal(given_on, "consent_given_on", "The consent date cannot be in the future.")
    )
    if given_on and expires_on and expires_on <= given_on:
        errors["consent_expires_on"] = "Consent must expire after the date it was given."
    if errors:
        raise ValidationError(errors)
    return first_name, phone, scope


@transaction.atomic
def create_client(
    *,
    actor,
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
    if not permissions.can_log_contacts(actor):
        raise PermissionDenied("Only field staff and supervisors register clients.")
    first_name, phone, consent_scope = validate_identifiers(
        first_name, phone, consent_given_on, consent_scope, consent_expires_on
    )
    client = Client(
        organization=owning_organization(actor),
        race_ethnicity=_default_demographic(RaceEthnicity, race_ethnicity),
        gender_identity=_default_demographic(GenderIdentity, gender_identity),
        age_group=_default_demographic(AgeGroup, age_group),
        first_name=first_name,
        phone=phone,
        consent_given_on=consent_given_on,
        consent_scope=consent_scope,
        consent_expires_on=consent_expires_on,
        created_by=actor,
    )
    classifications = _as_classifications(special_classifications)
    client.special_classification_codes = format_codes(c.code for c in classifications)
    for _attempt in range(5):
        client.code = new_client_code()
        try:
            with transaction.atomic():
                save_with_history(client, actor=actor, reason="Registered")
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


@transaction.atomic
def update_client(client_id, *, actor, version: int, reason: str = "", **changes) -> Client:
    """Change identifiers (with consent) and demographics; refuse a stale ``version``."""
    client = Client.objects.select_for_update().get(pk=client_id)
    if not permissions.can_change_client(actor, client):
        raise PermissionDenied("You may not change this client.")
    refuse_if_unreadable(client)
    check_version(client, version, noun="client")
    identifiers = {
        "first_name": changes.get("first_name", client.first_name),
        "phone": changes.get("phone", client.phone),
        "given_on": changes.get("consent_given_on", client.consent_given_on),
        "scope": changes.get("consent_scope", client.consent_scope),
        "expires_on": changes.get("consent_expires_on", client.consent_expires_on),
    }
    first_name, phone, scope = validate_identifiers(*identifiers.values())
    reason = reason_text(reason)
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
    save_with_history(client, actor=actor, reason=reason or "Client updated")
    if classifications is not None:
        client.special_classifications.set(classifications)
    return client


def find_client(actor, code: str) -> Client | None:
    """A client by their exact code, if this user may serve them (else None, as for unknown)."""
    code = normalize_client_code(code)
    if not code:
        return None
    return permissions.visible_clients_by_code(actor).filter(code=code).first()
