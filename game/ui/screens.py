"""The screens around a game: main menu, new-game setup, how to play, and the end of the game."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:   # the rules load with numpy: kept off the way to the main menu
    from game.engine import View
    from game.play.session import GameSession

from . import theme
from .app import App, Screen, open_save, start_game
from .files import LoadScreen
from .settings_screen import SettingsScreen
from .widgets import Buttons, ListBox, background, fit, paragraph

HOW_TO_PLAY = theme.ASSETS / "how_to_play.txt"
OPPONENTS = [("ai:easy", "Computer: easy"), ("ai:normal", "Computer: normal"), ("ai:hard", "Computer: hard"),
             ("ai:historical", "Computer: as in history"), ("human", "Second player (hot-seat)")]
SIDE_NAMES = {"japan": "Japan", "soviet": "USSR"}
# What each opponent is like, in a line beside the choice (a teacher picks by this).
OPPONENT_HINTS = {
    "ai:easy": "a beginner: a timid Japan, a USSR that only does what Stavka asks",
    "ai:normal": "rules of thumb: an eager Japan, a USSR that reads the threat; neither guards its cities well",
    "ai:hard": "thinks ahead: plays its choices forward before it decides, fights concentrated on the cities",
    "ai:historical": "makes the decisions of 1941 on their dates",
    "human": "two players at one computer, each side behind a hand-off screen",
}


class MenuScreen(Screen):
    """New game, Continue (the last autosave), Load, the what-if explorer, settings, how to play, quit."""

    def __init__(self, app: App, message: str = ""):
        super().__init__(app)
        self.message = message or (app.settings_warning or "")
        app.settings_warning = None

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 720, size[0] / 1150)

    def enter(self) -> None:
        from game.play.saves import latest_autosave
        t, app = self.app.text, self.app
        self.autosave = latest_autosave()
        self.buttons = Buttons(app.manager)
        w, h, gap = t.px(400), t.px(54), t.px(12)
        x, y = t.px(80), t.px(150)
        items = [("New game (N)", self.new_game, (pygame.K_n,), True),
                 ("Continue (C)", self.resume, (pygame.K_c,), self.autosave is not None),
                 ("Load a saved game (L)", lambda: app.show(LoadScreen(app, MenuScreen(app))), (pygame.K_l,), True),
                 ("What-if explorer (W)", self.explorer, (pygame.K_w,), True),
                 ("Class summary (K)", self.class_summary, (pygame.K_k,), True),
                 ("Settings (O)", lambda: app.show(SettingsScreen(app, MenuScreen(app))), (pygame.K_o,), True),
                 ("How to play (H)", lambda: app.show(HowToScreen(app, MenuScreen(app))), (pygame.K_h,), True),
                 ("Quit (Q)", app.quit, (pygame.K_q, pygame.K_ESCAPE), True)]
        for i, (label, action, keys, enabled) in enumerate(items):
            self.buttons.add(pygame.Rect(x, y + i * (h + gap), w, h), label, action, keys,
                             object_id="#menu_button", enabled=enabled)
        self.buttons.move_focus(1)

    def new_game(self) -> None:
        self.app.show(SetupScreen(self.app))

    def resume(self) -> None:
        if self.autosave is None:
            return
        problem = open_save(self.app, self.autosave)
        if problem:
            self.message = f"Cannot continue: {problem}"

    def class_summary(self) -> None:
        from .class_screen import ClassScreen
        self.app.show(ClassScreen(self.app, MenuScreen(self.app)))

    def explorer(self) -> None:
        from .explorer import ExplorerScreen
        self.app.show(ExplorerScreen(self.app, MenuScreen(self.app)))

    def handle(self, event: pygame.event.Event) -> None:
        self.buttons.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "Kantokuen 1941", "Japan's northern decision, summer to winter 1941")
        x = t.px(540)
        w = self.app.size[0] - x - t.px(70)
        y = t.px(150)
        blurb = ("Germany has invaded the Soviet Union. In Manchuria the Kwantung Army masses for an attack on the "
                 "Soviet Far East, and Tokyo waits for the USSR to fall 'like a ripe persimmon'. Moscow needs every "
                 "division it can take from Siberia. Play Japan or the USSR against the computer, or two players "
                 "at one computer, and find out why the attack never came, and what might have happened if it had.")
        y = paragraph(t, surface, blurb, (x, y), w, 22) + t.px(20)
        if self.autosave is not None:
            y = paragraph(t, surface, f"Continue: {describe_file(self.autosave)}", (x, y), w, 18, theme.MUTED) + t.px(8)
        if self.message:
            paragraph(t, surface, self.message, (x, y), w, 18, theme.ERROR, bold=True)
        keys = t.render("Arrows and Enter choose · the letter in brackets opens directly · Esc quits", 17, theme.MUTED)
        surface.blit(keys, (t.px(80), self.app.size[1] - t.px(44)))


def describe_file(path) -> str:
    """'historical_1941, 7 turns played, saved 2024-05-01 12:00' for a save file."""
    from game.play.saves import describe
    info = describe(path)
    if info.problem:
        return info.problem
    when = (info.saved_at or "")[:16].replace("T", " ")
    turns = f"{info.turns} turn{'' if info.turns == 1 else 's'}"   # (game.present.labels would load the rules)
    return f"{info.scenario}, {turns} played" + (f", saved {when} UTC" if when else "")


class HowToScreen(Screen):
    def __init__(self, app: App, back: Screen):
        super().__init__(app)
        self.back = back
        self.sections = parse_sections(HOW_TO_PLAY.read_text(encoding="utf-8"))
        scenario = getattr(getattr(back, "session", None), "scenario", None)
        if scenario is not None and self.sections:   # from a game: that scenario's situation, not 1941's
            self.sections[0] = (f"The situation: {scenario.title}", scenario.summary)
            from .mapinfo import outcome_lines   # ...and how it is won, in its own words
            self.sections.insert(4, ("How this scenario is won",
                                     " ".join(f"{title}." for title, _ in outcome_lines(scenario))))
            for i, (head, _) in enumerate(self.sections):   # each side's choices as this scenario has them
                side = next((k for k, v in scenario.sides.items() if v.get("name") == head), None)
                if side is not None:
                    self.sections[i] = (head, side_help(scenario, side))

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
            if i == (len(self.sections) + 1) // 2:
                x, y = t.px(100) + col_w, top
            y = paragraph(t, surface, head, (x, y), col_w, 22, theme.INK, bold=True) + t.px(2)
            y = paragraph(t, surface, body, (x, y), col_w, 18, theme.INK) + t.px(16)


POSTURE_HELP = {
    "wait": "wait", "hold": "hold",
    "mobilise": "mobilise (more troops, more oil burnt)",
    "stand_down": "stand down (the talks with Washington may ease the embargo)",
    "alert": "alert (reserves called up, no surprise attack possible, but the western front pays)",
    "strike_north": "strike north (war begins next turn)",
    "declare_war": "declare war (war begins next turn)",
    "strike_south": "strike south (the oil of the Indies, but no more reinforcements in the north)",
}
ONE_OFF = ("strike_north", "strike_south", "declare_war")


def side_help(scenario, side: str) -> str:
    """What a side may decide in this scenario: its postures, and Stavka's demand where it commands."""
    postures = list(scenario.sides[side].get("postures", ()))
    words = [POSTURE_HELP.get(p, p.replace("_", " ")) for p in postures]
    if len(words) > 1:
        text = "Choose a posture: " + ", ".join(words[:-1]) + " or " + words[-1] + "."
    else:
        fixed = postures[0].replace("_", " ") if postures else "none"
        text = f"The posture is fixed in this scenario ({fixed}): your units move and fight."
    if any(p in ONE_OFF for p in postures):
        text += (" A decision once taken cannot be taken again: its button turns grey, and pointing at it says "
                 "why; the game asks before the ones that cannot be undone.")
    stavka = scenario.rules.get("stavka", {})
    if stavka.get("enabled") and stavka.get("side", "soviet") == side:
        text += (" Stavka demands divisions for the west each turn: select a unit and press T (or the Send "
                 "button) to put one of its divisions on the train. Every division sent helps the western front "
                 "and makes an attack on you more tempting; refusing weakens the front.")
    return text


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


