"""Forces off the battlefield: Stavka's demands, transfers west, mobilisation and oil."""
from __future__ import annotations

from typing import Any

from . import postures
from .front import add_soviet_strength
from .orders import Transfer
from .rules import Mobilisation
from .state import Event, State, Unit


def stavka_demand(state: State) -> int:
    """Divisions Stavka asks of the Far East this turn, growing with the crisis in the west."""
    p = state.scenario.tables.stavka
    if not p.enabled:
        return 0
    km = state.front.km
    crisis = max(0.0, km - p.threshold_km) / 100.0
    extra = sum(v for last, key, v in state.effects if key == "stavka_extra_divisions" and state.turn <= last)
    demand = p.base_divisions + p.divisions_per_100km * crisis + extra
    if state.season == "winter" and km < state.front.peak_km - 50:
        demand = p.base_divisions   # the west is counter-attacking: Stavka asks only the routine draft
    return int(min(p.max_divisions, round(demand)))


def transfer_share(unit: Unit, divisions: float, rules: dict[str, Any]) -> tuple[int, int, int]:
    """What entraining ``divisions`` of ``unit`` for the west takes: (men, tanks, aircraft).

    Every division of a unit has the same size: its share of the unit's men, but no more than a full rifle
    division (``men_per_division_sent``): army troops, fortified zones and rear services stay behind, so a
    unit's last division leaves its army troops in the east. Tanks and aircraft leave in proportion.
    """
    if unit.divisions <= 0 or divisions <= 0:
        return 0, 0, 0
    share = min(1.0, divisions / unit.divisions)
    per_division = min(float(rules["stavka"]["men_per_division_sent"]), unit.men / unit.divisions)
    men = min(unit.men, round(per_division * min(divisions, unit.divisions)))
    return men, round(unit.tanks * share), round(unit.aircraft * share)


def send_west(state: State, transfers: list[Transfer], events: list[Event]) -> None:
    """Entrain divisions for the west and charge Stavka's displeasure for any shortfall."""
    p = state.scenario.tables.stavka
    side = p.side
    sent_div = 0.0
    deadline = state.scenario.tables.victory.sent_west_deadline
    for t in transfers:
        u = state.units[t.unit]
        men, tanks, aircraft = transfer_share(u, t.divisions, state.scenario.rules)
        u.men -= men
        u.tanks -= tanks
        u.aircraft -= aircraft
        u.divisions = round(max(0.0, u.divisions - t.divisions), 3)
        if u.men <= 0:
            del state.units[u.id]
        state.transit.append((state.turn + p.transit_turns, men, t.divisions))
        sent_div += t.divisions
        state.sides[side].sent_west = round(state.sides[side].sent_west + t.divisions, 3)
        if deadline is None or state.date <= deadline:
            state.sides[side].sent_west_in_time = round(state.sides[side].sent_west_in_time + t.divisions, 3)
        tank_words = f", {tanks} tank{'' if tanks == 1 else 's'}" if tanks else ""
        what = f"{men:,} men" + tank_words + (f", {aircraft} aircraft" if aircraft else "")
        events.append(Event("transfer", f"{t.divisions:g} div. of {u.name} entrain for the west",
                            text=f"{what} leave the Far East by the Trans-Siberian.",
                            visible_to=(side,),
                            data={"men": {side: -men}, "cause": "transfer", "divisions": t.divisions}))
    shortfall = state.stavka_demand - sent_div
    if shortfall > 0.5 and state.stavka_demand > 0:
        state.front.soviet = round(state.front.soviet - shortfall * p.refusal_penalty_per_division, 4)
        events.append(Event("stavka", f"Stavka's demand refused ({shortfall:g} div. short)",
                            text="The western front is weaker for the divisions kept in the east.",
                            visible_to=(side,)))


def arrivals(state: State, events: list[Event]) -> None:
    """Trains that reach the western front this turn."""
    arrived = [t for t in state.transit if t[0] <= state.turn]
    if not arrived:
        return
    state.transit = [t for t in state.transit if t[0] > state.turn]
    men = sum(t[1] for t in arrived)
    div = sum(t[2] for t in arrived)
    add_soviet_strength(state, men)
    # Only the side that sent them knows: the enemy sees the front move, not the trains that moved it.
    reach = "division reaches" if div == 1 else "divisions reach"
    events.append(Event("arrival", f"{div:g} Far Eastern {reach} the western front",
                        visible_to=(state.scenario.tables.stavka.side,), data={"men_west": men}))


