"""Words that depend on the scenario, read from the view's data (never by scenario id): used by the game
screen (``game.ui``) and the after-action report (``game.analysis.report``), so both name things alike.

A scenario may have no Western front (1939, 1945), put its collapse city elsewhere (Stalingrad), or drop
Tokyo's test; every label here asks the rules what applies.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from game.engine import Orders, View
from game.engine.rules import Milestone


def front_enabled(view: View) -> bool:
    return bool(view.rules["front"].get("enabled", True))


def stavka_enabled(view: View) -> bool:
    return bool(view.rules["stavka"].get("enabled", True))


def milestone_label(m: Milestone) -> str:
    """A short place name for a milestone: 'Don bend' for id don_bend / 'Don bend crossed'."""
    return m.place


def goal(view: View) -> str | None:
    """The place whose fall is the collapse (the milestone marked ``moscow = true``), if the front has one."""
    if not front_enabled(view):
        return None
    m = next((m for m in view.front.milestones if m.moscow), None)
    return milestone_label(m) if m else None


def front_axis_title(view: View) -> str:
    """The heading for the German advance: the Western front towards Moscow, else neutral words (the
    1942 axis runs towards Stalingrad, not from the 1941 border)."""
    return "Western front: km from the border" if goal(view) == "Moscow" else "German advance (km)"


def tokyo_test(view: View) -> tuple[float, str] | None:
    """Tokyo's rule for striking north (share of the Soviet Far East left) and its label, where it applies:
    the scenario's historical Japanese player has such a rule, and the game does not open at war (then
    the decision it measures has already been taken)."""
    if view.rules["war"].get("at_war"):
        return None
    japan = ((view.ai or {}).get("historical") or {}).get("japan") or {}
    share = japan.get("trigger_divisions_share")
    if share is None:
        return None
    share = float(share)
    said = "halved" if abs(share - 0.5) < 1e-9 else f"down to {share:.0%}"
    return share, f"Tokyo's test: the Soviet Far East {said}"


def posture_refusals(view: View) -> dict[str, str]:
    """Why each posture the side may not take this turn is closed (war already declared, south committed)."""
    out = {}
    for p in view.postures:
        problems = view.problems(Orders(posture=p))
        if problems and p != view.own.stance:
            out[p] = problems[0][1]
    return out


def days_left(view: View) -> int:
    """Days from the start of this turn to the scenario's last day (inclusive)."""
    sc = view.scenario
    if sc is not None:
        end = sc.end
    else:
        end = view.date.fromordinal(view.date.toordinal() + (view.last_turn - view.turn + 1) * view.days_per_turn - 1)
    return max(0, (end - view.date).days + 1)


PACT_SIGNED = dt.date(1941, 4, 13)   # the Soviet-Japanese Neutrality Pact [HISTORY.md, S38]


def war_status(view: View) -> tuple[str, str]:
    """(words, tone) for the war in the Far East; tone is 'war', 'ordered', 'opening' or 'peace'."""
    war = view.war
    if war.at_war:
        return "AT WAR", "war"
    if war.declared_by == view.side:
        return "ATTACK ORDERED", "ordered"
    if view.rules["war"].get("at_war"):   # the scenario opens at war: the first blow is the enemy's
        return f"WAR: {view.side_names[view.enemy_side]} attacks", "opening"
    return ("Neutrality pact holds" if view.date >= PACT_SIGNED else "No war in the Far East"), "peace"


def outcome_names(outcomes) -> dict[str, str]:
    """Short names of a scenario's outcomes for charts: each title up to its colon
    ('Khalkhin Gol again: the northern strike fails' -> 'Khalkhin Gol again')."""
    return {o["id"]: o["title"].split(":", 1)[0].strip() for o in outcomes}


def plural(n: float, word: str, many: str | None = None) -> str:
    """The count with its noun in the right number: '1 region', '3 regions', '0.5 divisions'."""
    count = f"{n:g}" if isinstance(n, float) else f"{n:,}"
    return f"{count} {word if n == 1 else (many or word + 's')}"


def thousands(men: float) -> str:
    """Men or strength compactly: 950, 7.9k, 52k, 1.25M."""
    men = float(men)
    if abs(men) >= 1_000_000:
        return f"{men / 1_000_000:.2f}M"
    if abs(men) >= 10_000:
        return f"{men / 1000:.0f}k"
    if abs(men) >= 1000:
        return f"{men / 1000:.1f}k"
    return f"{men:.0f}"


# How each multiplier of a battle reads (see game.engine.combat.assess).
FACTOR_WORDS = {"quality": "quality", "supply": "out of supply", "oil": "no oil", "collapse": "collapse in the west",
                "fort": "forts", "river": "river crossing", "amphibious": "landing from the sea",
                "surprise": "surprise"}


def factor_words(name: str, value: float, breakdown: dict[str, Any]) -> str:
    if name == "terrain":
        label = breakdown.get("terrain", "terrain")
    elif name == "season":
        label = breakdown.get("season", "season")
    elif name == "fort":
        label = f"forts (level {breakdown['fort']})" if breakdown.get("fort") else "forts"
    else:
        label = FACTOR_WORDS.get(name, name.replace("_", " "))
    return f"{label} ×{value:g}"


