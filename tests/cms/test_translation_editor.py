"""Publishing from the translation editor says only what is true: "Published … in Español" when
every text the editor shows is translated, a warning when one really is missing."""

import datetime
import html
import json
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Locale, Page

from tests.factories import make_content_page, make_service_day, make_user
from tests.helpers import at, login, moment, synchronise_languages


def _open_spanish_editor(client, page):
    """Translate → Español, as the page's ⋯ menu does; returns the Spanish page and the texts
    the translation editor shows (its segments, from the editor's own props)."""
    spanish = Locale.objects.get(language_code="es")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [spanish.pk]},
    )
    assert response.status_code == 302
    target = page.get_translation(spanish)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', editor.text).group(1)))
    return target, [s for s in props["segments"] if s["type"] == "string"]


def _translate(client, segment):
    response = client.put(
        segment["editUrl"], f"value=ES+{segment['id']}", "application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201)


def _publish(client, target):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"}
    )
    assert response.status_code == 302
    return [html.unescape(str(m)).strip() for m in get_messages(response.wsgi_request)]


def _pages():
    return {
        "service day": lambda: make_service_day(
            datetime.date(2026, 12, 9),
            title="Service day at Carpenter",
            what_to_bring="Photo ID\nPolice report number",
            body="<p>Drop in at any time.</p>",
        ),
        "content page": lambda: make_content_page(intro="What you are entitled to."),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["service day", "content page"])
def test_every_text_shown_translated_publishes_without_a_missing_warning(client, roles, kind):
    login(client, make_user("eddie", "Editor"))
    with at(moment(2026, 12, 1)):
        page = _pages()[kind]()
        synchronise_languages()
        target, segments = _open_spanish_editor(client, page)
        # What a translator sees on the editor's Content tab: every one translated.
        shown = [s for s in segments if s["location"]["tab"] == "content"]
        assert shown
        for segment in shown:
            _translate(client, segment)
        messages = _publish(client, target)
    assert len(messages) == 1
    assert messages[0].startswith("Published '") and messages[0].endswith("in Español.")
    assert "missing" not in messages[0]
    # The Spanish page keeps the English address under /es/ (a translator translates words).
    published = Page.objects.get(pk=target.pk)
    assert published.live
    assert published.slug == page.slug


@pytest.mark.django_db
def test_a_text_really_left_untranslated_is_still_reported_missing(client, roles):
    login(client, make_user("eddie", "Editor"))
    with at(moment(2026, 12, 1)):
        page = _pages()["service day"]()
        synchronise_languages()
        target, segments = _open_spanish_editor(client, page)
        items = [s for s in segments if s["contentPath"].startswith("what_to_bring")]
        for segment in segments:
            if segment is not items[-1]:
                _translate(client, segment)
        messages = _publish(client, target)
    assert len(messages) == 1
    assert "with missing translations" in messages[0]
