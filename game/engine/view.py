"""``player_view(state, side)``: everything one side may know, and nothing more.

The view is built from what the side may see (its own forces exactly, the enemy through its intelligence
estimates, public facts such as the Western front and who holds which region), never by stripping secrets
from the full state. The UI and the AI only ever receive views. When the game is over, both sides see all.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import postures
from .board import Board
from .combat import event_seen_by
from .intel import revealed
from .orders import OrderContext, Orders, check_orders, reachable
from .scenario import Scenario, other
from .state import Event, Result, State, Unit
from .supply import supplied_regions
from .victory import estimated_score, score


@dataclass(frozen=True)
class View:
    side: str
    turn: int
    last_turn: int
    date: dt.date
    season: str
    days_per_turn: int
    scenario_id: str
    title: str
    side_names: dict[str, str]
    board: Board
    rules: dict[str, Any]
    ai: dict[str, Any]                     # the scenario's scripted plans (what history did)
    postures: tuple[str, ...]
    owners: dict[str, str]
    units: dict[str, Unit]                 # own units, exact
    enemy: dict[str, dict[str, Any]]       # region -> estimate of the enemy there
    enemy_totals: dict[str, Any]           # estimates: men, divisions, tanks, aircraft, oil, stance
    own: dict[str, Any]                    # own stance, oil, mobilisation
    enemy_south: bool                      # the enemy's southern war is public once begun
    front: dict[str, Any]
    war: dict[str, Any]
    stavka_demand: int | None
    in_transit: tuple[tuple[int, int, float], ...]
    history: tuple[dict[str, Any], ...]
    events: tuple[Event, ...]
    result: Result | None
    revealed: dict[str, Any] | None        # the whole game, once it is over
    scenario: Scenario | None = None       # the scenario as published (starting forces, rules, events)
    score: dict[str, int] | None = None    # victory points now (the enemy's oil at its estimate until the end)
    supplied: frozenset[str] = frozenset()  # own regions linked to an own supply source
    blocked: dict[str, str] | None = None  # own postures that may not be ordered yet -> why

    @property
    def over(self) -> bool:
        return self.result is not None

    @property
    def enemy_side(self) -> str:
        return other(self.side)

    def context(self) -> OrderContext:
        stavka = self.rules["stavka"]
        return OrderContext(
            side=self.side, board=self.board, owners=self.owners,
            units={u.id: (u.region, u.divisions) for u in self.units.values()},
            at_war=self.war["at_war"], war_declared=self.war["declared_by"] is not None,
            south=self.own["south"], postures=self.postures,
            can_transfer=bool(stavka["enabled"]) and stavka["side"] == self.side,
            rail_regions=self.rules["movement"]["rail_regions"],
            sea=self.rules["movement"]["sea"].get(self.side, True), blocked=self.blocked or {},
        )

    def destinations(self, unit_id: str) -> dict[str, str]:
        """Where one of our units may move this turn (region -> edge type of the last step)."""
        return reachable(self.context(), self.units[unit_id].region)

    def problems(self, orders: Orders) -> list[tuple[str, str]]:
        return check_orders(self.context(), orders)


def _own_history(record: dict[str, Any], side: str, enemy: str, stavka_side: str) -> dict[str, Any]:
    return {
        "turn": record["turn"], "date": record["date"], "front_km": record["front_km"],
        "men": record["men"].get(side, 0), "divisions": record["divisions"].get(side, 0),
        "tanks": record["tanks"].get(side, 0), "aircraft": record["aircraft"].get(side, 0),
        "oil": record["oil"].get(side), "stance": record["stance"].get(side),
        "action": record["actions"].get(side),
        "enemy_estimate": record["estimates"][side],
        "stavka_demand": record["stavka_demand"] if side == stavka_side else None,
        "owners_changed": record["owners_changed"],
    }


def player_view(state: State, side: str) -> View:
    sc = state.scenario
    enemy = other(side)
    ss = state.sides[side]
    war = state.war
    known_war = war.known_to(side, state.turn)
    declared_by = war.declared_by if war.declared_by == side or known_war else None
    if state.over:
        known_war = war.start_turn is not None and state.turn > war.start_turn
        declared_by = war.declared_by
    stavka_side = sc.rules["stavka"]["side"]
    intel = revealed(state, side) if state.over else ss.intel   # at the end both sides see everything
    return View(
        side=side,
        turn=state.turn,
        last_turn=state.last_turn,
        date=state.date,
        season=state.season,
        days_per_turn=sc.days_per_turn,
        scenario_id=sc.id,
        title=sc.title,
        side_names={s: spec["name"] for s, spec in sc.sides.items()},
        board=sc.board,
        rules=sc.rules,
        ai=sc.ai,
        postures=tuple(sc.sides[side]["postures"]),
        owners=dict(state.owners),
        units={u.id: u.copy() for u in state.units.values() if u.side == side},
        enemy={r: {"men": list(e["men"]), "divisions": e["divisions"], "exact": e["exact"]}
               for r, e in intel["regions"].items()},
        enemy_totals={k: list(intel[k]) if isinstance(intel[k], list) else intel[k]
                      for k in ("men", "divisions", "tanks", "aircraft", "oil", "stance")},
        own={"stance": ss.stance, "stance_since": ss.stance_since, "sent_west": ss.sent_west,
             "bonus_vp": ss.bonus_vp, "oil": ss.oil, "oil_income": ss.oil_income, "south": ss.south,
             "pool": ss.pool, "training": sum(m for _, m in ss.training), "raised": ss.raised},
        enemy_south=state.sides[enemy].south,
        front={"km": state.front.km, "peak_km": state.front.peak_km, "moscow_fell": state.front.moscow_fell,
               "passed": state.front.passed, "milestones": sc.rules["front"]["milestones"],
               "moscow_km": sc.rules["front"]["moscow_km"]},
        war={"at_war": known_war, "declared_by": declared_by,
             "start_turn": war.start_turn if declared_by is not None else None},
        stavka_demand=state.stavka_demand if side == stavka_side and sc.rules["stavka"]["enabled"] else None,
        in_transit=tuple(state.transit) if side == stavka_side else (),
        history=tuple(_own_history(r, side, enemy, stavka_side) for r in state.history),
        # A battle's breakdown is cut to what this side may know (until the end, when all is revealed).
        events=tuple(e if state.over else event_seen_by(e, side)
                     for e in state.last_events if side in e.visible_to),
        result=state.result,
        revealed={"history": copy.deepcopy(state.history)} if state.over else None,
        scenario=sc,
        score=score(state) if state.over else estimated_score(state, side),
        supplied=frozenset(supplied_regions(state, side)),
        blocked=postures.blocked(state, side) if not state.over else {},
    )
