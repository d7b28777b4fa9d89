"""The balance report (python main.py balance): its sections, the calibration file and its figures, the JSON."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis import balance
from game.ai.plan import FixedPlan
from game.analysis.explore import explore
from game.scenario import load

ROOT = Path(__file__).resolve().parents[1]
CALIBRATION = ROOT / "scenarios" / "calibration" / "historical_1941.toml"


@pytest.fixture(scope="module")
def historical():
    return load("historical_1941")


@pytest.fixture(scope="module")
def tiny_report(historical):
    """Every section on one game a cell, with cheap opponents (the real report uses every level)."""
    lines = []
    report = balance.build_report(historical, games=1, seed=3, workers=1, levels=("normal", "historical"),
                                  calibration=balance.load_calibration(CALIBRATION),
                                  others=[load("khalkhin_gol_1939")], progress=lines.append)
    return report, lines


def test_the_report_has_every_section(tiny_report):
    report, progress = tiny_report
    text = balance.markdown(report, "python main.py balance --games 1")
    for heading in ("# Balance report: historical_1941", "## (a) Level against level",
                    "## (b) Fixed plans against the computer", "### Japan's plans", "### The USSR's plans",
                    "## (c) Calibration against 1941", "## (d) The other scenarios, hard against hard"):
        assert heading in text
    assert "`python main.py balance --games 1`" in text and report["content_hash"] in text
    assert "| **normal** |" in text and "| khalkhin_gol_1939 |" in text
    assert len(report["matrix"]) == 4
    assert progress and all(": Japan " in line for line in progress)


def test_every_plan_family_meets_every_level(tiny_report):
    report, _ = tiny_report
    names = {(r["side"], r["plan"]) for r in report["plans"]}
    for k in balance.NORTH_TURNS:
        assert ("japan", f"north_t{k}") in names
    for k in balance.DECLARE_TURNS:
        assert ("soviet", f"declare_war_t{k}") in names
    assert {("japan", "wait"), ("japan", "mobilise_only"), ("japan", "stand_down"), ("japan", "south_t4"),
            ("soviet", "send_none"), ("soviet", "send_all"), ("soviet", "send_demand")} <= names
    assert len(report["plans"]) == 2 * len(names)   # two opponent levels each
    for r in report["plans"]:
        assert r["win"] + r["loss"] + r["draw"] == pytest.approx(1.0)
        assert r["flag"] == (r["opponent"] == "normal" and r["win"] > 0.75)


def test_flags_are_listed_and_marked():
    row = {"side": "japan", "plan": "north_t2", "title": "Strike north at turn 2", "opponent": "hard",
           "win": 0.9, "loss": 0.1, "draw": 0.0, "japan_attack_rate": 1.0, "flag": True}
    report = {"scenario": "x", "content_hash": "abc", "games": 10, "seed": 1, "levels": ["hard"],
              "plans": [row], "flags": ["japan north_t2 wins 90% against hard (limit 60%)"]}
    text = balance.markdown(report, "cmd")
    assert "90% / 10% / 0% **(!)**" in text and "Flagged: japan north_t2 wins 90% against hard" in text


def test_families_are_the_plan_type_a_file_loads_into_and_fit_the_scenario(historical):
    fams = balance.japan_families() + balance.soviet_families()
    assert all(isinstance(p, FixedPlan) for _, p in fams)
    assert len(balance.fitting(fams, historical)) == len(fams)
    # August Storm opens no strike north to Japan: those families are left out there, not failed
    storm = balance.fitting(balance.japan_families(), load("august_storm_1945"))
    assert storm and not any(name.startswith("north") for name, _ in storm)


# --- calibration ----------------------------------------------------------------------------------
def test_the_calibration_file_has_every_issue_figure():
    cal = balance.load_calibration(CALIBRATION)
    assert cal.scenario == "historical_1941" and cal.levels == {"japan": "historical", "soviet": "historical"}
    ids = {f["id"]: f for f in cal.figures}
    assert (ids["front_19jul"]["min"], ids["front_19jul"]["max"]) == (580, 720)
    assert (ids["front_peak"]["min"], ids["front_peak"]["max"]) == (940, 1010)
    assert (ids["japan_men_16aug"]["min"], ids["japan_men_16aug"]["max"]) == (650_000, 900_000)
    assert (ids["divisions_west_5dec"]["min"], ids["divisions_west_5dec"]["max"]) == (16, 20)
    assert ids["japan_attack_rate"]["max"] == 0.10 and ids["moscow_fell_rate"]["max"] == 0.15
    assert {f["measure"] for f in cal.figures} == set(balance.MEASURES)
    assert all(f["note"] for f in cal.figures)


def test_dates_become_turns_through_the_scenario_calendar(historical):
    assert balance.turn_of(historical, dt.date(1941, 7, 19)) == 1        # 6-19 July
    assert balance.turn_of(historical, dt.date(1941, 7, 20)) == 2
    assert balance.turn_of(historical, dt.date(1941, 8, 16)) == 3        # 3-16 August
    assert balance.turn_of(historical, dt.date(1941, 12, 5)) == 11
    assert balance.turn_of(historical, dt.date(1940, 1, 1)) == 0
    assert balance.turn_of(historical, dt.date(1950, 1, 1)) == historical.turns - 1


def test_every_calibration_figure_is_computed_from_real_games(historical, tiny_report):
    report, _ = tiny_report
    cal = report["calibration"]
    assert len(cal["figures"]) == len(balance.load_calibration(CALIBRATION).figures)
    for f in cal["figures"]:
        assert f["value"] is not None, f
        assert f["pass"] == ((f["min"] is None or f["value"] >= f["min"]) and
                             (f["max"] is None or f["value"] <= f["max"]))
    assert cal["passed"] + cal["failed"] == len(cal["figures"])


def test_the_measures_give_known_answers(historical):
    g1 = {"front": [100, 300, 500, 700, 650, 650], "japan_men": [400, 500, 600, 700, 800, 800],
          "sent_west_by_turn": [0, 10, 20, 30, 40, 40], "sent_west_divisions_by_turn": [0, 1, 2, 3, 4, 4],
          "attacked": True, "moscow_fell": False}
    g2 = {"front": [200, 400, 600, 800, 900], "japan_men": [400, 400, 400, 400, 400],   # ended a turn early
          "sent_west_by_turn": [0, 0, 0, 0, 0], "sent_west_divisions_by_turn": [0, 0, 0, 0, 0],
          "attacked": False, "moscow_fell": False}
    games = [g1, g2]
    start = historical.start

    def m(measure, **kw):
        return balance.measure({"measure": measure, **kw}, games, historical)

    assert m("front_km", date=start + dt.timedelta(days=15)) == 350          # turn 1: median of 300 and 400
    assert m("front_peak_km") == 800                                          # 700 and 900
    assert m("front_peak_turn") == 3.5                                        # turns 3 and 4
    assert m("front_km", date=start + dt.timedelta(days=14 * 5)) == (650 + 900) / 2   # g2 keeps its last value
    assert m("front_moves_km", date=start + dt.timedelta(days=14 * 3),
             until=start + dt.timedelta(days=14 * 5)) == (50 + 100) / 2
    assert m("japan_men", date=start + dt.timedelta(days=14 * 2)) == 500
    assert m("divisions_sent_west", date=start + dt.timedelta(days=14 * 3)) == 1.5
    assert m("men_sent_west", date=start + dt.timedelta(days=14 * 4)) == 20
    assert m("japan_attack_rate") == 0.5 and m("moscow_fell_rate") == 0


def test_per_game_figures_from_explore_feed_the_measures(historical):
    r = explore(historical, 1, seed=4, workers=1, levels={"japan": "historical", "soviet": "historical"},
                details=True)
    g = r["per_game"][0]
    for key in ("front", "japan_men", "sent_west_by_turn", "sent_west_divisions_by_turn"):
        assert len(g[key]) == len(g["front"]) > 10
    assert g["sent_west_divisions_by_turn"] == sorted(g["sent_west_divisions_by_turn"])   # running totals
    assert g["sent_west_divisions_by_turn"][-1] == g["sent_west_divisions"] > 0
    assert g["sent_west_by_turn"][-1] == g["sent_west"]


@pytest.mark.parametrize("text, needle", [
    ('scenario = "historical_1941"\n[[figures]]\nid = "a"\nlabel = "A"\nmeasure = "speed"\nmax = 1\n',
     "figures[0].measure: expected one of"),
    ('scenario = "historical_1941"\n[[figures]]\nid = "a"\nlabel = "A"\nmeasure = "front_km"\nmax = 1\n',
     "figures[0].date: expected a date"),
    ('scenario = "historical_1941"\n[[figures]]\nid = "a"\nlabel = "A"\nmeasure = "front_peak_km"\n',
     "figures[0]: expected a figure with min, max or both"),
    ('scenario = "historical_1941"\n[[figures]]\nid = "a"\nlabel = "A"\nmeasure = "front_peak_km"\nmin = 5\nmax = 1\n',
     "figures[0].max: expected a number not below min"),
    ('scenario = "historical_1941"\njapan = "genius"\n[[figures]]\nid = "a"\nlabel = "A"\nmeasure = "front_peak_km"\n'
     'min = 1\n', "japan: expected one of"),
])
def test_a_bad_calibration_file_is_one_line(tmp_path, text, needle):
    p = tmp_path / "cal.toml"
    p.write_text(text)
    with pytest.raises(balance.CalibrationError) as e:
        balance.load_calibration(p)
    assert str(e.value).startswith(f"{p}: ") and needle in str(e.value) and "\n" not in str(e.value)


# --- the command line -----------------------------------------------------------------------------------
def cli(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_balance_json_and_markdown(tmp_path):
    out = tmp_path / "balance.md"
    r = cli("balance", "--games", "1", "--workers", "1", "--sections", "calibration", "--json", "--out", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {"scenario", "content_hash", "games", "seed", "command", "calibration", "cells", "elapsed_s",
            "sections"} <= set(data)
    assert data["games"] == 1 and data["sections"] == ["calibration"]
    assert {"id", "label", "value", "min", "max", "pass", "turn"} <= set(data["calibration"]["figures"][0])
    text = out.read_text()
    assert text.startswith("# Balance report: historical_1941")
    assert data["command"] in text and data["content_hash"] in text
    assert "balance: " in r.stderr   # progress goes to stderr


@pytest.mark.parametrize("args, needle", [
    (["--sections", "matrix,weather"], "--sections"),
    (["--out", "/no/such/folder/b.md"], "does not exist"),
    (["--calibration", "scenarios/plans/japan_north_3aug.toml", "--sections", "calibration"], "no such key"),
    (["--scenario", "x_hour_1941", "--calibration", "scenarios/calibration/historical_1941.toml",
      "--sections", "calibration"], "scenario: expected 'x_hour_1941'"),
])
def test_balance_bad_input_is_one_line_and_exit_1(args, needle):
    r = cli("balance", "--games", "1", *args)
    assert r.returncode == 1 and needle in r.stderr and r.stderr.count("\n") == 1 and r.stdout == ""


def test_the_ladder_averages_each_chair_over_the_other_sides_levels_and_flags_a_short_lead():
    levels = balance.LADDER
    japan = {"easy": 0.1, "normal": 0.3, "hard": 0.5}    # Japan's wins by its level, whatever the USSR plays
    soviet = {"easy": 0.2, "normal": 0.25, "hard": 0.6}  # the USSR's, by its level
    matrix = [{"japan": j, "soviet": s, "japan_win": japan[j], "soviet_win": soviet[s], "draw": 0.0,
               "japan_attack_rate": 0.0} for j in levels for s in levels]
    lad = balance.ladder(matrix)
    assert lad["japan"] == pytest.approx(japan) and lad["soviet"] == pytest.approx(soviet)
    report = {"scenario": "x", "content_hash": "abc", "games": 10, "seed": 1, "levels": list(levels),
              "matrix": matrix, "ladder": lad}
    text = balance.markdown(report, "cmd")
    assert "| Japan | 10% | 30% (+20%) | 50% (+20%) |" in text
    assert "| USSR | 20% | 25% (+5%) **(!)** | 60% (+35%) |" in text
    assert balance.ladder(matrix[:4]) == {}          # a matrix without every level has no ladder
