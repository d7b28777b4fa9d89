"""Event effects are one table: every key has a schema, a rule and a rebuild, and each does what it says.

A key the schema accepts but the rules ignore (or the planner forgets to rebuild) would pass ``check`` and
silently do nothing; these tests fail instead.
"""
import dataclasses

import numpy as np
import pytest

from game.engine import Orders, new_game, player_view, resolve, state_hash
from game.engine.effects import EFFECTS, apply_effects, keep_nothing
from game.engine.sampling import determinise
from game.scenario import load
from game.scenario.schema import Ctx
from game.scenario.spec import EFFECT_VOCABULARY

# A valid value of every effect (a new effect must add one here, and so be tested below).
SAMPLES = {
    "front_speed_mult": 1.5,
    "duration_turns": 3,
    "german_strength_add": 0.25,
    "soviet_strength_add": -0.25,
    "embargo": "japan",
    "oil_add": {"japan": 2.0},
    "intel_sigma": {"soviet": 1.5},
    "reveal_stance": "japan",
    "stavka_extra_divisions": 4,
    "end_game": True,
}
PARAMETERS = {"duration_turns"}   # changes nothing alone: it says how long the timed effects last


def test_the_scenario_schema_and_the_engine_table_name_the_same_effects():
    assert set(EFFECT_VOCABULARY) == set(EFFECTS) == set(SAMPLES)


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_every_effect_has_a_schema_a_rule_and_a_rebuild(key):
    effect = EFFECTS[key]
    assert callable(effect.apply) and callable(effect.rebuild)
    if effect.rebuild is keep_nothing:
        assert effect.rebuild_note, f"{key}: say why a planner's sample needs nothing from it"
    ctx = Ctx(regions=frozenset(["khabarovsk"]))
    value = EFFECT_VOCABULARY[key].check(SAMPLES[key], f"effects.{key}", ctx)
    assert isinstance(value, effect.expects) and not isinstance(value, bool) or effect.expects is bool


@pytest.fixture(scope="module")
def scenario():
    return load("historical_1941")


@pytest.mark.parametrize("key", sorted(set(EFFECTS) - PARAMETERS))
def test_every_effect_changes_the_state(scenario, key):
    state = new_game(scenario, 3)
    before = state_hash(state)
    apply_effects(state, {key: SAMPLES[key]})
    assert state_hash(state) != before


def test_effects_apply_in_the_tables_order_whatever_the_files(scenario):
    fx = {"german_strength_add": 0.3, "front_speed_mult": 0.5, "duration_turns": 2}
    a, b = new_game(scenario, 3), new_game(scenario, 3)
    apply_effects(a, fx)
    apply_effects(b, dict(reversed(list(fx.items()))))
    assert state_hash(a) == state_hash(b)
    assert a.front.modifiers[-1] == (a.turn + 1, 0.5)


def test_known_answers(scenario):
    s = new_game(scenario, 3)
    german, soviet, oil = s.front.german, s.front.soviet, s.sides["japan"].oil
    apply_effects(s, {key: SAMPLES[key] for key in SAMPLES})
    assert s.front.german == round(german + 0.25, 4) and s.front.soviet == round(soviet - 0.25, 4)
    assert s.front.modifiers[-1] == (s.turn + 2, 1.5)                     # three turns from this one
    assert (s.turn + 2, "stavka_extra_divisions", 4) in s.effects
    assert (s.turn, "end_game", True) in s.effects
    assert s.sides["japan"].oil_income == 0.0 and s.sides["japan"].oil == round(oil + 2.0, 3)
    assert s.sides["soviet"].intel_sigma == 1.5
    assert s.sides["soviet"].intel["stance"] == s.sides["japan"].stance


def test_a_planners_sample_rebuilds_what_past_events_did(scenario):
    """Effects with a rebuild reach the sampled state: the timed ones while they last, the embargo."""
    event = {"id": "test_effects", "title": "A test", "text": "", "note": "", "date": scenario.start, "when": {},
             "visible_to": ["japan", "soviet"], "variants": [],
             "effects": {"front_speed_mult": 0.5, "duration_turns": 4, "stavka_extra_divisions": 3,
                         "embargo": "japan", "german_strength_add": -0.2}}
    sc = dataclasses.replace(scenario, events=[event])
    state = new_game(sc, 5)
    state, _ = resolve(state, {"japan": Orders(), "soviet": Orders()}, state.seed)
    assert state.turn == 1
    sample = determinise(player_view(state, "soviet"), np.random.default_rng(0), sc)
    assert (3, 0.5) in sample.front.modifiers and (3, 0.5) in state.front.modifiers
    assert (3, "stavka_extra_divisions", 3) in sample.effects
    assert sample.sides["japan"].oil_income == 0.0
    # The German strength is hidden: the sample rebuilds it from the rules, counting the event's blow.
    without = dataclasses.replace(sc, events=[{**event, "effects": {"front_speed_mult": 0.5}}])
    plain = determinise(player_view(state, "soviet"), np.random.default_rng(0), without)
    assert sample.front.german == pytest.approx(plain.front.german - 0.2, abs=1e-4)
    assert sample.front.german == pytest.approx(state.front.german, abs=0.02)
