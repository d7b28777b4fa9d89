"""The opening position of a game."""
from __future__ import annotations

from typing import Any

from . import forces, intel
from .records import ForceEstimate, HistoryRecord
from .rng import stream
from .scenario import Scenario
from .state import FrontState, SideState, State, Unit, War, far_east_totals


def new_game(scenario: Scenario, seed: int) -> State:
    sides = {}
    for side, spec in scenario.sides.items():
        oil = scenario.tables.oil.get(side)
        mob = scenario.tables.mobilisation.get(side)
        sides[side] = SideState(
            stance=spec["stance"],
            oil=float(oil.reserve_months) if oil else None,
            oil_income=float(oil.income_per_month) if oil else 0.0,
            pool=int(mob.pool_men) if mob else 0,
            intel_sigma=float(scenario.tables.intel[side].sigma),
        )
    f = scenario.tables.front
    war_rules = scenario.tables.war
    war = War()
    if war_rules.at_war:
        war = War(declared_by=war_rules.declared_by, start_turn=0)
    state = State(
        scenario=scenario,
        seed=int(seed),
        turn=0,
        units={u.id: Unit.from_spec(u) for u in scenario.units},
        owners=dict(scenario.owners),
        front=FrontState(km=float(f.start_km), german=float(f.german_strength),
                         soviet=float(f.soviet_strength), peak_km=float(f.start_km)),
        sides=sides,
        war=war,
        transit=[],
        depots=dict(scenario.tables.supply.depots),
    )
    state.stavka_demand = forces.stavka_demand(state)
    intel.update(state, stream(state.seed, 0, "intel-start"))
    state.history = [record(state, {})]
    return state


def record(state: State, actions: dict[str, str | None]) -> HistoryRecord:
    """One line of the game's chronicle: the public and private figures after a turn (or at the start)."""
    totals = {side: far_east_totals(state, side) for side in sorted(state.scenario.sides)}
    return HistoryRecord(
        turn=state.turn,
        date=state.date.isoformat(),
        front_km=state.front.km,
        men={s: int(t["men"]) for s, t in totals.items()},
        divisions={s: t["divisions"] for s, t in totals.items()},
        tanks={s: int(t["tanks"]) for s, t in totals.items()},
        aircraft={s: int(t["aircraft"]) for s, t in totals.items()},
        oil={s: ss.oil for s, ss in sorted(state.sides.items()) if ss.oil is not None},
        stance={s: ss.stance for s, ss in sorted(state.sides.items())},
        actions=dict(sorted(actions.items())),
        estimates={s: _estimate(ss.intel) for s, ss in sorted(state.sides.items())},
        stavka_demand=state.stavka_demand,
        at_war=state.at_war(),
        owners_changed=tuple(sorted(r for r, o in state.owners.items() if o != state.scenario.owners[r])),
    )


def _estimate(intel: dict[str, Any]) -> ForceEstimate:
    """A side's estimate of the enemy's totals as its intelligence has it now (a copy: bands are tuples)."""
    oil = intel["oil"]
    return ForceEstimate(tuple(intel["men"]), tuple(intel["divisions"]), tuple(intel["tanks"]),
                         tuple(intel["aircraft"]), None if oil is None else tuple(oil))
