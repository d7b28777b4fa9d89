"""Words that depend on the scenario, read from the view's data (never by scenario id): used by the game
screen (``game.ui``) and the after-action report (``game.report``), so both name things alike.

A scenario may have no Western front (1939, 1945), put its collapse city elsewhere (Stalingrad), or drop
Tokyo's test; every label here asks the rules what applies.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from game.engine import Orders, View


def front_enabled(view: View) -> bool:
    return bool(view.rules["front"].get("enabled", True))


def stavka_enabled(view: View) -> bool:
    return bool(view.rules["stavka"].get("enabled", True))


def milestone_label(m: dict[str, Any]) -> str:
    """A short place name for a milestone: 'Don bend' for id don_bend / 'Don bend crossed'.

    The id usually names the place; the title supplies its spelling. A title that does not contain the id
    is shown whole (an author's own id such as 'm1' must not reach the screen).
    """
    title = m.get("title") or m["id"]
    name = m["id"].replace("_", " ")
    at = title.lower().find(name.lower())
    if at >= 0:
        found = title[at:at + len(name)]
        return found[:1].upper() + found[1:]
    return title


def goal(view: View) -> str | None:
    """The place whose fall is the collapse (the milestone marked ``moscow = true``), if the front has one."""
    if not front_enabled(view):
        return None
    m = next((m for m in view.front["milestones"] if m.get("moscow")), None)
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
        if problems and p != view.own["stance"]:
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
    if war["at_war"]:
        return "AT WAR", "war"
    if war["declared_by"] == view.side:
        return "ATTACK ORDERED", "ordered"
    if view.rules["war"].get("at_war"):   # the scenario opens at war: the first blow is the enemy's
        return f"WAR: {view.side_names[view.enemy_side]} attacks", "opening"
    return ("Neutrality pact holds" if view.date >= PACT_SIGNED else "No war in the Far East"), "peace"


def outcome_names(outcomes) -> dict[str, str]:
    """Short names of a scenario's outcomes for charts: each title up to its colon
    ('Khalkhin Gol again: the northern strike fails' -> 'Khalkhin Gol again')."""
    return {o["id"]: o["title"].split(":", 1)[0].strip() for o in outcomes}
