"""Every computer player can play every shipped scenario, including those that script no history for it."""

import pytest

from game.engine import new_game, player_view
from game.play.match import ai_orders, play_ai_game
from game.scenario import SCENARIO_DIR, load

SCENARIOS = sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("level", ["easy", "normal", "historical"])
def test_the_opening_orders_of_every_level_are_legal(scenario_id, level):
    state = new_game(load(scenario_id), 3)
    for side in ("japan", "soviet"):
        orders = ai_orders(state, side, level)
        assert not player_view(state, side).problems(orders), (side, orders)


def test_historical_japan_finishes_a_scenario_without_a_japanese_plan():
    scenario = load("august_storm_1945")
    assert not scenario.ai.get("historical", {}).get("japan")   # the case this test is about
    state, log = play_ai_game(scenario, 1, {"japan": "historical", "soviet": "historical"})
    assert state.over and state.result is not None and len(log) == state.turn
