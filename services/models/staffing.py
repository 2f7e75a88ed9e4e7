"""Staffing: which staff member works which service day (internal; the public sees roles only)."""

import datetime

from django.conf import settings
from django.db import models

from events.models import ServiceDayPage
from organizations.models import Organization
from voca import clock
from voca.clock import local_today


class StaffAssignment(models.Model):
    """Which staff member works which service day (internal; the public sees roles only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="service_day_assignments"
    )
    service_day = models.ForeignKey(
        ServiceDayPage, on_delete=models.CASCADE, related_name="staff_assignments"
    )
    # Service days are the unit's: staffing is the unit's (set by the operation).
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", editable=False
    )
    assigned_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = "service day staffing"
        verbose_name_plural = "service day staffing"
        constraints = [
            models.UniqueConstraint(fields=["user", "service_day"], name="one_assignment_per_day")
        ]

    def __str__(self):
        return f"Staffing #{self.pk}"


def current_service_day_for(user, day: datetime.date | None = None):
    """The service day ``user`` is staffed on for ``day`` (today by default), if any."""
    day = day or local_today()
    return (
        ServiceDayPage.objects.days()
        .filter(staff_assignments__user=user, date=day)
        .exclude(status=ServiceDayPage.Status.CANCELLED)
        .order_by("start_time")
        .first()
    )
