"""The rule-of-thumb computer players (level ``normal``), and the guarded Soviet rule the hard player builds on.

They read only their side's view and decide by simple rules about the balance of forces, the oil and the
season; the hard player (``hard.py``) plays them out to judge whether a departure from them pays.
"""
from __future__ import annotations

import numpy as np

from game.engine import Orders, View

from . import tactics, warfare


# --- Japan -------------------------------------------------------------------------------------------
def japan_normal(view: View, rng: np.random.Generator) -> Orders:
    """An eager player: keeps the Kwantung Army mobilised all summer, whatever the oil costs, and strikes north
    at the first fair chance (``EAGER_ODDS``, or the Far East halved); after the summer it plays as the
    steady rule does. At war it concentrates its attacks as the steady rule does, but guards the border by
    the simple rule: four units a turn to the regions most short of men, where the steady rule brings up
    six and weighs the cities behind them. So it fights a weaker war than the hard player."""
    if view.war.at_war:
        return Orders(posture=tactics.stance_order(view, "mobilise"),
                      moves=warfare.war_moves(view, boldness=1.3, concentrate=True).moves)
    if view.own.south or view.war.declared_by or not _northern_window(view):
        return japan_steady(view, rng)
    own = sum(u.men for u in view.units.values())
    chance = own > EAGER_ODDS * view.enemy_totals.men[0] or tactics.trigger_met(view, 0.6, 1.0)
    if view.own.stance == "mobilise" and chance and tactics.can_order(view, "strike_north"):
        return Orders(posture="strike_north")
    return Orders(posture=tactics.stance_order(view, "mobilise"),
                  moves=tuple(tactics.reinforce_moves(view, set())))


def _northern_window(view: View) -> bool:
    """Summer and September: a northern offensive begun now would end before the freeze."""
    return view.season == "summer" or (view.season == "autumn" and view.date.month == 9)


def japan_steady(view: View, rng: np.random.Generator) -> Orders:
    """The hard player's rule of thumb. Watches the balance of forces and the oil: mobilises while the Far
    East might weaken, strikes north only with a clear edge before the freeze, otherwise stands down to save
    oil and goes south when it may."""
    if view.war.at_war:
        return Orders(posture=tactics.stance_order(view, "mobilise"),
                      moves=warfare.war_orders(view, boldness=1.3))   # concentrated on the cities
    if view.own.south or view.war.declared_by:
        return Orders()
    own = sum(u.men for u in view.units.values())
    enemy = view.enemy_totals.men[0]
    start = view.history[0].enemy_estimate.men[0] if view.history else enemy
    oil = view.own.oil if view.own.oil is not None else 99.0
    window = _northern_window(view)
    moves = tuple(tactics.reinforce_moves(view, set()))
    halved = tactics.trigger_met(view, 0.6, 1.0)      # the Far East's divisions have gone west
    if window and view.own.stance == "mobilise" and (own > 1.6 * enemy or halved) \
            and tactics.can_order(view, "strike_north"):
        return Orders(posture="strike_north")
    weakening = enemy < 0.85 * start or tactics.trigger_met(view, 0.75, 1.0)
    if tactics.can_order(view, "strike_south") and not (window and weakening):
        return Orders(posture="strike_south")       # the north will not open: the sooner the Indies, the better
    if window and weakening and oil > 12:
        return Orders(posture=tactics.stance_order(view, "mobilise"), moves=moves)
    if view.own.stance != "stand_down" and "stand_down" in view.postures and not (window and weakening):
        return Orders(posture="stand_down", moves=moves)      # no chance in the north: save oil, talk
    return Orders(moves=moves)