class SetupScreen(Screen):
    """The scenario picker (built-in and the player's own scenarios), the side and the opponent."""

    def __init__(self, app: App):
        super().__init__(app)
        from game.scenario.catalog import list_scenarios
        self.entries = list_scenarios()
        ids = [e.id for e in self.entries]
        self.first = ids.index("historical_1941") if "historical_1941" in ids else 0
        self.side = "japan"
        suggested = self.entries[self.first].suggested_side if self.entries else None
        self.side = suggested or self.side
        self.opponent = 1
        self.message = ""
        self.password_fields: dict = {}
        self.passwords = {"japan": "", "soviet": ""}

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 760, size[0] / 1250)

    def enter(self) -> None:
        t, app = self.app.text, self.app
        W, H = app.size
        self.buttons = Buttons(app.manager)
        x0, h = t.px(40), t.px(46)
        bottom = H - t.px(76)
        opp_y = bottom - t.px(20) - h
        side_y = opp_y - t.px(44) - h
        list_top = t.px(160)
        self.list = ListBox(pygame.Rect(x0, list_top, t.px(470), side_y - t.px(48) - list_top), len(self.entries),
                            t.px(50), self.list.selected if hasattr(self, "list") else self.first)
        self.side_y, self.opp_y = side_y, opp_y
        self.side_buttons = {}
        for i, side in enumerate(("japan", "soviet")):
            self.side_buttons[side] = self.buttons.add(
                pygame.Rect(x0 + i * t.px(200), side_y, t.px(190), h), SIDE_NAMES[side],
                lambda s=side: self.pick_side(s),
                (pygame.K_j,) if side == "japan" else (pygame.K_s,), focusable=False)
        self.opp_buttons = []
        bw = (W - 2 * x0 - 4 * t.px(10)) // 5
        for i, (_, label) in enumerate(OPPONENTS):
            self.opp_buttons.append(self.buttons.add(
                pygame.Rect(x0 + i * (bw + t.px(10)), opp_y, bw, h), label, lambda i=i: self.pick_opponent(i),
                (pygame.K_1 + i,), object_id="#small_button", focusable=False))
        self.start_button = self.buttons.add(pygame.Rect(W - t.px(290), bottom, t.px(250), t.px(56)),
                                             "Start (Enter)", self.start, (pygame.K_RETURN, pygame.K_KP_ENTER),
                                             object_id="#end_turn", focusable=False)
        self.buttons.add(pygame.Rect(x0, bottom, t.px(200), t.px(56)), "Back (Esc)",
                         lambda: app.show(MenuScreen(app)), (pygame.K_ESCAPE,), focusable=False)
        self.password_fields = {}
        if self.hot_seat:   # optional passwords, right of the side buttons
            for i, side in enumerate(("japan", "soviet")):
                f = password_field(app, pygame.Rect(x0 + t.px(420 + i * 235), side_y, t.px(220), h))
                f.set_text(self.passwords[side])
                self.password_fields[side] = f
        self.refresh()

    @property
    def hot_seat(self) -> bool:
        return OPPONENTS[self.opponent][0] == "human"

    @property
    def entry(self):
        return self.entries[self.list.selected] if self.entries else None

    def pick_side(self, side: str) -> None:
        self.side = side
        self.refresh()

    def pick_opponent(self, i: int) -> None:
        was = self.hot_seat
        self.opponent = i
        if self.hot_seat != was:   # the password fields come or go
            self.keep_passwords()
            self.app.manager.clear_and_reset()
            self.enter()
        self.refresh()

    def keep_passwords(self) -> None:
        for side, f in self.password_fields.items():
            self.passwords[side] = f.get_text()

    def refresh(self) -> None:
        for side, b in self.side_buttons.items():
            b.select() if side == self.side else b.unselect()
        for i, b in enumerate(self.opp_buttons):
            b.select() if i == self.opponent else b.unselect()
        ok = self.entry is not None and self.entry.ok
        self.start_button.enable() if ok else self.start_button.disable()

    def players(self) -> dict[str, str]:
        other = "soviet" if self.side == "japan" else "japan"
        return {self.side: "human", other: OPPONENTS[self.opponent][0]}

    def start(self) -> None:
        e = self.entry
        if e is None:
            return
        if not e.ok:
            self.message = "This scenario cannot be played: fix the file (see the error) and open this screen again."
            return
        self.keep_passwords()
        passwords = {s: p for s, p in self.passwords.items() if p} if self.hot_seat else None
        try:
            start_game(self.app, e.path, 1941, self.players(), passwords=passwords)
        except ValueError as err:   # ScenarioError: the file changed since the list was made
            self.message = str(err)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start()   # Enter starts (the list's own Enter would too)
        if typing_in(self.app, event):
            return   # letters go into a password field, not to the shortcuts
        if self.buttons.handle(event, arrows=False):
            return
        what = self.list.handle(event)
        if what:
            self.message = ""
            if self.entry is not None and self.entry.suggested_side:
                self.side = self.entry.suggested_side   # the tutorial speaks to the USSR: start there
            self.refresh()
            if what == "activate":
                self.start()
            return
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.pick_side("soviet" if self.side == "japan" else "japan")
            elif event.key in (pygame.K_o, pygame.K_TAB):
                self.pick_opponent((self.opponent + (-1 if event.mod & pygame.KMOD_SHIFT else 1)) % len(OPPONENTS))

    def draw_row(self, surface: pygame.Surface, r: pygame.Rect, i: int, chosen: bool) -> None:
        t, e = self.app.text, self.entries[i]
        colour = theme.INK if e.ok else theme.ERROR
        title = e.title if e.ok else f"{e.path.name} (cannot be played)"
        lab = t.render(fit(t, title, 18, r.w - t.px(20), bold=True), 18, colour, bold=True)
        surface.blit(lab, (r.x + t.px(10), r.y + t.px(3)))
        where = "built in" if e.builtin else "your scenario folder"
        sub = f"{e.start:%b %Y} - {e.end:%b %Y} · {where}" if e.ok and e.start and e.end else where
        surface.blit(t.render(sub, 14, theme.MUTED), (r.x + t.px(10), r.y + t.px(27)))

    def draw(self, surface: pygame.Surface) -> None:
        t, W = self.app.text, self.app.size[0]
        background(self.app, surface, "New game", "Choose a scenario, your side and your opponent")
        x0 = t.px(40)
        surface.blit(t.render("Scenario (Up/Down)", 20, theme.INK, bold=True), (x0, t.px(126)))
        side_label = t.render("Your side (J / S, Left/Right)", 20, theme.INK, bold=True)
        surface.blit(side_label, (x0, self.side_y - t.px(32)))
        suggested = self.entries[self.list.selected].suggested_side if self.entries else None
        if suggested and not self.hot_seat:   # (hot-seat: both sides are played; the passwords sit there)
            hint = t.render(f"this scenario is written for the {SIDE_NAMES[suggested]}", 16, theme.MUTED, italic=True)
            surface.blit(hint, (x0 + side_label.get_width() + t.px(12), self.side_y - t.px(29)))
        opp_label = t.render("Opponent (1-5, Tab)", 20, theme.INK, bold=True)
        surface.blit(opp_label, (x0, self.opp_y - t.px(32)))
        opp_hint = t.render(OPPONENT_HINTS[OPPONENTS[self.opponent][0]], 16, theme.MUTED, italic=True)
        surface.blit(opp_hint, (x0 + opp_label.get_width() + t.px(12), self.opp_y - t.px(29)))
        if not self.entries:
            surface.blit(t.render("No scenario could be found.", 20, theme.ERROR), (x0, t.px(160)))
            return
        self.list.draw(surface, self.draw_row, t)
        e = self.entry
        x = self.list.rect.right + t.px(40)
        w = W - x - t.px(40)
        bottom = self.side_y - t.px(44)
        y = t.px(130)
        if not e.ok:
            y = paragraph(t, surface, f"{e.path.name}: this scenario cannot be played", (x, y), w, 26, theme.ERROR,
                          bold=True) + t.px(10)
            y = paragraph(t, surface, e.error, (x, y), w, 18, theme.ERROR) + t.px(12)
            paragraph(t, surface, f"Fix the file in {e.path.parent} and check it with: python main.py check "
                      f"{e.path.name}", (x, y), w, 18, theme.MUTED, italic=True)
        else:
            y = paragraph(t, surface, e.title, (x, y), w, 28, bold=True) + t.px(2)
            dates = f"{e.start:%d %B %Y} to {e.end:%d %B %Y}" + ("" if e.builtin else f" · {e.path.name}")
            y = paragraph(t, surface, dates, (x, y), w, 18, theme.MUTED) + t.px(10)
            for head, body, size in (("", e.summary, 19), ("Premise", e.premise, 17), ("Historical note", e.note, 16)):
                if not body or y > bottom - t.px(30):
                    continue
                if head:
                    y = paragraph(t, surface, head, (x, y), w, 17, theme.INK, bold=True)
                surf = t.render(body, size, theme.INK if not head else theme.MUTED, width=w, italic=bool(head))
                room = bottom - y
                surface.blit(surf, (x, y), pygame.Rect(0, 0, w, max(0, room)))
                y += min(surf.get_height(), room) + t.px(10)
        if self.message:
            paragraph(t, surface, self.message, (x0 + t.px(420), self.side_y + t.px(6)), W - x0 - t.px(460), 17,
                      theme.ERROR, bold=True)
        elif self.hot_seat:
            for side, f in self.password_fields.items():
                label = f"{SIDE_NAMES[side]} password (optional)"
                surface.blit(t.render(label, 16, theme.INK, bold=True), (f.rect.x, self.side_y - t.px(30)))
            x = x0 + t.px(420 + 2 * 235)
            protected = any(f.get_text() for f in self.password_fields.values())
            note = ("A side with a password: its orders are sealed in the save files until the game ends, and "
                    "the hand-off asks for it." if protected else
                    "Hot-seat: a hand-off screen hides each player's screen. Without passwords, the save "
                    "files show both sides' orders to anyone who opens them.")
            paragraph(t, surface, note, (x, self.side_y - t.px(30)), W - x - t.px(40), 15, theme.MUTED, italic=True)


