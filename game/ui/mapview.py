"""The map: real geography from assets/map/geography.json, a camera (zoom and pan) and hit tests.

The static picture (land, lakes, rivers, borders, railways, cities, regions tinted by owner) is drawn once
per zoom level into a surface covering the whole playing area; a frame only blits the visible part of it.
The cache is keyed by zoom, owners and palette, so a captured region redraws the layer once. The layer of a
zoom level not yet shown can be drawn ahead in small steps (``layer_steps``), between frames.
"""
from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from typing import Iterator

import numpy as np
import pygame

from . import theme
from .theme import Text

ZOOMS = (1.0, 1.4, 2.0, 2.8)
MARGIN_KM = 430            # the playing area plus this much around the region cities
MIN_MARGIN_KM = 200        # ...at least, on a small map
EDGE_KM = 250              # room beside the outermost labels for their counters when a squarer window crops
KEEP_LAYERS = len(ZOOMS)   # every zoom level stays cached (~75 MB in all at 1600x900): zooming back is free
BAND_ROWS = 256            # the layer's sea is filled in bands of this many rows (a step of work ahead each)
GRID_CELLS = 400           # points sampled inside each region (where counters and markers may go)


def ring_area(ring) -> float:
    a = np.asarray(ring, dtype=float)
    x, y = a[:, 0], a[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def short_name(name: str) -> str:
    """'Upper Amur (Skovorodino)' -> 'Upper Amur': the label drawn on the map."""
    return name.split(" (")[0]


def mix(a, b, t: float):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


class MapView:
    def __init__(self, geo: dict, rect: pygame.Rect, text: Text, region_names: dict[str, str],
                 region_vp: dict[str, int], objectives: frozenset[str] = frozenset()):
        """``region_names``: the regions the scenario plays on (a scenario may use part of the map);
        ``objectives``: regions a victory condition names (ringed on the map)."""
        self.geo = geo
        self.rect = pygame.Rect(rect)
        self.text = text
        self.names = region_names
        self.vp = region_vp
        self.objectives = objectives
        self._grids: dict[str, tuple[float, float, float, np.ndarray]] = {}
        self._spots: dict[tuple[int, str], list[tuple[float, float]]] = {}
        self._world_spot_cache: dict[str, np.ndarray] = {}
        self._labels: dict[int, list[tuple]] = {}
        self._screen_outlines: dict[tuple, list] = {}
        played = [r for rid, r in geo["regions"].items() if rid in region_names] or list(geo["regions"].values())
        pts = [r["label"] for r in played] + [r["centre"] for r in played]
        aspect = self.rect.w / max(1, self.rect.h)
        self.home = frame(pts, geo["bounds_km"], aspect)    # what the widest zoom is about
        x0, y0, x1, y1 = self.home
        fit = min(self.rect.w / (x1 - x0), self.rect.h / (y1 - y0))
        # A squarer window (1024x768) would leave bands of bare sea above and below the map: zoom in as far
        # as the side margins allow (the outer labels and their counters stay in view)...
        labels = [r["label"][0] for r in played]
        keep = self.rect.w / (max(labels) - min(labels) + 2 * EDGE_KM)
        bounds = geo["bounds_km"]
        self.base_scale = max(fit, min(self.rect.h / (bounds[3] - bounds[1]), keep))
        # ...and let the layers reach the window's height: the land to the north, then open sea to the south.
        self.world = taller(self.home, bounds, self.rect.h / self.base_scale)
        self.z = 0
        self.offset = [0.0, 0.0]           # layer pixel shown at the map's top-left corner
        self._layers: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._outlines: dict[tuple[int, str], list[list[tuple[float, float]]]] = {}
        self._label_boxes: dict[int, list[pygame.Rect]] = {}
        # Every filled piece, largest first (painter's order: lakes cover land, lake islands cover lakes).
        fills = []
        for rid, reg in geo["regions"].items():
            fills += [(ring_area(p[0]), "region", rid, reg["country"], p[0]) for p in reg["polygons"]]
        for country, polys in geo["unplayed"].items():
            fills += [(ring_area(p[0]), "unplayed", None, country, p[0]) for p in polys]
        for lake in geo["lakes"]:
            fills += [(ring_area(p[0]), "lake", None, None, p[0]) for p in lake["polygons"]]
        self._fills = [(kind, rid, country, np.asarray(ring, dtype=float))
                       for _, kind, rid, country, ring in sorted(fills, key=lambda f: -f[0])]
        self._region_rings = {rid: [np.asarray(ring, dtype=float) for poly in reg["polygons"] for ring in poly]
                              for rid, reg in geo["regions"].items()}
        self._region_bbox = {rid: (min(r[:, 0].min() for r in rings), min(r[:, 1].min() for r in rings),
                                   max(r[:, 0].max() for r in rings), max(r[:, 1].max() for r in rings))
                             for rid, rings in self._region_rings.items()}
        self.reset()

    # --- camera ---------------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        """Pixels per km at the current zoom."""
        return self.base_scale * ZOOMS[self.z]

    def layer_size(self, z: int | None = None) -> tuple[int, int]:
        s = self.base_scale * ZOOMS[self.z if z is None else z]
        x0, y0, x1, y1 = self.world
        return max(1, round((x1 - x0) * s)), max(1, round((y1 - y0) * s))

    def to_layer(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.world[0]) * self.scale, (self.world[3] - y) * self.scale

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        lx, ly = self.to_layer(x, y)
        return round(lx - self.offset[0] + self.rect.x), round(ly - self.offset[1] + self.rect.y)

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        lx = sx - self.rect.x + self.offset[0]
        ly = sy - self.rect.y + self.offset[1]
        return lx / self.scale + self.world[0], self.world[3] - ly / self.scale

    def reset(self) -> None:
        """The widest zoom, centred on the played regions."""
        self.z = 0
        lx, ly = self.to_layer((self.home[0] + self.home[2]) / 2, (self.home[1] + self.home[3]) / 2)
        self.offset = [lx - self.rect.w / 2, ly - self.rect.h / 2]
        self._clamp()

    @contextmanager
    def at_zoom(self, z: int) -> Iterator[None]:
        """Everything that depends on the zoom (layer, names, places in regions) computed for level ``z``
        for a moment, the camera left as it is: how work for other zoom levels is done ahead."""
        shown = self.z
        self.z = z
        try:
            yield
        finally:
            self.z = shown

    def zoom(self, step: int, anchor: tuple[int, int] | None = None) -> bool:
        """Zoom in (step > 0) or out around a screen point; returns whether the zoom changed."""
        z = max(0, min(len(ZOOMS) - 1, self.z + step))
        if z == self.z:
            return False
        if anchor is None or not self.rect.collidepoint(anchor):
            anchor = self.rect.center
        wx, wy = self.to_world(*anchor)
        self.z = z
        lx, ly = self.to_layer(wx, wy)
        self.offset = [lx - (anchor[0] - self.rect.x), ly - (anchor[1] - self.rect.y)]
        self._clamp()
        return True

    def pan(self, dx: float, dy: float) -> None:
        """Move the picture by (dx, dy) screen pixels (dragging right shows more of the west)."""
        self.offset[0] -= dx
        self.offset[1] -= dy
        self._clamp()

    def _clamp(self) -> None:
        w, h = self.layer_size()
        for i, (size, view) in enumerate(((w, self.rect.w), (h, self.rect.h))):
            if size <= view:   # smaller than the window: centre it
                self.offset[i] = (size - view) / 2
            else:
                self.offset[i] = max(0.0, min(size - view, self.offset[i]))

    # --- drawing --------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, owners: dict[str, str]) -> None:
        layer = self.layer(owners)
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        if layer.get_width() < self.rect.w or layer.get_height() < self.rect.h:
            surface.fill(theme.SEA, self.rect)
        ox, oy = round(self.offset[0]), round(self.offset[1])
        dest = (self.rect.x + max(0, -ox), self.rect.y + max(0, -oy))
        surface.blit(layer, dest, pygame.Rect(max(0, ox), max(0, oy), self.rect.w, self.rect.h))
        surface.set_clip(clip)

    def layer(self, owners: dict[str, str]) -> pygame.Surface:
        key = self._layer_key(owners)
        surf = self._layers.get(key)
        if surf is None:
            for _ in self.layer_steps(owners):
                pass
            surf = self._layers[key]
        else:
            self._layers.move_to_end(key)
        return surf

    def _layer_key(self, owners: dict[str, str]) -> tuple:
        return (self.z, tuple(sorted(owners.items())), theme.PALETTE["name"])

    def has_layer(self, owners: dict[str, str]) -> bool:
        return self._layer_key(owners) in self._layers

    def layer_steps(self, owners: dict[str, str]) -> Iterator[None]:
        """Draw the layer of this zoom level and these owners into the cache, pausing (yield) after each
        few milliseconds of drawing; run it inside ``at_zoom`` when it is for another level."""
        key = self._layer_key(owners)
        if key in self._layers:
            return
        surf = None
        for surf in self._render_layer(owners):
            yield
        self._layers[key] = surf
        while len(self._layers) > KEEP_LAYERS:
            self._layers.popitem(last=False)

    def _pts(self, ring: np.ndarray) -> list:
        s = self.scale
        return ((ring - (self.world[0], self.world[3])) * (s, -s)).tolist()

    def _blank(self, size: tuple[int, int]) -> pygame.Surface:
        """A surface for a new layer. When the cache is full, the least recently used layer of this size (it
        would be dropped anyway): a new ~45 MB surface costs ~20 ms to allocate and clear, and the new layers
        of a turn replace the old turn's ones. Else a new surface in the display's pixel format, so there is
        no conversion at the end."""
        if len(self._layers) >= KEEP_LAYERS:
            old = next((key for key, surf in self._layers.items() if surf.get_size() == size), None)
            if old is not None:
                return self._layers.pop(old)
        display = pygame.display.get_surface()
        return pygame.Surface(size, 0, display) if display else pygame.Surface(size)

    def _render_layer(self, owners: dict[str, str]) -> Iterator[pygame.Surface]:
        """The layer drawn in steps (yields the surface after each draw call; the last one finishes it), so
        that the drawing can pause between frames."""
        surf = self._blank(self.layer_size())
        w, h = surf.get_size()
        for y in range(0, h, BAND_ROWS):
            surf.fill(theme.SEA, (0, y, w, BAND_ROWS))
            yield surf
        s = self.scale
        for kind, rid, country, ring in self._fills:
            if kind == "lake":
                colour = theme.LAKE
            elif kind == "unplayed" or rid not in owners:
                colour = mix(theme.LAND.get(country, theme.LAND["other"]), (0, 0, 0), 1 - theme.UNPLAYED_DIM)
            else:
                colour = mix(theme.LAND.get(country, theme.LAND["other"]), theme.SIDE_PALE[owners[rid]], 0.7)
            pygame.draw.polygon(surf, colour, self._pts(ring))
            yield surf
        if theme.PALETTE["shapes"]:
            yield from self._hatch(surf, [rid for rid, side in owners.items() if side == "japan"])
        river_w = max(1, round(s * 5))
        for river in self.geo["rivers"]:
            for line in river["lines"]:
                pygame.draw.lines(surf, theme.RIVER, False, self._pts(np.asarray(line, float)),
                                  river_w if river["name"] else max(1, river_w - 1))
                yield surf
        for line in self.geo["coastlines"]:
            pygame.draw.aalines(surf, theme.COAST, False, self._pts(np.asarray(line, float)))
            yield surf
        # Region edges in the owner's colour; the country borders of 1941 as a wider band over them.
        for rid, rings in self._region_rings.items():
            if rid not in owners:
                continue
            edge = mix(theme.SIDE[owners[rid]], theme.LAND["ussr"], 0.35)
            for ring in rings:
                pygame.draw.lines(surf, edge, True, self._pts(ring), 1)
            yield surf
        band = max(2, round(s * 12))
        for border in self.geo["borders"]:
            for line in border["lines"]:
                pygame.draw.lines(surf, mix(theme.BORDER, theme.LAND["ussr"], 0.45), False,
                                  self._pts(np.asarray(line, float)), band)
                yield surf
        for river in self.geo["rivers"]:
            if river["source"] == "ne10m-border" or river["name"] in ("Amur", "Argun", "Ussuri"):
                for line in river["lines"]:
                    pygame.draw.lines(surf, theme.RIVER, False, self._pts(np.asarray(line, float)), river_w + 1)
                    yield surf
        rail_w = max(2, round(s * 10))
        for rail in self.geo["railways"]:
            pts = self._pts(np.asarray(rail["line"], float))
            pygame.draw.lines(surf, theme.RAIL, False, pts, rail_w)
            if rail_w >= 3:
                pygame.draw.lines(surf, (245, 240, 230), False, pts, 1)
            yield surf
        self.label_layout()
        yield surf
        self._draw_cities(surf)
        yield surf

    def _hatch(self, surf: pygame.Surface, regions: list[str]) -> Iterator[pygame.Surface]:
        """Diagonal hatching over ``regions``: ownership told by pattern as well as by colour. Drawn region
        by region over each one's box only (the lines on one grid: x + y a multiple of the step)."""
        colour = (*theme.SIDE_DARK["japan"], 70)
        step, width = max(8, self.text.px(12)), max(1, self.text.px(2))
        for rid in regions:
            rings = [self._pts(ring) for ring in self._region_rings.get(rid, [])]
            if not rings:
                continue
            xs = [x for ring in rings for x, _ in ring]
            ys = [y for ring in rings for _, y in ring]
            box = pygame.Rect(int(min(xs)) - 1, int(min(ys)) - 1, int(max(xs) - min(xs)) + 3,
                              int(max(ys) - min(ys)) + 3).clip(surf.get_rect())
            if not box.w or not box.h:
                continue
            mask = pygame.Surface(box.size, pygame.SRCALPHA)
            for ring in rings:
                pygame.draw.polygon(mask, (255, 255, 255, 255), [(x - box.x, y - box.y) for x, y in ring])
            lines = pygame.Surface(box.size, pygame.SRCALPHA)
            first = -((box.x + box.y) % step)   # the first line's x + y in the box's own pixels
            for c in range(first, box.w + box.h, step):
                pygame.draw.line(lines, colour, (c, 0), (c - box.h, box.h), width)
            lines.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            surf.blit(lines, box.topleft)
            yield surf

    def _label(self, rid: str, colour=theme.INK, short: bool | None = None) -> pygame.Surface:
        """A played region's name as drawn by its city: short when zoomed out, whole when zoomed in."""
        name = self.names[rid]
        if short is None:
            short = self.z < 2
        return self.text.render(short_name(name) if short else name, 15 if self.z == 0 else 17, colour, bold=True)

    def label_layout(self) -> list[tuple]:
        """Where each place name goes at this zoom, without collisions (computed once per zoom).

        Names are placed in order of importance (victory points, objectives, then the rest, towns last),
        each at the first free spot of below / above / right / left of its dot; a name that finds none is
        tried short, and then dropped (the tooltip still names the region) unless a victory condition names it.
        Returns (region id or None, text, colour-independent key, position, box, star centre or None).
        """
        if self.z in self._labels:
            return self._labels[self.z]
        t = self.text
        r = max(3, t.px(5))
        cities = [c for c in self.geo["cities"]
                  if (c["kind"] == "town" and self.z >= 2) or (c["kind"] != "town" and c["region"] in self.names)]
        ring = r + t.px(8)   # an objective's gold ring
        dots = [pygame.Rect(0, 0, 2 * ring, 2 * ring) if c.get("region") in self.objectives and c["kind"] != "town"
                else pygame.Rect(0, 0, 2 * r + 2, 2 * r + 2) for c in cities]
        for d, c in zip(dots, cities):
            d.center = tuple(round(v) for v in self.to_layer(*c["xy"]))

        def rank(i):
            c = cities[i]
            if c["kind"] == "town":
                return (3, 0, c["name"])
            rid = c["region"]
            return (0 if self.vp.get(rid) else 1 if rid in self.objectives else 2, -self.vp.get(rid, 0), rid)
        placed: list[pygame.Rect] = []
        out = []
        lw, lh = self.layer_size()   # the part of the layer the widest zoom shows (it may crop the sides)
        seen = pygame.Rect(round((lw - self.rect.w) / 2), 0, self.rect.w, lh) if self.z == 0 else None
        for i in sorted(range(len(cities)), key=rank):
            c = cities[i]
            x, y = self.to_layer(*c["xy"])
            rid = None if c["kind"] == "town" else c["region"]
            star = bool(rid and self.vp.get(rid))
            others = dots[:i] + dots[i + 1:]
            variants = ([(c["name"], 14)] if rid is None else
                        [(self.names[rid], None), (short_name(self.names[rid]), None)] if self.z >= 2 else
                        [(short_name(self.names[rid]), None)])
            choice = None
            for within in (seen, None):   # a spot in the first view if there is one (no name cut by the edge)
                for text, size in variants:
                    w, h = (t.render(text, size, theme.INK).get_size() if size else
                            self._label(rid, short=text != self.names[rid]).get_size())
                    sw = t.px(16) if star else 0
                    rr = dots[i].w // 2
                    for lx, ly in ((x - (w - sw) / 2, y + rr), (x - (w - sw) / 2, y - rr - h),
                                   (x + rr + 1 + sw, y - h / 2), (x - rr - 1 - w, y - h / 2)):
                        box = pygame.Rect(round(lx) - sw, round(ly), w + sw, h)
                        if (box.collidelist(placed) < 0 and box.collidelist(others) < 0
                                and (within is None or within.contains(box))):
                            choice = (text, size, (round(lx), round(ly)), box)
                            break
                    if choice:
                        break
                if choice:
                    break
            if choice is None:
                if rid not in self.objectives:
                    continue   # less important: dropped at this zoom (the tooltip still names it)
                text, size = variants[-1]
                w, h = self._label(rid, short=text != self.names[rid]).get_size()
                box = pygame.Rect(round(x - w / 2) - t.px(16), round(y + r + 1), w + t.px(16), h)
                choice = (text, size, (box.x + t.px(16), box.y), box)
            text, size, pos, box = choice
            placed.append(box)
            out.append((rid, text, size, pos, box, (pos[0] - t.px(9), box.centery) if star else None))
        self._labels[self.z] = out
        return out

    def label_boxes(self) -> list[pygame.Rect]:
        """Where each played region's name (and star) is drawn (layer pixels at this zoom), so counters can
        keep clear of them: every region stays named whatever stands on it."""
        return [box for rid, _, _, _, box, _ in self.label_layout() if rid is not None]

    def _draw_cities(self, surf: pygame.Surface) -> None:
        t = self.text
        r = max(3, t.px(5))
        for city in self.geo["cities"]:
            x, y = self.to_layer(*city["xy"])
            if city["kind"] == "town":
                if self.z < 2:
                    continue
                pygame.draw.circle(surf, theme.INK, (x, y), r - 1)
                pygame.draw.circle(surf, (250, 250, 250), (x, y), r - 2)
                continue
            rid = city["region"]
            if rid not in self.names:
                continue
            if rid in self.objectives:   # a victory condition names it: a gold ring
                pygame.draw.circle(surf, theme.INK, (x, y), r + t.px(7), max(2, t.px(4)))
                pygame.draw.circle(surf, theme.STAR, (x, y), r + t.px(6), max(1, t.px(3)))
            pygame.draw.circle(surf, theme.INK, (x, y), r + 1)
            pygame.draw.circle(surf, (255, 255, 255), (x, y), r)
        for rid, text, size, (lx, ly), _, star in self.label_layout():
            if rid is None:
                surf.blit(t.render(text, size, theme.MUTED), (lx, ly))
                continue
            short = text != self.names[rid]
            label, halo = self._label(rid, short=short), self._label(rid, (250, 247, 240), short=short)
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                surf.blit(halo, (lx + dx, ly + dy))
            surf.blit(label, (lx, ly))
            if star:
                self._star(surf, star, t.px(7))

    @staticmethod
    def _star(surf: pygame.Surface, centre, radius: int) -> None:
        """A five-pointed star: the region is worth victory points."""
        pts = []
        for i in range(10):
            a = -np.pi / 2 + i * np.pi / 5
            rr = radius if i % 2 == 0 else radius * 0.45
            pts.append((centre[0] + rr * np.cos(a), centre[1] + rr * np.sin(a)))
        pygame.draw.polygon(surf, theme.STAR, pts)
        pygame.draw.polygon(surf, theme.INK, pts, 1)

    def outline(self, rid: str) -> list[list[tuple[float, float]]]:
        """The region's outer rings in layer pixels at the current zoom (cached)."""
        key = (self.z, rid)
        if key not in self._outlines:
            polys = self.geo["regions"][rid]["polygons"]
            self._outlines[key] = [self._pts(np.asarray(p[0], float)) for p in polys]
        return self._outlines[key]

    def draw_region_outline(self, surface: pygame.Surface, rid: str, colour, width: int) -> None:
        dx, dy = self.rect.x - self.offset[0], self.rect.y - self.offset[1]
        key = (self.z, rid, dx, dy)   # the outline on screen, kept until the map pans or zooms
        rings = self._screen_outlines.get(key)
        if rings is None:
            if len(self._screen_outlines) > 200:
                self._screen_outlines.clear()
            rings = [[(x + dx, y + dy) for x, y in ring] for ring in self.outline(rid) if len(ring) > 2]
            self._screen_outlines[key] = rings
        for ring in rings:
            pygame.draw.lines(surface, colour, True, ring, width)

    # --- places inside regions --------------------------------------------------------------------
    def grid(self, rid: str) -> tuple[float, float, float, np.ndarray]:
        """A grid of about GRID_CELLS points over the region's box, marked where they lie inside it
        (world km: x0, y0, step, mask[row, col]); computed once per region."""
        if rid not in self._grids:
            bx0, by0, bx1, by1 = self._region_bbox[rid]
            step = max(1.0, ((bx1 - bx0) * (by1 - by0) / GRID_CELLS) ** 0.5)
            xs = np.arange(bx0 + step / 2, bx1, step)
            ys = np.arange(by0 + step / 2, by1, step)
            px, py = np.meshgrid(xs, ys)
            mask = inside_many(self._region_rings[rid], px.ravel(), py.ravel()).reshape(px.shape)
            self._grids[rid] = (bx0 + step / 2, by0 + step / 2, step, mask)
        return self._grids[rid]

    def spots(self, rid: str) -> list[tuple[float, float]]:
        """Points inside the region (layer pixels at this zoom), nearest its label point first."""
        key = (self.z, rid)
        if key not in self._spots:
            s = self.scale
            pts = (self._world_spots(rid) - (self.world[0], self.world[3])) * (s, -s)
            self._spots[key] = list(map(tuple, pts.tolist()))
        return self._spots[key]

    def _world_spots(self, rid: str) -> np.ndarray:
        """``spots`` in world km, the same order at every zoom (distances all scale alike): the label point,
        then the grid points with all four neighbours inside (a mark there stays off the region's edge),
        then the rest, each part nearest the label point first."""
        if rid not in self._world_spot_cache:
            x0, y0, step, mask = self.grid(rid)
            padded = np.pad(mask, 1)
            inner = mask & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
            ax, ay = self.geo["regions"][rid]["label"]
            parts = [np.array([[ax, ay]], dtype=float)]
            for part in (inner, mask & ~inner):
                rows, cols = np.nonzero(part)
                xy = np.column_stack((x0 + cols * step, y0 + rows * step))
                order = np.argsort((xy[:, 0] - ax) ** 2 + (xy[:, 1] - ay) ** 2, kind="stable")
                parts.append(xy[order])
            self._world_spot_cache[rid] = np.concatenate(parts)
        return self._world_spot_cache[rid]

    def covers(self, rid: str, rect: pygame.Rect) -> bool:
        """Whether the region holds the whole of ``rect`` (layer pixels; its corners on the region's grid)."""
        x0, y0, step, mask = self.grid(rid)
        s, wx0, wy1 = self.scale, self.world[0], self.world[3]
        for lx, ly in (rect.topleft, rect.topright, rect.bottomleft, rect.bottomright):
            c = round((lx / s + wx0 - x0) / step)
            r = round((wy1 - ly / s - y0) / step)
            if not (0 <= r < mask.shape[0] and 0 <= c < mask.shape[1] and mask[r, c]):
                return False
        return True

    def layer_to_screen(self, rect: pygame.Rect) -> pygame.Rect:
        return rect.move(round(self.rect.x - self.offset[0]), round(self.rect.y - self.offset[1]))

    # --- hit tests ------------------------------------------------------------------------------
    def region_at(self, pos: tuple[int, int]) -> str | None:
        if not self.rect.collidepoint(pos):
            return None
        return self.region_at_world(*self.to_world(*pos))

    def holds_layer_point(self, rid: str, lx: float, ly: float) -> bool:
        """Whether a layer pixel (at this zoom) lies in region ``rid``."""
        return self.region_at_world(lx / self.scale + self.world[0], self.world[3] - ly / self.scale) == rid

    def region_at_world(self, x: float, y: float) -> str | None:
        for rid, rings in self._region_rings.items():
            if rid not in self.names:
                continue
            bx0, by0, bx1, by1 = self._region_bbox[rid]
            if bx0 <= x <= bx1 and by0 <= y <= by1 and inside(rings, x, y):
                return rid
        return None

    def anchor(self, rid: str) -> tuple[int, int]:
        """Where a region's counters belong on screen: its label point."""
        return self.to_screen(*self.geo["regions"][rid]["label"])

    def city(self, rid: str) -> tuple[int, int]:
        return self.to_screen(*self.geo["regions"][rid]["centre"])


def frame(points, bounds, aspect: float) -> tuple[float, float, float, float]:
    """The part of the world shown at the widest zoom: the played regions' cities and labels with a margin
    (narrower for a small map, so a six-region tutorial fills the screen), widened to the map's aspect so
    no strip of empty sea is left at the sides, and kept inside the geography."""
    bx0, by0, bx1, by1 = bounds
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    margin = max(MIN_MARGIN_KM, min(MARGIN_KM, 0.4 * max(x1 - x0, y1 - y0)))
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    y0, y1 = max(by0, y0), min(by1, y1)
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:   # only ever wider: a taller frame would push the south under the status line
        grow = min(h * aspect, bx1 - bx0) - w
        x0, x1 = x0 - grow / 2, x1 + grow / 2
        dx = max(0.0, bx0 - x0) - max(0.0, x1 - bx1)   # slide back inside the geography rather than cut
        x0, x1 = x0 + dx, x1 + dx
    return max(bx0, x0), y0, min(bx1, x1), y1


def taller(world, bounds, height_km: float) -> tuple[float, float, float, float]:
    """``world`` grown to ``height_km``, evenly while the geography lasts, then north up to its edge (the
    land), then south past it (open sea): the window's top and bottom are never left bare."""
    x0, y0, x1, y1 = world
    grow = height_km - (y1 - y0)
    if grow <= 0:
        return world
    north = min(max(0.0, bounds[3] - y1), max(grow / 2, grow - max(0.0, y0 - bounds[1])))
    return x0, y0 - (grow - north), x1, y1 + north


def inside_many(rings: list[np.ndarray], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``inside`` for many points at once (even-odd rule over all rings)."""
    hit = np.zeros(x.shape, dtype=bool)
    for ring in rings:
        xs, ys = ring[:, 0:1], ring[:, 1:2]
        xn, yn = np.roll(xs, -1, axis=0), np.roll(ys, -1, axis=0)
        cross = (ys > y) != (yn > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            xi = xs + (y - ys) * (xn - xs) / (yn - ys)
        hit ^= (np.count_nonzero(cross & (x < xi), axis=0) % 2).astype(bool)
    return hit


def inside(rings: list[np.ndarray], x: float, y: float) -> bool:
    """Even-odd rule over all rings, so lakes (holes) are outside."""
    hit = False
    for ring in rings:
        xs, ys = ring[:, 0], ring[:, 1]
        xn, yn = np.roll(xs, -1), np.roll(ys, -1)
        cross = (ys > y) != (yn > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            xi = xs + (y - ys) * (xn - xs) / (yn - ys)
        hit ^= bool(np.count_nonzero(cross & (x < xi)) % 2)
    return hit
