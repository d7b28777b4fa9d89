"""Supply: a unit is supplied when own regions link it to one of its side's supply sources, or to a depot
that still has stores.

Depots (``supply.depots``: region -> turns of stores) are the dumps of the Far Eastern cities. While linked
to a source they stay full; cut off, they feed the units linked to them for that many turns, one turn of
stores a turn, so one cut railway line is a siege, not an instant collapse.
"""
from __future__ import annotations

from collections import deque

from .combat import apply_losses
from .state import Event, State


def _spread(state: State, side: str, start: list[str]) -> set[str]:
    """Own regions linked to ``start`` (by sea too, where the side may use the sea)."""
    board = state.scenario.board
    sea_ok = state.scenario.tables.supply.sea_at_war[side] or not state.at_war()
    seen = set(start)
    queue = deque(start)
    while queue:
        r = queue.popleft()
        for n, kind in board.neighbours[r]:
            if n not in seen and state.owners[n] == side and (kind != "sea" or sea_ok):
                seen.add(n)
                queue.append(n)
    return seen


def _sources(state: State, side: str) -> list[str]:
    return [r for r, reg in state.scenario.board.regions.items()
            if reg.supply_source and reg.side == side and state.owners[r] == side]


def open_depots(state: State, side: str, reach: set[str]) -> list[str]:
    """The side's depots that are cut off from every source but still hold stores."""
    regions = state.scenario.board.regions
    return [r for r, left in sorted(state.depots.items())
            if regions[r].side == side and state.owners[r] == side and r not in reach and left > 0]


def supplied_regions(state: State, side: str) -> set[str]:
    reach = _spread(state, side, _sources(state, side))
    depots = open_depots(state, side, reach)
    return reach | _spread(state, side, depots) if depots else reach


def supply_and_attrition(state: State, events: list[Event]) -> None:
    rules = state.scenario.tables.supply
    loss_rate = rules.unsupplied_loss
    reach: dict[str, set[str]] = {}
    for side in state.scenario.sides:
        main = _spread(state, side, _sources(state, side))
        reach[side] = set(main)
        for depot in open_depots(state, side, main):
            fed = _spread(state, side, [depot])
            reach[side] |= fed
            if any(u.side == side and u.region in fed for u in state.units.values()):
                state.depots[depot] -= 1
                name = state.scenario.board.regions[depot].name
                left = state.depots[depot]
                events.append(Event("depot", f"{name} is cut off and lives on its depot",
                                    text=(f"{left} turn{'s' if left != 1 else ''} of stores left." if left
                                          else "The last stores are issued: next turn its troops go hungry."),
                                    visible_to=(side,), data={"region": depot, "left": left}))
        for depot, full in rules.depots.items():
            if depot in main and state.owners[depot] == side and state.scenario.board.regions[depot].side == side:
                state.depots[depot] = full   # linked again: the railway refills the dumps
    for u in list(state.units.values()):
        u.supplied = u.region in reach[u.side]
        if not u.supplied:
            lost = apply_losses([u], max(1, round(u.men * loss_rate)))
            if u.men <= 0:
                del state.units[u.id]
            region = state.scenario.board.regions[u.region].name
            events.append(Event("attrition", f"{u.name} is cut off at {region} and wastes away",
                                text=f"{lost:,} men lost without supply.", visible_to=(u.side,),
                                data={"men": {u.side: -lost}, "cause": "attrition", "side": u.side,
                                      "region": u.region, "unit": u.id}))
