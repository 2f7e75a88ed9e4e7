"""Template context for every page: the site-content version that cached fragments are keyed on."""

from django.utils.functional import SimpleLazyObject


def content_version(request):
    from .models import ContentVersion

    # Read only when a template uses it, and once per request.
    return {"content_version": SimpleLazyObject(lambda: ContentVersion.for_request(request))}
