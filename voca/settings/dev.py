"""Local development: debug on, a fixed non-secret key, mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
# Development only; production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = "dev-only-not-secret-voca"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
