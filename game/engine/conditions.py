"""The small, fixed vocabulary of conditions that scenarios use for events and outcomes.

Conditions are data (a TOML table); every key must hold for the condition to hold. No code is ever
evaluated from a file.

Scripted events are checked at the start of a turn's resolution, before the sides' decisions of that turn
are carried out; ``holds`` may be given those decisions (side -> posture) so that the words about
decisions (``war_declared``, ``war_declared_by``, ``south_committed``) already count them: an event must
not report "no attack" in the same turn report as "Japan orders the attack". ``stance`` is the stance the
turn began with, the one an intelligence report (effect ``reveal_stance``) shows.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Callable

from .orders import SOUTH_ACTION, WAR_ACTIONS
from .scenario import SIDES
from .state import State, far_east_totals

Decisions = dict[str, str | None]   # side -> the posture ordered this turn (None: no change)


def _holds_all(state: State, arg: dict[str, list[str]], _d: Decisions) -> bool:
    return all(state.owners.get(r) == side for side, regions in arg.items() for r in regions)


def _holds_any(state: State, arg: dict[str, list[str]], _d: Decisions) -> bool:
    return all(any(state.owners.get(r) == side for r in regions) for side, regions in arg.items())


def _oil_below(state: State, arg: dict[str, float], _d: Decisions) -> bool:
    return all((oil := state.sides[s].oil) is not None and oil < v for s, v in arg.items())


def _oil_at_least(state: State, arg: dict[str, float], _d: Decisions) -> bool:
    return all((oil := state.sides[s].oil) is not None and oil >= v for s, v in arg.items())


def _share_below(state: State, arg: dict[str, float], _d: Decisions) -> bool:
    """A side's men on the map have fallen below this share of what it started with."""
    return all(far_east_totals(state, s)["men"] < v * state.history[0].men[s] if state.history else False
               for s, v in arg.items())


def declarer(state: State, decisions: Decisions) -> str | None:
    """Who has declared war, counting a declaration ordered this turn (the first side's stands, as in
    ``forces.apply_posture``)."""
    if state.war.declared_by is not None:
        return state.war.declared_by
    return next((s for s in SIDES if decisions.get(s) in WAR_ACTIONS), None)


def _stance_in(state: State, arg: dict[str, list[str]], _d: Decisions) -> bool:
    return all(s in state.sides and state.sides[s].stance in stances for s, stances in arg.items())


# key -> (expected TOML type, test(state, value, decisions))
CONDITIONS: dict[str, tuple[type | tuple[type, ...], Callable[[State, Any, Decisions], bool]]] = {
    "date_from": (dt.date, lambda s, v, _d: s.date >= v),
    "date_until": (dt.date, lambda s, v, _d: s.date <= v),
    "front_km_at_least": ((int, float), lambda s, v, _d: s.front.km >= v),
    "front_km_below": ((int, float), lambda s, v, _d: s.front.km < v),
    "moscow_fell": (bool, lambda s, v, _d: s.front.moscow_fell == v),
    "at_war": (bool, lambda s, v, _d: s.at_war() == v),
    "war_declared": (bool, lambda s, v, d: (declarer(s, d) is not None) == v),
    "war_declared_by": (str, lambda s, v, d: declarer(s, d) == v),
    "stance": (dict, _stance_in),
    "south_committed": (bool, lambda s, v, d: (any(ss.south for ss in s.sides.values())
                                               or SOUTH_ACTION in d.values()) == v),
    "holds": (dict, _holds_all),
    "holds_any": (dict, _holds_any),
    "oil_below": (dict, _oil_below),
    "oil_at_least": (dict, _oil_at_least),
    "men_share_below": (dict, _share_below),
    "turn_at_least": (int, lambda s, v, _d: s.turn >= v),
}


def holds(state: State, condition: Mapping[str, Any], decisions: Decisions | None = None) -> bool:
    d = decisions or {}
    return all(CONDITIONS[key][1](state, value, d) for key, value in condition.items())
