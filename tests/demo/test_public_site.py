import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import ContentPage, SiteSettings
from events.models import Location, ServiceDayPage
from tests.factories import home_page
from voca.clock import local_today


@pytest.mark.django_db
def test_demo_has_three_months_of_days_at_st_louis_places(demo, client):
    today = local_today()
    upcoming = ServiceDayPage.objects.upcoming().filter(locale__language_code="en")
    assert upcoming.count() >= 12
    assert upcoming.last().date <= today + datetime.timedelta(days=92)
    assert ServiceDayPage.objects.past().filter(locale__language_code="en").count() >= 2
    assert upcoming.filter(status="cancelled").count() == 1
    assert upcoming.filter(status="moved").count() == 1
    assert {loc.area for loc in Location.objects.all()} == {"St. Louis City", "St. Louis County"}
    for location in Location.objects.all():
        assert 38.4 < float(location.latitude) < 38.9, location
        assert -90.6 < float(location.longitude) < -90.1, location
    assert upcoming.filter(languages__code="es").exists()
    html = client.get("/service-days/").content.decode()
    assert "Cancelled" in html and "Moved" in html


@pytest.mark.django_db
def test_demo_has_rights_and_resources_pages_and_the_quick_exit_explanation(demo, client):
    slugs = set(ContentPage.objects.live().values_list("slug", flat=True))
    assert {"your-rights", "help-and-resources", "quick-exit"} <= slugs
    settings = SiteSettings.objects.get()
    assert settings.quick_exit_info_page.slug == "quick-exit"
    assert client.get("/your-rights/").status_code == 200


@pytest.mark.django_db
def test_demo_is_in_three_languages_with_its_translations_marked_as_machine_drafts(demo, client):
    from cms.models import MachineTranslation

    for code, title in (("es", "Días de Servicios para Víctimas"), ("bs", "Dani usluga za žrtve")):
        assert f"<h1>{title}</h1>" in client.get(f"/{code}/").content.decode()
        listing = client.get(f"/{code}/service-days/").content.decode()
        assert f"<h1>{title}</h1>" in listing
        assert client.get(f"/{code}/quick-exit/").status_code == 200
        translated = ServiceDayPage.objects.filter(
            locale__language_code=code, alias_of__isnull=True
        )
        # The first three upcoming days and the moved one (the cancelled one is among the three).
        assert translated.count() == 4
        assert set(translated.exclude(status="scheduled").values_list("status", flat=True)) == {
            "cancelled",
            "moved",
        }
    drafts = MachineTranslation.objects.needing_review()
    # Home, rights, resources and quick-exit pages, list and four days, in each of two languages.
    assert drafts.filter(content_type__model="page").count() == 18
    assert "Salir rápidamente de este sitio" in client.get("/es/quick-exit/").content.decode()


@pytest.mark.django_db
def test_demo_s_translated_services_languages_and_site_texts_are_marked_as_machine_drafts(
    demo, client
):
    from cms.models import MachineTranslation, SiteTexts
    from events.models import Language, Service

    for model, translated in ((Service, 14), (Language, 12), (SiteTexts, 2)):
        rows = model.objects.exclude(locale__language_code="en")
        assert rows.count() == translated, model
        for row in rows:
            assert MachineTranslation.needs_review_for(row), row
        for row in model.objects.filter(locale__language_code="en"):
            assert not MachineTranslation.objects.of(row).exists(), row
    # Loading the demo again marks nothing twice and keeps what an editor approved.
    from django.contrib.auth import get_user_model

    from cms.operations import approve_translation
    from voca.roles import EDITOR

    editor = get_user_model().objects.filter(groups__name=EDITOR).first()
    reviewed = Service.objects.filter(locale__language_code="es").first()
    approve_translation(reviewed, actor=editor)
    marks = MachineTranslation.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert MachineTranslation.objects.count() == marks
    assert not MachineTranslation.needs_review_for(reviewed)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "service", "language", "notice"),
    [
        ("es", "Plan de seguridad", "bosnio", "Cancelado porque la biblioteca está cerrada"),
        ("bs", "Planiranje sigurnosti", "bosanski", "Otkazano jer je biblioteka zatvorena"),
    ],
)
def test_demo_days_show_services_languages_and_notices_in_the_page_language(
    demo, client, code, service, language, notice
):
    listing = client.get(f"/{code}/service-days/").content.decode()
    assert service in listing and language in listing
    assert "Safety planning" not in listing
    cancelled = ServiceDayPage.objects.get(
        locale__language_code=code, status="cancelled", date__gte=local_today()
    )
    page = client.get(cancelled.url).content.decode()
    assert notice in page
    assert "closed for repairs" not in page
    # A filter by a service keeps working in every language (the same slug everywhere).
    filtered = client.get(f"/{code}/service-days/?service=safety-planning").content.decode()
    english = client.get("/service-days/?service=safety-planning").content.decode()
    assert filtered.count('<li class="day-card') == english.count('<li class="day-card') > 0


def test_the_quick_exit_explanation_tells_the_truth_about_history(demo, client):
    page = ContentPage.objects.get(slug="quick-exit", locale__language_code="en")
    text = client.get(page.url).content.decode()
    assert "does not delete your browsing history" in text
    assert "private or incognito window" in text
    assert "Back will return to\nthis site" in text  # without JavaScript
    assert "Back button does not return to it" not in text


def test_demo_text_is_in_us_english(demo, client):
    texts = [client.get(p.url).content.decode() for p in ServiceDayPage.objects.live()[:1]]
    texts += [" ".join([loc.accessibility_notes, loc.parking]) for loc in Location.objects.all()]
    texts.append(client.get("/").content.decode())
    for word in ("car park", "centre", "toilets", "lifts"):
        assert not any(word in text for text in texts), word


def test_the_demo_site_is_the_address_make_run_serves(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = home_page().get_site()
    assert site.root_url == "http://127.0.0.1:8123"


@pytest.mark.django_db
def test_demo_menu_is_whole_and_in_the_same_order_in_every_language(demo, client):
    menus = {}
    for code in ("en", "es", "bs"):
        html = client.get("/" if code == "en" else f"/{code}/").content.decode()
        nav = html[html.index('<nav class="main-nav"') :].split("</nav>")[0]
        assert "lang=" not in nav, code  # every item written in the page's own language
        menus[code] = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    english = [href for href, _ in menus["en"]]
    for code in ("es", "bs"):
        assert [href for href, _ in menus[code]] == [f"/{code}{href}" for href in english]
    assert ("/es/your-rights/", "Sus derechos como víctima de un delito") in menus["es"]
    assert ("/bs/help-and-resources/", "Linije za pomoć i resursi") in menus["bs"]
    rights = client.get("/es/your-rights/").content.decode()
    assert "Usted tiene derecho a" in rights and "no se ha traducido" not in rights
