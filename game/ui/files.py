"""Screens for saved games: load a save (the player's saves and the autosaves), and go back to a past turn.

A save that cannot be used (damaged, another program's file, a newer version of the game) is listed with
its problem; trying to load it shows the one-line message and changes nothing: Esc returns to the screen
(or the game) this was opened from, exactly as it was.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.play.session import GameSession

from . import theme
from .app import App, Screen, open_save, open_session
from .widgets import Buttons, ListBox, background, paragraph


def player_text(players: dict[str, str] | None) -> str:
    if not players:
        return ""
    words = {"human": "player"}
    return " · ".join(f"{'Japan' if s == 'japan' else 'USSR'}: {words.get(p, p.replace('ai:', 'computer '))}"
                      for s, p in sorted(players.items()))


class ChooseScreen(Screen):
    """A list to choose from, with its action button (Enter, or a double click) and Back (Esc) along the
    bottom. The subclass builds ``self.list`` and says what ``choose`` does."""

    def __init__(self, app: App, back: Screen):
        super().__init__(app)
        self.back = back
        self.message = ""

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 600, size[0] / 1000)

    def bottom_buttons(self, label: str, width: int, enabled: bool = True) -> int:
        """The action button (``width`` px at scale 1) and Back; returns the y of their top."""
        t, (W, H) = self.app.text, self.app.size
        self.buttons = Buttons(self.app.manager)
        bottom = H - t.px(80)
        self.buttons.add(pygame.Rect(W - t.px(width + 40), bottom, t.px(width), t.px(56)), label, self.choose,
                         (pygame.K_RETURN, pygame.K_KP_ENTER), object_id="#end_turn", focusable=False,
                         enabled=enabled)
        self.buttons.add(pygame.Rect(t.px(40), bottom, t.px(200), t.px(56)), "Back (Esc)",
                         lambda: self.app.show(self.back), (pygame.K_ESCAPE, pygame.K_BACKSPACE), focusable=False)
        return bottom

    def choose(self) -> None: ...

    def handle(self, event: pygame.event.Event) -> None:
        if self.buttons.handle(event, arrows=False):
            return
        what = self.list.handle(event)
        if what == "select":
            self.message = ""
        elif what == "activate":
            self.choose()


class LoadScreen(ChooseScreen):
    def __init__(self, app: App, back: Screen):
        super().__init__(app, back)
        from game.files import paths
        from game.play.saves import list_saves
        self.saves = list_saves(paths.saves_dir(create=False)) + list_saves(paths.autosave_dir(create=False))
        self.folder = paths.saves_dir(create=False)

    def enter(self) -> None:
        t, W = self.app.text, self.app.size[0]
        bottom = self.bottom_buttons("Load (Enter)", 250, enabled=bool(self.saves))
        self.list = ListBox(pygame.Rect(t.px(40), t.px(160), W - t.px(80), bottom - t.px(120) - t.px(160)),
                            len(self.saves), t.px(56))

    def choose(self) -> None:
        if not self.saves:
            return
        problem = open_save(self.app, self.saves[self.list.selected].path)
        if problem:
            self.message = f"Not loaded: {problem}"

    def draw_row(self, surface: pygame.Surface, r: pygame.Rect, i: int, chosen: bool) -> None:
        t, info = self.app.text, self.saves[i]
        x = r.x + t.px(12)
        surface.blit(t.render(info.path.name, 18, theme.INK, bold=True), (x, r.y + t.px(4)))
        if info.problem:
            line, colour = info.problem, theme.ERROR
        else:
            when = (info.saved_at or "")[:16].replace("T", " ")
            played = f"{info.turns} turn{'' if info.turns == 1 else 's'} played"
            line = f"{info.scenario} · {played} · {player_text(info.players)}" + \
                   (f" · saved {when} UTC" if when else "") + (" · protected by passwords" if info.sealed else "")
            colour = theme.MUTED if not chosen else theme.INK
        surface.blit(t.render(line[:140], 15, colour), (x, r.y + t.px(30)))

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "Load a saved game", f"Saves in {self.folder}, then the autosaves")
        x, w = t.px(40), self.app.size[0] - t.px(80)
        surface.blit(t.render("Up/Down choose · Enter loads · Esc goes back", 18, theme.MUTED), (x, t.px(126)))
        if not self.saves:
            paragraph(t, surface, "No saved games yet. In a game, Ctrl+S saves; every finished turn is autosaved.",
                      (x, t.px(170)), w, 20)
        else:
            self.list.draw(surface, self.draw_row, t)
        if self.message:
            paragraph(t, surface, self.message, (x, self.list.rect.bottom + t.px(14)), w, 18, theme.ERROR, bold=True)


class RewindScreen(ChooseScreen):
    """Go back to the start of any past turn and play on from there: a branch in a new save file, while
    the line played so far stays whole in its own save."""

    def __init__(self, app: App, session: GameSession, back: Screen):
        super().__init__(app, back)
        self.session = session
        self.turns = session.past_turns()

    def enter(self) -> None:
        t = self.app.text
        bottom = self.bottom_buttons("Go back and play on (Enter)", 340)
        self.list = ListBox(pygame.Rect(t.px(40), t.px(160), t.px(620), bottom - t.px(40) - t.px(160)),
                            len(self.turns), t.px(44), selected=max(0, len(self.turns) - 2))

    def choose(self) -> None:
        from game.play.saves import SaveError
        turn = self.turns[self.list.selected][0]
        if turn == self.session.turns_played and not self.session.over:
            self.message = "That is the turn being played now: choose an earlier one."
            return
        try:
            b = self.session.branch(turn)
        except SaveError as e:
            self.message = f"Could not keep the game so far: {e}"
            return
        note = (f"Back at turn {turn + 1}. The game so far is kept in {b.original.name}; "
                f"this new line saves to {b.path.name}.")
        open_session(self.app, self.session)
        self.app.screen.say(note)

    def draw_row(self, surface: pygame.Surface, r: pygame.Rect, i: int, chosen: bool) -> None:
        t = self.app.text
        turn, day = self.turns[i]
        now = turn == self.session.turns_played
        label = f"Turn {turn + 1}, from {day.day} {day:%B %Y}" + (" (now)" if now else "")
        if turn == 0:
            label += " · the opening"
        surface.blit(t.render(label, 19, theme.MUTED if now else theme.INK, bold=not now),
                     (r.x + t.px(12), r.y + t.px(9)))

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "Go back to a turn", "What if you had decided differently?")
        surface.blit(t.render("Up/Down choose · Enter goes back · Esc returns to the game", 18, theme.MUTED),
                     (t.px(40), t.px(126)))
        self.list.draw(surface, self.draw_row, t)
        x = self.list.rect.right + t.px(50)
        w = self.app.size[0] - x - t.px(40)
        text = ("The game is replayed from its orders up to the start of the chosen turn; the dice are the same, "
                "so playing the same orders again gives the same game. Everything played so far is kept in its own "
                "save file, and the new line of play goes to a new file beside it (Load shows both).")
        y = paragraph(t, surface, text, (x, t.px(170)), w, 19) + t.px(16)
        if self.message:
            paragraph(t, surface, self.message, (x, y), w, 18, theme.ERROR, bold=True)
