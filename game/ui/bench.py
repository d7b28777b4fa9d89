"""Performance figures of the window (DESIGN.md section 9), called by ``python main.py bench``."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def frame_ms(size: tuple[int, int] = (1600, 900), frames: int = 300, select: bool = True) -> float:
    """Median time of one game-screen frame (events, update, draw, flip), historical scenario, headless.

    With ``select`` a unit is selected, so its legal targets are highlighted: the busier, usual frame.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from .app import App, start_game
    app = App(size)
    start_game(app, "historical_1941", 1941, {"japan": "human", "soviet": "ai:normal"})
    screen = app.screen
    screen.skip_popups()
    if select:
        screen.cycle_unit(1)
    for _ in range(10):   # warm up: the map layer, counter art and text caches
        app.step()
    times = []
    for _ in range(frames):
        t0 = time.perf_counter()
        app.step()
        times.append(time.perf_counter() - t0)
    pygame.quit()
    return statistics.median(times) * 1000


def startup_s() -> float:
    """Seconds from starting a fresh Python process to the first drawn frame of the main menu."""
    code = ("import sys, time\n"
            "from game.ui.app import first_frame_seconds\n"
            "print(first_frame_seconds(float(sys.argv[1])))\n")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, repr(start)], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])
