"""Test runs: fast hashing, in-memory files, immediate tasks."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
VOCA_ENVIRONMENT = "test"
SECRET_KEY = "test-only-not-secret-voca"  # noqa: S105
# A fixed key for tests only (newest first); tests that rotate or lose keys override it.
VOCA_FIELD_KEYS = ["ZmllbGQta2V5LWZvci10ZXN0cy1vbmx5LW5vdC1zZWM="]
VOCA_LOOKUP_KEY = ""
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_tmp = Path(tempfile.mkdtemp(prefix="voca-test-"))
MEDIA_ROOT = _tmp / "media"
PRIVATE_STORAGE_ROOT = _tmp / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "reports"],
    }
}
# Tests sign in with client.login(), which django-axes cannot watch; its own tests switch it on.
AXES_ENABLED = False
