"""Victory points and the named outcome of a game."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from .conditions import holds
from .scenario import Scenario
from .state import Result, State


@dataclass(frozen=True)
class Facts:
    """What the score depends on, side by side. A side's view fills the enemy's secret parts (oil, men,
    divisions sent west) from its estimates; at the end of the game the true figures are used."""

    owners: dict[str, str]
    front_km: float
    moscow_fell: bool
    oil: dict[str, float | None]
    south: dict[str, bool]
    sent_west: dict[str, float]
    sent_in_time: dict[str, float]     # ... of them, those sent by the scenario's deadline
    bonus: dict[str, float]
    army_share: dict[str, float]       # men on the map now, as a share of the side's largest size


def facts(state: State) -> Facts:
    sides = state.sides
    share = {}
    for side in sides:
        peak = max((h.men.get(side, 0) for h in state.history), default=0)
        now = sum(u.men for u in state.units.values() if u.side == side)
        share[side] = min(1.0, now / peak) if peak else 1.0
    return Facts(state.owners, state.front.km, state.front.moscow_fell,
                 {s: ss.oil for s, ss in sides.items()}, {s: ss.south for s, ss in sides.items()},
                 {s: ss.sent_west for s, ss in sides.items()}, {s: ss.sent_west_in_time for s, ss in sides.items()},
                 {s: ss.bonus_vp for s, ss in sides.items()}, share)


def points(sc: Scenario, f: Facts) -> dict[str, float]:
    """Victory points: the sum of each side's parts (``breakdown``)."""
    return totals(breakdown(sc, f))


def totals(parts: dict[str, list[tuple[str, float]]]) -> dict[str, float]:
    """Each side's parts added in their order, one by one (not ``sum``: from Python 3.12 it compensates
    rounding, and a score must come out the same, bit for bit, on every Python)."""
    pts = {}
    for side, items in parts.items():
        total = 0.0
        for _, value in items:
            total += value
        pts[side] = total
    return dict(sorted(pts.items()))


def breakdown(sc: Scenario, f: Facts) -> dict[str, list[tuple[str, float]]]:
    """Each side's victory points, part by part (what it is for, points): enemy regions taken; its strategic
    aims (the Western front held short of Moscow, divisions sent west, oil kept, the south, an army kept
    intact); and what the other side's decisions paid (e.g. for breaking the neutrality pact). Parts worth
    nothing are left out."""
    v = sc.tables.victory
    parts: dict[str, list[tuple[str, float]]] = {side: [] for side in sc.sides}

    def add(side: str, what: str, value: float) -> None:
        if value:
            parts[side].append((what, value))

    taken = {side: 0.0 for side in sc.sides}
    for r, owner in f.owners.items():
        if owner != sc.owners[r]:
            taken[owner] += v.region_vp.get(r, sc.board.regions[r].vp)
    for side, value in taken.items():
        add(side, "regions taken", value)
    ms = v.moscow_side
    if ms in parts and sc.tables.front.enabled:
        goal = next((m.place for m in sc.tables.front.milestones if m.moscow), "the goal")
        if not f.moscow_fell:
            add(ms, f"{goal} held", v.moscow_held_vp)
        short = max(0.0, sc.tables.front.moscow_km - f.front_km)
        add(ms, f"front {short:.0f} km short of {goal}", v.front_vp_per_100km * short / 100.0)
    stavka = sc.tables.stavka
    for side in parts:
        oil = f.oil.get(side)
        if oil is not None:
            add(side, f"oil for {oil:.0f} months", min(oil, v.oil_vp_cap_months) * v.oil_vp_per_month)
        if f.south.get(side):
            add(side, "the southern resources", v.south_vp)
        if stavka.enabled and side == stavka.side:
            sent, in_time = f.sent_west.get(side, 0.0), f.sent_in_time.get(side, 0.0)
            late_vp = v.sent_west_vp_per_division if v.sent_west_late_vp_per_division is None \
                else v.sent_west_late_vp_per_division
            late = max(0.0, sent - in_time)
            what = f"{sent:.0f} divisions sent west"
            if v.sent_west_deadline is not None:
                by = f"{v.sent_west_deadline.day} {v.sent_west_deadline:%b}"
                what = f"divisions sent west ({in_time:.0f} by {by}, {late:.0f} later)" if late else what + f" by {by}"
            add(side, what, in_time * v.sent_west_vp_per_division + late * late_vp)
        add(side, "the enemy's decisions", f.bonus.get(side, 0.0))
        kept = f.army_share.get(side, 1.0)
        add(side, f"army kept ({kept:.0%})", v.army_vp.get(side, 0.0) * kept)
    return parts


