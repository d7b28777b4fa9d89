"""The command-line contract of DESIGN.md section 6."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"scenario", "seed", "turns_played", "outcome", "winner", "score", "japan_attacked", "attack_turn",
        "moscow_fell", "soviet_far_east_men", "german_front_km", "state_hash"}


def cli(*args, **kw):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, **kw)


@pytest.fixture(scope="module")
def sim7():
    out = cli("simulate", "--scenario", "historical_1941", "--seed", "7", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_simulate_prints_every_contract_key(sim7):
    assert KEYS <= set(sim7)
    assert sim7["winner"] in ("japan", "soviet", "draw")
    assert len(sim7["soviet_far_east_men"]) == sim7["turns_played"] == len(sim7["german_front_km"])
    assert isinstance(sim7["japan_attacked"], bool)
    assert set(sim7["score"]) == {"japan", "soviet"}


def test_simulate_is_deterministic_and_seed_dependent(sim7):
    again = json.loads(cli("simulate", "--scenario", "historical_1941", "--seed", "7", "--json").stdout)
    other = json.loads(cli("simulate", "--scenario", "historical_1941", "--seed", "8", "--json").stdout)
    assert again["state_hash"] == sim7["state_hash"]
    assert other["state_hash"] != sim7["state_hash"]


def test_far_east_troops_and_the_front_both_move(sim7):
    assert len(set(sim7["soviet_far_east_men"])) > 3
    assert len(set(sim7["german_front_km"])) > 3
    assert max(sim7["german_front_km"]) > 500


def test_check_passes_the_real_scenario():
    out = cli("check", "scenarios/historical_1941.toml")
    assert out.returncode == 0 and "ok" in out.stdout


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (b"id = = 1\n", "TOML syntax error"),
    (bytes(range(200, 256)) * 8, "UTF-8"),
])
def test_check_rejects_broken_files(tmp_path, content, needle):
    p = tmp_path / "bad.toml"
    p.write_bytes(content)
    out = cli("check", str(p))
    assert out.returncode == 1
    assert needle in out.stderr and str(p) in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_check_names_an_unknown_region(tmp_path):
    text = (ROOT / "scenarios" / "historical_1941.toml").read_text().replace('"khasan"\nmen', '"nowhere"\nmen', 1)
    p = tmp_path / "bad.toml"
    p.write_text(text)
    out = cli("check", str(p))
    assert out.returncode == 1 and "'nowhere'" in out.stderr and "units[1].region" in out.stderr


def test_unknown_scenario_is_invalid_input():
    out = cli("simulate", "--scenario", "no_such_war", "--json")
    assert out.returncode == 1 and "no_such_war" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


@pytest.mark.parametrize("args", [["simulate"], ["simulate", "--scenario", "historical_1941", "--seed", "x"],
                                  ["frobnicate"], ["screenshot", "a.png", "--size", "huge"]])
def test_bad_arguments_are_usage_errors(args):
    out = cli(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_help_lists_every_subcommand():
    out = cli("--help")
    listed = set(re.findall(r"^ {4}(\w+)\b", out.stdout, re.M))   # argparse lists one command a line
    assert {"play", "simulate", "explore", "check", "replay", "screenshot", "bench"} <= listed


# --- bad input: exit 1 (2 for a bad flag), one line naming what and where, no traceback, nothing started ----
def one_clean_line(out, code=1):
    assert out.returncode == code, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    return out.stderr.strip()


BAD_FILES = {
    "nested_tables": ("x = " + "{ a = " * 330 + "1" + " }" * 330 + "\n", "nested too deeply"),
    "nested_lists": ("x = " + "[" * 500 + "1" + "]" * 500 + "\n", "nested too deeply"),
    "dotted_header": ("[" + ".".join(["a"] * 1000) + "]\n", "nested more than"),
    "inf_tanks": ('extends = "historical_1941"\nid = "t"\n[mobilisation.japan]\ntanks_per_division = inf\n',
                  "mobilisation.japan.tanks_per_division: expected a number from 0 to 1,000, found inf"),
    "nan_speed": ('extends = "historical_1941"\nid = "t"\n[front]\nspeed_km_per_turn = nan\n',
                  "front.speed_km_per_turn: expected a number from 0 to 2,000, found nan"),
    "huge_tank_men": ('extends = "historical_1941"\nid = "t"\n[combat]\ntank_men = 1e300\n',
                      "combat.tank_men: expected a number from 0 to 1,000"),
    "end_year_typo": ('extends = "historical_1941"\nid = "t"\nend = 2942-03-31\n', "26,109 turns"),
    "missing_base": ('extends = "bases/nowhere.toml"\nid = "t"\n', "bases/nowhere.toml"),
    "typo_event_id": ('extends = "historical_1941"\nid = "t"\n[[events]]\nid = "us_oil_embargo"\nnote = "x"\n',
                      "events[0].title"),
    "own_unit_index": ('extends = "historical_1941"\nid = "t"\n[[units]]\nid = "j_new"\nside = "japan"\n'
                       'name = "New"\nregion = "atlantis"\nmen = 1000\ndivisions = 1\n', "units[0].region"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_check_rejects_each_bad_scenario_in_one_line(tmp_path, name):
    text, needle = BAD_FILES[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    line = one_clean_line(cli("check", str(path)))
    assert line.startswith(str(path)) and needle in line, line


def test_a_wrong_event_id_in_an_override_is_pointed_out(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(BAD_FILES["typo_event_id"][0])
    line = one_clean_line(cli("check", str(path)))
    assert "'us_oil_embargo' is not in the base scenario 'historical_1941'" in line
    assert "did you mean 'embargo'" in line


def test_a_missing_base_is_looked_for_beside_the_file_not_in_the_current_folder(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(BAD_FILES["missing_base"][0])
    line = one_clean_line(cli("check", str(path)))
    assert "extends" in line and str(tmp_path / "bases" / "nowhere.toml") in line


def test_a_file_saved_with_a_bom_loads(tmp_path):
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'extends = "historical_1941"\r\nid = "notepad"\r\n')
    out = cli("check", str(path))
    assert out.returncode == 0 and "ok" in out.stdout, out.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX special files")
def test_special_files_are_refused_before_reading(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert "is a named pipe" in one_clean_line(cli("check", str(fifo)))       # would hang if read
    assert "is a device" in one_clean_line(cli("check", "/dev/zero"))       # would fill the memory if read
    assert "is a named pipe" in one_clean_line(cli("replay", str(fifo)))


def test_an_oversized_file_is_refused_by_its_size(tmp_path):
    path = tmp_path / "big.toml"
    with open(path, "wb") as f:
        f.truncate(50_000_000)   # sparse: no disk used
    assert "bytes; expected a TOML scenario of at most" in one_clean_line(cli("check", str(path)))


@pytest.mark.parametrize("args, needle", [
    (["explore", "--scenario", "historical_1941", "--games", "100000000"], "from 1 to 100,000"),
    (["explore", "--scenario", "historical_1941", "--games", str(10**12)], "from 1 to 100,000"),
    (["explore", "--scenario", "historical_1941", "--games", "5", "--workers", "100000"], "from 1 to 64"),
])
def test_oversized_counts_are_usage_errors(args, needle):
    assert needle in one_clean_line(cli(*args), code=2)


@pytest.mark.parametrize("args, needle", [
    (["screenshot", "{tmp}"], "is a folder"),
    (["screenshot", "{tmp}/no/such/folder/x.png"], "does not exist"),
    (["screenshot", "{tmp}/x.jpg"], "ending in .png"),
    (["explore", "--scenario", "historical_1941", "--games", "50", "--plot", "{tmp}/missing/x.png"], "does not exist"),
    (["explore", "--scenario", "historical_1941", "--games", "50", "--plot", "{tmp}"], "is a folder"),
    (["simulate", "--scenario", "historical_1941", "--save", "{tmp}/missing/x.json"], "does not exist"),
    (["simulate", "--scenario", "historical_1941", "--save", "{tmp}"], "is a folder"),
])
def test_output_paths_are_checked_before_any_work(tmp_path, args, needle):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = cli(*args)
    line = one_clean_line(out)
    assert needle in line and out.stdout == ""


def test_unwritable_output_folder_is_refused_up_front():
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc, a folder that takes no new files even for root")
    assert "cannot be written" in one_clean_line(cli("screenshot", "/proc/shot.png"))


def test_scenario_ids_include_the_players_own_folder(tmp_path):
    home = tmp_path / "home"
    (home / "scenarios").mkdir(parents=True)
    (home / "scenarios" / "my_war.toml").write_text('extends = "historical_1941"\nid = "my_war"\n')
    env = {**os.environ, "KANTOKUEN_HOME": str(home)}
    out = cli("simulate", "--scenario", "my_war", "--seed", "3", "--json", env=env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["scenario"] == "my_war"
    missing = cli("simulate", "--scenario", "no_such_war", env=env)
    assert "my_war" in one_clean_line(missing)   # listed among the known ids


@pytest.fixture(scope="module")
def saved_game(tmp_path_factory):
    path = tmp_path_factory.mktemp("save") / "game.json"
    out = cli("simulate", "--scenario", "historical_1941", "--seed", "3", "--save", str(path), "--json")
    assert out.returncode == 0, out.stderr
    return path


def test_check_names_each_order_the_engine_would_drop(saved_game, tmp_path):
    doc = json.loads(saved_game.read_text())
    doc["orders"][2]["japan"]["moves"].append(["ghost_unit", "harbin"])
    doc["orders"][4]["soviet"]["posture"] = "strike_south"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc))
    assert cli("check", str(saved_game)).returncode == 0
    out = cli("check", str(edited))
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert any("orders[2].japan.moves[" in ln and "ghost_unit" in ln and "no unit" in ln for ln in lines), lines
    assert any("orders[4].soviet.posture 'strike_south'" in ln and "not open to soviet" in ln for ln in lines), lines


def test_check_warns_of_an_override_id_that_looks_mistyped(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('extends = "historical_1941"\nid = "t"\n[[events]]\nid = "embargoo"\ntitle = "Changed"\n'
                    'date = 1941-08-01\n')
    out = cli("check", str(path))
    assert out.returncode == 0 and "ok" in out.stdout
    assert "events[0]: id 'embargoo' is not in the base scenario" in out.stderr and "'embargo'" in out.stderr


def test_replay_of_an_edited_save_names_the_dropped_order(saved_game, tmp_path):
    doc = json.loads(saved_game.read_text())
    doc["orders"][2]["soviet"]["posture"] = "strike_south"
    doc["final_state_hash"] = "0" * 64
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc))
    line = one_clean_line(cli("replay", str(edited)))
    assert "final_state_hash" in line and "orders[2].soviet.posture 'strike_south'" in line
