"""What monitoring operations share: the permission check, the subrecipient lock, text, dates."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from organizations.models import Organization, OrganizationKind
from voca.operations import field_text, future_refusal

from .. import permissions

__all__ = ["a_date", "field_text", "future_refusal", "lock_subrecipient", "require_monitor"]


def require_monitor(actor) -> None:
    decision = permissions.can_monitor(actor)
    if not decision:
        raise PermissionDenied(decision.reason)


def lock_subrecipient(organization_id) -> Organization:
    found = (
        Organization.objects.select_for_update()
        .filter(pk=organization_id, kind=OrganizationKind.SUBRECIPIENT)
        .first()
    )
    if found is None:
        raise ValidationError({"organization": "Choose a subrecipient."})
    return found


def a_date(
    value, field: str, errors: dict, message: str, *, not_future: str = ""
) -> dt.date | None:
    """``value`` when it is a date (else ``message`` on ``field``); with ``not_future``, a date
    after today is refused with that message."""
    if not isinstance(value, dt.date):
        errors[field] = message
        return None
    if not_future:
        errors.update(future_refusal(value, field, not_future))
    return value
