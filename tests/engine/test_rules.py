"""Rules unit tests: each checks something a player would notice if it broke."""
import dataclasses

import pytest

from game.engine import GameOver, Move, Orders, Transfer, new_game, player_view, resolve
from game.engine.calendar import total_turns
from game.engine.orders import check_orders
from game.engine.resolve import order_context
from tests.helpers import run, with_rules


def test_historical_scenario_runs_22_june_to_31_march_in_fortnights(scenario, state):
    assert scenario.days_per_turn == 14
    assert state.date.isoformat() == "1941-06-22"
    assert total_turns(scenario.start, scenario.end, 14) == 21
    assert state.season == "summer"


def test_rail_moves_several_regions_but_land_moves_one(state):
    ctx = order_context(state, "soviet")
    # Chita to Khabarovsk is far beyond one rail run; Chita to Belogorsk (3 rail steps) is within it.
    from game.engine.orders import reachable
    dest = reachable(ctx, "chita")
    assert "skovorodino" in dest and "belogorsk" in dest
    assert "khabarovsk" not in dest
    # Units may not cross into Manchukuo in peacetime.
    assert "manchouli" not in reachable(ctx, "borzya")


def test_illegal_orders_are_rejected_with_a_reason(state):
    ctx = order_context(state, "japan")
    problems = check_orders(ctx, Orders(moves=(Move("ja_6a", "borzya"),), transfers=(Transfer("ja_6a", 1),)))
    whats = [w for w, _ in problems]
    assert any("move ja_6a" in w for w in whats)
    assert any("transfer" in w for w in whats)
    assert all(why for _, why in problems)
    assert "no war" in dict(problems)["move ja_6a to borzya"]


def test_resolve_reports_rejected_orders_instead_of_dropping_them(state):
    new, events = resolve(state, {"japan": Orders(moves=(Move("ja_6a", "borzya"),)), "soviet": Orders()}, 7)
    rejected = [e for e in events if e.kind == "order_rejected"]
    assert rejected and rejected[0].visible_to == ("japan",)
    assert new.units["ja_6a"].region == "hailar"


def test_posture_not_open_to_a_side_is_rejected(state):
    ctx = order_context(state, "soviet")
    assert check_orders(ctx, Orders(posture="strike_south"))


def test_strike_north_starts_the_war_next_turn_and_surprises_the_soviets(open_state):
    s1, _ = resolve(open_state, {"japan": Orders(posture="strike_north"), "soviet": Orders()}, 7)
    assert s1.war.declared_by == "japan" and s1.war.start_turn == 1
    assert player_view(s1, "japan").war.at_war is True
    # The Soviet player plans the X-hour turn unaware of the war...
    assert player_view(s1, "soviet").war.at_war is False
    s2, _ = resolve(s1, {"japan": Orders(), "soviet": Orders()}, 7)
    # ...and learns of it once the first blows have landed.
    assert player_view(s2, "soviet").war.at_war is True


def test_after_striking_south_japan_cannot_strike_north(open_state):
    s1, _ = resolve(open_state, {"japan": Orders(posture="strike_south"), "soviet": Orders()}, 7)
    assert s1.sides["japan"].south
    ctx = order_context(s1, "japan")
    (what, why), = check_orders(ctx, Orders(posture="strike_north"))
    assert "southern war" in why


def test_transfers_leave_the_far_east_and_strengthen_the_west_after_transit(state):
    men_before = sum(u.men for u in state.units_of("soviet"))
    s1, events = resolve(state, {"japan": Orders(), "soviet": Orders(transfers=(Transfer("su_1rba", 2),))}, 7)
    sent = -sum(e.data["men"]["soviet"] for e in events if e.kind == "transfer")
    assert sent == 14000          # two divisions of 7,000: army troops stay behind
    assert s1.units["su_1rba"].divisions == 3
    assert s1.transit and s1.transit[0][1] == sent
    without = s1.clone()
    without.transit = []
    s2, events2 = resolve(s1, {"japan": Orders(), "soviet": Orders()}, 7)
    s2_without, _ = resolve(without, {"japan": Orders(), "soviet": Orders()}, 7)
    assert any(e.kind == "arrival" for e in events2)
    assert not s2.transit
    # The arrived men stiffen the western front: the Germans get less far than without them.
    assert s2.front.soviet > s2_without.front.soviet
    assert s2.front.km <= s2_without.front.km
    assert sum(u.men for u in s1.units_of("soviet")) == men_before - sent


def test_refusing_stavka_weakens_the_western_front(scenario):
    s = new_game(scenario, 3)
    s.stavka_demand = 3
    refused, ev = resolve(s, {"japan": Orders(), "soviet": Orders()}, 3)
    complied, _ = resolve(s, {"japan": Orders(), "soviet": Orders(transfers=(Transfer("su_1rba", 3),))}, 3)
    assert any(e.kind == "stavka" for e in ev)
    assert refused.front.soviet < complied.front.soviet


