""" "What to bring" is a list of short items: translators translate each item on its own, and the
upgrade turns every page's text (one item per line), in every language, into those items."""

import datetime
import re

import pytest
from django.db import connection
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from events.models import ServiceDayPage
from tests.factories import make_service_day
from tests.helpers import at, migrate_to, moment, synchronise_languages
from voca.i18n import translate_page

BEFORE = [("events", "0006_translatable_places_constraints")]
AFTER = [("events", "0007_what_to_bring_one_item_per_block")]


@pytest.mark.django_db
def test_each_item_is_its_own_segment_and_a_translation_keeps_its_items(client):
    with at(moment(2026, 12, 1)):
        day = make_service_day(
            datetime.date(2026, 12, 9),
            title="Carpenter day",
            what_to_bring="Photo ID\nPolice report number",
        )
        synchronise_languages()
        source, _ = TranslationSource.get_or_create_from_instance(day)
        segments = [
            segment
            for segment in StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            )
            if segment.context.path.startswith("what_to_bring")
        ]
        assert [segment.string.data for segment in segments] == [
            "Photo ID",
            "Police report number",
        ]
        spanish = Locale.objects.get(language_code="es")
        translation = Translation.objects.create(source=source, target_locale=spanish)
        words = {
            "Photo ID": "Identificación con foto",
            "Police report number": "Número del informe policial",
        }
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=spanish,
                context=segment.context,
                data=words.get(segment.string.data, f"ES {segment.string.data}"),
            )
        translation.save_target(publish=True)
        page = ServiceDayPage.objects.get(translation_key=day.translation_key, locale=spanish)
        html = client.get(page.url).content.decode()
    bring = re.search(r'<h2 id="bring">.*?</ul>', html, re.S).group(0)
    assert re.findall(r"<li>([^<]*)</li>", bring) == [
        "Identificación con foto",
        "Número del informe policial",
    ]


@pytest.fixture
def _back_to_the_latest_schema():
    """The tests after this one expect every migration applied."""
    yield
    migrate_to()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_upgrade_keeps_every_page_s_items_in_every_language(_back_to_the_latest_schema):
    with at(moment(2026, 12, 1)):
        day = make_service_day(datetime.date(2026, 12, 9), title="Carpenter day")
        synchronise_languages()
        translate_page(day, "es", {"title": "Día en Carpenter"})
    pages = dict(
        ServiceDayPage.objects.filter(translation_key=day.translation_key).values_list(
            "locale__language_code", "pk"
        )
    )
    migrate_to(BEFORE)
    texts = {"en": "Photo ID\n\nPolice report number\n", "es": "Una foto\r\nEl informe", "bs": ""}
    with connection.cursor() as cursor:
        for code, text in texts.items():
            cursor.execute(
                "UPDATE events_servicedaypage SET what_to_bring = %s WHERE page_ptr_id = %s",
                [text, pages[code]],
            )

    migrate_to(AFTER)

    items = {
        code: ServiceDayPage.objects.get(pk=pk).what_to_bring_items for code, pk in pages.items()
    }
    assert items == {
        "en": ["Photo ID", "Police report number"],
        "es": ["Una foto", "El informe"],
        "bs": [],
    }
