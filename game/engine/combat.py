"""Movement and battles.

Battles are a one-round Lanchester-style exchange: each side inflicts losses in proportion to its
effective strength (men, tanks and aircraft, multiplied by type, terrain, fortification, river crossing,
season, supply and morale factors), with lognormal noise. Neither side is assumed to be the attacker:
the defender is whoever held the region when the turn began.
"""
from __future__ import annotations

import numpy as np

from .orders import Move
from .scenario import other
from .state import Event, State, Unit


def move_units(state: State, moves: list[Move]) -> dict[str, tuple[str, str]]:
    """Carry out legal moves; returns unit id -> (origin, edge type of the last step)."""
    moved: dict[str, tuple[str, str]] = {}
    board = state.scenario.board
    for m in moves:
        u = state.units.get(m.unit)
        if u is None:
            continue
        kind = board.edge(u.region, m.to) or "rail"
        moved[u.id] = (u.region, kind)
        u.region = m.to
    return moved


def raw_strength(units: list[Unit], rules: dict) -> float:
    c = rules["combat"]
    return sum(u.men * c["type_factor"][u.kind] + u.tanks * c["tank_men"] + u.aircraft * c["aircraft_men"]
               for u in units)


def side_multiplier(state: State, side: str, units: list[Unit]) -> float:
    c = state.scenario.rules["combat"]
    mult = c["quality"][side]
    if units and not all(u.supplied for u in units):
        mult *= c["unsupplied_mult"]
    ss = state.sides[side]
    if ss.oil is not None and ss.oil <= 0:
        mult *= c["no_oil_mult"]
    if state.front.moscow_fell and side == c["collapse_side"]:
        mult *= c["collapse_mult"]
    return mult


def fight(state: State, region: str, moved: dict[str, tuple[str, str]], start_owners: dict[str, str],
          rng: np.random.Generator, events: list[Event]) -> None:
    sc = state.scenario
    c = sc.rules["combat"]
    reg = sc.board.regions[region]
    defender = start_owners[region]
    attacker = other(defender)
    here = [u for u in state.units.values() if u.region == region]
    d_units = [u for u in here if u.side == defender]
    a_units = [u for u in here if u.side == attacker]
    season = state.season

    d_mult = side_multiplier(state, defender, d_units) * c["terrain"][reg.terrain]
    if reg.side == defender:
        d_mult *= 1.0 + c["fort_per_level"] * reg.fort
    a_mult = side_multiplier(state, attacker, a_units) * c["season_attack"][season]
    crossing = [moved[u.id][1] for u in a_units if u.id in moved]
    if "sea" in crossing:
        a_mult *= c["amphibious_mult"]
    elif "river" in crossing:
        a_mult *= c["river_mult"]
    if state.war.declared_by == attacker and state.turn == state.war.start_turn:
        a_mult *= c["surprise_mult"]

    a_power = raw_strength(a_units, sc.rules) * a_mult
    d_power = raw_strength(d_units, sc.rules) * d_mult
    noise = rng.lognormal(0.0, c["noise_sigma"], size=2)
    a_men = sum(u.men for u in a_units)
    d_men = sum(u.men for u in d_units)
    a_loss = int(min(a_men * c["max_loss"], c["loss_rate"] * d_power * noise[0]))
    d_loss = int(min(d_men * c["max_loss"], c["loss_rate"] * a_power * noise[1]))
    a_lost = apply_losses(a_units, a_loss)
    d_lost = apply_losses(d_units, d_loss)

    a_left = a_power * (1 - a_lost / a_men) if a_men else 0.0
    d_left = d_power * (1 - d_lost / d_men) if d_men else 0.0
    names = {s: sc.sides[s]["name"] for s in (attacker, defender)}
    won = a_left >= c["win_ratio"] * d_left
    title = (f"Battle of {reg.name}: {names[attacker]} " + ("breaks through" if won else "is thrown back"))
    destroyed_men = 0
    if won:
        destroyed_men = _retreat(state, d_units, region, events)
    else:
        for u in a_units:
            origin = moved.get(u.id, (region, ""))[0]
            u.region = origin
    events.append(Event("battle", title,
                        text=f"{names[attacker]} lose {a_lost:,} men, {names[defender]} {d_lost + destroyed_men:,}.",
                        data={"region": region, "attacker": attacker, "winner": attacker if won else defender,
                              "men": {attacker: -a_lost, defender: -(d_lost + destroyed_men)},
                              "cause": "battle"}))


def apply_losses(units: list[Unit], loss: int) -> int:
    """Spread ``loss`` men over ``units`` by size; tanks, aircraft and divisions shrink in proportion."""
    total = sum(u.men for u in units)
    if total <= 0 or loss <= 0:
        return 0
    lost = 0
    for i, u in enumerate(units):
        share = loss - lost if i == len(units) - 1 else round(loss * u.men / total)
        share = min(share, u.men)
        frac = share / u.men if u.men else 0.0
        u.men -= share
        u.tanks = round(u.tanks * (1 - frac))
        u.aircraft = round(u.aircraft * (1 - frac))
        u.divisions = round(u.divisions * (1 - frac), 3)
        lost += share
    return lost


def _retreat(state: State, units: list[Unit], region: str, events: list[Event]) -> int:
    """Beaten defenders fall back to a neighbouring region their side holds; with none, they are lost."""
    board = state.scenario.board
    destroyed = 0
    for u in units:
        options = [n for n, kind in board.neighbours[region]
                   if kind != "sea" and state.owners[n] == u.side
                   and not any(o.region == n and o.side != u.side for o in state.units.values())]
        if options:
            u.region = max(options, key=lambda r: (board.regions[r].supply_source, board.regions[r].fort, r))
        else:
            destroyed += u.men
            del state.units[u.id]
            events.append(Event("destroyed", f"{u.name} is encircled and destroyed",
                                data={"unit": u.id}))
    return destroyed


def _sides_by_region(state: State) -> dict[str, set[str]]:
    """Which sides have units in each occupied region."""
    present: dict[str, set[str]] = {}
    for u in state.units.values():
        present.setdefault(u.region, set()).add(u.side)
    return present


def battles(state: State, moved: dict[str, tuple[str, str]], start_owners: dict[str, str],
            rng: np.random.Generator, events: list[Event]) -> None:
    for region in sorted(r for r, s in _sides_by_region(state).items() if len(s) > 1):
        fight(state, region, moved, start_owners, rng, events)


def capture(state: State, events: list[Event]) -> None:
    """A region passes to the side whose units alone stand in it."""
    for region, sides in sorted(_sides_by_region(state).items()):
        if len(sides) == 1:
            side = next(iter(sides))
            if state.owners[region] != side:
                state.owners[region] = side
                name = state.scenario.board.regions[region].name
                events.append(Event("capture", f"{state.scenario.sides[side]['name']} takes {name}",
                                    data={"region": region, "side": side}))
