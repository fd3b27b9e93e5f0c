"""Texts with placeholders that people edit: decision letters and the messages of the system.

A placeholder is a word in braces, e.g. {reference}. Only the words a text is allowed are
replaced; any other brace is left as it stands, so that a stray "{" never breaks a message.
Nothing else is interpreted (no template tags, no attribute lookups): an edited text reaches
only the values it is given, never the database. A placeholder the text may not use is refused
when the text is saved, by name (`unknown_placeholders`).
"""

import re

from django.utils.translation import gettext

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# What looks like a placeholder, attribute or index included ({lead.email}, {values[0]}): each
# must be a known name, so that such a text is refused rather than sent with its braces.
CANDIDATE = re.compile(r"\{\s*([\w.\[\]]+)\s*\}")


def unknown_placeholders(text, known):
    """The placeholders of `text` that are not in `known`, each once, in order."""
    found = []
    for name in CANDIDATE.findall(text or ""):
        if name not in known and name not in found:
            found.append(name)
    return found


def unknown_message(names, known):
    """The message refusing unknown placeholders, naming them and the ones that exist."""
    return gettext("Unknown placeholders: %(unknown)s. Use only %(known)s.") % {
        "unknown": ", ".join(f"{{{name}}}" for name in names),
        "known": ", ".join(f"{{{name}}}" for name in known),
    }


def render(text, values):
    """`text` with each placeholder of `values` replaced by its value."""

    def replace(match):
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def render_paragraphs(text, values):
    """`text` rendered, leaving out a paragraph (lines between blank lines) whose placeholders
    all stand for nothing, e.g. "Comment: {comment}" when there is no comment."""
    kept = []
    for paragraph in re.split(r"\n\s*\n", (text or "").strip()):
        names = PLACEHOLDER.findall(paragraph)
        if names and not any(str(values.get(name) or "") for name in names):
            continue
        kept.append(render(paragraph, values))
    return "\n\n".join(kept)


def from_catalogue(text):
    """A catalogue sentence ("%(reference)s was submitted") written with placeholders
    ("{reference} was submitted"): how the system's own messages read in the editor."""
    return re.sub(r"%\((\w+)\)s", r"{\1}", str(text)).replace("%%", "%")
