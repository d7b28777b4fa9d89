"""The planning AI: legal, deterministic, blind to what its view does not show, and purposeful."""

import pytest

from game.engine import Orders, new_game, player_view, resolve, state_hash
from game.engine import intel
from game.engine.rng import stream
from game.engine.sampling import determinise, play_out
from game.play.match import ai_orders


@pytest.fixture(scope="module")
def midgame(scenario):
    """Turn 3 of a game where Japan has mobilised: strategic choices are open for both sides."""
    s = new_game(scenario, 11)
    for _ in range(3):
        s, _ = resolve(s, {"japan": Orders(posture="mobilise"), "soviet": Orders()}, s.seed)
    return s


def test_hard_orders_are_legal_and_the_same_for_the_same_seed(midgame):
    for side in ("japan", "soviet"):
        a = ai_orders(midgame, side, "hard")
        assert not player_view(midgame, side).problems(a)
        assert ai_orders(midgame, side, "hard") == a


def test_hard_japan_ignores_soviet_secrets(midgame):
    """Two states that differ only in what Japan cannot see give the same Japanese orders."""
    b = midgame.clone()
    b.units["su_tbmd"].men -= 30_000          # Chita: no Japanese troops in contact
    b.transit.append((b.turn + 1, 14_000, 2.0))
    b.stavka_demand += 2
    b.front.soviet += 0.3                     # the Western front's strengths are hidden too
    va, vb = player_view(midgame, "japan"), player_view(b, "japan")
    for field in ("units", "enemy", "enemy_totals", "front", "own", "war", "stavka_demand", "in_transit"):
        assert getattr(va, field) == getattr(vb, field), field
    assert ai_orders(b, "japan", "hard") == ai_orders(midgame, "japan", "hard")


def test_hard_ussr_ignores_japanese_secrets(midgame):
    b = midgame.clone()
    b.sides["japan"].oil = 2.0
    b.sides["japan"].pool = 0
    b.sides["japan"].training = []
    b.units["ja_6a"].men += 40_000            # Hailar: out of Soviet sight in peacetime
    va, vb = player_view(midgame, "soviet"), player_view(b, "soviet")
    for field in ("units", "enemy", "enemy_totals", "front", "own", "war"):
        assert getattr(va, field) == getattr(vb, field), field
    assert ai_orders(b, "soviet", "hard") == ai_orders(midgame, "soviet", "hard")


def test_a_sample_agrees_with_the_view_it_came_from(midgame):
    view = player_view(midgame, "japan")
    sample = determinise(view, stream(1, 0, "test"))
    again = player_view(sample, "japan")
    assert again.units == view.units and again.own == view.own and again.owners == view.owners
    assert again.front.km == view.front.km and again.turn == view.turn
    assert again.enemy == view.enemy          # our picture of the enemy is kept as it is
    enemy_men = sum(u.men for u in sample.units.values() if u.side == "soviet")
    est, low, high = view.enemy_totals.men
    assert 0.5 * low <= enemy_men <= 1.5 * high
    # the same view and generator give the same sample
    assert state_hash(determinise(view, stream(1, 0, "test"))) == state_hash(sample)


def test_a_sample_plays_out_to_a_named_result(midgame):
    from game.ai import hard
    view = player_view(midgame, "soviet")
    sample = determinise(view, stream(2, 0, "test"))
    rollout = hard.soviet_rollout(hard.Plan("x", send_share=1), view.turn)
    result = play_out(sample, {"japan": hard.RULE_OF_THUMB["japan"], "soviet": rollout})
    assert result.winner in ("japan", "soviet", "draw") and result.outcome
    assert midgame.turn == 3 and not midgame.over     # the real game is untouched


def test_a_gutted_far_east_tempts_hard_japan_north(scenario):
    """With most of the Soviet Far East gone west in summer, the planner mobilises or attacks."""
    s = new_game(scenario, 5)
    for u in list(s.units.values()):
        if u.side == "soviet" and u.kind != "fortress":
            u.men //= 5
            u.divisions = round(u.divisions / 5, 3)
            u.tanks //= 5
            u.aircraft //= 5
    intel.update(s, stream(5, 0, "test"))
    orders = ai_orders(s, "japan", "hard")
    assert orders.posture in ("strike_north", "mobilise")


def test_transfers_send_whole_divisions_and_leave_army_troops_behind(scenario):
    """A unit's last division may go west (the historical November division did), but its army troops,
    tanks and aircraft beyond the divisions' share stay in the Far East."""
    from game.ai import tactics
    from game.engine.forces import transfer_share
    view = player_view(new_game(scenario, 1), "soviet")
    sent = tactics.pick_transfers(view, 30)
    assert sum(t.divisions for t in sent) >= 17          # nothing held back by rounding
    per_division = scenario.rules["stavka"]["men_per_division_sent"]
    for t in sent:
        u = view.units[t.unit]
        assert t.divisions == int(t.divisions) and t.divisions <= u.divisions
        men, tanks, aircraft = transfer_share(u, t.divisions, scenario.rules)
        assert men <= per_division * t.divisions
        if t.divisions == u.divisions:
            assert men < u.men or u.men <= per_division * u.divisions
