"""What a view works out late (score, supply, blocked postures) or carries over from the turn before (its
history) is exactly what it would have worked out at once, however late it is read."""
from game.engine import new_game, player_view, postures, resolve
from game.engine.scenario import SIDES
from game.engine.supply import supplied_regions
from game.engine.victory import estimated_score, score
from game.engine.view import _own_history
from game.play.match import ai_orders
from game.scenario import load


def test_late_values_are_the_ones_worked_out_at_once():
    sc = load("historical_1941")
    state = new_game(sc, 5)
    views = []
    while not state.over:
        expected = {side: (estimated_score(state, side), postures.blocked(state, side),
                           frozenset(supplied_regions(state, side)),
                           tuple(_own_history(r, side, sc.tables.stavka.side) for r in state.history))
                    for side in SIDES}
        views.append((player_view(state, "japan"), player_view(state, "soviet"), expected))
        state, _ = resolve(state, {side: ai_orders(state, side, "normal") for side in SIDES}, state.seed)
    # read only now, the game over: every view still gives its own turn's values
    for japan, soviet, expected in views:
        for view in (japan, soviet):
            assert (view.score, view.blocked, view.supplied, view.history) == expected[view.side]
    final = player_view(state, "japan")
    assert final.score == score(state) and final.blocked == {}


def test_a_view_of_an_earlier_turn_taken_after_a_later_one_has_its_own_history():
    sc = load("historical_1941")
    first = new_game(sc, 2)
    second, _ = resolve(first, {side: ai_orders(first, side, "normal") for side in SIDES}, first.seed)
    third, _ = resolve(second, {side: ai_orders(second, side, "normal") for side in SIDES}, second.seed)
    assert len(player_view(third, "soviet").history) == 3
    assert len(player_view(first, "soviet").history) == 1
    assert len(player_view(second, "soviet").history) == 2
    assert player_view(second, "soviet").history == player_view(third, "soviet").history[:2]
