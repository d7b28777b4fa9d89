"""Shared judgement for the computer players, read only from a side's view.

What a side knows of the board is computed once per turn (``Sense``): where each unit can go, where the enemy is thought
to be, which own regions carry the railway and the objectives. Building it once keeps an AI turn cheap
enough to run inside thousands of Monte Carlo games.
"""
from __future__ import annotations

from functools import cached_property

from game.engine import Move, Transfer, View
from game.engine.orders import reachable

# The lifelines: a Soviet region on the Trans-Siberian or Ussuri railway, or a Manchurian rail hub.
KEY_SOVIET = ("vladivostok", "khabarovsk", "ussuriysk", "blagoveshchensk", "chita", "belogorsk", "birobidzhan",
              "iman", "borzya", "ulan_ude", "skovorodino")
KEY_JAPAN = ("harbin", "hsinking", "mukden", "mudanjiang", "qiqihar", "hailar", "rashin", "suifenhe")


class Sense:
    """What a side can tell about the board this turn, computed once from its view."""

    def __init__(self, view: View):
        self.view = view
        self.side = view.side
        self.board = view.board
        self.ctx = view.context()
        self._dest: dict[str, dict[str, str]] = {}     # origin region -> destinations
        self._threat: dict[str, float] = {}
        self.own_at: dict[str, float] = {}
        for u in view.units.values():
            self.own_at[u.region] = self.own_at.get(u.region, 0.0) + u.men
        self.enemy_at = {r: float(e.men[0]) for r, e in view.enemy.items()}

    def destinations(self, unit_id: str) -> dict[str, str]:
        """Where a unit may move this turn (units in one region share the answer)."""
        region = self.view.units[unit_id].region
        d = self._dest.get(region)
        if d is None:
            d = self._dest[region] = reachable(self.ctx, region)
        return d

    def enemy_men(self, region: str) -> float:
        return self.enemy_at.get(region, 0.0)

    def own_men(self, region: str) -> float:
        return self.own_at.get(region, 0.0)

    @cached_property
    def borders(self) -> list[str]:
        """Own regions touching an enemy region by land, rail or river."""
        owners, side = self.view.owners, self.side
        return sorted(r for r, owner in owners.items() if owner == side and any(
            owners[n] != side and kind != "sea" for n, kind in self.board.neighbours[r]))

    def threat(self, region: str) -> float:
        """Enemy men (estimated) in or next to a region."""
        t = self._threat.get(region)
        if t is None:
            t = self._threat[region] = self.enemy_men(region) + sum(
                self.enemy_men(n) for n, kind in self.board.neighbours[region] if kind != "sea")
        return t

    def defence_factor(self, region: str) -> float:
        reg = self.board.regions[region]
        rules = self.view.rules["combat"]
        f = rules["terrain"][reg.terrain]
        if reg.side != self.side:
            f *= 1.0 + rules["fort_per_level"] * reg.fort
        return f

    @cached_property
    def objectives(self) -> dict[str, frozenset[str]]:
        """Regions named in the scenario's winning conditions: side -> regions that side must hold to win."""
        out: dict[str, set[str]] = {}
        sc = self.view.scenario
        for o in (sc.outcomes if sc else ()):
            winner = o.get("winner")
            when = o.get("when", {})
            for key in ("holds", "holds_any"):
                for side, regions in when.get(key, {}).items():
                    if winner == side:
                        out.setdefault(side, set()).update(regions)
        return {side: frozenset(r) for side, r in out.items()}

    @cached_property
    def distance_to_goal(self) -> dict[str, int]:
        """Steps by land from each region to the nearest objective this side does not hold yet."""
        goals = [r for r in self.objectives.get(self.side, ()) if self.view.owners[r] != self.side]
        dist = {r: 0 for r in goals}
        frontier = list(goals)
        while frontier:
            nxt = []
            for r in frontier:
                for n, kind in self.board.neighbours[r]:
                    if kind != "sea" and n not in dist:
                        dist[n] = dist[r] + 1
                        nxt.append(n)
            frontier = nxt
        return dist

    def value(self, region: str) -> float:
        """How much a region matters: victory points, the objectives (ours and the enemy's: those we must
        keep), the regions on the way to our objectives, and the railway lifelines."""
        reg = self.board.regions[region]
        v = float(reg.vp)
        if region in KEY_SOVIET or region in KEY_JAPAN:
            v += 2.0
        if any(region in regions for regions in self.objectives.values()):
            v += 8.0
        d = self.distance_to_goal.get(region)
        if d is not None:
            v += 6.0 / (1 + d)
        return v


