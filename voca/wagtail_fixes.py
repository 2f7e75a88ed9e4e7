"""Two of Wagtail 8's own admin views answer 500 to an empty POST; these make them refuse it.
And wagtail-localize's tree synchronisation skips raw saves (fixtures, a test database restored
by serialized rollback), where the locale it syncs from may not be loaded yet. And Wagtail's
``Locale.get_active`` (page routing, ``.localized``) reads the request's locales once
(voca.locales) rather than querying on every call.

Applied once at start-up (VocaConfig.ready). Each is covered by the role-by-URL walk in
tests/voca/test_sign_in_paths.py, which fails if Wagtail changes under them."""

from django.http import Http404
from wagtail.admin.forms.choosers import URLOrAbsolutePathField
from wagtail.admin.views.generic.chooser import CreateView as ChooserCreateView


def _url_or_path_to_python(self, value, _original=URLOrAbsolutePathField.to_python):
    # A form posted without the field hands None to a validator that calls value.startswith().
    return _original(self, "" if value is None else value)


def _chooser_create_post(self, request, *args, _original=ChooserCreateView.post, **kwargs):
    # A chooser without a creation form offers no "create" tab; a POST to it is not a page.
    if self.get_creation_form_class() is None:
        raise Http404
    return _original(self, request, *args, **kwargs)


def _sync_trees_unless_raw(instance, raw=False, **kwargs):
    if not raw:
        instance.sync_trees()


def _active_locale(cls):
    from voca.locales import active_locale, default_locale

    try:
        return active_locale()
    except (cls.DoesNotExist, LookupError):
        return default_locale()


def apply():
    from wagtail.models import Locale

    Locale.get_active = classmethod(_active_locale)
    URLOrAbsolutePathField.to_python = _url_or_path_to_python
    ChooserCreateView.post = _chooser_create_post

    from django.db.models.signals import post_save
    from wagtail_localize import models as localize

    post_save.disconnect(localize.sync_trees_on_locale_sync_save, localize.LocaleSynchronization)
    post_save.connect(
        _sync_trees_unless_raw,
        localize.LocaleSynchronization,
        dispatch_uid="voca-sync-trees-unless-raw",
    )
