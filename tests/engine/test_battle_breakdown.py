"""Battles explain themselves: the breakdown in a battle event adds up to its result, the preview comes
from the same arithmetic, and a side's copy holds only what that side may know."""
import dataclasses
import math

import pytest

from game.engine import Move, Orders, new_game, player_view, resolve
from game.engine.combat import PUBLIC_FACTORS, preview, preview_range
from game.engine.state import Result
from game.play.match import play_ai_game
from game.scenario import load


@pytest.fixture
def state(open_state):
    """The Soviet declaration below needs no alert first (tests/data/no_gates_1941.toml)."""
    return open_state


def soviet_attack(state, unit, region, men=None):
    """Soviet war from turn 1, then ``unit`` attacks ``region``: (state before the battle, battle event)."""
    s, _ = resolve(state, {"japan": Orders(), "soviet": Orders(posture="declare_war")}, 7)
    if men is not None:
        s.units[unit].men = men
    after, events = resolve(s, {"japan": Orders(), "soviet": Orders(moves=(Move(unit, region),))}, 7)
    return s, [e for e in events if e.kind == "battle"][0]


def assert_adds_up(event, rules):
    """The factors shown combine to the powers, and the powers and the dice to the losses and the outcome."""
    c = rules["combat"]
    d = event.data
    bd = d["breakdown"]
    att, dfn = bd["attacker"], bd["defender"]
    for side, f in bd["forces"].items():
        assert sum(f["terms"].values()) == pytest.approx(f["strength"])
        assert f["strength"] * math.prod(f["factors"].values()) == pytest.approx(f["power"])
        enemy = dfn if side == att else att
        assert bd["expected_loss"][side] == pytest.approx(c["loss_rate"] * bd["forces"][enemy]["power"])
        cap = bd["loss_cap"][side]
        assert d["losses"][side] == int(min(cap, bd["expected_loss"][side] * d["dice"][side]))
        assert -d["men"][side] >= d["losses"][side]
    left = {s: bd["forces"][s]["power"] * (1 - d["losses"][s] / bd["forces"][s]["men"]) for s in (att, dfn)}
    assert left == pytest.approx(d["power_left"])
    won = left[att] >= bd["win_ratio"] * left[dfn]
    assert d["winner"] == (att if won else dfn)
    assert 0.0 <= bd["win_chance"] <= 1.0


def test_a_battles_breakdown_reproduces_its_result(state):
    for unit, region, men in (("su_25a", "rashin", None), ("su_25a", "rashin", 2000),
                              ("su_1rba", "suifenhe", 400_000)):
        _, battle = soviet_attack(state, unit, region, men)
        assert_adds_up(battle, state.scenario.rules)
        f = battle.data["breakdown"]["forces"]["soviet"]["factors"]
        assert f["surprise"] > 1.0           # the first turn of the war the USSR began
    assert battle.data["breakdown"]["forces"]["japan"]["factors"]["terrain"] > 1.0


def test_every_battle_of_many_ai_games_adds_up():
    seen = 0
    for sid in ("x_hour_1941", "august_storm_1945"):
        sc = load(sid)
        for seed in (1, 2):
            events = []
            play_ai_game(sc, seed, {"japan": "hard", "soviet": "normal"},
                         on_turn=lambda s: events.extend(e for e in s.last_events if e.kind == "battle"))
            for e in events:
                assert_adds_up(e, sc.rules)
                seen += 1
    assert seen >= 10


def true_view(state, side, region):
    """The view of ``side`` with the enemy's secrets filled in: what a perfect spy would know."""
    v = player_view(state, side)
    enemy = [u.copy() for u in state.units.values() if u.side != side and u.region == region]
    oil = state.sides["japan" if side == "soviet" else "soviet"].oil
    totals = dataclasses.replace(v.enemy_totals, oil=None if oil is None else (oil, oil, oil))
    return dataclasses.replace(v, enemy_totals=totals), enemy


@pytest.mark.parametrize("unit,region,men", [("su_25a", "rashin", None), ("su_1rba", "suifenhe", None),
                                             ("su_25a", "rashin", 60_000)])
