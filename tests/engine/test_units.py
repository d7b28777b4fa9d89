"""A unit's fields are defined once: the scenario file's unit table, the scenario's UnitSpec and the state's
Unit agree, a scenario's units cannot be changed by a game, and a game's units can."""
import dataclasses

import pytest

from game.engine import new_game
from game.engine.scenario import UnitSpec
from game.engine.state import Unit
from game.scenario import load
from game.scenario.spec import UNIT


def names(cls) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def test_the_file_the_spec_and_the_unit_name_the_same_fields():
    assert [k for k in UNIT.fields if k != "note"] == names(UnitSpec)
    assert names(Unit) == names(UnitSpec) + ["supplied"]
    assert issubclass(Unit, UnitSpec)


def test_a_scenarios_units_are_read_only_and_a_games_units_change():
    scenario = load("historical_1941")
    spec = scenario.units[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.men = 1
    state = new_game(scenario, 1)
    unit = state.units[spec.id]
    assert (unit.id, unit.region, unit.men, unit.divisions, unit.tanks, unit.aircraft, unit.supplied) == \
        (spec.id, spec.region, spec.men, spec.divisions, spec.tanks, spec.aircraft, True)
    unit.men += 1000
    assert spec.men == unit.men - 1000 and load("historical_1941").units[0].men == spec.men
