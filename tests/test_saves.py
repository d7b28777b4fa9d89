"""Save files (DESIGN.md section 7): round trips, damaged files, atomic writes, autosave, rewind and branch."""
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from game.play import saves
from game.engine import Move, Orders, Transfer, new_game, player_view, state_hash
from game.play.match import play_turn, replay
from game.play.saves import SaveError, SaveWriteError, load_save, write_save

ROOT = Path(__file__).resolve().parents[1]
PLAYERS = {"japan": "human", "soviet": "ai:normal"}


def scripted_log(scenario, seed=5, turns=None):
    """A game played by simple fixed rules (independent of the AI): mobilise, move a unit, send divisions."""
    state = new_game(scenario, seed)
    log = []
    while not state.over and (turns is None or len(log) < turns):
        orders = {}
        for side in ("japan", "soviet"):
            view = player_view(state, side)
            moves, transfers = [], []
            unit = sorted(view.units)[state.turn % len(view.units)]
            dests = sorted(view.destinations(unit))
            if dests:
                moves.append((unit, dests[0]))
            posture = "mobilise" if side == "japan" and state.turn == 1 else None
            if side == "soviet" and view.stavka_demand and state.turn < 4:
                other = [u for u in sorted(view.units) if u != unit and view.units[u].divisions >= 2]
                transfers = [(other[0], 1.0)] if other else []
            o = Orders(posture, tuple(Move(u, r) for u, r in moves), tuple(Transfer(u, d) for u, d in transfers))
            assert not view.problems(o), view.problems(o)
            orders[side] = o
        state = play_turn(state, orders, log)
    return state, log


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KANTOKUEN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def game(scenario):
    return scripted_log(scenario)


@pytest.fixture
def good(tmp_path, scenario, game):
    path = tmp_path / "good.json"
    write_save(path, scenario, 5, PLAYERS, game[1])
    return path


def cli(*args, env=None):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


# --- round trip --------------------------------------------------------------------------------------------

def test_save_round_trip_reproduces_the_final_state(good, scenario, game):
    state, log = game
    loaded = load_save(good)
    assert loaded.scenario.id == scenario.id and loaded.seed == 5 and loaded.players == PLAYERS
    assert loaded.log == log and loaded.turns == len(log)
    assert state_hash(loaded.state) == state_hash(state)
    doc = json.loads(good.read_text())
    assert doc["format"] == "kantokuen-save" and doc["version"] == 1
    assert doc["scenario_hash"] == scenario.content_hash and doc["final_state_hash"] == state_hash(state)


def test_simulate_save_then_replay_gives_the_same_hash(tmp_path):
    save = tmp_path / "g.json"
    sim = cli("simulate", "--scenario", "historical_1941", "--seed", "3", "--save", str(save), "--json")
    assert sim.returncode == 0, sim.stderr
    rep = cli("replay", str(save), "--json")
    assert rep.returncode == 0, rep.stderr
    a, b = json.loads(sim.stdout), json.loads(rep.stdout)
    assert a["state_hash"] == b["state_hash"]
    assert a["german_front_km"] == b["german_front_km"] and a["outcome"] == b["outcome"]
    assert b["japan_ai"] == "normal" and b["players"] == {"japan": "ai:normal", "soviet": "ai:normal"}
    check = cli("check", str(save))
    assert check.returncode == 0 and "ok" in check.stdout


