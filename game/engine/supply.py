"""Supply: a unit is supplied when own regions link it to one of its side's supply sources."""
from __future__ import annotations

from collections import deque

from .combat import apply_losses
from .state import Event, State


def supplied_regions(state: State, side: str) -> set[str]:
    board = state.scenario.board
    at_war = state.at_war()
    sea_ok = state.scenario.rules["supply"]["sea_at_war"][side] or not at_war
    start = [r for r, reg in board.regions.items()
             if reg.supply_source and reg.side == side and state.owners[r] == side]
    seen = set(start)
    queue = deque(start)
    while queue:
        r = queue.popleft()
        for n, kind in board.neighbours[r]:
            if n not in seen and state.owners[n] == side and (kind != "sea" or sea_ok):
                seen.add(n)
                queue.append(n)
    return seen


def supply_and_attrition(state: State, events: list[Event]) -> None:
    loss_rate = state.scenario.rules["supply"]["unsupplied_loss"]
    reach = {side: supplied_regions(state, side) for side in state.scenario.sides}
    for u in list(state.units.values()):
        u.supplied = u.region in reach[u.side]
        if not u.supplied:
            lost = apply_losses([u], max(1, round(u.men * loss_rate)))
            if u.men <= 0:
                del state.units[u.id]
            events.append(Event("attrition", f"{u.name} is cut off and wastes away",
                                text=f"{lost:,} men lost without supply.", visible_to=(u.side,),
                                data={"men": {u.side: -lost}, "cause": "attrition", "side": u.side,
                                      "region": u.region, "unit": u.id}))
