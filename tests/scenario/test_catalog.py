"""The scenario catalogue (the new-game picker's data) and the authoring guide that must match the schema."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine import new_game
from game.scenario import load, spec
from game.scenario.catalog import list_scenarios
from game.scenario.loader import SCENARIO_DIR
from game.scenario.schema import REQUIRED, ListOf, MapOf, Ref, Table

README = SCENARIO_DIR / "README.md"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KANTOKUEN_HOME", str(tmp_path))
    folder = tmp_path / "scenarios"
    folder.mkdir()
    return folder


def test_builtin_scenarios_are_listed_with_what_the_picker_shows(home):
    entries = list_scenarios()
    builtin = [e for e in entries if e.builtin]
    assert {e.id for e in builtin} == {p.stem for p in SCENARIO_DIR.glob("*.toml")}
    for e in builtin:
        assert e.ok and e.title and e.summary and e.start < e.end and e.path.is_file()
        assert load(e.path).id == e.id
    starts = [e.start for e in builtin]
    assert starts == sorted(starts)                    # in historical order: the 1939 tutorial first
    assert builtin[0].id == "khalkhin_gol_1939"
    assert next(e for e in builtin if e.id == "moscow_falls_1941").premise


def test_user_scenarios_are_listed_and_a_broken_one_carries_its_error(home):
    (home / "blitz.toml").write_text('extends = "historical_1941"\nid = "blitz"\ntitle = "Blitz"\n'
                                     "[front]\nspeed_km_per_turn = 500\n")
    (home / "broken.toml").write_text('extends = "historical_1941"\nid = "broken"\ntitle = "Broken"\n'
                                      "[front]\nspeed_km_per_turn = \"fast\"\n")
    (home / "garbage.toml").write_bytes(b"\x00\xff not toml")
    (home / "notes.txt").write_text("not a scenario")
    user = [e for e in list_scenarios() if not e.builtin]
    assert [e.path.name for e in user] == ["blitz.toml", "broken.toml", "garbage.toml"]
    blitz, broken, garbage = user
    assert blitz.ok and blitz.id == "blitz" and blitz.summary == load("historical_1941").summary
    new_game(load(blitz.path), 1)                       # the picker's path starts a game
    assert broken.error and "front.speed_km_per_turn" in broken.error and "'fast'" in broken.error
    assert garbage.error and str(garbage.path) in garbage.error
    for e in (broken, garbage):
        assert "\n" not in e.error and e.title == e.path.stem and e.start is None


def test_missing_user_folder_lists_only_builtins(tmp_path, monkeypatch):
    monkeypatch.setenv("KANTOKUEN_HOME", str(tmp_path / "nowhere"))
    entries = list_scenarios()
    assert entries and all(e.builtin for e in entries)


def test_an_explicit_user_folder_overrides_the_default(tmp_path, home):
    other = tmp_path / "class"
    other.mkdir()
    (other / "cycle.toml").write_text('extends = "cycle.toml"\nid = "cycle"\n')
    user = [e for e in list_scenarios(other) if not e.builtin]
    assert len(user) == 1 and "cycle" in user[0].error


# --- the authoring guide -----------------------------------------------------------------------
def _placeholder(node) -> str:
    return f"<{node.kind}>" if isinstance(node, Ref) else "<key>"


def key_paths(node, path: str = ""):
    """Every key a scenario file may hold, as the guide writes it (``units[].region``, ``oil.<side>.x``)."""
    if isinstance(node, spec.Switchable):
        node = node.table
    if isinstance(node, Table):
        for key, (child, _default) in node.fields.items():
            yield from key_paths(child, f"{path}.{key}" if path else key)
    elif isinstance(node, MapOf) and isinstance(node.value, (Table, spec.Switchable)):
        yield from key_paths(node.value, f"{path}.{_placeholder(node.key)}")
    elif isinstance(node, ListOf) and isinstance(node.item, Table):
        yield path + "[]"
        yield from key_paths(node.item, path + "[]")
    else:
        yield path


SPEC_KEYS = set(key_paths(Table(spec.TOP)))
CONDITION_KEYS = set(spec.CONDITION_VOCABULARY)


def test_every_key_of_the_schema_is_explained_in_the_guide():
    text = README.read_text()
    missing = sorted(k for k in SPEC_KEYS | CONDITION_KEYS if f"`{k}`" not in text)
    assert not missing, f"scenarios/README.md does not explain: {missing}"


def test_the_guide_documents_no_key_the_schema_lacks():
    rows = re.findall(r"^\| `([^`]+)`", README.read_text(), flags=re.M)
    scenario_ids = {p.stem for p in SCENARIO_DIR.glob("*.toml")}
    tables = {k.rsplit(".", 1)[0] for k in SPEC_KEYS if "." in k}   # e.g. events[].effects
    known = SPEC_KEYS | tables | CONDITION_KEYS | scenario_ids
    unknown = sorted(r for r in rows if r not in known)
    assert not unknown, f"scenarios/README.md documents keys that do not exist: {unknown}"
    assert scenario_ids <= set(rows), "every built-in scenario has a row in the guide"


def test_required_keys_are_marked_required_in_the_guide():
    text = README.read_text()

    def required(node, path=""):
        if isinstance(node, spec.Switchable):
            node = node.table
        if isinstance(node, Table):
            for key, (child, default) in node.fields.items():
                p = f"{path}.{key}" if path else key
                nested = isinstance(child, MapOf) and isinstance(child.value, Table)   # e.g. intel.<side>
                if default is REQUIRED and not isinstance(child, (Table, spec.Switchable)) and not nested:
                    yield p + "[]" if isinstance(child, ListOf) and isinstance(child.item, Table) else p
                yield from required(child, p)
        elif isinstance(node, MapOf) and isinstance(node.value, Table):
            yield from required(node.value, f"{path}.{_placeholder(node.key)}")
        elif isinstance(node, ListOf) and isinstance(node.item, Table):
            yield from required(node.item, path + "[]")

    for key in required(Table(spec.TOP)):
        if key.startswith("sides."):
            continue   # written once for both sides
        row = next((line for line in text.splitlines() if line.startswith(f"| `{key}` |")), "")
        assert "| required |" in row, f"{key} is required but the guide does not say so"


def test_the_guides_example_is_a_valid_scenario(tmp_path: Path):
    text = README.read_text()
    example = re.search(r"## A counterfactual in six lines\n\n```toml\n(.*?)```", text, flags=re.S).group(1)
    assert len(example.strip().splitlines()) == 6
    path = tmp_path / "blitz_doubled.toml"
    path.write_text(example)
    sc = load(path)
    assert sc.id == "blitz_doubled" and sc.rules["front"]["speed_km_per_turn"] == 600
