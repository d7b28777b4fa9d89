"""Any screen (issue 11): the window fits the desktop, follows resizes, F11 toggles full screen, and every
screen around the game lays out from 1024x768 to 2560x1440 with nothing outside the window."""
import pygame
import pytest

from game.files.settings import change_setting
from game.ui import app as app_module
from game.ui.game_screen import GameScreen
from game.ui.screens import MenuScreen

from ui_driver import open_app

SIZES = [(1024, 768), (1366, 768), (1920, 1080), (2560, 1440)]


def assert_widgets_inside(d):
    window = pygame.Rect((0, 0), d.app.size)
    for button, _, _ in d.screen.buttons.items:
        assert window.contains(button.rect), (type(d.screen).__name__, button.text, button.rect, d.app.size)


def visit_screens(d):
    """Menu, new game (hot-seat), how to play, settings, load: yields after opening each."""
    yield
    for key, back in ((pygame.K_n, pygame.K_ESCAPE), (pygame.K_h, pygame.K_ESCAPE), (pygame.K_o, pygame.K_ESCAPE),
                      (pygame.K_l, pygame.K_ESCAPE)):
        d.key(key)
        yield
        d.key(back)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("ui_scale", [1.0, 2.0])
def test_every_screen_around_the_game_fits(size, ui_scale, user_home):
    change_setting("ui_scale", ui_scale)
    d = open_app(size=size)
    for _ in visit_screens(d):
        assert d.app.size == size
        assert_widgets_inside(d)


def test_the_window_fits_the_desktop_it_opens_on():
    assert app_module.window_size((1024, 768)) == (1024, 708)
    assert app_module.window_size((1366, 768)) == (1366, 708)
    assert app_module.window_size((1920, 1080)) == (1600, 900)
    assert app_module.window_size((800, 600)) == (800, 600)   # smaller than designed: at least not larger


def test_a_resize_lays_the_screen_out_again(user_home):
    d = open_app(size=(1600, 900))
    for size in ((1024, 768), (2560, 1440), (1280, 720)):
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        d.step()
        assert d.app.size == size and d.app.surface.get_size() == size
        assert d.app.manager.window_resolution == size
        assert isinstance(d.screen, MenuScreen)
        assert_widgets_inside(d)
        d.key(pygame.K_DOWN)    # still answers keys


def test_a_resize_during_a_game_keeps_the_game(play):
    d = play(size=(1600, 900))
    d.key(pygame.K_p)
    game, draft = d.screen, d.screen.draft.orders
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1280, 720), w=1280, h=720))
    d.step()
    assert d.screen is game and isinstance(game, GameScreen) and game.draft.orders == draft
    assert game.layout.map.right <= 1280 and game.layout.panel.bottom <= 720


def test_f11_toggles_full_screen_and_back(user_home):
    d = open_app(size=(1280, 720))
    d.key(pygame.K_F11)
    assert d.app.fullscreen and d.app.size == app_module.desktop_size()
    assert_widgets_inside(d)
    d.key(pygame.K_F11)
    assert not d.app.fullscreen and d.app.size == (1280, 720)


def test_an_untouched_screen_is_not_redrawn(play, monkeypatch):
    """Idle is cheap: with no input, no animation and no timer, the loop draws nothing."""
    d = play()
    app = d.app
    app.step()
    app._draw_until = 0.0                    # the moment after the last input has passed
    assert not app.wants_frame()
    draws, polls = [], []
    monkeypatch.setattr(app, "draw", lambda *a: draws.append(1))

    def no_input(timeout):
        polls.append(timeout)
        if len(polls) == 50:
            app.running = False
        return []
    monkeypatch.setattr(app, "_idle_events", no_input)
    app.loop()
    assert len(polls) == 50 and draws == []
    app.running = True
    app.invalidate()                         # a background job finished: one frame
    assert app.wants_frame()


def test_input_and_a_running_explorer_draw_frames(user_home):
    d = open_app()
    app = d.app
    app.step()
    app._draw_until = 0.0
    assert not app.wants_frame()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    app.step()
    assert app.wants_frame()                 # input: draw for a moment after it
    app._draw_until = 0.0
    d.key(pygame.K_w)                        # the what-if explorer
    app._draw_until = 0.0
    assert not app.wants_frame()
    d.screen.start()                         # a run in progress draws its progress without input
    assert app.wants_frame()
    d.screen.finish_now()
    app.step()
    app._draw_until = 0.0
    assert not app.wants_frame()


def test_a_real_window_on_a_1024x768_desktop_fits_it(tmp_path):
    """Under Xvfb (a real X server) with a 1024x768 screen, as on a classroom projector."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (CI installs it: apt-get install xvfb xdotool)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    try:
        if not number:
            pytest.skip("Xvfb did not start")
        code = ("import pygame, argparse\nfrom game.ui.app import make_app, window_size\n"
                "app = make_app(argparse.Namespace(command='menu'), window_size())\napp.step()\n"
                "print(pygame.display.get_driver(), *app.surface.get_size(), *pygame.display.get_desktop_sizes()[0])")
        env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
        env.update(DISPLAY=f":{number}", KANTOKUEN_HOME=str(tmp_path / "home"))
        out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env,
                             capture_output=True, text=True, timeout=120)
        driver, w, h, dw, dh = out.stdout.split()[-5:]
        assert driver == "x11" and (dw, dh) == ("1024", "768")
        assert int(w) <= 1024 and int(h) <= 768 and int(w) >= 1000
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
