"""Scenario loading: every broken file gets one clear line naming the file, the key and the value."""
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import ScenarioError, load
from game.scenario.loader import SCENARIO_DIR, build, merged_raw

HISTORICAL = SCENARIO_DIR / "historical_1941.toml"


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_every_shipped_scenario_loads():
    for path in sorted(SCENARIO_DIR.glob("*.toml")):
        sc = load(path)
        assert sc.units and sc.outcomes


def test_empty_file_is_rejected(tmp_path):
    with pytest.raises(ScenarioError, match="empty"):
        load(write(tmp_path, ""))


def test_toml_syntax_error_names_the_line(tmp_path):
    with pytest.raises(ScenarioError, match=r"TOML syntax error.*line 2"):
        load(write(tmp_path, 'id = "x"\ntitle = = 3\n'))


def test_binary_garbage_is_rejected(tmp_path):
    p = tmp_path / "g.toml"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ScenarioError) as e:
        load(p)
    assert str(p) in str(e.value)


def test_unit_in_unknown_region_names_the_key_and_value(tmp_path):
    text = HISTORICAL.read_text().replace('region = "hailar"', 'region = "atlantis"', 1)
    with pytest.raises(ScenarioError) as e:
        load(write(tmp_path, text))
    msg = str(e.value)
    assert "units[" in msg and ".region" in msg and "'atlantis'" in msg and "region id" in msg
    assert "\n" not in msg


def test_wrong_type_names_expected_type(tmp_path):
    text = HISTORICAL.read_text().replace("days_per_turn = 14", 'days_per_turn = "two weeks"')
    with pytest.raises(ScenarioError, match=r"days_per_turn: expected a whole number from 1 to 60, found 'two weeks'"):
        load(write(tmp_path, text))


def test_unknown_key_is_rejected(tmp_path):
    text = HISTORICAL.read_text().replace("[front]\n", "[front]\nsped_km_per_turn = 3\n")
    with pytest.raises(ScenarioError, match=r"front\.sped_km_per_turn: expected no such key"):
        load(write(tmp_path, text))


def test_unit_placed_in_enemy_region_is_rejected(tmp_path):
    text = HISTORICAL.read_text().replace('region = "ussuriysk"', 'region = "harbin"', 1)
    with pytest.raises(ScenarioError, match=r"units\[0\]\.region: expected a region held by soviet"):
        load(write(tmp_path, text))


def test_extends_merges_tables_and_replaces_lists(tmp_path):
    p = write(tmp_path, '\n'.join([
        'extends = "historical_1941"',
        'id = "fast_germans"',
        'title = "Faster Germans"',
        '[front]',
        'speed_km_per_turn = 600',
        '[sides.japan]',
        'postures = ["wait", "strike_north"]',
    ]))
    base, sc = load("historical_1941"), load(p)
    assert sc.id == "fast_germans" and sc.rules["front"]["speed_km_per_turn"] == 600
    assert sc.rules["front"]["supply_km"] == base.rules["front"]["supply_km"]   # merged key by key
    assert sc.sides["japan"]["postures"] == ["wait", "strike_north"]           # list replaced whole
    assert sc.sides["japan"]["name"] == "Japan"


def test_extends_cycle_is_reported(tmp_path):
    write(tmp_path, 'extends = "b.toml"\nid = "a"\n', "a.toml")
    write(tmp_path, 'extends = "a.toml"\nid = "b"\n', "b.toml")
    with pytest.raises(ScenarioError, match="cycle"):
        load(tmp_path / "a.toml")


def test_derived_scenario_must_name_itself(tmp_path):
    with pytest.raises(ScenarioError, match=r"^.*: id: expected text"):
        load(write(tmp_path, 'extends = "historical_1941"\ntitle = "x"\n'))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(alphabet=string.printable, max_size=400))
def test_fuzzed_files_get_a_clean_error(tmp_path_factory, blob):
    p = tmp_path_factory.mktemp("fuzz") / "f.toml"
    if isinstance(blob, str):
        p.write_text(blob)
    else:
        p.write_bytes(blob)
    with pytest.raises(ScenarioError) as e:
        load(p)
    assert "\n" not in str(e.value) and str(p) in str(e.value)


BASE_RAW = merged_raw(HISTORICAL)


def mutate(draw):
    """Drop, retype or break one key somewhere in the historical scenario."""
    import copy
    raw = copy.deepcopy(BASE_RAW)
    node = raw
    for _ in range(draw(st.integers(1, 4))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            key = draw(st.integers(0, len(node) - 1))
        else:
            break
        parent, node = node, node[key]
    action = draw(st.sampled_from(["drop", "retype", "negative", "nonsense"]))
    if action == "drop":
        del parent[key]
    elif action == "retype":
        parent[key] = draw(st.sampled_from(["text", 3, 2.5, True, [], {}]))
    elif action == "negative":
        parent[key] = -10**9
    else:
        parent[key] = "nowhere"
    return raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_scenarios_load_or_fail_cleanly(data):
    raw = mutate(data.draw)
    try:
        sc = build(raw, "mutant.toml")
    except ScenarioError as e:
        assert str(e).startswith("mutant.toml: ") and "\n" not in str(e)
    else:
        from game.engine import new_game, resolve
        s = new_game(sc, 1)
        resolve(s, {}, 1)