def damaged_variants(text: str) -> dict[str, tuple[str, str]]:
    doc = json.loads(text)
    return {
        "truncated": (text[: len(text) // 2], "cut short"),
        "empty": ("", "empty"),
        "not json": ("this is not a save\n", "not valid JSON"),
        "wrong shape": (json.dumps([1, 2, 3]), "expected a JSON object"),
        "foreign": (json.dumps({"format": "something-else", "version": 1}), "is not a Kantokuen save"),
        "future version": (json.dumps({**doc, "version": 99}), "newer version"),
        "orders not a list": (json.dumps({**doc, "orders": {"a": 1}}), "key 'orders'"),
        "bad orders": (json.dumps({**doc, "orders": [{"japan": {"moves": "north"}}] + doc["orders"][1:]}),
                       "orders[0]"),
        "turns wrong": (json.dumps({**doc, "turns": 2}), "key 'turns'"),
        "seed wrong": (json.dumps({**doc, "seed": -1}), "key 'seed'"),
        "player wrong": (json.dumps({**doc, "players": {"japan": "robot", "soviet": "human"}}), "players.japan"),
        "unknown scenario": (json.dumps({**doc, "scenario": "atlantis_1941"}), "no scenario 'atlantis_1941'"),
        "scenario changed": (json.dumps({**doc, "scenario_hash": "0" * 16}), "scenario_hash"),
        "hash mismatch": (json.dumps({**doc, "final_state_hash": "0" * 64}), "final_state_hash"),
        "NaN": (text.replace('"seed": 5', '"seed": NaN'), "not valid JSON"),
    }


@pytest.mark.parametrize("case", ["truncated", "empty", "not json", "wrong shape", "foreign", "future version",
                                  "orders not a list", "bad orders", "turns wrong", "seed wrong", "player wrong",
                                  "unknown scenario", "scenario changed", "hash mismatch", "NaN"])
def test_damaged_saves_give_one_clear_line(good, tmp_path, case):
    content, needle = damaged_variants(good.read_text())[case]
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(SaveError) as err:
        load_save(bad)
    message = str(err.value)
    assert message.startswith(str(bad)) and "\n" not in message
    assert needle in message, message


@pytest.mark.parametrize("case", ["truncated", "not json", "wrong shape", "future version"])
def test_replay_and_check_reject_bad_saves_with_exit_1(good, tmp_path, case):
    content, needle = damaged_variants(good.read_text())[case]
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    for args in (("replay", str(bad), "--json"), ("check", str(bad))):
        out = cli(*args)
        assert out.returncode == 1, (args, out.stderr)
        assert out.stdout == "" and "Traceback" not in out.stderr
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and str(bad) in lines[0] and needle in lines[0]


def test_scenario_hash_error_names_both_hashes(good, tmp_path, scenario):
    doc = json.loads(good.read_text())
    bad = tmp_path / "old.json"
    bad.write_text(json.dumps({**doc, "scenario_hash": "abcdef0123456789"}))
    with pytest.raises(SaveError, match=f"abcdef0123456789.*{scenario.content_hash}"):
        load_save(bad)


# --- atomic writes ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_full_disk_leaves_the_previous_save_intact(good, scenario, game, monkeypatch, failing):
    before = good.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    with monkeypatch.context() as m:
        if failing == "write":
            m.setattr(os, "fdopen", lambda fd, mode: _FailingFile(fd))
        else:
            m.setattr(os, failing, full)
        with pytest.raises(SaveWriteError) as err:
            write_save(good, scenario, 5, PLAYERS, game[1][:3])
    message = str(err.value)
    assert message.startswith(str(good)) and "\n" not in message
    assert "the disk is full" in message and "unchanged" in message
    assert good.read_bytes() == before
    assert load_save(good).turns == len(game[1])
    assert [p.name for p in good.parent.iterdir() if p.name.endswith(".tmp")] == []   # no temp file left


class _FailingFile:
    """A file object whose write fails as on a full disk."""

    def __init__(self, fd):
        self.fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_simulate_save_into_a_missing_folder_is_one_line(tmp_path):
    out = cli("simulate", "--scenario", "historical_1941", "--seed", "1", "--save", str(tmp_path / "no" / "g.json"))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "g.json" in out.stderr


# --- fuzzing ---------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


def _set(doc, path, value):
    if not path:
        return value
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def _assert_valid_or_clear(path):
    try:
        loaded = load_save(path)
    except SaveError as e:
        assert str(e).startswith(str(path)) and "\n" not in str(e) and len(str(e)) < 400
    else:
        assert loaded.state.turn == len(loaded.log)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_saves_load_or_fail_clearly(data, tmp_path, scenario):
    text = _small_save_text(scenario)
    doc = json.loads(text)
    paths = list(_paths(doc))
    where = data.draw(st.sampled_from(paths))
    doc = _set(doc, where, data.draw(json_values))
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(doc))
    _assert_valid_or_clear(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 10_000), junk=st.binary(max_size=20))
def test_cut_or_corrupted_bytes_load_or_fail_clearly(cut, junk, tmp_path, scenario):
    raw = _small_save_text(scenario).encode()
    path = tmp_path / "cut.json"
    path.write_bytes(raw[: cut % (len(raw) + 1)] + junk)
    _assert_valid_or_clear(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=json_values)
def test_random_json_fails_clearly(doc, tmp_path):
    path = tmp_path / "random.json"
    path.write_text(json.dumps(doc))
    _assert_valid_or_clear(path)


_small = {}


def _small_save_text(scenario):
    """A short valid save (4 turns), made once."""
    if "text" not in _small:
        import tempfile
        _, log = scripted_log(scenario, seed=9, turns=4)
        with tempfile.TemporaryDirectory() as d:
            p = write_save(Path(d) / "s.json", scenario, 9, PLAYERS, log)
            _small["text"] = p.read_text()
    return _small["text"]


# --- autosave, rewind, branch ---------------------------------------------------------------------------------

def test_autosave_keeps_the_last_five(scenario, game, home):
    _, log = game
    written = [saves.autosave(scenario, 5, PLAYERS, log[:k]) for k in range(1, 9)]
    kept = sorted((home / "autosave").glob("autosave-*.json"))
    assert kept == sorted(written[-5:])
    assert saves.latest_autosave() == written[-1]
    assert load_save(written[-1]).turns == 8