class EndScreen(Screen):
    """The after-action report, with the whole game revealed to both sides: the outcome and why, the charts,
    and both sides' decisions turn by turn beside history. Scroll it; export it as PNG + Markdown."""

    def __init__(self, app: App, view: View, log: list | None = None, session: GameSession | None = None):
        super().__init__(app)
        from game.analysis.report import build_report
        self.view, self.log, self.session = view, list(log or []), session
        self.report = build_report(view, self.log)
        self.picture: pygame.Surface | None = None
        self.scroll = 0
        self.exporting = False
        self.message, self.message_is_error = "", False

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 640, size[0] / 1280)

    def enter(self) -> None:
        t, app = self.app.text, self.app
        W, H = app.size
        self.buttons = Buttons(app.manager)
        self.bar = pygame.Rect(0, H - t.px(84), W, t.px(84))
        self.area = pygame.Rect(t.px(30), t.px(86), W - t.px(60), self.bar.y - t.px(96))
        self.picture = None
        y, h = self.bar.y + t.px(14), t.px(56)
        if self.exporting:
            import pygame_gui

            from game.files import paths
            self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(t.px(330), y + t.px(6), W - t.px(900),
                                                                         t.px(46)), app.manager)
            self.entry.set_text(str(paths.reports_dir(create=False)))
            self.entry.focus()
            self.buttons.add(pygame.Rect(W - t.px(550), y, t.px(250), h), "Export (Enter)", self.export,
                             (pygame.K_RETURN, pygame.K_KP_ENTER), object_id="#end_turn", focusable=False)
            self.buttons.add(pygame.Rect(W - t.px(280), y, t.px(240), h), "Cancel (Esc)", self.cancel_export,
                             (pygame.K_ESCAPE,), focusable=False)
            return
        items = [("Export report (X)", self.ask_folder, (pygame.K_x,)),
                 ("Go back to a turn (B)", self.go_back, (pygame.K_b,)),
                 ("Main menu (M)", lambda: app.leave(MenuScreen(app)), (pygame.K_m,)),
                 ("Quit (Q)", app.quit, (pygame.K_q, pygame.K_ESCAPE))]
        x = t.px(30)
        for label, action, keys in items:
            w = t.px(70) + t.font(20, bold=True).size(label)[0]
            self.buttons.add(pygame.Rect(x, y, w, h), label, action, keys, focusable=False,
                             enabled=action != self.go_back or self.session is not None)
            x += w + t.px(14)

    # --- actions -----------------------------------------------------------------------------------
    def ask_folder(self) -> None:
        self.app.swallow_text()   # X opened the box: its "x" is not part of the folder
        self._exporting(True)

    def cancel_export(self) -> None:
        self._exporting(False)

    def _exporting(self, on: bool) -> None:
        """Swap the bottom bar between its buttons and the folder entry."""
        self.exporting = on
        self.app.manager.clear_and_reset()
        self.enter()

    def export(self) -> None:
        from pathlib import Path

        from game.analysis.report import write_report
        folder = Path(self.entry.get_text().strip() or ".").expanduser()
        try:
            png, md = write_report(self.report, folder, log=self.log)
        except OSError as e:
            self.message, self.message_is_error = f"Could not export to {folder}: {e.strerror or e}", True
        else:
            self.message, self.message_is_error = f"Report written: {png} and {md.name}", False
            self.exported = (png, md)
        self.cancel_export()

    def go_back(self) -> None:
        from .files import RewindScreen
        if self.session is not None:
            self.app.show(RewindScreen(self.app, self.session, self))

    def handle(self, event: pygame.event.Event) -> None:
        if self.buttons.handle(event, arrows=False) or self.exporting:
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.app.text.px(60))
        elif event.type == pygame.KEYDOWN:
            page = self.area.h - self.app.text.px(60)
            step = {pygame.K_UP: -self.app.text.px(60), pygame.K_DOWN: self.app.text.px(60), pygame.K_PAGEUP: -page,
                    pygame.K_PAGEDOWN: page, pygame.K_SPACE: page, pygame.K_HOME: -10**6, pygame.K_END: 10**6}
            if event.key in step:
                self.scroll_by(step[event.key])

    def scroll_by(self, dy: int) -> None:
        limit = max(0, self.picture.get_height() - self.area.h) if self.picture else 0
        self.scroll = max(0, min(limit, self.scroll + dy))

    # --- drawing -----------------------------------------------------------------------------------
    def render_picture(self) -> pygame.Surface:
        """The report as ``game.analysis.report`` draws it, as wide as the screen (scaled with the UI scale)."""
        from game.analysis.report import render_report
        t = self.app.text
        width = max(1400, round(self.area.w / max(0.5, t.scale)))   # the report's fonts need ~1400 px
        pic = render_report(self.report, width)
        if width != self.area.w:
            h = round(pic.get_height() * self.area.w / width)
            pic = pygame.transform.smoothscale(pic, (self.area.w, h))
        return pic

    def draw(self, surface: pygame.Surface) -> None:
        from game.present.labels import plural
        t, v = self.app.text, self.view
        if self.picture is None:
            self.picture = self.render_picture()
            self.scroll_by(0)
        r = v.result
        surface.fill(theme.INK)
        winner = "a draw" if r.winner == "draw" else f"{v.side_names.get(r.winner, r.winner)} wins"
        head = t.render(f"{r.title}: {winner}", 34, (255, 255, 255), bold=True)
        surface.blit(head, (t.px(30), t.px(10)))
        sub = t.render(f"{v.title} · {plural(len(v.history) - 1, 'turn')} · both sides' hidden decisions "
                       "revealed", 18, (210, 210, 210))
        surface.blit(sub, (t.px(32), t.px(54)))
        surface.blit(self.picture, self.area, pygame.Rect(0, self.scroll, self.area.w, self.area.h))
        if self.picture.get_height() > self.area.h:   # a scroll bar, and how to scroll
            bar = pygame.Rect(self.area.right + t.px(8), self.area.y, t.px(8), self.area.h)
            pygame.draw.rect(surface, (70, 74, 80), bar)
            h = max(t.px(30), bar.h * self.area.h // self.picture.get_height())
            y = bar.y + (bar.h - h) * self.scroll // max(1, self.picture.get_height() - self.area.h)
            pygame.draw.rect(surface, theme.HIGHLIGHT, (bar.x, y, bar.w, h))
        surface.fill(theme.PAPER, self.bar)
        if self.exporting:
            surface.blit(t.render("Export PNG + Markdown to:", 18, theme.INK, bold=True),
                         (t.px(30), self.bar.y + t.px(30)))
            return
        right = self.buttons.items[-1][0].rect.right + t.px(24)
        if self.app.size[0] - right >= t.px(240):
            hint = t.render("Scroll: wheel, arrows, Page Up/Down", 16, theme.MUTED,
                            width=self.app.size[0] - right - t.px(20))
            surface.blit(hint, (right, self.bar.y + t.px(14)))
        if self.message:   # a strip over the bottom of the report: the message may be long (a folder path)
            lab = t.render(self.message, 18, (255, 255, 255), bold=True, width=self.area.w - t.px(24))
            strip = pygame.Rect(self.area.x, self.bar.y - lab.get_height() - t.px(16), self.area.w,
                                lab.get_height() + t.px(16))
            surface.fill(theme.ERROR if self.message_is_error else theme.GOOD, strip)
            surface.blit(lab, (strip.x + t.px(12), strip.y + t.px(8)))


class LeaveScreen(Screen):
    """Asked before leaving a game with turns in no save file: save and leave, leave anyway, or stay."""

    def __init__(self, app: App, game: Screen, then: Screen | None):
        super().__init__(app)
        self.game, self.then = game, then
        self.session = game.session
        self.message = ""

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 600, size[0] / 1000)

    def enter(self) -> None:
        t = self.app.text
        self.buttons = Buttons(self.app.manager)
        w, h, gap = t.px(440), t.px(54), t.px(12)
        x, y = t.px(80), t.px(260)
        go = "leave" if self.then is not None else "quit"
        items = [(f"Save, then {go} (S)", self.save_and_go, (pygame.K_s, pygame.K_RETURN, pygame.K_KP_ENTER)),
                 (f"{go.capitalize()} without saving (D)", self.go, (pygame.K_d,)),
                 ("Stay in the game (Esc)", lambda: self.app.show(self.game), (pygame.K_ESCAPE,))]
        for i, (label, action, keys) in enumerate(items):
            self.buttons.add(pygame.Rect(x, y + i * (h + gap), w, h), label, action, keys,
                             object_id="#end_turn" if i == 0 else None)
        self.buttons.move_focus(1)
        self.buttons_top = y

    def save_and_go(self) -> None:
        from game.play.saves import SaveError
        try:
            path = self.session.save()
        except (SaveError, OSError) as e:
            self.message = f"Not saved: {e}"
            return
        if self.then is not None:
            self.app.notify(f"Saved to {path}", seconds=4)
        self.go()

    def go(self) -> None:
        if self.then is None:
            self.app.running = False
        else:
            self.app.show(self.then)

    def handle(self, event: pygame.event.Event) -> None:
        self.buttons.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        t, s = self.app.text, self.session
        background(self.app, surface, "Leave this game?", s.scenario.title)
        x, w = t.px(80), self.app.size[0] - t.px(160)
        done = s.turns_played
        where = f"saved in {s.save_path.name} only up to an earlier turn" if s.save_path else "not saved in a file"
        kept = ("and the autosave failed, so leaving now loses it" if s.autosave_error else
                "only autosaved (Continue resumes just the newest game)")
        text = (f"{done} turn{'s' if done != 1 else ''} played, {where}, {kept}. Save now to find this game "
                f"again under Load a saved game.")
        paragraph(t, surface, text, (x, t.px(130)), w, 22)
        if self.message:
            paragraph(t, surface, self.message, (x, self.buttons_top + t.px(210)), w, 18, theme.ERROR, bold=True)


