"""gunicorn settings for production: `gunicorn voca.wsgi -c python:voca.gunicorn_conf`.

gunicorn takes SCRIPT_NAME and PATH_INFO from request headers sent by any address in
``forwarded_allow_ips`` (127.0.0.1 by default, where the proxy sits): a client whose headers the
proxy passes on could then move a request's path. The site is served at the root, so no header
may set either; the proxy's address is the only one trusted for X-Forwarded-Proto."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
# No header sets SCRIPT_NAME, PATH_INFO or REMOTE_USER.
forwarder_headers = ""
# Headers whose names hold an underscore are dropped, never merged with dashed ones.
header_map = "drop"
# Only the TLS-terminating proxy on this machine is trusted for X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
# Path without the query string (a search can hold a client code), no referrer or user agent.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

# The load balancer's health checks every few seconds would drown the access log.
UNLOGGED_PATHS = frozenset({"/healthz"})


def _logger_class():
    from gunicorn.glogging import Logger

    class AccessLogWithoutHealthChecks(Logger):
        def access(self, resp, req, environ, request_time):
            if environ.get("PATH_INFO") not in UNLOGGED_PATHS:
                super().access(resp, req, environ, request_time)

    return AccessLogWithoutHealthChecks


logger_class = _logger_class()
