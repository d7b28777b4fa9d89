"""The content hash a save checks covers the rules and nothing else: mending a comment, a note or a title
keeps saves loadable; changing a rule still refuses them with a clear message."""
from __future__ import annotations

import copy
import json

import pytest

from game.engine import state_hash
from game.play.match import play_ai_game
from game.play.saves import SaveError, load_save, write_save
from game.scenario import load, spec
from game.scenario.loader import SCENARIO_DIR, build, merged_raw

LEVELS = {"japan": "normal", "soviet": "normal"}
SCENARIOS = sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def edit_text_only(raw: dict) -> dict:
    """Every key of spec.TEXT_ONLY changed, wherever the scenario has it."""
    raw = copy.deepcopy(raw)

    def tables(node, steps):
        if not steps:
            yield node
            return
        name = steps[0].removesuffix("[]")
        child = node.get(name) if isinstance(node, dict) else None
        for item in (child if steps[0].endswith("[]") and isinstance(child, list) else [child]):
            if isinstance(item, dict):
                yield from tables(item, steps[1:])

    for where, keys in spec.TEXT_ONLY.items():
        for table in tables(raw, where.split(".") if where else []):
            for k in keys:
                table[k] = f"{table.get(k, '')} (mended)"
    return raw


@pytest.mark.parametrize("name", SCENARIOS)
def test_text_only_keys_change_neither_the_hash_nor_the_game(name):
    path = SCENARIO_DIR / f"{name}.toml"
    raw = merged_raw(path)
    before, edited = build(raw, path), build(edit_text_only(raw), path)
    assert edited.title.endswith("(mended)")   # the edit did happen
    assert edited.content_hash == before.content_hash
    for seed in (1, 2):
        a, log_a = play_ai_game(before, seed, LEVELS)
        b, log_b = play_ai_game(edited, seed, LEVELS)
        assert log_a == log_b and state_hash(a) == state_hash(b)


def test_a_rule_change_changes_the_hash():
    path = SCENARIO_DIR / "historical_1941.toml"
    raw = merged_raw(path)
    faster = copy.deepcopy(raw)
    faster["front"]["speed_km_per_turn"] += 1
    named = copy.deepcopy(raw)
    named["outcomes"][0]["title"] += "!"   # outcome words reach the state (the result), so they count
    base = build(raw, path).content_hash
    assert build(faster, path).content_hash != base
    assert build(named, path).content_hash != base


@pytest.fixture
def own_scenario(tmp_path, monkeypatch):
    monkeypatch.setenv("KANTOKUEN_HOME", str(tmp_path / "home"))
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "my_war.toml"
    path.write_text('extends = "historical_1941"\nid = "my_war"\ntitle = "My war"\n'
                    '# a comment\n[[events]]\nid = "embargo"\nnote = "The first note."\n')
    return path


def save_of(path, tmp_path):
    scenario = load(path)
    state, log = play_ai_game(scenario, 5, LEVELS)
    return write_save(tmp_path / "game.json", scenario, 5, {"japan": "ai:normal", "soviet": "ai:normal"}, log,
                      state=state), state


def test_a_save_survives_a_comment_a_note_and_a_title(own_scenario, tmp_path):
    save, state = save_of(own_scenario, tmp_path)
    own_scenario.write_text(own_scenario.read_text().replace("# a comment", "# another comment")
                            .replace("The first note.", "A better note.").replace("My war", "Our war"))
    game = load_save(save)
    assert game.scenario.title == "Our war" and state_hash(game.state) == state_hash(state)


def test_a_save_of_a_scenario_loaded_by_path_finds_it_again(own_scenario, tmp_path):
    save, _ = save_of(own_scenario, tmp_path)
    assert json.loads(save.read_text())["scenario_file"] == str(own_scenario.resolve())
    assert load_save(save).scenario.id == "my_war"


def test_a_rule_change_still_refuses_the_save_clearly(own_scenario, tmp_path):
    save, _ = save_of(own_scenario, tmp_path)
    own_scenario.write_text(own_scenario.read_text() + "[stavka]\nbase_divisions = 3\n")
    with pytest.raises(SaveError, match=r"key 'scenario_hash': the save was made with scenario 'my_war'") as e:
        load_save(save)
    assert "\n" not in str(e.value)
