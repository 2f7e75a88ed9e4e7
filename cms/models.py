import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from voca import clock
from voca.i18n import PAGE_TRANSLATABLE_FIELDS
from voca.text import description_text


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Names and numbers that change with the administering agency: never literals in code."""

    agency_name = models.CharField(max_length=200, default="State Department of Public Safety")
    unit_name = models.CharField(max_length=200, default="Crime Victim Services Unit")
    crisis_line_phone = models.CharField(max_length=40, default="988")
    help_line_phone = models.CharField(max_length=40, blank=True)
    quick_exit_url = models.URLField(
        default="https://www.weather.gov/",
        help_text="Neutral site the quick-exit button opens in place of this site.",
    )
    quick_exit_info_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page explaining what quick exit does and does not hide.",
    )

    panels = [
        HelpPanel(
            "The labels, notes and funding text shown on every page are under Snippets, "
            "“Site texts”: one per language, translated with “Translate”."
        ),
        MultiFieldPanel([FieldPanel("agency_name"), FieldPanel("unit_name")], heading="Agency"),
        MultiFieldPanel(
            [FieldPanel("crisis_line_phone"), FieldPanel("help_line_phone")],
            heading="Phone numbers",
        ),
        MultiFieldPanel(
            [FieldPanel("quick_exit_url"), FieldPanel("quick_exit_info_page")],
            heading="Quick exit",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    # The words around the numbers, in the visitor's language (templates read them here).
    @property
    def texts(self) -> "SiteTexts":
        language = get_language()
        cached = getattr(self, "_texts", None)
        if cached is None or cached[0] != language:
            self._texts = cached = (language, SiteTexts.for_active_language())
        return cached[1]

    crisis_line_label = property(lambda self: self.texts.crisis_line_label)
    help_line_label = property(lambda self: self.texts.help_line_label)
    emergency_note = property(lambda self: self.texts.emergency_note)
    funding_acknowledgement = property(lambda self: self.texts.funding_acknowledgement)
    privacy_note = property(lambda self: self.texts.privacy_note)


class SiteTexts(TranslatableMixin, models.Model):
    """The site settings' words shown on every page, one row per language, translated like any
    snippet (wagtail-localize's "Translate"). Wagtail's site settings cannot be translated
    (wagtail/wagtail#11508), so the words live here and the numbers stay in SiteSettings."""

    crisis_line_label = models.CharField(max_length=100, default="Crisis line (24 hours)")
    help_line_label = models.CharField(max_length=100, default="Victim services help line")
    emergency_note = models.CharField(max_length=200, default="In an emergency, call 911.")
    funding_acknowledgement = models.TextField(
        default=(
            "This project is supported by a Victims of Crime Act (VOCA) grant awarded by the "
            "Office for Victims of Crime, Office of Justice Programs, U.S. Department of Justice. "
            "The opinions, findings and conclusions expressed are those of the authors and do not "
            "necessarily reflect those of the Department of Justice."
        ),
        help_text="The VOCA funding acknowledgement every grantee must show.",
    )
    privacy_note = models.CharField(
        max_length=300,
        default="This site sets no cookies and loads nothing from other websites.",
        help_text="One sentence shown in every page footer.",
    )

    panels = [
        FieldPanel("crisis_line_label"),
        FieldPanel("help_line_label"),
        FieldPanel("emergency_note"),
        FieldPanel("funding_acknowledgement"),
        FieldPanel("privacy_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "site texts"
        verbose_name_plural = "site texts"
        constraints = [models.UniqueConstraint(fields=["locale"], name="site_texts_per_locale")]

    def __str__(self):
        return f"Site texts ({self.locale.get_display_name()})"

    @classmethod
    def for_active_language(cls) -> "SiteTexts":
        """This language's texts, else the default language's, else the built-in English ones
        (one query)."""
        from voca.locales import active_locale, default_locale

        active, default = active_locale(), default_locale()
        rows = {row.locale_id: row for row in cls.objects.filter(locale__in={active, default})}
        return rows.get(active.pk) or rows.get(default.pk) or cls(locale=default)


class HomePage(Page):
    """The site root: next service days up front, crisis and help lines from site settings."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    override_translatable_fields = PAGE_TRANSLATABLE_FIELDS
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    @property
    def meta_description(self) -> str:
        return self.search_description or description_text(
            self.intro or "Free help in person for victims of crime: find a Victim Service Day."
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = ContentPage.objects.child_of(self).live().public()
        return context


class ContentPage(Page):
    """A general page: victims' rights, resources, about the unit, what quick exit does."""

    intro = models.CharField(max_length=300, blank=True, help_text="One or two plain sentences.")
    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ul", "ol", "document-link"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = PAGE_TRANSLATABLE_FIELDS
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]

    @property
    def meta_description(self) -> str:
        return self.search_description or description_text(self.intro or self.body)


class ContentVersion(models.Model):
    """One row whose token changes whenever anything a public page shows changes.

    Cached public pages are keyed on it, so no visitor is ever served a page older than the
    latest publish, unpublish, move, delete or settings change. A random token (not a counter)
    stays consistent when a transaction rolls back: the content and the token go back together.
    """

    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self):
        return f"site content version {self.token}"

    @classmethod
    def current(cls) -> str:
        # Read on every cacheable request: plain SQL skips the ORM's query building.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {cls._meta.db_table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        return str(row[0]) if row else "none"

    @classmethod
    def for_request(cls, request) -> str:
        """The version as read once for this request (the page cache may have read it already)."""
        version = getattr(request, "content_version", None)
        if version is None:
            version = request.content_version = cls.current()
        return version

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(token=uuid.uuid4()):
            cls.objects.get_or_create(pk=1)


class MachineTranslationQuerySet(models.QuerySet):
    def of(self, obj):
        """The mark on ``obj`` (a page or a snippet), if any."""
        return self.filter(
            content_type=MachineTranslation.content_type_of(obj), object_id=str(obj.pk)
        )

    def needing_review(self):
        return self.filter(approved_at__isnull=True)


class MachineTranslation(models.Model):
    """A page or snippet whose text a machine drafted (the demo's translations): marked in the
    admin as "machine draft — needs review by a qualified translator" until an editor approves
    it. Any translatable object, by its base content type (a page's is always Page's)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=clock.now, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MachineTranslationQuerySet.as_manager()

    class Meta:
        verbose_name = "machine-drafted translation"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_machine_draft_mark_per_object"
            )
        ]

    def __str__(self):
        state = "approved" if self.approved_at else "needs review"
        return (
            f"machine-drafted translation of {self.content_type.model} {self.object_id} ({state})"
        )

    @property
    def needs_review(self) -> bool:
        return self.approved_at is None

    @staticmethod
    def content_type_of(obj_or_model) -> ContentType:
        """The one content type an object is marked under: the model holding its primary key
        (Page for every page, specific or not), so a mark is found however the object was read."""
        parents = obj_or_model._meta.get_parent_list()
        return ContentType.objects.get_for_model(
            parents[-1] if parents else obj_or_model._meta.concrete_model
        )

    @classmethod
    def needs_review_for(cls, obj) -> bool:
        return cls.objects.of(obj).needing_review().exists()

    @staticmethod
    def not_awaiting_review(obj) -> str:
        """What an approval of ``obj`` is refused with when it is no machine draft (any more)."""
        kind = "page" if isinstance(obj, Page) else obj._meta.verbose_name
        return f"This {kind} is not a machine draft awaiting review."
