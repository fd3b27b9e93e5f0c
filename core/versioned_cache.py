"""Caches invalidated by versions: what a page computed is kept under a key that carries the
current version of its scope (a programme), and any change to what it shows replaces that
version, so a reader gets either the figures of the current data or computes them again, never
stale ones.

A version is also kept for the whole cache (scope `EVERYTHING`), part of every key: changes
that reach every scope (a municipality renamed, a fiscal year) replace it. Receivers of the
changes that matter call `forget`; every process of the site shares the cache (Redis, or files
under var/cache: config/settings.py), so a version replaced in one is seen by all.
"""

import collections
import hashlib
import time

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

EVERYTHING = "all"


def shared():
    """Whether the cache is one for every process (Redis with `CACHE_URL`, or the default files
    under var/cache): a process's own cache (local memory, as in the tests) would not hear of a
    change made in another process, so what only a shared cache may keep is not kept there."""
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


class VersionedCache:
    """Values of `name` kept per scope for `seconds`, under the scope's current version.

    With `in_process`, each process also keeps that many of the values it read last, by key
    (which carries the versions): a hit then costs the read of the versions only, not the
    value's and its unpickling. Only for values no reader changes.

    With `shared_only`, values are kept only in a cache every process shares (`shared`): where
    a change made in one process would not reach the others' keys, they are computed every
    time."""

    def __init__(self, name, seconds, *, in_process=0, shared_only=False):
        self.name = name
        self.seconds = seconds
        self.in_process = in_process
        self.shared_only = shared_only
        self._read = collections.OrderedDict()

    def _version_key(self, scope):
        return f"{self.name}:version:{scope}"

    def version(self, scope):
        """The current version of `scope` (a new one when none is kept: a time, so that it
        never repeats one used before the cache lost it)."""
        key = self._version_key(scope)
        current = cache.get(key)
        if current is None:
            cache.add(key, time.time_ns(), None)
            current = cache.get(key)
        return current

    def key(self, scope, *parts):
        """A cache key of `scope` under its current version and the whole cache's (both read
        in one round trip when the cache has them)."""
        digest = hashlib.sha256("\0".join(str(part) for part in parts).encode()).hexdigest()[:32]
        keys = [self._version_key(scope), self._version_key(EVERYTHING)]
        found = cache.get_many(keys)
        own, every = (found.get(key) for key in keys)
        own = self.version(scope) if own is None else own
        every = self.version(EVERYTHING) if every is None else every
        return f"{self.name}:{scope}:{own}.{every}:{digest}"

    def get_or_compute(self, scope, parts, compute):
        """The value kept under `parts` of `scope`, or `compute()` kept there now."""
        if self.shared_only and not shared():
            return compute()
        key = self.key(scope, *parts)
        if not self.in_process:
            return cache.get_or_set(key, compute, self.seconds)
        read_at, value = self._read.pop(key, (0, None))
        if value is None or time.monotonic() - read_at >= self.seconds:
            value = cache.get_or_set(key, compute, self.seconds)
            read_at = time.monotonic()
        self._read[key] = (read_at, value)
        while len(self._read) > self.in_process:
            self._read.popitem(last=False)
        return value

    def forget(self, scope=EVERYTHING):
        """Drop what is kept for `scope` (everything by default) now, and again once the
        transaction commits (a reader in between still sees the old rows and may cache them
        under the new version)."""
        key = self._version_key(scope)

        def renew():
            cache.set(key, time.time_ns(), None)

        renew()
        transaction.on_commit(renew)
