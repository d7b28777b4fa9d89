"""The planning computer player (level ``hard``).

Each turn in which a strategic choice is open, it lists a few plans (Japan: strike north now or in a few
turns after mobilising, strike south, or wait; USSR: what share of Stavka's demand to send west), and plays
every plan out to the end of the game several times with the rules engine, on states sampled from its own
view (``game.engine.sampling.determinise``: it never sees the real state). Each plan is tried on the same
samples, so the comparison is fair; the plan with the best average result gives this turn's orders, and
the choice is made afresh next turn. Units move with purpose: attacks are concentrated on objectives and
railway junctions, threatened key regions (Vladivostok, the Trans-Siberian) are reinforced first.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.engine import Move, Orders, View
from game.engine.rng import stream
from game.engine.sampling import determinise, play_out

from . import tactics
from .tactics import Sense

SAMPLES = 4            # sampled states per plan (finalists); every plan sees the same ones
FINAL_PREMIUM = 0.12   # mean utility an irreversible plan must gain over the others
WINDOW_END = (10, 15)  # month, day: after this a northern offensive meets the freeze


@dataclass(frozen=True)
class Plan:
    """An open-loop plan for the rest of the game, replayed turn by turn in the play-outs."""

    name: str
    stance: str | None = None         # Japan: the stance to hold (e.g. mobilise)
    north_in: int | None = None       # Japan: strike north this many turns from now
    south_in: int | None = None       # Japan: strike south this many turns from now
    send_share: float | None = None   # USSR: share of Stavka's demand sent west each turn
    final: bool = False               # an irreversible decision (war, the south): it must clearly pay


# --- movement with purpose ---------------------------------------------------------------------------
def war_orders(view: View, boldness: float, sense: Sense | None = None) -> tuple[Move, ...]:
    """At war: concentrated attacks on what matters, then the threatened key regions reinforced."""
    s = sense or Sense(view)
    attacks = tactics.attack_moves(view, ratio_needed=boldness, reserve_share=0.25, sense=s, concentrate=True)
    moved = {m.unit for m in attacks}
    return tuple(attacks) + tuple(defend_moves(view, moved, s, limit=6))


def defend_moves(view: View, already: set[str], sense: Sense, limit: int = 4) -> list[Move]:
    """Send idle units by rail to the threatened border regions, the valuable ones first."""
    s = sense
    need = {r: (s.threat(r) - s.own_men(r)) * (1.0 + 0.15 * s.value(r)) for r in s.borders}
    need = {r: n for r, n in need.items() if n > 0}
    moves: list[Move] = []
    for u in sorted(view.units.values(), key=lambda u: (-u.men, u.id)):
        if len(moves) >= limit or not need:
            break
        if u.id in already or u.kind == "fortress" or u.region in need:
            continue
        if s.value(u.region) >= 6 and s.threat(u.region) > 0:
            continue   # a garrison of a threatened city stays put
        options = [r for r in s.destinations(u.id) if r in need]
        if options:
            best = max(options, key=lambda r: (need[r], r))
            moves.append(Move(u.id, best))
            need[best] -= u.men * (1.0 + 0.15 * s.value(best))
            if need[best] <= 0:
                del need[best]
    return moves


def staging_moves(view: View, sense: Sense, limit: int = 8) -> list[Move]:
    """Before an offensive: concentrate idle units on the border regions facing the richest objectives."""
    s = sense
    front = {}
    for r in s.borders:
        prize = sum(s.value(n) for n, kind in view.board.neighbours[r]
                    if kind != "sea" and view.owners[n] != view.side)
        front[r] = prize
    if not front:
        return []
    moves: list[Move] = []
    for u in sorted(view.units.values(), key=lambda u: (-u.men, u.id)):
        if len(moves) >= limit:
            break
        if u.kind == "fortress" or u.region in front:
            continue
        options = [r for r in s.destinations(u.id) if r in front]
        if options:
            moves.append(Move(u.id, max(options, key=lambda r: (front[r], r))))
    return moves


# --- cheap policies for the play-outs ---------------------------------------------------------------
def _in_window(view: View) -> bool:
    m, d = WINDOW_END
    return view.date < dt.date(view.date.year, m, d) and view.date.month >= 6


def japan_rollout(plan: Plan, start_turn: int) -> Callable[[View], Orders]:
    def choose(view: View) -> Orders:
        if view.war["at_war"]:
            return Orders(moves=war_orders(view, boldness=1.3))
        if view.own["south"] or view.war["declared_by"]:
            return Orders()
        k = view.turn - start_turn
        if plan.north_in is not None and k >= plan.north_in and tactics.can_order(view, "strike_north"):
            return Orders(posture="strike_north", moves=tuple(staging_moves(view, Sense(view))))
        if plan.south_in is not None and k >= plan.south_in and tactics.can_order(view, "strike_south"):
            return Orders(posture="strike_south")
        if view.date.month == 12 and tactics.can_order(view, "strike_south"):
            return Orders(posture="strike_south")   # the historical default once the north is closed
        if plan.stance and view.own["stance"] != plan.stance:
            return Orders(posture=plan.stance)
        if plan.north_in is not None and k == plan.north_in - 1:
            return Orders(moves=tuple(staging_moves(view, Sense(view))))
        return Orders()
    return choose


def japan_opponent(view: View) -> Orders:
    """How the USSR thinks Japan plays: mobilise, and strike when the Far East looks weak enough."""
    if view.war["at_war"]:
        return Orders(moves=war_orders(view, boldness=1.3))
    if view.own["south"] or view.war["declared_by"]:
        return Orders()
    own = sum(u.men for u in view.units.values())
    enemy = view.enemy_totals["men"][0]
    if _in_window(view) and own > 1.5 * enemy and tactics.can_order(view, "strike_north"):
        return Orders(posture="strike_north", moves=tuple(staging_moves(view, Sense(view))))
    if view.date.month == 12 and tactics.can_order(view, "strike_south"):
        return Orders(posture="strike_south")
    if view.own["stance"] != "mobilise" and view.date.month >= 7 and "mobilise" in view.postures:
        return Orders(posture="mobilise")
    return Orders()


def soviet_rollout(plan: Plan) -> Callable[[View], Orders]:
    def choose(view: View) -> Orders:
        if view.war["at_war"]:
            return Orders(moves=war_orders(view, boldness=1.5))
        demand = view.stavka_demand or 0
        send = round(demand * (plan.send_share if plan.send_share is not None else 1.0))
        if view.enemy_totals.get("stance") == "strike_south" or view.enemy_south:
            send = demand
        posture = plan.stance if plan.stance and view.own["stance"] != plan.stance else None
        return Orders(posture=posture, transfers=tuple(tactics.pick_transfers(view, send)))
    return choose


def soviet_opponent(view: View) -> Orders:
    """How Japan thinks the USSR plays: sends what Stavka asks while the Far East matches the Kwantung Army."""
    if view.war["at_war"]:
        return Orders(moves=war_orders(view, boldness=1.5))
    demand = view.stavka_demand or 0
    own = sum(u.men for u in view.units.values())
    enemy = view.enemy_totals["men"][0]
    send = demand if own > enemy else max(0, demand - 1)
    posture = "alert" if enemy > 1.15 * own and view.own["stance"] != "alert" and "alert" in view.postures else None
    return Orders(posture=posture, transfers=tuple(tactics.pick_transfers(view, send)))


# --- planning -----------------------------------------------------------------------------------------
def utility(result, side: str) -> float:
    """A win is worth 1, a draw 0.5; the score margin breaks ties."""
    base = 1.0 if result.winner == side else 0.5 if result.winner == "draw" else 0.0
    margin = result.score.get(side, 0) - max((v for s, v in result.score.items() if s != side), default=0)
    return base + 0.01 * max(-20, min(20, margin))


def weigh(view: View, rng: np.random.Generator, plans: list[Plan], first: dict[str, Orders],
          choosers: Callable[[Plan], dict[str, Callable[[View], Orders]]]) -> Plan:
    """The plan with the best mean utility over the same sampled states (ties: the earlier plan).

    Successive halving: every plan is played on the first ``SAMPLES // 2`` samples, and only the two best
    go on to the rest, so the time goes where the choice is close.
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
    finalists = order[:2]
    if all(p.final for p in finalists):   # keep one plan that leaves the options open in the final
        finalists += [p for p in order if not p.final][:1]
    for plan in finalists:
        for k in range(half, SAMPLES):
            play(plan, k)
    # An irreversible decision must beat the plans that keep the options open by a clear margin: with a
    # handful of samples the luckiest plan looks best (the winner's curse), and a war cannot be undone.
    return max(finalists, key=lambda p: (total[p.name] / SAMPLES - (FINAL_PREMIUM if p.final else 0.0),
                                         -plans.index(p)))


