"""How the computer players move their units: at war, on the border, and before an offensive."""
from __future__ import annotations

from game.engine import Move, Orders, View

from . import tactics
from .tactics import Sense


def war_moves(view: View, boldness: float, concentrate: bool = False) -> Orders:
    """At war, simply: every attack with the odds (or, with ``concentrate``, the concentrated attacks of
    ``war_orders``), then the threatened border reinforced, the nearest shortfall first."""
    sense = tactics.Sense(view)
    attacks = _attacks(view, boldness, sense, concentrate)
    moved = {m.unit for m in attacks}
    return Orders(moves=tuple(attacks) + tuple(tactics.reinforce_moves(view, moved, sense=sense)))


def war_orders(view: View, boldness: float, sense: Sense | None = None) -> tuple[Move, ...]:
    """At war: concentrated attacks on what matters, then the threatened key regions reinforced, the most
    valuable first, from anywhere on the railway."""
    s = sense or Sense(view)
    attacks = _attacks(view, boldness, s, concentrate=True)
    moved = {m.unit for m in attacks}
    return tuple(attacks) + tuple(defend_moves(view, moved, s, limit=6))


def _attacks(view: View, boldness: float, sense: Sense, concentrate: bool) -> list[Move]:
    """This turn's attacks, each kind with the garrison share it was tuned with."""
    boldness, press = pressing(view, boldness)
    return tactics.attack_moves(view, ratio_needed=boldness, reserve_share=0.25 if concentrate else 0.3,
                                sense=sense, concentrate=concentrate, press=press)


def pressing(view: View, boldness: float) -> tuple[float, bool]:
    """The odds to attack at, and whether the army presses on: one with ``PRESS_EDGE`` times the enemy's
    men attacks at even odds, before the enemy can regroup."""
    if tactics.overall_edge(view) >= PRESS_EDGE:
        return min(boldness, PRESS_BOLDNESS), True
    return boldness, False


PRESS_EDGE = 2.0       # own men (weighed by quality) to each enemy one, above which the attack presses on
PRESS_BOLDNESS = 1.0   # ... attacking wherever it is at least even


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
