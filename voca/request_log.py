"""Structured production logs: one JSON object a line, and one line per request.

Each line has the time, level, logger, message and, during a request, its id; the request line
adds the method, the path WITHOUT its query string (a search or look-up can carry a client code),
the status, the duration and, for a signed-in staff member, the user id (never a name). An
exception is written as its class and the places it passed through, never its message, which can
quote a value (a constraint's DETAIL names the row). ``/healthz`` is not logged: the load balancer
asks every few seconds.
"""

import contextvars
import datetime as dt
import json
import logging
import re
import time
import traceback
import uuid

from django.utils.functional import empty

logger = logging.getLogger("voca.request")
request_id_var = contextvars.ContextVar("voca_request_id", default=None)
# An id the load balancer sent is kept when it looks like one (no room for a value to ride in).
REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
UNLOGGED_PATHS = frozenset({"/healthz"})
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_id")


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage() if record.name == logger.name else _message(record),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            entry["exception"] = kind.__name__
            entry["trace"] = [
                f"{frame.filename}:{frame.lineno} {frame.name}"
                for frame in traceback.extract_tb(tb)[-8:]
            ]
        return json.dumps(entry, ensure_ascii=False)


def _message(record) -> str:
    # Django's request loggers put request.path in the message, never the query string; other
    # libraries' messages are kept as they are.
    message = record.getMessage()
    return message.split("?", 1)[0] if record.name.startswith("django.") else message


def _user_id(request):
    user = getattr(request, "user", None)
    # Not loaded during this request (anonymous visitor): reading it now would query the database.
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        request_id = sent if REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if request.path_info not in UNLOGGED_PATHS:
                logger.info(
                    "request",
                    extra={
                        "request_id": request_id,
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "user_id": _user_id(request),
                    },
                )
            return response
        finally:
            request_id_var.reset(token)
