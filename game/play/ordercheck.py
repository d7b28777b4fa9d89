"""Which orders in a saved game the engine would drop, each named by its place in the save.

The engine carries out only the legal part of a side's orders (``game.engine.orders.split_orders``) and
tells that side in a turn event. The game's own players never give illegal orders, so a dropped order in a
save means the file was edited or written by something else: ``check`` names each one, where a replay
would only report a different final state.
"""
from __future__ import annotations

from typing import Any, Sequence

from game.engine import SIDES, Orders, Scenario, new_game, resolve
from game.engine.orders import split_orders
from game.engine.resolve import order_context


def dropped_orders(scenario: Scenario, seed: int, log: Sequence[dict[str, Any]]) -> list[str]:
    """One line per order the engine would drop, e.g. ``orders[3].japan.moves[0] ["x", "y"]: why``.
    Stops at the first turn that cannot be read at all (its line says so)."""
    state = new_game(scenario, seed)
    found: list[str] = []
    for i, turn in enumerate(log):
        if state.over:
            found.append(f"orders[{i}]: the game was already over; this turn and later ones are never played")
            break
        try:
            orders = {side: Orders.from_json(turn.get(side, {})) for side in SIDES}
        except (ValueError, AttributeError) as e:
            found.append(f"orders[{i}]: cannot be read ({e})")
            break
        for side in SIDES:
            _, problems = split_orders(order_context(state, side), orders[side])
            found += [f"orders[{i}].{side}.{where}: {why} (the game drops this order)"
                      for where, why in _placed(orders[side], problems)]
        state, _ = resolve(state, orders, seed)
    return found


def _placed(orders: Orders, problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``split_orders``' problems with the key of each order in the save (``moves[2] ["u", "r"]``)."""
    labels = [(f"posture {orders.posture}", f"posture {orders.posture!r}")]
    labels += [(f"move {m.unit} to {m.to}", f"moves[{j}] [{m.unit!r}, {m.to!r}]") for j, m in enumerate(orders.moves)]
    labels += [(f"transfer {t.unit} ({t.divisions:g} div.)", f"transfers[{j}] [{t.unit!r}, {t.divisions:g}]")
               for j, t in enumerate(orders.transfers)]
    out, used = [], set()
    for what, why in problems:
        j = next((k for k, (w, _) in enumerate(labels) if w == what and k not in used), None)
        if j is None:
            out.append((what, why))
        else:
            used.add(j)
            out.append((labels[j][1], why))
    return out
