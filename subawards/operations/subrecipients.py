"""Subrecipient organizations, added and edited by the state's grants manager."""

from django.core.exceptions import ValidationError
from django.db import transaction

from organizations.models import (
    Organization,
    OrganizationKind,
    OvcOrganizationType,
    normalize_uei,
    validate_uei,
)
from voca.operations import field_text
from voca.text import clean_text

from .. import permissions
from .base import reason_text, save

# Every field of a subrecipient the grants manager keeps (the SAR and the subaward print them).
FIELDS = (
    "legal_name",
    "short_name",
    "uei",
    "ovc_type",
    "street",
    "city",
    "state",
    "zip_code",
    "congressional_district",
    "service_area",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "is_active",
)
# The service area is a list of counties and cities (a text column without a limit of its own).
SERVICE_AREA_MAX = 2000
REQUIRED = {
    "legal_name": "Enter the legal name as registered in SAM.gov.",
    "uei": "Enter the UEI (SAM.gov's Unique Entity ID).",
    "ovc_type": "Choose the OVC organization type.",
    "street": "Enter the street address.",
    "city": "Enter the city.",
    "zip_code": "Enter the ZIP code.",
    "service_area": "List the counties and cities served, one per line.",
    "contact_name": "Name the point of contact.",
}


def _clean(values: dict, instance_pk=None) -> dict:
    errors, cleaned = {}, {}
    for name in FIELDS:
        if name not in values:
            continue
        raw = values[name]
        if name == "is_active":
            cleaned[name] = bool(raw)
            continue
        if name == "uei":
            uei = normalize_uei(raw)
            try:
                validate_uei(uei)
            except ValidationError as error:
                errors["uei"] = error.messages
            else:
                others = Organization.objects.filter(uei=uei).exclude(pk=instance_pk)
                if others.exists():
                    errors["uei"] = f"{others.first()} already has this UEI."
            cleaned[name] = uei
            continue
        if name == "service_area":
            try:
                cleaned[name] = clean_text(raw, field=name, max_length=SERVICE_AREA_MAX)
            except ValidationError as error:
                errors.update(error.message_dict)
            continue
        cleaned[name] = field_text(raw, Organization, name, errors=errors)
    for name, message in REQUIRED.items():
        if name in cleaned and not cleaned[name] and name not in errors:
            errors[name] = message
    if cleaned.get("ovc_type") and cleaned["ovc_type"] not in OvcOrganizationType.values:
        errors["ovc_type"] = "Choose the OVC organization type."
    if cleaned.get("state") and len(cleaned["state"]) != 2:
        errors["state"] = "The two-letter state code, e.g. MO."
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def create_subrecipient(actor, *, reason: str = "Subrecipient added", **values) -> Organization:
    """A new subrecipient with every field the subaward needs; a bad UEI saves nothing."""
    permissions.require(permissions.can_manage_subrecipients(actor))
    reason = reason_text(reason)
    missing = {k: v for k, v in REQUIRED.items() if k not in values}
    cleaned = _clean({**dict.fromkeys(missing, ""), **values})
    organization = Organization(kind=OrganizationKind.SUBRECIPIENT, **cleaned)
    save(organization, actor, reason)
    return organization


@transaction.atomic
def update_subrecipient(
    actor, organization_id, *, reason: str = "Subrecipient updated", **values
) -> Organization:
    permissions.require(permissions.can_manage_subrecipients(actor))
    reason = reason_text(reason)
    organization = (
        Organization.objects.select_for_update()
        .filter(pk=organization_id, kind=OrganizationKind.SUBRECIPIENT)
        .first()
    )
    if organization is None:
        raise ValidationError("That subrecipient does not exist.")
    for name, value in _clean(values, organization.pk).items():
        setattr(organization, name, value)
    save(organization, actor, reason)
    return organization
