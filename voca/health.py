"""``/healthz`` for the load balancer: may this server take requests? No authentication, no
cookies, no details (the body is one word); what failed is in the log, for the operator.

- ``200 ok``: the database, the private file store and the cache answer.
- ``200 degraded``: the shared cache (Redis) does not answer. Pages are still served (every cache
  read is a miss, voca/cache.py), and the cache is shared by every server, so its failure is not
  this server's: were it a 503, a Redis outage would take every server out of the pool at once and
  the balancer would answer everything with its own 503 while the servers could serve. The
  warning "health check: degraded, cache (…)" is logged on each check, for the operator's alerts.
- ``503 unavailable``: the database or the private file store (the database too, with
  VOCA_FILE_STORE=database) does not answer: nothing useful can be served, so the balancer takes
  the server out (HAProxy in deploy/haproxy.cfg: ``http-check expect status 200``).

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


# Without these the server can serve nothing useful: the balancer takes it out.
REQUIRED = {"database": database_answers, "files": file_store_answers}
# Shared by every server and only an accelerator: the server serves on without it.
DEGRADING = {"cache": caches_answer}


def failures(checks: dict) -> list[str]:
    """The names of the checks that raised, with the error's class (never its message)."""
    failed = []
    for name, check in checks.items():
        try:
            check()
        except Exception as error:  # any failure means "not answering"
            failed.append(f"{name} ({type(error).__name__})")
    return failed


@never_cache
def healthz(request):
    failed = failures(REQUIRED)
    degraded = failures(DEGRADING)
    if failed:
        logger.warning("health check failed: %s", ", ".join(failed + degraded))
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    if degraded:
        logger.warning("health check: degraded, %s", ", ".join(degraded))
        return HttpResponse("degraded\n", content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
