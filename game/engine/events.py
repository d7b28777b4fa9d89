"""Scripted events: a date and/or condition, a short note for the players, and effects from a fixed list.

The effects a scenario may use, and their types, are declared in ``game.scenario.spec.EFFECTS`` and
explained in scenarios/README.md; ``apply_effects`` carries them out.
"""
from __future__ import annotations

from typing import Any

from .calendar import turn_date
from .conditions import Decisions, holds
from .scenario import SIDES, other
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


def apply_effects(state: State, fx: dict[str, Any]) -> None:
    last = state.turn + fx.get("duration_turns", 1) - 1
    f = state.front
    if "front_speed_mult" in fx:
        f.modifiers = f.modifiers + ((last, float(fx["front_speed_mult"])),)
    f.german = round(f.german + fx.get("german_strength_add", 0.0), 4)
    f.soviet = round(f.soviet + fx.get("soviet_strength_add", 0.0), 4)
    if "embargo" in fx:
        state.sides[fx["embargo"]].oil_income = 0.0
    for side, months in fx.get("oil_add", {}).items():
        if state.sides[side].oil is not None:
            state.sides[side].oil = round(max(0.0, state.sides[side].oil + months), 3)
    for side, sigma in fx.get("intel_sigma", {}).items():
        state.sides[side].intel_sigma = float(sigma)
    if "reveal_stance" in fx:
        side = fx["reveal_stance"]
        ss = state.sides[side]
        stance = "strike_south" if ss.south else ss.stance
        # A new dict, not an update in place: a cloned state shares its predecessor's intel dicts.
        observer = state.sides[other(side)]
        observer.intel = {**observer.intel, "stance": stance}
    if "stavka_extra_divisions" in fx:
        state.effects = state.effects + ((last, "stavka_extra_divisions", fx["stavka_extra_divisions"]),)
    if fx.get("end_game"):
        state.effects = state.effects + ((state.turn, "end_game", True),)
