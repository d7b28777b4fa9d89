"""``player_view(state, side)``: everything one side may know, and nothing more.

The view is built from what the side may see (its own forces exactly, the enemy through its intelligence
estimates, public facts such as the Western front and who holds which region), never by stripping secrets
from the full state. The UI and the AI only ever receive views. When the game is over, both sides see all.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar, overload

from . import postures
from .board import Board
from .combat import event_seen_by
from .intel import revealed
from .orders import OrderContext, Orders, check_orders, reachable, side_context
from .scenario import Scenario, other
from .state import Event, Result, State, Unit
from .supply import supplied_regions
from .victory import estimated_score, score


T = TypeVar("T")


class Later(Generic[T]):
    """A view's value worked out only when first read: the hard AI's play-outs take thousands of views and
    read the score or the blocked postures of few of them. ``compute`` reads only the state the view was taken
    from, which the rules never change once a turn is resolved, so the value is the one an eager view held."""

    __slots__ = ("compute",)

    def __init__(self, compute: Callable[[], T]) -> None:
        self.compute = compute


class _LazyField(Generic[T]):
    """A field of the frozen ``View`` that may be given as ``Later``: worked out on first read, then kept.
    It stays an ordinary dataclass field (``fields``, ``replace`` and ``==`` see its value)."""

    def __init__(self, default: T) -> None:
        self.default = default
        self.slot = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_lazy_" + name

    @overload
    def __get__(self, view: None, owner: type) -> T: ...
    @overload
    def __get__(self, view: object, owner: type) -> T: ...

    def __get__(self, view: object | None, owner: type) -> T:
        if view is None:   # the dataclass machinery asks for the default
            return self.default
        value = view.__dict__.get(self.slot, self.default)
        if isinstance(value, Later):
            value = value.compute()
            view.__dict__[self.slot] = value
        return value  # type: ignore[no-any-return]

    def __set__(self, view: object, value: "T | Later[T]") -> None:
        view.__dict__[self.slot] = value


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
    # Worked out when first read (see ``Later``):
    score: _LazyField[dict[str, int] | None] = _LazyField(None)   # victory points now (the enemy's oil at
    #                                                                its estimate until the end)
    supplied: _LazyField[frozenset[str]] = _LazyField(frozenset())  # own regions linked to an own supply source
    blocked: _LazyField[dict[str, str] | None] = _LazyField(None)  # own postures not to be ordered yet -> why

    @property
    def over(self) -> bool:
        return self.result is not None

    @property
    def enemy_side(self) -> str:
        return other(self.side)

    def context(self) -> OrderContext:
        """The side's order context (built once per view: the view never changes; nothing changes it)."""
        ctx = self.__dict__.get("_context")
        if ctx is None:
            ctx = side_context(self.side, self.board, self.rules, self.postures, self.owners, self.units.values(),
                               self.war["at_war"], self.war["declared_by"] is not None, self.own["south"],
                               self.blocked or {})
            self.__dict__["_context"] = ctx   # a cache beside the fields, as functools.cached_property keeps
        return ctx

    def destinations(self, unit_id: str) -> dict[str, str]:
        """Where one of our units may move this turn (region -> edge type of the last step); worked out once
        per region of this view (the window asks every frame, the AI for each unit)."""
        known: dict[str, dict[str, str]] = self.__dict__.setdefault("_destinations", {})
        region = self.units[unit_id].region
        if region not in known:
            known[region] = reachable(self.context(), region)
        return dict(known[region])

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


def _history(state: State, side: str) -> tuple[dict[str, Any], ...]:
    """The side's history records, extended from those the state's parent worked out (``State.view_history``):
    one new record a turn, not the whole game again (O(T) a game, not O(T^2))."""
    n, last, done = state.view_history.get(side, (0, None, ()))
    history = state.history
    if n > len(history) or (n and history[n - 1] is not last):   # not this game's past: start over
        n, done = 0, ()
    if n < len(history):
        enemy, stavka_side = other(side), state.scenario.rules["stavka"]["side"]
        done += tuple(_own_history(r, side, enemy, stavka_side) for r in history[n:])
        state.view_history[side] = (len(history), history[-1], done)
    return done


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
        # The state's own units, not copies: the rules never change a state once its turn is resolved (they
        # change a clone), and no reader of a view changes a unit.
        units={u.id: u for u in state.units.values() if u.side == side},
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
        history=_history(state, side),
        # A battle's breakdown is cut to what this side may know (until the end, when all is revealed).
        events=tuple(e if state.over else event_seen_by(e, side)
                     for e in state.last_events if side in e.visible_to),
        result=state.result,
        revealed={"history": copy.deepcopy(state.history)} if state.over else None,
        scenario=sc,
        score=Later(lambda: score(state)) if state.over else Later(lambda: estimated_score(state, side)),
        supplied=Later(lambda: frozenset(supplied_regions(state, side))),
        blocked=Later(lambda: postures.blocked(state, side)) if not state.over else {},
    )
