"""Server settings for benchmarks: production-like (DEBUG off, whitenoise, the same middleware)
but on a throw-away database given by the benchmark script, and with a minimal "ok" view."""

import os
from pathlib import Path

from voca.crypto import local_key_file_keys
from voca.settings.base import *  # noqa: F403
from voca.settings.base import (
    STORAGES,
    VOCA_FIELD_KEYS,
    VOCA_FILE_STORE,
    database_from_env,
    private_storage_from_env,
)

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
DATABASES = {
    "default": database_from_env(Path(os.environ.get("VOCA_BENCH_SQLITE", "var/bench.sqlite3")))
}
# Persistent connections, as production has for PostgreSQL (dj-database-url conn_max_age=60).
DATABASES["default"]["CONN_MAX_AGE"] = 60
VOCA_ENVIRONMENT = "benchmark"
# The same key file as the development settings that built the benchmark's database.
VOCA_FIELD_KEYS = VOCA_FIELD_KEYS or local_key_file_keys()
# Each server of bench/multi_server.py has folders of its own (no disk shared between them).
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "var/media")
PRIVATE_STORAGE_ROOT = os.environ.get("PRIVATE_STORAGE_ROOT", "var/private")
STORAGES = {**STORAGES, "private": private_storage_from_env(VOCA_FILE_STORE, PRIVATE_STORAGE_ROOT)}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
    # The worker's one line when it loses the database (bench/multi_server.py looks for it).
    "loggers": {"voca.worker": {"level": "WARNING"}},
}
