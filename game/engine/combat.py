"""Movement and battles.

Battles are a one-round Lanchester-style exchange: each side inflicts losses in proportion to its
effective strength (men, tanks and aircraft, multiplied by type, terrain, fortification, river crossing,
season, supply and morale factors), with lognormal noise. Neither side is assumed to be the attacker:
the defender is whoever held the region when the turn began.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from .board import Region
from .orders import Move
from .records import EnemyEstimate
from .rng import LazyStream
from .rules import CombatRules
from .scenario import Scenario, other
from .state import Event, State, Unit

if TYPE_CHECKING:   # view imports this module
    from .view import View


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


def raw_strength(units: list[Any], c: CombatRules) -> float:
    total: float = sum(u.men * c.type_factor[u.kind] + u.tanks * c.tank_men + u.aircraft * c.aircraft_men
                       for u in units)
    return total


# --- the arithmetic of one battle, shared by the resolution and the preview --------------------------

@dataclass(frozen=True)
class Situation:
    """Everything beyond the troops themselves that shapes one battle."""

    region: Region
    attacker: str
    defender: str
    season: str
    crossings: tuple[str, ...] = ()        # edge types the attacking units moved in by ("river", "sea", ...)
    surprise: bool = False                 # the first turn of a war, for the side that began it
    moscow_fell: bool = False
    out_of_oil: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Forces:
    """One side in one battle: what it brought, every multiplier by name, and the power that results."""

    side: str
    men: int
    tanks: int
    aircraft: int
    terms: tuple[tuple[str, float], ...]    # strength from men (by unit type), tanks and aircraft
    strength: float                         # the sum of the terms (computed unit by unit)
    factors: tuple[tuple[str, float], ...]  # every multiplier by name, in the order applied; 1.0 = no effect
    power: float                            # strength x the product of the factors
    men_band: tuple[int, int] | None = None  # (low, high) when the men are an estimate

    def to_data(self) -> dict[str, Any]:
        data = {"side": self.side, "men": self.men, "tanks": self.tanks, "aircraft": self.aircraft,
                "terms": dict(self.terms), "strength": self.strength, "factors": dict(self.factors),
                "power": self.power}
        if self.men_band is not None:
            data["men_band"] = list(self.men_band)
        return data


@dataclass(frozen=True)
class Breakdown:
    """Why a battle goes as it does: both sides' forces and powers, the expected losses before the dice,
    and the threshold the attacker must pass. ``fight`` applies the dice to it; ``preview`` shows it."""

    region: str
    attacker: str
    defender: str
    season: str
    terrain: str
    fort: int                           # the region's fortification level (counts for its own side only)
    attack: Forces
    defence: Forces
    expected_loss: dict[str, float]     # side -> men it loses before noise: loss_rate x the enemy's power
    loss_cap: dict[str, float]          # side -> at most this many men (max_loss of its men)
    noise_sigma: float                  # each side's losses are multiplied by lognormal(0, sigma) dice
    win_ratio: float                    # the attacker wins if its power left >= win_ratio x the defender's
    win_chance: float                   # the attacker's chance of winning, over the dice

    def forces(self, side: str) -> Forces:
        return self.attack if side == self.attacker else self.defence

    def to_data(self) -> dict[str, Any]:
        return {"region": self.region, "attacker": self.attacker, "defender": self.defender,
                "season": self.season, "terrain": self.terrain, "fort": self.fort,
                "forces": {f.side: f.to_data() for f in (self.attack, self.defence)},
                "expected_loss": dict(self.expected_loss), "loss_cap": dict(self.loss_cap),
                "noise_sigma": self.noise_sigma, "win_ratio": self.win_ratio, "win_chance": self.win_chance}


def _forces(side: str, units: list[Any], c: CombatRules, factors: list[tuple[str, float]],
            men_band: tuple[int, int] | None = None) -> Forces:
    strength = raw_strength(units, c)
    mult = factors[0][1]
    for _, f in factors[1:]:
        mult *= f        # the same order as always: float products must not change a resolved battle
    terms = (("men", float(sum(u.men * c.type_factor[u.kind] for u in units))),
             ("tanks", float(sum(u.tanks for u in units) * c.tank_men)),
             ("aircraft", float(sum(u.aircraft for u in units) * c.aircraft_men)))
    return Forces(side, sum(u.men for u in units), sum(u.tanks for u in units), sum(u.aircraft for u in units),
                  terms, float(strength), tuple(factors), float(strength * mult), men_band)


def _side_factors(side: str, units: list[Any], sit: Situation, c: CombatRules) -> list[tuple[str, float]]:
    return [("quality", c.quality[side]),
            ("supply", c.unsupplied_mult if units and not all(u.supplied for u in units) else 1.0),
            ("oil", c.no_oil_mult if side in sit.out_of_oil else 1.0),
            ("collapse", c.collapse_mult if sit.moscow_fell and side == c.collapse_side else 1.0)]


def assess(c: CombatRules, sit: Situation, attack: list[Any], defence: list[Any],
           bands: dict[str, tuple[int, int]] | None = None) -> Breakdown:
    """The arithmetic of a battle, before any dice. ``attack`` and ``defence`` are units (anything with
    kind, men, tanks, aircraft and supplied); ``bands`` marks a side whose men are an estimate."""
    reg = sit.region
    bands = bands or {}
    d_factors = _side_factors(sit.defender, defence, sit, c)
    d_factors.append(("terrain", c.terrain[reg.terrain]))
    d_factors.append(("fort", 1.0 + c.fort_per_level * reg.fort if reg.side == sit.defender else 1.0))
    a_factors = _side_factors(sit.attacker, attack, sit, c)
    a_factors.append(("season", c.season_attack[sit.season]))
    if "sea" in sit.crossings:
        a_factors.append(("amphibious", c.amphibious_mult))
    else:
        a_factors.append(("river", c.river_mult if "river" in sit.crossings else 1.0))
    a_factors.append(("surprise", c.surprise_mult if sit.surprise else 1.0))
    a = _forces(sit.attacker, attack, c, a_factors, bands.get(sit.attacker))
    d = _forces(sit.defender, defence, c, d_factors, bands.get(sit.defender))
    expected = {sit.attacker: c.loss_rate * d.power, sit.defender: c.loss_rate * a.power}
    cap = {sit.attacker: a.men * c.max_loss, sit.defender: d.men * c.max_loss}
    chance = win_chance(a, d, expected[sit.attacker], expected[sit.defender], c)
    return Breakdown(reg.id, sit.attacker, sit.defender, sit.season, reg.terrain, reg.fort, a, d, expected, cap,
                     float(c.noise_sigma), float(c.win_ratio), chance)


# The dice are lognormal(0, sigma) = exp(sigma z) with z standard normal: integrate over z on a fixed grid.
_Z = np.linspace(-6.0, 6.0, 481)
_W = np.exp(-0.5 * _Z * _Z)
_W /= _W.sum()


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    """The standard normal distribution function, vectorised (Abramowitz and Stegun 7.1.26, error < 2e-7)."""
    y = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * y)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = 1.0 - poly * np.exp(-y * y)
    return cast(np.ndarray, 0.5 * (1.0 + np.sign(x) * erf))


def win_chance(a: Forces, d: Forces, a_expected: float, d_expected: float, c: CombatRules) -> float:
    """The attacker's chance of winning over both dice, computed (not sampled): the attacker wins when
    a_power (1 - f_a) >= win_ratio d_power (1 - f_d), f being the share of men each side loses."""
    if a.men <= 0 or a.power <= 0:
        return 0.0
    if d.men <= 0 or d.power <= 0:
        return 1.0
    sigma, cap, ratio = c.noise_sigma, c.max_loss, c.win_ratio
    f_a = np.minimum(cap, a_expected * np.exp(sigma * _Z) / a.men)
    # The defender must lose at least this share of its men for the attacker to win.
    need = 1.0 - a.power * (1.0 - f_a) / (ratio * d.power)
    need_noise = np.maximum(need, 1e-300) * d.men / max(d_expected, 1e-300)
    p = 1.0 - _normal_cdf(np.log(need_noise) / sigma)
    p = np.where(need <= 0.0, 1.0, np.where(need > cap, 0.0, p))
    return float(np.clip((p * _W).sum(), 0.0, 1.0))


def situation(state: State, region: str, moved: dict[str, tuple[str, str]], start_owners: dict[str, str],
              a_units: list[Unit]) -> Situation:
    defender = start_owners[region]
    attacker = other(defender)
    return Situation(
        region=state.scenario.board.regions[region], attacker=attacker, defender=defender, season=state.season,
        crossings=tuple(moved[u.id][1] for u in a_units if u.id in moved),
        # A Far East on alert cannot be surprised.
        surprise=(state.war.declared_by == attacker and state.turn == state.war.start_turn
                  and state.sides[defender].stance != "alert"),
        moscow_fell=state.front.moscow_fell,
        out_of_oil=frozenset(s for s, ss in state.sides.items() if ss.oil is not None and ss.oil <= 0))


def fight(state: State, region: str, moved: dict[str, tuple[str, str]], start_owners: dict[str, str],
          rng: np.random.Generator | LazyStream, events: list[Event]) -> None:
    sc = state.scenario
    c = sc.tables.combat
    reg = sc.board.regions[region]
    defender = start_owners[region]
    attacker = other(defender)
    here = [u for u in state.units.values() if u.region == region]
    d_units = [u for u in here if u.side == defender]
    a_units = [u for u in here if u.side == attacker]
    bd = assess(c, situation(state, region, moved, start_owners, a_units), a_units, d_units)

    noise = rng.lognormal(0.0, c.noise_sigma, size=2)
    a_men, d_men = bd.attack.men, bd.defence.men
    a_loss = int(min(a_men * c.max_loss, bd.expected_loss[attacker] * noise[0]))
    d_loss = int(min(d_men * c.max_loss, bd.expected_loss[defender] * noise[1]))
    a_lost = apply_losses(a_units, a_loss)
    d_lost = apply_losses(d_units, d_loss)

    a_left = bd.attack.power * (1 - a_lost / a_men) if a_men else 0.0
    d_left = bd.defence.power * (1 - d_lost / d_men) if d_men else 0.0
    names = {s: sc.sides[s]["name"] for s in (attacker, defender)}
    won = a_left >= c.win_ratio * d_left
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
                        data={"region": region, "attacker": attacker, "defender": defender,
                              "winner": attacker if won else defender,
                              "men": {attacker: -a_lost, defender: -(d_lost + destroyed_men)},
                              "cause": "battle",
                              "breakdown": bd.to_data(),
                              "dice": {attacker: float(noise[0]), defender: float(noise[1])},
                              "losses": {attacker: a_lost, defender: d_lost},
                              "destroyed": destroyed_men,
                              "power_left": {attacker: float(a_left), defender: float(d_left)}}))


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
            rng: np.random.Generator | LazyStream, events: list[Event]) -> None:
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


# --- what one side may know of a battle ----------------------------------------------------------------

# The multipliers anyone can see: the scenario's rules applied to public facts (the map, the season, the
# front, who began the war, how the attackers came). An enemy's supply and oil are its own business.
PUBLIC_FACTORS = ("quality", "collapse", "terrain", "fort", "season", "river", "amphibious", "surprise")


def seen_by(breakdown: dict[str, Any], side: str) -> dict[str, Any]:
    """A battle's breakdown (``Breakdown.to_data``) as ``side`` may know it after the fight.

    Its own forces in full. Of the enemy, only what the battle itself showed: the men who fought (they
    were in contact, so the intelligence picture now has them exactly), the fighting power the enemy
    brought (the losses it inflicted measure it) and the public multipliers. The enemy's tanks, aircraft,
    unit types, supply and oil are left out.
    """
    out = dict(breakdown)
    forces = {}
    for s, f in breakdown["forces"].items():
        if s == side:
            forces[s] = f
        else:
            forces[s] = {"side": s, "men": f["men"], "power": f["power"], "hidden": True,
                         "factors": {k: v for k, v in f["factors"].items() if k in PUBLIC_FACTORS}}
    out["forces"] = forces
    return out


def event_seen_by(event: Event, side: str) -> Event:
    """A battle event with its breakdown cut to what ``side`` may know; other events unchanged."""
    if event.kind != "battle" or "breakdown" not in event.data:
        return event
    return Event(event.kind, event.title, event.text, event.note, event.visible_to,
                 {**event.data, "breakdown": seen_by(event.data["breakdown"], side)})


# --- the preview: the same arithmetic on what the player knows ----------------------------------------

def preview(view: View, unit_ids: list[str] | tuple[str, ...], region: str,
            enemy: list[Any] | None = None) -> Breakdown | None:
    """The odds of sending ``unit_ids`` (own units; those already in ``region`` count too, unmoved) into
    ``region`` this turn, from the view alone: own units exactly, the enemy from the view's estimate (its
    centre, with the estimate's band in ``men_band`` and ``win_range``). None when no enemy is thought to
    be there. ``enemy`` replaces the estimate by known units (tests use it with the true forces).
    """
    from .supply import supplied_regions    # supply imports this module (apply_losses)

    side = view.side
    est = view.enemy.get(region)
    if enemy is None and (est is None or est.men[0] <= 0):
        return None
    board = view.board
    defender = view.owners[region]
    attacker = other(defender)
    mine = [view.units[u] for u in unit_ids if u in view.units]
    crossings = tuple(board.edge(u.region, region) or "rail" for u in mine if u.region != region)
    bands: dict[str, tuple[int, int]] = {}
    if enemy is None:
        enemy_side = other(side)
        men, low, high = cast(EnemyEstimate, est).men   # an estimate exists when no enemy is given
        supplied = region in supplied_regions(cast(State, _PublicMap(view)), enemy_side)
        enemy = [_estimated_unit(view, enemy_side, region, men, supplied)]
        bands[enemy_side] = (low, high)
    war = view.war
    # A Far East on alert cannot be surprised: our own stance we know, the enemy's only if intelligence said.
    defender_stance = view.own.stance if defender == side else view.enemy_totals.stance
    started = (war.declared_by == attacker and war.start_turn == view.turn and defender_stance != "alert")
    oil_out = set()
    if view.own.oil is not None and view.own.oil <= 0:
        oil_out.add(side)
    enemy_oil = view.enemy_totals.oil
    if enemy_oil is not None and enemy_oil[0] <= 0:
        oil_out.add(other(side))
    sit = Situation(region=board.regions[region], attacker=attacker, defender=defender, season=view.season,
                    crossings=crossings if attacker == side else (), surprise=started,
                    moscow_fell=view.front.moscow_fell, out_of_oil=frozenset(oil_out))
    attack, defence = (mine, enemy) if attacker == side else (enemy, mine)
    return assess(cast(Scenario, view.scenario).tables.combat, sit, attack, defence, bands)


def preview_range(view: View, unit_ids: list[str] | tuple[str, ...], region: str) -> tuple[float, float] | None:
    """The attacker's chance of winning at the low and the high end of the estimate of the enemy."""
    est = view.enemy.get(region)
    if est is None or est.exact:
        bd = preview(view, unit_ids, region)
        return None if bd is None else (bd.win_chance, bd.win_chance)
    chances = []
    for men in est.men[1:]:
        ve = {**view.enemy, region: dataclasses.replace(est, men=(men, men, men))}
        bd = preview(_with_enemy(view, ve), unit_ids, region)
        chances.append(bd.win_chance if bd else 1.0)
    return min(chances), max(chances)