def test_rewind_then_the_same_orders_reproduce_the_original(scenario, game):
    state, log = game
    for k in (0, 3, len(log) - 1):
        prefix = saves.rewind(log, k)
        assert len(prefix) == k
        back = replay(scenario, 5, prefix)
        assert back.turn == k and not back.over
        again = list(prefix)
        for turn_orders in log[k:]:
            back = play_turn(back, {s: Orders.from_json(o) for s, o in turn_orders.items()}, again)
        assert state_hash(back) == state_hash(state) and again == log
    with pytest.raises(ValueError, match="turn"):
        saves.rewind(log, len(log) + 1)


def test_branch_writes_a_new_file_and_keeps_the_original(good, scenario, game):
    _, log = game
    before = good.read_bytes()
    b = saves.branch(scenario, 5, PLAYERS, log, 6, original=good)
    assert b.original == good and good.read_bytes() == before          # same line: untouched
    assert b.path != good and b.path.exists() and b.log == log[:6]
    branch_game = load_save(b.path)
    assert branch_game.turns == 6 and branch_game.branch_of == {"file": good.name, "turn": 6}
    again = saves.branch(scenario, 5, PLAYERS, log, 6, original=good)
    assert again.path not in (b.path, good)                             # never overwrites a branch
    assert load_save(good).turns == len(log)


def test_branch_of_an_unsaved_game_saves_the_line_first(scenario, game, home):
    _, log = game
    b = saves.branch(scenario, 5, PLAYERS, log[:10], 4)
    assert b.original.parent == home / "saves"
    assert load_save(b.original).log == log[:10]
    assert load_save(b.path).log == log[:4]


def test_branch_from_an_autosave_keeps_the_line_in_the_saves_folder(scenario, game, home):
    _, log = game
    auto = saves.autosave(scenario, 5, PLAYERS, log[:8])
    b = saves.branch(scenario, 5, PLAYERS, log[:8], 2, original=auto)
    assert b.original.parent == home / "saves" and b.path.parent == home / "saves"
    assert load_save(b.original).log == log[:8] and load_save(b.path).log == log[:2]


def test_branch_does_not_overwrite_a_different_game(good, scenario, game):
    _, log = game
    other_seed = 6
    before = good.read_bytes()
    b = saves.branch(scenario, other_seed, PLAYERS, [], 0, original=good)
    assert good.read_bytes() == before and b.original != good


def test_list_saves_reports_headers_and_problems(good, tmp_path):
    (tmp_path / "junk.json").write_text("{")
    infos = {i.path.name: i for i in saves.list_saves(tmp_path)}
    assert infos["good.json"].turns == json.loads(good.read_text())["turns"] and infos["good.json"].problem is None
    assert "not valid JSON" in infos["junk.json"].problem


def test_autosave_lines_of_two_games_do_not_overwrite_each_other(scenario, game, home):
    _, log = game
    first, second = saves.new_game_id(), saves.new_game_id()
    mine = [saves.autosave(scenario, 5, PLAYERS, log[:k], game=first) for k in range(1, 9)]
    theirs = [saves.autosave(scenario, 5, PLAYERS, log[:k], game=second) for k in range(1, 4)]
    kept = set((home / "autosave").glob("autosave-*.json"))
    assert kept == set(mine[-saves.AUTOSAVE_KEEP:]) | set(theirs)
    assert {load_save(p).game for p in mine[-saves.AUTOSAVE_KEEP:]} == {first}
    assert saves.latest_autosave() == theirs[-1]


def test_a_data_folder_that_cannot_be_made_is_a_save_write_error(scenario, game, home):
    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("a file, not a folder")
    _, log = game
    for attempt in (lambda: saves.autosave(scenario, 5, PLAYERS, log[:2]),
                    lambda: saves.new_save_path(scenario.id),
                    lambda: saves.branch(scenario, 5, PLAYERS, log[:3], 1)):
        with pytest.raises(SaveWriteError) as err:
            attempt()
        assert "\n" not in str(err.value) and "cannot be made" in str(err.value)


def test_clean_temp_files_removes_only_interrupted_writes(tmp_path, good):
    from game.files.paths import clean_temp_files
    leftover = good.parent / f".{good.name}.k3j_9xq2.tmp"
    leftover.write_text("{")
    others = [good.parent / "keep.tmp", good.parent / ".keep.json", good.parent / "x.json.abcdefgh.tmp"]
    for p in others:
        p.write_text("x")
    assert clean_temp_files([good.parent]) == [leftover]
    assert all(p.exists() for p in others) and load_save(good).turns > 0