def score_parts(state: State) -> dict[str, float]:
    return points(state.scenario, facts(state))


def score(state: State) -> dict[str, int]:
    return rounded(score_parts(state))


def estimated_score(state: State, side: str) -> dict[str, int]:
    """The score as ``side`` can reckon it during the game: the enemy's secret parts at their estimates."""
    return rounded(points(state.scenario, estimated_facts(state, side)))


def estimated_facts(state: State, side: str) -> Facts:
    """The facts of the score as ``side`` knows them: the enemy's secret parts at their estimates."""
    enemy = next(s for s in state.sides if s != side)
    intel = state.sides[side].intel
    f = facts(state)
    oil = intel.get("oil")
    seen = [h.estimates[side].men[0] for h in state.history if side in h.estimates]
    now_men = intel["men"][0] if intel.get("men") else 0
    share = min(1.0, now_men / max(seen + [now_men])) if now_men else f.army_share[enemy]
    first_div = state.history[0].estimates[side].divisions[0] if state.history else 0
    sent = max(0.0, first_div - intel["divisions"][0]) if intel.get("divisions") else 0.0
    in_time = sent_in_time_estimate(state.scenario, [(h.date, h.estimates[side].divisions[0])
                                                     for h in state.history if side in h.estimates],
                                    state.date, sent)
    return replace(
        f, oil={**f.oil, enemy: (oil[0] if oil else None) if f.oil.get(enemy) is not None else None},
        army_share={**f.army_share, enemy: share}, sent_west={**f.sent_west, enemy: sent},
        sent_in_time={**f.sent_in_time, enemy: in_time})


def sent_in_time_estimate(sc: Scenario, seen: list[tuple[str, float]], today: dt.date, sent: float) -> float:
    """The enemy's divisions sent west by the deadline, as far as the drop in its estimated divisions tells
    (``seen``: the estimate after each turn so far, dated when the next turn begins)."""
    deadline = sc.tables.victory.sent_west_deadline
    if deadline is None or today <= deadline or not seen:
        return sent
    step = dt.timedelta(days=sc.days_per_turn)
    before = [d for day, d in seen if dt.date.fromisoformat(day) - step <= deadline]
    return min(sent, max(0.0, seen[0][1] - before[-1])) if before else 0.0


def rounded(pts: dict[str, float]) -> dict[str, int]:
    return {side: int(round(p)) for side, p in pts.items()}


def ending_outcome(state: State) -> dict[str, Any] | None:
    """An outcome that ends the game at once (e.g. oil exhausted, the Far East overrun), if one holds."""
    for o in state.scenario.outcomes:
        if o.get("ends_game") and holds(state, o.get("when", {})):
            return o
    return None


def decide(state: State, outcome: dict[str, Any] | None = None) -> Result:
    sc = state.scenario
    pts = score(state)
    if outcome is None:
        outcome = next(o for o in sc.outcomes if holds(state, o.get("when", {})))
    winner = outcome.get("winner", "score")
    if winner == "score":
        margin = sc.tables.victory.margin
        diff = pts.get("japan", 0) - pts.get("soviet", 0)
        winner = "japan" if diff > margin else "soviet" if diff < -margin else "draw"
    names = {s: sc.sides[s]["name"] for s in sc.sides}
    tally = ", ".join(f"{names[s]} {p}" for s, p in pts.items())
    verdict = "a draw" if winner == "draw" else f"a {names[winner]} victory"
    explanation = f"{outcome.get('explanation', '')} Score: {tally}: {verdict}.".strip()
    return Result(outcome["id"], outcome["title"], winner, pts, explanation)
