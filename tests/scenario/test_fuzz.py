"""Validation fuzzing: broken variants of every shipped scenario either load as a playable game or fail with
one clear line naming the file. Never a traceback, never a half-loaded game."""
from __future__ import annotations

import copy
import datetime as dt
import math
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.engine import new_game, resolve, state_hash
from game.engine.scenario import SIDES
from game.play.match import ai_orders, play_ai_game, replay, summary
from game.scenario import ScenarioError, load
from game.scenario import spec
from game.scenario.loader import SCENARIO_DIR, build, merged_raw
from game.scenario.schema import ListOf, MapOf, Num, Table

SCENARIO_FILES = sorted(SCENARIO_DIR.glob("*.toml"))
RAWS = {p.stem: merged_raw(p) for p in SCENARIO_FILES}
# How many examples: the hypothesis profile's (tests/conftest.py: HYPOTHESIS_PROFILE=deep for thousands).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
WHOLE_GAMES = settings(FUZZ, max_examples=max(6, settings.default.max_examples // 8))

ODD_VALUES = ["text", "", 3, -1, 0, 2.5, -1e300, 1e300, math.nan, math.inf, True, False, [], [1, "x"], {},
              {"x": 1}, dt.date(1900, 1, 1), dt.date(2999, 12, 31), "atlantis", "japan", "soviet",
              "vladivostok", "hailar"]


def playable_or_clean_error(raw: dict, name: str = "mutant.toml") -> None:
    try:
        sc = build(raw, name)
    except ScenarioError as e:
        msg = str(e)
        assert msg.startswith(f"{name}: ") and "\n" not in msg and len(msg) < 600, msg
        return
    state = new_game(sc, 1)
    orders = {side: ai_orders(state, side, "normal") for side in SIDES}
    state, _ = resolve(state, orders, 1)
    assert state.turn == 1 or state.over


def pick_path(draw, raw: dict):
    """Walk down to a random key or list item; returns (parent, key)."""
    parent, key, node = None, None, raw
    for _ in range(draw(st.integers(1, 5))):
        if isinstance(node, dict) and node:
            k = draw(st.sampled_from(sorted(node, key=str)))
        elif isinstance(node, list) and node:
            k = draw(st.integers(0, len(node) - 1))
        else:
            break
        parent, key, node = node, k, node[k]
    return parent, key


def mutate(draw, raw: dict) -> dict:
    raw = copy.deepcopy(raw)
    for _ in range(draw(st.integers(1, 3))):
        parent, key = pick_path(draw, raw)
        if parent is None:
            continue
        action = draw(st.sampled_from(["drop", "retype", "out_of_range", "unknown_key", "broken_ref",
                                       "duplicate"]))
        value = parent[key]
        if action == "drop":
            del parent[key]
        elif action == "retype":
            parent[key] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))   # never share (or nest) one object
        elif action == "out_of_range" and isinstance(value, (int, float)) and not isinstance(value, bool):
            parent[key] = draw(st.sampled_from([-value - 1, value * 1000 + 10**7, -10**12, 10**18]))
        elif action == "unknown_key":
            target = value if isinstance(value, dict) else parent if isinstance(parent, dict) else None
            if target is not None:
                target[draw(st.sampled_from(["speed", "Men", "region_", "x y", ""]))] = 1
        elif action == "broken_ref":
            if isinstance(value, str):
                parent[key] = draw(st.sampled_from(["atlantis", "JAPAN", "su_ghost", value + "_"]))
            elif isinstance(value, list) and value and isinstance(value[0], str):
                parent[key] = value[:-1] + ["atlantis"]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(value))
    return raw


@pytest.mark.parametrize("name", sorted(RAWS))
def test_every_shipped_scenario_plays_a_turn(name):
    playable_or_clean_error(RAWS[name])
    load(name)


@FUZZ
@given(st.sampled_from(sorted(RAWS)), st.data())
def test_mutated_scenarios_load_or_fail_cleanly(name, data):
    playable_or_clean_error(mutate(data.draw, RAWS[name]))


# --- through files and extends --------------------------------------------------------------------
def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, float) and math.isnan(v):
        return "nan"
    if isinstance(v, float) and math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if isinstance(v, (int, float, dt.date)):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return "{ " + ", ".join(f'"{k}" = {toml_value(x)}' for k, x in v.items()) + " }"


OVERRIDE_KEYS = st.sampled_from(["title", "summary", "start", "end", "days_per_turn", "front", "stavka", "war",
                                 "supply", "regions", "owners", "victory", "movement", "units", "events",
                                 "outcomes", "sides", "nonsense"])


@FUZZ
@given(st.sampled_from([p.stem for p in SCENARIO_FILES]),
       st.dictionaries(OVERRIDE_KEYS, st.sampled_from(ODD_VALUES + [
           {"speed_km_per_turn": 600}, {"enabled": False}, {"at_war": True, "declared_by": "soviet"},
           [{"id": "kiev", "remove": True}], [{"id": "ghost", "remove": True}], [{"id": "kiev", "remove": 1}],
           [{"id": "su_1rba", "men": 1}], [{"id": "su_1rba", "region": "harbin"}],
           ["tamsag", "hailar"], {"sources": ["atlantis"]}, {"sources": ["hailar"]}]), max_size=4))
