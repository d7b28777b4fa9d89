"""Computer players. Each takes a side's view and a seeded generator and returns that side's Orders."""
from __future__ import annotations

import datetime as dt
from typing import Callable

import numpy as np

from game.engine import Orders, View

from . import hard, plan, tactics

Policy = Callable[[View, np.random.Generator], Orders]


def covers(view: View, day: dt.date) -> bool:
    """Whether ``day`` falls in the current turn (days before the first turn count as the first)."""
    end = view.date + dt.timedelta(days=view.days_per_turn)
    return view.date <= day < end or (view.turn == 0 and day < view.date)


def war_moves(view: View, boldness: float) -> Orders:
    sense = tactics.Sense(view)
    attacks = tactics.attack_moves(view, ratio_needed=boldness, reserve_share=0.3, sense=sense)
    moved = {m.unit for m in attacks}
    return Orders(moves=tuple(attacks) + tuple(tactics.reinforce_moves(view, moved, sense=sense)))


# --- Japan -------------------------------------------------------------------------------------------
def japan_normal(view: View, rng: np.random.Generator) -> Orders:
    """Watches the balance of forces and the oil: mobilises while the Far East might weaken, strikes north only
    with a clear edge before the freeze, otherwise stands down to save oil and goes south when it may."""
    if view.war["at_war"]:
        o = war_moves(view, boldness=1.6)
        return Orders(posture="mobilise" if view.own["stance"] != "mobilise" else None, moves=o.moves)
    if view.own["south"] or view.war["declared_by"]:
        return Orders()
    own = sum(u.men for u in view.units.values())
    enemy = view.enemy_totals["men"][0]
    start = view.history[0]["enemy_estimate"]["men"][0] if view.history else enemy
    oil = view.own["oil"] if view.own["oil"] is not None else 99.0
    window = view.season == "summer" or (view.season == "autumn" and view.date.month == 9)
    moves = tuple(tactics.reinforce_moves(view, set()))
    halved = tactics.trigger_met(view, 0.6, 1.0)      # the Far East's divisions have gone west
    if window and view.own["stance"] == "mobilise" and (own > 1.6 * enemy or halved) \
            and tactics.can_order(view, "strike_north"):
        return Orders(posture="strike_north")
    weakening = enemy < 0.85 * start or tactics.trigger_met(view, 0.75, 1.0)
    if tactics.can_order(view, "strike_south") and not (window and weakening):
        return Orders(posture="strike_south")       # the north will not open: the sooner the Indies, the better
    if window and weakening and oil > 12:
        return Orders(posture="mobilise" if view.own["stance"] != "mobilise" else None, moves=moves)
    if view.own["stance"] != "stand_down" and "stand_down" in view.postures and not (window and weakening):
        return Orders(posture="stand_down", moves=moves)      # no chance in the north: save oil, talk
    return Orders(moves=moves)


def japan_easy(view: View, rng: np.random.Generator) -> Orders:
    if view.war["at_war"]:
        return war_moves(view, boldness=1.0)
    if view.own["south"] or view.war["declared_by"]:
        return Orders()
    if view.turn >= 2 and view.own["stance"] != "mobilise":
        return Orders(posture="mobilise")
    if view.turn >= 4 and rng.random() < 0.12:
        return Orders(posture="strike_north")
    return Orders()


def japan_historical(view: View, rng: np.random.Generator) -> Orders:
    plan = _historical_plan(view, "japan")
    if view.war["at_war"]:
        return war_moves(view, boldness=1.6)
    if view.own["south"] or view.war["declared_by"]:
        return Orders()
    if not plan:   # the scenario scripts no Japanese decisions (e.g. 1945): hold the stance, guard the border
        return Orders(moves=tuple(tactics.reinforce_moves(view, set(), limit=2)))
    if plan.get("strike_south_on") and covers(view, plan["strike_south_on"]):
        return Orders(posture="strike_south")
    if view.date <= plan["strike_until"] and tactics.trigger_met(
            view, plan["trigger_divisions_share"], plan["trigger_armour_share"]):
        return Orders(posture="strike_north")
    if covers(view, plan["mobilise_from"]) or (view.date > plan["mobilise_from"] and view.own["stance"] == "wait"):
        return Orders(posture="mobilise")
    return Orders(moves=tuple(tactics.reinforce_moves(view, set(), limit=2)))


# --- USSR --------------------------------------------------------------------------------------------
def soviet_normal(view: View, rng: np.random.Generator) -> Orders:
    """Sends what Stavka asks while the Far East can spare it, and more when Japan cannot strike (it has gone
    south or stood down, or winter has closed the Amur front); holds back, and goes on alert, only when the
    Kwantung Army looks strong enough to attack."""
    if view.war["at_war"]:
        o = war_moves(view, boldness=2.5)   # hold the fortified line; counter-attack only with a big edge
        return Orders(moves=o.moves)
    demand = view.stavka_demand or 0
    own = sum(u.men for u in view.units.values())
    enemy = view.enemy_totals["men"][0]
    stance = view.enemy_totals.get("stance")
    quiet = stance == "strike_south" or view.enemy_south or stance == "stand_down" or view.season == "winter"
    threatened = not quiet and enemy > 1.5 * own
    send = 0 if threatened else demand
    posture = None
    if threatened and view.own["stance"] != "alert" and "alert" in view.postures:
        posture = "alert"
    elif not threatened and view.own["stance"] == "alert" and "hold" in view.postures:
        posture = "hold"
    sense = tactics.Sense(view)
    transfers = tactics.pick_transfers(view, send, sense)
    sent = {t.unit for t in transfers}
    return Orders(posture=posture, transfers=tuple(transfers),
                  moves=tuple(tactics.reinforce_moves(view, sent, limit=2, sense=sense)))


def soviet_easy(view: View, rng: np.random.Generator) -> Orders:
    if view.war["at_war"]:
        return war_moves(view, boldness=2.5)
    return Orders(transfers=tuple(tactics.pick_transfers(view, view.stavka_demand or 0)))


def soviet_historical(view: View, rng: np.random.Generator) -> Orders:
    plan = _historical_plan(view, "soviet")
    if view.war["at_war"]:
        return war_moves(view, boldness=1.8)
    due = sum(t["divisions"] for t in plan.get("transfers", []) if covers(view, t["date"]))
    posture = None
    if plan.get("declare_war_on") and covers(view, plan["declare_war_on"]) and not view.war["declared_by"]:
        posture = "declare_war"
    return Orders(posture=posture, transfers=tuple(tactics.pick_transfers(view, due)))


def _historical_plan(view: View, side: str) -> dict:
    return view.ai.get("historical", {}).get(side) or {}


POLICIES: dict[tuple[str, str], Policy] = {
    ("japan", "easy"): japan_easy,
    ("japan", "normal"): japan_normal,
    ("japan", "hard"): hard.japan_hard,
    ("japan", "historical"): japan_historical,
    ("soviet", "easy"): soviet_easy,
    ("soviet", "normal"): soviet_normal,
    ("soviet", "hard"): hard.soviet_hard,
    ("soviet", "historical"): soviet_historical,
}


def policy_for(side: str, level: "str | plan.FixedPlan") -> Policy:
    """The computer player for a level: easy, normal, hard, historical, ``plan:FILE`` or a FixedPlan."""
    if plan.is_plan(level):
        return plan.plan_policy(plan.for_side(plan.plan_of(level), side))
    return POLICIES[(side, level)]
