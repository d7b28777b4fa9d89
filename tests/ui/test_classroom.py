"""Classroom comforts through the window: the scenario picker with the player's own (and broken) scenarios,
the UI scale and palette remembered across restarts, and the what-if explorer."""
import pygame

from game.analysis.explore import explore, with_overrides
from game.files.settings import palette
from game.ui import theme
from game.ui.explorer import ExplorerScreen
from game.ui.game_screen import GameScreen
from game.ui.screens import SetupScreen
from game.ui.settings_screen import SettingsScreen

from ui_driver import open_app

TEACHER_FILE = """extends = "historical_1941"
id = "fast_germans"
title = "Fast Germans"
summary = "A teacher's counterfactual: the German advance twice as fast."
[front]
speed_km_per_turn = 600
"""


def test_the_picker_lists_user_scenarios_and_a_broken_one_with_its_error(user_home):
    folder = user_home / "scenarios"
    folder.mkdir(parents=True)
    (folder / "fast_germans.toml").write_text(TEACHER_FILE, encoding="utf-8")
    (folder / "broken.toml").write_text('title = "Broken"\nstart = 12\n', encoding="utf-8")
    d = open_app()
    d.key(pygame.K_n)
    s = d.screen
    assert isinstance(s, SetupScreen)
    by_name = {e.path.name: e for e in s.entries}
    assert by_name["fast_germans.toml"].ok and not by_name["fast_germans.toml"].builtin
    assert not by_name["broken.toml"].ok and "broken.toml" in by_name["broken.toml"].error
    assert sum(e.builtin for e in s.entries) >= 1
    d.key(pygame.K_END)
    d.key(pygame.K_UP)
    assert s.entry.path.name == "broken.toml"
    d.step(2)
    pygame.image.save(d.app.surface, str(user_home / "picker_broken.png"))
    assert not s.start_button.is_enabled
    d.key(pygame.K_RETURN)                               # cannot be started: the picker stays, and says why
    assert d.screen is s and "cannot be played" in s.message
    d.key(pygame.K_DOWN)
    assert s.entry.id == "fast_germans"
    d.key(pygame.K_RETURN)
    assert isinstance(d.screen, GameScreen)
    assert d.screen.session.scenario.id == "fast_germans"
    assert d.screen.session.scenario.rules["front"]["speed_km_per_turn"] == 600


def text_height(app) -> int:
    return app.text.render("Kantokuen", 20).get_height()


def test_the_ui_scale_changes_the_text_and_is_remembered(user_home):
    d = open_app(size=(1600, 900))
    normal = text_height(d.app)
    d.key(pygame.K_o)
    assert isinstance(d.screen, SettingsScreen)
    d.key(pygame.K_RIGHT)                                # UI scale 1 -> 1.25
    assert d.app.settings.ui_scale == 1.25
    assert text_height(d.app) > normal
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RIGHT)                                # the colour-blind-safe palette
    assert d.app.settings.palette == "colourblind"
    pygame.display.quit()
    again = open_app(size=(1600, 900))                   # a new start of the application
    assert again.app.settings.ui_scale == 1.25 and again.app.settings.palette == "colourblind"
    assert text_height(again.app) > normal
    assert theme.SIDE["japan"] == palette("colourblind")["japan"]
    again.key(pygame.K_n)
    again.key(pygame.K_RETURN)                           # the game screen too is drawn larger
    assert isinstance(again.screen, GameScreen) and again.app.text.scale > 1.0


def test_the_what_if_explorer_runs_the_same_monte_carlo_as_explore():
    d = open_app()
    d.key(pygame.K_w)
    s = d.screen
    assert isinstance(s, ExplorerScreen)
    d.key(pygame.K_RIGHT)                                # German speed one step up
    speed = s.params[0][1][s.index[0]]
    for _ in range(3):
        d.key(pygame.K_DOWN)                             # the number of games
    d.key(pygame.K_LEFT)
    d.key(pygame.K_LEFT)
    assert s.counts[s.count_index] == 20
    d.key(pygame.K_RETURN)
    frames = 0
    seen_progress = False
    while s.run is not None:
        seen_progress |= s.run.played < 20   # a frame drawn while games were still being played
        d.step()
        frames += 1
        assert frames < 20000   # only a guard against a hang
    assert seen_progress and frames > 1, "the games are spread over frames, with progress shown"
    expected = explore(with_overrides("historical_1941", [f"front.speed_km_per_turn={speed!r}"]), 20, 1941,
                       workers=1)
    assert s.result["outcomes"] == expected["outcomes"] and s.result["winners"] == expected["winners"]
    d.key(pygame.K_ESCAPE)
    assert not isinstance(d.screen, ExplorerScreen)