def soviet_normal(view: View, rng: np.random.Generator) -> Orders:
    """Sends what Stavka asks, and two divisions more a turn while Japan is held back (it has gone south or
    stood down, or winter has closed the Amur front) or looks no stronger than ``NORMAL_CALM``; holds back,
    and goes on alert, only when the Kwantung Army looks strong enough to attack."""
    if view.war.at_war:
        # every attack with the odds, the threatened border reinforced: no concentration on the cities
        return warfare.war_moves(view, boldness=1.6)
    demand = view.stavka_demand or 0
    own = sum(u.men for u in view.units.values())
    enemy = view.enemy_totals.men[0]
    quiet = _japan_held_back(view)
    threatened = not quiet and enemy > 1.5 * own
    calm = quiet or enemy < NORMAL_CALM * own
    send = 0 if threatened or view.stavka_demand is None else demand + (NORMAL_EXTRA if calm else 0)
    posture = None
    if threatened and view.own.stance != "alert" and "alert" in view.postures:
        posture = "alert"
    elif not threatened and view.own.stance == "alert" and "hold" in view.postures:
        posture = "hold"
    sense = tactics.Sense(view)
    transfers = tactics.pick_transfers(view, send, sense)
    sent = {t.unit for t in transfers}
    return Orders(posture=posture, transfers=tuple(transfers),
                  moves=tuple(tactics.reinforce_moves(view, sent, limit=2, sense=sense)))


def _japan_held_back(view: View) -> bool:
    """Japan cannot strike north soon: it has gone south or stood down, or winter has closed the Amur."""
    stance = view.enemy_totals.stance
    return stance in ("strike_south", "stand_down") or view.enemy_south or view.season == "winter"


def soviet_guarded(view: View, rng: np.random.Generator) -> Orders:
    """Sends west every division the Far East can spare: all of them once Japan is committed to the south, as
    many as keep it at ``KEEP_QUIET`` of the Kwantung Army's men while Japan is held back or the northern
    window has closed, else ``KEEP_TENSE``; and at least what the normal player would (Stavka's call, two
    more while the Kwantung Army looks no stronger than ``NORMAL_CALM``) while it keeps 0.7 of Japan's men."""
    sense = tactics.Sense(view)
    if view.war.at_war:
        return Orders(moves=warfare.war_orders(view, boldness=1.5, sense=sense))
    if view.stavka_demand is None:      # Stavka does not command this side here
        return Orders(moves=tuple(warfare.defend_moves(view, set(), sense, limit=3)))
    demand = view.stavka_demand
    own = sum(u.men for u in view.units.values())
    enemy = view.enemy_totals.men[0]
    stance = view.enemy_totals.stance
    if stance == "strike_south" or view.enemy_south:
        send = float(MAX_SEND)
    else:
        quiet = _japan_held_back(view) or (view.date.month, view.date.day) >= NORTHERN_WINDOW_END
        keep = (KEEP_QUIET if quiet else KEEP_TENSE) * enemy
        spare = tactics.spare_divisions(view, keep)
        floor = demand + (NORMAL_EXTRA if enemy < NORMAL_CALM * own else 0)
        send = max(min(spare, MAX_SEND), floor) if own > 0.7 * enemy else 0
    transfers = tactics.pick_transfers(view, send, sense)
    sent = {t.unit for t in transfers}
    return Orders(transfers=tuple(transfers), moves=tuple(warfare.defend_moves(view, sent, sense, limit=3)))


NORTHERN_WINDOW_END = (10, 15)   # month, day: after this a northern offensive meets the freeze
EAGER_ODDS = 1.4    # the normal Japan strikes north with this many men to each Soviet one
NORMAL_EXTRA = 2    # divisions the normal USSR sends beyond Stavka's call while Japan cannot strike soon
NORMAL_CALM = 1.3   # ... and while the Kwantung Army has fewer than this many men to each Soviet one
KEEP_QUIET = 0.8    # the Far East's men kept, as a share of the Kwantung Army's, when Japan cannot strike soon
KEEP_TENSE = 1.0    # ... and when it can
MAX_SEND = 6        # divisions a turn the railway can carry west beyond Stavka's call
