"""The what-if explorer: change a few counterfactual parameters, play many computer-against-computer games
(the Monte Carlo of ``python main.py explore``, via ``game.analysis.whatif``) and see how the outcomes spread.

The games run on worker processes (those of ``python main.py explore``) while the window shows the progress
and stays responsive; the result for a seed does not depend on which worker played which game, so the same
settings and seed always give the same chart.
Keys: Up/Down choose a row, Left/Right change it, Enter runs, Esc stops a run or goes back.
"""
from __future__ import annotations

import pygame

from game.present.labels import outcome_names, outcome_side_words, outcome_sides, plural
from game.analysis.whatif import GAME_COUNTS, PARAMETERS, WhatIf, base_value, choices

from . import theme
from .app import App, Screen
from .widgets import Buttons, background, paragraph

SEED = 1941
# Each frame waits up to this long for games to finish: the window answers input within about 1/20 s and
# sleeps, rather than drawing the same progress again, while the worker processes play.
WAIT_S = 0.04


class ExplorerScreen(Screen):
    def __init__(self, app: App, back: Screen, scenario_ref: str = "historical_1941"):
        super().__init__(app)
        from game.scenario import load
        self.back = back
        try:
            base = load(scenario_ref)
        except ValueError:
            scenario_ref, base = "historical_1941", load("historical_1941")
        self.scenario_ref, self.base = scenario_ref, base
        self.params = [(p, vals) for p in PARAMETERS if (vals := choices(base, p))]
        # each parameter starts at the scenario's own value
        self.index = [min(range(len(vals)), key=lambda k: abs(vals[k] - base_value(base, p.key)))
                      for p, vals in self.params]
        self.counts = list(GAME_COUNTS)
        self.count_index = self.counts.index(100)
        self.row = 0
        self.run = None
        self.result = None
        self.message = ""

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 680, size[0] / 1150)

    # --- rows: the parameters, then the number of games -------------------------------------------------
    def rows(self) -> int:
        return len(self.params) + 1

    def overrides(self) -> dict[str, float]:
        out = {}
        for (p, vals), i in zip(self.params, self.index):
            if vals[i] != base_value(self.base, p.key):
                out[p.key] = vals[i]
        return out

    def change(self, row: int, step: int) -> None:
        if self.run is not None:
            return
        if row < len(self.params):
            n = len(self.params[row][1])
            self.index[row] = max(0, min(n - 1, self.index[row] + step))
        else:
            self.count_index = max(0, min(len(self.counts) - 1, self.count_index + step))
        self.row = row

    def enter(self) -> None:
        t, app = self.app.text, self.app
        self.buttons = Buttons(app.manager)
        self.row_rects = []
        y = t.px(170)
        for r in range(self.rows()):
            rect = pygame.Rect(t.px(40), y, t.px(560), t.px(70))
            self.row_rects.append(rect)
            self.buttons.add(pygame.Rect(rect.right - t.px(110), y + t.px(14), t.px(48), t.px(44)), "-",
                             lambda r=r: self.change(r, -1), focusable=False)
            self.buttons.add(pygame.Rect(rect.right - t.px(54), y + t.px(14), t.px(48), t.px(44)), "+",
                             lambda r=r: self.change(r, 1), focusable=False)
            y += t.px(80)
        self.run_button = self.buttons.add(pygame.Rect(t.px(40), y + t.px(10), t.px(260), t.px(56)), "Run (Enter)",
                                           self.start, (pygame.K_RETURN, pygame.K_KP_ENTER), object_id="#end_turn",
                                           focusable=False)
        self.buttons.add(pygame.Rect(t.px(320), y + t.px(10), t.px(200), t.px(56)), "Back (Esc)", self.escape,
                         (pygame.K_ESCAPE, pygame.K_BACKSPACE), focusable=False)
        self.chart = pygame.Rect(t.px(660), t.px(170), app.size[0] - t.px(700), app.size[1] - t.px(230))

    # --- running ------------------------------------------------------------------------------------------
    def start(self) -> None:
        from game.errors import UserError
        if self.run is not None:
            return
        try:
            self.run = WhatIf(self.scenario_ref, self.overrides(), self.counts[self.count_index], SEED)
        except UserError as e:
            self.message = str(e)
            return
        self.result, self.message = None, ""
        self.run_button.disable()

    def escape(self) -> None:
        if self.run is not None:   # Esc stops a run first
            self.run.close()
            self.run = None
            self.run_button.enable()
            self.message = "Stopped."
            return
        self.app.show(self.back)

    def animating(self) -> bool:   # a run in progress: the window keeps drawing its progress
        return self.run is not None

    def update(self, dt: float) -> None:
        if self.run is not None and self.run.step(WAIT_S):
            self.finish_run()

    def finish_run(self) -> None:
        self.result = self.run.result()
        self.run = None
        self.run_button.enable()

    def finish_now(self) -> None:
        """Wait for the rest of a run (tests and screenshots)."""
        if self.run is not None:
            self.run.run()
            self.finish_run()

    def leave(self) -> None:
        if self.run is not None:   # leaving stops the workers
            self.run.close()
            self.run = None
        super().leave()

    def handle(self, event: pygame.event.Event) -> None:
        if self.buttons.handle(event, arrows=False):
            return
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
                self.row = (self.row + (-1 if event.key == pygame.K_UP else 1)) % self.rows()
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.change(self.row, 1 if event.key == pygame.K_RIGHT else -1)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for r, rect in enumerate(self.row_rects):
                if rect.collidepoint(event.pos):
                    self.row = r

    # --- drawing ------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "What-if explorer",
                   f"{self.base.title}: many computer-against-computer games, seed {SEED}")
        surface.blit(t.render("Up/Down choose · Left/Right change · Enter runs · Esc stops or goes back", 17,
                              theme.MUTED), (t.px(40), t.px(126)))
        for r, rect in enumerate(self.row_rects):
            if r == self.row:
                pygame.draw.rect(surface, theme.HIGHLIGHT, rect, border_radius=t.px(8))
            elif r % 2 == 0:
                pygame.draw.rect(surface, theme.PAPER_DARK, rect, border_radius=t.px(8))
            if r < len(self.params):
                p, vals = self.params[r]
                value = vals[self.index[r]]
                base = base_value(self.base, p.key)
                label, shown = p.label, f"{value:g} {p.unit}"
                ratio = "as in the scenario" if value == base else f"{value / base:.2g}x the scenario" if base else ""
            else:
                label, shown, ratio = "Games", f"{self.counts[self.count_index]}", "seeds 1941, 1942, ..."
            surface.blit(t.render(label, 20, theme.INK, bold=True), (rect.x + t.px(14), rect.y + t.px(6)))
            surface.blit(t.render(f"{shown} · {ratio}", 17, theme.INK), (rect.x + t.px(14), rect.y + t.px(38)))
        y = self.row_rects[-1].bottom + t.px(90)
        if self.message:
            paragraph(t, surface, self.message, (t.px(40), y), t.px(560), 17, theme.ERROR, bold=True)
        self.draw_chart(surface)

    def draw_chart(self, surface: pygame.Surface) -> None:
        t, box = self.app.text, self.chart
        pygame.draw.rect(surface, (252, 250, 245), box, border_radius=t.px(8))
        pygame.draw.rect(surface, theme.RULE, box, 2, border_radius=t.px(8))
        x, y, w = box.x + t.px(20), box.y + t.px(14), box.w - t.px(40)
        if self.run is not None:
            done = self.run.played
            surface.blit(t.render(f"Playing games: {done} of {self.run.games}", 22, theme.INK, bold=True), (x, y))
            bar = pygame.Rect(x, y + t.px(44), w, t.px(30))
            pygame.draw.rect(surface, theme.PAPER_DARK, bar)
            pygame.draw.rect(surface, theme.HIGHLIGHT, (bar.x, bar.y, round(bar.w * self.run.progress), bar.h))
            pygame.draw.rect(surface, theme.INK, bar, 2)
            if not self.run.played:
                return
            result = self.run.headline()
            y += t.px(90)
        elif self.result is None:
            paragraph(t, surface, "Set the parameters on the left and press Enter. Each game is played by the "
                      "computer on both sides (normal level); the chart shows how often each outcome happened.",
                      (x, y), w, 19, theme.MUTED)
            return
        else:
            result = self.result
        n = result["games"]
        head = plural(n, "game") + ("" if self.run else " played") + " · " + "   ".join(
            f"{name} {result['winners'].get(side, 0) / n:.0%}"
            for side, name in (("japan", "Japan wins"), ("soviet", "USSR wins"), ("draw", "draws")))
        surface.blit(t.render(head, 20, theme.INK, bold=True), (x, y))
        y += t.px(36)
        line = (f"Japan attacked in {result['japan_attack_rate']:.0%} · Moscow fell in {result['moscow_fell_rate']:.0%}"
                f" · median front peak {result['german_front_peak_km_median']:,.0f} km")
        surface.blit(t.render(line, 17, theme.INK), (x, y))
        y += t.px(40)
        self.histogram(surface, pygame.Rect(x, y, w, box.bottom - y - t.px(16)), result)

    def histogram(self, surface: pygame.Surface, rect: pygame.Rect, result: dict) -> None:
        """Outcomes as horizontal bars, commonest first, with counts and shares."""
        t = self.app.text
        outcomes = sorted(result["outcomes"].items(), key=lambda kv: (-kv[1], kv[0]))
        if not outcomes:
            return
        n, top = result["games"], max(c for _, c in outcomes)
        row = min(t.px(46), rect.h // max(1, len(outcomes)))
        names, sides = outcome_names(self.base.outcomes), outcome_sides(self.base.outcomes)
        side_names = {k: v["name"] for k, v in self.base.sides.items()}
        # Each bar says, in words and in its side's colour, whom the outcome favours.
        label = {name: f"{names.get(name, name.replace('_', ' ').capitalize())} · "
                       f"{outcome_side_words(sides.get(name, 'score'), side_names)}" for name, _ in outcomes}
        label_w = max(t.font(17, bold=True).size(label[name])[0] for name, _ in outcomes) + t.px(16)
        bar_w = rect.w - label_w - t.px(110)
        for i, (name, count) in enumerate(outcomes):
            y = rect.y + i * row
            lab = t.render(label[name], 17, theme.INK, bold=True)
            surface.blit(lab, (rect.x, y + (row - lab.get_height()) // 2))
            length = max(2, round(bar_w * count / top))
            bar = pygame.Rect(rect.x + label_w, y + t.px(6), length, row - t.px(12))
            pygame.draw.rect(surface, theme.SIDE.get(sides.get(name, ""), theme.RULE), bar)
            pygame.draw.rect(surface, theme.INK, bar, 1)
            share = t.render(f"{count} ({count / n:.0%})", 16, theme.INK)
            surface.blit(share, (bar.right + t.px(8), y + (row - share.get_height()) // 2))
