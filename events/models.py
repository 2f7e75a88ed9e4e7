"""Victim Service Days: where and when staff meet the public, and what help they bring."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

CENTRAL = ZoneInfo("America/Chicago")


def local_today() -> datetime.date:
    """Today's date in St. Louis, whatever the server's clock zone."""
    return timezone.now().astimezone(CENTRAL).date()


class Location(index.Indexed, models.Model):
    """A public place where service days are held; reused by many days."""

    name = models.CharField(max_length=200, help_text="e.g. Carpenter Branch Library")
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100, default="St. Louis")
    state = models.CharField(max_length=2, default="MO")
    zip_code = models.CharField("ZIP code", max_length=10)
    area = models.CharField(
        max_length=100,
        help_text="County or part of town visitors filter by, e.g. 'St. Louis City' or "
        "'St. Louis County'.",
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    step_free_access = models.BooleanField(default=True)
    accessibility_notes = models.TextField(
        blank=True, help_text="Entrances, lifts, accessible toilets, quiet room."
    )
    parking = models.TextField(blank=True)
    transit = models.TextField(
        "bus and MetroLink", blank=True, help_text="Nearby bus routes and MetroLink stations."
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("zip_code")]),
                FieldPanel("area"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address",
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessibility_notes"),
                FieldPanel("parking"),
                FieldPanel("transit"),
            ],
            heading="Getting there",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("street"),
        index.SearchField("zip_code"),
        index.SearchField("area"),
        index.AutocompleteField("name"),
        index.FilterField("area"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address_line(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip_code}"

    @property
    def directions_url(self) -> str:
        """A directions link opened only when the visitor follows it (no request before then)."""
        from urllib.parse import urlencode

        query = urlencode(
            {"api": "1", "destination": f"{self.name}, {self.address_line}"},
        )
        return f"https://www.google.com/maps/dir/?{query}"

    @property
    def map_url(self) -> str:
        """OpenStreetMap centred on the place, opened only on the visitor's request."""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )

    @property
    def map_embed_url(self) -> str:
        """OpenStreetMap's embeddable map around the place (inserted only on request)."""
        lat, lng, pad = float(self.latitude), float(self.longitude), 0.004
        bbox = f"{lng - pad:.6f},{lat - pad:.6f},{lng + pad:.6f},{lat + pad:.6f}"
        return (
            "https://www.openstreetmap.org/export/embed.html"
            f"?bbox={bbox}&layer=mapnik&marker={lat:.6f},{lng:.6f}"
        )


