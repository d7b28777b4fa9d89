"""The after-action report: built from the revealed end-of-game view, exported as PNG and Markdown."""
import datetime as dt

import pygame
import pytest

from game.analysis import report
from game.engine import new_game, player_view
from game.scenario import load
from tests.test_saves import scripted_log


@pytest.fixture(scope="module")
def finished(scenario):
    return scripted_log(scenario)


def test_report_files_hold_the_outcome_and_the_charts(finished, tmp_path):
    state, log = finished
    png, md = report.write_report(state, tmp_path, log=log)
    assert png.parent == md.parent == tmp_path
    image = pygame.image.load(str(png))
    width, height = image.get_size()
    assert width == 1600 and height > 1200
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(0, width, 2) for y in range(300, 1000, 2)}
    for colour in (report.SOVIET, report.JAPAN, report.OIL, report.REAL):   # each chart series is drawn
        assert colour in colours, colour

    text = md.read_text()
    assert state.result.title in text and state.result.explanation in text
    assert f"![Charts and timeline]({png.name})" in text
    figures, decisions = text.split("## Figures turn by turn")[1].split("## Decisions beside history")
    for table in (figures, decisions):                                     # a header, a rule, a row a turn
        assert len([ln for ln in table.splitlines() if ln.startswith("|")]) == len(log) + 2
    assert "US oil embargo" in text and "Pearl Harbor" in text           # the real timeline beside the game
    assert "Mobilises" in text                                            # Japan's decision in this game


def test_both_sides_and_the_state_give_the_same_report(finished):
    state, log = finished
    from_state = report.build_report(state, log)
    assert report.build_report(player_view(state, "soviet"), log) == from_state
    assert report.build_report(player_view(state, "japan"), log) == from_state


def test_the_report_needs_a_finished_game(scenario):
    with pytest.raises(ValueError, match="finished game"):
        report.build_report(new_game(scenario, 1))


def test_timeline_and_charts_follow_the_game(finished):
    state, log = finished
    r = report.build_report(state, log)
    assert len(r.timeline) == len(log)
    assert "Mobilises" in r.timeline[1].japan
    assert any("Sends 1 division west" in row.soviet for row in r.timeline)
    assert any("embargo" in h for row in r.timeline for h in row.history)
    titles = [c.title for c in r.charts]
    assert titles == ["Far East strength", "Western front: km from the border", "Japan's oil reserve"]
    assert r.charts[1].reference == (1000, "Moscow")
    front = r.charts[1].series[0].points
    assert [km for _, km in front] == [h.front_km for h in state.history]
    assert r.winner == state.result.winner and r.outcome == state.result.outcome


def test_the_real_front_line_comes_from_the_data_file():
    assert report.real_front_km(dt.date(1941, 6, 22)) == 0
    assert report.real_front_km(dt.date(1941, 7, 3)) == 350
    assert 900 < report.real_front_km(dt.date(1941, 12, 1)) < 1000
    assert report.real_front_km(dt.date(1940, 1, 1)) is None


def test_default_folder_is_the_user_reports_folder_and_names_do_not_clash(finished, tmp_path, monkeypatch):
    monkeypatch.setenv("KANTOKUEN_HOME", str(tmp_path / "home"))
    state, log = finished
    first = report.write_report(state, log=log)
    second = report.write_report(state, log=log)
    assert first[0].parent == tmp_path / "home" / "reports"
    assert first != second and all(p.exists() for p in first + second)


def test_games_outside_1941_are_not_compared_with_1941(scenario, tmp_path):
    import dataclasses
    later = dataclasses.replace(scenario, start=dt.date(1944, 6, 22), end=dt.date(1944, 9, 30))
    state, log = scripted_log(later)
    r = report.build_report(state, log)
    assert not r.in_1941 and not any(row.history for row in r.timeline)
    assert "in 1941" not in " ".join(r.sentences[1:])          # our sentences; [0] is the scenario's own text
    assert all(s.label != "Real front, 1941-42" for c in r.charts for s in c.series)
    png, md = report.write_report(r, tmp_path)
    assert png.stat().st_size > 10_000 and state.result.title in md.read_text()


def test_the_front_chart_names_the_scenarios_own_axis_and_goal():
    """1942: the front is the southern axis; its line is Stalingrad, and nothing speaks of Moscow."""
    state, log = scripted_log(load("stalingrad_1942"))
    r = report.build_report(state, log)
    front = next(c for c in r.charts if "km" == c.unit)
    assert front.title == "German advance (km)"
    assert front.reference == (560, "Stalingrad")
    assert "Moscow" not in " ".join(r.sentences[1:])
    assert any("Stalingrad held" in s or "Stalingrad fell" in s for s in r.sentences)


@pytest.mark.parametrize("scenario_id", ["khalkhin_gol_1939", "august_storm_1945"])
def test_scenarios_without_a_western_front_leave_it_out(scenario_id, tmp_path):
    state, log = scripted_log(load(scenario_id))
    r = report.build_report(state, log)
    assert [c.unit for c in r.charts if c.unit == "km"] == []
    assert not any("front" in s.lower() or "Moscow" in s for s in r.sentences[1:])
    assert "never went to war" not in " ".join(r.sentences)      # both open at war
    png, md = report.write_report(r, tmp_path)
    assert "Front (km)" not in md.read_text() and png.stat().st_size > 10_000


def test_counts_agree_with_their_nouns():
    from game.present.labels import plural, thousands
    assert plural(1, "region") == "1 region" and plural(3, "region") == "3 regions"
    assert plural(1, "aircraft", "aircraft") == "1 aircraft" and plural(0.5, "division") == "0.5 divisions"
    assert plural(1.0, "division") == "1 division" and plural(1200, "unit") == "1,200 units"
    assert thousands(52_400) == "52k" and thousands(7_900) == "7.9k" and thousands(1_250_000) == "1.25M"


def test_each_outcome_says_whom_it_favours():
    from game.present.labels import outcome_side_words, outcome_sides
    from game.scenario import load
    sc = load("historical_1941")
    sides = outcome_sides(sc.outcomes)
    assert set(sides) == {o["id"] for o in sc.outcomes} and set(sides.values()) <= {"japan", "soviet", "draw", "score"}
    names = {"japan": "Japan", "soviet": "USSR"}
    assert outcome_side_words("soviet", names) == "USSR wins" and outcome_side_words("score", names) == "on points"
