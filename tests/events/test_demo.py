import datetime

import pytest

from cms.models import ContentPage, SiteSettings
from events.models import Location, ServiceDayPage
from voca.clock import local_today


@pytest.mark.django_db
def test_demo_has_three_months_of_days_at_st_louis_places(demo, client):
    today = local_today()
    upcoming = ServiceDayPage.objects.upcoming()
    assert upcoming.count() >= 12
    assert upcoming.last().date <= today + datetime.timedelta(days=92)
    assert ServiceDayPage.objects.past().count() >= 2
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