class _PublicMap:
    """The public facts supply depends on (map, owners, war), read from a view, in the shape of a state."""

    def __init__(self, view: View) -> None:
        self.scenario, self.owners = view.scenario, view.owners
        self._war: bool = view.war.at_war
        self.depots = dict(cast(Scenario, view.scenario).tables.supply.depots)   # the enemy's: assumed full

    def at_war(self) -> bool:
        return self._war


def _with_enemy(view: View, enemy: dict[str, EnemyEstimate]) -> View:
    return dataclasses.replace(view, enemy=enemy)


def _estimated_unit(view: View, enemy_side: str, region: str, men: int, supplied: bool) -> Unit:
    """The enemy in ``region`` as one formation: the estimated men, of the kind the published order of battle
    put there, with the estimated tanks and aircraft shared out by men."""
    sc = view.scenario
    kinds: dict[str, int] = {}
    for u in (sc.units if sc is not None else ()):
        if u.side == enemy_side and u.region == region:
            kinds[u.kind] = kinds.get(u.kind, 0) + u.men
    kind = max(sorted(kinds), key=lambda k: kinds[k]) if kinds else "infantry"
    total = sum(e.men[0] for e in view.enemy.values()) or 1
    share = men / total
    tanks = round(view.enemy_totals.tanks[0] * share)
    aircraft = round(view.enemy_totals.aircraft[0] * share)
    return Unit(f"estimate:{region}", enemy_side, "estimate", kind, region, int(men), 0.0, tanks, aircraft, supplied)
