"""Charts drawn by hand: the Far East strength by turn and the Western front track."""
from __future__ import annotations

import pygame

from game.engine import View
from game.present.labels import goal, milestone_label, tokyo_test

from . import theme
from .theme import Text


TRACK = (90, 94, 100)   # the road still ahead of the Germans on the front track


def _nice_max(value: float, step: float) -> float:
    return max(step, step * -(-value // step))


def _dashed(surface, colour, a, b, width=1, dash=6) -> None:
    (x0, y0), (x1, y1) = a, b
    length = max(1.0, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
    n = int(length // dash)
    for i in range(0, n, 2):
        p = (x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n)
        q = (x0 + (x1 - x0) * min(n, i + 1) / n, y0 + (y1 - y0) * min(n, i + 1) / n)
        pygame.draw.line(surface, colour, p, q, width)


class Plot:
    """A plot area with turns on x and a value on y."""

    def __init__(self, t: Text, surface: pygame.Surface, rect: pygame.Rect, turns: int, ymax: float,
                 ystep: float, ylabel) -> None:
        self.t, self.surface = t, surface
        self.area = pygame.Rect(rect.x + t.px(44), rect.y + t.px(4), rect.w - t.px(50), rect.h - t.px(24))
        self.turns, self.ymax = max(1, turns), ymax
        pygame.draw.rect(surface, (252, 250, 245), self.area)
        v = 0.0
        while v <= ymax + 1e-9:
            y = self.y(v)
            pygame.draw.line(surface, theme.PAPER_DARK, (self.area.x, y), (self.area.right, y))
            lab = t.render(ylabel(v), 13, theme.MUTED)
            surface.blit(lab, lab.get_rect(midright=(self.area.x - t.px(4), y)))
            v += ystep
        pygame.draw.rect(surface, theme.RULE, self.area, 1)
        for turn in range(0, self.turns + 1, 5):
            lab = t.render(str(turn), 13, theme.MUTED)
            surface.blit(lab, lab.get_rect(midtop=(self.x(turn), self.area.bottom + t.px(2))))

    def x(self, turn: float) -> float:
        return self.area.x + self.area.w * turn / self.turns

    def y(self, value: float) -> float:
        return self.area.bottom - self.area.h * min(value, self.ymax) / self.ymax

    def line(self, points, colour, width=3) -> None:
        pts = [(self.x(tn), self.y(v)) for tn, v in points if v is not None]
        if len(pts) > 1:
            pygame.draw.lines(self.surface, colour, False, pts, width)
        for p in pts[-1:]:
            pygame.draw.circle(self.surface, colour, p, width + 1)

    def band(self, points, colour) -> None:
        """A shaded band between low and high: an estimate and its uncertainty."""
        pts = [(tn, lo, hi) for tn, lo, hi in points]
        if len(pts) < 2:
            for tn, lo, hi in pts:
                pygame.draw.line(self.surface, colour, (self.x(tn), self.y(lo)), (self.x(tn), self.y(hi)), 5)
            return
        poly = [(self.x(tn), self.y(hi)) for tn, _, hi in pts] + [(self.x(tn), self.y(lo)) for tn, lo, _ in pts[::-1]]
        pygame.draw.polygon(self.surface, colour, poly)


def men_label(thousands_: float) -> str:
    """An axis label: '400k', '1.5M'."""
    return f"{thousands_:.0f}k" if thousands_ < 1000 else f"{thousands_ / 1000:g}M"


def far_east_chart(t: Text, surface: pygame.Surface, rect: pygame.Rect, view: View) -> None:
    """Both sides' Far East strength by turn: own exact, the enemy's as an estimate band."""
    own, enemy = view.side, view.enemy_side
    hist = view.history
    own_pts = [(h.turn, h.men / 1000) for h in hist]
    est = [(h.turn, *(m / 1000 for m in h.enemy_estimate.men)) for h in hist]
    top = max([v for _, v in own_pts] + [hi for _, _, _, hi in est] + [10]) * 1.05
    step = next((s for s in (10, 20, 50, 100, 200, 400, 500) if top / s <= 5), 1000)   # at most 5 grid lines
    plot = Plot(t, surface, rect, view.last_turn + 1, _nice_max(top, step), step, men_label)
    plot.band([(tn, lo, hi) for tn, _, lo, hi in est], theme.SIDE_PALE[enemy])
    plot.line([(tn, e) for tn, e, _, _ in est], theme.SIDE[enemy], 2)
    plot.line(own_pts, theme.SIDE[own], 3)
    test = tokyo_test(view)
    if test:   # the line Tokyo's rule drew: strike only once the Soviet Far East had shrunk to this share
        share, label = test
        soviet0 = own_pts[0][1] if own == "soviet" else est[0][1]
        y = plot.y(soviet0 * share)
        _dashed(surface, theme.INK, (plot.area.x, y), (plot.area.right, y))
        lab = t.render(label, 13, theme.INK)
        surface.blit(lab, (plot.area.right - lab.get_width() - t.px(4), y - lab.get_height()))


def front_track(t: Text, surface: pygame.Surface, rect: pygame.Rect, view: View) -> None:
    """The German advance along the front's axis, in km from its start line, with the milestones marked.

    Milestones are named by place ('Don bend'); the collapse milestone (``moscow = true``) stands out.
    """
    front = view.front
    max_km = max(front.moscow_km * 1.15, max((m.km for m in front.milestones), default=1000) * 1.05,
                 front.km * 1.02)
    bar = pygame.Rect(rect.x, rect.y + t.px(30), rect.w, t.px(12))

    def x(km: float) -> float:
        return bar.x + bar.w * max(0.0, min(km, max_km)) / max_km

    pygame.draw.rect(surface, TRACK, bar, border_radius=4)
    filled = bar.copy()
    filled.w = max(0, round(x(front.km) - bar.x))
    pygame.draw.rect(surface, (150, 150, 150), filled, border_radius=4)
    if front.peak_km > front.km:
        peak = x(front.peak_km)
        pygame.draw.line(surface, (200, 200, 200), (peak, bar.y - 2), (peak, bar.bottom + 2), 2)
    right = rect.right   # labels are placed from the last milestone back, so none runs over the next
    for m in sorted(front.milestones, key=lambda m: -m.km):
        mx = x(m.km)
        major = m.moscow
        passed = m.id in front.passed
        colour = theme.SIDE["soviet"] if major else (220, 220, 220)
        pygame.draw.line(surface, colour, (mx, bar.y - t.px(6)), (mx, bar.bottom + t.px(2)), 3 if major else 2)
        lab = t.render(milestone_label(m), 15 if major else 14, (255, 255, 255) if major else (205, 205, 205),
                       bold=major)
        if passed:   # a milestone the Germans have reached is struck through
            lab = lab.copy()   # (the rendered text is cached: draw on a copy)
            pygame.draw.line(lab, (255, 255, 255) if major else (200, 200, 200), (0, lab.get_height() // 2 + 1),
                             (lab.get_width(), lab.get_height() // 2 + 1), 1)
        box = lab.get_rect(midbottom=(mx, bar.y - t.px(6)))
        box.right = min(box.right, right - t.px(6))
        box.left = max(box.left, rect.x)
        surface.blit(lab, box)
        right = box.left
    pos = x(front.km)
    tri = [(pos, bar.bottom + t.px(1)), (pos - t.px(8), bar.bottom + t.px(14)), (pos + t.px(8), bar.bottom + t.px(14))]
    pygame.draw.polygon(surface, theme.HIGHLIGHT, tri)
    place = goal(view)
    short = f"German advance: {front.km:.0f} km"
    if place and front.moscow_fell:
        long = f"{short} · {place} has fallen"
    else:
        long = f"{short} · {place} at {front.moscow_km:.0f} km" if place else short
    y, gap = bar.bottom + t.px(4), t.px(12)
    for text in (long, short):   # the words go where they clear the marker: left, right of it, before it
        lab = t.render(text, 15, (235, 235, 235))
        w = lab.get_width()
        spots = [rect.x] if rect.x + w <= pos - gap else []
        spots += [pos + gap] if pos + gap + w <= rect.right else []
        spots += [pos - gap - w] if pos - gap - w >= rect.x else []
        if spots:
            surface.blit(lab, (spots[0], y))
            break
    else:
        surface.blit(lab, (rect.x, y))
