"""One turn of the game: ``resolve(state, orders_by_side, seed) -> (new_state, events)``.

The order of steps follows the design: scripted events, the Western front, transfers west and
mobilisation, strategic decisions, movement, battles, supply and attrition, intelligence, victory.
"""
from __future__ import annotations

from . import combat, events as scripted, forces, front, intel, postures, supply, victory
from .orders import OrderContext, Orders, side_context, split_orders
from .rng import LazyStream, stream
from .scenario import SIDES
from .setup import record
from .state import Event, State


class GameOver(ValueError):
    """Raised when a finished game is asked to play another turn."""


def order_context(state: State, side: str) -> OrderContext:
    """What the legality of ``side``'s orders depends on, as that side knows it."""
    war, sc = state.war, state.scenario
    at_war = war.known_to(side, state.turn)
    return side_context(side, sc.board, sc.rules, sc.sides[side]["postures"], state.owners,
                        (u for u in state.units.values() if u.side == side), at_war,
                        war.declared_by is not None and (war.declared_by == side or at_war),
                        state.sides[side].south, postures.blocked(state, side))


def _legal_parts(state: State, side: str, orders: Orders, events: list[Event]) -> Orders:
    """What may be carried out of ``side``'s orders; every rejected part becomes an event with its reason."""
    legal, problems = split_orders(order_context(state, side), orders)
    for what, why in problems:
        events.append(Event("order_rejected", f"Order rejected: {what}", text=why, visible_to=(side,),
                            data={"side": side}))
    return legal


def resolve(state: State, orders_by_side: dict[str, Orders], seed: int | None = None) -> tuple[State, list[Event]]:
    if state.over:
        raise GameOver("the game is over")
    seed = state.seed if seed is None else seed
    s = state.clone()
    ev: list[Event] = []
    legal = {side: _legal_parts(s, side, orders_by_side.get(side, Orders()), ev) for side in SIDES
             if side in s.scenario.sides}

    scripted.fire_due(s, ev, {side: orders.posture for side, orders in legal.items()})
    forces.arrivals(s, ev)
    front.advance(s, stream(seed, s.turn, "front"), ev)
    # Decisions take effect at once: a mobilisation ordered this turn already calls men up.
    for side, orders in legal.items():
        forces.apply_posture(s, side, orders.posture, ev)
    forces.stance_upkeep(s)
    stavka_side = s.scenario.tables.stavka.side
    if stavka_side in legal:
        forces.send_west(s, list(legal[stavka_side].transfers), ev)
    forces.mobilise(s, ev)

    start_owners = dict(s.owners)
    moved = combat.move_units(s, [m for orders in legal.values() for m in orders.moves])
    combat.battles(s, moved, start_owners, LazyStream(seed, s.turn, "battle"), ev)
    combat.capture(s, ev)
    supply.supply_and_attrition(s, ev)
    forces.burn_oil(s, ev)
    intel.update(s, stream(seed, s.turn, "intel"))

    s.history.append(record(s, {side: orders.posture for side, orders in legal.items()}))
    ending = victory.ending_outcome(s)
    end_now = ending is not None or any(key == "end_game" for _, key, _ in s.effects)
    s.turn += 1
    s.effects = tuple(e for e in s.effects if e[0] >= s.turn)
    if end_now or s.turn > s.last_turn:
        s.result = victory.decide(s, ending)
        ev.append(Event("outcome", s.result.title, text=s.result.explanation))
    else:
        s.stavka_demand = forces.stavka_demand(s)
    s.last_events = tuple(ev)
    return s, ev
