"""The committed map geometry (assets/map/geography.json) matches the game's regions and real places."""

from __future__ import annotations

import math
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from game.present.geo import distance_km, great_circle_km, load_geography, project, unproject  # noqa: E402

GEOGRAPHY = ROOT / "assets" / "map" / "geography.json"
REGIONS = tomllib.loads((ROOT / "assets" / "map" / "regions.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def geo() -> dict:
    return load_geography(GEOGRAPHY)


def point_in_polygon(pt, polygon) -> bool:
    """Even-odd ray casting over all rings (outer ring and holes) of one polygon."""
    x, y = pt
    inside = False
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def in_any(pt, polygons) -> bool:
    return any(point_in_polygon(pt, poly) for poly in polygons)


def segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def distance_to_lines(p, lines) -> float:
    return min(segment_distance(p, a, b) for line in lines for a, b in zip(line, line[1:]))


def centre(region_id: str) -> tuple[float, float]:
    r = REGIONS["regions"][region_id]
    return project(r["lat"], r["lon"])


def test_file_is_small():
    assert GEOGRAPHY.stat().st_size < 300 * 1024


@pytest.mark.parametrize("region_id", sorted(REGIONS["regions"]))
def test_every_region_has_an_outline_around_its_city(geo, region_id):
    region = geo["regions"][region_id]
    assert region["polygons"], f"{region_id} has no outline"
    assert in_any(centre(region_id), region["polygons"]), f"{region_id}: city outside its outline"
    assert in_any(region["label"], region["polygons"]), f"{region_id}: label outside its outline"


@pytest.fixture(scope="module")
def country_polygons(geo):
    """(country, polygon, bbox) for every country polygon, the bbox to skip far polygons quickly."""
    out = []
    for c, v in geo["countries"].items():
        for poly in v["polygons"]:
            xs, ys = [p[0] for p in poly[0]], [p[1] for p in poly[0]]
            out.append((c, poly, (min(xs), min(ys), max(xs), max(ys))))
    return out


@pytest.mark.parametrize("region_id", sorted(REGIONS["regions"]))
def test_regions_stay_inside_their_1941_country(geo, country_polygons, region_id):
    """A Manchukuo region never spills into the USSR etc.: no outline vertex lies inside another
    country, except on the shared border itself (within rounding)."""
    country = REGIONS["regions"][region_id]["country"]
    assert in_any(centre(region_id), geo["countries"][country]["polygons"])
    for poly in geo["regions"][region_id]["polygons"]:
        for v in poly[0]:
            for other, opoly, (x0, y0, x1, y1) in country_polygons:
                if other != country and x0 <= v[0] <= x1 and y0 <= v[1] <= y1 and point_in_polygon(v, opoly):
                    shore = [r + r[:1] for r in opoly]
                    assert distance_to_lines(v, shore) < 2.0, f"{region_id} spills into {other} at {v}"


def test_vladivostok_is_on_land_by_the_sea(geo):
    vlad = centre("vladivostok")
    assert in_any(vlad, geo["countries"]["ussr"]["polygons"])
    assert distance_to_lines(vlad, geo["coastlines"]) < 15.0


def test_lake_baikal_lies_between_irkutsk_and_ulan_ude(geo):
    baikal = [lake for lake in geo["lakes"] if lake["name"] and "Baikal" in lake["name"]]
    assert len(baikal) == 1
    rings = [poly[0] for poly in baikal[0]["polygons"]]
    area = sum(abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]))) / 2 for r in rings)
    assert 25_000 < area < 40_000  # real: about 31,500 km2
    shore = [r + r[:1] for r in rings]
    assert distance_to_lines(centre("irkutsk"), shore) < 100
    assert distance_to_lines(centre("ulan_ude"), shore) < 120


def test_no_post_1941_reservoirs(geo):
    names = " ".join(lake["name"] or "" for lake in geo["lakes"])
    for gone in ("Zeya", "Bratsk", "Ust-Ilimsk", "Vilyuy", "Reservoir"):
        assert gone not in names


def test_projection_keeps_real_distances():
    vlad, khab = project(43.106, 131.874), project(48.462, 135.097)
    assert 600 <= distance_km(vlad, khab) <= 680  # Vladivostok-Khabarovsk, about 645 km as the crow flies
    for (lat1, lon1), (lat2, lon2) in [((52.296, 104.291), (53.064, 158.628)), ((37.566, 126.978), (53.595, 142.953))]:
        flat = distance_km(project(lat1, lon1), project(lat2, lon2))
        assert flat == pytest.approx(great_circle_km(lat1, lon1, lat2, lon2), rel=0.04)
    lat, lon = unproject(*project(53.064, 158.628))
    assert (lat, lon) == pytest.approx((53.064, 158.628), abs=1e-9)
    assert project(49.0, 130.0) == pytest.approx((0.0, 0.0), abs=1e-9)
    assert project(60.0, 130.0)[1] > 0  # y grows north


def test_1941_borders_are_drawn(geo):
    pairs = {tuple(b["between"]) for b in geo["borders"]}
    for pair in [("manchukuo", "ussr"), ("manchukuo", "mpr"), ("mpr", "ussr"), ("korea", "manchukuo"),
                 ("karafuto", "ussr"), ("china", "manchukuo")]:
        assert tuple(sorted(pair)) in pairs, pair


def test_every_rail_link_is_drawn(geo):
    drawn = {frozenset(p) for rail in geo["railways"] for p in zip(rail["regions"], rail["regions"][1:])}
    for a, b, kind in REGIONS["adjacency"]["edges"]:
        if kind == "rail":
            assert frozenset((a, b)) in drawn, f"no railway drawn for {a}-{b}"


def test_main_rivers_are_present(geo):
    names = {river["name"] for river in geo["rivers"]}
    for name in ("Amur", "Ussuri", "Argun", "Sungari", "Shilka", "Zeya", "Tumen", "Selenga"):
        assert name in names
