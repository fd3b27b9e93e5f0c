"""Extension points: how a lower app lets the apps above it add to its work without importing
them (imports flow one way: core ← accounts ← indicators ← proposals ← projects ← reviews ←
reports).

A lower app declares a `Hook` where the work happens (the proposal lifecycle declares the
conditions of each transition, the audit log the readable names of actions). A higher app adds
to it in one place only: its `extensions.py`, whose `connect()` its `AppConfig.ready()` calls.
`python manage.py hooks` lists every hook with what is connected to it, in the order it runs.
"""

from collections import defaultdict
from contextlib import contextmanager

_HOOKS = {}


class Hook:
    """A named list of functions (or values) that others add to, optionally per key.

    `keys`, when given, are the only keys accepted (e.g. the lifecycle's transition names), so
    that a misspelt key fails at start-up instead of never running. `single=True` keeps one
    value per key: registering again replaces it.
    """

    def __init__(self, name, doc, *, keyed=False, keys=None, single=False):
        self.name = name
        self.doc = doc
        self.keyed = keyed or keys is not None or single
        self.keys = keys
        self.single = single
        self._entries = defaultdict(list)
        _HOOKS[name] = self

    def _check(self, key):
        if self.keyed and key is None:
            raise ValueError(f"the hook {self.name!r} needs a key")
        if not self.keyed and key is not None:
            raise ValueError(f"the hook {self.name!r} takes no key")
        if self.keys is not None and key not in self.keys:
            raise ValueError(f"unknown key {key!r} for the hook {self.name!r}")

    def register(self, entry, key=None):
        """Add `entry` (under `key`); adding the same entry twice keeps one."""
        self._check(key)
        entries = self._entries[key]
        if self.single:
            entries[:] = [entry]
        elif entry not in entries:
            entries.append(entry)
        return entry

    def unregister(self, entry, key=None):
        """Remove `entry` (tests that add a fake take it away again)."""
        entries = self._entries.get(key, [])
        if entry in entries:
            entries.remove(entry)

    def get(self, key=None):
        """The entries of `key`, in the order they were added."""
        return list(self._entries.get(key, []))

    def one(self, key, default=None):
        """The single entry of `key` (for hooks with `single=True`)."""
        entries = self._entries.get(key)
        return entries[0] if entries else default

    def __iter__(self):
        return iter(self.get())

    @contextmanager
    def cleared(self):
        """Nothing registered inside the block; what was there comes back after it (tests of a
        lower app run without what the apps above add)."""
        saved = self._entries
        self._entries = defaultdict(list)
        try:
            yield self
        finally:
            self._entries = saved

    @contextmanager
    def overridden(self, entry, key=None):
        """`entry` as the only entry of `key` inside the block (tests put fakes in place)."""
        self._check(key)
        saved = self._entries.get(key)
        self._entries[key] = [entry]
        try:
            yield self
        finally:
            if saved is None:
                self._entries.pop(key, None)
            else:
                self._entries[key] = saved

    def items(self):
        """(key, entries) for every key with something registered."""
        return [(key, list(entries)) for key, entries in self._entries.items() if entries]


def all_hooks():
    """Every hook declared so far, by name."""
    return dict(sorted(_HOOKS.items()))


def describe(entry):
    """How `manage.py hooks` names an entry: the function's dotted name, or the value."""
    if callable(entry):
        module = getattr(entry, "__module__", "")
        name = getattr(entry, "__qualname__", repr(entry))
        return f"{module}.{name}" if module else name
    return repr(entry)
