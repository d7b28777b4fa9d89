"""What sets the levels apart, each as a known answer on a real position of historical_1941."""
import numpy as np

from game.ai import normal, policies
from game.engine import Orders, new_game, player_view, resolve


def _sent(orders: Orders) -> float:
    return sum(t.divisions for t in orders.transfers)


def _threatened(scenario, factor: float):
    """The opening position with a Kwantung Army ``factor`` times its size, and known to be."""
    state = new_game(scenario, 1)
    for u in state.units.values():
        if u.side == "japan":
            u.men = round(u.men * factor)
    state.sides["soviet"].intel["men"] = [round(factor * m) for m in state.sides["soviet"].intel["men"]]
    return state


def test_the_easy_ussr_does_what_stavka_says_and_the_normal_one_reads_the_threat(scenario):
    rng = np.random.default_rng(0)
    calm = player_view(_threatened(scenario, 0.5), "soviet")       # a weak Kwantung Army
    menace = player_view(_threatened(scenario, 6.0), "soviet")     # an overwhelming one
    for view in (calm, menace):
        assert _sent(policies.soviet_easy(view, rng)) == view.stavka_demand
    assert _sent(normal.soviet_normal(calm, rng)) == (calm.stavka_demand or 0) + normal.NORMAL_EXTRA
    assert _sent(normal.soviet_normal(menace, rng)) == 0


def test_the_guarded_ussr_strips_the_far_east_only_once_japan_cannot_come_north(scenario):
    state = _threatened(scenario, 6.0)       # a Kwantung Army far stronger than the Far East
    rng = np.random.default_rng(0)
    tense = _sent(normal.soviet_guarded(player_view(state, "soviet"), rng))
    state.sides["japan"].south = True          # Japan committed to the Pacific: nothing left to guard against
    free = _sent(normal.soviet_guarded(player_view(state, "soviet"), rng))
    assert free >= normal.MAX_SEND > tense
    assert tense <= (state.stavka_demand or 0)


def test_the_eager_normal_japan_strikes_at_odds_the_steady_rule_lets_pass(scenario):
    state = new_game(scenario, 1)
    rng = np.random.default_rng(0)
    while "strike_north" in (player_view(state, "japan").blocked or {}):
        state, _ = resolve(state, {"japan": Orders(posture="mobilise"), "soviet": Orders()}, state.seed)
    view = player_view(state, "japan")
    own = sum(u.men for u in view.units.values())
    odds = own / view.enemy_totals.men[0]
    # scale the Far East so that the odds fall between the eager and the steady thresholds
    factor = odds / ((normal.EAGER_ODDS + 1.6) / 2)
    state.sides["japan"].intel["men"] = [round(factor * m) for m in state.sides["japan"].intel["men"]]
    view = player_view(state, "japan")
    assert normal.japan_normal(view, rng).posture == "strike_north"
    assert normal.japan_steady(view, rng).posture != "strike_north"


def test_the_timid_easy_japan_mobilises_but_does_not_strike_an_even_far_east(scenario):
    state = new_game(scenario, 1)
    rng = np.random.default_rng(0)
    for _ in range(4):
        orders = policies.japan_easy(player_view(state, "japan"), rng)
        assert orders.posture != "strike_north"
        state, _ = resolve(state, {"japan": orders, "soviet": Orders()}, state.seed)
    assert state.sides["japan"].stance == "mobilise"


def test_at_war_the_normal_japan_brings_up_fewer_reserves_than_the_hard_one(scenario):
    """Both concentrate their attacks; only the steady rule (the hard player's) brings up as many reserves
    behind them as the cities need, so the normal Japan's war is the weaker one."""
    state = new_game(scenario, 1)
    while state.war.start_turn is None:
        view = player_view(state, "japan")
        posture = "strike_north" if "strike_north" not in (view.blocked or {}) else "mobilise"
        state, _ = resolve(state, {"japan": Orders(posture=posture), "soviet": Orders()}, state.seed)
    view = player_view(state, "japan")
    assert view.war.at_war
    rng = np.random.default_rng(0)
    eager = {m.unit for m in normal.japan_normal(view, rng).moves}
    steady = {m.unit for m in normal.japan_steady(view, rng).moves}
    assert eager < steady       # the same units go, and the hard player's rule brings up more behind them
