"""Unit counters: one per side per region, drawn once and cached, and laid out so they never overlap.

Japanese counters are pills (rounded ends), Soviet counters are square-cornered boxes, so the two sides
differ by shape as well as colour. Own counters are solid with a type symbol (NATO style: infantry X,
armour track, cavalry slash, fortress battlements) and exact strength; enemy counters are pale with a
dashed edge and show the intelligence estimate ("~45k", "±12k"), or the exact figure in contact.
"""
from __future__ import annotations

import math
from typing import Generator, Sequence, TypeVar

import pygame

from . import theme
from .theme import Text

SIZE = (62, 42)          # at 1600x900
ENEMY_SIZE = (66, 48)
COMPACT_SIZE = (50, 26)  # the whole map in view: strength only, so more place names stay free
T = TypeVar("T")


def thousands(men: float) -> str:
    """45000 -> '45k', 2500 -> '2.5k', 0 -> '0' (no '0k')."""
    if men == 0:
        return "0"
    k = men / 1000
    return f"{k:.0f}k" if k >= 9.5 else f"{k:.1f}k".replace(".0k", "k")


def draw_symbol(surf: pygame.Surface, box: pygame.Rect, kind: str, colour) -> None:
    pygame.draw.rect(surf, colour, box, 2)
    inner = box.inflate(-4, -4)
    if kind == "infantry":
        pygame.draw.line(surf, colour, inner.topleft, inner.bottomright, 2)
        pygame.draw.line(surf, colour, inner.bottomleft, inner.topright, 2)
    elif kind == "armour":
        pygame.draw.ellipse(surf, colour, inner.inflate(-4, -2), 2)
    elif kind == "cavalry":
        pygame.draw.line(surf, colour, inner.bottomleft, inner.topright, 2)
    elif kind == "fortress":
        w = max(2, box.w // 7)
        for i in (1, 3, 5):
            pygame.draw.rect(surf, colour, (box.x + i * box.w // 7, box.y - w + 1, w, w))
        pygame.draw.line(surf, colour, (inner.x, inner.centery), (inner.right, inner.centery), 2)


def _shape(surf: pygame.Surface, rect: pygame.Rect, side: str, fill, edge, dashed: bool) -> None:
    radius = rect.h // 2 if side == "japan" else 0
    pygame.draw.rect(surf, fill, rect, border_radius=radius)
    pygame.draw.rect(surf, edge, rect, 3, border_radius=radius)
    if not dashed:
        return
    # A dashed edge: cut gaps into the solid edge with the fill colour.
    step = 9
    for x in range(rect.x + 4, rect.right - 4, step):
        pygame.draw.line(surf, fill, (x, rect.y), (x + 3, rect.y), 3)
        pygame.draw.line(surf, fill, (x, rect.bottom - 2), (x + 3, rect.bottom - 2), 3)


class CounterArt:
    def __init__(self, text: Text):
        self.text = text
        self._cache: dict[tuple, pygame.Surface] = {}

    def size(self, own: bool) -> tuple[int, int]:
        w, h = SIZE if own else ENEMY_SIZE
        return self.text.px(w), self.text.px(h)

    def own(self, side: str, kind: str, men: int, count: int, supplied: bool = True,
            extra: str = "", compact: bool = False) -> pygame.Surface:
        """An own stack: type symbol, exact men, the number of units (corner) and, where the zoom leaves
        room, ``extra`` (divisions and tanks) on a third line; ``compact``: men and the unit count only."""
        key = ("own", side, kind, men // 1000, count, supplied, extra, compact)
        if key not in self._cache:
            t = self.text
            w, h = self.size(True)
            if compact:
                w, h = t.px(COMPACT_SIZE[0]), t.px(COMPACT_SIZE[1])
            small = t.render(extra, 12, (255, 255, 255)) if extra else None
            if small:
                w = max(w, small.get_width() + t.px(10))
                h += small.get_height() - t.px(2)
            badge = t.px(9) if count > 1 else 0
            surf = pygame.Surface((w + badge, h + badge), pygame.SRCALPHA)
            body = pygame.Rect(0, badge, w, h)
            _shape(surf, body, side, theme.SIDE[side], theme.SIDE_DARK[side], dashed=False)
            if not compact:
                box = pygame.Rect(0, 0, t.px(26), t.px(14))
                box.midtop = (body.centerx, body.y + t.px(5))
                draw_symbol(surf, box, kind, (255, 255, 255))
            label = t.render(thousands(men), 16, (255, 255, 255), bold=True)
            bottom = body.bottom - t.px(1) if not compact else body.centery + label.get_height() // 2
            if small:
                surf.blit(small, small.get_rect(midbottom=(body.centerx, body.bottom - t.px(3))))
                bottom -= small.get_height() - t.px(2)
            surf.blit(label, label.get_rect(midbottom=(body.centerx, bottom)))
            if not supplied:   # out of supply: a warning corner
                k = max(10, t.px(16))
                pygame.draw.polygon(surf, theme.WARN, [(body.x + 2, body.bottom - 2), (body.x + 2, body.bottom - k),
                                                       (body.x + k, body.bottom - 2)])
                pygame.draw.polygon(surf, theme.INK, [(body.x + 2, body.bottom - 2), (body.x + 2, body.bottom - k),
                                                      (body.x + k, body.bottom - 2)], 1)
            if count > 1:
                centre = (w + badge - t.px(11), t.px(11))
                pygame.draw.circle(surf, theme.INK, centre, t.px(11))
                pygame.draw.circle(surf, (255, 255, 255), centre, t.px(11), 2)
                n = t.render(str(count), 14, (255, 255, 255), bold=True)
                surf.blit(n, n.get_rect(center=centre))
            self._cache[key] = surf
        return self._cache[key]

    def enemy(self, side: str, men: Sequence[float], exact: bool, extra: str = "",
              compact: bool = False) -> pygame.Surface:
        key = ("enemy", side, tuple(men), exact, extra, compact)
        if key not in self._cache:
            t = self.text
            w, h = self.size(False)
            if compact:
                w, h = t.px(COMPACT_SIZE[0] + 6), t.px(COMPACT_SIZE[1])
            small = t.render(extra, 12, theme.SIDE_DARK[side]) if extra else None
            if small:
                w = max(w, small.get_width() + t.px(10))
                h += small.get_height() - t.px(2)
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            body = pygame.Rect(0, 0, w, h)
            _shape(surf, body, side, theme.SIDE_PALE[side], theme.SIDE[side], dashed=not exact)
            est, low, high = men
            top = thousands(est) if exact else "~" + thousands(est)
            sub = "exact" if exact else "±" + thousands(max(high - est, est - low))
            a = t.render(top, 16, theme.SIDE_DARK[side], bold=True)
            b = t.render(sub, 13, theme.SIDE_DARK[side])
            if compact:
                surf.blit(a, a.get_rect(center=body.center))
                self._cache[key] = surf
                return surf
            surf.blit(a, a.get_rect(midtop=(body.centerx, body.y + t.px(3))))
            y = a.get_height() + t.px(2)
            surf.blit(b, b.get_rect(midtop=(body.centerx, y)))
            if small:
                surf.blit(small, small.get_rect(midtop=(body.centerx, y + b.get_height() - t.px(2))))
            self._cache[key] = surf
        return self._cache[key]


REACH = 0.9   # how far (in counter sizes) a counter may move to keep a place name readable


def spread(items: list[tuple[object, tuple[float, float], tuple[int, int]]], gap: int = 3,
           rounds: int = 60, obstacles: Sequence[pygame.Rect] = ()) -> dict[object, pygame.Rect]:
    """Place boxes near their anchors without overlaps (a few rounds of pairwise pushing).

    ``items``: (key, anchor centre, size). ``obstacles``: fixed rects a box is pushed off where that keeps
    it near its anchor (the map's place names: better a covered name than a counter far from its region).
    Boxes never overlapping each other comes first, so every round ends with the pairwise pushes, and a
    crowded map gets extra rounds of those alone.
    Returns key -> rect (same coordinates as the anchors).
    """
    pos = {k: [float(a[0]), float(a[1])] for k, a, _ in items}
    anchor = {k: a for k, a, _ in items}
    size = {k: s for k, _, s in items}
    keys = [k for k, _, _ in items]
    for _ in range(rounds):
        moved = False
        for k in keys:
            moved |= _push_off(pos[k], anchor[k], size[k], obstacles, gap)
        moved |= _push_apart(pos, size, keys, gap)
        if not moved:
            break
    else:
        for _ in range(rounds if obstacles else 0):
            if not _push_apart(pos, size, keys, gap):
                break
    out = {}
    for k in keys:
        r = pygame.Rect(0, 0, *size[k])
        r.center = (round(pos[k][0]), round(pos[k][1]))
        out[k] = r
    return out


def _push_apart(pos: dict, size: dict, keys: list, gap: int) -> bool:
    """One round of pushing overlapping boxes apart; returns whether any moved."""
    moved = False
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            (ax, ay), (bx, by) = pos[a], pos[b]
            ox = (size[a][0] + size[b][0]) / 2 + gap - abs(ax - bx)
            oy = (size[a][1] + size[b][1]) / 2 + gap - abs(ay - by)
            if ox <= 0 or oy <= 0:
                continue
            moved = True
            if ox < oy:   # push apart along the axis that needs the smaller move
                d = ox / 2 + 0.5
                sgn = 1 if ax > bx or (ax == bx and str(a) > str(b)) else -1
                pos[a][0] += sgn * d
                pos[b][0] -= sgn * d
            else:
                d = oy / 2 + 0.5
                sgn = 1 if ay > by or (ay == by and str(a) > str(b)) else -1
                pos[a][1] += sgn * d
                pos[b][1] -= sgn * d
    return moved


def _push_off(pos: list[float], anchor: tuple[float, float], size: tuple[int, int],
              obstacles: Sequence[pygame.Rect], gap: int) -> bool:
    """Move a box (centre ``pos``) off each fixed rect it overlaps, the shorter way, unless that takes it
    farther than ``REACH`` times its size from its anchor; returns whether it moved."""
    reach = REACH * max(size)
    moved = False
    for o in obstacles:
        dx, dy = pos[0] - o.centerx, pos[1] - o.centery
        ox = (size[0] + o.w) / 2 + gap - abs(dx)
        oy = (size[1] + o.h) / 2 + gap - abs(dy)
        if ox <= 0 or oy <= 0:
            continue
        x, y = pos
        if ox < oy:
            x += ox if dx >= 0 else -ox
        else:
            y += oy if dy > 0 else -oy   # level or above the name: up, so the name below stays free
        if math.hypot(x - anchor[0], y - anchor[1]) > reach:
            continue
        pos[0], pos[1] = x, y
        moved = True
    return moved


def finish(steps: Generator[None, None, T]) -> T:
    """Run a generator of steps (such as ``place_steps``) to its end at once; its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def place(items: list[tuple[object, str, tuple[int, int]]], spots, covers, obstacles: Sequence[pygame.Rect] = (),
          taken: Sequence[tuple[str, pygame.Rect]] = (), gap: int = 3, tries: int = 160,
          hard: Sequence[pygame.Rect] = (), share: bool = False) -> dict[object, pygame.Rect]:
    """``place_steps`` at once."""
    return finish(place_steps(items, spots, covers, obstacles, taken, gap, tries, hard, share))


def _first_fit(rect: pygame.Rect, cands, rid: str, covers, placed: list[pygame.Rect], others: list[pygame.Rect],
               other_counters: list[pygame.Rect], hard: list[pygame.Rect], obstacles: list[pygame.Rect],
               gap: int) -> pygame.Rect | None:
    """The first candidate of the first of five searches that finds one (see ``place_steps``), in one pass
    over the candidates: each is placed, grown and tested once, not once a search. The searches, in order:
    (1) clear of ``placed``, inside the region, clear of ``obstacles``; (2) clear of ``placed`` and
    ``obstacles``; (3) clear of ``placed``; (4) clear of ``others``; (5) clear of ``other_counters``. All of
    them also clear of ``hard``. Returns ``rect`` moved there (a copy), or None."""
    first = [None, None, None, None, None]   # the first candidate index each search accepts
    extra = others is not placed   # searches 4 and 5 differ from 3 only when marks may share
    for i, (x, y) in enumerate(cands):
        rect.center = (round(x), round(y))
        grown = rect.inflate(2 * gap, 2 * gap)
        if grown.collidelist(hard) >= 0:
            continue
        if grown.collidelist(placed) < 0:
            if grown.collidelist(obstacles) < 0:
                if covers(rid, grown):
                    return rect.copy()   # search 1 wins outright at its first candidate
                if first[1] is None:
                    first[1] = i
            if first[2] is None:
                first[2] = i
        if extra:
            if first[3] is None and grown.collidelist(others) < 0:
                first[3] = i
            if first[4] is None and grown.collidelist(other_counters) < 0:
                first[4] = i
    i = next((f for f in first if f is not None), None)
    if i is None:
        return None
    x, y = cands[i]
    rect.center = (round(x), round(y))
    return rect.copy()


def place_steps(items: list[tuple[object, str, tuple[int, int]]], spots, covers,
                obstacles: Sequence[pygame.Rect] = (), taken: Sequence[tuple[str, pygame.Rect]] = (), gap: int = 3,
                tries: int = 160, hard: Sequence[pygame.Rect] = (),
                share: bool = False) -> Generator[None, None, dict[object, pygame.Rect]]:
    """Put each box inside its own region, as near the region's label point as it can go; a pause (yield)
    after each box, so the work can be spread over the time between frames.

    ``items``: (key, region, size), placed in order. ``spots(region)``: candidate centres inside the region,
    nearest first; ``covers(region, rect)``: whether the region holds the whole rect. ``taken``: (region,
    rect) already placed. The ``hard`` rects (the names that matter most) are never covered. A box goes to
    the first spot where it lies wholly in its region and clear of the other boxes and the ``obstacles``
    (other names); failing that, with its centre in the region, clear of boxes and names; then clear of
    boxes; with ``share`` (marks), then over boxes of its own region only (a region too small for its counter
    and a badge), then over other marks but clear of other regions' ``taken`` rects; and last, on a spiral
    out from the region, clear of all boxes.
    Returns key -> rect (layer pixels).
    """
    placed: list[pygame.Rect] = [r for _, r in taken]
    owner: list[str] = [rid for rid, _ in taken]
    fixed = list(zip(placed, owner))   # the counters
    hard = list(hard)
    out: dict[object, pygame.Rect] = {}
    obstacles = list(obstacles)
    for key, rid, size in items:
        cands = spots(rid)[:tries]
        others = [r for r, o in zip(placed, owner) if o != rid]
        other_counters = [r for r, o in fixed if o != rid]
        rect = pygame.Rect(0, 0, *size)
        found = _first_fit(rect, cands, rid, covers, placed, others if share else placed,
                           other_counters if share else placed, hard, obstacles, gap)
        if found is None:
            x, y = cands[0]
            for i in range(1, 400):   # a spiral out from the label point
                a, d = i * 0.7, 4 + i * 1.5
                rect.center = (round(x + d * math.cos(a)), round(y + d * math.sin(a)))
                grown = rect.inflate(2 * gap, 2 * gap)
                if grown.collidelist(placed) < 0 and grown.collidelist(hard) < 0:
                    break
            found = rect.copy()
        placed.append(found)
        owner.append(rid)
        out[key] = found
        yield
    return out
