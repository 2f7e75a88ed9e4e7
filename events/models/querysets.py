"""Read rules for service days: which days a visitor sees, and what a list entry needs."""

import datetime

from django.db.models import F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Locale, PageManager
from wagtail.query import PageQuerySet

from voca.clock import local_today
from voca.locales import (
    active_locale,
    all_locales,
    default_language_code,
    default_locale,
    locale_for,
)

from ..geo import miles_from


class ServiceDayQuerySet(PageQuerySet):
    def upcoming(self, today: datetime.date | None = None):
        """Published days from today on, soonest first (cancelled ones included: visitors must
        see the cancellation)."""
        today = today or local_today()
        return self.live().filter(date__gte=today).order_by("date", "start_time", "pk")

    def past(self, today: datetime.date | None = None):
        today = today or local_today()
        return self.live().filter(date__lt=today).order_by("-date", "-start_time", "-pk")

    def days(self):
        """Each service day once: its page in the default language (English), the day that
        staffing and contacts belong to, however many languages it is published in."""
        return self.filter(locale__language_code=default_language_code())

    def shown_in(self, language_code: str):
        """These pages, each with ``shown``: its translation in ``language_code`` when there is
        one (an alias is not a translation), else itself (one more query per listing)."""
        clone = self._chain()
        clone._shown_in = language_code
        return clone

    def with_languages(self):
        """These pages, each knowing which languages it is translated into (``languages_text``),
        in one more query per listing."""
        clone = self._chain()
        clone._with_languages = True
        return clone

    def scheduled(self):
        return self.exclude(status=self.model.Status.CANCELLED)

    def offering(self, service):
        """Days offering ``service`` in any of its languages (a day may name the English row
        or a translation)."""
        return self.filter(services__translation_key=service.translation_key)

    def in_language(self, language):
        return self.filter(languages__translation_key=language.translation_key)

    def in_area(self, area: str):
        return self.filter(location__area=area)

    def near(self, point, miles: float):
        """Days whose place is within ``miles`` of ``point``, nearest first (then soonest), each
        with ``miles_away``."""
        distance = miles_from(point, "location__latitude", "location__longitude")
        return (
            self.annotate(miles_away=distance)
            .filter(miles_away__lte=miles)
            .order_by("miles_away", "date", "start_time", "pk")
        )

    def between(self, start: datetime.date | None, end: datetime.date | None):
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs

    def for_listing(self):
        """Everything a list entry shows, in a fixed number of queries however many days: the
        place by a join, the names of services and languages by one query each (much cheaper
        than prefetching the related objects through modelcluster)."""
        queryset = self.select_related("location")
        queryset._with_labels = True
        return queryset

    def _clone(self):
        clone = super()._clone()
        clone._with_labels = getattr(self, "_with_labels", False)
        clone._shown_in = getattr(self, "_shown_in", None)
        clone._with_languages = getattr(self, "_with_languages", False)
        return clone

    def _fetch_all(self):
        fetched_now = self._result_cache is None
        super()._fetch_all()
        if fetched_now and getattr(self, "_with_labels", False):
            LabelBatch([day for day in self._result_cache if isinstance(day, self.model)])
        days = [day for day in self._result_cache or () if isinstance(day, self.model)]
        if fetched_now and getattr(self, "_shown_in", None):
            attach_shown(days, self._shown_in)
        if fetched_now and getattr(self, "_with_languages", False):
            attach_translated_in(days)


def attach_shown(days, language_code: str) -> None:
    """Give each day its page in ``language_code`` (``day.shown``), in one query."""
    try:
        locale = locale_for(language_code)
    except (Locale.DoesNotExist, LookupError):  # no such language here: shown as they are
        return
    wanted = {day.translation_key for day in days if day.locale_id != locale.pk}
    if not wanted:
        return
    model = type(days[0])
    found = {
        page.translation_key: page
        for page in model.objects.filter(
            translation_key__in=wanted, locale=locale, alias_of__isnull=True
        )
    }
    for day in days:
        day._shown = found.get(day.translation_key)


