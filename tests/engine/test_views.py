"""Hidden information: each side's view holds only what it may know."""
import dataclasses
import json

import pytest

from game.engine import Orders, player_view, resolve


def canonical(view) -> str:
    """The whole view as text, so two views can be compared field by field."""
    def conv(o):
        if dataclasses.is_dataclass(o):
            return {f.name: conv(getattr(o, f.name)) for f in dataclasses.fields(o) if f.name != "board"}
        if isinstance(o, dict):
            return {str(k): conv(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [conv(v) for v in o]
        return o
    return json.dumps(conv(view), sort_keys=True, default=str)


def test_a_view_shows_own_units_exactly_and_no_enemy_units(state):
    v = player_view(state, "soviet")
    assert v.units and all(u.side == "soviet" for u in v.units.values())
    assert v.units["su_1rba"].men == state.units["su_1rba"].men
    assert "hailar" in v.enemy and not v.enemy["hailar"].exact
    low, high = v.enemy["hailar"].men[1:]
    assert low < high


def test_enemy_oil_is_an_estimate_and_own_oil_exact(state):
    japan, soviet = player_view(state, "japan"), player_view(state, "soviet")
    assert japan.own.oil == 24.0
    est, low, high = soviet.enemy_totals.oil
    assert low < est < high


def test_soviet_view_is_blind_to_japans_hidden_data(state):
    """Two states that differ only in Japan's secrets give the Soviet player identical views."""
    a = state.clone()
    b = state.clone()
    b.sides["japan"].oil = 3.0
    b.sides["japan"].stance = "mobilise"
    b.units["ja_6a"].men += 50_000          # away from contact: no Soviet troops in Hailar
    b.units["ja_hq"].tanks += 300
    b.sides["japan"].pool = 5
    assert canonical(player_view(a, "soviet")) == canonical(player_view(b, "soviet"))
    assert canonical(player_view(a, "japan")) != canonical(player_view(b, "japan"))


def test_japanese_view_is_blind_to_soviet_hidden_data(state):
    a, b = state.clone(), state.clone()
    b.units["su_1rba"].men -= 40_000
    b.transit.append((3, 10_000, 1.0))
    b.stavka_demand = 4
    assert canonical(player_view(a, "japan")) == canonical(player_view(b, "japan"))


def test_events_only_one_side_knows_are_shown_only_to_it(open_state):
    s, events = resolve(open_state, {"japan": Orders(posture="strike_north"), "soviet": Orders()}, 7)
    war = [e for e in events if e.kind == "war_declared"]
    assert war and war[0].visible_to == ("japan",)
    assert not any(e.kind == "war_declared" for e in player_view(s, "soviet").events)
    assert any(e.kind == "war_declared" for e in player_view(s, "japan").events)


def test_at_the_end_both_sides_see_everything(state):
    s = state
    while not s.over:
        s, _ = resolve(s, {"japan": Orders(), "soviet": Orders()}, 7)
    v = player_view(s, "soviet")
    assert v.revealed is not None
    assert v.revealed[-1].oil["japan"] == s.sides["japan"].oil


def test_the_enemy_does_not_hear_of_trains_reaching_the_west(state):
    from game.engine import Transfer
    s1, _ = resolve(state, {"japan": Orders(), "soviet": Orders(transfers=(Transfer("su_1rba", 2),))}, 7)
    s2, events = resolve(s1, {"japan": Orders(), "soviet": Orders()}, 7)
    assert any(e.kind == "arrival" for e in player_view(s2, "soviet").events)
    assert not any(e.kind == "arrival" for e in player_view(s2, "japan").events)


def test_the_enemy_total_agrees_with_the_regions_in_contact():
    """In contact the regional estimates are exact; the overall estimate counts them exactly too, so it
    cannot disagree with the counters on the map (August Storm opens at war, nearly all in contact)."""
    from game.engine import new_game
    from game.scenario import load
    state = new_game(load("august_storm_1945"), 1)
    state, _ = resolve(state, {}, 1)
    for side in ("soviet", "japan"):
        v = player_view(state, side)
        exact = sum(e.men[0] for e in v.enemy.values() if e.exact)
        unsure = sum(e.men[0] for e in v.enemy.values() if not e.exact)
        est, low, high = v.enemy_totals.men
        assert exact <= low <= est <= high
        # The total differs from the counters by no more than their uncertain part could.
        assert abs(est - (exact + unsure)) <= 0.6 * unsure + 1000


def test_a_views_typed_records_carry_what_the_side_may_know(state):
    """Known answers at the start of 1941: own figures exact, the enemy's as (estimate, low, high) bands taken
    from the side's intelligence, the public front and war as the state has them; no record can be changed."""
    s, _ = resolve(state, {"japan": Orders(), "soviet": Orders()}, 7)
    v = player_view(s, "japan")
    intel, ss = s.sides["japan"].intel, s.sides["japan"]
    assert v.own.oil == ss.oil and v.own.stance == ss.stance and v.own.pool == ss.pool
    assert v.own.training == sum(m for _, m in ss.training) and v.own.south is False
    est, low, high = v.enemy_totals.men
    assert low < est < high and [est, low, high] == intel["men"]
    assert list(v.enemy_totals.tanks) == intel["tanks"] and v.enemy_totals.oil is None   # no Soviet oil model
    truth = sum(u.men for u in s.units.values() if u.side == "soviet")
    assert est != truth                                  # an estimate, not the truth, far from contact
    assert all(not e.exact and e.men[1] <= e.men[0] <= e.men[2] for e in v.enemy.values())
    assert (v.war.at_war, v.war.declared_by, v.war.start_turn) == (False, None, None)
    assert v.front.km == s.front.km and v.front.moscow_km == s.scenario.tables.front.moscow_km
    assert [m.id for m in v.front.milestones][-1] == "moscow" and v.front.moscow_fell is False
    first, now = v.history
    assert first.turn == 0 and now.turn == s.turn - 1     # the opening line, then the turn just played
    assert now.oil == ss.oil and now.action is None and now.stance == ss.stance
    assert now.men == sum(u.men for u in s.units.values() if u.side == "japan")
    assert now.enemy_estimate.men == v.enemy_totals.men    # the chronicle keeps this turn's estimate
    for record in (v.own, v.enemy_totals, v.war, v.front, now, next(iter(v.enemy.values()))):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, dataclasses.fields(record)[0].name, None)
