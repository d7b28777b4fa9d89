"""Intelligence: each side's noisy estimates of the other, stored in the state so views are stable.

Estimates are exact only in contact (at war, in or next to a region with own troops). Everything the other
side may know about an enemy's strength passes through here.
"""
from __future__ import annotations

import math

import numpy as np

from .scenario import other
from .state import State


def _band(value: float, factor: float, sigma: float, step: int) -> list[int]:
    est = round(value * factor / step) * step
    return [est, round(est * math.exp(-sigma) / step) * step, round(est * math.exp(sigma) / step) * step]


def update(state: State, rng: np.random.Generator) -> None:
    board = state.scenario.board
    at_war = state.war.start_turn is not None and state.turn >= state.war.start_turn
    for side in sorted(state.scenario.sides):
        enemy = other(side)
        ss = state.sides[side]
        sigma = ss.intel_sigma
        own_regions = {u.region for u in state.units.values() if u.side == side}
        contact = set(own_regions)
        if at_war:
            for r in own_regions:
                contact.update(n for n, _ in board.neighbours[r])
        by_region: dict[str, dict[str, float]] = {}
        for u in state.units.values():
            if u.side == enemy:
                agg = by_region.setdefault(u.region, {"men": 0, "divisions": 0.0, "tanks": 0, "aircraft": 0})
                agg["men"] += u.men
                agg["divisions"] += u.divisions
                agg["tanks"] += u.tanks
                agg["aircraft"] += u.aircraft
        regions = {}
        for r in sorted(by_region):
            agg = by_region[r]
            if r in contact:
                regions[r] = {"men": [agg["men"]] * 3, "divisions": round(agg["divisions"], 1), "exact": True}
            else:
                f = float(rng.lognormal(0.0, sigma))
                regions[r] = {"men": _band(agg["men"], f, sigma, 1000),
                              "divisions": round(agg["divisions"] * f, 1), "exact": False}
        totals = {k: sum(a[k] for a in by_region.values()) for k in ("men", "divisions", "tanks", "aircraft")}
        f_men, f_arm = (float(x) for x in rng.lognormal(0.0, sigma, size=2))
        intel = {
            "regions": regions,
            "men": _band(totals["men"], f_men, sigma, 1000),
            "divisions": [round(totals["divisions"] * f_men, 1),
                          round(totals["divisions"] * f_men * math.exp(-sigma), 1),
                          round(totals["divisions"] * f_men * math.exp(sigma), 1)],
            "tanks": _band(totals["tanks"], f_arm, sigma, 10),
            "aircraft": _band(totals["aircraft"], f_arm, sigma, 10),
            "oil": None,
            "stance": ss.intel.get("stance"),
        }
        es = state.sides[enemy]
        if es.oil is not None:
            est = es.oil * float(rng.lognormal(0.0, sigma))
            intel["oil"] = [round(est, 1), round(est * math.exp(-sigma), 1), round(est * math.exp(sigma), 1)]
        ss.intel = intel