class LabelBatch:
    """The days of one listing, whose names are read together the first time any of them is asked
    for one (none at all when every entry comes from the cache: events_tags.service_day_card)."""

    def __init__(self, days):
        self.days, self.loaded = days, False
        for day in days:
            day._label_batch = self

    def load(self) -> None:
        if not self.loaded:
            self.loaded = True
            attach_labels(self.days)


def attach_translated_in(days) -> None:
    """Give each day the language codes it has a page in (aliases are not translations)."""
    if not days:
        return
    model = type(days[0])
    codes = {locale.pk: code for code, locale in all_locales().items()}
    found: dict = {}
    for key, locale_id in model.objects.filter(
        translation_key__in={day.translation_key for day in days}, alias_of__isnull=True
    ).values_list("translation_key", "locale_id"):
        found.setdefault(key, set()).add(codes.get(locale_id))
    for day in days:
        day._translated_in = found.get(day.translation_key, set())


def localized_name(rows, relation: str):
    """``rows`` (of a through table) with ``label``, the related snippet's name in the visitor's
    language, else the name it was chosen by, and ``label_locale``, the locale that name is in
    (one query still: correlated subqueries)."""
    related = rows.model._meta.get_field(relation).related_model
    default, active = default_locale(), active_locale()
    if active.pk == default.pk:
        return rows.annotate(label=F(f"{relation}__name"), label_locale=F(f"{relation}__locale"))
    translation = related.objects.filter(
        translation_key=OuterRef(f"{relation}__translation_key"), locale=active
    )[:1]
    return rows.annotate(
        label=Coalesce(Subquery(translation.values("name")), f"{relation}__name"),
        label_locale=Coalesce(
            Subquery(translation.values("locale")),
            f"{relation}__locale",
            output_field=IntegerField(),
        ),
    )


def attach_labels(days) -> None:
    """Give each day its service names and its language (code, name) pairs, in the visitor's
    language, each with the language it is written in (two queries), and each day shown in
    another language what it was translated from or stands for (one query, none in English)."""
    if not days:
        return
    by_pk = {day.pk: day for day in days}
    model = type(days[0])
    codes = {locale.pk: code for code, locale in all_locales().items()}
    for day in days:
        day._services, day._languages = [], []
    services = model._meta.get_field("services").remote_field.through
    for page_id, name, locale_id in (
        localized_name(services.objects.filter(servicedaypage_id__in=by_pk), "service")
        .order_by("service__sort_order", "label")
        .values_list("servicedaypage_id", "label", "label_locale")
    ):
        by_pk[page_id]._services.append((name, codes.get(locale_id, "")))
    languages = model._meta.get_field("languages").remote_field.through
    for page_id, code, name, locale_id in (
        localized_name(languages.objects.filter(servicedaypage_id__in=by_pk), "language")
        .order_by("label")
        .values_list("servicedaypage_id", "language__code", "label", "label_locale")
    ):
        by_pk[page_id]._languages.append((code, name, codes.get(locale_id, "")))
    attach_sources(model, days)


def attach_sources(model, days) -> None:
    """Each day not in the default language with ``_text_source`` (voca.i18n.text_source): an
    alias's source, a translation's English day."""
    default = default_locale()
    others = [day for day in days if day.alias_of_id or day.locale_id != default.pk]
    if not others:
        return
    aliased = {day.alias_of_id for day in others if day.alias_of_id}
    keys = {day.translation_key for day in others if not day.alias_of_id}
    sources = model.objects.filter(Q(pk__in=aliased) | Q(translation_key__in=keys, locale=default))
    by_pk = {source.pk: source for source in sources}
    by_key = {source.translation_key: source for source in by_pk.values()}
    for day in others:
        if day.alias_of_id:
            day._text_source = by_pk.get(day.alias_of_id)
        else:
            day._text_source = by_key.get(day.translation_key)


ServiceDayManager = PageManager.from_queryset(ServiceDayQuerySet)
