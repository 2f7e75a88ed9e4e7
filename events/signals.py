"""Keep each service day's calendar SEQUENCE growing whenever its public version changes, and
its translations in step with the English day."""

from django.db.models import F
from django.db.models.signals import post_save
from wagtail.log_actions import get_active_log_context
from wagtail.signals import page_published, page_unpublished

from voca.locales import default_locale


def bump_sequence(sender, instance, **kwargs):
    instance.specific.bump_ics_sequence()


def bump_days_at_location(sender, instance, created, **kwargs):
    """A changed address changes every calendar entry held there."""
    from .models import ServiceDayPage

    if not created:
        ServiceDayPage.objects.filter(location=instance).update(ics_sequence=F("ics_sequence") + 1)


def _leads_translations(page) -> bool:
    """An English day (not an alias): publishing a translation never reaches the others."""
    return page.alias_of_id is None and page.locale_id == default_locale().pk


def _publisher(revision):
    """Who published: the admin's signed-in user (Wagtail's log context), else the revision's
    author (Wagtail logs the publish only after this signal)."""
    return get_active_log_context().user or (revision.user if revision else None)


def _unpublisher(page):
    """Who unpublished: the admin's signed-in user, else the one Wagtail just logged."""
    from wagtail.models import PageLogEntry

    if user := get_active_log_context().user:
        return user
    entry = (
        PageLogEntry.objects.filter(page=page, action__startswith="wagtail.unpublish")
        .order_by("-pk")
        .first()
    )
    return entry.user if entry else None


def translations_follow(sender, instance, revision=None, **kwargs):
    from .operations import follow_english_day

    if _leads_translations(instance):
        follow_english_day(instance, actor=_publisher(revision))


def translations_unpublish(sender, instance, **kwargs):
    from .operations import unpublish_translations

    if _leads_translations(instance):
        unpublish_translations(instance, actor=_unpublisher(instance))


def connect():
    from .models import Location, ServiceDayPage

    page_published.connect(bump_sequence, sender=ServiceDayPage, dispatch_uid="events-seq-pub")
    page_unpublished.connect(bump_sequence, sender=ServiceDayPage, dispatch_uid="events-seq-unpub")
    page_published.connect(
        translations_follow, sender=ServiceDayPage, dispatch_uid="events-translations-pub"
    )
    page_unpublished.connect(
        translations_unpublish, sender=ServiceDayPage, dispatch_uid="events-translations-unpub"
    )
    post_save.connect(bump_days_at_location, sender=Location, dispatch_uid="events-seq-location")