def password_field(app: App, rect: pygame.Rect):
    """A one-line text field whose characters show as dots."""
    import pygame_gui
    entry = pygame_gui.elements.UITextEntryLine(rect, app.manager)
    entry.set_text_hidden(True)
    return entry


def typing_in(app: App, event: pygame.event.Event) -> bool:
    """True for a key that a focused text field takes (letters, digits): screens then ignore their shortcuts."""
    return event.type == pygame.KEYDOWN and app._typing() and event.key not in (
        pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_TAB)


class PasswordScreen(Screen):
    """Asks the passwords of ``sides`` (each side's own player types theirs; the text shows as dots).

    ``check(passwords)`` opens whatever they unlock and returns None, or returns why not (shown here)."""

    def __init__(self, app: App, title: str, text: str, sides: tuple[str, ...], check, back: Screen):
        super().__init__(app)
        self.title, self.text, self.sides, self.check, self.back = title, text, tuple(sides), check, back
        self.message = ""

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 600, size[0] / 1000)

    def enter(self) -> None:
        t, (W, H) = self.app.text, self.app.size
        self.buttons = Buttons(self.app.manager)
        x, y = t.px(80), t.px(260)
        self.fields = {}
        for i, side in enumerate(self.sides):
            self.fields[side] = password_field(self.app, pygame.Rect(x + t.px(300), y + i * t.px(70), t.px(360),
                                                                     t.px(48)))
        self.label_y = y
        self.fields[self.sides[0]].focus()
        bottom = H - t.px(80)
        self.buttons.add(pygame.Rect(W - t.px(290), bottom, t.px(250), t.px(56)), "Open (Enter)", self.submit,
                         (pygame.K_RETURN, pygame.K_KP_ENTER), object_id="#end_turn", focusable=False)
        self.buttons.add(pygame.Rect(t.px(40), bottom, t.px(200), t.px(56)), "Back (Esc)",
                         lambda: self.app.show(self.back), (pygame.K_ESCAPE,), focusable=False)

    def submit(self) -> None:
        problem = self.check({side: f.get_text() for side, f in self.fields.items()})
        if problem:
            self.message = problem
            for f in self.fields.values():
                f.set_text("")
            self.fields[self.sides[0]].focus()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB and len(self.sides) > 1:
            order = list(self.fields.values())
            now = next((i for i, f in enumerate(order) if f.is_focused), -1)
            order[now].unfocus() if now >= 0 else None
            order[(now + 1) % len(order)].focus()
            return
        if typing_in(self.app, event):
            return
        self.buttons.handle(event, arrows=False)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, self.title, "Only that player should type")
        x, w = t.px(80), self.app.size[0] - t.px(160)
        paragraph(t, surface, self.text, (x, t.px(130)), w, 22)
        for i, side in enumerate(self.sides):
            lab = t.render(f"{SIDE_NAMES.get(side, side)}'s password", 22, theme.INK, bold=True)
            surface.blit(lab, (x, self.label_y + i * t.px(70) + t.px(8)))
        if self.message:
            paragraph(t, surface, self.message, (x, self.label_y + len(self.sides) * t.px(70) + t.px(10)), w, 19,
                      theme.ERROR, bold=True)


