"""Computer players. Each takes a side's view and a seeded generator and returns that side's Orders."""
from __future__ import annotations

import datetime as dt
from typing import Callable

import numpy as np

from game.engine import Orders, View

from . import hard, normal, plan, tactics, warfare

Policy = Callable[[View, np.random.Generator], Orders]


def covers(view: View, day: dt.date) -> bool:
    """Whether ``day`` falls in the current turn (days before the first turn count as the first)."""
    end = view.date + dt.timedelta(days=view.days_per_turn)
    return view.date <= day < end or (view.turn == 0 and day < view.date)


def japan_easy(view: View, rng: np.random.Generator) -> Orders:
    """A timid beginner: mobilises at once and waits for the Far East to empty, striking north only against a
    gutted garrison; stands down when the oil runs low, and turns south only when winter has come."""
    if view.war.at_war:
        return warfare.war_moves(view, boldness=1.0)
    if view.own.south or view.war.declared_by:
        return Orders()
    oil = view.own.oil if view.own.oil is not None else 99.0
    own = sum(u.men for u in view.units.values())
    if own > EASY_ODDS * view.enemy_totals.men[0] and tactics.can_order(view, "strike_north"):
        return Orders(posture="strike_north")
    if view.season == "winter" and tactics.can_order(view, "strike_south"):
        return Orders(posture="strike_south")
    if oil < EASY_OIL and view.own.stance != "stand_down" and "stand_down" in view.postures:
        return Orders(posture="stand_down")
    if oil >= EASY_OIL and view.own.stance not in ("mobilise", "stand_down") and "mobilise" in view.postures:
        return Orders(posture="mobilise")
    return Orders()


EASY_ODDS = 2.0    # the timid Japan strikes north only with this many men to each Soviet one
EASY_OIL = 9.0     # ... and stands down below this many months of oil


def japan_historical(view: View, rng: np.random.Generator) -> Orders:
    plan = _historical_plan(view, "japan")
    if view.war.at_war:
        return warfare.war_moves(view, boldness=1.6)
    if view.own.south or view.war.declared_by:
        return Orders()
    if not plan:   # the scenario scripts no Japanese decisions (e.g. 1945): hold the stance, guard the border
        return Orders(moves=tuple(tactics.reinforce_moves(view, set(), limit=2)))
    if plan.get("strike_south_on") and covers(view, plan["strike_south_on"]):
        return Orders(posture="strike_south")
    if view.date <= plan["strike_until"] and tactics.trigger_met(
            view, plan["trigger_divisions_share"], plan["trigger_armour_share"]):
        return Orders(posture="strike_north")
    if covers(view, plan["mobilise_from"]) or (view.date > plan["mobilise_from"] and view.own.stance == "wait"):
        return Orders(posture="mobilise")
    return Orders(moves=tuple(tactics.reinforce_moves(view, set(), limit=2)))


# --- USSR --------------------------------------------------------------------------------------------
def soviet_easy(view: View, rng: np.random.Generator) -> Orders:
    """A beginner who does what Moscow says: sends west exactly what Stavka asks, never more while Japan is
    quiet and never less while it threatens, and at war counter-attacks without waiting for the odds."""
    if view.war.at_war:
        return warfare.war_moves(view, boldness=0.8)
    if view.stavka_demand is None:      # Stavka does not command this side here
        return Orders()
    return Orders(transfers=tuple(tactics.pick_transfers(view, view.stavka_demand)))


def soviet_historical(view: View, rng: np.random.Generator) -> Orders:
    plan = _historical_plan(view, "soviet")
    if view.war.at_war:
        return warfare.war_moves(view, boldness=1.8)
    due = sum(t["divisions"] for t in plan.get("transfers", []) if covers(view, t["date"]))
    posture = None
    if plan.get("declare_war_on") and covers(view, plan["declare_war_on"]) and not view.war.declared_by:
        posture = "declare_war"
    return Orders(posture=posture, transfers=tuple(tactics.pick_transfers(view, due)))


def _historical_plan(view: View, side: str) -> dict:
    return view.ai.get("historical", {}).get(side) or {}


POLICIES: dict[tuple[str, str], Policy] = {
    ("japan", "easy"): japan_easy,
    ("japan", "normal"): normal.japan_normal,
    ("japan", "hard"): hard.japan_hard,
    ("japan", "historical"): japan_historical,
    ("soviet", "easy"): soviet_easy,
    ("soviet", "normal"): normal.soviet_normal,
    ("soviet", "hard"): hard.soviet_hard,
    ("soviet", "historical"): soviet_historical,
}


def policy_for(side: str, level: "str | plan.FixedPlan") -> Policy:
    """The computer player for a level: easy, normal, hard, historical, ``plan:FILE`` or a FixedPlan."""
    if isinstance(level, plan.FixedPlan) or plan.is_plan(level):   # (isinstance first: mypy sees a str after)
        return plan.plan_policy(plan.for_side(plan.plan_of(level), side))
    return POLICIES[(side, level)]
