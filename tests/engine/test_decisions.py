"""Known-answer tests of the rules that make the big decisions a trade: preparation, conditions and price,
depots, naval control, the talks that ease the embargo, the southern war's oil and the graded score."""
import pytest

from game.engine import Move, Orders, Transfer, player_view, resolve
from game.engine.forces import transfer_share
from game.engine.orders import check_orders, reachable
from game.engine.resolve import order_context
from game.engine.victory import breakdown, facts, score, score_parts
from tests.helpers import run


def test_strike_north_needs_three_turns_of_mobilisation(state):
    (what, why), = check_orders(order_context(state, "japan"), Orders(posture="strike_north"))
    assert "3 turns in the 'mobilise' stance" in why
    s, _ = run(state, 1, japan=Orders(posture="mobilise"))      # mobilised from turn 0
    s, _ = run(s, 1)
    assert check_orders(order_context(s, "japan"), Orders(posture="strike_north"))   # 2 turns: not yet
    s, _ = run(s, 1)
    assert not check_orders(order_context(s, "japan"), Orders(posture="strike_north"))
    # The view tells the player the same, so the window can close the button with the reason.
    assert "strike_north" not in player_view(s, "japan").blocked


def test_standing_down_resets_the_preparation(state):
    s, _ = run(state, 1, japan=Orders(posture="mobilise"))
    s, _ = run(s, 2)
    s, _ = run(s, 1, japan=Orders(posture="stand_down"))
    s, _ = run(s, 1, japan=Orders(posture="mobilise"))
    assert check_orders(order_context(s, "japan"), Orders(posture="strike_north"))


def test_strike_south_waits_for_the_september_conference(state):
    (what, why), = check_orders(order_context(state, "japan"), Orders(posture="strike_south"))
    assert "6 September" in why
    s, _ = run(state, 6)                                          # turn 6 begins on 7 September
    assert s.date.isoformat() >= "1941-09-06"
    assert not check_orders(order_context(s, "japan"), Orders(posture="strike_south"))


def test_a_soviet_declaration_needs_an_alert_and_pays_japan_and_weakens_moscow(state):
    assert check_orders(order_context(state, "soviet"), Orders(posture="declare_war"))
    s, _ = run(state, 1, soviet=Orders(posture="alert"))
    s, _ = run(s, 1)
    assert not check_orders(order_context(s, "soviet"), Orders(posture="declare_war"))
    kept = s.clone()
    s2, events = resolve(s, {"japan": Orders(), "soviet": Orders(posture="declare_war")}, 7)
    s2_kept, _ = resolve(kept, {"japan": Orders(), "soviet": Orders()}, 7)
    assert s2.war.declared_by == "soviet"
    assert s2.sides["japan"].bonus_vp == 6
    assert s2.front.soviet < s2_kept.front.soviet
    assert score_parts(s2)["japan"] - score_parts(s2_kept)["japan"] >= 6 - 0.5
    assert any(e.kind == "price" for e in events)


def test_an_alert_costs_the_western_front_every_turn(state):
    alert, _ = run(state, 3, soviet=Orders(posture="alert"))
    calm, _ = run(state, 3)
    assert alert.front.soviet < calm.front.soviet


def test_the_soviets_cannot_move_by_sea_in_1941_but_japan_can(open_state):
    s, _ = resolve(open_state, {"japan": Orders(), "soviet": Orders(posture="declare_war")}, 7)
    s, _ = run(s, 1)                                              # both sides now know of the war
    assert "hokkaido" not in reachable(order_context(s, "soviet"), "vladivostok")
    sea = [n for n, kind in s.scenario.board.neighbours["hokkaido"] if kind == "sea"]
    assert "vladivostok" in sea and all(n in reachable(order_context(s, "japan"), "hokkaido") for n in sea)


