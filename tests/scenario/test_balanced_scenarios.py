"""The data that keeps x_hour_1941 and smolensk_holds_1941 playable from both sides (issue 9: hard against
hard, neither side wins more than 70%), and the facts behind it."""
from __future__ import annotations

from game.play.match import play_ai_game
from game.scenario import load

NORMAL = {"japan": "normal", "soviet": "normal"}


def test_x_hour_36th_army_holds_the_transbaikal_fortified_regions():
    sc = load("x_hour_1941")
    army = next(u for u in sc.units if u.id == "su_36a")
    assert army.kind == "fortress" and army.region == "borzya"     # the Borzya and Dauria URs [S59]
    assert "fortified" in army.name
    # Only this scenario: in the strategic game the army may still leave for the Amur.
    assert next(u for u in load("historical_1941").units if u.id == "su_36a").kind == "infantry"


def test_x_hour_rivers_are_harder_to_cross_in_the_summer_high_water():
    x, base = load("x_hour_1941"), load("historical_1941")
    assert x.rules["combat"]["river_mult"] == 0.6 < base.rules["combat"]["river_mult"] == 0.7
    # The rest of the battle rules are the base's.
    assert {k: v for k, v in x.rules["combat"].items() if k != "river_mult"} == \
        {k: v for k, v in base.rules["combat"].items() if k != "river_mult"}


def test_x_hour_japan_does_not_march_to_lake_baikal():
    """With the 36th Army on its fortified line, the Kantokuen plan's quiet western flank stays quiet: in
    none of these games does Japan reach Irkutsk (before, it did in 22 of 30 hard-against-hard games)."""
    sc = load("x_hour_1941")
    for seed in range(6):
        state, _ = play_ai_game(sc, seed, NORMAL)
        assert state.owners["irkutsk"] == "soviet", seed
        assert any(u.id == "su_36a" and u.region == "borzya" for u in state.units.values()), seed


def test_smolensk_holds_divisions_sent_west_count_for_less_than_in_1941():
    sc, base = load("smolensk_holds_1941"), load("historical_1941")
    v, b = sc.tables.victory, base.tables.victory
    assert v.sent_west_vp_per_division == 0.12 < b.sent_west_vp_per_division == 0.18
    assert v.front_vp_per_100km == 1.0 < b.front_vp_per_100km
    # The deadline and the late rate are the base's: only the worth of a division in time changes.
    assert (v.sent_west_deadline, v.sent_west_late_vp_per_division) == \
        (b.sent_west_deadline, b.sent_west_late_vp_per_division)
    assert "fewer points" in sc.premise          # the player is told
