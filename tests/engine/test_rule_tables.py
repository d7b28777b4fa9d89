"""The typed rules tables (``Scenario.tables``) hold exactly what the scenario file says: the same keys as
the schema, the same values (unconverted, so every replay is unchanged), and they follow a scenario whose
rules are replaced."""
import dataclasses

import pytest

from game.engine import rules as typed
from game.scenario import SCENARIO_DIR, load, spec
from tests.helpers import with_rules

# Each typed record and the schema table it comes from.
RECORDS = [
    (typed.CombatRules, spec.COMBAT),
    (typed.FrontRules, spec.FRONT_ON),
    (typed.Milestone, spec.FRONT_ON.fields["milestones"][0].item),
    (typed.Mobilisation, spec.MOBILISATION.value),
    (typed.VictoryRules, spec.RULES["victory"][0]),
    (typed.SupplyRules, spec.RULES["supply"][0]),
    (typed.StavkaRules, spec.STAVKA_ON),
    (typed.OilRules, spec.OIL.value),
    (typed.PostureRules, spec.POSTURE_RULES.value),
    (typed.IntelRules, spec.RULES["intel"][0].value),
    (typed.MovementRules, spec.RULES["movement"][0]),
    (typed.WarRules, spec.RULES["war"][0]),
]


@pytest.mark.parametrize("record, table", RECORDS, ids=lambda x: getattr(x, "__name__", ""))
def test_each_record_has_the_schemas_keys(record, table):
    assert [f.name for f in dataclasses.fields(record)] == list(table.fields)


def _same(a, b):
    """Equal and of the same type, lists read as tuples (the records keep sequences as tuples)."""
    if isinstance(b, list):
        return isinstance(a, tuple) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if dataclasses.is_dataclass(a):
        return all(_same(getattr(a, k), v) for k, v in b.items())
    return a == b and type(a) is type(b)


@pytest.mark.parametrize("scenario_id", sorted(p.stem for p in SCENARIO_DIR.glob("*.toml")))
def test_the_records_hold_the_files_values_unconverted(scenario_id):
    sc = load(scenario_id)
    t = sc.tables
    for name in ("combat", "victory", "supply", "front", "stavka", "movement", "war"):
        record, table = getattr(t, name), sc.rules[name]
        for f in dataclasses.fields(record):
            assert _same(getattr(record, f.name), table.get(f.name)), f"{name}.{f.name}"
    for name in ("mobilisation", "oil", "postures", "intel"):   # tables of records, by side or posture
        records, tables = getattr(t, name), sc.rules.get(name, {})
        assert set(records) == set(tables), name
        for key, record in records.items():
            assert _same(record, {f.name: tables[key].get(f.name) for f in dataclasses.fields(record)}), name


def test_the_records_are_frozen_and_built_once():
    sc = load("historical_1941")
    assert sc.tables is sc.tables
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.tables.combat.win_ratio = 0.1


def test_a_scenario_with_other_rules_has_other_tables():
    sc = load("historical_1941")
    fast = with_rules(sc, front={"speed_km_per_turn": 900.0}, combat={"win_ratio": 2.5})
    assert fast.tables.front.speed_km_per_turn == 900.0 and fast.tables.combat.win_ratio == 2.5
    assert sc.tables.front.speed_km_per_turn != 900.0
