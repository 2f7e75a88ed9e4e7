"""Production: every secret comes from the environment; a missing one stops start-up."""

import os

from django.core.exceptions import ImproperlyConfigured

from voca.crypto import KEYS_HELP, validated_keys

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES, VOCA_FILE_STORE, database_from_env, private_storage_from_env


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set."
        )
    return value


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required_env("ALLOWED_HOSTS").split(",") if h.strip()]
required_env("DATABASE_URL")
# Confidential fields are encrypted with the agency's keys (voca.crypto): no usable key, no start.
if not os.environ.get("VOCA_FIELD_KEYS", "").strip():
    raise ImproperlyConfigured(
        f"The environment variable VOCA_FIELD_KEYS is required in production and is not set. "
        f"{KEYS_HELP}"
    )
VOCA_FIELD_KEYS = validated_keys(os.environ["VOCA_FIELD_KEYS"])
DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
PRIVATE_STORAGE_ROOT = os.environ.get("PRIVATE_STORAGE_ROOT", str(BASE_DIR / "var" / "private"))
STORAGES = {
    **STORAGES,
    # Several app servers: VOCA_FILE_STORE=database (base.py, issue 17).
    "private": private_storage_from_env(VOCA_FILE_STORE, PRIVATE_STORAGE_ROOT),
    # Compressed files with content-hashed names, served by whitenoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only; the TLS-terminating proxy sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
VOCA_REQUIRE_2FA = True

# Password reset needs a mail server: without EMAIL_HOST it is off and the sign-in page says whom
# to ask (VOCA_ACCOUNT_HELP), instead of claiming a message was sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() != "false"
    DEFAULT_FROM_EMAIL = required_env("DEFAULT_FROM_EMAIL")
    SERVER_EMAIL = DEFAULT_FROM_EMAIL
else:
    WAGTAIL_PASSWORD_RESET_ENABLED = False

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "reports"],  # reports: grants.exports.tasks.REPORTS_QUEUE
    }
}

# One JSON object a line (voca/request_log.py): time, level, request id, path without query
# string, status, duration, user id for staff; never a query string, client code, name or note.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "voca.request_log.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.request": {"level": "ERROR"}, "django.server": {"level": "WARNING"}},
}

VOCA_ENVIRONMENT = "production"
