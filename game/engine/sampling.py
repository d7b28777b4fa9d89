"""Belief states for planning: a full game state drawn to fit what one side knows, and play-outs of it.

A planning AI may not look at the real state. ``determinise(view, rng)`` builds a state from the view alone:
own forces exactly, the enemy drawn from the view's estimates (a formation per region where enemy troops
are thought to stand), hidden figures (the enemy's oil, mobilisation, the Western front's strengths)
reconstructed from the published scenario and the public record. ``play_out`` then runs the rules on it,
asking each side for orders through a view of the sample, so the planner's own policies also see views.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Callable

import numpy as np

from . import forces, intel
from .conditions import holds
from .effects import Rebuilt, rebuild_effects
from .orders import Orders
from .records import Band, HistoryRecord
from .resolve import resolve
from .scenario import SIDES, Scenario, other
from .setup import new_game
from .state import FrontState, Result, SideState, State, Unit, War
from .victory import decide, sent_in_time_estimate
from .view import View, player_view

Chooser = Callable[[View], Orders]
_OPENING: dict[tuple[int, str], HistoryRecord] = {}   # (id, content hash) -> the opening record of a scenario


def _opening_record(sc: Scenario) -> HistoryRecord:
    """The chronicle's first line (starting strengths), which some conditions compare against."""
    key = (id(sc), sc.content_hash)
    if key not in _OPENING:
        if len(_OPENING) > 8:
            _OPENING.clear()
        _OPENING[key] = new_game(sc, 0).history[0]
    return _OPENING[key]


def _turn_of(sc: Scenario, day: dt.date) -> int:
    return (day - sc.start).days // sc.days_per_turn


def _spread(total: int, first_turn: int, turns: int) -> list[tuple[int, int]]:
    """``total`` men in training, spread evenly over the next ``turns`` ready turns."""
    if total <= 0:
        return []
    turns = max(1, turns)
    part, rest = divmod(total, turns)
    return [(first_turn + k, part + (rest if k == 0 else 0)) for k in range(turns) if part or k == 0]


def _public_front(view: View, sc: Scenario, sent_men: float, known: Rebuilt) -> tuple[float, float]:
    """German and Soviet strength on the Moscow axis, rebuilt from the rules and the dated events."""
    f = sc.tables.front
    german = f.german_strength * (1.0 - f.german_attrition_per_turn) ** view.turn
    soviet = f.soviet_strength + f.soviet_reserves_per_turn * view.turn
    soviet += sent_men / f.men_per_strength_point
    for add in known.german_adds:
        german += add
    for add in known.soviet_adds:
        soviet += add
    return german, soviet


def _draw_truth(est: Band, exact: bool, rng: np.random.Generator) -> int:
    """The truth behind an estimate [est, low, high]: the estimate's error is lognormal with the band's width."""
    value, low, high = est
    if exact or value <= 0:
        return int(value)
    sigma = math.log(high / value) if high > value else 0.25
    return int(round(value * math.exp(rng.normal(0.0, sigma))))


def _enemy_kind(sc: Scenario, enemy: str, region: str) -> str:
    """The kind of formation the published order of battle put in a region (infantry by default)."""
    men: dict[str, int] = {}
    for u in sc.units:
        if u.side == enemy and u.region == region:
            men[u.kind] = men.get(u.kind, 0) + u.men
    return max(sorted(men), key=lambda k: men[k]) if men else "infantry"


