"""Local development: debug on, a fixed non-secret key, mail to the console."""

from voca.crypto import local_key_file_keys

from .base import *  # noqa: F403

DEBUG = True
# Development only; production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = "dev-only-not-secret-voca"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The demo's field keys: made on first run in ~/.local/share/voca/field-keys (or the file named
# by VOCA_FIELD_KEYS_FILE), outside the repository, unless VOCA_FIELD_KEYS is set.
VOCA_FIELD_KEYS = VOCA_FIELD_KEYS or local_key_file_keys()  # noqa: F405
