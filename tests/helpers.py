"""Small builders shared by tests."""
from __future__ import annotations

import dataclasses

from game.engine import Orders, resolve
from game.engine.scenario import Scenario


def with_rules(scenario: Scenario, **changes) -> Scenario:
    """A copy of ``scenario`` with some rule tables patched (table -> {key: value})."""
    rules = {k: dict(v) if isinstance(v, dict) else v for k, v in scenario.rules.items()}
    for table, values in changes.items():
        rules[table] = {**rules[table], **values}
    return dataclasses.replace(scenario, rules=rules)


def run(state, turns: int, japan: Orders | None = None, soviet: Orders | None = None):
    events = []
    for _ in range(turns):
        state, ev = resolve(state, {"japan": japan or Orders(), "soviet": soviet or Orders()}, state.seed)
        events.extend(ev)
    return state, events
