"""The cache all app servers share (Redis, with REDIS_URL), and what happens when it is down.

A cache is an accelerator, never a record: when Redis does not answer, reads miss and writes are
dropped, so pages are rendered afresh instead of failing; the failure is logged (at most once per
pause) and ``/healthz`` answers 200 "degraded": the operator sees it, the balancer keeps the
server (voca/health.py). After a failure the process leaves Redis alone for ``pause`` seconds, so
a hung Redis costs one timeout, not one per request. Freshness never depends on the cache: page
and fragment keys hold the site-content version read from the database on every request
(voca/page_cache.py, cms/cache.py).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("voca.cache")


class SharedRedisCache(RedisCache):
    """Django's Redis cache that degrades to "always a miss" while Redis is unreachable."""

    pause = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def ping(self) -> None:
        """Raise unless Redis answers now (the health check; ignores the pause)."""
        self._cache.get_client(write=True).ping()
        self._down_until = 0.0

    def _guarded(self, default, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return method(*args, **kwargs)
        except self._cache._lib.exceptions.RedisError as error:
            self._down_until = time.monotonic() + self.pause
            # The class name only: the message could hold a key, and keys hold URLs.
            logger.warning(
                "cache unavailable (%s); serving without it for %ss",
                type(error).__name__,
                self.pause,
            )
            return default

    def add(self, *args, **kwargs):
        return self._guarded(False, super().add, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def set(self, *args, **kwargs):
        return self._guarded(None, super().set, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guarded(False, super().touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guarded(False, super().delete, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._guarded({}, super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guarded(False, super().has_key, *args, **kwargs)

    def set_many(self, keys, *args, **kwargs):
        return self._guarded(list(keys), super().set_many, keys, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guarded(None, super().delete_many, *args, **kwargs)

    def clear(self):
        return self._guarded(False, super().clear)