# --- orders ------------------------------------------------------------------------------------------
def attack_moves(view: View, ratio_needed: float, reserve_share: float = 0.0, sense: Sense | None = None,
                 concentrate: bool = False, press: bool = False) -> list[Move]:
    """At war: strike enemy regions where the units that can reach them outnumber the defence enough.

    With ``concentrate`` the best targets are weighed by their value (objectives, railway) and attackers
    are committed only when their combined power is enough, so no unit attacks alone into a strong defence.
    With ``press`` (an overwhelming army) a unit keeps no garrison against the very enemy it attacks.
    """
    s = sense or Sense(view)
    c = view.rules["combat"]
    season_attack = c["season_attack"][view.season]
    moves: list[Move] = []
    used: set[str] = set()
    attackers_of: dict[str, list] = {}
    by_sea: dict[str, list] = {}
    for u in sorted(view.units.values(), key=lambda u: u.id):
        if u.kind == "fortress":
            continue
        for n, how in s.destinations(u.id).items():
            if view.owners[n] != view.side:
                (by_sea if how == "sea" else attackers_of).setdefault(n, []).append(u)
    # One unit landing from the sea makes the whole attack amphibious: land where no one can march in, and
    # count the landing at its weakened strength.
    landing = {t: c["amphibious_mult"] for t in by_sea if t not in attackers_of}
    for t in landing:
        attackers_of[t] = by_sea[t]
    # The armies' quality is public (a scenario's battle factors): a better army needs fewer men.
    quality = c.get("quality", {})
    edge = quality.get(view.side, 1.0) / quality.get(view.enemy_side, 1.0)
    scored = []
    for t, attackers in attackers_of.items():
        defence = max(s.enemy_men(t), 1000.0) * s.defence_factor(t) / season_attack / landing.get(t, 1.0) / edge
        power = sum(u.men + c["tank_men"] * u.tanks for u in attackers)
        ratio = power / defence
        weight = min(ratio, 2 * ratio_needed) * (1.0 + 0.3 * s.value(t)) if concentrate else ratio
        scored.append((weight, ratio, s.value(t), t, attackers))
    for _weight, ratio, _, t, attackers in sorted(scored, key=lambda x: (-x[0], -x[2], x[3])):
        if ratio < ratio_needed:
            if concentrate:
                continue
            break
        free = []
        for u in attackers:
            if u.id in used:
                continue
            # leave a garrison where the enemy also threatens
            threat = s.threat(u.region) - (s.enemy_men(t) if press else 0.0)
            if reserve_share and threat > s.own_men(u.region) * (1 - reserve_share):
                continue
            free.append(u)
        if concentrate:
            defence = max(s.enemy_men(t), 1000.0) * s.defence_factor(t) / season_attack / landing.get(t, 1.0) / edge
            if sum(u.men + c["tank_men"] * u.tanks for u in free) < ratio_needed * defence:
                continue
            # Enough is enough: the strongest units up to OVERKILL times the odds needed go; the rest stay
            # free for the next target (an overwhelming army takes several cities a turn, not one).
            chosen, power = [], 0.0
            for u in sorted(free, key=lambda u: (-(u.men + c["tank_men"] * u.tanks), u.id)):
                if power >= OVERKILL * ratio_needed * defence:
                    break
                chosen.append(u)
                power += u.men + c["tank_men"] * u.tanks
            free = chosen
        for u in free:
            used.add(u.id)
            moves.append(Move(u.id, t))
    return moves


