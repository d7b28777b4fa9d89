"""The class summary (``python main.py class``): its counts equal the games it read, checked against what
``simulate --json`` printed for the same games; scenarios are summed separately; unusable saves are listed
with their reason and skipped."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis import classroom
from game.engine import Orders
from game.play.session import Session

ROOT = Path(__file__).resolve().parents[1]
GAMES = [("historical_1941", 1), ("historical_1941", 2), ("historical_1941", 3), ("historical_1941", 4),
         ("smolensk_holds_1941", 5)]


def cli(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ})


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory, scenario):
    folder = tmp_path_factory.mktemp("class-7b")
    printed = []
    for i, (sid, seed) in enumerate(GAMES):
        table = folder / f"table-{i + 1}"
        table.mkdir()
        out = cli("simulate", "--scenario", sid, "--seed", str(seed), "--save", str(table / "game.json"), "--json")
        assert out.returncode == 0, out.stderr
        printed.append(json.loads(out.stdout))
    (folder / "broken.json").write_text('{"format": "kantokuen-save", "version": 1, "orders": [')
    unfinished = Session(scenario, 3, {"japan": "human", "soviet": "ai:easy"})
    unfinished.submit("japan", Orders(posture="mobilise"))
    unfinished.save(folder / "unfinished.json")
    return folder, printed


def test_the_counts_equal_the_games_read(class_folder, tmp_path):
    folder, printed = class_folder
    out = cli("class", str(folder), "--out", str(tmp_path / "summary"), "--json", "--computer-games", "6")
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["games"] == len(GAMES)
    by_file = dict(zip((str(folder / f"table-{i + 1}" / "game.json") for i in range(len(GAMES))), printed))
    assert sorted(s["files"]) == sorted(by_file)
    expected = [by_file[f] for f in s["files"]]
    assert s["winners"] == {side: sum(p["winner"] == side for p in printed) for side in ("japan", "soviet", "draw")}
    outcomes = {}
    for p in printed:
        outcomes[p["outcome"]] = outcomes.get(p["outcome"], 0) + 1
    assert s["outcomes"] == outcomes
    assert s["attack_turns"] == [p["attack_turn"] for p in expected]
    assert s["japan_attack_rate"] == round(sum(p["japan_attacked"] for p in printed) / len(printed), 4)
    # Per scenario, summed separately, each with the computer's distribution and history beside it.
    assert set(s["scenarios"]) == {"historical_1941", "smolensk_holds_1941"}
    hist = s["scenarios"]["historical_1941"]
    assert hist["games"] == 4 and s["scenarios"]["smolensk_holds_1941"]["games"] == 1
    assert sum(hist["winners"].values()) == 4 and hist["computer"]["games"] == 6
    assert hist["history"]["japan_attacked"] is False and hist["history"]["decisions"]
    assert all(t["decisions"] for t in hist["tables"])
    # The unusable files, each with its reason.
    reasons = {Path(u["file"]).name: u["reason"] for u in s["unreadable"]}
    assert "cut short" in reasons["broken.json"] and "not finished (1 of" in reasons["unfinished.json"]
    md = (tmp_path / "summary" / "summary.md").read_text(encoding="utf-8")
    assert "5 finished games read" in md and "broken.json" in md and "What really happened" in md
    assert (tmp_path / "summary" / "summary.png").stat().st_size > 10_000


def test_no_finished_game_is_one_clear_line(tmp_path):
    (tmp_path / "junk.json").write_text("[]")
    out = cli("class", str(tmp_path), "--out", str(tmp_path / "o"))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "no finished game" in out.stderr and "junk.json" in out.stderr


def test_a_bad_out_folder_fails_before_the_work(class_folder, tmp_path):
    folder, _ = class_folder
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = cli("class", str(folder), "--out", str(blocker / "sub"), "--computer-games", "0")
    assert out.returncode == 1 and "--out" in out.stderr and "Traceback" not in out.stderr


def test_read_class_takes_files_and_folders_once_each(class_folder):
    folder, _ = class_folder
    one = folder / "table-1" / "game.json"
    tables, unreadable = classroom.read_class([one, folder, folder / "missing"])
    assert [t.file for t in tables].count(one) == 1 and len(tables) == len(GAMES)
    assert any(u["reason"] == "no such file or folder" for u in unreadable)