class Service(models.Model):
    """A kind of help offered at service days (a reusable list editors manage)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter links.")
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language staff or interpreters will speak at a service day."""

    name = models.CharField(max_length=80, unique=True, help_text="In English, e.g. 'Spanish'.")
    native_name = models.CharField(
        max_length=80, blank=True, help_text="The language's own name, e.g. 'Español'."
    )
    code = models.CharField(
        max_length=20, unique=True, help_text="BCP 47 code, e.g. 'es', 'bs', 'ase' (ASL)."
    )

    panels = [FieldPanel("name"), FieldPanel("native_name"), FieldPanel("code")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


PAGE_SIZE = 20


class ServiceDayIndexPage(RoutablePageMixin, Page):
    """The list of upcoming service days, with filters; past days move to its archive."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.ServiceDayPage"]
    max_count = 1

    class Meta:
        verbose_name = "service days index"

    def _listing(self, request, days, months, *, archive: bool):
        from django.core.paginator import Paginator

        from .forms import ServiceDayFilterForm

        form = ServiceDayFilterForm(request.GET, months=months)
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
        from .forms import month_choices

        today = local_today()
        return self._listing(
            request,
            ServiceDayPage.objects.upcoming(today),
            month_choices(today, 12),
            archive=False,
        )

    @path("archive/")
    def archive(self, request):
        from .forms import month_choices

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
        from django.http import JsonResponse

        from .forms import ServiceDayFilterForm, month_choices

        today = local_today()
        form = ServiceDayFilterForm(request.GET, months=month_choices(today, 12))
        days = form.apply(ServiceDayPage.objects.upcoming(today).child_of(self)).select_related(
            "location"
        )[:1000]
        rows = [
            {
                "title": day.title,
                "url": day.get_url(request),
                "date": day.date.isoformat(),
                "when": day.when_text,
                "place": day.location.name,
                "address": day.location.address_line,
                "directions": day.location.directions_url,
                "lat": float(day.location.latitude),
                "lng": float(day.location.longitude),
                "status": day.get_status_display() if day.status != "scheduled" else "",
            }
            for day in days
        ]
        return JsonResponse({"days": rows})

    def calendar_response(self, request):
        """Every upcoming day (cancelled ones too, so calendars drop them) as one feed."""
        from django.http import HttpResponse

        from .ics import calendar_bytes

        days = ServiceDayPage.objects.upcoming().child_of(self).for_listing()
        body = calendar_bytes(((day, day.get_full_url(request)) for day in days), name=self.title)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="service-days.ics"'
        return response


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
        return self.exclude(status=ServiceDayPage.Status.CANCELLED)

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
            attach_labels([day for day in self._result_cache if isinstance(day, ServiceDayPage)])


def attach_labels(days) -> None:
    """Give each day its service names and its language (code, name) pairs in two queries."""
    if not days:
        return
    by_pk = {day.pk: day for day in days}
    for day in days:
        day._service_names, day._languages = [], []
    services = ServiceDayPage._meta.get_field("services").remote_field.through
    for page_id, name in (
        services.objects.filter(servicedaypage_id__in=by_pk)
        .order_by("service__sort_order", "service__name")
        .values_list("servicedaypage_id", "service__name")
    ):
        by_pk[page_id]._service_names.append(name)
    languages = ServiceDayPage._meta.get_field("languages").remote_field.through
    for page_id, code, name in (
        languages.objects.filter(servicedaypage_id__in=by_pk)
        .order_by("language__name")
        .values_list("servicedaypage_id", "language__code", "language__name")
    ):
        by_pk[page_id]._languages.append((code, name))


ServiceDayManager = PageManager.from_queryset(ServiceDayQuerySet)


def clock_label(value: datetime.time) -> str:
    """12-hour clock the way St. Louis writes it: 10 a.m., 1:30 p.m."""
    suffix = "a.m." if value.hour < 12 else "p.m."
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {suffix}" if value.minute else f"{hour} {suffix}"


class ServiceDayPageForm(WagtailAdminPageForm):
    """The editor's form: each kind of staff is listed once, with its count."""

    def clean(self):
        cleaned_data = super().clean()
        staffing = self.formsets.get("staffing")
        if staffing is not None and staffing.is_valid():
            seen = set()
            for form in staffing.forms:
                role = form.cleaned_data.get("role")
                if not role or staffing._should_delete_form(form):
                    continue
                if role in seen:
                    label = ServiceDayStaffing.Role(role).label
                    self.add_error(
                        None,
                        f"“{label}” is listed more than once under staffing: "
                        "list each kind of staff once, with how many will come.",
                    )
                    break
                seen.add(role)
        return cleaned_data


class ServiceDayPage(Page):
    """One Victim Service Day: a date, a place, the help on offer and who will be there."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        MOVED = "moved", "Moved"

    date = models.DateField()
    start_time = models.TimeField(help_text="Central time (St. Louis).")
    end_time = models.TimeField(help_text="Central time (St. Louis).")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_days")
    services = ParentalManyToManyField(Service, blank=False, related_name="service_days")
    languages = ParentalManyToManyField(Language, blank=True, related_name="service_days")
    what_to_bring = models.TextField(
        blank=True,
        help_text="One item per line, e.g. photo ID if you have one, police report number.",
    )
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    status_notice = models.TextField(
        blank=True,
        help_text="Shown wherever this day appears when it is cancelled or moved: say what "
        "changed and where to go instead.",
    )
    # Raised on every publish; calendar apps replace an event only when SEQUENCE grows.
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = ServiceDayManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("location"),
            ],
            heading="When and where",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_notice")],
            heading="Status",
        ),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        InlinePanel("staffing", heading="Staff who will be there", label="Staff role"),
        FieldPanel("what_to_bring"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.FilterField("date"),
        index.FilterField("status"),
    ]
    parent_page_types = ["events.ServiceDayIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ServiceDayPageForm

    class Meta:
        verbose_name = "service day"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "The day must end after it starts."
        if self.status != self.Status.SCHEDULED and not self.status_notice.strip():
            errors["status_notice"] = (
                "Say what changed: visitors see this notice wherever the day is shown."
            )
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        # A revision never carries the calendar sequence back: it only ever grows.
        obj = super().with_content_json(content)
        obj.ics_sequence = self.ics_sequence
        return obj

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=CENTRAL)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=CENTRAL)

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.SCHEDULED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.status == self.Status.MOVED

    @property
    def is_past(self) -> bool:
        return self.date < local_today()

    @property
    def what_to_bring_items(self) -> list[str]:
        return [line.strip() for line in self.what_to_bring.splitlines() if line.strip()]

    # Set by list pages, which know the parent's URL: saves a URL lookup per entry.
    _listing_url: str | None = None

    @property
    def listing_url(self) -> str:
        return self._listing_url or self.url

    @property
    def when_text(self) -> str:
        """'Thursday, November 26, 2026, 10 a.m. to 3 p.m.'"""
        return (
            f"{self.date:%A, %B} {self.date.day}, {self.date.year}, "
            f"{clock_label(self.start_time)} to {clock_label(self.end_time)}"
        )

    _service_names: list[str] | None = None
    _languages: list[tuple[str, str]] | None = None

    @property
    def service_names(self) -> list[str]:
        if self._service_names is None:
            self._service_names = [service.name for service in self.services.all()]
        return self._service_names

    @property
    def language_pairs(self) -> list[tuple[str, str]]:
        """(code, name) of each language, by name."""
        if self._languages is None:
            self._languages = [(lang.code, lang.name) for lang in self.languages.all()]
        return self._languages

    @property
    def services_text(self) -> str:
        return ", ".join(self.service_names)

    @property
    def languages_text(self) -> str:
        return ", ".join(name for _, name in self.language_pairs)

    @property
    def staffing_summary(self) -> str:
        return ", ".join(
            f"{row.count} {row.get_role_display().lower()}{'s' if row.count != 1 else ''}"
            for row in self.staffing.all()
        )

    def calendar_response(self, request):
        from django.http import HttpResponse

        from .ics import calendar_bytes

        body = calendar_bytes([(self, self.get_full_url(request))], name=self.title)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def get_context(self, request, *args, **kwargs):
        from cms.models import SiteSettings

        from .schema import service_day_event

        context = super().get_context(request, *args, **kwargs)
        site_settings = SiteSettings.for_request(request)
        context["structured_data"] = service_day_event(
            self,
            url=self.get_full_url(request),
            organizer_name=f"{site_settings.unit_name}, {site_settings.agency_name}",
            organizer_url=request.build_absolute_uri("/"),
        )
        return context

    def bump_ics_sequence(self):
        """Record that the published day changed (called when it is published or unpublished)."""
        type(self).objects.filter(pk=self.pk).update(ics_sequence=F("ics_sequence") + 1)
        self.ics_sequence += 1


class ServiceDayStaffing(Orderable):
    """Which kinds of staff come, and how many: roles and counts, never names."""

    class Role(models.TextChoices):
        PROGRAM_REPRESENTATIVE = "program_representative", "Program representative"
        SOCIAL_WORKER = "social_worker", "Social worker"
        ADVOCATE = "advocate", "Victim advocate"
        INTERPRETER = "interpreter", "Interpreter"
        ATTORNEY = "attorney", "Volunteer attorney"

    page = ParentalKey(ServiceDayPage, on_delete=models.CASCADE, related_name="staffing")
    role = models.CharField(max_length=30, choices=Role.choices)
    count = models.PositiveSmallIntegerField(default=1)

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="staffing_count_positive"),
        ]

    def __str__(self):
        return f"{self.count} {self.get_role_display()}"