def test_a_cut_off_city_lives_on_its_depot_and_then_starves(state):
    s = state.clone()
    # Cut the railway west and south of Khabarovsk: Birobidzhan and Iman fall, so Khabarovsk is alone.
    for r in ("birobidzhan", "iman", "komsomolsk", "sovgavan", "nikolaevsk", "north_sakhalin"):
        s.owners[r] = "japan"
    s.units = {k: u for k, u in s.units.items() if u.side == "japan" or u.region == "khabarovsk"}
    s.war.declared_by, s.war.start_turn = "japan", 0
    stores = s.depots["khabarovsk"]
    supplied_turns = 0
    for _ in range(stores + 2):
        s, events = resolve(s, {"japan": Orders(), "soviet": Orders()}, 7)
        if all(u.supplied for u in s.units_of("soviet")):
            supplied_turns += 1
    assert supplied_turns == stores
    assert any(e.kind == "attrition" and "Khabarovsk" in e.title for e in events)


def test_talks_ease_the_embargo_only_after_standing_down_for_a_while(state):
    s, _ = run(state, 4)                                  # the embargo of 1 August has struck
    assert s.sides["japan"].oil_income == 0.0
    down, _ = run(s, 3, japan=Orders(posture="stand_down"))
    wait, _ = run(s, 3)
    talks = s.scenario.rules["oil"]["japan"]["talks_income_per_month"]
    burn = s.scenario.rules["oil"]["japan"]["burn_per_month"]
    # After two turns stood down the talks pay: the reserve falls by less than standing down alone saves.
    saved_by_burn = (burn["wait"] - burn["stand_down"]) * 3 * 14 / 30
    assert down.sides["japan"].oil - wait.sides["japan"].oil > saved_by_burn + 0.5 * talks * 14 / 30


def test_the_southern_war_burns_oil_until_the_indies_deliver(open_state):
    south, _ = run(open_state, 1, japan=Orders(posture="strike_south"))
    wait, _ = run(open_state, 1)
    south, _ = run(south, 3)
    wait, _ = run(wait, 3)
    assert south.sides["japan"].oil < wait.sides["japan"].oil
    delay = open_state.scenario.rules["oil"]["japan"]["south_delay_turns"]
    south, _ = run(south, delay)
    assert south.sides["japan"].oil_income == open_state.scenario.rules["oil"]["japan"]["south_income_per_month"]


def test_a_units_last_division_leaves_its_army_troops_behind(state):
    u = state.units["su_36a"]                              # 78,000 men in 3 divisions
    men, tanks, aircraft = transfer_share(u, 3, state.scenario.rules)
    assert men == 3 * state.scenario.rules["stavka"]["men_per_division_sent"]
    assert tanks == u.tanks and aircraft == u.aircraft     # all its divisions go: their tanks and aircraft too
    s, _ = resolve(state, {"japan": Orders(), "soviet": Orders(transfers=(Transfer("su_36a", 3),))}, 7)
    assert s.units["su_36a"].men == u.men - men and s.units["su_36a"].divisions == 0
    assert s.sides["soviet"].sent_west == 3


def test_the_score_counts_the_front_the_divisions_sent_and_an_intact_army(state):
    v = state.scenario.rules["victory"]
    s, _ = run(state, 1, soviet=Orders(transfers=(Transfer("su_1rba", 2),)))
    parts = score_parts(s)
    far = state.scenario.rules["front"]["moscow_km"] - s.front.km
    expected_soviet = v["moscow_held_vp"] + v["front_vp_per_100km"] * far / 100 + 2 * v["sent_west_vp_per_division"]
    assert abs(parts["soviet"] - expected_soviet) < 1e-6
    oil = min(s.sides["japan"].oil, v["oil_vp_cap_months"]) * v["oil_vp_per_month"]
    assert abs(parts["japan"] - (oil + v["army_vp"]["japan"])) < 1e-6
    # Losing a third of the Kwantung Army costs a third of its points.
    hurt = s.clone()
    for u in hurt.units_of("japan"):
        u.men = round(u.men * 2 / 3)
    assert score_parts(hurt)["japan"] < parts["japan"] - v["army_vp"]["japan"] / 3 + 0.2
    assert score(s)["soviet"] == round(expected_soviet)


