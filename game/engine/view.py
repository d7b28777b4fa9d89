"""``player_view(state, side)``: everything one side may know, and nothing more.

The view is built from what the side may see (its own forces exactly, the enemy through its intelligence
estimates, public facts such as the Western front and who holds which region), never by stripping secrets
from the full state. The UI and the AI only ever receive views. When the game is over, both sides see all.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar, overload

from . import postures
from .board import Board
from .combat import event_seen_by
from .intel import revealed
from .orders import OrderContext, Orders, check_orders, reachable, side_context
from .records import EnemyEstimate, EnemyTotals, FrontView, HistoryRecord, OwnStatus, TurnRecord, WarView
from .scenario import Scenario, other
from .state import Event, Result, State, Unit
from .supply import supplied_regions
from .victory import breakdown, estimated_facts, facts, rounded, totals


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
    enemy: dict[str, EnemyEstimate]        # region -> estimate of the enemy there
    enemy_totals: EnemyTotals              # estimates: men, divisions, tanks, aircraft, oil, stance
    own: OwnStatus                         # own stance, oil, mobilisation
    enemy_south: bool                      # the enemy's southern war is public once begun
    front: FrontView
    war: WarView
    stavka_demand: int | None
    in_transit: tuple[tuple[int, int, float], ...]
    history: tuple[TurnRecord, ...]
    result: Result | None
    revealed: tuple[HistoryRecord, ...] | None   # the whole chronicle, both sides' figures, once it is over
    scenario: Scenario | None = None       # the scenario as published (starting forces, rules, events)
    # Worked out when first read (see ``Later``):
    score: _LazyField[dict[str, int] | None] = _LazyField(None)   # victory points now (the enemy's oil at
    #                                                                its estimate until the end)
    supplied: _LazyField[frozenset[str]] = _LazyField(frozenset())  # own regions linked to an own supply source
    blocked: _LazyField[dict[str, str] | None] = _LazyField(None)  # own postures not to be ordered yet -> why
    # the score part by part, side -> (what for, points), with the enemy's secret parts at their estimates
    score_breakdown: _LazyField[dict[str, list[tuple[str, float]]] | None] = _LazyField(None)
    events: _LazyField[tuple[Event, ...]] = _LazyField(())  # this turn's news as this side may see it (only
    #                                                         the window reads it; the computer players do not)

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
                               self.war.at_war, self.war.declared_by is not None, self.own.south,
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


def _own_history(record: HistoryRecord, side: str, stavka_side: str) -> TurnRecord:
    return TurnRecord(record.turn, record.date, record.front_km, record.men.get(side, 0),
                      record.divisions.get(side, 0), record.tanks.get(side, 0), record.aircraft.get(side, 0),
                      record.oil.get(side), record.stance.get(side), record.actions.get(side),
                      record.estimates[side], record.stavka_demand if side == stavka_side else None,
                      record.owners_changed)


def _history(state: State, side: str) -> tuple[TurnRecord, ...]:
    """The side's history records, extended from those the state's parent worked out (``State.view_history``):
    one new record a turn, not the whole game again (O(T) a game, not O(T^2))."""
    n, last, done = state.view_history.get(side, (0, None, ()))
    history = state.history
    if n > len(history) or (n and history[n - 1] is not last):   # not this game's past: start over
        n, done = 0, ()
    if n < len(history):
        stavka_side = state.scenario.tables.stavka.side
        done += tuple(_own_history(r, side, stavka_side) for r in history[n:])
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
    stavka = sc.tables.stavka
    intel = revealed(state, side) if state.over else ss.intel   # at the end both sides see everything
    oil = intel["oil"]
    news, over = state.last_events, state.over   # as they are now (a test may add an event to a state later)

    @functools.cache
    def parts() -> dict[str, list[tuple[str, float]]]:
        """The score part by part, worked out once for both the score and its breakdown (the enemy's secret
        parts at their estimates until the end)."""
        return breakdown(sc, facts(state) if state.over else estimated_facts(state, side))

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
        # The intelligence records are frozen: the view shares them with the state.
        enemy=dict(intel["regions"]),
        enemy_totals=EnemyTotals(tuple(intel["men"]), tuple(intel["divisions"]), tuple(intel["tanks"]),
                                 tuple(intel["aircraft"]), None if oil is None else tuple(oil), intel["stance"]),
        own=OwnStatus(ss.stance, ss.stance_since, ss.sent_west, ss.bonus_vp, ss.oil, ss.oil_income, ss.south,
                      ss.pool, sum(m for _, m in ss.training), ss.raised, ss.sent_west_in_time),
        enemy_south=state.sides[enemy].south,
        front=FrontView(state.front.km, state.front.peak_km, state.front.moscow_fell, state.front.passed,
                        sc.tables.front.milestones, sc.tables.front.moscow_km),
        war=WarView(known_war, declared_by, war.start_turn if declared_by is not None else None),
        stavka_demand=state.stavka_demand if side == stavka.side and stavka.enabled else None,
        in_transit=tuple(state.transit) if side == stavka.side else (),
        history=_history(state, side),
        result=state.result,
        revealed=copy.deepcopy(tuple(state.history)) if state.over else None,
        scenario=sc,
        score=Later(lambda: rounded(totals(parts()))),
        score_breakdown=Later(parts),
        supplied=Later(lambda: frozenset(supplied_regions(state, side))),
        blocked=Later(lambda: postures.blocked(state, side)) if not state.over else {},
        events=Later(lambda: _events_seen(news, side, over)),
    )


def _events_seen(events: tuple[Event, ...], side: str, over: bool) -> tuple[Event, ...]:
    """The events ``side`` is shown, a battle's breakdown cut to what it may know (until the end, when all
    is revealed)."""
    return tuple(e if over else event_seen_by(e, side) for e in events if side in e.visible_to)
