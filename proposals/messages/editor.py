"""What the editor of a message shows, for a programme's text and the site's alike: the
default texts it starts from and the preview of a text with example values."""

from accounts.notifications import templates
from accounts.notifications.kinds import sample


def previews(kind, texts):
    """Each language's title and body rendered with the sample values."""
    shown = []
    for language in templates.LANGUAGES:
        values = {name: sample(name, language) for name in kind.placeholders()}
        title, body = templates.render_texts(
            texts[f"title_{language}"], texts[f"body_{language}"] or "", values
        )
        shown.append({"language": language, "title": title, "body": body})
    return shown


def default_texts(kind):
    """The four fields of the system's default text of `kind`."""
    texts = {}
    for language in templates.LANGUAGES:
        default = kind.default_texts(language)
        texts[f"title_{language}"] = default["title"]
        texts[f"body_{language}"] = default["body"]
    return texts