def japan_plans(view: View) -> list[Plan]:
    """One plan per family, whatever the turn: keep waiting, stand down (oil, talks), mobilise and threaten,
    strike north as soon as the preparation allows (if that falls before the freeze), strike south."""
    plans = [Plan("wait", stance="wait")]
    if "stand_down" in view.postures:
        plans.append(Plan("stand_down", stance="stand_down"))
    if "mobilise" in view.postures:
        plans.append(Plan("mobilise", stance="mobilise"))
    ready = tactics.turns_to_ready(view, "strike_north", "mobilise")
    if ready is not None:
        strike_day = view.date + dt.timedelta(days=ready * view.days_per_turn)
        m, d = WINDOW_END
        if strike_day < dt.date(view.date.year, m, d) and strike_day.month >= 6:
            plans.append(Plan("north", stance="mobilise", north_in=ready, final=ready == 0))
    if tactics.can_order(view, "strike_south"):
        plans.append(Plan("south", south_in=0, final=True))
    return plans


def japan_hard(view: View, rng: np.random.Generator) -> Orders:
    if view.war["at_war"]:
        posture = "mobilise" if view.own["stance"] != "mobilise" and "mobilise" in view.postures else None
        return Orders(posture=posture, moves=war_orders(view, boldness=1.3))
    if view.own["south"] or view.war["declared_by"]:
        return Orders(moves=tuple(staging_moves(view, Sense(view))) if view.war["declared_by"] else ())
    plans = japan_plans(view)
    first = {}
    for p in plans:
        first[p.name] = japan_rollout(p, view.turn)(view)
    plan = weigh(view, rng, plans, first,
                 lambda p: {"japan": japan_rollout(p, view.turn), "soviet": soviet_opponent})
    return first[plan.name]


