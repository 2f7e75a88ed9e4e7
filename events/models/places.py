"""The reusable lists behind service days: places, services and languages (admin snippets).

Each is translatable (wagtail-localize's "Translate" on the snippet): a place keeps its name and
address in every language and translates its directions; a service or a language translates its
name. A translation shares its ``translation_key`` with the English row, and filters match by it.
"""

from urllib.parse import urlencode

from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from voca.locales import active_locale, default_locale


class TranslatedQuerySet(models.QuerySet):
    def localized(self):
        """One row per thing in the visitor's language: its translation, else the default
        language's row (one query; nothing is listed twice)."""
        default, active = default_locale(), active_locale()
        if active.pk == default.pk:
            return self.filter(locale=default)
        translated = self.model.objects.filter(locale=active).values("translation_key")
        return self.filter(
            Q(locale=active) | Q(locale=default) & ~Q(translation_key__in=translated)
        )


def in_default_language():
    """Editors link days to the default language's rows (translations follow them)."""
    from django.conf import settings

    return {"locale__language_code": settings.LANGUAGE_CODE}


def synchronized(*names):
    return [SynchronizedField(name) for name in names]


def translated(*names):
    return [TranslatableField(name) for name in names]


class Location(TranslatableMixin, index.Indexed, models.Model):
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
    translatable_fields = [
        *synchronized("name", "street", "city", "state", "zip_code", "area"),
        *synchronized("latitude", "longitude", "step_free_access"),
        *translated("accessibility_notes", "parking", "transit"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("street"),
        index.SearchField("zip_code"),
        index.SearchField("area"),
        index.AutocompleteField("name"),
        index.FilterField("area"),
    ]

    objects = TranslatedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def areas(cls) -> list[str]:
        """The areas visitors can filter by: every area a place is in, A to Z (an area is the
        same in every language: it is synchronised from the English place)."""
        return list(cls.objects.order_by("area").values_list("area", flat=True).distinct())

    @property
    def address_line(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip_code}"

    @property
    def directions_url(self) -> str:
        """A directions link opened only when the visitor follows it (no request before then)."""
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


class Service(TranslatableMixin, models.Model):
    """A kind of help offered at service days (a reusable list editors manage)."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, help_text="Used in filter links; the same in every language."
    )
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [*translated("name", "description"), *synchronized("slug", "sort_order")]

    objects = TranslatedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="service_slug_per_locale"),
            models.UniqueConstraint(fields=["name", "locale"], name="service_name_per_locale"),
        ]

    def __str__(self):
        return self.name


class Language(TranslatableMixin, models.Model):
    """A language staff or interpreters will speak at a service day."""

    name = models.CharField(
        max_length=80, help_text="In this row's language, e.g. 'Spanish' in English."
    )
    native_name = models.CharField(
        max_length=80, blank=True, help_text="The language's own name, e.g. 'Español'."
    )
    code = models.CharField(max_length=20, help_text="BCP 47 code, e.g. 'es', 'bs', 'ase' (ASL).")

    panels = [FieldPanel("name"), FieldPanel("native_name"), FieldPanel("code")]
    translatable_fields = [*translated("name"), *synchronized("native_name", "code")]

    objects = TranslatedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="language_code_per_locale"),
            models.UniqueConstraint(fields=["name", "locale"], name="language_name_per_locale"),
        ]

    def __str__(self):
        return self.name

    @property
    def own_name_if_different(self) -> str:
        """The language's own name, to show after its name here ("Bosnian (Bosanski)"); none
        when they differ only in case ("español" and "Español")."""
        own = self.native_name.strip()
        return own if own and own.casefold() != self.name.strip().casefold() else ""
