import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import ServiceDayPage
from tests.factories import make_language, make_service, make_service_day
from voca.clock import local_today


@pytest.mark.django_db
def test_upcoming_lists_published_days_from_today_soonest_first():
    today = local_today()
    later = make_service_day(today + datetime.timedelta(days=9), title="Later")
    soon = make_service_day(today, title="Today")
    make_service_day(today - datetime.timedelta(days=1), title="Yesterday")
    make_service_day(today + datetime.timedelta(days=3), title="Draft", publish=False)
    assert list(ServiceDayPage.objects.upcoming().values_list("title", flat=True)) == [
        soon.title,
        later.title,
    ]
    assert list(ServiceDayPage.objects.past().values_list("title", flat=True)) == ["Yesterday"]


@pytest.mark.django_db
def test_filters_by_service_and_language():
    today = local_today()
    legal = make_service("Legal aid referral")
    spanish = make_language("Spanish", "es")
    make_service_day(today, title="Plain")
    make_service_day(today, title="Legal in Spanish", services=[legal], languages=[spanish])
    upcoming = ServiceDayPage.objects.upcoming()
    assert [p.title for p in upcoming.offering(legal)] == ["Legal in Spanish"]
    assert [p.title for p in upcoming.in_language(spanish)] == ["Legal in Spanish"]


@pytest.mark.django_db
def test_a_cancelled_day_must_say_what_changed():
    page = make_service_day(local_today(), publish=False)
    page.status = ServiceDayPage.Status.CANCELLED
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "status_notice" in error.value.message_dict


@pytest.mark.django_db
def test_a_day_must_end_after_it_starts():
    page = make_service_day(local_today(), publish=False)
    page.end_time = datetime.time(9, 0)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "end_time" in error.value.message_dict


@pytest.mark.django_db
def test_each_publish_raises_the_calendar_sequence_and_revisions_never_lower_it():
    page = make_service_day(local_today())
    first = page.ics_sequence
    page.status_notice = "Now in the community room."
    page.status = ServiceDayPage.Status.MOVED
    old_revision = page.latest_revision
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.ics_sequence == first + 1
    old_revision.publish()  # rolling back to an older revision still counts as a change
    page.refresh_from_db()
    assert page.ics_sequence == first + 2


@pytest.mark.django_db
def test_service_days_live_only_under_the_index_and_the_index_only_under_home():
    from cms.models import ContentPage, HomePage
    from events.models import ServiceDayIndexPage

    assert ServiceDayPage.allowed_parent_page_models() == [ServiceDayIndexPage]
    assert ServiceDayIndexPage.allowed_parent_page_models() == [HomePage]
    assert ServiceDayPage.allowed_subpage_models() == []
    assert set(ContentPage.allowed_parent_page_models()) == {HomePage, ContentPage}


@pytest.mark.django_db
def test_moving_a_location_raises_the_sequence_of_its_days():
    page = make_service_day(local_today())
    before = page.ics_sequence
    page.location.street = "1 Other Street"
    page.location.save()
    page.refresh_from_db()
    assert page.ics_sequence == before + 1
