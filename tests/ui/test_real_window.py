"""Once in a real window: the game runs under Xvfb (a real X server), takes a key press from xdotool
through X, and saves a screenshot of what the window shows."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parents[2]

# Opens the real window, waits for real key presses (Enter closes the opening briefing, E ends the first
# turn), then saves the window.
APP = r"""
import os, sys, time
import pygame
from game.cli import build_parser
from game.ui.app import make_app
ready, out, self_drive = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
app = make_app(build_parser().parse_args(["play", "--seed", "1941"]), (1280, 720))
app.step()
with open(ready + ".part", "w") as fh:
    fh.write(str(pygame.display.get_wm_info().get("window", "")))
os.replace(ready + ".part", ready)   # the test sees the file only once it is complete
deadline = time.time() + 40
while app.running and app.screen.session.turn == 0 and time.time() < deadline:
    if self_drive and time.time() > deadline - 37:
        key = pygame.K_RETURN if app.screen.modal == "briefing" else pygame.K_e
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    app.step()
    time.sleep(0.02)
for _ in range(5):
    app.step()
pygame.image.save(app.surface, out)
print(pygame.display.get_driver(), app.screen.session.turn, app.screen.modal)
"""


@pytest.fixture(scope="module")
def xserver():
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (CI installs it: apt-get install xvfb xdotool)")
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    if not number:
        proc.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


def test_the_game_runs_in_a_real_window(xserver, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env.update(DISPLAY=xserver, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               PYTHONPATH=str(ROOT))
    ready, out = tmp_path / "ready", tmp_path / "window.png"
    xdotool = shutil.which("xdotool")
    app = subprocess.Popen([sys.executable, "-c", APP, str(ready), str(out), "0" if xdotool else "1"], cwd=ROOT,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            if ready.exists() or app.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), app.stderr.read() if app.poll() is not None else "the window did not open"
        time.sleep(0.1)
        wid = ready.read_text()
        if xdotool and wid:   # real key presses through the X server: Enter closes the briefing, E ends the turn
            subprocess.run([xdotool, "windowfocus", wid], env=env, timeout=20)
            time.sleep(0.2)
            subprocess.run([xdotool, "key", "Return"], env=env, timeout=20)
            time.sleep(0.2)
            subprocess.run([xdotool, "key", "e"], env=env, timeout=20)
        stdout, stderr = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, stderr
    driver, turn, modal = stdout.split()[-3:]
    assert driver == "x11"
    assert turn == "1", "the key press did not reach the game"
    assert modal == "events"                       # the turn's report is on screen
    shot = pygame.image.load(str(out))
    assert shot.get_size() == (1280, 720)
    colours = {shot.get_at((x, y))[:3] for x in range(0, 1280, 40) for y in range(0, 720, 40)}
    assert len(colours) > 20, "the window shows an empty picture"
    if os.environ.get("KANTOKUEN_KEEP_SHOTS"):   # for looking at it by hand
        shutil.copy(out, os.environ["KANTOKUEN_KEEP_SHOTS"])
