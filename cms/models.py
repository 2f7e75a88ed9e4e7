from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


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
        FieldPanel("quick_exit_url"),
    ]

    class Meta:
        verbose_name = "site settings"


class HomePage(Page):
    """The site root: next service days up front, crisis and help lines from site settings."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1


class ContentPage(Page):
    """A general page: victims' rights, resources, about the unit, what quick exit does."""

    intro = models.CharField(max_length=300, blank=True, help_text="One or two plain sentences.")
    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ul", "ol", "document-link"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
