"""The command-line contract of DESIGN.md section 6."""
import json
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
    for sub in ("play", "simulate", "explore", "check", "replay", "screenshot", "bench"):
        assert sub in out.stdout