SOVIET_PLANS = [Plan("send_all", send_share=1.0, stance="hold"), Plan("send_half", send_share=0.5, stance="hold"),
                Plan("send_none", send_share=0.0, stance="hold"), Plan("alert", send_share=0.5, stance="alert")]


def soviet_hard(view: View, rng: np.random.Generator) -> Orders:
    sense = Sense(view)
    if view.war["at_war"]:
        return Orders(moves=war_orders(view, boldness=1.5, sense=sense))
    demand = view.stavka_demand or 0
    moves = tuple(defend_moves(view, set(), sense, limit=3))
    if demand <= 0 or view.enemy_south or view.enemy_totals.get("stance") == "strike_south":
        transfers = tactics.pick_transfers(view, demand, sense)
        return Orders(transfers=tuple(transfers), moves=_without(moves, transfers))
    plans = [p for p in SOVIET_PLANS if p.stance in view.postures]
    first = {p.name: soviet_rollout(p)(view) for p in plans}
    plan = weigh(view, rng, plans, first, lambda p: {"japan": japan_opponent, "soviet": soviet_rollout(p)})
    chosen = first[plan.name]
    return Orders(posture=chosen.posture, transfers=chosen.transfers, moves=_without(moves, chosen.transfers))


def _without(moves: tuple[Move, ...], transfers) -> tuple[Move, ...]:
    """Units entraining for the west cannot also move."""
    leaving = {t.unit for t in transfers}
    return tuple(m for m in moves if m.unit not in leaving)
