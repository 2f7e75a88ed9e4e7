"""Gzip for public pages only, never for a response that could carry a secret (BREACH).

Compressing a page that reflects the visitor's input next to a secret (a CSRF token, a session's
data) lets an attacker guess the secret from the compressed sizes. Public pages for anonymous
visitors carry neither: they are compressed; the admin, the back office and anything sent to a
signed-in user, or that set or used a CSRF token, are sent as they are.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


def can_compress(request, response) -> bool:
    """Only anonymous public responses with no CSRF token and no cookie may be compressed."""
    return (
        getattr(response, "voca_public_cache", False)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
        and not request.META.get("CSRF_COOKIE_USED")
        and not response.cookies
    )


class PublicGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (Vary: Accept-Encoding, ETag kept weak), for public pages alone.
    Sits outside the page cache, which stores pages uncompressed and refuses any with Vary."""

    def process_response(self, request, response):
        if not can_compress(request, response):
            return response
        return super().process_response(request, response)
