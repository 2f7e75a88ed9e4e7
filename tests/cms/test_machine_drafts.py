"""Translated snippets (services, languages, site texts) a machine drafted: marked "machine draft
— needs review" in the admin until someone who may change them approves them."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale, Page

from cms.models import MachineTranslation, SiteTexts
from cms.operations import approve_translation, mark_machine_draft
from tests.factories import make_content_page, make_service, make_user
from tests.helpers import login, migrate_to
from voca.i18n import translate_snippet
from voca.roles import EDITOR, SUPERVISOR

pytestmark = pytest.mark.django_db

NOTICE = "Machine draft — needs review by a qualified translator"


@pytest.fixture
def spanish_service():
    english = make_service("Safety planning", slug="safety-planning")
    translate_snippet(english, "es", {"name": "Plan de seguridad"})
    return english.get_translation(Locale.objects.get(language_code="es"))


def approve_url(service):
    return f"/admin/translations/events/service/{service.pk}/approve/"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_machine_translated_snippet_is_marked_and_its_source_is_not(spanish_service):
    assert MachineTranslation.needs_review_for(spanish_service)
    english = spanish_service.get_translation(Locale.get_default())
    assert not MachineTranslation.objects.of(english).exists()


def test_an_editor_sees_the_mark_and_approves_it_into_the_snippet_s_history(
    client, roles, spanish_service
):
    editor = make_user("eddie", EDITOR)
    login(client, editor)
    edit_url = f"/admin/snippets/events/service/edit/{spanish_service.pk}/"
    edit = client.get(edit_url).content.decode()
    assert NOTICE in edit
    assert "Approve translation (machine draft)" in edit  # in the editor's action menu
    listing = client.get("/admin/snippets/events/service/?locale=es").content.decode()
    assert f"{NOTICE}: approve" in listing
    assert "Plan de seguridad" in client.get(approve_url(spanish_service)).content.decode()

    response = client.post(approve_url(spanish_service))
    assert response.status_code == 302 and response["Location"] == edit_url
    draft = MachineTranslation.objects.of(spanish_service).get()
    assert draft.approved_by == editor and draft.approved_at is not None
    entry = log_registry.get_logs_for_instance(spanish_service).get()
    assert (entry.action, entry.user) == ("cms.approve_translation", editor)
    history = client.get(f"/admin/snippets/events/service/history/{spanish_service.pk}/")
    assert "Approve translation" in history.content.decode()
    assert NOTICE not in client.get(edit_url).content.decode()
    listing = client.get("/admin/snippets/events/service/?locale=es").content.decode()
    assert f"{NOTICE}: approve" not in listing


def test_someone_who_may_not_change_the_snippet_gets_403_and_nothing_changes(
    client, roles, spanish_service
):
    supervisor = make_user("sue", SUPERVISOR)
    login(client, supervisor)
    assert client.get(approve_url(spanish_service)).status_code == 403
    assert client.post(approve_url(spanish_service)).status_code == 403
    with pytest.raises(PermissionDenied):
        approve_translation(spanish_service, actor=supervisor)
    assert MachineTranslation.needs_review_for(spanish_service)
    assert not log_registry.get_logs_for_instance(spanish_service).exists()


def test_approving_twice_says_it_is_no_longer_a_draft(client, roles, spanish_service):
    editor = make_user("eddie", EDITOR)
    login(client, editor)
    client.post(approve_url(spanish_service), follow=True)  # its message shown and gone
    approved_at = MachineTranslation.objects.of(spanish_service).get().approved_at
    response = client.post(approve_url(spanish_service), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/edit/{spanish_service.pk}/")
    assert "This service is not a machine draft awaiting review." in response.content.decode()
    assert MachineTranslation.objects.of(spanish_service).get().approved_at == approved_at
    assert log_registry.get_logs_for_instance(spanish_service).count() == 1


def test_an_approved_translation_offers_no_approval_and_its_page_says_why(
    client, roles, spanish_service
):
    editor = make_user("eddie", EDITOR)
    login(client, editor)
    page = client.get(approve_url(spanish_service)).content.decode()
    assert "Approve: reviewed by a qualified translator" in page  # while it is a draft
    approve_translation(spanish_service, actor=editor)
    response = client.get(approve_url(spanish_service))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This service is not a machine draft awaiting review." in page
    assert "Approve: reviewed by a qualified translator" not in page
    edit = client.get(f"/admin/snippets/events/service/edit/{spanish_service.pk}/")
    assert "Approve translation (machine draft)" not in edit.content.decode()


def test_a_translation_nobody_marked_cannot_be_approved(client, roles, spanish_service):
    english = spanish_service.get_translation(Locale.get_default())
    login(client, make_user("eddie", EDITOR))
    response = client.post(f"/admin/translations/events/service/{english.pk}/approve/")
    assert messages_of(response) == ["This service is not a machine draft awaiting review."]
    assert not MachineTranslation.objects.of(english).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/translations/events/service/987654/approve/",  # no such row
        "/admin/translations/events/service/x/approve/",  # not an id
        "/admin/translations/events/nosuchmodel/1/approve/",
        "/admin/translations/auth/user/1/approve/",  # not translatable
        "/admin/translations/cms/machinetranslation/1/approve/",
        "/admin/pages/987654/approve-translation/",
    ],
)
def test_unknown_objects_are_404(client, roles, path):
    login(client, make_user("eddie", EDITOR))
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


def test_the_site_texts_translation_is_approved_by_an_editor(client, roles):
    english = SiteTexts.objects.create(locale=Locale.get_default())
    translate_snippet(english, "bs", {"emergency_note": "U hitnom slučaju nazovite 911."})
    bosnian = english.get_translation(Locale.objects.get(language_code="bs"))
    editor = make_user("eddie", EDITOR)
    login(client, editor)
    edit_url = f"/admin/snippets/cms/sitetexts/edit/{bosnian.pk}/"
    assert NOTICE in client.get(edit_url).content.decode()
    client.post(f"/admin/translations/cms/sitetexts/{bosnian.pk}/approve/")
    assert MachineTranslation.objects.of(bosnian).get().approved_by == editor
    assert NOTICE not in client.get(edit_url).content.decode()


def test_a_deleted_object_takes_its_mark_with_it(spanish_service):
    page = make_content_page()
    mark_machine_draft(page)
    assert MachineTranslation.objects.count() == 2
    spanish_service.delete()
    Page.objects.get(pk=page.pk).delete()  # the base page row: its specific row goes with it
    assert MachineTranslation.objects.count() == 0


# --- The marks of an installation made before snippets could be marked (cms 0007-0009) ---------

BEFORE = [("cms", "0006_site_texts")]


@pytest.fixture
def _back_to_the_latest_schema():
    yield
    migrate_to()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_back_to_the_latest_schema")
def test_page_marks_survive_the_migration_both_ways():
    drafted, reviewed = make_content_page("Drafted"), make_content_page("Reviewed")
    old = migrate_to(BEFORE)
    OldMark = old.get_model("cms", "MachineTranslation")
    OldMark.objects.create(page_id=drafted.pk)
    OldMark.objects.create(page_id=reviewed.pk, approved_at="2026-11-02T12:00:00Z")

    migrate_to()
    assert MachineTranslation.needs_review_for(drafted)
    assert MachineTranslation.objects.of(reviewed).get().approved_at is not None
    assert not MachineTranslation.needs_review_for(Page.objects.get(pk=reviewed.pk))

    old = migrate_to(BEFORE)
    marks = old.get_model("cms", "MachineTranslation").objects.order_by("page_id")
    assert [(m.page_id, m.approved_at is not None) for m in marks] == [
        (drafted.pk, False),
        (reviewed.pk, True),
    ]
