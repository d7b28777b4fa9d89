"""The window: ``run(args)`` for ``python main.py`` (the menu) and ``python main.py play ...``.

``App`` owns the display, one pygame_gui manager and the current screen. ``step()`` handles the waiting
events and draws one frame, so tests drive the real application by posting events and stepping.

The player's settings (``game.settings``: UI scale, palette) are read at start and applied by
``apply_settings``. Everything is drawn at ``scale`` = the window's own scale (1600x900 = 1) times the
UI scale setting; a screen whose layout cannot grow that far in this window says so with ``fit_scale``.
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

    def fit_scale(self, size: tuple[int, int]) -> float | None:
        """The largest drawing scale this screen's layout fits in a window of ``size`` (None: any)."""
        return None

    def enter(self) -> None: ...

    def leave(self) -> None:
        self.app.manager.clear_and_reset()

    def handle(self, event: pygame.event.Event) -> None: ...

    def widget_click(self, event: pygame.event.Event) -> None:
        """A mouse press that pygame_gui kept for itself (e.g. on a disabled button, which says nothing)."""

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
        from game.settings import load_settings
        self.settings, self.settings_warning = load_settings()
        theme.apply_palette(self.settings.palette)
        self.scale = 0.0
        self.set_scale(self.wanted_scale)
        self.screen: Screen | None = None
        self.running = True
        self._geo = None

    @property
    def wanted_scale(self) -> float:
        return theme.ui_scale(self.size) * self.settings.ui_scale

    def set_scale(self, scale: float) -> None:
        """Draw text and widgets at ``scale`` (a new widget manager: call between screens)."""
        scale = round(scale, 4)
        if scale == self.scale:
            return
        self.scale = scale
        self.text = Text(scale)
        self.manager = pygame_gui.UIManager(self.size, theme.gui_theme(scale))

    def apply_settings(self, settings) -> None:
        """Use new settings from now on (the current screen is rebuilt by the caller)."""
        self.settings = settings
        theme.apply_palette(settings.palette)

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
        cap = screen.fit_scale(self.size)
        self.set_scale(self.wanted_scale if cap is None else min(self.wanted_scale, cap))
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
            elif self.screen and event.type == pygame.MOUSEBUTTONDOWN:
                self.screen.widget_click(event)
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

    def loop(self) -> int:
        clock = pygame.time.Clock()
        while self.running:
            dt = clock.tick(FPS) / 1000
            self.step(dt)
        return 0


def start_game(app: App, scenario, seed: int, players: dict[str, str], autosave: bool = True) -> None:
    """Open the game screen on a fresh game of ``scenario`` (an id or a path to a .toml file)."""
    from game.scenario import load
    from game.session import Session

    from .game_screen import GameScreen
    app.show(GameScreen(app, Session(load(scenario), seed, players, autosave=autosave), briefing=True))


def open_session(app: App, session) -> None:
    """Open the game screen on a session (a loaded or rewound game)."""
    from .game_screen import GameScreen
    app.show(GameScreen(app, session))


def open_save(app: App, path) -> str | None:
    """Open the game screen on a saved game; the one-line reason when the file cannot be used."""
    from game.saves import SaveError
    from game.session import Session
    try:
        session = Session.load(path, autosave=True)
    except SaveError as e:
        return str(e)
    open_session(app, session)
    return None


def make_app(args: argparse.Namespace, size: tuple[int, int] = DEFAULT_SIZE) -> App:
    """The application opened as the command line asks (menu or a game), ready to step."""
    loaded = None
    if args.command == "play" and getattr(args, "load", None):
        from game.session import Session
        loaded = Session.load(args.load, autosave=True)   # a bad save: SaveError, one line, exit 1
    elif args.command == "play":
        from game.ai.plan import check_players
        from game.scenario import load
        # a bad scenario or plan file fails here, before the window opens
        check_players({"japan": args.japan, "soviet": args.soviet}, load(args.scenario))
    app = App(size)
    if loaded is not None:
        open_session(app, loaded)
    elif args.command == "play":
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
