"""Keep each service day's calendar SEQUENCE growing whenever its public version changes."""

from wagtail.signals import page_published, page_unpublished


def bump_sequence(sender, instance, **kwargs):
    instance.specific.bump_ics_sequence()


def connect():
    from .models import ServiceDayPage

    page_published.connect(bump_sequence, sender=ServiceDayPage, dispatch_uid="events-seq-pub")
    page_unpublished.connect(bump_sequence, sender=ServiceDayPage, dispatch_uid="events-seq-unpub")
