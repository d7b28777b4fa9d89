"""The Western front: German progress on the Moscow axis, in km from the border (public information)."""
from __future__ import annotations

import numpy as np

from .state import Event, State


def speed_multiplier(state: State) -> float:
    mult = 1.0
    for last_turn, m in state.front.modifiers:
        if state.turn <= last_turn:
            mult *= m
    return mult


def advance(state: State, rng: np.random.Generator, events: list[Event]) -> None:
    """Move the front one turn: German drive against Soviet strength, season, supply distance, noise."""
    p = state.scenario.tables.front
    if not p.enabled:
        return
    f = state.front
    season = state.season
    noise = float(rng.lognormal(0.0, p.noise_sigma))
    german, soviet = max(f.german, 0.01), max(f.soviet, 0.01)
    ready = p.counter_from is None or state.date >= p.counter_from
    if season == "winter" and ready and soviet >= german * p.counter_ratio:
        # Soviet winter counter-offensive: the stronger the Soviet edge, the further the Germans are pushed,
        # and the further it has come, the more it runs out of breath (it never quite reaches the floor).
        push = min(2.0, soviet / german - p.counter_ratio + 0.5)
        regained = f.peak_km - f.km
        breath = max(0.0, 1.0 - regained / p.counter_max_km) if p.counter_max_km > 0 else 0.0
        delta = -p.counter_km_per_turn * push * noise * breath
    else:
        supply = max(0.05, 1.0 - f.km / p.supply_km)
        ratio = (german / soviet) ** p.exponent
        delta = p.speed_km_per_turn * p.season_mult[season] * speed_multiplier(state) * ratio * supply * noise
    before = f.km
    f.km = round(min(p.max_km, max(0.0, f.km + delta)), 1)
    f.peak_km = max(f.peak_km, f.km)
    f.german = round(f.german * (1.0 - p.german_attrition_per_turn), 4)
    f.soviet = round(f.soviet + p.soviet_reserves_per_turn, 4)
    f.modifiers = tuple(m for m in f.modifiers if m[0] > state.turn)
    events.append(Event("front", f"German advance: {f.km:.0f} km ({f.km - before:+.0f} km)",
                        data={"km": f.km, "delta": round(f.km - before, 1)}))
    for m in p.milestones:
        if f.km >= m.km and m.id not in f.passed:
            f.passed = f.passed + (m.id,)
            if m.moscow:
                f.moscow_fell = True
            if m.speed_mult != 1.0:   # a hard-fought battle for the city costs the Germans weeks
                f.modifiers = f.modifiers + ((state.turn + m.duration_turns, float(m.speed_mult)),)
            events.append(Event("milestone", m.title, note=m.note, data={"id": m.id}))


def add_soviet_strength(state: State, men: int) -> None:
    """Divisions arriving from the Far East stiffen the western front."""
    p = state.scenario.tables.front
    state.front.soviet = round(state.front.soviet + men / p.men_per_strength_point, 4)
