"""Playing whole games: the loop that asks each side for orders and resolves turns, and its summary."""
from __future__ import annotations

from typing import Any, Callable

from game.engine import Orders, State, new_game, player_view, resolve, state_hash
from game.engine.rng import LazyStream
from game.engine.scenario import SIDES, Scenario

OrdersLog = list[dict[str, dict[str, Any]]]


def ai_orders(state: State, side: str, level: str) -> Orders:
    """The computer's orders for ``side``: it sees only its view and a generator of its own."""
    from game.ai.policies import policy_for
    view = player_view(state, side)
    return policy_for(side, level)(view, LazyStream(state.seed, state.turn, f"ai-{side}"))


def play_turn(state: State, orders: dict[str, Orders], log: OrdersLog) -> State:
    log.append({side: o.to_json() for side, o in sorted(orders.items())})
    new, _ = resolve(state, orders, state.seed)
    return new


def play_ai_game(scenario: Scenario, seed: int, levels: dict[str, str],
                 on_turn: Callable[[State], None] | None = None) -> tuple[State, OrdersLog]:
    state = new_game(scenario, seed)
    log: OrdersLog = []
    while not state.over:
        orders = {side: ai_orders(state, side, levels[side]) for side in SIDES}
        state = play_turn(state, orders, log)
        if on_turn:
            on_turn(state)
    return state, log


def replay(scenario: Scenario, seed: int, log: OrdersLog) -> State:
    """Rebuild a game from its orders log (raises ValueError on a log that does not fit the game)."""
    state = new_game(scenario, seed)
    for i, turn_orders in enumerate(log):
        if state.over:
            raise ValueError(f"orders[{i}]: the game was already over")
        try:
            orders = {side: Orders.from_json(turn_orders.get(side, {})) for side in SIDES}
        except (ValueError, AttributeError) as e:
            raise ValueError(f"orders[{i}]: {e}") from None
        state, _ = resolve(state, orders, seed)
    return state


def summary(state: State, with_hash: bool = True) -> dict[str, Any]:
    """The JSON contract of ``simulate`` and ``replay`` (DESIGN.md section 6). ``with_hash=False`` leaves out
    ``state_hash`` (None), for a caller that does not report it: hashing the whole state is dear."""
    turns = state.history[1:]
    japan_attacked = state.war.declared_by == "japan" and state.war.start_turn is not None \
        and state.war.start_turn <= (turns[-1].turn if turns else -1)
    result = state.result
    return {
        "scenario": state.scenario.id,
        "seed": state.seed,
        "turns_played": len(turns),
        "outcome": result.outcome if result else None,
        "outcome_title": result.title if result else None,
        "winner": result.winner if result else None,
        "score": result.score if result else None,
        "explanation": result.explanation if result else None,
        "japan_attacked": japan_attacked,
        "attack_turn": state.war.start_turn if japan_attacked else None,
        "war_declared_by": state.war.declared_by,
        "moscow_fell": state.front.moscow_fell,
        "soviet_far_east_men": [t.men["soviet"] for t in turns],
        "japan_men": [t.men["japan"] for t in turns],
        "german_front_km": [t.front_km for t in turns],
        "japan_oil_months": [t.oil.get("japan") for t in turns],
        "state_hash": state_hash(state) if with_hash else None,
    }
