"""The only functions that write service days beyond Wagtail's own editing: a translated day
follows its English day's facts (date, times, place, status, services, languages, staff).

The facts are the fields declared ``SynchronizedField`` (on ``ServiceDayPage`` and by
wagtail-localize's defaults), the list its own sync copies; the rest is the translator's text.
"""

from django.db import transaction
from modelcluster.fields import ParentalKey
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageLogEntry
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from .models import ServiceDayPage

UNPUBLISH_WITH_ENGLISH = "events.unpublish_with_english"
# Not fields editors fill in: the start first published travels with the facts, so a translated
# day's JSON-LD names the same previousStartDate as the English one.
ORIGINAL_START = ("original_date", "original_start_time")


def fact_names(model=ServiceDayPage) -> list[str]:
    return [
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, SynchronizedField)
    ]


@transaction.atomic
def follow_english_day(day: ServiceDayPage, *, actor=None) -> list[ServiceDayPage]:
    """Bring every translation of ``day`` (an English day just published) in line with its facts.

    A live translation whose facts differ is published again (a new revision by ``actor``, in its
    history), as is one unpublished only because the English day was; the text visitors read stays
    the translator's. A translator's unpublished draft gets the facts too and stays a draft.
    Aliases are left to Wagtail, which copies the whole English page into them. Returns the
    translations changed."""
    changed = []
    for page in _translations(day):
        public = page.live or _unpublished_with_english(page)
        draft = _translator_draft(page)
        touched = False
        if public:
            if _align(day, page) or not page.live:
                _publish(page, actor)
                touched = True
        elif draft is None:
            draft = page.get_latest_revision_as_object()  # never public: its draft is all there is
        if draft is not None and _align(day, draft):
            _save_original_start(draft)
            draft.save_revision(user=actor, clean=False)
            touched = True
        if touched:
            changed.append(page)
    return changed


@transaction.atomic
def unpublish_translations(day: ServiceDayPage, *, actor=None) -> list[ServiceDayPage]:
    """The English day withdrawn: its translations are withdrawn with it (a visitor reading Spanish
    must not find a day the English site no longer shows), marked in their history so that
    publishing the English day again brings them back. Aliases are unpublished by Wagtail."""
    pages = list(_translations(day).filter(live=True))
    for page in pages:
        # The consequence of an unpublish the actor was allowed to make, not a choice of theirs.
        UnpublishPageAction(page, user=actor, log_action=UNPUBLISH_WITH_ENGLISH).execute(
            skip_permission_checks=True
        )
    return pages


def _translations(day):
    return (
        ServiceDayPage.objects.filter(translation_key=day.translation_key, alias_of__isnull=True)
        .exclude(pk=day.pk)
        .select_for_update()
        .order_by("pk")
    )


def _unpublished_with_english(page) -> bool:
    last = (
        PageLogEntry.objects.filter(
            page=page, action__in=("wagtail.publish", "wagtail.unpublish", UNPUBLISH_WITH_ENGLISH)
        )
        .order_by("-timestamp", "-pk")
        .values_list("action", flat=True)
        .first()
    )
    return last == UNPUBLISH_WITH_ENGLISH


def _translator_draft(page):
    """The page as a translator left it in a draft newer than what visitors last saw, if any."""
    if not page.has_unpublished_changes or page.latest_revision_id is None:
        return None
    if page.live:
        newer = page.latest_revision_id != page.live_revision_id
    else:
        newer = (
            page.last_published_at is None
            or page.latest_revision_created_at > page.last_published_at
        )
    return page.get_latest_revision_as_object() if newer else None


def _publish(page, actor):
    _save_original_start(page)
    # clean=False: the facts were validated on the English day, the text when it was translated.
    revision = page.save_revision(user=actor, clean=False)
    # The consequence of a publish the actor was allowed to make on the English day.
    revision.publish(user=actor, skip_permission_checks=True)


def _save_original_start(page):
    # Publishing a revision takes these from the page's row, never from the revision.
    page.save(update_fields=list(ORIGINAL_START), clean=False)


def _align(source, target) -> bool:
    """Give ``target`` the facts of ``source``; True when any of them changed."""
    before = _facts(target)
    target.status_notice = _status_notice(source, target)
    for name in fact_names(type(source)):
        _copy(source, target, name)
    for name in ORIGINAL_START:
        setattr(target, name, getattr(source, name))
    return _facts(target) != before


def _status_notice(source, target) -> str:
    """The translated notice while it was written for the day's status; else the English one
    (until a translator translates it), so a visitor never reads a stale or missing notice."""
    if target.status == source.status and target.status_notice.strip():
        return target.status_notice
    return source.status_notice


def _copy(source, target, name):
    field = source._meta.get_field(name)
    if field.many_to_many:
        # Set even when emptied: wagtail-localize's own copy skips an empty list (``if values:``).
        setattr(target, name, list(getattr(source, name).all()))
    elif field.one_to_many:
        source.copy_child_relation(name, target)
    else:
        setattr(target, field.attname, getattr(source, field.attname))


def _facts(page) -> tuple:
    values = [page.status_notice, *(getattr(page, name) for name in ORIGINAL_START)]
    for name in fact_names(type(page)):
        field = page._meta.get_field(name)
        if field.many_to_many:
            values.append(sorted(row.pk for row in getattr(page, name).all()))
        elif field.one_to_many:
            values.append([_row_facts(row) for row in getattr(page, name).all()])
        else:
            values.append(getattr(page, field.attname))
    return tuple(values)


def _row_facts(row) -> tuple:
    """What a child row (a staffing line) says, without its id, page or position."""
    return tuple(
        getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not (field.primary_key or isinstance(field, ParentalKey) or field.name == "sort_order")
    )