def determinise(view: View, rng: np.random.Generator, scenario: Scenario | None = None) -> State:
    """A full state consistent with ``view``: one plausible truth behind what this side knows."""
    sc = scenario or view.scenario
    if sc is None:
        raise ValueError("determinise needs the scenario the view belongs to")
    side, enemy = view.side, other(view.side)
    opening = _opening_record(sc)

    units = {uid: u.copy() for uid, u in sorted(view.units.items())}
    totals = view.enemy_totals
    drawn = {r: _draw_truth(e.men, e.exact, rng) for r, e in sorted(view.enemy.items())}
    # The regional estimates and the overall estimate are separate clues: meet them half-way.
    seen = sum(m for r, m in drawn.items() if view.enemy[r].exact)
    unseen = sum(drawn.values()) - seen
    if unseen > 0 and totals.men[0] > 0:
        target = math.sqrt(unseen * max(totals.men[0] - seen, 0.25 * unseen))
        target *= math.exp(rng.normal(0.0, 0.5 * _band_sigma(totals.men, 0.25)))
        k = target / unseen
        drawn = {r: m if view.enemy[r].exact else int(m * k) for r, m in drawn.items()}
    drawn_men = sum(drawn.values()) or 1
    arm = {k: max(0.0, band[0] * math.exp(rng.normal(0.0, 0.2))) for k, band in (("tanks", totals.tanks),
                                                                            ("aircraft", totals.aircraft))}
    for r, men in drawn.items():
        if men <= 0:
            continue
        est = view.enemy[r]
        share = men / drawn_men
        divisions = est.divisions * (men / est.men[0]) if est.men[0] else men / 15000
        uid = f"{enemy[:2]}_seen_{r}"
        units[uid] = Unit(uid, enemy, f"Enemy forces at {r}", _enemy_kind(sc, enemy, r), r, men,
                          round(max(divisions, 0.1), 3), int(arm["tanks"] * share), int(arm["aircraft"] * share))

    # A dated event whose turn has passed can never fire again: count it as fired (its effects are public
    # or reconstructed below).
    fired = frozenset(ev["id"] for ev in sc.events if "date" in ev and ev["date"] < view.date)
    known = Rebuilt(view.turn)
    for ev in sc.events:
        if ev["id"] in fired:
            rebuild_effects(known, ev.get("effects", {}), _turn_of(sc, ev["date"]))
    embargoed = known.embargoed

    sides: dict[str, SideState] = {}
    own = view.own
    mob = sc.tables.mobilisation
    sides[side] = SideState(stance=own.stance, stance_since=own.stance_since, sent_west=own.sent_west,
                            sent_west_in_time=own.sent_west_in_time,
                            bonus_vp=own.bonus_vp, oil=own.oil, oil_income=own.oil_income, south=own.south,
                            south_turn=_south_turn(view) if own.south else None, pool=own.pool,
                            training=_spread(own.training, view.turn, mob[side].training_turns)
                            if side in mob else [],
                            raised=own.raised, intel_sigma=_band_sigma(totals.men, sc.tables.intel[side].sigma))
    sides[enemy] = _enemy_side(view, sc, enemy, embargoed, rng)
    # Points our own decisions paid to the enemy are known to us (the price of a decision is public).
    for h in view.history:
        price = sc.tables.postures.get(h.action or "")
        for gainer, pts in (price.vp if price else {}).items():
            if gainer == enemy:
                sides[enemy].bonus_vp += pts

    # Men the Soviet Far East has sent west so far: known exactly to the USSR, guessed by Japan.
    stavka_side = sc.tables.stavka.side
    if stavka_side == side:
        start_men = opening.men.get(side, 0)
        now_men = sum(u.men for u in view.units.values())
        raised_men = own.raised * mob[side].unit_men if side in mob else 0
        sent = max(0.0, start_men - now_men + raised_men) - sum(m for _, m, _ in view.in_transit)
    else:
        start_est = view.history[0].enemy_estimate.men[0] if view.history else drawn_men
        called = mob[enemy].men_per_turn * max(0, view.turn - mob[enemy].training_turns) \
            if enemy in mob else 0
        sent = max(0.0, start_est + called - totals.men[0])
        if enemy == stavka_side:
            sides[enemy].sent_west = round(sent / sc.tables.stavka.men_per_division_sent, 3)
            dropped = [(h.date, h.enemy_estimate.divisions[0]) for h in view.history]
            sides[enemy].sent_west_in_time = round(
                sent_in_time_estimate(sc, dropped, view.date, sides[enemy].sent_west), 3)
    german, soviet = _public_front(view, sc, sent, known)
    fr = view.front
    front = FrontState(km=fr.km, german=round(german, 4), soviet=round(soviet, 4), peak_km=fr.peak_km,
                       moscow_fell=fr.moscow_fell, passed=tuple(fr.passed), modifiers=tuple(known.modifiers))

    war = War(declared_by=view.war.declared_by, start_turn=view.war.start_turn)
    state = State(scenario=sc, seed=int(rng.integers(0, 2**62)), turn=view.turn, units=units,
                  owners=dict(view.owners), front=front, sides=sides, war=war,
                  transit=list(view.in_transit), depots=dict(sc.tables.supply.depots), fired=fired,
                  effects=tuple(known.effects),
                  history=[opening])
    # Undated events whose condition holds already are taken to have fired (so they do not fire twice).
    state.fired = state.fired | {ev["id"] for ev in sc.events if "date" not in ev and holds(state, ev.get("when", {}))}
    state.stavka_demand = view.stavka_demand if view.stavka_demand is not None else forces.stavka_demand(state)
    own_intel: dict[str, Any] = {"regions": dict(view.enemy), "men": list(totals.men),
                                 "divisions": list(totals.divisions), "tanks": list(totals.tanks),
                                 "aircraft": list(totals.aircraft),
                                 "oil": None if totals.oil is None else list(totals.oil), "stance": totals.stance}
    intel.update(state, rng)            # the enemy's picture of us: drawn fresh from the sample
    state.sides[side].intel = own_intel  # ours stays what we actually know
    return state


