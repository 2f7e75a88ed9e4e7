"""Two of Wagtail 8's own admin views answer 500 to an empty POST; these make them refuse it.

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


def apply():
    URLOrAbsolutePathField.to_python = _url_or_path_to_python
    ChooserCreateView.post = _chooser_create_post
