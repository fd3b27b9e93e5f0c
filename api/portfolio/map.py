"""The portfolio's map, drawn on the server as SVG from the municipalities' shipped points
(accounts/data/README.md): no tiles and no internet needed. A degree grid gives the bearings;
each municipality is a dot whose size grows with its number of projects, linked to its entry in
the list under the map (which says everything the map shows, for readers who cannot see it).
Behind them, Thailand's outline from Natural Earth (public domain; static/maps/README.md)."""

import json
import math
from dataclasses import dataclass
from functools import cache

from django.conf import settings

# Thailand's extent with a margin, in degrees.
WEST, EAST, SOUTH, NORTH = 97.0, 106.0, 5.5, 20.7
WIDTH = 360
SCALE = WIDTH / (EAST - WEST)
HEIGHT = round((NORTH - SOUTH) * SCALE / math.cos(math.radians(13)))


OUTLINE = settings.BASE_DIR / "static" / "maps" / "thailand.geojson"


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


@cache
def outline():
    """Thailand's outline as the `d` of one SVG path, in the map's projection (read once)."""
    geometry = json.loads(OUTLINE.read_text())
    rings = (ring for polygon in geometry["coordinates"] for ring in polygon)
    return "".join(
        "M" + "L".join("{},{}".format(*position(lat, lon)) for lon, lat in ring) + "Z"
        for ring in rings
    )
