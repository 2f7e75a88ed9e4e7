"""Keep each service day's calendar SEQUENCE growing whenever its public version changes."""

from django.db.models import F
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished


def bump_sequence(sender, instance, **kwargs):
    instance.specific.bump_ics_sequence()


def bump_days_at_location(sender, instance, created, **kwargs):
    """A changed address changes every calendar entry held there."""
    from .models import ServiceDayPage

    if not created:
        ServiceDayPage.objects.filter(location=instance).update(ics_sequence=F("ics_sequence") + 1)


def connect():
    from .models import Location, ServiceDayPage

    page_published.connect(bump_sequence, sender=ServiceDayPage, dispatch_uid="events-seq-pub")
    page_unpublished.connect(bump_sequence, sender=ServiceDayPage, dispatch_uid="events-seq-unpub")
    post_save.connect(bump_days_at_location, sender=Location, dispatch_uid="events-seq-location")
