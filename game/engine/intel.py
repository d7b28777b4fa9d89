"""Intelligence: each side's noisy estimates of the other, stored in the state so views are stable.

Estimates are exact only in contact (at war, in or next to a region with own troops). Everything the other
side may know about an enemy's strength passes through here. An estimate's error persists from turn to
turn (a first-order autoregressive walk in log space, ``persistence`` per side) because an intelligence
service's picture drifts rather than jumping about; its spread stays ``sigma``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .records import EnemyEstimate
from .scenario import other
from .state import State


def _band(value: float, factor: float, low: float, high: float, step: int) -> list[int]:
    """[estimate, low, high] rounded to ``step``; ``low`` and ``high`` are exp(-sigma) and exp(sigma)."""
    est = round(value * factor / step) * step
    return [est, round(est * low / step) * step, round(est * high / step) * step]


def update(state: State, rng: np.random.Generator) -> None:
    board = state.scenario.board
    at_war = state.at_war()
    # One pass over the units: where each side stands, and each side's strength by region.
    regions_of: dict[str, set[str]] = {}
    strength: dict[str, dict[str, list[float]]] = {}
    for u in state.units.values():
        regions_of.setdefault(u.side, set()).add(u.region)
        agg = strength.setdefault(u.side, {}).get(u.region)
        if agg is None:
            strength[u.side][u.region] = [u.men, u.divisions, u.tanks, u.aircraft]
        else:
            agg[0] += u.men
            agg[1] += u.divisions
            agg[2] += u.tanks
            agg[3] += u.aircraft
    for side in sorted(state.scenario.sides):
        enemy = other(side)
        ss = state.sides[side]
        sigma = ss.intel_sigma
        own_regions = regions_of.get(side, set())
        contact = set(own_regions)
        if at_war:
            for r in own_regions:
                contact.update(n for n, _ in board.neighbours[r])
        by_region = strength.get(enemy, {})
        in_order = sorted(by_region)
        unseen = [r for r in in_order if r not in contact]
        rho = state.scenario.tables.intel[side].persistence
        keep = math.sqrt(1.0 - rho * rho)   # the share of a fresh shock in this turn's error
        before = ss.intel.get("errors", {})
        errors: dict[str, float] = {}

        def drift(key: str, shock: float) -> float:
            z = shock if key not in before else rho * before[key] + keep * shock
            errors[key] = round(z, 6)
            return math.exp(errors[key])

        # One draw per unseen region in region order, then the totals and the oil.
        shocks = rng.normal(0.0, sigma, size=len(unseen) + 3).tolist()
        factors = {r: drift(f"region:{r}", shocks[i]) for i, r in enumerate(unseen)}
        low, high = math.exp(-sigma), math.exp(sigma)
        # Typed records from the start: every view of this turn shares them (they are frozen).
        regions: dict[str, EnemyEstimate] = {}
        for r in in_order:
            men, divisions = int(by_region[r][0]), by_region[r][1]   # men: a sum of whole numbers
            if r in contact:
                regions[r] = EnemyEstimate((men, men, men), round(divisions, 1), True)
            else:
                f = factors[r]
                centre, below, above = _band(men, f, low, high, 1000)
                regions[r] = EnemyEstimate((centre, below, above), round(divisions * f, 1), False)
        # Column sums (men, divisions, tanks, aircraft) in region order, as sum() over each column.
        totals = [sum(column) for column in zip(*by_region.values())] if by_region else [0, 0, 0, 0]
        in_contact = [a for r, a in by_region.items() if r in contact]
        seen = [sum(column) for column in zip(*in_contact)] if in_contact else [0, 0, 0, 0]
        f_men, f_arm = drift("men", shocks[-3]), drift("armour", shocks[-2])

        def total(i: int, f: float, step: float) -> Sequence[float]:
            """The overall estimate: what is in contact counts exactly (as the counters show it), the rest
            carries the overall error. With nothing in contact this is exactly the old estimate."""
            if not any(seen):
                if step == 0.1:
                    return [round(totals[i] * f, 1), round(totals[i] * f * low, 1), round(totals[i] * f * high, 1)]
                return _band(totals[i], f, low, high, int(step))
            rest = totals[i] - seen[i]
            values = [seen[i] + rest * f * k for k in (1.0, low, high)]
            return [round(v, 1) for v in values] if step == 0.1 else [round(v / step) * step for v in values]

        intel = {
            "regions": regions,
            "men": total(0, f_men, 1000),
            "divisions": total(1, f_men, 0.1),
            "tanks": total(2, f_arm, 10),
            "aircraft": total(3, f_arm, 10),
            "oil": None,
            "stance": ss.intel.get("stance"),
        }
        es = state.sides[enemy]
        if es.oil is not None:
            est = es.oil * drift("oil", shocks[-1])
            intel["oil"] = [round(est, 1), round(est * low, 1), round(est * high, 1)]
        intel["errors"] = errors   # the side's own hidden error: never shown in a view
        ss.intel = intel


def revealed(state: State, side: str) -> dict[str, Any]:
    """The enemy as it really is, in the shape of an estimate: what both sides see once the game is over."""
    enemy = other(side)
    men_at: dict[str, int] = {}
    divisions_at: dict[str, float] = {}
    totals: list[float] = [0, 0.0, 0, 0]
    for u in state.units.values():
        if u.side != enemy:
            continue
        men_at[u.region] = men_at.get(u.region, 0) + u.men
        divisions_at[u.region] = divisions_at.get(u.region, 0.0) + u.divisions
        for i, v in enumerate((u.men, u.divisions, u.tanks, u.aircraft)):
            totals[i] += v
    regions = {r: EnemyEstimate((men, men, men), round(divisions_at[r], 1), True) for r, men in men_at.items()}
    oil = state.sides[enemy].oil
    return {"regions": dict(sorted(regions.items())), "men": [totals[0]] * 3,
            "divisions": [round(totals[1], 1)] * 3, "tanks": [totals[2]] * 3, "aircraft": [totals[3]] * 3,
            "oil": None if oil is None else [round(oil, 1)] * 3,
            "stance": "strike_south" if state.sides[enemy].south else state.sides[enemy].stance}
