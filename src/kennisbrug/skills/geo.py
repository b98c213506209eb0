"""Travel distances between regions — an honest approximation.

The project ships no postcode coordinates, so a place is approximated by the
centroid of its PROVINCE polygon (core/data/provinces.geojson). Two places in the
same province are 0 km apart; otherwise the great-circle distance between the two
province centroids. That is coarse (a province is 50–130 km across): it errs on
the generous side inside a province and by up to ~60 km between neighbouring
provinces. Every page that shows a distance says "about" and names this method.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

GEOJSON = Path(__file__).resolve().parent.parent / "core" / "data" / "provinces.geojson"


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a polygon ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


@lru_cache(maxsize=1)
def province_centroids() -> dict[str, tuple[float, float]]:
    """NUTS2 code -> (lat, lon) of the province polygon's centroid."""
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    out = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        total = sx = sy = 0.0
        for polygon in polygons:
            area, x, y = _ring_centroid([p[:2] for p in polygon[0]])
            total += abs(area)
            sx += x * abs(area)
            sy += y * abs(area)
        if total:
            out[feature["properties"]["nuts2_code"]] = (sy / total, sx / total)
    return out


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def province_distance_km(a: str | None, b: str | None) -> float | None:
    """Approximate distance between two provinces (NUTS2 codes); None when unknown."""
    if not a or not b:
        return None
    if a == b:
        return 0.0
    centroids = province_centroids()
    if a not in centroids or b not in centroids:
        return None
    return round(haversine_km(centroids[a], centroids[b]), 1)


def province_of(region_code: str) -> str | None:
    """The NUTS2 code of a NUTS2/NUTS3 region code; None for a country code."""
    return region_code[:4] if len(region_code) >= 4 else None
