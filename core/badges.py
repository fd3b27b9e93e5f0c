"""Coloured badges for states. Each TextChoices enum shown as a badge declares the colour of
its members beside it, with `@badge_colours(...)`; `{% state_badge %}` (core.templatetags.badges)
prints a state with its colour and label."""

# Bootstrap's contextual colours, as in `text-bg-<colour>`.
COLOURS = ("primary", "secondary", "success", "danger", "warning", "info", "light", "dark")


def badge_colours(default, **colours):
    """Class decorator of a TextChoices enum: the colour of each member's badge, by member
    name; the members not named get `default`.

        @badge_colours("secondary", SUBMITTED="info", ACCEPTED="success")
        class ProgressReportState(models.TextChoices): ...
    """

    def declare(choices):
        unknown = sorted(set(colours) - set(choices.names))
        wrong = sorted({default, *colours.values()} - set(COLOURS))
        if unknown or wrong:
            raise ValueError(f"{choices.__name__}: no member {unknown}, no colour {wrong}")
        choices.badge_colours = {member: colours.get(member.name, default) for member in choices}
        return choices

    return declare
