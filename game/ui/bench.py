"""Performance figures of the window (DESIGN.md section 9), called by ``python main.py bench``.

Every figure is a list of samples, each (wall ms, CPU ms) of one frame or one start, so the caller can
report min/median/p95/max. The frames are those a player feels, driven by real events through the app:
an idle frame, a zoom sweep over every zoom level (first visits included), a drag across the map, frames
with the turn report open, and End turn: the frame of the key press, the frames while the computer thinks
in the background, the frame that shows the resolved turn, and the wait from key press to the report.
A real window is used when a display is present (``driver`` says which).

Between frames the bench does what the window's loop does there (``App.work_ahead``: the layouts of zoom
levels not shown yet, in steps of a few ms); those steps are not frames, but each one delays the next input,
so they are reported too (``ahead_step_ms``).
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
Sample = tuple[float, float]   # (wall ms, CPU ms)


def use_display() -> None:
    """A real window when there is a display (and no driver was chosen), else the headless driver."""
    if "SDL_VIDEODRIVER" not in os.environ and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def timed(action: Callable[[], None]) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def frame_figures(size: tuple[int, int] = (1600, 900), frames: int = 300, zoom_sweeps: int = 2,
                  pan_frames: int = 120, end_turns: int = 3, opponent: str = "ai:hard") -> dict:
    """Samples of each kind of frame on the game screen of the historical scenario (Japan human)."""
    use_display()
    import pygame

    from .app import FPS, App, start_game
    app = App(size)
    app.think_in_background = True   # as the real window does (game.ui.app.run)
    driver = pygame.display.get_driver()
    start_game(app, "historical_1941", 1941, {"japan": "human", "soviet": opponent}, autosave=False)
    screen = app.screen
    screen.skip_popups()
    ahead: list[Sample] = []

    def step(*args, **kwargs) -> None:
        app.step(*args, **kwargs)
        ahead.append(timed(app.work_ahead))   # as the window's loop does after each frame (not timed with it)

    def frame(*args, **kwargs) -> Sample:
        """One frame, timed, then the work between frames."""
        sample = timed(lambda: app.step(*args, **kwargs))
        ahead.append(timed(app.work_ahead))
        return sample
    out: dict = {"driver": driver, "window": list(app.size)}
    # 1. the idle frame, a unit selected (its targets highlighted): the usual frame
    screen.cycle_unit(1)
    for _ in range(10):   # warm up: the map layer, counter art and text caches
        step()
    out["frame_ms"] = [frame() for _ in range(frames)]
    # 2. a zoom sweep: in through every level and out again, at the centre of the map
    centre = screen.map.rect.center
    wheel = lambda y: frame(events=[pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, pos=centre)])
    zooms = []
    from .mapview import ZOOMS
    for _ in range(zoom_sweeps):
        zooms += [wheel(1) for _ in range(len(ZOOMS) - 1)]
        zooms += [wheel(-1) for _ in range(len(ZOOMS) - 1)]
    out["zoom_frame_ms"] = zooms
    # 3. a drag across the map, zoomed in two steps: one motion event a frame
    step(events=[pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, pos=centre)] * 2)
    x, y = centre
    step(events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x, y))])
    pans = []
    for i in range(pan_frames):
        dx = 12 if (i // 30) % 2 == 0 else -12   # right for 30 frames, then back
        x += dx
        motion = pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(dx, 0), buttons=(1, 0, 0))
        pans.append(frame(events=[motion]))
    out["pan_frame_ms"] = pans
    step(events=[pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(x, y))])
    screen.reset_view()
    # 4. End turn: the frame of the key press, then every frame until the turn report is up (the computer
    #    may think in the background meanwhile), then frames with the report open. While the computer thinks
    #    the window's loop draws 60 frames a second and sleeps between them (it never draws back to back),
    #    so these frames are paced the same way and each is timed from the moment it was due: a frame kept
    #    waiting for the worker thread (Python's GIL) counts as late, as the player would see it.
    presses, waits, thinking, ready, reports = [], [], [], [], []
    due = [time.perf_counter()]

    def paced(*args, **kwargs) -> Sample:
        start = max(due[0], time.perf_counter())
        if start > time.perf_counter():
            time.sleep(start - time.perf_counter())   # as clock.tick(FPS) does in App.loop
        cpu = time.thread_time()
        app.step(*args, **kwargs)
        sample = ((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000)
        app.work_ahead()
        due[0] = start + 1 / FPS
        return sample
    key_e = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_e, mod=0, unicode="e", scancode=0)
    for _ in range(end_turns):
        if app.screen is not screen or screen.session.over:
            break
        screen.skip_popups()
        paced()
        started, cpu = time.perf_counter(), time.process_time()
        presses.append(paced(events=[key_e]))
        while getattr(screen, "thinking", None) and app.screen is screen:
            sample = paced()   # the frame that shows the resolved turn is counted apart
            (thinking if getattr(screen, "thinking", None) else ready).append(sample)
        waits.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))
        if app.screen is not screen:
            break
        step()
        reports += [frame() for _ in range(max(3, frames // 10))]
    out.update(end_turn_frame_ms=presses, end_turn_wait_ms=waits, thinking_frame_ms=thinking,
               turn_ready_frame_ms=ready, report_frame_ms=reports, ahead_step_ms=ahead)
    pygame.quit()
    return out


def frame_ms(size: tuple[int, int] = (1600, 900), frames: int = 300) -> float:
    """Median wall time of the idle frame (the DESIGN.md figure)."""
    import statistics
    samples = frame_figures(size, frames, zoom_sweeps=0, pan_frames=0, end_turns=0)["frame_ms"]
    return statistics.median(w for w, _ in samples)


def startup_samples(repeats: int = 3) -> list[Sample]:
    """(wall s, CPU s) from starting a fresh Python process to the first drawn frame of the main menu."""
    code = ("import sys, time\n"
            "from game.ui.app import first_frame_seconds\n"
            "print(first_frame_seconds(float(sys.argv[1])))\n")
    use_display()
    env = dict(os.environ)
    out = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.time()
        done = subprocess.run([sys.executable, "-c", code, repr(start)], cwd=ROOT, env=env, capture_output=True,
                              text=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)   # the whole process
        out.append((float(done.stdout.strip().splitlines()[-1]), cpu))
    return out


def startup_s() -> float:
    return startup_samples(1)[0][0]
