"""``suggested_side``: the side the new-game screen picks; checked like any side id, and no part of the rules."""
import copy

import pytest

from game.scenario import load
from game.scenario.catalog import list_scenarios
from game.scenario.loader import SCENARIO_DIR, ScenarioError, build, merged_raw


def test_the_tutorial_suggests_the_side_its_lessons_speak_to():
    assert load("khalkhin_gol_1939").suggested_side == "soviet"
    assert load("historical_1941").suggested_side is None
    entry = next(e for e in list_scenarios() if e.id == "khalkhin_gol_1939")
    assert entry.suggested_side == "soviet"


@pytest.mark.parametrize("bad", ["germany", 3, ""])
def test_a_side_that_does_not_exist_is_refused_with_the_key_named(bad):
    path = SCENARIO_DIR / "khalkhin_gol_1939.toml"
    raw = copy.deepcopy(merged_raw(path))
    raw["suggested_side"] = bad
    with pytest.raises(ScenarioError) as e:
        build(raw, path)
    message = str(e.value)
    assert "suggested_side" in message and "'japan' or 'soviet'" in message and "\n" not in message


def test_the_suggestion_is_not_a_rule_saves_check():
    path = SCENARIO_DIR / "khalkhin_gol_1939.toml"
    raw = merged_raw(path)
    other = copy.deepcopy(raw)
    other["suggested_side"] = "japan"
    del raw["suggested_side"]
    assert build(raw, path).content_hash == build(other, path).content_hash
