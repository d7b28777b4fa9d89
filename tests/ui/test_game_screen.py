"""The game screen answers to the mouse and the keyboard, shows only the player's own view, and says
why an illegal action is refused."""
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pygame
import pygame_gui
import pytest

from game.ui import theme
from game.ui.game_screen import GameScreen
from game.ui.screenshot import render
from tests.conftest import NO_GATES

ROOT = Path(__file__).resolve().parents[2]


def highlighted_pixels(d) -> int:
    px = pygame.surfarray.pixels3d(d.app.surface.subsurface(d.screen.map.rect))
    return int(np.count_nonzero(np.all(px == np.array(theme.HIGHLIGHT), axis=-1)))


def test_zoom_and_pan_change_the_view(play):
    d = play()
    s = d.screen
    assert isinstance(s, GameScreen) and s.modal is None
    before, scale = d.map_pixels(), s.map.scale
    d.key(pygame.K_PLUS)
    assert s.map.scale > scale and d.map_pixels() != before
    zoomed = d.map_pixels()
    offset = list(s.map.offset)
    d.key(pygame.K_RIGHT)
    assert s.map.offset[0] > offset[0] and d.map_pixels() != zoomed
    offset = list(s.map.offset)
    centre = s.map.rect.center
    d.drag(centre, (centre[0] + 120, centre[1] + 60))
    assert s.map.offset[0] < offset[0] and s.map.offset[1] < offset[1]
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
    d.step(2)
    assert s.map.z == 2
    d.click_button("-")
    assert s.map.z == 1
    d.key(pygame.K_HOME)
    assert s.map.z == 0
    assert s.selected is None, "a drag must not select anything"


def test_selecting_a_unit_highlights_its_destinations(play):
    d = play()
    s = d.screen
    d.key(pygame.K_g)                                  # the legend (with a sample badge) closes
    assert not s.show_legend
    assert highlighted_pixels(d) < 50
    unit = max(s.view.units.values(), key=lambda u: u.men)
    d.click(s.unit_rect(unit.id).center)
    assert s.selected == unit.id
    assert set(s.destinations()) == set(s.view.destinations(unit.id)) and s.destinations()
    assert highlighted_pixels(d) > 500
    d.key(pygame.K_1)                                  # the first numbered region
    assert s.draft.move_of(unit.id) == s.destinations()[0]
    assert "will move to" in s.message
    d.key(pygame.K_u)
    assert s.draft.move_of(unit.id) is None
    d.key(pygame.K_ESCAPE)
    assert s.selected is None and highlighted_pixels(d) < 50


def test_an_illegal_order_shows_its_reason(play):
    d = play()
    s = d.screen
    unit = next(u for u in s.view.units.values() if u.region == "heihe")
    d.click(s.unit_rect(unit.id).center)
    assert s.selected == unit.id
    d.click(d.free_point("blagoveshchensk"))           # Soviet soil, and no war
    assert s.message_is_error and "enemy territory and there is no war" in s.message
    assert not s.draft.orders.moves
    d.key(pygame.K_t)                                  # Japan cannot send divisions west
    assert s.message_is_error and "Stavka" in s.message
    d.key(pygame.K_p)                                  # postures cycle, passing the ones not open yet
    assert s.draft.orders.posture == "mobilise"
    d.click_button("Strike south")                     # June: the Navy is not ready, and the game says so
    assert s.message_is_error and "6 September" in s.message
    assert s.draft.orders.posture == "mobilise"


def test_the_soviet_player_sends_divisions_west(play):
    d = play("--japan", "ai:normal", "--soviet", "human")
    s = d.screen
    assert s.view.side == "soviet" and s.view.stavka_demand is not None
    d.key(pygame.K_t)
    assert s.message_is_error and "Select a unit first" in s.message
    d.key(pygame.K_TAB)
    unit = s.selected
    d.click_button("Send 1 div. west (T)")
    assert s.draft.sent(unit) == min(1.0, s.view.units[unit].divisions)
    d.key(pygame.K_e)
    assert s.session.log[0]["soviet"]["transfers"][0][0] == unit


