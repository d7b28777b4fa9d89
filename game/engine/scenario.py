"""The validated scenario as the rules see it: plain, immutable data.

``game.scenario`` builds it from TOML and checks every field; the engine trusts it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError, dataclass, field
from functools import cached_property
from typing import Any

from .board import Board
from .calendar import total_turns
from .rules import RuleTables, build_tables

SIDES = ("japan", "soviet")
UNIT_KINDS = ("infantry", "armour", "cavalry", "fortress")


def other(side: str) -> str:
    return "soviet" if side == "japan" else "japan"


@dataclass(slots=True)
class UnitSpec:
    """A formation as the scenario sets it up; also the fields every ``state.Unit`` has (its one definition:
    a unit is a spec that the rules move and wear down). A spec itself is never changed: see ``__setattr__``."""

    id: str
    side: str
    name: str
    kind: str
    region: str
    men: int
    divisions: float
    tanks: int = 0
    aircraft: int = 0

    def __setattr__(self, name: str, value: Any) -> None:
        # Read-only once set up (a scenario is shared by every game played from it); ``Unit`` puts back the
        # plain, fast attribute setting.
        if hasattr(self, name):
            raise FrozenInstanceError(f"cannot assign to field {name!r} of a scenario's unit")
        object.__setattr__(self, name, value)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    summary: str
    note: str
    start: dt.date
    end: dt.date
    days_per_turn: int
    board: Board
    owners: dict[str, str]
    sides: dict[str, dict[str, Any]]
    units: tuple[UnitSpec, ...]
    rules: dict[str, Any]
    events: tuple[dict[str, Any], ...] = ()
    outcomes: tuple[dict[str, Any], ...] = ()
    ai: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    premise: str = ""              # the counterfactual's argument: what it assumes and why that is plausible
    suggested_side: str | None = None   # the side a new player is meant to take (the tutorial's USSR)
    source: str = ""               # the file it was loaded from (so tools can load it again by path)

    @property
    def turns(self) -> int:
        """How many turns the scenario lasts."""
        return total_turns(self.start, self.end, self.days_per_turn)

    @cached_property
    def tables(self) -> RuleTables:
        """The rules tables the engine reads most, typed (``game.engine.rules``); built once, on first use
        (the loader asks at once, so a scenario is checked whole when it loads)."""
        return build_tables(self.rules)

    @property
    def seasons_by_month(self) -> dict[int, str]:
        by_month: dict[int, str] = self.rules["calendar"]["by_month"]
        return by_month
