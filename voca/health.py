"""``/healthz`` for the load balancer: 200 when the database, every cache and the private file
store answer, 503 otherwise. No authentication, no cookies, no details (the body is one word):
what failed is in the log, for the operator.

``HealthCheckMiddleware`` answers it before sessions, the staff idle timeout, the HTTPS redirect
and the host check, so no cookie is ever set and a load balancer may ask by IP address."""

import logging

from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("voca.health")


def database_answers() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def caches_answer() -> None:
    for alias in caches:
        cache = caches[alias]
        ping = getattr(cache, "ping", None)
        if ping is not None:
            ping()


def file_store_answers() -> None:
    storage = storages["private"]
    check = getattr(storage, "health_check", None)
    if check is not None:
        check()
        return
    import os

    # A local folder: it must exist (or be creatable) and be writable by this server.
    location = storage.location
    os.makedirs(location, exist_ok=True)
    if not os.access(location, os.W_OK | os.X_OK):
        raise OSError("private file store not writable")


CHECKS = {"database": database_answers, "cache": caches_answer, "files": file_store_answers}


@never_cache
def healthz(request):
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means "not healthy"
            failed.append(f"{name} ({type(error).__name__})")
    if failed:
        logger.warning("health check failed: %s", ", ".join(failed))
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
