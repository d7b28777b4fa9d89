"""The window: ``run(args)`` for ``python main.py`` (the menu) and ``python main.py play ...``.

``App`` owns the display, one pygame_gui manager and the current screen. ``step()`` handles the waiting
events and draws one frame, so tests drive the real application by posting events and stepping.

The player's settings (``game.files.settings``: UI scale, palette) are read at start and applied by
``apply_settings``. Everything is drawn at ``scale`` = the window's own scale (1600x900 = 1) times the
UI scale setting; a screen whose layout cannot grow that far in this window says so with ``fit_scale``.

The window opens at a size that fits the desktop, can be resized, and F11 toggles full screen: on every
change of size the current screen is entered again (``Screen.enter`` lays it out for ``app.size``).

Idle costs nothing: ``loop`` draws a frame only after input, while a screen says it is ``animating`` (a run
in progress), for a moment after input (widget hover), or when ``invalidate`` was called (from any thread,
e.g. by a background job that finished). Otherwise it sleeps, looking for input every 30 ms.

A failure to write (read-only folder, full disk) never ends the game: ``step`` turns an ``OSError`` from
a screen into a ``notify`` message drawn over the window.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING

import pygame
import pygame_gui

if TYPE_CHECKING:   # the rules load with numpy: kept off the way to the main menu
    from game.play.session import GameSession

from . import theme
from .theme import Text

DEFAULT_SIZE = (1600, 900)
MIN_SIZE = (1024, 640)      # below this the layouts are not designed to fit
FPS = 60
AFTER_INPUT_S = 1.2         # keep drawing this long after input (hover effects; tooltips appear after ~1 s)
IDLE_WAIT_MS = 500          # how long the idle loop sleeps between checks of ``animating``
IDLE_POLL_S = 0.03          # while idle, look for input this often (30 ms: no felt delay)
AHEAD_STEP_S = 0.004        # work done ahead between frames (see work_ahead) comes in steps about this long
NOTICE_S = 10               # how long a notice stays (any click or key also removes it)
WAKE = pygame.USEREVENT + 40   # posted by ``invalidate``: something changed, draw a frame


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

    def animating(self) -> bool:
        """True while the screen changes without input (a run in progress): the loop keeps drawing."""
        return False

    def widget_click(self, event: pygame.event.Event) -> None:
        """A mouse press that pygame_gui kept for itself (e.g. on a disabled button, which says nothing)."""

    def update(self, dt: float) -> None: ...

    def draw(self, surface: pygame.Surface) -> None: ...


def prefer_plain_framebuffer() -> None:
    """Without a GPU, SDL presents the window through software OpenGL (Mesa's llvmpipe): 13-30 ms a frame
    for a 1600x900 window, against under 1 ms for X11's own shared-memory framebuffer. So where Linux has
    no GPU device (or is told to render in software), use the plain framebuffer; a setting of
    SDL_FRAMEBUFFER_ACCELERATION in the environment wins."""
    software = (os.environ.get("LIBGL_ALWAYS_SOFTWARE") not in (None, "", "0")
                or os.environ.get("GALLIUM_DRIVER") in ("llvmpipe", "softpipe", "swr")
                or not (os.path.isdir("/dev/dri") and any(n.startswith("renderD") for n in os.listdir("/dev/dri"))))
    if sys.platform.startswith("linux") and software:
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


class App:
    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, display: pygame.Surface | None = None):
        prefer_plain_framebuffer()
        pygame.display.init()   # no audio: the game is silent, and ALSA complains on machines without sound
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        self.surface = display or pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("Kantokuen 1941")
        self.size = self.surface.get_size()
        self.fullscreen = False
        self._windowed_size = self.size
        self.notice, self._notice_until = "", 0.0
        self._draw_until = 0.0        # keep drawing until then (after input)
        self._needs_frame = True
        self._swallow_text = False    # see swallow_text()
        self._after_frame: list = []  # see after_frame()
        from game.files.paths import clean_temp_files
        clean_temp_files()            # leftovers of saves interrupted by a crash; real saves stay
        from game.files.settings import load_settings
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
            from game.present.geo import load_geography
            self._geo = load_geography()
        return self._geo

    def show(self, screen: Screen) -> None:
        if self.screen is not None:
            self.screen.leave()
        self.screen = screen
        self._enter(screen)

    def _enter(self, screen: Screen) -> None:
        cap = screen.fit_scale(self.size)
        self.set_scale(self.wanted_scale if cap is None else min(self.wanted_scale, cap))
        screen.enter()
        self.invalidate()

    # --- leaving a game ---------------------------------------------------------------------------
    def leave(self, then: Screen | None) -> None:
        """Go to ``then`` (None: quit), but first ask if the game on screen has turns in no save file."""
        session = getattr(self.screen, "session", None)
        if session is not None and getattr(session, "unsaved", False):
            from .screens import LeaveScreen
            self.show(LeaveScreen(self, self.screen, then))
        elif then is None:
            self.running = False
        else:
            self.show(then)

    def quit(self) -> None:
        """Quit (the window's close button, Q): asks first when a game would be lost."""
        from .screens import LeaveScreen
        if isinstance(self.screen, LeaveScreen):
            self.running = False
        else:
            self.leave(None)

    # --- the window -------------------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        """The window has a new size: a new widget manager, and the current screen laid out again."""
        size = (max(1, int(size[0])), max(1, int(size[1])))
        surface = pygame.display.get_surface()
        if surface is None or surface.get_size() != size:   # drivers without a window manager (dummy)
            flags = pygame.FULLSCREEN if self.fullscreen else pygame.RESIZABLE
            surface = pygame.display.set_mode(size, flags)
        self.surface = surface
        if surface.get_size() == self.size:
            return
        self.size = surface.get_size()
        self.scale = 0.0   # forces a new manager for the new size
        if self.screen is None:
            self.set_scale(self.wanted_scale)
        else:
            self._enter(self.screen)

    def toggle_fullscreen(self) -> None:
        """F11: full screen on the desktop the window is on, and back to the window's last size."""
        if self.fullscreen:
            self.fullscreen = False
            self.surface = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)
        else:
            self._windowed_size = self.size
            self.fullscreen = True
            self.surface = pygame.display.set_mode(desktop_size(), pygame.FULLSCREEN)
        self.resize(self.surface.get_size())

    # --- messages and redrawing -------------------------------------------------------------------
    def notify(self, text: str, seconds: float = NOTICE_S) -> None:
        """A one-line message over whatever screen is shown (a failure to write, say)."""
        self.notice, self._notice_until = text, time.monotonic() + seconds
        self.invalidate()

    def invalidate(self) -> None:
        """Something changed: draw a frame soon. Safe to call from another thread."""
        self._needs_frame = True
        if pygame.display.get_init():
            try:
                pygame.event.post(pygame.event.Event(WAKE))
            except pygame.error:
                pass

    def wants_frame(self) -> bool:
        """True when the next pass of the loop must draw (else it may sleep until input)."""
        now = time.monotonic()
        if self.notice and now > self._notice_until:
            self.notice = ""
            return True
        return (self._needs_frame or now < self._draw_until or bool(self.screen and self.screen.animating())
                or self._typing())

    def _typing(self) -> bool:
        """A text field has the keyboard: its cursor blinks."""
        from pygame_gui.elements import UITextEntryLine
        return any(isinstance(e, UITextEntryLine) for e in self.manager.get_focus_set() or ())

    # --- the loop ---------------------------------------------------------------------------------
    def step(self, dt: float = 1 / FPS, events: list | None = None) -> None:
        """Handle every waiting event (and ``events``), then draw one frame."""
        for event in (events or []) + pygame.event.get():
            if event.type == WAKE or (event.type == pygame.TEXTINPUT and self._swallow_text):
                continue   # the text of a shortcut key that has just opened a text box is not typed into it
            self._draw_until = time.monotonic() + AFTER_INPUT_S
            if event.type == pygame.QUIT:
                self.quit()
            elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                self.resize(pygame.display.get_surface().get_size() if event.type == pygame.WINDOWSIZECHANGED
                            else event.size)
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                self.toggle_fullscreen()
            else:
                if self.notice and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                    self.notice = ""
                try:
                    self.dispatch(event)
                except OSError as e:   # a write that nothing else caught: say so, and play on
                    from game.files.userfile import os_reason
                    self.notify(f"Could not write {e.filename or 'a file'} ({os_reason(e)}); the game goes on.")
            if not self.running:
                return
        self._swallow_text = False
        self.draw(dt)
        actions, self._after_frame = self._after_frame, []
        for action in actions:
            action()

    def after_frame(self, action) -> None:
        """Run ``action`` once this frame is on screen (the computer starts thinking only then, so the frame
        of the End turn key is drawn before the worker thread competes with it)."""
        self._after_frame.append(action)

    def swallow_text(self) -> None:
        """Drop the text input of the key being handled (it opened a text box and must not land in it)."""
        self._swallow_text = True

    def dispatch(self, event: pygame.event.Event) -> None:
        consumed = self.manager.process_events(event)
        if self.screen and not (consumed and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)):
            self.screen.handle(event)
        elif self.screen and event.type == pygame.MOUSEBUTTONDOWN:
            self.screen.widget_click(event)

    def draw(self, dt: float = 1 / FPS) -> None:
        self._needs_frame = False
        if self.screen:
            self.screen.update(dt)
        self.manager.update(dt)
        if self.screen:
            self.screen.draw(self.surface)
        self.manager.draw_ui(self.surface)
        if self.notice:
            self.draw_notice(self.surface)
        pygame.display.flip()

    def draw_notice(self, surface: pygame.Surface) -> None:
        t = self.text
        lab = t.render(self.notice, 18, (255, 255, 255), bold=True, width=self.size[0] - t.px(80))
        strip = pygame.Rect(0, 0, lab.get_width() + t.px(32), lab.get_height() + t.px(16))
        strip.midtop = (self.size[0] // 2, t.px(8))
        surface.fill(theme.ERROR, strip)
        surface.blit(lab, (strip.x + t.px(16), strip.y + t.px(8)))

    def loop(self) -> int:
        clock = pygame.time.Clock()
        while self.running:
            if self.wants_frame():
                self.step(clock.tick(FPS) / 1000)
                self.work_ahead()   # in the rest of the frame's time
                continue
            events = pygame.event.get() if self.work_ahead() else self._idle_events(IDLE_WAIT_MS / 1000)
            if events:
                clock.tick()
                self.step(1 / FPS, events)
        return 0

    def work_ahead(self, seconds: float = AHEAD_STEP_S) -> bool:
        """Between frames: about ``seconds`` of the work the screen does ahead of need (the layouts of zoom
        levels not shown yet, say); whether any is left."""
        ahead = getattr(self.screen, "work_ahead", None)
        return bool(ahead and ahead(time.perf_counter() + seconds))

    @staticmethod
    def _idle_events(timeout: float) -> list:
        """Sleep until input arrives or ``timeout`` seconds pass. Short sleeps and a look at the queue:
        SDL's own ``event.wait`` wakes every millisecond on some drivers (2% of a core for nothing)."""
        end = time.monotonic() + timeout
        while True:
            events = pygame.event.get()
            if events or time.monotonic() >= end:
                return events
            time.sleep(IDLE_POLL_S)


def start_game(app: App, scenario, seed: int, players: dict[str, str], autosave: bool = True,
               passwords: dict[str, str] | None = None) -> None:
    """Open the game screen on a fresh game of ``scenario`` (an id or a path to a .toml file).
    ``passwords``: hot-seat sides that seal their orders in the saves (see ``game.play.session.Session``)."""
    from game.scenario import load
    from game.play.session import Session

    from .game_screen import GameScreen
    session = Session(load(scenario), seed, players, autosave=autosave, passwords=passwords)
    app.show(GameScreen(app, session, briefing=True))


def open_session(app: App, session: GameSession) -> None:
    """Open the game screen on a session (a loaded or rewound game)."""
    from .game_screen import GameScreen
    app.show(GameScreen(app, session))


def open_save(app: App, path) -> str | None:
    """Open the game screen on a saved game; the one-line reason when the file cannot be used."""
    from game.play.saves import SaveError, SaveLocked
    from game.play.session import Session
    try:
        session = Session.load(path, autosave=True)
    except SaveLocked as e:   # a protected hot-seat game: its players type their passwords first
        from .screens import unlock_save
        unlock_save(app, path, e.sides, app.screen)
        return None
    except SaveError as e:
        return str(e)
    open_session(app, session)
    return None


def make_app(args: argparse.Namespace, size: tuple[int, int] = DEFAULT_SIZE) -> App:
    """The application opened as the command line asks (menu or a game), ready to step."""
    loaded = locked = None
    if args.command == "play" and getattr(args, "load", None):
        from game.play.saves import SaveLocked
        from game.play.session import Session
        try:
            loaded = Session.load(args.load, autosave=True)   # a bad save: SaveError, one line, exit 1
        except SaveLocked as e:
            locked = e.sides   # the window asks the passwords
    elif args.command == "play":
        from game.ai.plan import check_players
        from game.scenario import load
        # a bad scenario or plan file fails here, before the window opens
        check_players({"japan": args.japan, "soviet": args.soviet}, load(args.scenario))
    app = App(size)
    if loaded is not None:
        open_session(app, loaded)
    elif locked:
        from pathlib import Path

        from .screens import MenuScreen, unlock_save
        app.show(MenuScreen(app))
        unlock_save(app, Path(args.load), locked, app.screen)
    elif args.command == "play":
        start_game(app, args.scenario, args.seed, {"japan": args.japan, "soviet": args.soviet})
    else:
        from .screens import MenuScreen
        app.show(MenuScreen(app))
    return app


def desktop_size() -> tuple[int, int]:
    """The size of the desktop the window opens on (the first display), or 1600x960 if unknown."""
    pygame.display.init()
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        sizes = []
    w, h = sizes[0] if sizes else (0, 0)
    return (w, h) if w > 0 and h > 0 else (1600, 960)


def window_size(desktop: tuple[int, int] | None = None) -> tuple[int, int]:
    """1600x900, or as much as the desktop has room for (a classroom laptop on a 1024x768 projector): the
    full width, and the height less room for a title bar and a task bar."""
    w, h = desktop or desktop_size()
    return min(DEFAULT_SIZE[0], w), min(DEFAULT_SIZE[1], max(MIN_SIZE[1], h - 60) if h > MIN_SIZE[1] else h)


def run(args: argparse.Namespace) -> int:
    app = make_app(args, window_size())
    app.think_in_background = True   # the computer's End turn on a worker thread (game.ui.background)
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
