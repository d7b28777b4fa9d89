"""What a strategic decision needs before it may be ordered, and what it costs once taken.

Each scenario may give a posture (``[postures.NAME]``) a preparation (``prepare_stance`` held for
``prepare_turns`` turns: an offensive needs weeks of concentration), conditions in the scenario's condition
words (``when``: e.g. not before the navy is ready), and a price: victory points to the other side (``vp``)
and Soviet strength on the Western front (``front_soviet``; a second front draws reserves away from Moscow).
Conditions should name public facts (dates, the front, the war), since the side deciding sees the answer.
"""
from __future__ import annotations

from .conditions import holds
from .state import Event, State


def blocked(state: State, side: str) -> dict[str, str]:
    """Postures of ``side`` that may not be ordered this turn, each with the reason in plain words."""
    out: dict[str, str] = {}
    ss = state.sides[side]
    for posture in state.scenario.sides[side]["postures"]:
        rule = state.scenario.tables.postures.get(posture)
        if rule is None:
            continue
        need = rule.prepare_stance
        turns = rule.prepare_turns
        if need and turns > 0 and (ss.stance != need or state.turn - ss.stance_since < turns):
            held = state.turn - ss.stance_since if ss.stance == need else 0
            out[posture] = (f"needs {turns} turn{'s' if turns != 1 else ''} in the '{need.replace('_', ' ')}' "
                            f"stance first ({held} so far)")
        elif not holds(state, rule.when):
            out[posture] = rule.why or "its conditions are not met yet"
    return out


def pay(state: State, side: str, posture: str, events: list[Event]) -> None:
    """Charge the price of a one-off decision that has just been taken."""
    rule = state.scenario.tables.postures.get(posture)
    if rule is None:
        return
    for gainer, pts in rule.vp.items():
        state.sides[gainer].bonus_vp = round(state.sides[gainer].bonus_vp + pts, 3)
    change = rule.front_soviet
    if change:
        state.front.soviet = round(max(0.01, state.front.soviet + change), 4)
    if rule.vp or change:
        text = rule.price_text or "The decision has its price."
        events.append(Event("price", f"The price of {posture.replace('_', ' ')}", text=text,
                            data={"side": side, "posture": posture}))

