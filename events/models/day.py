"""One Victim Service Day page (date, place, the help on offer) and who staffs it."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from voca.clock import CENTRAL, local_today
from voca.i18n import PAGE_TRANSLATABLE_FIELDS, local_date, local_time, text_source
from voca.locales import default_locale
from voca.site import absolute_url
from voca.text import description_text

from ..forms import ServiceDayPageForm
from ..ics import calendar_bytes
from .blocks import WhatToBringBlock
from .labels import ServiceDayLabels
from .places import Language, Location, Service, in_default_language
from .querysets import ServiceDayManager, attach_translated_in


class ServiceDayPage(ServiceDayLabels, Page):
    """One Victim Service Day: a date, a place, the help on offer and who will be there."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("service day", "Scheduled")
        CANCELLED = "cancelled", pgettext_lazy("service day", "Cancelled")
        MOVED = "moved", pgettext_lazy("service day", "Moved")

    date = models.DateField()
    start_time = models.TimeField(help_text="Central time (St. Louis).")
    end_time = models.TimeField(help_text="Central time (St. Louis).")
    # Editors choose the English rows; visitors read each one's translation (``localized``).
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="service_days",
        limit_choices_to=in_default_language,
    )
    services = ParentalManyToManyField(
        Service, blank=False, related_name="service_days", limit_choices_to=in_default_language
    )
    languages = ParentalManyToManyField(
        Language, blank=True, related_name="service_days", limit_choices_to=in_default_language
    )
    # One block per item: translators get each as its own line to translate.
    what_to_bring = StreamField(
        WhatToBringBlock(),
        blank=True,
        help_text="One short item each, e.g. photo ID if you have one, police report number.",
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
    # The date and start first published, kept when a later publish reschedules the day.
    original_date = models.DateField(null=True, blank=True, editable=False)
    original_start_time = models.TimeField(null=True, blank=True, editable=False)

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
    # A translated day keeps the English place, services and languages (visitors read each one's
    # translation); translators cannot override them: events.operations.follow_english_day.
    override_translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        *(SynchronizedField(n, overridable=False) for n in ("location", "services", "languages")),
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
        # A revision never carries the calendar sequence or the original start back.
        obj = super().with_content_json(content)
        obj.ics_sequence = self.ics_sequence
        obj.original_date = self.original_date
        obj.original_start_time = self.original_start_time
        return obj

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "date" in update_fields:
            self.keep_original_start()
        return super().save(*args, **kwargs)

    def keep_original_start(self):
        """When a day already published is published with another date or start, remember the
        first published one (once: a second reschedule still points back to the first)."""
        if self.pk is None or self.original_date is not None or not self.date:
            return
        published = (
            type(self)
            .objects.filter(pk=self.pk, first_published_at__isnull=False)
            .values("date", "start_time", "original_date")
            .first()
        )
        if published is None or published["original_date"] is not None:
            return
        if (published["date"], published["start_time"]) != (self.date, self.start_time):
            self.original_date = published["date"]
            self.original_start_time = published["start_time"]

    @property
    def previous_starts_at(self) -> datetime.datetime | None:
        """The start first published, when the day has since been moved to another date or
        time (a day moved to another place only keeps its start)."""
        if self.original_date is None:
            return None
        previous = datetime.datetime.combine(
            self.original_date, self.original_start_time, tzinfo=CENTRAL
        )
        return previous if previous != self.starts_at else None

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
    def notice_label(self) -> str:
        """'Cancelled' or 'Moved' to put before the notice, in the visitor's language; none when
        the notice already opens with it ('Cancelled because…'), so it is not said twice."""
        if self.is_scheduled:
            return ""
        label = str(self.get_status_display())
        if self.status_notice.strip().casefold().startswith(label.casefold()):
            return ""
        return label

    @property
    def is_past(self) -> bool:
        return self.date < local_today()

    @property
    def what_to_bring_items(self) -> list[str]:
        return [block.value.strip() for block in self.what_to_bring if block.value.strip()]

    @cached_property
    def day(self) -> "ServiceDayPage":
        """The service day this page is one language of: its page in the default language
        (English), to which staffing and contacts belong; itself when it is that page."""
        default = default_locale()
        if self.locale_id == default.pk:
            return self
        source = (
            type(self).objects.filter(translation_key=self.translation_key, locale=default).first()
        )
        return source or self

    # Set by ServiceDayQuerySet.shown_in: the page in the staff member's language.
    _shown = None

    @property
    def shown(self) -> "ServiceDayPage":
        """This day as staff read it: its translation in their language, else this page."""
        return self._shown or self

    # Set by ServiceDayQuerySet.with_languages: the codes of the languages it has a page in.
    _translated_in: set[str] | None = None

    @property
    def translations_text(self) -> str:
        """'English, Español; Bosanski not translated': the site's languages this day is
        translated into (an alias showing the English page is not a translation)."""
        if self._translated_in is None:
            attach_translated_in([self])
        done = [name for code, name in settings.VOCA_LANGUAGES if code in self._translated_in]
        missing = [n for code, n in settings.VOCA_LANGUAGES if code not in self._translated_in]
        text = ", ".join(done)
        return f"{text}; {', '.join(missing)} not translated" if missing else text

    # Set by list pages, which know the parent's URL: saves a URL lookup per entry.
    _listing_url: str | None = None

    @property
    def listing_url(self) -> str:
        return self._listing_url or self.url

    def get_admin_display_title(self):
        """The title editors see in every admin listing: with the day's date, so twins differ."""
        title = super().get_admin_display_title()
        label = f"{self.date.day} {self.date:%b %Y}" if self.date else ""
        return title if not label or label in title else f"{title} · {label}"

    @property
    def when_text(self) -> str:
        """'Thursday, November 26, 2026, 10 a.m. to 3 p.m.', in the visitor's language."""
        return gettext("%(date)s, %(start)s to %(end)s") % {
            "date": local_date(self.date),
            "start": local_time(self.start_time),
            "end": local_time(self.end_time),
        }

    @property
    def calendar_sequence(self) -> int:
        """The day's one SEQUENCE in every language's calendar: its English day's (each
        translation and alias stands for the same event, under the same UID)."""
        source = text_source(self)
        return source.ics_sequence if source is not None else self.ics_sequence

    @property
    def meta_description(self) -> str:
        """Date, time, place and help offered, the status first when it is not scheduled."""
        if self.search_description:
            return self.search_description
        status = f"{self.get_status_display()}: " if not self.is_scheduled else ""
        where = gettext("%(when)s, at %(place)s, %(address)s.") % {
            "when": self.when_text,
            "place": self.location.name,
            "address": self.location.address_line,
        }
        return description_text(
            f"{status}{where}",
            gettext("Free help: %(services)s.") % {"services": self.services_text},
            limit=300,
        )

    @property
    def staffing_summary(self) -> str:
        return ", ".join(
            f"{row.count} {row.get_role_display().lower()}{'s' if row.count != 1 else ''}"
            for row in self.staffing.all()
        )

    def calendar_response(self, request):
        url = absolute_url(request, self.get_url(request))
        body = calendar_bytes([(self, url)], name=self.title)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def bump_ics_sequence(self):
        """Record that the published day changed (called when it is published or unpublished)."""
        type(self).objects.filter(pk=self.pk).update(ics_sequence=F("ics_sequence") + 1)
        self.ics_sequence += 1


class ServiceDayStaffing(Orderable):
    """Which kinds of staff come, and how many: roles and counts, never names."""

    class Role(models.TextChoices):
        PROGRAM_REPRESENTATIVE = "program_representative", gettext_lazy("Program representative")
        SOCIAL_WORKER = "social_worker", gettext_lazy("Social worker")
        ADVOCATE = "advocate", gettext_lazy("Victim advocate")
        INTERPRETER = "interpreter", gettext_lazy("Interpreter")
        ATTORNEY = "attorney", gettext_lazy("Volunteer attorney")

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
