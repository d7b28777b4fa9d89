"""The planning computer player (level ``hard``): a rule of thumb, improved by looking ahead.

Its default is a rule of thumb (Japan: the normal player; the USSR: the guarded rule that sends west all the
Far East can spare). Each turn in which a strategic choice is open, it lists that default and a few
departures from it (Japan: a stance for this turn, a strike north as soon as the preparation allows, the
south; USSR: all, none or half of Stavka's call this turn, or the alert), and plays each one out to the end
of the game on states sampled from its own view (``game.engine.sampling.determinise``: it never sees the
real state). After the departure, both sides play their rules of thumb, so a plan is judged by what it
changes, and every plan is tried on the same samples. A departure must beat the default by a premium,
because a handful of noisy play-outs flatters the luckiest plan (the winner's curse); an irreversible one
(war, the south) by a larger premium.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, cast

import numpy as np

from game.engine import Move, Orders, Result, View
from game.engine.rng import LazyStream, stream
from game.engine.sampling import determinise, play_out

from . import normal, tactics
from .tactics import Sense
from .warfare import defend_moves, staging_moves, war_orders

SAMPLES = 4            # sampled states per plan (finalists); every plan sees the same ones
CHANGE_PREMIUM = 0.05  # mean utility a departure from the rule of thumb must gain over it
FINAL_PREMIUM = 0.15   # ... and an irreversible one

Chooser = Callable[[View], Orders]


@dataclass(frozen=True)
class Plan:
    """This turn's departure from the rule of thumb (or none), and for a strike north the turns to hold the
    mobilisation before it; afterwards the rule of thumb plays on."""

    name: str
    stance: str | None = None         # the stance to take now
    north_in: int | None = None       # Japan: strike north this many turns from now, mobilised until then
    south: bool = False               # Japan: strike south now
    send_share: float | None = None   # USSR: share of Stavka's call sent west this turn
    keep: float | None = None         # USSR: or all the Far East can spare above this share of Japan's men
    final: bool = False               # an irreversible decision (war, the south)

    @property
    def default(self) -> bool:
        return self.name == "default"


def _fixed(rule: Callable[[View, np.random.Generator], Orders]) -> Chooser:
    """A rule of thumb as a play-out chooser, on a generator fixed by the turn and built only if drawn from
    (the rules of thumb draw nothing, and a generator per play-out turn would cost more than they do)."""
    return lambda view: rule(view, cast(np.random.Generator, LazyStream(view.turn, view.turn, "rule-of-thumb")))


RULE_OF_THUMB: dict[str, Chooser] = {"japan": _fixed(normal.japan_steady), "soviet": _fixed(normal.soviet_guarded)}
# How the other side is expected to play: its normal computer player. (Expecting Japan's hard USSR, which
# sends more west, made hard Japan lose more against the normal USSR and win no more against the hard one.)
OPPONENTS: dict[str, Chooser] = {"japan": RULE_OF_THUMB["japan"], "soviet": _fixed(normal.soviet_normal)}


# --- the plans, played out -----------------------------------------------------------------------------
def japan_rollout(plan: Plan, start_turn: int) -> Chooser:
    def choose(view: View) -> Orders:
        k = view.turn - start_turn
        if plan.default or view.war.at_war or view.own.south or view.war.declared_by:
            return RULE_OF_THUMB["japan"](view)
        if plan.north_in is not None and k <= plan.north_in:
            if k == plan.north_in and tactics.can_order(view, "strike_north"):
                return Orders(posture="strike_north", moves=tuple(staging_moves(view, Sense(view))))
            posture = tactics.stance_order(view, "mobilise")
            staging = tuple(staging_moves(view, Sense(view))) if k == plan.north_in - 1 else ()
            return Orders(posture=posture, moves=staging)
        if k == 0 and plan.south and tactics.can_order(view, "strike_south"):
            return Orders(posture="strike_south")
        if k == 0 and plan.stance:
            return Orders(posture=tactics.stance_order(view, plan.stance))
        return RULE_OF_THUMB["japan"](view)
    return choose


def soviet_rollout(plan: Plan, start_turn: int) -> Chooser:
    def choose(view: View) -> Orders:
        if plan.default or view.turn > start_turn or view.war.at_war:
            return RULE_OF_THUMB["soviet"](view)
        demand = view.stavka_demand or 0
        send: float = round(demand * (plan.send_share if plan.send_share is not None else 1.0))
        if plan.keep is not None:
            spare = tactics.spare_divisions(view, plan.keep * view.enemy_totals.men[0])
            send = max(float(demand), min(spare, normal.MAX_SEND))
        posture = plan.stance if plan.stance and view.own.stance != plan.stance else None
        return Orders(posture=posture, transfers=tuple(tactics.pick_transfers(view, send)))
    return choose


# --- planning -----------------------------------------------------------------------------------------
def utility(result: Result, side: str) -> float:
    """A win is worth 1, a draw 0.5; the score margin breaks ties."""
    base = 1.0 if result.winner == side else 0.5 if result.winner == "draw" else 0.0
    margin = result.score.get(side, 0) - max((v for s, v in result.score.items() if s != side), default=0)
    return base + 0.01 * max(-20, min(20, margin))


def premium(plan: Plan) -> float:
    return 0.0 if plan.default else FINAL_PREMIUM if plan.final else CHANGE_PREMIUM


def weigh(view: View, rng: np.random.Generator, plans: list[Plan], first: dict[str, Orders],
          choosers: Callable[[Plan], dict[str, Chooser]]) -> Plan:
    """The plan with the best mean utility over the same sampled states, less its premium (ties: the
    earlier plan; the default comes first).

    Successive halving: every plan is played on the first ``SAMPLES // 2`` samples, and only the two best,
    with the default, go on to the rest, so the time goes where the choice is close.
    """
    base = int(rng.integers(0, 2**62))
    total: dict[str, float] = {p.name: 0.0 for p in plans}

    def play(plan: Plan, k: int) -> None:
        sample = determinise(view, stream(base, view.turn, f"sample-{k}"))
        result = play_out(sample, choosers(plan), first={view.side: first[plan.name]})
        total[plan.name] += utility(result, view.side)

    half = max(1, SAMPLES // 2)
    for plan in plans:
        for k in range(half):
            play(plan, k)
    order = sorted(plans, key=lambda p: -total[p.name])   # stable: ties keep the listed order
    finalists = order[:2] + [p for p in plans if p.default and p not in order[:2]]
    for plan in finalists:
        for k in range(half, SAMPLES):
            play(plan, k)
    return max(finalists, key=lambda p: (total[p.name] / SAMPLES - premium(p), -plans.index(p)))


def japan_plans(view: View) -> list[Plan]:
    """The rule of thumb, and one departure per family: a stance for this turn (wait, stand down for oil and
    the talks, mobilise to threaten), a strike north as soon as the preparation allows (if that falls
    before the freeze), the south."""
    plans = [Plan("default")]
    for stance in ("wait", "stand_down", "mobilise"):
        if stance in view.postures and view.own.stance != stance:
            plans.append(Plan(stance, stance=stance))
    ready = tactics.turns_to_ready(view, "strike_north", "mobilise")
    if ready is not None:
        strike_day = view.date + dt.timedelta(days=ready * view.days_per_turn)
        m, d = normal.NORTHERN_WINDOW_END
        if strike_day < dt.date(view.date.year, m, d) and strike_day.month >= 6:
            plans.append(Plan("north", north_in=ready, final=ready == 0))
    if tactics.can_order(view, "strike_south"):
        plans.append(Plan("south", south=True, final=True))
    return plans


def japan_hard(view: View, rng: np.random.Generator) -> Orders:
    if view.war.at_war:
        posture = "mobilise" if view.own.stance != "mobilise" and "mobilise" in view.postures else None
        return Orders(posture=posture, moves=war_orders(view, boldness=1.3))
    if view.own.south or view.war.declared_by:
        return Orders(moves=tuple(staging_moves(view, Sense(view))) if view.war.declared_by else ())
    plans = japan_plans(view)
    first = {p.name: japan_rollout(p, view.turn)(view) for p in plans}
    plan = weigh(view, rng, plans, first,
                 lambda p: {"japan": japan_rollout(p, view.turn), "soviet": OPPONENTS["soviet"]})
    return first[plan.name]


SOVIET_PLANS = [Plan("default"), Plan("send_spare", keep=normal.KEEP_QUIET, stance="hold"),
                Plan("send_all", send_share=1.0, stance="hold"),
                Plan("send_half", send_share=0.5, stance="hold"), Plan("send_none", send_share=0.0, stance="hold"),
                Plan("alert", send_share=0.5, stance="alert")]


def soviet_hard(view: View, rng: np.random.Generator) -> Orders:
    if view.war.at_war:
        return Orders(moves=war_orders(view, boldness=1.5))
    if view.enemy_south or view.enemy_totals.stance == "strike_south":
        return RULE_OF_THUMB["soviet"](view)     # Japan cannot come north: nothing to weigh
    plans = [p for p in SOVIET_PLANS if p.default or p.stance in view.postures]
    first = {p.name: soviet_rollout(p, view.turn)(view) for p in plans}
    plan = weigh(view, rng, plans, first,
                 lambda p: {"japan": OPPONENTS["japan"], "soviet": soviet_rollout(p, view.turn)})
    chosen = first[plan.name]
    if plan.default:
        return chosen
    moves = tuple(defend_moves(view, set(), Sense(view), limit=3))
    return Orders(posture=chosen.posture, transfers=chosen.transfers, moves=_without(moves, chosen.transfers))


def _without(moves: tuple[Move, ...], transfers) -> tuple[Move, ...]:
    """Units entraining for the west cannot also move."""
    leaving = {t.unit for t in transfers}
    return tuple(m for m in moves if m.unit not in leaving)
