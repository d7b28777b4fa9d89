"""``extends``: a counterfactual states only what differs; lists of entries with ids are patched by id."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import new_game
from game.scenario import ScenarioError, load


def derived(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "derived.toml"
    path.write_text("\n".join(['extends = "historical_1941"', 'id = "derived"', *lines]) + "\n")
    return path


def test_an_entry_with_a_base_id_changes_only_the_keys_it_names(tmp_path):
    base = load("historical_1941")
    sc = load(derived(tmp_path, "[[units]]", 'id = "su_1rba"', "men = 1000"))
    old = next(u for u in base.units if u.id == "su_1rba")
    new = next(u for u in sc.units if u.id == "su_1rba")
    assert new.men == 1000 and (new.region, new.tanks, new.name) == (old.region, old.tanks, old.name)
    assert [u.id for u in sc.units] == [u.id for u in base.units]        # order and the others kept


def test_new_ids_are_added_and_remove_deletes(tmp_path):
    base = load("historical_1941")
    sc = load(derived(tmp_path,
                      "[[events]]", 'id = "kiev"', "remove = true",
                      "[[events]]", 'id = "lend_lease"', "date = 1941-10-01", 'title = "Lend-lease"',
                      "[[front.milestones]]", 'id = "moscow"', 'title = "The capital falls"'))
    ids = [e["id"] for e in sc.events]
    assert "kiev" not in ids and ids[-1] == "lend_lease" and len(ids) == len(base.events)
    moscow = next(m for m in sc.rules["front"]["milestones"] if m["id"] == "moscow")
    assert moscow["title"] == "The capital falls" and moscow["moscow"] and moscow["km"] == 1000


def test_removing_an_unknown_id_names_the_entry(tmp_path):
    path = derived(tmp_path, "[[events]]", 'id = "kiv"', "remove = true")
    with pytest.raises(ScenarioError, match=r"events\[0\]\.id: expected the id of an entry in the base scenario, "
                                            r"found 'kiv'"):
        load(path)


def test_remove_takes_no_other_keys(tmp_path):
    path = derived(tmp_path, "[[events]]", 'id = "kiev"', "remove = true", 'title = "x"')
    with pytest.raises(ScenarioError, match=r"events\[0\]: expected \{ id = \.\.\., remove = true \}"):
        load(path)


def test_remove_outside_extends_is_an_unknown_key(tmp_path):
    text = (Path(__file__).parents[2] / "scenarios" / "historical_1941.toml").read_text()
    path = tmp_path / "plain.toml"
    path.write_text(text.replace('id = "kiev"\n', 'id = "kiev"\nremove = true\n'))
    with pytest.raises(ScenarioError, match=r"events\[\d+\]\.remove: expected no such key"):
        load(path)


def test_a_disabled_front_and_stavka_need_no_other_keys(tmp_path):
    sc = load(derived(tmp_path, "[front]", "enabled = false", "[stavka]", "enabled = false"))
    state = new_game(sc, 1)
    assert state.stavka_demand == 0
    assert load("khalkhin_gol_1939").rules["front"]["speed_km_per_turn"] == 0   # neutral fill-in


def test_switching_the_front_off_removes_moscow_points(tmp_path):
    from game.engine.victory import score
    on = new_game(load("historical_1941"), 1)
    off = new_game(load(derived(tmp_path, "[front]", "enabled = false")), 1)
    v = on.scenario.rules["victory"]
    front = on.scenario.rules["front"]
    held = v["moscow_held_vp"] + v["front_vp_per_100km"] * (front["moscow_km"] - on.front.km) / 100
    assert score(on)["soviet"] - score(off)["soviet"] == round(held)


def test_every_condition_the_schema_accepts_is_one_the_rules_understand():
    """The scenario schema and the engine list the same condition words, so no valid file can name one the
    rules would not know."""
    from game.engine.conditions import CONDITIONS
    from game.scenario.spec import CONDITION_VOCABULARY
    assert set(CONDITION_VOCABULARY) == set(CONDITIONS)
