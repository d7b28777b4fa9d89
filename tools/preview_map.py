"""Render assets/map/geography.json to a PNG for eyeballing the map build (not used by the game).

    SDL_VIDEODRIVER=dummy python tools/preview_map.py [--out /tmp/map_preview.png]
        [--width 1600] [--window XMIN YMIN XMAX YMAX]   # a map window in km (default: bounds_km)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from game.present.geo import load_geography  # noqa: E402

SEA = (156, 190, 214)
LAKE = (120, 170, 210)
RIVER = (60, 120, 190)
UNPLAYED = (214, 208, 190)
SIDE_FILL = {"soviet": (226, 188, 178), "japan": (236, 222, 160)}
COUNTRY_TINT = {"mpr": (214, 196, 160), "korea": (230, 206, 150), "karafuto": (230, 210, 150), "japan": (236, 212, 150)}
BORDER = (150, 40, 110)
REGION_EDGE = (120, 100, 90)
COAST = (70, 90, 110)
RAIL = (30, 30, 30)


def shoelace(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--geography", default=str(ROOT / "assets" / "map" / "geography.json"))
    ap.add_argument("--out", default="/tmp/map_preview.png")
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--window", type=float, nargs=4, metavar=("XMIN", "YMIN", "XMAX", "YMAX"))
    args = ap.parse_args()

    geo = load_geography(args.geography)
    x0, y0, x1, y1 = args.window or geo["bounds_km"]
    scale = args.width / (x1 - x0)
    height = int((y1 - y0) * scale)

    def to_px(p):  # map km (y north) -> screen px (y down)
        return (round((p[0] - x0) * scale), round((y1 - p[1]) * scale))

    pygame.init()
    surf = pygame.Surface((args.width, height))
    surf.fill(SEA)
    font = pygame.font.Font(None, 18 if scale < 0.5 else 22)

    # Painter's order: every filled polygon (land pieces and lakes) largest first, so islands in
    # lakes (Olkhon) land on top of the lake and lakes on top of the land around them.
    fills = []
    for reg in geo["regions"].values():
        colour = COUNTRY_TINT.get(reg["country"], SIDE_FILL[reg["side"]]) if reg["side"] == "japan" \
            else SIDE_FILL["soviet"]
        if reg["country"] == "mpr":
            colour = COUNTRY_TINT["mpr"]
        if reg["country"] == "manchukuo":
            colour = SIDE_FILL["japan"]
        fills += [(shoelace(poly[0]), colour, poly[0]) for poly in reg["polygons"]]
    for polys in geo["unplayed"].values():
        fills += [(shoelace(poly[0]), UNPLAYED, poly[0]) for poly in polys]
    for lake in geo["lakes"]:
        fills += [(shoelace(poly[0]), LAKE, poly[0]) for poly in lake["polygons"]]
    for _, colour, ring in sorted(fills, key=lambda f: -f[0]):
        pygame.draw.polygon(surf, colour, [to_px(p) for p in ring])

    for river in geo["rivers"]:
        width = 2 if river["name"] else 1
        for line in river["lines"]:
            pygame.draw.lines(surf, RIVER, False, [to_px(p) for p in line], width)
    for line in geo["coastlines"]:
        pygame.draw.aalines(surf, COAST, False, [to_px(p) for p in line])
    for reg in geo["regions"].values():
        for poly in reg["polygons"]:
            for ring in poly:
                pygame.draw.aalines(surf, REGION_EDGE, True, [to_px(p) for p in ring])
    # Borders as a translucent band so border rivers stay visible on top of them.
    band = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    for border in geo["borders"]:
        for line in border["lines"]:
            pygame.draw.lines(band, (*BORDER, 110), False, [to_px(p) for p in line], 5)
    surf.blit(band, (0, 0))
    for river in geo["rivers"]:
        if river["source"] == "ne10m-border" or river["name"] in ("Amur", "Argun"):
            for line in river["lines"]:
                pygame.draw.lines(surf, RIVER, False, [to_px(p) for p in line], 2)
    for rail in geo["railways"]:
        pts = [to_px(p) for p in rail["line"]]
        pygame.draw.lines(surf, RAIL, False, pts, 2)
    for city in geo["cities"]:
        px = to_px(city["xy"])
        r = 4 if city["kind"] == "region" else 3
        pygame.draw.circle(surf, (0, 0, 0), px, r)
        pygame.draw.circle(surf, (255, 255, 255) if city["kind"] == "region" else (200, 200, 200), px, r - 1)
        label = font.render(city["name"], True, (20, 20, 20))
        surf.blit(label, (px[0] + 5, px[1] - 7))
    for rid, reg in geo["regions"].items():
        px = to_px(reg["label"])
        label = font.render(rid, True, (90, 20, 20))
        surf.blit(label, (px[0] - label.get_width() // 2, px[1] + 6))
    pygame.image.save(surf, args.out)
    print(f"wrote {args.out} ({args.width}x{height})")


if __name__ == "__main__":
    main()
