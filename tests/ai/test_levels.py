"""What sets the levels apart, each as a known answer on a real position of historical_1941."""
import numpy as np

from game.ai import normal, policies
from game.engine import Orders, new_game, player_view, resolve


def _sent(orders: Orders) -> float:
    return sum(t.divisions for t in orders.transfers)


def test_the_careless_easy_ussr_sends_more_than_stavka_asks(scenario):
    view = player_view(new_game(scenario, 1), "soviet")
    rng = np.random.default_rng(0)
    assert _sent(policies.soviet_easy(view, rng)) > (view.stavka_demand or 0)
    assert _sent(policies.POLICIES[("soviet", "normal")](view, rng)) == view.stavka_demand


def test_the_guarded_ussr_strips_the_far_east_only_once_japan_cannot_come_north(scenario):
    state = new_game(scenario, 1)
    for u in state.units.values():
        if u.side == "japan":
            u.men *= 3                         # a Kwantung Army three times its size, and known to be
    state.sides["soviet"].intel["men"] = [3 * m for m in state.sides["soviet"].intel["men"]]
    rng = np.random.default_rng(0)
    tense = _sent(normal.soviet_guarded(player_view(state, "soviet"), rng))
    state.sides["japan"].south = True          # Japan committed to the Pacific: nothing left to guard against
    free = _sent(normal.soviet_guarded(player_view(state, "soviet"), rng))
    assert free >= normal.MAX_SEND > tense
    assert tense <= (state.stavka_demand or 0)


def test_the_timid_easy_japan_mobilises_but_does_not_strike_an_even_far_east(scenario):
    state = new_game(scenario, 1)
    rng = np.random.default_rng(0)
    for _ in range(4):
        orders = policies.japan_easy(player_view(state, "japan"), rng)
        assert orders.posture != "strike_north"
        state, _ = resolve(state, {"japan": orders, "soviet": Orders()}, state.seed)
    assert state.sides["japan"].stance == "mobilise"
