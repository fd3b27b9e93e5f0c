"""Links to documents from the pages of any app, without that app knowing who makes them.

A page of a lower app (a proposal, a call, a programme…) shows a "Documents" menu through the
template tag `{% document_links "proposal" proposal %}`. The menu's entries come from the
functions registered for that slot: `register_links("proposal", fn)`, where
`fn(user, obj)` returns a list of `Link`. The reports app registers one function per slot (in
`reports/extensions.py`), so accounts, indicators, proposals and reviews never import it.
"""

from dataclasses import dataclass

from core.hooks import Hook

LINKS = Hook(
    "accounts.links",
    "Entries of a page's Documents menu, per slot: fn(user, obj) -> [Link].",
    keyed=True,
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    icon: str = ""  # a short mark shown beside the label, e.g. "pdf" or "xlsx"


def register_links(slot, fn):
    """Let `fn(user, obj) -> list[Link]` add entries to the menu of `slot`; once per function."""
    return LINKS.register(fn, key=slot)


def unregister_links(slot, fn):
    """Take `fn` off `slot` (tests register functions of their own and remove them after)."""
    LINKS.unregister(fn, key=slot)


def links_for(slot, user, obj):
    """Every link the functions of `slot` offer `user` for `obj`, in the order registered."""
    if user is None or not user.is_authenticated or obj is None:
        return []
    return [link for fn in LINKS.get(slot) for link in fn(user, obj)]
