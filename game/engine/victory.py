"""Victory points and the named outcome of a game."""
from __future__ import annotations

from .conditions import holds
from .state import Result, State


def score(state: State) -> dict[str, int]:
    """Points for enemy regions taken, plus each side's strategic aims (Moscow held, oil kept, the south)."""
    return points(state.scenario, state.owners, state.front.moscow_fell,
                  {side: ss.oil for side, ss in state.sides.items()},
                  {side: ss.south for side, ss in state.sides.items()})


def points(sc, owners: dict[str, str], moscow_fell: bool, oil: dict[str, float | None],
           south: dict[str, bool]) -> dict[str, int]:
    """The score from the facts it depends on (a side's view passes its estimate of the enemy's oil)."""
    v = sc.rules["victory"]
    pts = {side: 0.0 for side in sc.sides}
    for r, owner in owners.items():
        reg = sc.board.regions[r]
        if owner != sc.owners[r]:
            pts[owner] += reg.vp
    if v["moscow_side"] in pts and sc.rules["front"]["enabled"] and not moscow_fell:
        pts[v["moscow_side"]] += v["moscow_held_vp"]
    for side in pts:
        if oil.get(side) is not None:
            pts[side] += min(oil[side], v["oil_vp_cap_months"]) * v["oil_vp_per_month"]
        if south.get(side):
            pts[side] += v["south_vp"]
    return {side: int(round(p)) for side, p in sorted(pts.items())}


def ending_outcome(state: State) -> dict | None:
    """An outcome that ends the game at once (e.g. oil exhausted, the Far East overrun), if one holds."""
    for o in state.scenario.outcomes:
        if o.get("ends_game") and holds(state, o.get("when", {})):
            return o
    return None


def decide(state: State, outcome: dict | None = None) -> Result:
    sc = state.scenario
    pts = score(state)
    if outcome is None:
        outcome = next(o for o in sc.outcomes if holds(state, o.get("when", {})))
    winner = outcome.get("winner", "score")
    if winner == "score":
        margin = sc.rules["victory"]["margin"]
        diff = pts.get("japan", 0) - pts.get("soviet", 0)
        winner = "japan" if diff > margin else "soviet" if diff < -margin else "draw"
    names = {s: sc.sides[s]["name"] for s in sc.sides}
    tally = ", ".join(f"{names[s]} {p}" for s, p in pts.items())
    verdict = "a draw" if winner == "draw" else f"a {names[winner]} victory"
    explanation = f"{outcome.get('explanation', '')} Score: {tally}: {verdict}.".strip()
    return Result(outcome["id"], outcome["title"], winner, pts, explanation)
