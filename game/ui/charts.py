"""Charts drawn by hand: the Far East strength by turn, the Western front track, and the end-of-game charts."""
from __future__ import annotations

import pygame

from game.engine import View

from . import theme
from .theme import Text


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


def far_east_chart(t: Text, surface: pygame.Surface, rect: pygame.Rect, view: View) -> None:
    """Both sides' Far East strength by turn: own exact, the enemy's as an estimate band."""
    own, enemy = view.side, view.enemy_side
    hist = view.history
    own_pts = [(h["turn"], h["men"] / 1000) for h in hist]
    est = [(h["turn"], *(m / 1000 for m in h["enemy_estimate"]["men"])) for h in hist]
    top = max([v for _, v in own_pts] + [hi for _, _, _, hi in est] + [100])
    ymax = _nice_max(top * 1.05, 200)
    plot = Plot(t, surface, rect, view.last_turn + 1, ymax, 200 if ymax <= 1000 else 400, lambda v: f"{v:.0f}k")
    plot.band([(tn, lo, hi) for tn, _, lo, hi in est], theme.SIDE_PALE[enemy])
    plot.line([(tn, e) for tn, e, _, _ in est], theme.SIDE[enemy], 2)
    plot.line(own_pts, theme.SIDE[own], 3)
    soviet0 = own_pts[0][1] if own == "soviet" else est[0][1]
    y = plot.y(soviet0 / 2)
    _dashed(surface, theme.INK, (plot.area.x, y), (plot.area.right, y))
    lab = t.render("Tokyo's test: the Soviet Far East halved", 13, theme.INK)
    surface.blit(lab, (plot.area.right - lab.get_width() - t.px(4), y - lab.get_height()))


def front_track(t: Text, surface: pygame.Surface, rect: pygame.Rect, front: dict) -> None:
    """The German advance on the Moscow axis: km from the border, with the milestones marked."""
    max_km = max(front["moscow_km"] * 1.15, max((m["km"] for m in front["milestones"]), default=1000) * 1.05,
                 front["km"] * 1.02)
    bar = pygame.Rect(rect.x, rect.y + t.px(30), rect.w, t.px(12))

    def x(km: float) -> float:
        return bar.x + bar.w * max(0.0, min(km, max_km)) / max_km

    pygame.draw.rect(surface, (90, 94, 100), bar, border_radius=4)
    filled = bar.copy()
    filled.w = max(0, round(x(front["km"]) - bar.x))
    pygame.draw.rect(surface, (150, 150, 150), filled, border_radius=4)
    if front["peak_km"] > front["km"]:
        pygame.draw.line(surface, (200, 200, 200), (x(front["peak_km"]), bar.y - 2), (x(front["peak_km"]), bar.bottom + 2), 2)
    for m in front["milestones"]:
        mx = x(m["km"])
        major = m["id"] in ("smolensk", "moscow") or m.get("moscow")
        passed = m["id"] in front["passed"]
        colour = theme.SIDE["soviet"] if major else (220, 220, 220)
        pygame.draw.line(surface, colour, (mx, bar.y - t.px(6)), (mx, bar.bottom + t.px(2)), 3 if major else 2)
        name = m["title"].split(" ")[0]
        lab = t.render(name, 15 if major else 13, (255, 255, 255) if major else (200, 200, 200), bold=major)
        if passed:   # a milestone the Germans have reached is struck through
            lab = lab.copy()   # (the rendered text is cached: draw on a copy)
            pygame.draw.line(lab, (255, 255, 255) if major else (200, 200, 200), (0, lab.get_height() // 2 + 1),
                             (lab.get_width(), lab.get_height() // 2 + 1), 1)
        surface.blit(lab, lab.get_rect(midbottom=(mx, bar.y - t.px(6))))
    pos = x(front["km"])
    tri = [(pos, bar.bottom + t.px(1)), (pos - t.px(8), bar.bottom + t.px(14)), (pos + t.px(8), bar.bottom + t.px(14))]
    pygame.draw.polygon(surface, theme.HIGHLIGHT, tri)
    label = f"Western front: {front['km']:.0f} km from the border"
    if front["moscow_fell"]:
        label += " · Moscow has fallen"
    lab = t.render(label, 15, (235, 235, 235))
    surface.blit(lab, (rect.x, bar.bottom + t.px(4)))


def end_charts(t: Text, surface: pygame.Surface, rect: pygame.Rect, view: View) -> None:
    """After the game both sides see everything: forces, the front and oil, turn by turn."""
    hist = (view.revealed or {}).get("history") or []
    if not hist:
        return
    gap = t.px(34)
    h = (rect.h - 2 * gap) // 3
    turns = view.last_turn + 1
    names = view.side_names
    y = rect.y
    surface.blit(t.render("Far East forces, thousands of men", 18, theme.INK, bold=True), (rect.x, y - t.px(24)))
    top = max(max(r["men"].values()) for r in hist) / 1000
    plot = Plot(t, surface, pygame.Rect(rect.x, y, rect.w, h), turns, _nice_max(top * 1.05, 200), 200,
                lambda v: f"{v:.0f}k")
    for side in ("soviet", "japan"):
        plot.line([(r["turn"], r["men"].get(side, 0) / 1000) for r in hist], theme.SIDE[side])
    leg_y = y + t.px(6)
    for side in ("soviet", "japan"):
        lab = t.render(names.get(side, side), 15, theme.SIDE[side], bold=True)
        surface.blit(lab, (plot.area.x + t.px(8), leg_y))
        leg_y += lab.get_height()
    y += h + gap
    surface.blit(t.render("Western front, km from the border", 18, theme.INK, bold=True), (rect.x, y - t.px(24)))
    plot = Plot(t, surface, pygame.Rect(rect.x, y, rect.w, h), turns, 1200, 400, lambda v: f"{v:.0f}")
    plot.line([(r["turn"], r["front_km"]) for r in hist], theme.INK)
    my = plot.y(1000)
    _dashed(surface, theme.SIDE["soviet"], (plot.area.x, my), (plot.area.right, my), 2)
    surface.blit(t.render("Moscow", 13, theme.SIDE["soviet"], bold=True), (plot.area.x + t.px(4), my - t.px(18)))
    y += h + gap
    surface.blit(t.render("Japan's oil reserve, months", 18, theme.INK, bold=True), (rect.x, y - t.px(24)))
    oil = [(r["turn"], r["oil"].get("japan")) for r in hist]
    top = max([v for _, v in oil if v is not None] + [1])
    plot = Plot(t, surface, pygame.Rect(rect.x, y, rect.w, h), turns, _nice_max(top * 1.05, 6), 6,
                lambda v: f"{v:.0f}")
    plot.line(oil, theme.SIDE["japan"])
