"""What the technology catalogue page shows that `indicators` does not know: where each
technology is used. The apps above answer through `register_technology_uses`, so that
`indicators` never imports them."""

from core.hooks import Hook

TECHNOLOGY_USES = Hook(
    "indicators.technology_uses",
    "Where the catalogue's technologies are used, for its cards: fn(technologies) -> "
    "{technology id: [(municipality, stage label), ...]}, in one query whatever their number.",
)


def register_technology_uses(fn):
    """Add the places a technology is used to its card in the catalogue."""
    return TECHNOLOGY_USES.register(fn)


def with_uses(technologies):
    """The technologies as a list, each with `uses`: the (municipality, stage label) pairs
    the registered functions give, in their order."""
    technologies = list(technologies)
    for technology in technologies:
        technology.uses = []
    for fn in TECHNOLOGY_USES:
        found = fn(technologies)
        for technology in technologies:
            technology.uses += found.get(technology.pk, [])
    return technologies
