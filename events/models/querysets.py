"""Read rules for service days: which days a visitor sees, and what a list entry needs."""

import datetime

from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from voca.clock import local_today


class ServiceDayQuerySet(PageQuerySet):
    def upcoming(self, today: datetime.date | None = None):
        """Published days from today on, soonest first (cancelled ones included: visitors must
        see the cancellation)."""
        today = today or local_today()
        return self.live().filter(date__gte=today).order_by("date", "start_time", "pk")

    def past(self, today: datetime.date | None = None):
        today = today or local_today()
        return self.live().filter(date__lt=today).order_by("-date", "-start_time", "-pk")

    def scheduled(self):
        return self.exclude(status=self.model.Status.CANCELLED)

    def offering(self, service):
        return self.filter(services=service)

    def in_language(self, language):
        return self.filter(languages=language)

    def in_area(self, area: str):
        return self.filter(location__area=area)

    def at_zip(self, zip_code: str):
        return self.filter(location__zip_code__startswith=zip_code)

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
        return clone

    def _fetch_all(self):
        fetched_now = self._result_cache is None
        super()._fetch_all()
        if fetched_now and getattr(self, "_with_labels", False):
            attach_labels([day for day in self._result_cache if isinstance(day, self.model)])


def attach_labels(days) -> None:
    """Give each day its service names and its language (code, name) pairs in two queries."""
    if not days:
        return
    by_pk = {day.pk: day for day in days}
    model = type(days[0])
    for day in days:
        day._service_names, day._languages = [], []
    services = model._meta.get_field("services").remote_field.through
    for page_id, name in (
        services.objects.filter(servicedaypage_id__in=by_pk)
        .order_by("service__sort_order", "service__name")
        .values_list("servicedaypage_id", "service__name")
    ):
        by_pk[page_id]._service_names.append(name)
    languages = model._meta.get_field("languages").remote_field.through
    for page_id, code, name in (
        languages.objects.filter(servicedaypage_id__in=by_pk)
        .order_by("language__name")
        .values_list("servicedaypage_id", "language__code", "language__name")
    ):
        by_pk[page_id]._languages.append((code, name))


ServiceDayManager = PageManager.from_queryset(ServiceDayQuerySet)
