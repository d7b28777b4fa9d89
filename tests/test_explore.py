"""The what-if explorer: its JSON figures, determinism across workers, scenario overrides, the chart."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.errors import UserError
from game.analysis.explore import explore, save_plot, with_overrides

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"games", "winners", "outcomes", "japan_attack_rate", "moscow_fell_rate", "attack_turn_histogram",
        "german_front_km_median", "soviet_far_east_men_median", "mean_score", "elapsed_s"}


def figures(result):
    """Everything but the timing and the worker count."""
    return {k: v for k, v in result.items() if k not in ("elapsed_s", "workers")}


@pytest.fixture(scope="module")
def eight(scenario):
    return explore(scenario, 8, seed=5, workers=1)


def test_explore_reports_the_distribution_of_outcomes(eight, scenario):
    assert KEYS <= set(eight)
    assert eight["games"] == 8
    assert set(eight["winners"]) == {"japan", "soviet", "draw"} and sum(eight["winners"].values()) == 8
    assert sum(eight["outcomes"].values()) == 8
    assert 0 <= eight["japan_attack_rate"] <= 1 and 0 <= eight["moscow_fell_rate"] <= 1
    assert sum(eight["attack_turn_histogram"].values()) == round(eight["japan_attack_rate"] * 8)
    turns = 21
    assert len(eight["german_front_km_median"]) == turns == len(eight["soviet_far_east_men_median"])
    assert set(eight["mean_score"]) == {"japan", "soviet"}


def test_same_seed_same_figures_whatever_the_number_of_workers(eight, scenario):
    assert figures(explore(scenario, 8, seed=5, workers=2)) == figures(eight)
    assert figures(explore(scenario, 8, seed=6, workers=1)) != figures(eight)


def test_a_set_override_changes_the_games(eight):
    fast = with_overrides("historical_1941", ["front.speed_km_per_turn=600"])
    assert fast.rules["front"]["speed_km_per_turn"] == 600
    result = explore(fast, 8, seed=5, workers=1)
    assert result["german_front_km_median"][0] > eight["german_front_km_median"][0]


@pytest.mark.parametrize("item, named", [
    ("front.speed_kmh=80", "speed_kmh"),
    ("front.speed_km_per_turn=fast", "front.speed_km_per_turn"),
    ("nosuchtable.x=1", "nosuchtable"),
    ("front=1", "front"),
])
def test_a_bad_set_is_a_one_line_error_naming_the_key(item, named):
    with pytest.raises(UserError) as e:
        with_overrides("historical_1941", [item])
    assert named in str(e.value) and "\n" not in str(e.value)


def test_explore_cli_prints_one_json_object_and_rejects_bad_keys():
    def run(*a):
        return subprocess.run([sys.executable, "main.py", "explore", "--scenario", "historical_1941", *a],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    ok = run("--games", "3", "--workers", "1", "--json", "--set", "stavka.max_divisions=2")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert KEYS <= set(data) and data["games"] == 3
    bad = run("--games", "3", "--set", "front.speed=80")
    assert bad.returncode == 1 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "front.speed" in bad.stderr


def test_the_plot_is_a_png_of_the_figures(eight, tmp_path):
    import pygame
    out = tmp_path / "explore.png"
    save_plot(eight, out)
    img = pygame.image.load(str(out))
    assert img.get_size() == (1200, 900)
    # the chart is drawn, not blank: several distinct colours
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1200, 20) for y in range(0, 900, 20)}
    assert len(colours) > 5


def test_a_set_may_change_a_key_the_file_leaves_to_its_default():
    quiet = with_overrides("historical_1941", ["front.enabled=false"])
    assert quiet.rules["front"]["enabled"] is False
    figures = explore(quiet, 2, seed=1, workers=1, levels={"japan": "normal", "soviet": "normal"})
    assert set(figures["german_front_km_median"]) == {0.0}


def test_outcomes_carry_short_readable_names(eight):
    names = eight["outcome_names"]
    assert names["khalkhin_gol_again"] == "Khalkhin Gol again"
    assert set(eight["outcomes"]) <= set(names)


# --- the figures summed as games finish ----------------------------------------------------------------
from hypothesis import given, strategies as st  # noqa: E402

from game.analysis.explore import Accumulator, Median  # noqa: E402

numbers = st.one_of(st.integers(-10**6, 10**6), st.floats(-1e4, 1e4).map(lambda x: round(x, 1)))


@given(st.lists(numbers, min_size=1, max_size=60))
def test_the_streaming_median_is_the_median_of_the_list(values):
    import statistics
    m = Median()
    for v in values:
        m.add(v)
    assert m.value() == statistics.median(values)


def test_the_figures_do_not_depend_on_the_order_the_games_finish(scenario):
    from game.analysis.explore import play_one
    games = [play_one(scenario, s, {"japan": "normal", "soviet": "normal"}) for s in range(6)]
    forward, backward = Accumulator(scenario.turns), Accumulator(scenario.turns)
    for r in games:
        forward.add(r)
    for r in reversed(games):
        backward.add(r)
    assert json.dumps(forward.figures(), sort_keys=True) == json.dumps(backward.figures(), sort_keys=True)
    assert forward.figures()["games"] == 6


def test_the_in_game_explorer_plays_on_the_worker_pool_and_adds_up_the_same_figures(scenario):
    from game.analysis.whatif import WhatIf
    run = WhatIf("historical_1941", {}, 6, seed=5, workers=2)
    workers = list(run.pool.pool._pool)
    assert len(workers) == 2 and all(p.is_alive() for p in workers)
    figures = run.run()
    assert run.pool is None and not any(p.is_alive() for p in workers)   # finished: the workers are gone
    alone = explore(scenario, 6, seed=5, workers=1)
    assert {k: alone[k] for k in figures} == figures
    assert {k: figures[k] for k in run.headline()} == run.headline()


def test_stopping_a_run_stops_its_workers():
    from game.analysis.whatif import WhatIf
    run = WhatIf("historical_1941", {}, 500, seed=5, workers=2)
    workers = list(run.pool.pool._pool)
    run.close()
    assert not any(p.is_alive() for p in workers) and run.played < 500
