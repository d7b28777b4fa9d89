"""The built-in scenarios: each checks, plays to a named end AI against AI, and does what its title promises."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Orders, new_game, player_view
from game.engine.orders import Move
from game.play.match import play_ai_game, summary
from game.scenario import load
from game.scenario.loader import SCENARIO_DIR
from tests.helpers import run

NORMAL = {"japan": "normal", "soviet": "normal"}
SCENARIOS = sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))
REQUIRED = ("historical_1941", "moscow_falls", "smolensk_holds", "x_hour", "1942", "august_storm_1945",
            "khalkhin_gol_1939")


def play(scenario_id: str, seed: int):
    """One AI-vs-AI game; returns its final state and the kinds of every event on the way."""
    kinds: list[str] = []
    state, _ = play_ai_game(load(scenario_id), seed, NORMAL, on_turn=lambda s: kinds.extend(
        e.kind for e in s.last_events))
    return state, kinds


def test_the_seven_required_scenarios_exist():
    for part in REQUIRED:
        assert any(part in s for s in SCENARIOS), f"no scenario id contains {part!r}"


def test_check_accepts_every_shipped_scenario(capsys):
    files = [str(SCENARIO_DIR / f"{s}.toml") for s in SCENARIOS]
    assert main(["check", *files]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok") == len(files)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_scenario_has_the_texts_a_player_reads(scenario_id):
    sc = load(scenario_id)
    assert sc.title and len(sc.summary) > 80 and len(sc.note) > 80
    if scenario_id != "historical_1941":
        assert len(sc.premise) > 80, "a counterfactual states what it assumes and why"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("seed", [1, 2])
def test_every_scenario_plays_to_a_named_outcome(scenario_id, seed):
    state, _ = play(scenario_id, seed)
    sc = state.scenario
    assert state.over
    outcome = next(o for o in sc.outcomes if o["id"] == state.result.outcome)
    assert state.result.title == outcome["title"]
    assert state.result.winner in ("japan", "soviet", "draw")
    assert 1 <= summary(state)["turns_played"] <= state.last_turn + 1


def test_simulate_runs_each_scenario_from_the_command_line(capsys):
    import json
    for scenario_id in SCENARIOS:
        assert main(["simulate", "--scenario", scenario_id, "--seed", "3", "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["scenario"] == scenario_id and out["outcome"]


def test_moscow_falls_takes_moscow_in_autumn_more_often_than_history():
    base = sum(play("historical_1941", s)[0].front.moscow_fell for s in range(8))
    fell = [play("moscow_falls_1941", s)[0] for s in range(8)]
    assert sum(s.front.moscow_fell for s in fell) >= 6 > base
    # The capital falls by October in most runs (Typhoon, 2 Oct 1941), not in the summer.
    dates = sorted(next(h.date for h in s.history if h.front_km >= s.scenario.rules["front"]["moscow_km"])
                   for s in fell if s.front.moscow_fell)
    assert "1941-08-01" < dates[len(dates) // 2] < "1941-11-01"


def test_smolensk_holds_stops_the_front_short_of_smolensk():
    games = [play("smolensk_holds_1941", s)[0] for s in range(8)]
    peaks = [g.front.peak_km for g in games]
    base = [play("historical_1941", s)[0].front.peak_km for s in range(8)]
    assert sorted(peaks)[4] < 650 < sorted(base)[4]
    # The winter counter-attack takes ground back, but never carries the front back west of Minsk.
    minsk = next(m["km"] for m in load("smolensk_holds_1941").rules["front"]["milestones"] if m["id"] == "minsk")
    for g in games:
        kms = [h.front_km for h in g.history]
        after_peak = kms[kms.index(max(kms)):]
        assert min(after_peak) >= minsk, after_peak
    assert any(g.front.km < g.front.peak_km for g in games)


def test_x_hour_opens_with_a_japanese_surprise_attack_and_fighting():
    sc = load("x_hour_1941")
    s = new_game(sc, 1)
    assert player_view(s, "japan").war.at_war            # Japan knows: it chose X-hour
    assert not player_view(s, "soviet").war.at_war       # the USSR learns when the blows land
    fought = 0
    for seed in range(5):
        state, kinds = play("x_hour_1941", seed)
        assert summary(state)["japan_attacked"] and summary(state)["attack_turn"] == 0
        fought += "battle" in kinds
    assert fought == 5


def test_stalingrad_1942_front_labels_come_from_the_scenario():
    sc = load("stalingrad_1942")
    view = player_view(new_game(sc, 1), "japan")
    collapse = [m for m in view.front.milestones if m.moscow]
    assert [m.title for m in collapse] == ["Stalingrad falls"]
    assert view.front.moscow_km == collapse[0].km
    titles = {m.title for m in view.front.milestones}
    assert {"Voronezh contested", "Stalingrad falls"} <= titles and "Moscow falls" not in titles
    # When the front passes it, the players read the scenario's title, not "Moscow" (a faster front, so
    # that it does pass: this tests the labels, not how often the city falls).
    from tests.helpers import with_rules
    sc = with_rules(sc, front={"speed_km_per_turn": 3 * sc.rules["front"]["speed_km_per_turn"]})
    for seed in range(12):
        seen: list[str] = []
        state, _ = play_ai_game(sc, seed, NORMAL, on_turn=lambda s: seen.extend(
            e.title for e in s.last_events if e.kind == "milestone"))
        if state.front.moscow_fell:
            break
    else:
        pytest.fail("Stalingrad never fell in 12 games")
    assert "Stalingrad falls" in seen and not any("Moscow" in t for t in seen)


def test_august_storm_is_a_soviet_offensive_without_a_western_front():
    sc = load("august_storm_1945")
    assert not sc.rules["front"]["enabled"] and not sc.rules["stavka"]["enabled"]
    assert sc.days_per_turn <= 2 and 8 <= (sc.end - sc.start).days + 1 <= 14
    men = {s: sum(u.men for u in sc.units if u.side == s) for s in ("japan", "soviet")}
    assert men["soviet"] == 1_577_725 + 16_000                   # [S37] plus the Mongolian army
    assert sum(u.tanks for u in sc.units if u.side == "soviet") == 5_556
    taken = []
    for seed in range(10):
        state, kinds = play("august_storm_1945", seed)
        assert state.war.declared_by == "soviet" and not summary(state)["japan_attacked"]
        assert all(km == 0 for km in summary(state)["german_front_km"])   # no front moves
        taken.append(sum(1 for r, o in state.owners.items() if o == "soviet" and sc.owners[r] == "japan"))
    assert sum(t >= 3 for t in taken) >= 8, taken


def test_khalkhin_gol_tutorial_teaches_on_a_small_map():
    sc = load("khalkhin_gol_1939")
    assert set(sc.board.regions) == {"tamsag", "choibalsan", "borzya", "hailar", "manchouli", "khingan"}
    assert {r for r, reg in sc.board.regions.items() if reg.supply_source} == {"borzya", "hailar"}
    s = new_game(sc, 1)
    soviet = player_view(s, "soviet")
    # Lesson 2: the tank brigade can reach Choibalsan by rail, but not yet the battlefield or the enemy.
    assert "choibalsan" in soviet.destinations("su_tanks")
    assert "hailar" not in soviet.destinations("su_1ag")
    s, ev = run(s, 1, soviet=Orders(moves=(Move("su_tanks", "choibalsan"),)))
    assert s.units["su_tanks"].region == "choibalsan"
    lessons = [e.title for e in ev if e.kind == "scripted"]
    assert lessons[0].startswith("Lesson 1") and any(t.startswith("Lesson 2") for t in lessons)
    # Lesson 3 onwards: now the Soviet side may attack.
    assert "hailar" in player_view(s, "soviet").destinations("su_1ag")
    # Every lesson fires in a game where nobody wins early.
    s, ev = run(s, s.last_turn)
    titles = lessons + [e.title for e in ev if e.kind == "scripted"]
    for n in (3, 4, 5):
        assert any(t.startswith(f"Lesson {n}") for t in titles)
    assert s.over and s.result.outcome == "border_stalemate"


def test_khalkhin_gol_lessons_come_in_the_report_before_the_turn_they_teach():
    """An event fires while its turn is resolved and is read in the report that opens the next turn: each
    lesson must fire one turn before the turn it teaches (the first two open the game, in the briefing)."""
    sc = load("khalkhin_gol_1939")
    s = new_game(sc, 1)
    on_first_day = [e["id"] for e in sc.events if e.get("date") == sc.start]
    assert on_first_day == ["lesson_turns", "lesson_movement"]
    read_before = {}                  # lesson id -> the turn whose opening report shows it
    while not s.over:
        s, ev = run(s, 1)
        read_before.update({e.data["id"]: s.turn for e in ev if e.kind == "scripted"})
    assert read_before["lesson_intel"] == 1            # the first turn with the war on: attacks open
    assert read_before["lesson_battle"] == 2           # the turn that begins on 20 August, Zhukov's offensive
    assert sc.start + dt.timedelta(days=2 * sc.days_per_turn) == dt.date(1939, 8, 20)
    assert read_before["lesson_supply"] == 3
    assert read_before["lesson_end"] == s.last_turn    # "Last turn": read as the last turn opens


def test_khalkhin_gol_supply_cut_costs_men():
    """Lesson 5 is true: take Choibalsan from the Soviets and their troops at Tamsag waste away."""
    sc = load("khalkhin_gol_1939")
    s = new_game(sc, 1)
    s.owners["choibalsan"] = "japan"
    del s.units["su_mpr"]
    before = s.units["su_1ag"].men
    s, ev = run(s, 1)
    assert s.units["su_1ag"].men < before and not s.units["su_1ag"].supplied
    assert any(e.kind == "attrition" for e in ev)


def test_teachers_six_line_counterfactual_doubles_the_german_pace(tmp_path: Path, capsys):
    base = load("historical_1941")
    speed = base.rules["front"]["speed_km_per_turn"]
    path = tmp_path / "blitz_doubled.toml"
    path.write_text("\n".join([
        'extends = "historical_1941"',
        'id = "blitz_doubled"',
        'title = "What if the Germans moved twice as fast?"',
        'premise = "Assumes the Wehrmacht kept its summer pace."',
        "[front]",
        f"speed_km_per_turn = {speed * 2:g}",
    ]) + "\n")
    sc = load(path)
    assert sc.summary == base.summary and sc.units == base.units     # inherited, not restated
    assert sc.rules["front"]["speed_km_per_turn"] == 2 * speed
    assert main(["check", str(path)]) == 0
    for seed in range(4):
        a, _ = play_ai_game(base, seed, NORMAL)
        b, _ = play_ai_game(sc, seed, NORMAL)
        assert b.history[1].front_km > a.history[1].front_km       # the same dice, twice the pace
        assert b.front.peak_km > a.front.peak_km
    capsys.readouterr()
    assert main(["simulate", "--scenario", str(path), "--json"]) == 0
    assert '"scenario": "blitz_doubled"' in capsys.readouterr().out


# --- The data of the alternative scenarios agrees with its own comments and with the record ----------------
def scenario_text(scenario_id: str) -> str:
    return (SCENARIO_DIR / f"{scenario_id}.toml").read_text(encoding="utf-8")


def number_after(text: str, pattern: str) -> int:
    """The figure (written with thousands commas) that a comment gives after ``pattern``."""
    import re
    match = re.search(pattern + r"\s*([\d,]+)", text)
    assert match, f"no figure after {pattern!r}"
    return int(match.group(1).replace(",", ""))


def test_stalingrad_japanese_units_add_up_to_the_figures_the_comment_gives():
    sc, text = load("stalingrad_1942"), scenario_text("stalingrad_1942")
    japan = [u for u in sc.units if u.side == "japan"]
    manchuria = {"mudanjiang", "hulin", "suifenhe", "heihe", "hailar", "harbin", "hsinking", "mukden"}
    assert sum(u.men for u in japan) == number_after(text, r"Japan, summer 1942:") == 776_000
    kwantung = sum(u.men for u in japan if u.region in manchuria)
    assert kwantung == number_after(text, r"The Kwantung Army units \(Manchuria\) hold") == 700_000
    assert 700_000 <= kwantung <= 763_000                   # the sourced range [S3, S4, S8, S12, S14]


def test_stalingrad_soviet_far_east_lies_between_the_sourced_counts():
    sc, text = load("stalingrad_1942"), scenario_text("stalingrad_1942")
    soviet = sum(u.men for u in sc.units if u.side == "soviet" and u.id != "su_mpr")   # the MPR is apart
    assert soviet == number_after(text, r"Chosen:")
    assert 1_162_991 <= soviet <= 1_340_000                 # 1 Jan 1944 [S28] .. end of 1941 (weak) [S25]


def test_stalingrad_soviet_call_ups_are_the_1941_rate_its_comment_names():
    base = load("historical_1941").rules["mobilisation"]["soviet"]
    mob = load("stalingrad_1942").rules["mobilisation"]["soviet"]
    assert "as in\n# historical_1941" in scenario_text("stalingrad_1942")
    assert (mob["men_per_turn"], mob["training_turns"]) == (base["men_per_turn"], base["training_turns"]) \
        == (6000, 3)


def test_x_hour_halves_the_fortnightly_rates_and_keeps_the_training_weeks():
    base, x = load("historical_1941"), load("x_hour_1941")
    b, m = base.rules["mobilisation"]["soviet"], x.rules["mobilisation"]["soviet"]
    assert 2 * x.days_per_turn == base.days_per_turn
    assert 2 * m["men_per_turn"] == b["men_per_turn"]
    assert 2 * m["men_per_turn_mobilised"] == b["men_per_turn_mobilised"]
    weeks = {sc.id: sc.rules["mobilisation"][side]["training_turns"] * sc.days_per_turn / 7
             for sc in (base, x) for side in ("soviet",)}
    assert weeks["x_hour_1941"] == weeks["historical_1941"] == 6
    jb, jx = base.rules["mobilisation"]["japan"], x.rules["mobilisation"]["japan"]
    assert jx["training_turns"] * x.days_per_turn == jb["training_turns"] * base.days_per_turn


def test_august_storm_order_of_battle_is_the_historical_one():
    import tomllib
    sc = load("august_storm_1945")
    notes = {u["id"]: u.get("note", "") for u in tomllib.loads(scenario_text("august_storm_1945"))["units"]}
    japan = {u.id: u for u in sc.units if u.side == "japan"}
    hailar = [u.name for u in japan.values() if u.region == "hailar"]
    assert hailar and all("4th Army" in n and "119th" in n for n in hailar), hailar
    assert japan["ja_30a"].region == "hsinking"              # the 30th Army stood around Hsinking
    assert not any("30th Army" in u.name for u in japan.values() if u.region == "qiqihar")
    # Only the four armies moved east from Europe are veterans; the Far Eastern armies are not.
    veterans = {u.id for u in sc.units if u.side == "soviet" and "veteran" in notes[u.id]}
    assert veterans == {"su_6gta", "su_39a", "su_53a", "su_5a"}
    far_east = ("su_1rba", "su_25a", "su_35a", "su_2rba", "su_15a", "su_5rc", "su_16a", "su_17a", "su_36a")
    assert all("had not fought" in notes[i] for i in far_east)
    assert "veterans of the war with Germany, strike" not in sc.summary
    assert 1.0 < sc.rules["combat"]["quality"]["soviet"] < 1.3     # a blend, not a veteran army throughout


def test_khalkhin_gol_has_zhukovs_aircraft_and_armoured_cars():
    import tomllib
    sc = load("khalkhin_gol_1939")
    soviet = [u for u in sc.units if u.side == "soviet"]
    assert sum(u.aircraft for u in soviet) == 515                   # [S52]
    assert sum(u.tanks for u in soviet) == 498 + 385                # tanks and armoured cars [S52]
    raw = tomllib.loads(scenario_text("khalkhin_gol_1939"))["units"]
    assert any("385 armoured cars" in u.get("note", "") for u in raw if u["side"] == "soviet")


def test_khalkhin_gol_losses_note_matches_the_record_and_the_game():
    """The note on losses gives the whole battle's figures, and says the tutorial plays only the August
    offensive, in which the game's Japanese force loses more than the Soviet one."""
    sc = load("khalkhin_gol_1939")
    note = next(e for e in sc.events if e["id"] == "first_blood")["note"]
    assert "24,903" in note and "17,364-17,716" in note and "the winner lost more men" not in note
    assert "August offensive" in note
    japan = sum(u.men for u in sc.units if u.side == "japan")
    soviet = sum(u.men for u in sc.units if u.side == "soviet")
    for seed in range(3):
        state, kinds = play("khalkhin_gol_1939", seed)
        left = {s: sum(u.men for u in state.units.values() if u.side == s) for s in ("japan", "soviet")}
        assert japan - left["japan"] > soviet - left["soviet"]


def test_khalkhin_gol_the_losers_choices_change_the_margin():
    """The Soviet side wins the tutorial whatever Japan does, but what Japan does changes the price: a
    23rd Division that stands at Hailar to be encircled costs the Red Army more men than one that pulls
    back into the Khingan."""
    from game.play.match import ai_orders
    sc = load("khalkhin_gol_1939")
    start = sum(u.men for u in sc.units if u.side == "soviet")

    def soviet_losses(japan_orders) -> int:
        s = new_game(sc, 1)
        while not s.over:
            s, _ = run(s, 1, japan=japan_orders(s), soviet=ai_orders(s, "soviet", "hard"))
        assert s.result.winner == "soviet"
        return start - sum(u.men for u in s.units.values() if u.side == "soviet")

    def pull_back(s):
        moves = tuple(Move(u.id, "khingan") for u in s.units.values() if u.side == "japan" and u.region == "hailar")
        return Orders(moves=moves)

    stand, withdraw = soviet_losses(lambda s: Orders()), soviet_losses(pull_back)
    assert stand > 2 * withdraw > 0