def test_divisions_sent_after_the_deadline_earn_only_the_late_points(state):
    """The Siberian divisions counted at Moscow only if they came in time for the counter-offensive."""
    v = state.scenario.tables.victory
    assert v.sent_west_deadline is not None and v.sent_west_late_vp_per_division is not None
    assert v.sent_west_late_vp_per_division < v.sent_west_vp_per_division
    send = {"soviet": Orders(transfers=(Transfer("su_1rba", 2),))}
    early, _ = resolve(state, {"japan": Orders(), **send}, 7)
    late_start = state.clone()
    while late_start.date <= v.sent_west_deadline:
        late_start.turn += 1
    late, _ = resolve(late_start, {"japan": Orders(), **send}, 7)
    assert early.sides["soviet"].sent_west == early.sides["soviet"].sent_west_in_time == 2
    assert late.sides["soviet"].sent_west == 2 and late.sides["soviet"].sent_west_in_time == 0
    gain = score_parts(early)["soviet"] - score_parts(late)["soviet"]
    front_gap = v.front_vp_per_100km * (late.front.km - early.front.km) / 100
    assert abs(gain - front_gap - 2 * (v.sent_west_vp_per_division - v.sent_west_late_vp_per_division)) < 1e-6


def test_each_side_sees_its_score_part_by_part_and_the_parts_add_up(state):
    s, _ = run(state, 2, soviet=Orders(transfers=(Transfer("su_1rba", 2),)))
    final = breakdown(s.scenario, facts(s))
    for side, total in score_parts(s).items():
        assert sum(v for _, v in final[side]) == pytest.approx(total)
    soviet = dict(final["soviet"])
    assert soviet["Moscow held"] == s.scenario.tables.victory.moscow_held_vp
    sent = s.sides["soviet"].sent_west
    assert soviet[f"{sent:.0f} divisions sent west by 30 Nov"] == pytest.approx(
        sent * s.scenario.tables.victory.sent_west_vp_per_division)
    # during the game Japan reads the USSR's secret parts from its estimates, and says nothing exact
    seen = player_view(s, "japan").score_breakdown
    assert seen is not None and set(seen) == {"japan", "soviet"}
    assert dict(seen["japan"]) == dict(final["japan"])


def test_remote_regions_are_worth_less_than_the_cities(state):
    v = state.scenario.rules["victory"]
    assert v["region_vp"]["kamchatka"] < state.scenario.board.regions["vladivostok"].vp
    s = state.clone()
    s.owners["kamchatka"] = "japan"
    assert score_parts(s)["japan"] - score_parts(state)["japan"] == v["region_vp"]["kamchatka"]


def test_no_counter_offensive_before_december_and_the_front_never_freezes(scenario):
    from game.engine import new_game
    s = new_game(scenario, 3)
    fronts = []
    while not s.over:
        s, _ = resolve(s, {"japan": Orders(), "soviet": Orders()}, 3)
        fronts.append((s.history[-1].date, s.front.km))
    before = [km for date, km in fronts if date < "1941-12-05"]
    assert before == sorted(before)                        # the Germans only advance until December
    late = [km for date, km in fronts if date >= "1942-01-31"]
    assert late[0] - late[-1] > 5                           # and the front still moves in February-March


def test_moving_a_stack_of_units_is_one_order_per_unit(state):
    """The rules take several units into one region in one turn (the window's stack order relies on it)."""
    s, _ = resolve(state, {"japan": Orders(moves=(Move("ja_ka_res", "qiqihar"), Move("ja_tanks", "qiqihar"))),
                           "soviet": Orders()}, 7)
    assert s.units["ja_ka_res"].region == s.units["ja_tanks"].region == "qiqihar"
