"""Utrecht's ten districts as SVG paths, projected once on the server, shaded by coverage.

The projection is equirectangular with the longitude scaled by the cosine of the middle
latitude: at a city's size that is as true as any map projection, and needs no library.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from matching.reference import district_geojson, districts

WIDTH = 600.0
MARGIN = 6.0
SHADES = 5  # coverage buckets: below 20 %, 40 %, 60 %, 80 %, and 80 % or more

Point = tuple[float, float]


@dataclass(frozen=True)
class DistrictShape:
    """One district's outline as SVG path data, and where its label goes."""

    code: str
    name: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapArea:
    """A district on the coverage map: its shape, its figures and its shade (None: no data)."""

    shape: DistrictShape
    families: int
    covered: int
    shade: int | None

    @property
    def share(self) -> float:
        """Covered families as a share of all, 0 when there are none."""
        return self.covered / self.families if self.families else 0.0


@dataclass(frozen=True)
class DistrictMap:
    """The whole map: its size and its areas."""

    width: float
    height: float
    areas: tuple[MapArea, ...]


def _rings(geometry: Mapping[str, Any]) -> Iterator[list[list[float]]]:
    """Every ring of a Polygon or MultiPolygon."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    for polygon in polygons:
        yield from polygon


@cache
def _projection() -> tuple[float, float, float, float]:
    """West, north, the longitude factor and the scale that fit the city into WIDTH."""
    points = [
        point for f in district_geojson()["features"] for ring in _rings(f["geometry"])
        for point in ring
    ]  # fmt: skip
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    factor = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * factor)
    return west, north, factor, scale


def project(lon: float, lat: float) -> Point:
    """A WGS84 point in the map's SVG coordinates."""
    west, north, factor, scale = _projection()
    return MARGIN + (lon - west) * factor * scale, MARGIN + (north - lat) * scale


def map_height() -> float:
    """The map's height for its fixed width."""
    points = [p for f in district_geojson()["features"] for r in _rings(f["geometry"]) for p in r]
    south = min(p[1] for p in points)
    return round(project(points[0][0], south)[1] + MARGIN, 1)


def _centroid(ring: list[Point]) -> Point:
    """The area centroid of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return ring[0]
    return cx / (3 * area), cy / (3 * area)


@cache
def district_shapes() -> tuple[DistrictShape, ...]:
    """Every district's projected outline, in the order of the reference data."""
    names = {code: district.name for code, district in districts().items()}
    shapes = {}
    for feature in district_geojson()["features"]:
        code = feature["properties"]["code"]
        rings = [
            [project(lon, lat) for lon, lat, *_ in ring] for ring in _rings(feature["geometry"])
        ]
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in rings
        )
        label = _centroid(max(rings, key=len))
        shapes[code] = DistrictShape(code, names.get(code, code), path, *label)
    return tuple(shapes[code] for code in names if code in shapes)


def shade(families: int, covered: int) -> int | None:
    """The coverage bucket 0 … 4, or None when the district has no families."""
    if families <= 0:
        return None
    return min(SHADES - 1, int(covered / families * SHADES))


def coverage_map(by_district: Mapping[str, Mapping[str, int]]) -> DistrictMap:
    """The map shaded by a run's coverage per district (``stats["by_district"]``)."""
    areas = []
    for district in district_shapes():
        figures = by_district.get(district.code, {})
        families, covered = int(figures.get("families", 0)), int(figures.get("covered", 0))
        areas.append(MapArea(district, families, covered, shade(families, covered)))
    return DistrictMap(WIDTH, map_height(), tuple(areas))
