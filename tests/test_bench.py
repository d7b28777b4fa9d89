"""``bench --json``: every figure of DESIGN.md section 9 is reported (with tiny workloads here)."""
import json

from game import bench


def test_bench_reports_every_figure(monkeypatch, capsys):
    monkeypatch.setattr(bench, "SIZES", {"games": 2, "ai_turns": 1, "explore_games": 4, "frames": 3})
    monkeypatch.setattr(bench, "frame_ms", lambda: (None, "frame_ms: skipped in tests"))

    class Args:
        json = True
    assert bench.run(Args()) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("startup_s", "frame_ms", "ai_turn_ms", "game_ms", "explore_1000_s", "cores"):
        assert key in data
    assert data["frame_ms"] is None and any("frame_ms" in n for n in data["notes"])
    assert data["cores"] >= 1 and data["explore_games"] == 4
    for key in ("startup_s", "ai_turn_ms", "game_ms", "explore_1000_s"):
        assert isinstance(data[key], (int, float)) and data[key] > 0
    assert set(data["met"]) == set(bench.GOALS)
