"""While the database is down, every request answers 503 with Retry-After and a plain page.

Django hands any exception no view or middleware caught to ``handler500`` (voca/urls.py names
this); a lost database connection is a temporary outage, not an error in the product, so it gets
``503 Service Unavailable`` and a page rendered from a template that needs no database (no
request context, so no context processor queries; ``{% translate %}`` follows the language the
request was answered in). Anything else is the usual 500 page. Nothing half-written remains:
every operation is one transaction, which PostgreSQL rolls back when the connection drops.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as default_server_error

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(error) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


def unavailable_response() -> HttpResponse:
    response = HttpResponse(
        render_to_string("voca/unavailable.html", {"retry_after": RETRY_AFTER_SECONDS}),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    if is_outage(sys.exc_info()[1]):
        return unavailable_response()
    return default_server_error(request, template_name)
