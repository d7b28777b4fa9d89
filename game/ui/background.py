"""Work off the frame path. The computer thinks off the UI thread: End turn hands the turn to a worker
thread, and the window keeps drawing, shows that the computer is thinking, and lets the player look around
the map meanwhile.

Nothing about the game changes: the worker runs the very same ``Session.submit`` (or ``advance``) the
button ran before, the computer still gets its own generator seeded from (seed, turn, side), and the screen
reads the new view only once the worker has finished. While it thinks, only looking is allowed (zoom, pan,
hover); every order, button and menu waits, so nothing can change the game under the worker's feet.

``App.think_in_background`` turns it on (the real window does; tests that step the app turn by turn leave
it off and get the turn resolved at once, as before).

``Ahead`` is the other kind: work a screen does ahead of need on the UI thread, in steps of a few
milliseconds between frames (``App.work_ahead``), such as the map and counter layout of zoom levels not
yet shown, so that the frame that first shows them finds them ready.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Callable, Iterator

import pygame

from . import theme

# Python switches threads every 5 ms by default; while the computer thinks, let the UI thread in sooner so a
# frame is not kept waiting behind the worker (measured on a busy 2-core machine with the paced frames of
# ``python main.py bench``: 0.2 ms gave the shortest late frames, with no longer wait for the turn).
THINKING_SWITCH_INTERVAL_S = 0.0002
LOOK_KEYS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PLUS, pygame.K_EQUALS,
             pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_HOME)


class Thinking:
    """``job`` run once: on a worker thread when ``background``, else at once on this thread."""

    def __init__(self, job: Callable[[], object], app=None, background: bool = False):
        self.started = time.monotonic()
        self.error: BaseException | None = None
        self._app = app
        self._finished = threading.Event()
        self._interval = sys.getswitchinterval()
        if background:
            worker = threading.Thread(target=self._run, args=(job,), name="computer-thinks", daemon=True)
            if app is not None and hasattr(app, "after_frame"):
                app.after_frame(lambda: self._begin(worker))   # once the frame of the key press is drawn
            else:
                self._begin(worker)
        else:
            self._run(job)

    def _begin(self, worker: threading.Thread) -> None:
        sys.setswitchinterval(min(self._interval, THINKING_SWITCH_INTERVAL_S))
        worker.start()

    def _run(self, job: Callable[[], object]) -> None:
        try:
            job()
        except BaseException as e:   # handed to the UI thread by ``result``
            self.error = e
        finally:
            self._finished.set()
            if self._app is not None:
                self._app.invalidate()   # wake the window's loop: the turn is ready

    @property
    def done(self) -> bool:
        return self._finished.is_set()

    def result(self) -> None:
        """After ``done``: raise what the job raised, if anything."""
        sys.setswitchinterval(self._interval)
        if self.error is not None:
            raise self.error


def start(app, job: Callable[[], object]) -> Thinking:
    return Thinking(job, app, background=getattr(app, "think_in_background", False))


def lets_through(screen, event: pygame.event.Event) -> bool:
    """Whether an input event may reach the game screen while the computer thinks: looking, not acting."""
    if event.type in (pygame.MOUSEWHEEL, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN):
        return True
    if event.type == pygame.MOUSEBUTTONUP:
        if not getattr(screen, "_dragged", False):   # the end of a click, which would select: forget it
            screen._drag = None
            return False
        return True
    return event.type == pygame.KEYDOWN and event.key in LOOK_KEYS


def indicator_label(text, what: str) -> pygame.Surface:
    return text.render(f"{what} is thinking…", 20, theme.INK, bold=True)


def draw_indicator(text, surface: pygame.Surface, area: pygame.Rect, thinking: Thinking, what: str) -> None:
    """A box at the top left of the map (beside the zoom buttons, clear of the score box): '<what> is
    thinking' over a moving bar, so the wait is visibly alive."""
    label = indicator_label(text, what)   # drawn ahead (``GameScreen.ahead``): its font takes ~15 ms to load
    pad = text.px(12)
    box = pygame.Rect(0, 0, label.get_width() + 2 * pad, label.get_height() + 2 * pad + text.px(10))
    box.topleft = (area.x + text.px(64), area.y + text.px(12))
    pygame.draw.rect(surface, theme.PAPER, box, border_radius=text.px(8))
    pygame.draw.rect(surface, theme.INK, box, 2, border_radius=text.px(8))
    surface.blit(label, (box.x + pad, box.y + pad))
    track = pygame.Rect(box.x + pad, box.bottom - pad - text.px(6), box.w - 2 * pad, text.px(6))
    pygame.draw.rect(surface, theme.PAPER_DARK, track)
    phase = (time.monotonic() - thinking.started) % 1.2 / 1.2   # a block sweeping across every 1.2 s
    block = pygame.Rect(0, track.y, track.w // 4, track.h)
    block.x = track.x + round((track.w - block.w) * (1 - abs(2 * phase - 1)))
    pygame.draw.rect(surface, theme.HIGHLIGHT, block)


class Ahead:
    """Steps of work done ahead, each run at the zoom level the step before named (``steps`` yields it)."""

    def __init__(self, key: object, steps: Iterator[int], mapview):
        self.key = key
        self._steps = steps
        self._map = mapview
        self._z = mapview.z
        self.done = False

    def run(self, until: float) -> bool:
        """Run steps until the time ``until`` (time.perf_counter) has come; whether work is left."""
        while not self.done and time.perf_counter() < until:
            with self._map.at_zoom(self._z):
                self._z = next(self._steps, None)
            self.done = self._z is None
        return not self.done
