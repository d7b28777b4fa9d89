"""How the computer players fight: known answers on the opening of August Storm and of 1941."""
import pytest

from game.ai import tactics, warfare
from game.analysis.explore import game_seed, with_overrides
from game.engine import Orders, new_game, player_view, resolve
from game.play.match import play_ai_game


def _soviet_opening(*sets: str):
    return player_view(new_game(with_overrides("august_storm_1945", list(sets)), 1), "soviet")


def test_the_odds_count_the_quality_of_the_armies():
    veterans = tactics.attack_moves(_soviet_opening(), 1.5, concentrate=True)
    equals = tactics.attack_moves(_soviet_opening("combat.quality.soviet=0.7"), 1.5, concentrate=True)
    assert len({m.to for m in veterans}) > len({m.to for m in equals})


def test_only_an_overwhelming_army_presses_on(scenario):
    assert tactics.overall_edge(_soviet_opening()) >= warfare.PRESS_EDGE
    # 1941: the Far East outnumbers the Kwantung Army more than twice, until the Kantokuen call-up
    state = new_game(scenario, 1)
    assert tactics.overall_edge(player_view(state, "soviet")) >= warfare.PRESS_EDGE
    assert tactics.overall_edge(player_view(state, "japan")) < warfare.PRESS_EDGE
    for _ in range(4):
        state, _ = resolve(state, {"japan": Orders(posture="mobilise"), "soviet": Orders()}, state.seed)
    assert tactics.overall_edge(player_view(state, "soviet")) < warfare.PRESS_EDGE


def test_a_concentrated_attack_leaves_what_it_does_not_need_for_the_next_target():
    view = _soviet_opening()
    sense = tactics.Sense(view)
    c = view.rules["combat"]
    moves = tactics.attack_moves(view, 1.0, 0.25, sense, concentrate=True, press=True)
    quality = c["quality"]["soviet"] / c["quality"]["japan"]
    for target in {m.to for m in moves}:
        powers = sorted((u.men + c["tank_men"] * u.tanks for m in moves if m.to == target
                         for u in [view.units[m.unit]]), reverse=True)
        defence = max(sense.enemy_men(target), 1000.0) * sense.defence_factor(target) \
            / c["season_attack"][view.season] / quality
        # every unit but the last was needed to reach the cap
        assert sum(powers[:-1]) < tactics.OVERKILL * 1.0 * defence


@pytest.mark.slow
@pytest.mark.parametrize("level", ["normal", "hard"])
def test_august_storm_takes_central_manchuria_in_time(level):
    scenario = with_overrides("august_storm_1945", [])
    for i in range(3):
        state, _ = play_ai_game(scenario, game_seed(1945, i), {"japan": level, "soviet": level})
        assert state.result.outcome == "manchuria_overrun", (i, state.result.outcome)
