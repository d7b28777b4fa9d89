"""The full game state. Only the rules read it whole; players see ``player_view`` of it."""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .calendar import season_of, turn_date
from .records import HistoryRecord, TurnRecord
from .scenario import SIDES, Scenario, UnitSpec


@dataclass(slots=True)
class Unit(UnitSpec):
    """A formation in play: the scenario's fields (``UnitSpec``), changed by the rules, and its supply."""

    supplied: bool = True

    __setattr__ = object.__setattr__  # type: ignore[assignment]  # units change all the time: not read-only

    @classmethod
    def from_spec(cls, spec: UnitSpec) -> "Unit":
        return cls(spec.id, spec.side, spec.name, spec.kind, spec.region, spec.men, spec.divisions, spec.tanks,
                   spec.aircraft)

    def copy(self) -> "Unit":
        # Explicit, because copy.copy of a slotted dataclass is several times slower (state clones are hot).
        return Unit(self.id, self.side, self.name, self.kind, self.region, self.men, self.divisions,
                    self.tanks, self.aircraft, self.supplied)


@dataclass(slots=True)
class SideState:
    stance: str
    stance_since: int = 0             # the turn the current stance was taken
    oil: float | None = None          # months of reserve; None when the side has no oil model
    oil_income: float = 0.0           # months gained per month
    south: bool = False               # committed to the Pacific war
    south_turn: int | None = None
    pool: int = 0                     # men still available to mobilise
    training: list[tuple[int, int]] = field(default_factory=list)  # (ready turn, men)
    raised: int = 0                   # new formations so far (for their names)
    sent_west: float = 0.0            # divisions sent to the western front so far
    sent_west_in_time: float = 0.0    # ... of them, those entrained by the scenario's deadline
    bonus_vp: float = 0.0             # points the other side's decisions have paid to this side
    intel_sigma: float = 0.3
    intel: dict[str, Any] = field(default_factory=dict)  # this side's estimates of the enemy


@dataclass(slots=True)
class FrontState:
    km: float
    german: float
    soviet: float
    peak_km: float
    moscow_fell: bool = False
    passed: tuple[str, ...] = ()
    modifiers: tuple[tuple[int, float], ...] = ()  # (last turn, speed multiplier)


@dataclass(slots=True)
class War:
    declared_by: str | None = None
    start_turn: int | None = None     # X-hour: the turn the fighting starts

    def active(self, turn: int) -> bool:
        return self.start_turn is not None and turn >= self.start_turn

    def known_to(self, side: str, turn: int) -> bool:
        """Whether ``side`` knows the war is on: the attacker from X-hour, the side attacked only once the
        first turn of fighting is over (a surprise attack is a surprise)."""
        if self.declared_by == side:
            return self.active(turn)
        return self.start_turn is not None and turn > self.start_turn


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    title: str
    text: str = ""
    note: str = ""                    # a short historical note for the players
    visible_to: tuple[str, ...] = SIDES
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Result:
    outcome: str
    title: str
    winner: str
    score: dict[str, int]
    explanation: str


@dataclass(slots=True)
class State:
    scenario: Scenario
    seed: int
    turn: int
    units: dict[str, Unit]
    owners: dict[str, str]
    front: FrontState
    sides: dict[str, SideState]
    war: War
    transit: list[tuple[int, int, float]]         # (arrival turn, men, divisions) travelling west
    stavka_demand: int = 0
    depots: dict[str, int] = field(default_factory=dict)  # region -> turns of supply in store
    fired: frozenset[str] = frozenset()
    effects: tuple[tuple[int, str, Any], ...] = ()  # (last turn, effect key, value) from events
    history: list[HistoryRecord] = field(default_factory=list)
    last_events: tuple[Event, ...] = ()
    result: Result | None = None
    # Not part of the game: each side's view of ``history`` as far as worked out (see ``view._history``):
    # side -> (records done, the last of them, the side's records).
    view_history: dict[str, tuple[int, HistoryRecord | None, tuple[TurnRecord, ...]]] = field(
        default_factory=dict, compare=False, repr=False)

    # --- derived ---------------------------------------------------------------------------
    @property
    def date(self) -> dt.date:
        sc = self.scenario
        return turn_date(sc.start, sc.days_per_turn, self.turn)

    @property
    def season(self) -> str:
        return season_of(self.date, self.scenario.seasons_by_month)

    @property
    def last_turn(self) -> int:
        sc = self.scenario
        return sc.turns - 1

    @property
    def over(self) -> bool:
        return self.result is not None

    def at_war(self) -> bool:
        return self.war.active(self.turn)

    def units_of(self, side: str) -> list[Unit]:
        return [u for u in self.units.values() if u.side == side]

    def clone(self) -> "State":
        """A copy the rules may change without touching this state."""
        return State(
            scenario=self.scenario,
            seed=self.seed,
            turn=self.turn,
            units={k: u.copy() for k, u in self.units.items()},
            owners=dict(self.owners),
            front=copy.copy(self.front),
            sides={k: _copy_side(s) for k, s in self.sides.items()},
            war=copy.copy(self.war),
            transit=list(self.transit),
            stavka_demand=self.stavka_demand,
            depots=dict(self.depots),
            fired=self.fired,
            effects=self.effects,
            history=list(self.history),
            last_events=self.last_events,
            result=self.result,
            view_history=dict(self.view_history),
        )

    def to_dict(self) -> dict[str, Any]:
        """Everything that defines the state, as plain JSON-ready data."""
        return {
            "scenario": self.scenario.id,
            "scenario_hash": self.scenario.content_hash,
            "seed": self.seed,
            "turn": self.turn,
            "units": {k: asdict(u) for k, u in sorted(self.units.items())},
            "owners": dict(sorted(self.owners.items())),
            "front": asdict(self.front),
            "sides": {k: asdict(s) for k, s in sorted(self.sides.items())},
            "war": asdict(self.war),
            "transit": self.transit,
            "stavka_demand": self.stavka_demand,
            "depots": dict(sorted(self.depots.items())),
            "fired": sorted(self.fired),
            "effects": [list(e) for e in self.effects],
            "history": [h.to_dict() for h in self.history],
            "result": asdict(self.result) if self.result else None,
        }


def _copy_side(s: SideState) -> SideState:
    c = copy.copy(s)
    c.training = list(s.training)
    return c


def state_hash(state: State) -> str:
    """A hex digest of the whole state: equal states, equal hashes, on every machine."""
    text = json.dumps(state.to_dict(), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def far_east_totals(state: State, side: str) -> dict[str, float]:
    men = divisions = tanks = aircraft = 0.0
    for u in state.units.values():
        if u.side == side:
            men += u.men
            divisions += u.divisions
            tanks += u.tanks
            aircraft += u.aircraft
    return {"men": int(men), "divisions": round(divisions, 2), "tanks": int(tanks), "aircraft": int(aircraft)}
