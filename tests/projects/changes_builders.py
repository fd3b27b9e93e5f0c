"""Change requests for the tests: a funded project's approved grid, a reallocation that moves
an amount between two of its cells, an extension, each started through the service."""

import datetime
from decimal import Decimal

from projects.changes import checks
from projects.changes import services as change_services
from projects.models import ChangeKind


def grid_of(project):
    return checks.approved_grid(project.award)


def moved_grid(project, amount):
    """The approved grid with `amount` moved from its largest cell to another category of the
    same fiscal year, both without a cap or a fixed share."""
    grid = dict(grid_of(project))
    free = [
        category.pk
        for category in project.call.budget_categories.all()
        if category.allowed and category.cap_percent is None and category.fixed_percent is None
    ]
    source = max((key for key in grid if key[0] in free), key=grid.get)
    target = (next(pk for pk in free if pk != source[0]), source[1])
    grid[source] -= Decimal(amount)
    grid[target] = grid.get(target, Decimal(0)) + Decimal(amount)
    return {checks.cell_key(*key): value for key, value in grid.items()}


def start_reallocation(project, actor, amount="1000.00", reason="Prices went up."):
    return change_services.start_change(
        proposal=project,
        actor=actor,
        kind=ChangeKind.BUDGET,
        reason=reason,
        budget=moved_grid(project, amount),
    )


def start_extension(project, actor, months=3, reason="The survey season was flooded."):
    ends_on = project.award.ends_on
    return change_services.start_change(
        proposal=project,
        actor=actor,
        kind=ChangeKind.EXTENSION,
        reason=reason,
        new_ends_on=ends_on + datetime.timedelta(days=30 * months),
    )
