"""Shared judgement for the computer players, read only from a side's view."""
from __future__ import annotations

from game.engine import Move, Transfer, View

DEFENCE = {"plain": 1.0, "steppe": 0.9, "taiga": 1.3, "mountain": 1.6, "marsh": 1.4}


def enemy_men(view: View, region: str) -> float:
    est = view.enemy.get(region)
    return float(est["men"][0]) if est else 0.0


def own_men(view: View, region: str) -> float:
    return float(sum(u.men for u in view.units.values() if u.region == region))


def border_regions(view: View) -> list[str]:
    """Own regions touching an enemy region (by land, rail or river)."""
    out = []
    for r, owner in view.owners.items():
        if owner != view.side:
            continue
        if any(view.owners[n] != view.side and kind != "sea" for n, kind in view.board.neighbours[r]):
            out.append(r)
    return sorted(out)


def threat(view: View, region: str) -> float:
    """Enemy men (estimated) next to or in a region."""
    return enemy_men(view, region) + sum(enemy_men(view, n) for n, kind in view.board.neighbours[region]
                                         if kind != "sea")


def defence_factor(view: View, region: str) -> float:
    reg = view.board.regions[region]
    rules = view.rules["combat"]
    f = rules["terrain"][reg.terrain]
    if reg.side != view.side:
        f *= 1.0 + rules["fort_per_level"] * reg.fort
    return f


def attack_moves(view: View, ratio_needed: float, reserve_share: float = 0.0) -> list[Move]:
    """At war: strike enemy regions where the units that can reach them outnumber the defence enough."""
    moves: list[Move] = []
    used: set[str] = set()
    targets = sorted({n for u in view.units.values() for n, k in view.destinations(u.id).items()
                      if view.owners[n] != view.side})
    scored = []
    for t in targets:
        defence = max(enemy_men(view, t), 1000.0) * defence_factor(view, t) * view.rules["combat"]["season_attack"][view.season]**-1
        attackers = [u for u in view.units.values() if t in view.destinations(u.id) and u.kind != "fortress"]
        power = sum(u.men + 30 * u.tanks for u in attackers)
        scored.append((power / defence, view.board.regions[t].vp, t, attackers))
    for ratio, _, t, attackers in sorted(scored, key=lambda x: (-x[0], -x[1], x[2])):
        if ratio < ratio_needed:
            break
        for u in attackers:
            if u.id in used:
                continue
            # leave a garrison where the enemy also threatens
            if reserve_share and threat(view, u.region) > own_men(view, u.region) * (1 - reserve_share):
                continue
            used.add(u.id)
            moves.append(Move(u.id, t))
    return moves


def reinforce_moves(view: View, already: set[str], limit: int = 4) -> list[Move]:
    """Shift idle units by rail toward the most threatened border region they can reach."""
    borders = border_regions(view)
    if not borders:
        return []
    need = {r: threat(view, r) - own_men(view, r) for r in borders}
    moves = []
    for u in sorted(view.units.values(), key=lambda u: (-u.men, u.id)):
        if u.id in already or u.kind == "fortress" or len(moves) >= limit:
            continue
        if u.region in need and need[u.region] > 0:
            continue   # already where it is needed
        options = [r for r in view.destinations(u.id) if r in need and need[r] > 0]
        if options:
            best = max(options, key=lambda r: (need[r], r))
            moves.append(Move(u.id, best))
            need[best] -= u.men
    return moves


def pick_transfers(view: View, divisions: float) -> list[Transfer]:
    """Send ``divisions`` west from the units least needed where they stand."""
    if divisions <= 0:
        return []
    units = sorted(view.units.values(),
                   key=lambda u: (threat(view, u.region) / max(own_men(view, u.region), 1.0), -u.divisions, u.id))
    out = []
    left = divisions
    for u in units:
        if left <= 0:
            break
        if u.divisions < 1 or u.kind == "fortress":
            continue
        take = min(left, u.divisions - 0.5 if u.divisions > 1 else u.divisions, 2.0)
        take = float(int(take)) if take >= 1 else take
        if take <= 0:
            continue
        out.append(Transfer(u.id, take))
        left -= take
    return out


def trigger_met(view: View, divisions_share: float, armour_share: float) -> bool:
    """Japan's 1941 rule: the Soviet Far East halved, its tanks and aircraft down to a third."""
    first = view.history[0]["enemy_estimate"]
    now = view.enemy_totals
    div_ok = now["divisions"][0] <= divisions_share * first["divisions"][0]
    armour_now = now["tanks"][0] + now["aircraft"][0]
    armour_then = first["tanks"][0] + first["aircraft"][0]
    return div_ok and armour_now <= armour_share * armour_then
