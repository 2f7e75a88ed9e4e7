import uuid

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from voca.text import description_text


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Names and numbers that change with the administering agency: never literals in code."""

    agency_name = models.CharField(max_length=200, default="State Department of Public Safety")
    unit_name = models.CharField(max_length=200, default="Crime Victim Services Unit")
    crisis_line_label = models.CharField(max_length=100, default="Crisis line (24 hours)")
    crisis_line_phone = models.CharField(max_length=40, default="988")
    help_line_label = models.CharField(max_length=100, default="Victim services help line")
    help_line_phone = models.CharField(max_length=40, blank=True)
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
    privacy_note = models.CharField(
        max_length=300,
        default="This site sets no cookies and loads nothing from other websites.",
        help_text="One sentence shown in every page footer.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("agency_name"), FieldPanel("unit_name")], heading="Agency"),
        MultiFieldPanel(
            [
                FieldPanel("crisis_line_label"),
                FieldPanel("crisis_line_phone"),
                FieldPanel("help_line_label"),
                FieldPanel("help_line_phone"),
                FieldPanel("emergency_note"),
            ],
            heading="Phone numbers",
        ),
        FieldPanel("funding_acknowledgement"),
        MultiFieldPanel(
            [FieldPanel("quick_exit_url"), FieldPanel("quick_exit_info_page")],
            heading="Quick exit",
        ),
        FieldPanel("privacy_note"),
    ]

    class Meta:
        verbose_name = "site settings"


class HomePage(Page):
    """The site root: next service days up front, crisis and help lines from site settings."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
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


class MachineTranslation(models.Model):
    """A page whose text a machine drafted (the demo's translations): marked in the admin as
    "machine draft — needs review by a qualified translator" until an editor approves it."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="machine_translation"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "machine-drafted translation"

    def __str__(self):
        state = "approved" if self.approved_at else "needs review"
        return f"machine-drafted translation of page {self.page_id} ({state})"

    @property
    def needs_review(self) -> bool:
        return self.approved_at is None