def handoff_password(app: App, game) -> None:
    """The hot-seat hand-off of a side with a password: its screen opens only with that password."""
    side = game.session.current_side
    name = SIDE_NAMES.get(side, side)

    def check(passwords: dict[str, str]) -> str | None:
        if not game.session.password_ok(side, passwords.get(side, "")):
            return "Wrong password. The other player must not see this side's orders."
        game.unlocked = (side, game.view.turn)
        app.show(game)
        game.close_modal()
        return None
    app.show(PasswordScreen(app, f"{name} to play", f"Pass the computer to the {name} player. Type {name}'s "
                            f"password to show the {name} screen.", (side,), check, game))


def unlock_save(app: App, path, sides: tuple[str, ...], back: Screen) -> None:
    """A protected hot-seat save: ask the sealed sides' passwords, then open it."""
    from game.play.saves import SaveError, SaveLocked
    from game.play.session import Session

    from .app import open_session

    def check(passwords: dict[str, str]) -> str | None:
        try:
            session = Session.load(path, autosave=True, passwords=passwords)
        except SaveLocked as e:
            return str(e)[len(e.file) + 2:].capitalize()
        except SaveError as e:
            return str(e)
        open_session(app, session)
        return None
    names = " and ".join(SIDE_NAMES.get(s, s) for s in sides)
    app.show(PasswordScreen(app, "A protected game", f"{path.name if hasattr(path, 'name') else path}: the "
                            f"orders of {names} are sealed with their passwords until the game ends. Each "
                            f"player types their own.", sides, check, back))