OVERKILL = 2.0   # a concentrated attack commits at most this many times the odds it needs


def reinforce_moves(view: View, already: set[str], limit: int = 4, sense: Sense | None = None) -> list[Move]:
    """Shift idle units by rail toward the most threatened border region they can reach."""
    s = sense or Sense(view)
    borders = s.borders
    if not borders:
        return []
    need = {r: s.threat(r) - s.own_men(r) for r in borders}
    moves: list[Move] = []
    for u in sorted(view.units.values(), key=lambda u: (-u.men, u.id)):
        if u.id in already or u.kind == "fortress" or len(moves) >= limit:
            continue
        if u.region in need and need[u.region] > 0:
            continue   # already where it is needed
        options = [r for r in s.destinations(u.id) if r in need and need[r] > 0]
        if options:
            best = max(options, key=lambda r: (need[r], r))
            moves.append(Move(u.id, best))
            need[best] -= u.men
    return moves


def pick_transfers(view: View, divisions: float, sense: Sense | None = None) -> list[Transfer]:
    """Send ``divisions`` west from the units least needed where they stand."""
    if divisions <= 0:
        return []
    s = sense or Sense(view)
    units = sorted(view.units.values(),
                   key=lambda u: (s.threat(u.region) / max(s.own_men(u.region), 1.0), -u.divisions, u.id))
    out = []
    left = divisions
    for u in units:
        if left <= 0:
            break
        if u.divisions < 1 or u.kind == "fortress":
            continue
        # Whole divisions, at most two from one unit a turn, so the burden is shared.
        take = float(int(min(left, u.divisions, 2.0)))
        if take <= 0:
            continue
        out.append(Transfer(u.id, take))
        left -= take
    return out


def overall_edge(view: View) -> float:
    """Own men to the enemy's estimated men on the map, each weighed by its army's quality."""
    quality = view.rules["combat"].get("quality", {})
    own = sum(u.men for u in view.units.values()) * quality.get(view.side, 1.0)
    enemy = max(1.0, view.enemy_totals.men[0] * quality.get(view.enemy_side, 1.0))
    return own / enemy


def spare_divisions(view: View, keep_men: float) -> float:
    """Divisions the side could send away and still keep ``keep_men`` on the map (at its average division)."""
    own = sum(u.men for u in view.units.values())
    divisions = sum(u.divisions for u in view.units.values() if u.kind != "fortress") or 1.0
    return max(0.0, (own - keep_men) / (own / divisions)) if own else 0.0


def trigger_met(view: View, divisions_share: float, armour_share: float) -> bool:
    """Japan's 1941 rule: the Soviet Far East halved, its tanks and aircraft down to a third."""
    first = view.history[0].enemy_estimate
    now = view.enemy_totals
    div_ok = now.divisions[0] <= divisions_share * first.divisions[0]
    armour_now = now.tanks[0] + now.aircraft[0]
    armour_then = first.tanks[0] + first.aircraft[0]
    return div_ok and armour_now <= armour_share * armour_then


def stance_order(view: View, stance: str) -> str | None:
    """The posture order that takes the side to ``stance``: none when it stands there already."""
    return stance if view.own.stance != stance else None


def can_order(view: View, posture: str) -> bool:
    """Whether the side may order ``posture`` this turn (open to it, and not waiting on a preparation)."""
    return posture in view.postures and posture not in (view.blocked or {})


def turns_to_ready(view: View, posture: str, stance: str | None = None) -> int | None:
    """Turns until ``posture`` may be ordered if the side takes (or keeps) its preparation stance from now on;
    None when it waits on something else (a date, a condition) or is not open to the side at all."""
    if posture not in view.postures:
        return None
    rule = view.rules.get("postures", {}).get(posture, {})
    need, turns = rule.get("prepare_stance"), rule.get("prepare_turns", 0)
    if posture not in (view.blocked or {}):
        return 0
    if not need or not turns:
        return None
    held = view.turn - view.own.stance_since if view.own.stance == need else 0
    return max(0, turns - held)