def mobilise(state: State, events: list[Event]) -> None:
    """Call men up, train them, and field the trained as new formations at the entry regions."""
    for side, p in state.scenario.tables.mobilisation.items():
        ss = state.sides[side]
        flowing = ss.stance in p.surge_stances or state.at_war()
        if ss.south and p.south_stops_reinforcement:
            flowing = False
        want = p.men_per_turn + (p.men_per_turn_mobilised if flowing else 0)
        called = min(ss.pool, want)
        if called > 0:
            ss.pool -= called
            ss.training.append((state.turn + p.training_turns, called))
        ready = sum(m for t, m in ss.training if t <= state.turn)
        entry = [r for r in p.regions if state.owners.get(r) == side]
        if ready < p.unit_men or not entry:
            continue
        count, leftover = divmod(ready, p.unit_men)
        ss.training = [(t, m) for t, m in ss.training if t > state.turn]
        if leftover:
            ss.training.insert(0, (state.turn, leftover))
        for _ in range(count):
            _field_formation(state, side, p, entry, events)


def _field_formation(state: State, side: str, p: Mobilisation, entry: list[str], events: list[Event]) -> None:
    ss = state.sides[side]
    men = p.unit_men
    ss.raised += 1
    region = entry[(ss.raised - 1) % len(entry)]
    uid = f"{side[:2]}_new{ss.raised}"
    divisions = round(men / p.men_per_division, 2)
    name = p.name.format(n=ss.raised)
    state.units[uid] = Unit(uid, side, name, p.kind, region, men, divisions,
                            tanks=round(divisions * p.tanks_per_division),
                            aircraft=round(divisions * p.aircraft_per_division))
    events.append(Event("mobilisation", f"{name} formed at {state.scenario.board.regions[region].name}",
                        text=f"{men:,} men, {divisions:g} division{'' if divisions == 1 else 's'}.",
                        visible_to=(side,), data={"men": {side: men}, "cause": "mobilisation"}))


def burn_oil(state: State, events: list[Event]) -> None:
    months = state.scenario.days_per_turn / 30.0
    for side, p in state.scenario.tables.oil.items():
        ss = state.sides[side]
        if ss.oil is None:
            continue
        if ss.south:
            use = p.burn_per_month.get("south", p.burn_per_month["war"])
        else:
            use = p.burn_per_month["war" if state.at_war() else ss.stance]
        if ss.south and ss.south_turn is not None and state.turn >= ss.south_turn + p.south_delay_turns:
            ss.oil_income = p.south_income_per_month
        income = ss.oil_income
        if talks_open(state, side):
            income = max(income, p.talks_income_per_month)
        before = ss.oil
        ss.oil = round(max(0.0, ss.oil + (income - use) * months), 3)
        if before > 0 and ss.oil <= 0:
            events.append(Event("oil", f"{state.scenario.sides[side]['name']}'s oil reserve is exhausted",
                                note="Without oil the fleet and the army's motor transport stop.",
                                visible_to=(side,)))


def talks_open(state: State, side: str) -> bool:
    """Talks with Washington ease the embargo while the side has stood down long enough to be believed."""
    p = state.scenario.tables.oil.get(side)
    ss = state.sides[side]
    return bool(p and p.talks_income_per_month > 0 and ss.stance == "stand_down" and not ss.south
                and not state.at_war() and state.turn - ss.stance_since >= p.talks_after_turns)


def apply_posture(state: State, side: str, posture: str | None, events: list[Event]) -> None:
    """Stances persist; war and the southern strike are one-off decisions, each with its price."""
    if posture is None:
        return
    ss = state.sides[side]
    name = state.scenario.sides[side]["name"]
    if posture in ("strike_north", "declare_war"):
        if state.war.declared_by is not None:
            return   # both sides chose war in the same turn: the first declaration stands
        state.war.declared_by = side
        state.war.start_turn = state.turn + 1
        events.append(Event("war_declared", f"{name} orders the attack: X-hour is next turn",
                            visible_to=(side,), data={"side": side}))
        postures.pay(state, side, posture, events)
    elif posture == "strike_south":
        ss.south = True
        ss.south_turn = state.turn
        events.append(Event("strike_south", f"{name} commits to the war in the Pacific",
                            text="Northern reinforcements stop; the oil of the south may flow again in time.",
                            note="Historically Japan chose this path: Pearl Harbor and Malaya, 7-8 Dec 1941.",
                            data={"side": side}))
        postures.pay(state, side, posture, events)
    elif posture != ss.stance:
        ss.stance = posture
        ss.stance_since = state.turn
        events.append(Event("stance", f"{name} now: {posture.replace('_', ' ')}", visible_to=(side,)))


def stance_upkeep(state: State) -> None:
    """A standing stance may cost the western front every turn it is held (e.g. a Far East on full alert)."""
    for ss in state.sides.values():
        rule = state.scenario.tables.postures.get(ss.stance)
        cost = rule.front_soviet_per_turn if rule else 0.0
        if cost:
            state.front.soviet = round(max(0.01, state.front.soviet + cost), 4)
