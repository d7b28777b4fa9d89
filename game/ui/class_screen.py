"""The Class screen: the teacher types (or pastes) a folder of the class's saves, e.g. a USB stick, and sees
the class summary of ``game.analysis.classroom`` (the same as ``python main.py class``), written as summary.md and
summary.png into the reports folder."""
from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from . import theme
from .app import App, Screen
from .widgets import Buttons, background, paragraph


class ClassScreen(Screen):
    def __init__(self, app: App, back: Screen, folder: str | None = None, computer_games: int | None = None):
        super().__init__(app)
        from game.analysis import classroom
        from game.files import paths
        self.back = back
        self.folder = folder or str(paths.saves_dir(create=False))
        self.computer_games = classroom.COMPUTER_GAMES if computer_games is None else computer_games
        self.summary: dict | None = None
        self.picture: pygame.Surface | None = None
        self.scroll = 0
        self.pending = False          # a summary is asked for: computed on the next frame (after "Working")
        self.message, self.message_is_error = "Type the folder that holds the class's saves, then press Enter.", False

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 640, size[0] / 1100)

    def enter(self) -> None:
        t, (W, H) = self.app.text, self.app.size
        self.buttons = Buttons(self.app.manager)
        y = t.px(160)
        self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(t.px(40), y, W - t.px(380), t.px(48)),
                                                         self.app.manager)
        self.entry.set_text(self.folder)
        self.entry.focus()
        self.buttons.add(pygame.Rect(W - t.px(320), y - t.px(4), t.px(280), t.px(56)), "Sum up (Enter)", self.start,
                         (pygame.K_RETURN, pygame.K_KP_ENTER), object_id="#end_turn", focusable=False)
        self.buttons.add(pygame.Rect(t.px(40), H - t.px(76), t.px(200), t.px(56)), "Back (Esc)",
                         lambda: self.app.show(self.back), (pygame.K_ESCAPE,), focusable=False)
        self.area = pygame.Rect(t.px(40), y + t.px(110), W - t.px(80), H - t.px(96) - (y + t.px(110)))
        self.picture = None

    # --- work -------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.folder = self.entry.get_text().strip()
        if not self.folder:
            self.message, self.message_is_error = "Type a folder first.", True
            return
        self.pending = True
        self.message, self.message_is_error = "Reading the games and letting the computer play the same " \
                                              "scenarios...", False

    def animating(self) -> bool:
        return self.pending

    def update(self, dt: float) -> None:
        if self.pending and getattr(self, "_shown_working", False):
            self.pending = self._shown_working = False
            self.compute()
        elif self.pending:
            self._shown_working = True   # draw "Working" once before the work blocks the window

    def compute(self) -> None:
        from game.analysis import classroom
        from game.files import paths
        from game.files.userfile import os_reason
        tables, unreadable = classroom.read_class([self.folder])
        if not tables:
            why = f" ({Path(unreadable[0]['file']).name}: {unreadable[0]['reason']})" if unreadable else ""
            self.summary, self.picture = None, None
            self.message, self.message_is_error = f"No finished game found in {self.folder}{why}.", True
            return
        self.summary = classroom.summarise(tables, unreadable, computer_games=self.computer_games)
        self.picture, self.scroll = None, 0
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(self.folder).name) or "class"
        out = paths.reports_dir(create=False) / f"class-{name}"
        try:
            md, png = classroom.write_summary(self.summary, out)
        except OSError as e:
            self.message, self.message_is_error = f"Summed up, but not written to {out} ({os_reason(e)}).", True
        else:
            skipped = len(unreadable)
            from game.present.labels import plural
            self.message = (f"{plural(len(tables), 'finished game')} read" +
                            (f", {plural(skipped, 'file')} not counted" if skipped else "") +
                            f". Written: {md} and {png.name}.")
            self.message_is_error = False
            self.written = (md, png)

    # --- input ------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if self.buttons.handle(event, arrows=False):
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.app.text.px(60))
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            page = self.area.h - self.app.text.px(40)
            self.scroll_by(page if event.key == pygame.K_PAGEDOWN else -page)

    def scroll_by(self, dy: int) -> None:
        limit = max(0, self.picture.get_height() - self.area.h) if self.picture else 0
        self.scroll = max(0, min(limit, self.scroll + dy))

    # --- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "Class summary", "The finished games of a class beside the computer and "
                                                       "history")
        surface.blit(t.render("Folder of saves (e.g. a USB stick; subfolders are searched too)", 18, theme.INK,
                              bold=True), (t.px(40), t.px(128)))
        colour = theme.ERROR if self.message_is_error else theme.MUTED
        paragraph(t, surface, self.message, (t.px(40), t.px(216)), self.app.size[0] - t.px(80), 17, colour,
                  bold=self.message_is_error)
        if self.summary is None:
            return
        if self.picture is None:
            from game.analysis.classroom import render_summary
            pic = render_summary(self.summary, max(1400, self.area.w))
            h = round(pic.get_height() * self.area.w / pic.get_width())
            self.picture = pygame.transform.smoothscale(pic, (self.area.w, h))
            self.scroll_by(0)
        surface.blit(self.picture, self.area, pygame.Rect(0, self.scroll, self.area.w, self.area.h))
        if self.picture.get_height() > self.area.h:
            hint = t.render("Scroll: wheel, Page Up/Down", 16, theme.MUTED)
            surface.blit(hint, (self.app.size[0] - hint.get_width() - t.px(40), self.area.bottom + t.px(24)))
