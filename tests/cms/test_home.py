import pytest
from wagtail.models import Locale

from cms.models import HomePage, SiteSettings


@pytest.mark.django_db
def test_home_page_renders_for_anonymous_visitor(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Victim Service Days</h1>" in html
    # Crisis line and the funding acknowledgement come from site settings, not from code.
    assert 'href="tel:988"' in html
    assert "Victims of Crime Act (VOCA)" in html


@pytest.mark.django_db
def test_site_settings_drive_the_public_text(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    site = home.get_site()
    s = SiteSettings.for_site(site)
    s.unit_name = "Office of Victim Services"
    s.crisis_line_phone = "314-555-0100"
    s.save()
    html = client.get("/").content.decode()
    assert "Office of Victim Services" in html
    assert 'href="tel:314-555-0100"' in html


@pytest.mark.django_db
def test_every_install_has_exactly_one_home_page_at_the_site_root():
    home = HomePage.objects.get(locale=Locale.get_default())
    assert home.get_site().root_page_id == home.pk
    assert home.live
