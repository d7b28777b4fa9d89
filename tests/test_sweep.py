"""``sweep``: explore over a grid of scenario values, on local processes or a Dask cluster, the same figures."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis.explore import explore, with_overrides
from game.analysis.sweep import grid_points, parse_grid, save_heatmap, scale_colour, sweep

ROOT = Path(__file__).resolve().parents[1]
GRID = ["--grid", "front.speed_km_per_turn=150,600", "--grid", "stavka.divisions_per_100km=0.3,0.6"]


def cli(*args, timeout=180):
    return subprocess.run([sys.executable, "main.py", "sweep", "--scenario", "historical_1941", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def without_timing(result):
    """The figures: everything but how and how fast they were computed."""
    return {k: v for k, v in result.items() if k not in ("elapsed_s", "workers", "scheduler")}


def test_the_grid_is_every_combination_first_key_slowest():
    grid = parse_grid(["a.b=1,2", "c=x,y,z"])
    assert grid == [("a.b", ["1", "2"]), ("c", ["x", "y", "z"])]
    points = grid_points(grid)
    assert len(points) == 6 and points[0] == [("a.b", "1"), ("c", "x")] and points[-1] == [("a.b", "2"), ("c", "z")]


def test_each_point_is_the_explore_of_its_values_with_the_same_seeds(scenario):
    result = sweep("historical_1941", parse_grid(["front.speed_km_per_turn=150,600"]), 3, seed=11, workers=1)
    assert [p["set"] for p in result["points"]] == [{"front.speed_km_per_turn": 150},
                                                     {"front.speed_km_per_turn": 600}]
    for point, speed in zip(result["points"], (150, 600)):
        alone = explore(with_overrides("historical_1941", [f"front.speed_km_per_turn={speed}"]), 3, seed=11,
                        workers=1)
        assert {k: v for k, v in point.items() if k != "set"} == {k: alone[k] for k in point if k != "set"}
    # the parameter matters: a German advance four times as fast takes Moscow more often
    slow, fast = result["points"]
    assert fast["moscow_fell_rate"] >= slow["moscow_fell_rate"]
    assert fast["german_front_peak_km_median"] > slow["german_front_peak_km_median"]


def test_local_processes_and_a_dask_cluster_give_identical_json():
    distributed = pytest.importorskip("distributed")
    local = cli(*GRID, "--games", "3", "--seed", "7", "--workers", "2", "--json")
    assert local.returncode == 0, local.stderr
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = cli(*GRID, "--games", "3", "--seed", "7", "--json", "--scheduler", cluster.scheduler_address)
    assert remote.returncode == 0, remote.stderr
    a, b = json.loads(local.stdout), json.loads(remote.stdout)
    assert b["scheduler"] == cluster.scheduler_address and a["workers"] == 2
    assert len(a["points"]) == 4 and all(p["games"] == 3 for p in a["points"])
    assert json.dumps(without_timing(a), sort_keys=True) == json.dumps(without_timing(b), sort_keys=True)


@pytest.mark.parametrize("args, named", [
    (["--grid", "front.speed_km_per_turn"], "front.speed_km_per_turn"),
    (["--grid", "front.speed_km_per_turn=1,,2"], "front.speed_km_per_turn"),
    (["--grid", "front.speed=80,90"], "front.speed"),
    (["--grid", "front.speed_km_per_turn=fast,slow"], "front.speed_km_per_turn"),
    (["--grid", "front.speed_km_per_turn=80", "--grid", "front.speed_km_per_turn=90"], "twice"),
])
def test_a_bad_grid_is_a_one_line_error_naming_the_key(args, named):
    bad = cli(*args, "--games", "1", "--workers", "1", timeout=60)
    assert bad.returncode == 1 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and named in bad.stderr


def test_an_unreachable_scheduler_is_a_one_line_error(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "2s")   # Dask's own setting; 30 s by default
    bad = cli("--grid", "front.speed_km_per_turn=80", "--games", "1", "--scheduler", "tcp://127.0.0.1:9",
              timeout=120)
    assert bad.returncode == 1 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "tcp://127.0.0.1:9" in bad.stderr


def test_the_heat_map_colours_each_point_by_its_rate(tmp_path):
    import pygame
    result = {"scenario": "s", "games": 10, "seed": 1, "levels": {"japan": "normal", "soviet": "normal"},
              "overrides": [], "grid": {"a": [1, 2], "b": [3, 4, 5]},
              "points": [{"set": {"a": a, "b": b}, "japan_attack_rate": rate}
                         for (a, b), rate in zip([(1, 3), (1, 4), (1, 5), (2, 3), (2, 4), (2, 5)],
                                                 (0.0, 0.2, 0.4, 0.6, 0.8, 1.0))]}
    out = tmp_path / "sweep.png"
    save_heatmap(result, out)
    img = pygame.image.load(str(out))
    assert img.get_size() == (1200, 900)
    # every cell is there in its own colour of the scale
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1200, 10) for y in range(0, 900, 10)}
    assert {scale_colour(r) for r in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)} <= colours
    assert len({scale_colour(r) for r in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)}) == 6