def test_the_preview_on_the_true_state_is_the_resolved_battles_odds(state, unit, region, men):
    before, battle = soviet_attack(state, unit, region, men)
    view, enemy = true_view(before, "soviet", region)
    bd = preview(view, [unit], region, enemy=enemy)
    assert bd.to_data() == battle.data["breakdown"]      # every strength, factor, power and the odds


def test_the_preview_from_the_estimate_shows_its_band(state):
    s, _ = resolve(state, {"japan": Orders(), "soviet": Orders(posture="declare_war")}, 7)
    view = player_view(s, "soviet")
    bd = preview(view, ["su_25a"], "rashin")
    est = view.enemy["rashin"].men
    assert bd.defence.men == est[0] and bd.defence.men_band == (est[1], est[2])
    assert bd.attack.men == s.units["su_25a"].men
    low, high = preview_range(view, ["su_25a"], "rashin")
    assert low <= bd.win_chance <= high
    assert preview(view, ["su_25a"], "khasan") is None           # no enemy thought to be there
    # More men, better odds; a winter attack, worse.
    bigger = preview(dataclasses.replace(view, units={**view.units, "su_25a": dataclasses.replace(
        view.units["su_25a"], men=200_000)}), ["su_25a"], "rashin")
    assert bigger.win_chance >= bd.win_chance
    assert preview(dataclasses.replace(view, season="winter"), ["su_25a"], "rashin").win_chance < bd.win_chance


def test_a_sides_breakdown_holds_only_what_it_may_know(state):
    before, battle = soviet_attack(state, "su_25a", "rashin")
    truth = battle.data["breakdown"]["forces"]
    after, _ = resolve(before, {"japan": Orders(), "soviet": Orders(moves=(Move("su_25a", "rashin"),))}, 7)
    for side, enemy in (("soviet", "japan"), ("japan", "soviet")):
        shown = next(e for e in player_view(after, side).events if e.kind == "battle").data["breakdown"]
        assert shown["forces"][side] == truth[side]                       # own side in full
        theirs = shown["forces"][enemy]
        # Of the enemy: the men who fought and the power they brought, and the public multipliers only.
        assert set(theirs) == {"side", "men", "power", "factors", "hidden"}
        assert theirs["men"] == truth[enemy]["men"] and theirs["power"] == truth[enemy]["power"]
        assert set(theirs["factors"]) <= set(PUBLIC_FACTORS)
        assert "supply" not in theirs["factors"] and "oil" not in theirs["factors"]
    # The enemy's tanks and aircraft differ between the two views of the same battle only in what is hidden.
    soviet_tanks = truth["soviet"]["tanks"]
    japan_copy = next(e for e in player_view(after, "japan").events if e.kind == "battle")
    assert "tanks" not in japan_copy.data["breakdown"]["forces"]["soviet"] and soviet_tanks > 0


def test_the_breakdown_is_revealed_to_both_once_the_game_is_over(state):
    before, battle = soviet_attack(state, "su_25a", "rashin")
    after, _ = resolve(before, {"japan": Orders(), "soviet": Orders(moves=(Move("su_25a", "rashin"),))}, 7)
    ended = after.clone()
    ended.result = Result("test", "Test over", "draw", {}, "")
    shown = next(e for e in player_view(ended, "japan").events if e.kind == "battle")
    assert shown.data["breakdown"] == battle.data["breakdown"]


def test_the_preview_knows_surprise_and_an_enemy_on_alert():
    """X-hour: Japan's first blow is a surprise, in the preview as in the battle; against a Far East known
    to be on alert it is not."""
    sc = load("x_hour_1941")
    state = new_game(sc, 3)
    orders = Orders(moves=(Move("ja_5a", "iman"),))
    after, events = resolve(state, {"japan": orders, "soviet": Orders()}, 3)
    battle = next(e for e in events if e.kind == "battle" and e.data["region"] == "iman")
    view, enemy = true_view(state, "japan", "iman")
    bd = preview(view, ["ja_5a"], "iman", enemy=enemy)
    assert bd.to_data() == battle.data["breakdown"]
    assert dict(bd.attack.factors)["surprise"] > 1.0
    alert = dataclasses.replace(view, enemy_totals=dataclasses.replace(view.enemy_totals, stance="alert"))
    assert dict(preview(alert, ["ja_5a"], "iman").attack.factors)["surprise"] == 1.0
