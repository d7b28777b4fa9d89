"""At the end both players see everything: the fog lifts from the enemy's counters, and no date runs past
the scenario's last day."""
import dataclasses

import pygame

from game.engine import player_view
from game.present.labels import report_dates, scenario_end, turn_dates
from game.play.saves import load_save
from game.ui.game_screen import GameScreen

from ui_driver import open_app

GOLDEN = "tests/golden/historical_1941_seed7.json"


def test_the_fog_lifts_when_the_game_is_over():
    state = load_save(GOLDEN).state
    assert state.over
    for side in ("japan", "soviet"):
        v = player_view(state, side)
        truth: dict[str, int] = {}
        for u in state.units.values():
            if u.side != side:
                truth[u.region] = truth.get(u.region, 0) + u.men
        assert {r: e.men[0] for r, e in v.enemy.items()} == truth
        assert all(e.exact and e.men[1] == e.men[2] == e.men[0] for e in v.enemy.values())
        assert v.enemy_totals.men[0] == sum(truth.values())


def test_the_end_of_a_game_played_through_the_app_shows_the_enemy_exactly():
    """The short tutorial played to its end by key presses: the last report is read over a map whose enemy
    counters are the true forces."""
    d = open_app("play", "--scenario", "khalkhin_gol_1939", "--soviet", "human", "--japan", "ai:easy",
                 "--seed", "3")
    d.close_briefing()
    checked = False
    for _ in range(60):
        s = d.screen
        if not isinstance(s, GameScreen):
            break
        if s.session.over:
            state = s.session._state
            truth = {}
            for u in state.units.values():
                if u.side == "japan":
                    truth[u.region] = truth.get(u.region, 0) + u.men
            assert {r: e.men[0] for r, e in s.view.enemy.items()} == truth
            assert all(e.exact for e in s.view.enemy.values())
            checked = True
        d.key(pygame.K_RETURN if s.modal else pygame.K_e)
    assert checked, "the game did not end"
    pygame.display.quit()


def test_dates_stop_at_the_scenarios_end():
    state = load_save(GOLDEN).state
    v = player_view(state, "japan")
    end = scenario_end(v)
    assert v.date > end                                  # the clock has run past the last day...
    assert turn_dates(v) == f"ended {end:%d %b %Y}"     # ...but no date shown does
    assert report_dates(v).endswith(f"{end:%d %b %Y}")
    last_turn = dataclasses.replace(v, turn=v.last_turn, date=v.date.fromordinal(v.date.toordinal() - 14),
                                    result=None)
    assert turn_dates(last_turn).endswith(f"{end:%d %b %Y}")