def _band_sigma(band: Band, default: float) -> float:
    est, _, high = band
    return math.log(high / est) if est > 0 and high > est else default


def _south_turn(view: View) -> int:
    for h in view.history:
        if h.action == "strike_south":
            return h.turn
    return view.turn


def _enemy_side(view: View, sc: Scenario, enemy: str, embargoed: set[str], rng: np.random.Generator) -> SideState:
    """The enemy's hidden figures: the estimate where there is one, else the published rules."""
    spec = sc.sides[enemy]
    totals = view.enemy_totals
    oil_rules = sc.tables.oil.get(enemy)
    oil = income = None
    if oil_rules:
        band = totals.oil
        oil = float(_draw_truth(band, False, rng)) if band and band[0] > 0 else 0.0
        income = 0.0 if enemy in embargoed else float(oil_rules.income_per_month)
    stance = totals.stance or spec["stance"]
    if stance == "strike_south":
        stance = spec["stance"]
    mob = sc.tables.mobilisation.get(enemy)
    pool, training = 0, []
    opening = _opening_record(sc)
    if mob:
        grown = max(0, totals.men[0] - opening.men.get(enemy, 0))
        if not totals.stance and "mobilise" in spec["postures"] and grown > mob.unit_men:
            stance = "mobilise"   # the enemy has clearly grown: assume he is mobilising
        pool = max(0, mob.pool_men - mob.men_per_turn * view.turn - grown)
        flowing = stance == "mobilise" or view.war.at_war
        per_turn = mob.men_per_turn + (mob.men_per_turn_mobilised if flowing else 0)
        if view.enemy_south and mob.south_stops_reinforcement:
            per_turn = mob.men_per_turn
        in_training = min(pool, per_turn * mob.training_turns)
        training = _spread(in_training, view.turn, mob.training_turns)
    return SideState(stance=stance, oil=None if oil is None else round(oil, 3), oil_income=income or 0.0,
                     south=view.enemy_south, south_turn=view.turn if view.enemy_south else None, pool=pool,
                     training=training, intel_sigma=float(sc.tables.intel[enemy].sigma))


def play_out(state: State, choosers: dict[str, Chooser], first: dict[str, Orders] | None = None,
             turns: int | None = None) -> Result:
    """Run the rules on a (sampled) state, each side choosing through its own view; the named result.

    ``first`` fixes some sides' orders for the first turn (the choice being weighed). With ``turns`` the
    play-out stops early and the position is judged as if the game ended there.
    """
    s = state
    played = 0
    while not s.over and (turns is None or played < turns):
        orders = {}
        for side in SIDES:
            if first and played == 0 and side in first:
                orders[side] = first[side]
            else:
                orders[side] = choosers[side](player_view(s, side))
        s, _ = resolve(s, orders, s.seed)
        played += 1
    return s.result if s.result is not None else decide(s)
