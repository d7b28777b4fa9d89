"""The window: ``run(args)`` for ``python main.py`` (the menu) and ``python main.py play ...``.

``App`` owns the display, one pygame_gui manager and the current screen. ``step()`` handles the waiting
events and draws one frame, so tests drive the real application by posting events and stepping.
"""
from __future__ import annotations

import argparse
import time

import pygame
import pygame_gui

from . import theme
from .theme import Text

DEFAULT_SIZE = (1600, 900)
FPS = 60


class Screen:
    """One screen of the application: builds its widgets on enter, removes them on leave."""

    def __init__(self, app: "App"):
        self.app = app

    def enter(self) -> None: ...

    def leave(self) -> None:
        self.app.manager.clear_and_reset()

    def handle(self, event: pygame.event.Event) -> None: ...

    def update(self, dt: float) -> None: ...

    def draw(self, surface: pygame.Surface) -> None: ...


class App:
    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, display: pygame.Surface | None = None):
        pygame.display.init()   # no audio: the game is silent, and ALSA complains on machines without sound
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        self.surface = display or pygame.display.set_mode(size)
        pygame.display.set_caption("Kantokuen 1941")
        self.size = self.surface.get_size()
        self.scale = theme.ui_scale(self.size)
        self.text = Text(self.scale)
        self.manager = pygame_gui.UIManager(self.size, theme.gui_theme(self.scale))
        self.screen: Screen | None = None
        self.running = True
        self.frames = 0
        self._geo = None

    @property
    def geography(self) -> dict:
        if self._geo is None:
            from game.geo import load_geography
            self._geo = load_geography()
        return self._geo

    def show(self, screen: Screen) -> None:
        if self.screen is not None:
            self.screen.leave()
        self.screen = screen
        screen.enter()

    def quit(self) -> None:
        self.running = False

    def step(self, dt: float = 1 / FPS) -> None:
        """Handle every waiting event, then draw one frame."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.running = False
                continue
            consumed = self.manager.process_events(event)
            if self.screen and not (consumed and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)):
                self.screen.handle(event)
            if not self.running:
                return
        self.draw(dt)

    def draw(self, dt: float = 1 / FPS) -> None:
        if self.screen:
            self.screen.update(dt)
        self.manager.update(dt)
        if self.screen:
            self.screen.draw(self.surface)
        self.manager.draw_ui(self.surface)
        pygame.display.flip()
        self.frames += 1

    def loop(self) -> int:
        clock = pygame.time.Clock()
        while self.running:
            dt = clock.tick(FPS) / 1000
            self.step(dt)
        return 0


def start_game(app: App, scenario_id: str, seed: int, players: dict[str, str]) -> None:
    """Open the game screen on a fresh game."""
    from game.scenario import load
    from game.session import Session

    from .game_screen import GameScreen
    app.show(GameScreen(app, Session(load(scenario_id), seed, players)))


def make_app(args: argparse.Namespace, size: tuple[int, int] = DEFAULT_SIZE) -> App:
    """The application opened as the command line asks (menu or a game), ready to step."""
    if args.command == "play" and getattr(args, "load", None):
        from game.cli import UserError
        raise UserError("--load: saved games are not available in this version yet")
    if args.command == "play":
        from game.scenario import load
        load(args.scenario)   # a bad scenario fails here, before the window opens
    app = App(size)
    if args.command == "play":
        start_game(app, args.scenario, args.seed, {"japan": args.japan, "soviet": args.soviet})
    else:
        from .screens import MenuScreen
        app.show(MenuScreen(app))
    return app


def window_size() -> tuple[int, int]:
    """1600x900, or 1280x720 on a desktop too small for it (a classroom laptop on a projector)."""
    pygame.display.init()
    info = pygame.display.Info()
    if 0 < info.current_w < 1600 or 0 < info.current_h < 960:
        return 1280, 720
    return DEFAULT_SIZE


def run(args: argparse.Namespace) -> int:
    app = make_app(args, window_size())
    try:
        return app.loop()
    finally:
        pygame.quit()


def first_frame_seconds(start: float) -> float:
    """Seconds from ``start`` (a time.time() reading, e.g. taken before this process was started) to the
    first drawn frame of the main menu."""
    app = make_app(argparse.Namespace(command="menu"))
    app.step()
    return time.time() - start