def test_hot_seat_hides_each_side_behind_a_hand_off_screen(play):
    d = play("--japan", "human", "--soviet", "human")
    s = d.screen
    assert s.modal == "handoff" and s.session.current_side == "japan"
    dark = pygame.surfarray.pixels3d(d.app.surface).mean()
    assert dark < 60, "nothing of the game may show on the hand-off screen"
    d.key(pygame.K_RETURN)
    assert s.modal == "briefing" and s.view.side == "japan"   # each player reads the briefing behind the hand-off
    d.key(pygame.K_RETURN)
    assert s.modal is None and s.view.side == "japan"
    d.key(pygame.K_e)
    assert s.modal == "handoff" and s.session.current_side == "soviet" and s.view.side == "soviet"
    d.key(pygame.K_RETURN)
    assert s.modal == "briefing" and s.view.side == "soviet"
    d.key(pygame.K_ESCAPE)
    assert s.modal is None
    d.key(pygame.K_e)                                   # both have submitted: the turn is resolved
    assert s.session.turn == 1 and s.modal == "handoff" and s.session.current_side == "japan"
    d.key(pygame.K_RETURN)
    assert s.modal != "briefing", "the briefing is shown once, on the first turn"


def test_japanese_and_soviet_screens_differ(tmp_path):
    j = render(tmp_path / "j.png", side="japan", size=(1280, 720))
    s = render(tmp_path / "s.png", side="soviet", size=(1280, 720))
    a = pygame.surfarray.array3d(pygame.image.load(str(j))).astype(int)
    b = pygame.surfarray.array3d(pygame.image.load(str(s))).astype(int)
    assert a.shape == b.shape == (1280, 720, 3)
    differing = np.count_nonzero(np.any(a != b, axis=-1))
    assert differing > 0.05 * 1280 * 720
    # Each side's own colour dominates its counters: more vermillion on the Soviet screen, more blue on Japan's.
    def count(img, colour):
        return int(np.count_nonzero(np.all(img == np.array(colour), axis=-1)))
    assert count(b, theme.SIDE["soviet"]) > count(a, theme.SIDE["soviet"])
    assert count(a, theme.SIDE["japan"]) > count(b, theme.SIDE["japan"])


def test_screenshot_command_after_some_turns(tmp_path):
    out = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, "main.py", "screenshot", str(out), "--side", "soviet", "--turn", "3",
                           "--size", "1280x720"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert pygame.image.load(str(out)).get_size() == (1280, 720)


@pytest.mark.parametrize("args, needle", [(["--scenario", "no_such_war"], "no_such_war"),
                                          (["--turn", "-2"], "--turn")])
def test_screenshot_rejects_bad_input_in_one_line(tmp_path, args, needle):
    done = subprocess.run([sys.executable, "main.py", "screenshot", str(tmp_path / "x.png"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and needle in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_the_theme_loads_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pygame.display.init()
        manager = pygame_gui.UIManager((800, 600), theme.gui_theme(1.0))
        pygame_gui.elements.UIButton(pygame.Rect(0, 0, 100, 40), "x", manager, object_id="#end_turn")
        manager.update(0.01)


def test_computer_against_computer_is_watched_turn_by_turn(play):
    d = play("--japan", "ai:normal", "--soviet", "ai:easy")
    s = d.screen
    assert s.read_only and s.draft is None
    d.key(pygame.K_e)
    assert s.session.turn == 1 and s.modal == "events"


def test_strike_south_asks_for_confirmation_first(play):
    d = play("--scenario", NO_GATES)                  # the southern strike open from the first turn
    s = d.screen
    d.click_button("Strike south")
    assert s.modal == "confirm" and s.draft.orders.posture != "strike_south"   # asked first
    d.click_button("Strike south (Y)")
    assert s.modal is None and s.draft.orders.posture == "strike_south"
    assert [line for line in s.draft.lines() if "Strike south" in line]

