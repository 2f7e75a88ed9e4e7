"""Demo content for the public site: site name, settings, the home page and content pages."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Site

from voca.i18n import translate_page, translate_snippet

from . import demo_translations
from .models import ContentPage, HomePage, MachineTranslation, SiteSettings, SiteTexts

HOME_INTRO = (
    "<p>Victim Service Days bring victim advocates, program representatives and social workers "
    "to libraries and community centers across St. Louis. Come in person: help is free, and you "
    "do not need an appointment or a police report.</p>"
)

RIGHTS_BODY = """
<p>If you have been harmed by a crime, you have rights, whether or not anyone has been arrested.
Staff at every Victim Service Day can explain them and help you use them.</p>
<h2>You have the right to</h2>
<ul>
<li>be treated with dignity and respect;</li>
<li>be told about the case and about court dates, if you ask to be;</li>
<li>be present at court proceedings and to be heard at key stages, such as sentencing;</li>
<li>confer with the prosecutor about the case;</li>
<li>be protected from threats and harassment;</li>
<li>ask for restitution for what the crime cost you;</li>
<li>apply for crime victims' compensation.</li>
</ul>
<h2>Compensation</h2>
<p>Compensation can help pay for medical and counseling bills, lost wages and funeral costs that
no one else pays. Time limits apply. Staff at a service day will help you fill in the
application and gather what it needs.</p>
<h2>Help is free</h2>
<p>Every service we offer is free of charge. You do not need to have reported the crime to the
police to talk with us.</p>
"""

RESOURCES_BODY = """
<p>These lines answer every day, at any hour. You do not have to give your name.</p>
<ul>
<li>In an emergency, call <a href="tel:911">911</a>.</li>
<li>988 Suicide and Crisis Lifeline: call or text <a href="tel:988">988</a>.</li>
<li>National Domestic Violence Hotline: <a href="tel:18007997233">1-800-799-7233</a>.</li>
<li>RAINN National Sexual Assault Hotline: <a href="tel:18006564673">1-800-656-4673</a>.</li>
<li>National Human Trafficking Hotline: <a href="tel:18883737888">1-888-373-7888</a>.</li>
</ul>
<h2>At a Victim Service Day</h2>
<p>Staff can refer you to counseling, legal aid, shelter and other local services, and help you
apply for an order of protection.</p>
"""

QUICK_EXIT_BODY = """
<p>Every page of this site has an <strong>Exit this page</strong> button at the top. Select it
(on a computer you can also press the <kbd>Shift</kbd> key three times) and this site is replaced
at once by a weather website.</p>
<h2>What quick exit does</h2>
<ul>
<li>It hides this site from the screen straight away.</li>
<li>It replaces the page you were on, and pages you open within this site replace each other, so
the browser's Back button usually goes to the page you were on before you came here, not back
through this site.</li>
</ul>
<h2>What quick exit does not do</h2>
<ul>
<li>It does not delete your browsing history. The pages of this site you visited still show in the
browser's history list, and the browser may suggest them when someone types an address.</li>
<li>If JavaScript is turned off, the button still opens the weather site, but Back will return to
this site.</li>
<li>It cannot hide what someone may see on another device, on a shared account, or on a phone's
list of recent apps and tabs.</li>
</ul>
<h2>What you can do</h2>
<ul>
<li>Use a private or incognito window: it keeps no history once you close it.</li>
<li>If it is safe to do so, delete this site from your browser history, or clear the history for
the time you were here.</li>
<li>Close the tab when you are done.</li>
<li>This site sets no cookies and loads nothing from other websites. A map is shown only when
you ask for one.</li>
</ul>
"""

CONTENT_PAGES = (
    # slug, title, intro, body, show in main menu
    (
        "your-rights",
        "Your rights as a victim of crime",
        "What you are entitled to, whether or not anyone has been arrested.",
        RIGHTS_BODY,
        True,
    ),
    (
        "help-and-resources",
        "Help lines and resources",
        "Free, confidential help at any hour.",
        RESOURCES_BODY,
        True,
    ),
    (
        "quick-exit",
        "Leaving this site quickly",
        "What the Exit this page button does and does not hide.",
        QUICK_EXIT_BODY,
        False,
    ),
)


def finish(stdout):
    """After every app's demo: each page not translated exists in the other languages as an
    alias (wagtail-localize's synchronised trees). Every translation the demo wrote, page or
    snippet, was marked a machine draft as it was written (voca.i18n.machine_translated)."""
    from wagtail_localize.models import LocaleSynchronization

    for sync in LocaleSynchronization.objects.all():
        sync.sync_trees()
    drafts = MachineTranslation.objects.needing_review().count()
    stdout.write(f"  translations: {drafts} machine drafts needing review")


def demo_address() -> tuple[str, int]:
    """Where `make run` serves the demo (it sets WAGTAILADMIN_BASE_URL from HOST and PORT)."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return address.hostname or "127.0.0.1", address.port or 80


def load(stdout):
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(locale=Locale.get_default())
    changed = False
    hostname, port = demo_address()
    if (site.site_name, site.hostname, site.port) != ("Victim Service Days", hostname, port):
        site.site_name, site.hostname, site.port = "Victim Service Days", hostname, port
        site.save()
        changed = True
    if not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()
        changed = True
    pages = {}
    for slug, title, intro, body, in_menu in CONTENT_PAGES:
        page = ContentPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = ContentPage(
                slug=slug, title=title, intro=intro, body=body, show_in_menus=in_menu, live=False
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            changed = True
        pages[slug] = page
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.help_line_phone:
        settings_obj.help_line_phone = "(314) 555-0142"
        settings_obj.save()
        changed = True
    if settings_obj.quick_exit_info_page_id is None:
        settings_obj.quick_exit_info_page = pages["quick-exit"]
        settings_obj.save()
        changed = True
    changed |= translate_site_texts()
    translated = {
        "your-rights": demo_translations.RIGHTS,
        "help-and-resources": demo_translations.RESOURCES,
        "quick-exit": demo_translations.QUICK_EXIT,
    }
    for language in demo_translations.HOME:
        changed |= translate_page(home, language, demo_translations.HOME[language])
        for slug, text in translated.items():
            changed |= translate_page(pages[slug], language, text[language])
    stdout.write(f"  public site: {'updated' if changed else 'already in place'}")


def translate_site_texts() -> bool:
    """The site texts in the default language (as built in) and the demo's translations."""
    from voca.locales import default_locale

    english, changed = SiteTexts.objects.get_or_create(locale=default_locale())
    for language, fields in demo_translations.SITE_TEXTS.items():
        changed |= translate_snippet(english, language, fields)
    return changed
