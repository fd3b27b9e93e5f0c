"""The portfolio's map, drawn on the server as SVG from the municipalities' shipped points
(accounts/data/README.md): no tiles and no internet needed. A degree grid gives the bearings;
each municipality is a dot whose size grows with its number of projects, linked to its entry in
the list under the map (which says everything the map shows, for readers who cannot see it)."""

import math
from dataclasses import dataclass

# Thailand's extent with a margin, in degrees.
WEST, EAST, SOUTH, NORTH = 97.0, 106.0, 5.5, 20.7
WIDTH = 360
SCALE = WIDTH / (EAST - WEST)
HEIGHT = round((NORTH - SOUTH) * SCALE / math.cos(math.radians(13)))


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    town: object
    projects: list


def position(latitude, longitude):
    """(x, y) in the SVG of a point (an equirectangular projection at 13° N)."""
    x = (float(longitude) - WEST) * SCALE
    y = (NORTH - float(latitude)) * HEIGHT / (NORTH - SOUTH)
    return round(x, 1), round(y, 1)


def dots(points):
    """[Dot] for [(municipality, projects)] (see selectors.map_points)."""
    return [
        Dot(
            *position(town.latitude, town.longitude),
            r=4 + 2 * min(len(projects), 5),
            town=town,
            projects=projects,
        )
        for town, projects in points
    ]


def grid():
    """The degree lines every 2°, with their labels: [(x1, y1, x2, y2, label)]."""
    lines = []
    for longitude in range(98, 106, 2):
        x, _y = position(SOUTH, longitude)
        lines.append((x, 0, x, HEIGHT, f"{longitude}°E"))
    for latitude in range(6, 21, 2):
        _x, y = position(latitude, WEST)
        lines.append((0, y, WIDTH, y, f"{latitude}°N"))
    return lines
