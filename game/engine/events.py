"""Scripted events: a date and/or condition, a short note for the players, and effects from a fixed list.

The effects a scenario may use, and their types, are declared in ``game.scenario.spec.EFFECTS`` and
explained in scenarios/README.md; ``apply_effects`` carries them out.
"""
from __future__ import annotations

from typing import Any

from .calendar import turn_date
from .conditions import holds
from .scenario import SIDES, other
from .state import Event, State


def due(state: State, event: dict[str, Any]) -> bool:
    if event["id"] in state.fired:
        return False
    if "date" in event:
        sc = state.scenario
        start = turn_date(sc.start, sc.days_per_turn, state.turn)
        end = turn_date(sc.start, sc.days_per_turn, state.turn + 1)
        if not (event["date"] < end and (event["date"] >= start or state.turn == 0)):
            return False
    return holds(state, event.get("when", {}))


def fire_due(state: State, events: list[Event]) -> None:
    for ev in state.scenario.events:
        if due(state, ev):
            state.fired = state.fired | {ev["id"]}
            apply_effects(state, ev.get("effects", {}))
            events.append(Event("scripted", ev["title"], text=ev.get("text", ""), note=ev.get("note", ""),
                                visible_to=tuple(ev.get("visible_to", SIDES)), data={"id": ev["id"]}))


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
