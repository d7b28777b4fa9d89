"""The small, fixed vocabulary of conditions that scenarios use for events and outcomes.

Conditions are data (a TOML table); every key must hold for the condition to hold. No code is ever
evaluated from a file.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from .state import State, far_east_totals


def _holds_all(state: State, arg: dict[str, list[str]]) -> bool:
    return all(state.owners.get(r) == side for side, regions in arg.items() for r in regions)


def _holds_any(state: State, arg: dict[str, list[str]]) -> bool:
    return all(any(state.owners.get(r) == side for r in regions) for side, regions in arg.items())


def _oil_below(state: State, arg: dict[str, float]) -> bool:
    return all(state.sides[s].oil is not None and state.sides[s].oil < v for s, v in arg.items())


def _oil_at_least(state: State, arg: dict[str, float]) -> bool:
    return all(state.sides[s].oil is not None and state.sides[s].oil >= v for s, v in arg.items())


def _share_below(state: State, arg: dict[str, float]) -> bool:
    """A side's men on the map have fallen below this share of what it started with."""
    return all(far_east_totals(state, s)["men"] < v * state.history[0]["men"][s] if state.history else False
               for s, v in arg.items())


# key -> (expected TOML type, test)
CONDITIONS: dict[str, tuple[type | tuple[type, ...], Callable[[State, Any], bool]]] = {
    "date_from": (dt.date, lambda s, v: s.date >= v),
    "date_until": (dt.date, lambda s, v: s.date <= v),
    "front_km_at_least": ((int, float), lambda s, v: s.front.km >= v),
    "front_km_below": ((int, float), lambda s, v: s.front.km < v),
    "moscow_fell": (bool, lambda s, v: s.front.moscow_fell == v),
    "at_war": (bool, lambda s, v: s.at_war() == v),
    "war_declared_by": (str, lambda s, v: s.war.declared_by == v),
    "south_committed": (bool, lambda s, v: any(ss.south for ss in s.sides.values()) == v),
    "holds": (dict, _holds_all),
    "holds_any": (dict, _holds_any),
    "oil_below": (dict, _oil_below),
    "oil_at_least": (dict, _oil_at_least),
    "men_share_below": (dict, _share_below),
    "turn_at_least": (int, lambda s, v: s.turn >= v),
}


def holds(state: State, condition: dict[str, Any]) -> bool:
    return all(CONDITIONS[key][1](state, value) for key, value in condition.items())