def _forces_line(f: dict[str, Any], role: str, name: str, breakdown: dict[str, Any]) -> str:
    mods = [factor_words(k, v, breakdown) for k, v in f["factors"].items() if v != 1.0]
    mods_text = ", ".join(mods) if mods else "no modifiers"
    if f.get("hidden"):
        return (f"{name} ({role}): {thousands(f['men'])} men fought, power {thousands(f['power'])} "
                f"({mods_text}; their tanks, aircraft, supply and oil unseen)")
    band = f.get("men_band")
    if band and thousands(band[0]) == thousands(band[1]):   # an estimate with no spread: known exactly
        band = None
    men = f"~{thousands(f['men'])} men ({thousands(band[0])}-{thousands(band[1])})" if band else \
        f"{thousands(f['men'])} men"
    kit = [men] + [plural(int(f[k]), k[:-1] if k == "tanks" else "aircraft", k) for k in ("tanks", "aircraft")
                   if f.get(k)]
    return f"{name} ({role}): {', '.join(kit)} = strength {thousands(f['strength'])}; {mods_text}: " \
           f"power {thousands(f['power'])}"


def battle_lines(data: dict[str, Any], names: dict[str, str]) -> list[str]:
    """A resolved battle compactly, from its event data: each side's strength and modifiers, the odds,
    the dice and the losses, and how the power left compared. Shows only what the data holds (a side's
    copy hides the enemy's secrets)."""
    bd = data.get("breakdown")
    if not bd:
        return []
    att, dfn = bd["attacker"], bd["defender"]
    lines = [_forces_line(bd["forces"][att], "attacking", names.get(att, att), bd),
             _forces_line(bd["forces"][dfn], "defending", names.get(dfn, dfn), bd)]
    dice = ", ".join(f"{names.get(s, s)} ×{data['dice'][s]:.2f}" for s in (att, dfn))
    left = data.get("power_left", {})
    lost = ", ".join(f"{names.get(s, s)} {-data['men'][s]:,}" for s in (att, dfn))
    won = data["winner"] == att
    lines.append(f"Odds {bd['win_chance']:.0%} for {names.get(att, att)}. Dice (loss ×): {dice}. Losses: {lost}. "
                 f"Power left {thousands(left.get(att, 0))} against {thousands(left.get(dfn, 0))}, "
                 f"{'at least' if won else 'short of'} the ×{bd['win_ratio']:g} needed.")
    return lines


def odds_lines(bd, names: dict[str, str], chance_range: tuple[float, float] | None = None) -> list[str]:
    """A battle preview (``game.engine.combat.preview``) compactly: both sides' strength and modifiers
    (the enemy as estimated) and the chance of winning, with its range over the estimate."""
    data = bd.to_data()
    att, dfn = data["attacker"], data["defender"]
    lines = [_forces_line(data["forces"][att], "attacking", names.get(att, att), data),
             _forces_line(data["forces"][dfn], "defending", names.get(dfn, dfn), data)]
    chance = f"Chance to win: {bd.win_chance:.0%}"
    if chance_range and round(chance_range[0], 2) != round(chance_range[1], 2):
        chance += f" ({chance_range[0]:.0%}-{chance_range[1]:.0%} over the estimate)"
    lines.append(chance + f"; expected losses {names.get(att, att)} {thousands(bd.expected_loss[att])}, "
                 f"{names.get(dfn, dfn)} {thousands(bd.expected_loss[dfn])}.")
    return lines


def scenario_end(view: View) -> dt.date:
    """The scenario's last day (from the published scenario, else from the turn count)."""
    if view.scenario is not None:
        return view.scenario.end
    first = view.date.toordinal() - view.turn * view.days_per_turn
    return dt.date.fromordinal(first + (view.last_turn + 1) * view.days_per_turn - 1)


def turn_span(view: View, turn: int | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day of a turn (this one by default), never past the scenario's end: the last turn
    of a scenario ending 31 March ends on 31 March even if its days would run on."""
    turn = view.turn if turn is None else turn
    start = view.date.toordinal() + (turn - view.turn) * view.days_per_turn
    end = scenario_end(view)
    first = min(dt.date.fromordinal(start), end)
    return first, min(dt.date.fromordinal(start + view.days_per_turn - 1), end)


def span_text(first: dt.date, last: dt.date) -> str:
    """'29 Mar - 31 Mar 1942' (one day: '31 Mar 1942')."""
    if first == last:
        return f"{last.day:02d} {last:%b %Y}"
    return f"{first:%d %b} - {last:%d %b %Y}"


def turn_dates(view: View) -> str:
    """The days of the turn on screen; once the game is over, the day it ended."""
    if view.over:
        return f"ended {scenario_end(view):%d %b %Y}" if view.turn > view.last_turn else \
            f"ended {turn_span(view, view.turn - 1)[1]:%d %b %Y}"
    return span_text(*turn_span(view))


def report_dates(view: View) -> str:
    """The days the turn report covers (the turn just resolved)."""
    return span_text(*turn_span(view, view.turn - 1))


def outcome_sides(outcomes) -> dict[str, str]:
    """Which side each outcome favours: 'japan', 'soviet', 'draw', or 'score' (decided on points)."""
    return {o["id"]: o.get("winner", "score") for o in outcomes}


def outcome_side_words(side: str, side_names: dict[str, str]) -> str:
    """'USSR wins', 'Japan wins', 'a draw', 'on points'."""
    if side in side_names:
        return f"{side_names[side]} wins"
    return {"draw": "a draw", "score": "on points"}.get(side, side)
