"""The screens around a game: main menu, new-game setup, how to play, and the end of the game."""
from __future__ import annotations

import pygame

from game.engine import View

from . import theme
from .app import App, Screen, start_game
from .widgets import Buttons, paragraph

HOW_TO_PLAY = theme.ASSETS / "how_to_play.txt"
OPPONENTS = [("ai:easy", "Computer: easy"), ("ai:normal", "Computer: normal"), ("ai:hard", "Computer: hard"),
             ("ai:historical", "Computer: as in history"), ("human", "Second player (hot-seat)")]
SIDE_NAMES = {"japan": "Japan", "soviet": "USSR"}


def background(app: App, surface: pygame.Surface, title: str, subtitle: str = "") -> int:
    """Paper background with a title band; returns the y below the band."""
    t = app.text
    surface.fill(theme.PAPER)
    band = pygame.Rect(0, 0, app.size[0], t.px(110))
    surface.fill(theme.INK, band)
    pygame.draw.rect(surface, theme.SIDE["soviet"], (0, band.bottom, app.size[0] // 2, t.px(6)))
    pygame.draw.rect(surface, theme.SIDE["japan"], (app.size[0] // 2, band.bottom, app.size[0], t.px(6)))
    head = t.render(title, 44, (255, 255, 255), bold=True)
    surface.blit(head, (t.px(48), t.px(14)))
    if subtitle:
        surface.blit(t.render(subtitle, 20, (210, 210, 210)), (t.px(50), t.px(70)))
    return band.bottom + t.px(6)


class MenuScreen(Screen):
    def enter(self) -> None:
        t, app = self.app.text, self.app
        self.buttons = Buttons(app.manager)
        w, h = t.px(420), t.px(64)
        x, y = t.px(90), t.px(200)
        items = [("New game", self.new_game, (pygame.K_n,), True),
                 ("Continue a saved game", lambda: None, (pygame.K_c,), False),
                 ("How to play", lambda: app.show(HowToScreen(app, MenuScreen(app))), (pygame.K_h,), True),
                 ("Quit", app.quit, (pygame.K_q, pygame.K_ESCAPE), True)]
        for i, (label, action, keys, enabled) in enumerate(items):
            self.buttons.add(pygame.Rect(x, y + i * (h + t.px(18)), w, h), label, action, keys,
                             object_id="#menu_button", enabled=enabled)
        self.buttons.move_focus(1)

    def new_game(self) -> None:
        self.app.show(SetupScreen(self.app))

    def handle(self, event: pygame.event.Event) -> None:
        self.buttons.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "Kantokuen 1941", "Japan's northern decision, summer to winter 1941")
        note = t.render("Continue: saved games arrive in a later version.", 16, theme.MUTED, italic=True)
        surface.blit(note, (t.px(90), t.px(200) + 4 * t.px(82) + t.px(4)))
        keys = t.render("Keys: N new game · H how to play · Q quit · arrows and Enter choose", 18, theme.MUTED)
        surface.blit(keys, (t.px(90), self.app.size[1] - t.px(60)))
        x = t.px(640)
        y = t.px(200)
        blurb = ("Germany has invaded the Soviet Union. In Manchuria the Kwantung Army masses for an attack on the "
                 "Soviet Far East, and Tokyo waits for the USSR to fall 'like a ripe persimmon'. Moscow needs every "
                 "division it can take from Siberia. Play Japan or the USSR against the computer, or two players "
                 "at one computer, and find out why the attack never came, and what might have happened if it had.")
        paragraph(t, surface, blurb, (x, y), self.app.size[0] - x - t.px(80), 22)


class HowToScreen(Screen):
    def __init__(self, app: App, back: Screen):
        super().__init__(app)
        self.back = back
        self.sections = parse_sections(HOW_TO_PLAY.read_text(encoding="utf-8"))

    def enter(self) -> None:
        t = self.app.text
        self.buttons = Buttons(self.app.manager)
        self.buttons.add(pygame.Rect(self.app.size[0] - t.px(260), t.px(28), t.px(210), t.px(54)), "Back",
                         lambda: self.app.show(self.back),
                         (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_h, pygame.K_BACKSPACE))

    def handle(self, event: pygame.event.Event) -> None:
        self.buttons.handle(event, arrows=False)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        top = background(self.app, surface, "How to play") + t.px(20)
        col_w = (self.app.size[0] - t.px(150)) // 2
        x, y = t.px(50), top
        for i, (head, body) in enumerate(self.sections):
            if i == 4:
                x, y = t.px(100) + col_w, top
            y = paragraph(t, surface, head, (x, y), col_w, 22, theme.INK, bold=True) + t.px(2)
            y = paragraph(t, surface, body, (x, y), col_w, 18, theme.INK) + t.px(16)


def parse_sections(text: str) -> list[tuple[str, str]]:
    """'# Heading' lines followed by a paragraph each."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith("# "):
            out.append((line[2:].strip(), ""))
        elif line.strip() and out:
            head, body = out[-1]
            out[-1] = (head, (body + " " + line.strip()).strip())
    return out


def list_scenarios() -> list:
    """Every loadable scenario in scenarios/ (broken files are left out of the menu)."""
    from game.scenario import SCENARIO_DIR, ScenarioError, load
    found = []
    for path in sorted(SCENARIO_DIR.glob("*.toml")):
        try:
            found.append(load(path.stem))
        except ScenarioError:
            continue
    return found


class SetupScreen(Screen):
    def __init__(self, app: App):
        super().__init__(app)
        self.scenarios = list_scenarios()
        ids = [sc.id for sc in self.scenarios]
        self.index = ids.index("historical_1941") if "historical_1941" in ids else 0
        self.side = "japan"
        self.opponent = 1

    def enter(self) -> None:
        t, app = self.app.text, self.app
        self.buttons = Buttons(app.manager)
        h = t.px(48)
        x0 = t.px(50)
        y = t.px(160)
        self.scenario_buttons = []
        for i, sc in enumerate(self.scenarios[:8]):
            b = self.buttons.add(pygame.Rect(x0, y + i * t.px(48), t.px(520), t.px(42)), sc.title[:44],
                                 lambda i=i: self.choose(i), object_id="#small_button", focusable=False)
            self.scenario_buttons.append(b)
        y = t.px(600)
        self.side_buttons = {}
        for i, side in enumerate(("japan", "soviet")):
            self.side_buttons[side] = self.buttons.add(
                pygame.Rect(x0 + i * t.px(200), y, t.px(190), h), SIDE_NAMES[side], lambda s=side: self.pick_side(s),
                (pygame.K_j,) if side == "japan" else (pygame.K_s,), focusable=False)
        y = t.px(710)
        self.opp_buttons = []
        bw = (app.size[0] - 2 * x0 - 4 * t.px(10)) // 5
        for i, (_, label) in enumerate(OPPONENTS):
            self.opp_buttons.append(self.buttons.add(
                pygame.Rect(x0 + i * (bw + t.px(10)), y, bw, h), label, lambda i=i: self.pick_opponent(i),
                (pygame.K_1 + i,), object_id="#small_button", focusable=False))
        bottom = app.size[1] - t.px(80)
        self.buttons.add(pygame.Rect(app.size[0] - t.px(300), bottom, t.px(250), t.px(56)), "Start (Enter)",
                         self.start, (pygame.K_RETURN, pygame.K_KP_ENTER), object_id="#end_turn")
        self.buttons.add(pygame.Rect(x0, bottom, t.px(200), t.px(56)), "Back (Esc)",
                         lambda: app.show(MenuScreen(app)), (pygame.K_ESCAPE,))
        self.refresh()

    def choose(self, i: int) -> None:
        self.index = i
        self.refresh()

    def pick_side(self, side: str) -> None:
        self.side = side
        self.refresh()

    def pick_opponent(self, i: int) -> None:
        self.opponent = i
        self.refresh()

    def refresh(self) -> None:
        for i, b in enumerate(self.scenario_buttons):
            b.select() if i == self.index else b.unselect()
        for side, b in self.side_buttons.items():
            b.select() if side == self.side else b.unselect()
        for i, b in enumerate(self.opp_buttons):
            b.select() if i == self.opponent else b.unselect()

    def players(self) -> dict[str, str]:
        other = "soviet" if self.side == "japan" else "japan"
        return {self.side: "human", other: OPPONENTS[self.opponent][0]}

    def start(self) -> None:
        if self.scenarios:
            start_game(self.app, self.scenarios[self.index].id, 1941, self.players())

    def handle(self, event: pygame.event.Event) -> None:
        if self.buttons.handle(event, arrows=False):
            return
        if event.type == pygame.KEYDOWN and self.scenarios:
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.choose((self.index + (1 if event.key == pygame.K_DOWN else -1)) % len(self.scenario_buttons))
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.pick_side("soviet" if self.side == "japan" else "japan")
            elif event.key in (pygame.K_o, pygame.K_TAB):
                self.pick_opponent((self.opponent + 1) % len(OPPONENTS))

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "New game")
        x0 = t.px(50)
        surface.blit(t.render("Scenario (Up/Down)", 20, theme.INK, bold=True), (x0, t.px(126)))
        surface.blit(t.render("Your side (J / S, Left/Right)", 20, theme.INK, bold=True), (x0, t.px(568)))
        surface.blit(t.render("Opponent (1-5, O)", 20, theme.INK, bold=True), (x0, t.px(678)))
        if not self.scenarios:
            surface.blit(t.render("No scenario in scenarios/ could be loaded.", 20, theme.ERROR), (x0, t.px(160)))
            return
        sc = self.scenarios[self.index]
        x = t.px(620)
        w = self.app.size[0] - x - t.px(50)
        y = paragraph(t, surface, sc.title, (x, t.px(140)), w, 28, bold=True) + t.px(4)
        dates = f"{sc.start:%d %B %Y} to {sc.end:%d %B %Y}, {sc.days_per_turn} days a turn"
        y = paragraph(t, surface, dates, (x, y), w, 20, theme.MUTED) + t.px(12)
        y = paragraph(t, surface, sc.summary, (x, y), w, 20) + t.px(12)
        if sc.note:
            paragraph(t, surface, sc.note, (x, y), w, 18, theme.MUTED, italic=True)
        if OPPONENTS[self.opponent][0] == "human":
            note = "Hot-seat: a hand-off screen hides each player's orders from the other."
            surface.blit(t.render(note, 18, theme.MUTED, italic=True), (x0 + t.px(330), t.px(780)))


class EndScreen(Screen):
    """The outcome, the score and why, with the whole game revealed to both sides."""

    def __init__(self, app: App, view: View):
        super().__init__(app)
        self.view = view

    def enter(self) -> None:
        t, app = self.app.text, self.app
        self.buttons = Buttons(app.manager)
        bottom = app.size[1] - t.px(84)
        self.buttons.add(pygame.Rect(t.px(50), bottom, t.px(300), t.px(58)), "Main menu (M)",
                         lambda: app.show(MenuScreen(app)), (pygame.K_m, pygame.K_RETURN, pygame.K_KP_ENTER))
        self.buttons.add(pygame.Rect(t.px(370), bottom, t.px(200), t.px(58)), "Quit (Q)", app.quit,
                         (pygame.K_q, pygame.K_ESCAPE))

    def handle(self, event: pygame.event.Event) -> None:
        self.buttons.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        from .charts import end_charts
        t, v = self.app.text, self.view
        r = v.result
        top = background(self.app, surface, r.title, f"{v.title} · {len(v.history) - 1} turns played")
        x, w = t.px(50), t.px(640)
        winner = "A draw" if r.winner == "draw" else f"{v.side_names.get(r.winner, r.winner)} wins"
        y = paragraph(t, surface, winner, (x, top + t.px(24)), w, 36, theme.SIDE.get(r.winner, theme.INK),
                      bold=True) + t.px(8)
        score = "   ".join(f"{v.side_names.get(s, s)}: {p} points" for s, p in r.score.items())
        y = paragraph(t, surface, score, (x, y), w, 24, bold=True) + t.px(16)
        y = paragraph(t, surface, r.explanation, (x, y), w, 20) + t.px(16)
        history = ("Historically Japan mobilised about 700,000 men in Manchuria, gave up the northern attack on "
                   "9 August 1941 and struck south in December; Moscow held, partly with divisions from the Far East.")
        paragraph(t, surface, history, (x, y), w, 18, theme.MUTED, italic=True)
        end_charts(t, surface, pygame.Rect(t.px(740), top + t.px(24), self.app.size[0] - t.px(790),
                                           self.app.size[1] - top - t.px(140)), v)
