"""The public list of Victim Service Days: filters, pages of 20, near me and the calendar feed."""

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from voca.clock import local_today
from voca.i18n import PAGE_TRANSLATABLE_FIELDS, text_language
from voca.site import absolute_url
from voca.text import description_text

from ..forms import ServiceDayFilterForm, month_choices
from ..ics import calendar_bytes
from .day import ServiceDayPage
from .places import Language, Location, Service

PAGE_SIZE = 20


def filter_form(request, months: list[tuple[str, str]]) -> ServiceDayFilterForm:
    """The visitor's filters, offering today's services, languages and areas."""
    return ServiceDayFilterForm(
        request.GET,
        months=months,
        services=Service.objects.localized(),
        languages=Language.objects.localized(),
        areas=Location.areas,
    )


class ServiceDayIndexPage(RoutablePageMixin, Page):
    """The list of upcoming service days, with filters; past days move to its archive."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    override_translatable_fields = PAGE_TRANSLATABLE_FIELDS
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.ServiceDayPage"]
    max_count = 1

    class Meta:
        verbose_name = "service days index"

    @property
    def meta_description(self) -> str:
        return self.search_description or description_text(
            self.intro or gettext("Free help in person for victims of crime: find a service day.")
        )

    @property
    def archive_description(self) -> str:
        return gettext("Service days that have already taken place: where and when they were held.")

    def _listing(self, request, days, months, *, archive: bool):
        form = filter_form(request, months)
        days = form.apply(days.child_of(self)).for_listing()
        page_obj = Paginator(days, PAGE_SIZE).get_page(request.GET.get("page"))
        base_url = self.get_url(request)
        for day in page_obj.object_list:
            day._listing_url = f"{base_url}{day.slug}/"
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "months_from": months[0][0] if months else "",
                "days": page_obj,
                "archive": archive,
                "filter_query": query.urlencode(),
            },
        )

    @path("")
    def upcoming_days(self, request):
        today = local_today()
        return self._listing(
            request,
            ServiceDayPage.objects.upcoming(today),
            month_choices(today, 12),
            archive=False,
        )

    @path("archive/")
    def archive(self, request):
        today = local_today()
        return self._listing(
            request,
            ServiceDayPage.objects.past(today),
            month_choices(today, 24, step=-1),
            archive=True,
        )

    def nearby_response(self, request):
        """Coordinates of the filtered upcoming days, for sorting by distance in the browser
        (the visitor's location never comes to the server)."""
        today = local_today()
        form = filter_form(request, month_choices(today, 12))
        days = form.apply(ServiceDayPage.objects.upcoming(today).child_of(self)).for_listing()[
            :1000
        ]
        rows = [
            {
                "title": day.title,
                "lang": text_language(day, "title"),
                "url": day.get_url(request),
                "date": day.date.isoformat(),
                "when": day.when_text,
                "place": day.location.name,
                "address": day.location.address_line,
                # A cancelled day is never offered as a place to travel to.
                "directions": "" if day.is_cancelled else day.location.directions_url,
                "lat": float(day.location.latitude),
                "lng": float(day.location.longitude),
                "status": day.get_status_display() if day.status != "scheduled" else "",
                "cancelled": day.is_cancelled,
                "notice": day.status_notice if not day.is_scheduled else "",
                "notice_lang": text_language(day, "status_notice"),
            }
            for day in days
        ]
        return JsonResponse({"days": rows})

    def calendar_response(self, request):
        """Every upcoming day (cancelled ones too, so calendars drop them) as one feed."""
        days = list(ServiceDayPage.objects.upcoming().child_of(self).for_listing())
        base_url = self.get_url(request)
        for day in days:
            day._listing_url = f"{base_url}{day.slug}/"
        body = calendar_bytes(
            ((day, absolute_url(request, day.listing_url)) for day in days), name=self.title
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="service-days.ics"'
        return response
