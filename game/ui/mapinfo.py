"""What the map tells about a region, in words: owner, terrain, forts, victory points, objectives,
supply (and why it is cut), the estimate of the enemy there, and the score. Read from the view only.
"""
from __future__ import annotations

from collections import deque

from game.engine import View

from .counters import thousands
from .draft import plural


def objectives(view: View) -> dict[str, list[tuple[str, str]]]:
    """Region -> (outcome title, side that must hold it) for every region an outcome's ``holds`` or
    ``holds_any`` condition names: the places the scenario's victory conditions turn on."""
    out: dict[str, list[tuple[str, str]]] = {}
    for o in (view.scenario.outcomes if view.scenario else ()):
        when = o.get("when", {})
        for key in ("holds", "holds_any"):
            for side, regions in when.get(key, {}).items():
                for r in regions:
                    out.setdefault(r, []).append((o["title"], side))
    return out


def outcome_lines(view_or_scenario) -> list[tuple[str, str]]:
    """The scenario's outcomes in its own words: (title with who wins and when, explanation), in the
    file's order (the first that holds names the result). Takes a view or a scenario."""
    sc = getattr(view_or_scenario, "scenario", None) or view_or_scenario
    if sc is None or not getattr(sc, "outcomes", None):
        return []
    names = {s: spec["name"] for s, spec in sc.sides.items()}
    out = []
    for o in sc.outcomes:
        winner = o.get("winner", "score")
        who = "decided on points" if winner == "score" else f"{names.get(winner, winner)} wins"
        when = "ends the game at once" if o.get("ends_game") else "judged at the end"
        out.append((f"{o['title']} ({who}; {when})", o.get("explanation", "")))
    return out


def supply_cause(view: View, rid: str) -> str | None:
    """Why an own region is out of supply (None when it is supplied or not ours)."""
    return supply_break(view, rid)[0]


def supply_break(view: View, rid: str) -> tuple[str | None, list[str]]:
    """Why an own region is out of supply, and where: the enemy-held regions on the shortest way to an own
    supply source, or the sea lanes closed by war. (None, []) when it is supplied or not ours."""
    if view.owners.get(rid) != view.side or rid in view.supplied:
        return None, []
    board = view.board
    sources = {r for r, reg in board.regions.items() if reg.supply_source and reg.side == view.side}
    if not sources:
        return "no supply source of yours on this map", []
    prev: dict[str, str | None] = {rid: None}
    queue = deque([rid])
    found = None
    while queue and found is None:
        r = queue.popleft()
        for n, _ in board.neighbours[r]:
            if n in prev:
                continue
            prev[n] = r
            if n in sources:
                found = n
                break
            queue.append(n)
    if found is None:
        return "no way by land or sea to a supply source", []
    path = []
    r: str | None = found
    while r is not None:
        path.append(r)
        r = prev[r]
    held = [r for r in path if view.owners.get(r) != view.side]
    if held:
        names = ", ".join(board.regions[r].name for r in held[:3])
        owner = view.side_names.get(view.owners[held[0]], view.owners[held[0]])
        return f"the way to {board.regions[found].name} is cut at {names} (held by {owner})", held
    return "the sea route to a supply source is closed in war", []


def cut_regions(view: View) -> set[str]:
    """The enemy-held regions that cut an own region's supply (marked on the map)."""
    out: set[str] = set()
    for rid in view.owners:
        out.update(supply_break(view, rid)[1])
    return out


def region_facts(view: View, rid: str) -> list[tuple[str, str]]:
    """Lines of a region's tooltip: (text, style) with style 'title', 'bad', 'good', 'enemy' or ''."""
    v = view
    r = v.board.regions[rid]
    owner = v.owners.get(rid, "")
    lines = [(r.name, "title")]
    facts = [f"held by {v.side_names.get(owner, owner)}", r.terrain]
    if r.fort:
        facts.append(f"forts level {r.fort}")
    if r.vp:
        facts.append(plural(r.vp, "victory point"))
    text = " · ".join(facts)
    lines.append((text[:1].upper() + text[1:], ""))
    for title, side in objectives(v).get(rid, []):
        lines.append((f"Objective: {v.side_names.get(side, side)} must hold it for “{title}”", "good"))
    if owner == v.side:
        why = supply_cause(v, rid)
        if why:
            lines.append((f"OUT OF SUPPLY: {why}", "bad"))
        elif r.supply_source and r.side == v.side:
            lines.append(("Supply source", ""))
        else:
            lines.append(("Supplied: own regions link it to a supply source", ""))
    own = [u for u in v.units.values() if u.region == rid]
    if own:
        men = sum(u.men for u in own)
        lines.append((f"Your forces: {plural(len(own), 'unit')}, {thousands(men)} men", ""))
    est = v.enemy.get(rid)
    if est:
        e, lo, hi = est.men
        name = v.side_names.get(v.enemy_side, v.enemy_side)
        text = (f"{name}: {thousands(e)} men (exact, in contact)" if est.exact else
                f"{name} (estimate): ~{thousands(e)} men, between {thousands(lo)} and {thousands(hi)}")
        lines.append((text, "enemy"))
    for e in v.events:
        if e.kind == "battle" and e.data.get("region") == rid:
            lines.append((f"Last turn: {e.title}. {e.text}", "bad"))
    return lines


def score_part_lines(view: View) -> list[str]:
    """Each side's points, part by part: 'USSR: Moscow held 3 · front 260 km short of Moscow 3.9 · ...'."""
    parts = view.score_breakdown or {}
    names = view.side_names
    return [f"{names.get(s, s)}: " + (" · ".join(f"{what} {value:.1f}".replace(".0", "") for what, value in items)
                                      or "nothing yet")
            for s, items in sorted(parts.items())]


def score_lines(view: View) -> list[str]:
    """'Score: Japan 12 · USSR 30' and what the result would be if the game ended now on points."""
    pts = view.score
    if not pts:
        return []
    names = view.side_names
    estimated = not view.over and view.enemy_totals.oil is not None
    tally = " · ".join(f"{names.get(s, s)} {p}" for s, p in pts.items())
    margin = view.rules["victory"]["margin"]
    diff = pts.get("japan", 0) - pts.get("soviet", 0)
    winner = "japan" if diff > margin else "soviet" if diff < -margin else None
    verdict = (f"{names[winner]} would win on points (by {abs(diff)})" if winner else
               f"a draw on points (a lead of more than {margin:g} wins)")
    if view.over and view.result is not None:   # no more "if": the game has ended
        return [f"Final score: {tally}", f"Game over: {view.result.title}"]
    return [f"Score: {tally}" + (" (enemy oil estimated)" if estimated else ""),
            f"If it ended now: {verdict}"]


def attack_lines(view: View, units: list[str], region: str) -> list[str]:
    """The odds of sending ``units`` into ``region`` and what makes them, from the engine's own battle
    arithmetic run on this side's view (``game.engine.combat.preview``); [] when it is no attack."""
    from game.engine.combat import preview, preview_range
    from game.present.labels import odds_lines
    if not units or (view.owners.get(region) == view.side and region not in view.enemy):
        return []
    bd = preview(view, units, region)
    name = view.board.regions[region].name
    if bd is None:
        return [f"Into {name}: no {view.side_names.get(view.enemy_side, view.enemy_side)} forces known there; "
                "if none stand there, the region is taken without a battle."]
    return [f"Attack on {name}:"] + odds_lines(bd, view.side_names, preview_range(view, units, region))