def test_embargo_starts_the_oil_clock(state):
    s, events = run(state, 4)
    assert any(e.kind == "scripted" and "oil" in e.title.lower() for e in events)
    assert s.sides["japan"].oil_income == 0.0
    before = s.sides["japan"].oil
    s2, _ = run(s, 1)
    assert s2.sides["japan"].oil < before


def test_mobilisation_brings_japanese_reinforcements(state):
    s, events = run(state, 3, japan=Orders(posture="mobilise"))
    new_units = [u for u in s.units_of("japan") if u.id.startswith("ja_new")]
    assert new_units
    assert sum(u.men for u in s.units_of("japan")) > sum(u.men for u in state.units_of("japan"))
    assert all(e.visible_to == ("japan",) for e in events if e.kind == "mobilisation" and "japan" in e.data["men"])


def test_soviet_local_mobilisation_refills_the_far_east_after_training(state):
    s, events = run(state, 5)
    assert any(u.id.startswith("so_new") for u in s.units_of("soviet"))


def test_a_strong_attack_takes_the_region(open_state):
    # War from the start of turn 1; throw the whole eastern grouping at Suifenhe's defenders from Ussuriysk.
    s, _ = resolve(open_state, {"japan": Orders(), "soviet": Orders(posture="declare_war")}, 7)
    s.units["su_1rba"].men = 400_000
    s2, events = resolve(s, {"japan": Orders(), "soviet": Orders(moves=(Move("su_1rba", "suifenhe"),))}, 7)
    battles = [e for e in events if e.kind == "battle"]
    assert battles and battles[0].data["winner"] == "soviet"
    assert s2.owners["suifenhe"] == "soviet"
    assert s2.units["ja_border_e"].region != "suifenhe" if "ja_border_e" in s2.units else True


def test_a_weak_attack_is_thrown_back(open_state):
    s, _ = resolve(open_state, {"japan": Orders(), "soviet": Orders(posture="declare_war")}, 7)
    s.units["su_25a"].men = 2_000
    s.units["su_25a"].tanks = 0
    s.units["su_25a"].aircraft = 0
    s2, events = resolve(s, {"japan": Orders(), "soviet": Orders(moves=(Move("su_25a", "rashin"),))}, 7)
    assert [e.data["winner"] for e in events if e.kind == "battle"] == ["japan"]
    assert s2.owners["rashin"] == "japan"
    assert s2.units["su_25a"].region == "khasan"


def test_cut_off_units_waste_away(state):
    s = state.clone()
    s.owners["sovgavan"] = "japan"       # Kamchatka's sea link is its own; isolate Nikolaevsk's neighbours
    s.owners["komsomolsk"] = "japan"
    s.owners["north_sakhalin"] = "japan"
    s.units = {k: u for k, u in s.units.items() if u.region not in ("sovgavan", "komsomolsk", "north_sakhalin")}
    s.war = dataclasses.replace(s.war, declared_by="japan", start_turn=0)
    before = s.units["su_nik"].men
    s2, events = resolve(s, {"japan": Orders(), "soviet": Orders()}, 7)
    assert s2.units["su_nik"].men < before
    assert not s2.units["su_nik"].supplied
    assert any(e.kind == "attrition" for e in events)


def test_the_front_passes_smolensk_with_an_event(scenario):
    fast = with_rules(scenario, front={"speed_km_per_turn": 900.0})
    s, events = run(new_game(fast, 1), 2)
    assert "smolensk" in s.front.passed
    assert any(e.kind == "milestone" and "Smolensk" in e.title for e in events)


def test_a_moscow_collapse_is_remembered(scenario):
    fast = with_rules(scenario, front={"speed_km_per_turn": 3000.0})
    s, _ = run(new_game(fast, 1), 2)
    assert s.front.moscow_fell


def test_game_ends_at_the_end_date_with_a_named_outcome(state):
    s = state
    while not s.over:
        s, _ = resolve(s, {"japan": Orders(), "soviet": Orders()}, 7)
    assert s.result.outcome == "armed_neutrality" or s.result.outcome
    assert s.result.winner in ("japan", "soviet", "draw")
    assert len(s.history) == 22
    with pytest.raises(GameOver):
        resolve(s, {}, 7)


def test_oil_running_dry_ends_the_game_as_a_soviet_win(scenario):
    dry_oil = {**scenario.rules["oil"]["japan"], "reserve_months": 0.2, "income_per_month": 0.0}
    dry = with_rules(scenario, oil={"japan": dry_oil})
    s, _ = run(new_game(dry, 1), 1)
    assert s.over and s.result.outcome == "oil_runs_dry" and s.result.winner == "soviet"


def test_strike_south_with_quiet_front_is_history_repeating(open_scenario):
    s = new_game(open_scenario, 5)
    s, _ = run(s, 1, japan=Orders(posture="strike_south"))
    while not s.over:
        s, _ = run(s, 1)
    assert s.result.outcome in ("history_repeats", "ripe_persimmon_untouched") or s.front.moscow_fell
