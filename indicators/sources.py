"""What the opaque keys of the KPI ledger stand for, told by the apps that wrote them.

Ledger rows name their project ("proposals.proposal:12") and their report
("projects.progressreport:40") by keys, so that `indicators` never imports the apps above. The
app above registers, from its `extensions.py`, one resolver per key prefix (the part before
":"); a page then resolves every key it shows in one call, which calls each resolver once with
all its keys, so the number of queries does not grow with the number of rows.
"""

from collections import defaultdict
from dataclasses import dataclass

from core.hooks import Hook


@dataclass(frozen=True)
class Source:
    """How to show a ledger key: a label, a link when the reader may follow one, a detail."""

    label: str
    url: str | None = None
    detail: str = ""


RESOLVERS = Hook(
    "indicators.resolvers",
    "How to show the ledger keys of a prefix: fn(keys) -> {key: Source}.",
    single=True,
)


def register_resolver(prefix, fn):
    """Resolve keys "<prefix>:<id>" with `fn(keys: list[str]) -> {key: Source}`.

    `fn` should read all its keys at once (one or two queries) and may leave out the keys it
    does not know; they fall back to the ledger's label. Registering a prefix again replaces it.
    """
    if not prefix or ":" in prefix:
        raise ValueError(f"a prefix is the part of a key before ':', not {prefix!r}")
    RESOLVERS.register(fn, key=prefix)


def unregister_resolver(prefix):
    """Forget the resolver of `prefix` (tests register fakes and remove them afterwards)."""
    RESOLVERS.unregister(RESOLVERS.one(prefix), key=prefix)


def prefix_of(key):
    prefix, colon, _rest = key.partition(":")
    return prefix if colon else ""


def resolve(keys, labels=None):
    """{key: Source} for every key given, each resolver called once with its keys.

    `labels` ({key: text}) gives the fallback label of a key that no resolver answers — the
    reference the ledger kept (`source_label`); without one the key itself is shown.
    """
    labels = labels or {}
    by_prefix = defaultdict(list)
    for key in dict.fromkeys(keys):
        by_prefix[prefix_of(key)].append(key)
    resolved = {}
    for prefix, group in by_prefix.items():
        fn = RESOLVERS.one(prefix)
        if fn is not None:
            answers = fn(group)
            resolved.update({key: answers[key] for key in group if key in answers})
    return {
        key: resolved.get(key) or Source(label=labels.get(key) or key)
        for key in dict.fromkeys(keys)
    }
