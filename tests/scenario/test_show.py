"""``show``: a scenario written out whole, merged with its extends chain, loads back as the same scenario."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.scenario import load
from game.scenario.loader import SCENARIO_DIR
from game.scenario.show import to_toml

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "main.py", "show", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name", ["historical_1941", "x_hour_1941", "khalkhin_gol_1939"])
def test_shown_scenario_loads_back_as_the_same_scenario(tmp_path, name):
    out = cli(name)
    assert out.returncode == 0, out.stderr
    copy = tmp_path / "shown.toml"
    copy.write_text(out.stdout)
    assert load(copy).content_hash == load(name).content_hash
    assert "extends" not in tomllib.loads(out.stdout)


def test_show_of_a_derived_scenario_lists_the_base_event_ids():
    data = tomllib.loads(cli("moscow_falls_1941").stdout)
    own = tomllib.loads((SCENARIO_DIR / "moscow_falls_1941.toml").read_text())
    ids = {e["id"] for e in data["events"]}
    assert ids == {e["id"] for e in load("moscow_falls_1941").events}
    assert "embargo" in ids and "embargo" not in {e["id"] for e in own.get("events", [])}   # from the base
    as_json = json.loads(cli("moscow_falls_1941", "--json").stdout)
    assert {e["id"] for e in as_json["events"]} == ids


def test_show_of_a_bad_scenario_is_one_clean_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "historical_1941"\nid = "bad"\ndays_per_turn = 0\n')
    out = cli(str(bad))
    assert out.returncode == 1 and out.stdout == "" and len(out.stderr.strip().splitlines()) == 1
    assert "days_per_turn" in out.stderr


KEYS = st.text(alphabet="abcxyz_-. \"é", min_size=1, max_size=6)
SCALARS = st.one_of(st.booleans(), st.integers(-10**18, 10**18), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)), max_leaves=12)


@given(st.dictionaries(KEYS, VALUES, max_size=5))
def test_to_toml_round_trips_through_tomllib(data):
    assert tomllib.loads(to_toml(data, "a header\nover two lines")) == data
