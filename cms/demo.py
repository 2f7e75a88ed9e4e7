"""Demo content for the public site: site name, settings and the home page's text."""

from wagtail.models import Site

from .models import HomePage, SiteSettings

HOME_INTRO = (
    "<p>Victim Service Days bring victim advocates, program representatives and social workers "
    "to libraries and community centres across St. Louis. Come in person: help is free, and you "
    "do not need an appointment or a police report.</p>"
)


def load(stdout):
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    changed = False
    if site.site_name != "Victim Service Days" or site.hostname != "127.0.0.1" or site.port != 8000:
        site.site_name, site.hostname, site.port = "Victim Service Days", "127.0.0.1", 8000
        site.save()
        changed = True
    if not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()
        changed = True
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.help_line_phone:
        settings_obj.help_line_phone = "(314) 555-0142"
        settings_obj.save()
        changed = True
    stdout.write(f"  public site: {'updated' if changed else 'already in place'}")
