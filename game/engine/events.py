"""Scripted events: a date and/or condition, a short note for the players, and effects from a fixed list.

The effects a scenario may use are one table, ``game.engine.effects.EFFECTS`` (what each expects, does and
leaves for a planner to rebuild); scenarios/README.md explains them.
"""
from __future__ import annotations

from typing import Any

from .calendar import turn_date
from .conditions import Decisions, holds
from .effects import apply_effects
from .scenario import SIDES
from .state import Event, State


def due(state: State, event: dict[str, Any], decisions: Decisions | None = None) -> bool:
    if event["id"] in state.fired:
        return False
    if "date" in event:
        sc = state.scenario
        start = turn_date(sc.start, sc.days_per_turn, state.turn)
        end = turn_date(sc.start, sc.days_per_turn, state.turn + 1)
        if not (event["date"] < end and (event["date"] >= start or state.turn == 0)):
            return False
    return holds(state, event.get("when", {}), decisions)


def words(state: State, event: dict[str, Any], decisions: Decisions | None = None) -> dict[str, Any]:
    """The event's title, text and note as this game has it: the first of its ``variants`` whose
    conditions hold replaces the words it gives (a report must say what is true in this game)."""
    chosen = {"title": event["title"], "text": event.get("text", ""), "note": event.get("note", ""),
              "variant": None}
    for i, v in enumerate(event.get("variants", ())):
        if holds(state, v["when"], decisions):
            chosen.update({k: v[k] for k in ("title", "text", "note") if v.get(k) is not None}, variant=i)
            break
    return chosen


def fire_due(state: State, events: list[Event], decisions: Decisions | None = None) -> None:
    """Fire the scripted events due now. ``decisions`` (side -> posture ordered this turn) count in the
    conditions about decisions, since this runs before they are carried out."""
    for ev in state.scenario.events:
        if due(state, ev, decisions):
            state.fired = state.fired | {ev["id"]}
            w = words(state, ev, decisions)
            apply_effects(state, ev.get("effects", {}))
            events.append(Event("scripted", w["title"], text=w["text"], note=w["note"],
                                visible_to=tuple(ev.get("visible_to", SIDES)),
                                data={"id": ev["id"], "variant": w["variant"]}))