def test_derived_files_load_or_fail_cleanly(tmp_path_factory, base, overrides):
    folder = tmp_path_factory.mktemp("derived")
    lines = [f'extends = "{base}"', 'id = "derived"']
    lines += [f"{k} = {toml_value(v)}" for k, v in overrides.items()]
    path = folder / "derived.toml"
    path.write_text("\n".join(lines) + "\n")
    try:
        tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError:
        pass   # the loader must report these too
    try:
        sc = load(path)
    except ScenarioError as e:
        assert str(e).startswith(str(path)) and "\n" not in str(e)
        return
    state = new_game(sc, 2)
    resolve(state, {side: ai_orders(state, side, "normal") for side in SIDES}, 2)


@FUZZ
@given(st.integers(1, 5), st.data())
def test_extends_cycles_are_reported_not_followed(tmp_path_factory, length, data):
    folder: Path = tmp_path_factory.mktemp("cycle")
    names = [f"s{i}" for i in range(length)]
    back = data.draw(st.integers(0, length - 1))   # the last file extends an earlier one (or itself)
    for i, n in enumerate(names):
        target = names[i + 1] if i + 1 < length else names[back]
        (folder / f"{n}.toml").write_text(f'extends = "{target}"\nid = "{n}"\ntitle = "{n}"\n')
    with pytest.raises(ScenarioError, match="cycle") as e:
        load(folder / "s0.toml")
    assert "\n" not in str(e.value)


@FUZZ
@given(st.text(alphabet=string.ascii_letters + string.digits + "_-./\\ ", min_size=1, max_size=30))
def test_extends_to_anything_is_a_clean_error(tmp_path_factory, target):
    path = tmp_path_factory.mktemp("ext") / "x.toml"
    path.write_text(f"extends = {toml_value(target)}\nid = \"x\"\n")
    try:
        load(path)
    except ScenarioError as e:
        assert "\n" not in str(e)


# --- whole games of mutated scenarios -------------------------------------------------------------------
def number_node(path: list) -> Num | None:
    """The schema node of the number at ``path`` in a scenario (None where there is no plain number)."""
    node = Table(spec.TOP)
    for part in path:
        node = getattr(node, "table", node)   # a rules table that may be switched off
        if isinstance(node, Table) and part in node.fields:
            node = node.fields[part][0]
        elif isinstance(node, MapOf):
            node = node.value
        elif isinstance(node, ListOf) and isinstance(part, int):
            node = node.item
        else:
            return None
    return node if isinstance(node, Num) else None


def numbers(raw, path=()):
    """Every number in ``raw`` with its key path."""
    if isinstance(raw, dict):
        for k, v in raw.items():
            yield from numbers(v, (*path, k))
    elif isinstance(raw, list):
        for i, v in enumerate(raw):
            yield from numbers(v, (*path, i))
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        yield path


def push_to_the_edges(draw, raw: dict) -> dict:
    """Set a few numbers to the ends of their allowed ranges (or next to them): values that load, so
    the whole game must then play without an error or a nonsense state."""
    raw = copy.deepcopy(raw)
    paths = [p for p in numbers(raw) if number_node(list(p)) is not None]
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=4, unique=True)):
        node = number_node(list(path))
        lo = node.lo if node.lo is not None else 0
        hi = node.hi if node.hi is not None else 10**6
        value = draw(st.sampled_from([lo, hi, (lo + hi) / 2, lo + (hi - lo) * 1e-6]))
        parent = raw
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = int(value) if node.integer else float(value)
    return raw


@pytest.mark.slow
@WHOLE_GAMES
@given(st.sampled_from(sorted(RAWS)), st.sampled_from(["mutate", "edges", "both"]), st.data())
def test_whole_games_of_mutated_scenarios_end_cleanly_and_replay(name, how, data):
    raw = RAWS[name]
    if how in ("edges", "both"):
        raw = push_to_the_edges(data.draw, raw)
    if how in ("mutate", "both"):
        raw = mutate(data.draw, raw)
    try:
        sc = build(raw, "mutant.toml")
    except ScenarioError as e:
        assert str(e).startswith("mutant.toml: ") and "\n" not in str(e)
        event("refused")
        return
    event(f"played ({how})")
    seed = data.draw(st.integers(0, 2**32))
    state, log = play_ai_game(sc, seed, {"japan": "normal", "soviet": "normal"})
    assert state.over and len(log) <= sc.turns
    for unit in state.units.values():
        assert unit.men >= 0 and unit.divisions >= 0 and unit.tanks >= 0 and unit.aircraft >= 0, unit
    assert 0 <= state.front.km <= max(sc.rules["front"]["max_km"], 0) or not sc.rules["front"]["enabled"]
    for side in state.sides.values():
        assert side.oil is None or math.isfinite(side.oil)
    import json
    json.dumps(summary(state), allow_nan=False)   # no inf or nan reaches the report
    assert state_hash(replay(sc, seed, log)) == state_hash(state)
