"""Who works which service day."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from events.models import ServiceDayPage
from organizations.access import owning_organization, works_for_unit
from services import permissions
from services.models import StaffAssignment


@transaction.atomic
def assign_staff(*, actor, user, service_day: ServiceDayPage) -> StaffAssignment:
    if not permissions.can_staff_service_days(actor):
        raise PermissionDenied("Only a supervisor assigns staff to service days.")
    if not permissions.can_log_contacts(user):
        raise ValidationError({"user": "Only field staff and supervisors work service days."})
    if not works_for_unit(user):
        raise ValidationError(
            {"user": "Service days are the unit's: only the unit's people are staffed on them."}
        )
    # Staff work the day, whichever language its page was chosen in (ServiceDayPage.day).
    assignment, _ = StaffAssignment.objects.get_or_create(
        user=user,
        service_day=service_day.day,
        defaults={"organization": owning_organization(actor)},
    )
    return assignment


@transaction.atomic
def set_staffing(*, actor, service_day: ServiceDayPage, users) -> tuple[int, int]:
    """Make ``users`` exactly the staff of ``service_day``; returns (added, removed)."""
    if not permissions.can_staff_service_days(actor):
        raise PermissionDenied("Only a supervisor assigns staff to service days.")
    service_day = service_day.day
    wanted = {u.pk: u for u in users}
    current = set(
        StaffAssignment.objects.filter(service_day=service_day).values_list("user_id", flat=True)
    )
    for user_id in set(wanted) - current:
        assign_staff(actor=actor, user=wanted[user_id], service_day=service_day)
    removed = current - set(wanted)
    StaffAssignment.objects.filter(service_day=service_day, user_id__in=removed).delete()
    return len(set(wanted) - current), len(removed)
