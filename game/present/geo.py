"""Map projection and geography loader shared by the game and the map build tool.

The projection is a spherical Lambert conformal conic (standard parallels 40N and 58N, centred on
49N 130E): conformal, so shapes look right across the whole Baikal-to-Kamchatka view, and pure math
so the game can place cities and units from lat/lon without any geo library.

Coordinates are kilometres on the map plane: x grows EAST, y grows NORTH (mathematical orientation),
with (0, 0) at 49N 130E. Screen code must flip y (screen_y = top - y). The committed
assets/map/geography.json stores these coordinates rounded to integer km.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from game.files.paths import data_dir

EARTH_RADIUS_KM = 6371.0
STANDARD_PARALLELS = (40.0, 58.0)
CENTRE = (49.0, 130.0)  # (lat, lon) mapped to (0, 0)

# Longitudes west of this are taken as east of the dateline (lon + 360), so Chukotka and the
# Aleutians stay continuous with Kamchatka instead of jumping to the far side of the map.
DATELINE_WRAP_BELOW = -100.0


def _t(lat_deg: float) -> float:
    """tan(pi/4 + phi/2), the isometric-latitude term of the conformal conic."""
    return math.tan(math.pi / 4.0 + math.radians(lat_deg) / 2.0)


_phi1, _phi2 = (math.radians(p) for p in STANDARD_PARALLELS)
# Cone constant and scale factor from the two standard parallels (true scale on both).
_N = math.log(math.cos(_phi1) / math.cos(_phi2)) / math.log(_t(STANDARD_PARALLELS[1]) / _t(STANDARD_PARALLELS[0]))
_F = math.cos(_phi1) * _t(STANDARD_PARALLELS[0]) ** _N / _N
_RHO0 = EARTH_RADIUS_KM * _F / _t(CENTRE[0]) ** _N


def project(lat: float, lon: float) -> tuple[float, float]:
    """(lat, lon) in degrees -> (x_km, y_km); x east, y north, origin at 49N 130E."""
    if lon < DATELINE_WRAP_BELOW:
        lon += 360.0
    rho = EARTH_RADIUS_KM * _F / _t(lat) ** _N
    theta = _N * math.radians(lon - CENTRE[1])
    return rho * math.sin(theta), _RHO0 - rho * math.cos(theta)


def unproject(x: float, y: float) -> tuple[float, float]:
    """Inverse of project: (x_km, y_km) -> (lat, lon) in degrees (lon may exceed 180)."""
    dy = _RHO0 - y
    rho = math.copysign(math.hypot(x, dy), _N)
    theta = math.atan2(x, dy)
    lat = math.degrees(2.0 * math.atan((EARTH_RADIUS_KM * _F / rho) ** (1.0 / _N)) - math.pi / 2.0)
    lon = CENTRE[1] + math.degrees(theta / _N)
    return lat, lon


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Straight-line distance between two projected points (km on the map plane)."""
    return math.hypot(a[0] - b[0], a[1] - b[1])


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on the same sphere, to check map distances against."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


DEFAULT_GEOGRAPHY = data_dir("assets") / "map" / "geography.json"


def load_geography(path: str | Path = DEFAULT_GEOGRAPHY) -> dict:
    """Read the committed map geometry (schema in assets/map/README.md) with the stdlib only."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
