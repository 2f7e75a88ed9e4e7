"""Template context for every page: the site-content version that cached fragments are keyed on."""

from django.utils.functional import SimpleLazyObject

FRAGMENT_SECONDS = 86400


def content_version(request):
    """``content_version`` for fragment keys, and ``fragment_seconds``: how long a fragment
    rendered now may be kept. Only a request that read the version before anything else (public
    pages, see voca.page_cache.PublicPageCacheMiddleware) may store one; others (previews, admin)
    may reuse fragments but never store them, since what they rendered may predate the version
    they read.
    """
    from .models import ContentVersion

    read_first = getattr(request, "content_version_read_first", False)
    return {
        # Read only when a template uses it, and once per request.
        "content_version": SimpleLazyObject(lambda: ContentVersion.for_request(request)),
        "fragment_seconds": FRAGMENT_SECONDS if read_first else 0,
    }
