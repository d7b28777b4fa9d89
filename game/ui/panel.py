"""The top bar (date, turn, season, the Western front) and the side panel of the game screen.

Both are drawn into cached surfaces when something changes; ``Layout`` gives the rectangles, so the
pygame_gui buttons and the hand-drawn text line up at every window size.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.engine import View
from game.present.labels import days_left, front_enabled, goal, turn_dates, war_status

from . import theme
from .charts import far_east_chart, front_track
from .counters import thousands
from .draft import Draft, plural, posture_label
from .mapinfo import attack_lines
from .theme import Text
from .widgets import fit

KIND_NAMES = {"infantry": "Infantry", "armour": "Armour", "cavalry": "Cavalry", "fortress": "Fortress"}


MIN_ORDERS = 80     # pixels (at scale 1) kept for the orders list
MIN_CHART = 130     # below this the Far East chart cannot be read
DECISION = 168     # the posture block: two lines of words over up to three rows of buttons
FIT_HEIGHT = 74 + MIN_CHART + 110 + DECISION + 100 + 5 * 8 + MIN_ORDERS + 72   # the least height the screen needs
FIT_WIDTH = 440 + 640                                            # the panel and a usable map


@dataclass
class Layout:
    top: pygame.Rect
    panel: pygame.Rect
    map: pygame.Rect
    chart: pygame.Rect
    forces: pygame.Rect
    decision: pygame.Rect
    unit: pygame.Rect
    orders: pygame.Rect
    actions: pygame.Rect

    @classmethod
    def for_size(cls, size: tuple[int, int], t: Text) -> "Layout":
        w, h = size
        top = pygame.Rect(0, 0, w, t.px(74))
        panel = pygame.Rect(w - t.px(440), top.bottom, t.px(440), h - top.bottom)
        mp = pygame.Rect(0, top.bottom, w - panel.w, h - top.bottom)
        x, pw = panel.x + t.px(14), panel.w - t.px(28)
        y = panel.y + t.px(8)
        # The chart gives up height first when a large UI scale leaves too little (see ``fit_scale``).
        fixed = sum(t.px(v) for v in (110, DECISION, 100)) + 4 * t.px(8) + t.px(8) + MIN_ORDERS * t.scale + t.px(72)
        chart_h = max(t.px(MIN_CHART), min(t.px(170), panel.h - round(fixed)))
        actions = pygame.Rect(x, panel.bottom - t.px(66), pw, t.px(56))
        # The chosen stack's list and the orders list share what is left beyond the orders' minimum.
        spare = actions.y - t.px(6) - (y + chart_h + t.px(110) + t.px(DECISION) + t.px(100) + 4 * t.px(8))
        unit_h = t.px(100) + max(0, spare - round(MIN_ORDERS * t.scale)) * 2 // 3
        rects = []
        for height in (chart_h, t.px(110), t.px(DECISION), unit_h):
            rects.append(pygame.Rect(x, y, pw, height))
            y += height + t.px(8)
        orders = pygame.Rect(x, y, pw, actions.y - y - t.px(6))
        return cls(top, panel, mp, *rects, orders, actions)

    def decision_buttons(self, counts: list[int], t: Text) -> list[pygame.Rect]:
        """Rows of buttons (``counts`` per row) at the bottom of the decision block."""
        bh, gap = t.px(40), t.px(6)
        y = self.decision.bottom - len(counts) * (bh + gap) + gap
        out = []
        for n in counts:
            bw = (self.decision.w - (n - 1) * gap) // n
            out += [pygame.Rect(self.decision.x + c * (bw + gap), y, bw, bh) for c in range(n)]
            y += bh + gap
        return out


def section_title(t: Text, surf: pygame.Surface, rect: pygame.Rect, title: str, key: str = "") -> int:
    lab = t.render(title, 18, theme.INK, bold=True)
    surf.blit(lab, rect.topleft)
    if key:
        k = t.render(key, 15, theme.MUTED)
        surf.blit(k, k.get_rect(topright=(rect.right, rect.y + t.px(2))))
    return rect.y + lab.get_height()


def band_text(band: Sequence[float] | None) -> str:
    """An estimate of men [est, low, high] as '~45k ±12k'; '57k (exact)' once nothing is hidden (game over)."""
    if not band:
        return "unknown"
    est, low, high = band
    if low == high:
        return f"{thousands(est)} (exact)"
    return f"~{thousands(est)} ±{thousands(max(high - est, est - low))}"


def draw_topbar(t: Text, surf: pygame.Surface, lay: Layout, view: View) -> None:
    bar = lay.top
    surf.fill(theme.INK, bar)
    side = view.side
    colour = theme.SIDE[side]
    badge = pygame.Rect(t.px(12), t.px(12), t.px(130), t.px(50))
    pygame.draw.rect(surf, colour, badge, border_radius=badge.h // 2 if side == "japan" else 0)
    name = t.render(view.side_names[side].upper(), 22, (255, 255, 255), bold=True)
    surf.blit(name, name.get_rect(center=badge.center))
    x = badge.right + t.px(16)
    line1 = f"Turn {view.turn + 1} of {view.last_turn + 1}" if not view.over else "Game over"
    surf.blit(t.render(line1, 22, (255, 255, 255), bold=True), (x, t.px(8)))
    line2 = f"{turn_dates(view)} · {view.season}"   # never past the scenario's last day
    surf.blit(t.render(line2, 18, (215, 215, 215)), (x, t.px(40)))
    status, tone = war_status(view)
    scol = {"war": (255, 140, 120), "ordered": (255, 200, 90), "opening": (255, 170, 120)}.get(tone, (170, 210, 170))
    lab = t.render(status, 16, scol, bold=True)
    surf.blit(lab, (x + t.px(270), t.px(12)))
    left = max(t.px(600), x + t.px(270) + lab.get_width() + t.px(24))   # the track never runs into the status
    track = pygame.Rect(left, t.px(4), lay.map.w - t.px(30) - left, bar.h - t.px(8))
    if track.w < t.px(320):   # a large UI scale in a small window: one line in words under the status
        words = f"German advance: {view.front.km:,.0f} km" if front_enabled(view) else clock_words(view)
        surf.blit(t.render(words, 15, (230, 230, 230), bold=True), (x + t.px(270), t.px(38)))
        return
    if view.enemy_south or view.own.south:   # a second line: the status column is narrow
        who = view.side_names[view.enemy_side if view.enemy_south else side]
        surf.blit(t.render(f"{who} at war in the Pacific", 15, (215, 215, 215)), (x + t.px(270), t.px(38)))
    if front_enabled(view):
        front_track(t, surf, track, view)
    else:   # no Western front in this scenario: the time left matters instead
        clock_text(t, surf, track, view)


def clock_words(view: View) -> str:
    """'6 turns (42 days) left · ends 16 Sep 1939'."""
    end = f" {view.scenario.end:%d %b %Y}" if view.scenario is not None else ""
    if view.over:
        return "The game is over"
    if view.turn >= view.last_turn:
        return f"Last turn: the game ends{end}"
    left = f"{plural(view.last_turn - view.turn + 1, 'turn')} ({plural(days_left(view), 'day')}) left"
    return left + (f" · ends{end}" if end else "")


def clock_text(t: Text, surf: pygame.Surface, rect: pygame.Rect, view: View) -> None:
    """How long the scenario has left, where a scenario without a Western front would show the front."""
    line1 = clock_words(view)
    lab = t.render(line1, 18, (235, 235, 235), bold=True)
    surf.blit(lab, (rect.x, rect.y + t.px(4)))
    sub = t.render(view.title, 15, (190, 190, 190))
    if sub.get_width() <= rect.w:
        surf.blit(sub, (rect.x, rect.y + t.px(4) + lab.get_height()))


def transfer_preview(view: View, draft: Draft | None, unit_id: str) -> str | None:
    """What the next 'Send 1 div. west' of a unit takes away, from the engine's own rule."""
    from game.engine.forces import transfer_share
    u = view.units[unit_id]
    before = draft.sent(unit_id) if draft else 0.0
    have = u.divisions - before
    if have <= 0:
        return "All of it is already ordered west."
    step = 1.0 if have >= 1.0 else round(have, 2)
    men0, tanks0, air0 = transfer_share(u, before, view.rules) if before else (0, 0, 0)
    men1, tanks1, air1 = transfer_share(u, before + step, view.rules)
    return (f"T: the next {step:g} div. of {u.name} takes {men1 - men0:,} men, {plural(tanks1 - tanks0, 'tank')}, "
            f"{air1 - air0} aircraft west" + (" (all that is left)" if step >= have else ""))


def draw_panel(t: Text, surf: pygame.Surface, lay: Layout, view: View, draft: Draft | None,
               selection: list[str], read_only: bool, orders_top: int = 0) -> tuple[dict[str, pygame.Rect], int]:
    """Draw the panel; returns where each unit row of the chosen stack is (for clicks) and the first orders
    line shown (kept in range)."""
    rows: dict[str, pygame.Rect] = {}
    surf.fill(theme.PAPER, lay.panel)
    pygame.draw.line(surf, theme.RULE, lay.panel.topleft, lay.panel.bottomleft, 2)
    enemy = view.enemy_side
    # Far East strength chart
    y = section_title(t, surf, lay.chart, "Far East strength", "thousands of men")
    far_east_chart(t, surf, pygame.Rect(lay.chart.x, y + t.px(2), lay.chart.w, lay.chart.bottom - y - t.px(2)), view)
    # Mobilisation and oil
    r = lay.forces
    lines: list[tuple[str, tuple, bool]] = []
    own_men = sum(u.men for u in view.units.values())
    own_div = sum(u.divisions for u in view.units.values())
    if view.side == "japan" or view.own.oil is not None:
        y = section_title(t, surf, r, "Mobilisation and oil" if view.own.oil is not None else "Mobilisation",
                          "exact")
        lines.append((f"Stance: {posture_label(view.own.stance)} · {thousands(own_men)} men, {own_div:.0f} div.",
                      theme.INK, True))
        lines.append((f"Reserves {thousands(view.own.pool)} · in training {thousands(view.own.training)}",
                      theme.INK, False))
        oil = view.own.oil
        if oil is not None:
            trend = ""
            before = view.history[-2].oil if len(view.history) > 1 else None
            if before is not None:
                trend = f" ({oil - before:+.1f} last turn)"
            lines.append((f"Oil reserve: {oil:.1f} months{trend}", theme.ERROR if oil < 6 else theme.INK, True))
        est = view.enemy_totals
        known = est.men[1] == est.men[2]   # the game is over: nothing is hidden
        men = f"{thousands(est.men[0])} men (exact)" if known else f"{band_text(est.men)} men"
        lines.append((f"{view.side_names[enemy]}{'' if known else ' (estimate)'}: {men}", theme.SIDE_DARK[enemy],
                      False))
    else:
        enemy_oil = enemy in view.rules.get("oil", {})   # public: whether the enemy's oil counts at all
        y = section_title(t, surf, r, f"{view.side_names[enemy]}: mobilisation" + (" and oil" if enemy_oil else ""),
                          "estimates")
        est = view.enemy_totals
        div = est.divisions
        lines.append((f"Men: {band_text(est.men)} · divisions ~{div[0]:.0f}", theme.SIDE_DARK[enemy], True))
        their_oil = est.oil
        spread = f"{max(their_oil[2] - their_oil[0], their_oil[0] - their_oil[1]):.0f}" if their_oil else ""
        oil_txt = f"~{plural(round(their_oil[0]), 'month')} (±{spread})" if their_oil else "unknown"
        if their_oil and their_oil[1] == their_oil[2]:
            oil_txt = f"{their_oil[0]:.1f} months (exact)"
        stance = est.stance
        posture = f"posture: {posture_label(stance) if stance else 'unknown'}"
        lines.append(((f"Oil: {oil_txt} · {posture}" if enemy_oil else posture.capitalize()), theme.SIDE_DARK[enemy],
                      False))
        lines.append((f"Your Far East: {thousands(own_men)} men, {own_div:.1f} div. (exact)", theme.INK, True))
        transit = sum(d for _, _, d in view.in_transit)
        lines.append((f"To mobilise {thousands(view.own.pool)} · training {thousands(view.own.training)}"
                      + (f" · {transit:g} div. going west" if transit else ""), theme.INK, False))
    y += t.px(2)
    for text_, colour, bold in lines:
        lab = t.render(fit(t, text_, 15, r.w, bold), 15, colour, bold=bold)
        surf.blit(lab, (r.x, y))
        y += lab.get_height()
    # Decision: posture (and Stavka for the side it commands)
    r = lay.decision
    pygame.draw.line(surf, theme.RULE, (r.x, r.y - t.px(4)), (r.right, r.y - t.px(4)))
    chosen = draft.orders.posture if draft else None
    if view.stavka_demand is not None:
        y = section_title(t, surf, r, "Stavka and posture", "T send · P posture")
        sent = draft.divisions_sent() if draft else 0
        demand = view.stavka_demand
        colour = theme.GOOD if sent >= demand else theme.ERROR
        place = goal(view)
        lab = t.render(fit(t, f"Stavka demands {demand} div." + (f" for {place}" if place else "") +
                           f" · you send {sent:g}", 16, r.w, bold=True), 16, colour, bold=True)
        surf.blit(lab, (r.x, y + t.px(2)))
        if draft and sent:   # exactly what leaves, before End turn
            men, tanks, aircraft = draft.leaving()
            lab2 = t.render(fit(t, f"Leaving: {men:,} men, {plural(tanks, 'tank')}, {aircraft} aircraft", 14, r.w),
                            14, theme.INK)
            surf.blit(lab2, (r.x, y + t.px(2) + lab.get_height()))
    else:
        now = posture_label(view.own.stance)
        y = section_title(t, surf, r, "Posture", f"now {now} · P cycles")
        then = posture_label(chosen) if chosen and chosen != view.own.stance else f"{now} (no change)"
        lab = t.render(fit(t, f"This turn: {then}", 16, r.w, bold=True), 16, theme.INK, bold=True)
        surf.blit(lab, (r.x, y + t.px(2)))
        if view.war.at_war and view.own.oil is not None:   # why the posture buttons now change little
            note = fit(t, "At war it changes neither oil use nor call-ups.", 13, r.w)
            surf.blit(t.render(note, 13, theme.MUTED, italic=True), (r.x, y + t.px(3) + lab.get_height()))
    # The chosen unit or stack
    r = lay.unit
    pygame.draw.line(surf, theme.RULE, (r.x, r.y - t.px(4)), (r.right, r.y - t.px(4)))
    selected = selection[0] if selection and selection[0] in view.units else None
    if selected:
        u = view.units[selected]
        stack = sorted((x for x in view.units.values() if x.region == u.region), key=lambda x: (-x.men, x.id))
        chosen = [view.units[x] for x in selection if x in view.units]
        hint = "Tab next · Esc" if len(stack) == 1 else "A all · Shift-click: add"
        hint_w = t.font(15).size(hint)[0] + t.px(12)
        title = u.name if len(chosen) == 1 else f"{plural(len(chosen), 'unit')} of {len(stack)} chosen"
        y = section_title(t, surf, r, fit(t, title, 18, r.w - hint_w, bold=True), hint)
        if len(chosen) == 1:
            kind = KIND_NAMES.get(u.kind, u.kind)
            detail = f"{kind} · {thousands(u.men)} men · {round(u.divisions, 1):g} div."
            if u.tanks or u.aircraft:
                detail += f" · {plural(u.tanks, 'tank')} · {u.aircraft} aircraft"
        else:
            men = sum(x.men for x in chosen)
            detail = (f"{thousands(men)} men · {round(sum(x.divisions for x in chosen), 1):g} div. · "
                      f"{plural(sum(x.tanks for x in chosen), 'tank')} · {sum(x.aircraft for x in chosen)} aircraft")
        surf.blit(t.render(fit(t, detail, 15, r.w), 15, theme.INK), (r.x, y + t.px(2)))
        y += t.px(21)
        supplied = all(x.supplied for x in chosen)
        where = f"In {view.board.regions[u.region].name}" + ("" if supplied else " · OUT OF SUPPLY")
        to = draft.move_of(u.id) if draft else None
        if to:
            where += f" · ordered to {view.board.regions[to].name}"
        surf.blit(t.render(fit(t, where, 15, r.w, bold=bool(to) or not supplied), 15,
                           theme.ERROR if not supplied else theme.GOOD if to else theme.INK,
                           bold=bool(to) or not supplied), (r.x, y))
        y += t.px(21)
        line_h = t.px(20)
        if to and draft:   # the battle this order starts: its odds first, then what makes them, as room allows
            units = [m.unit for m in draft.orders.moves if m.to == to]
            lines = attack_lines(view, units, to)
            if len(lines) > 2:
                lines = [f"{lines[0]} {lines[-1]}"] + lines[1:-1]
            for i, line in enumerate(lines):
                lab = t.render(line, 13, theme.ERROR if i == 0 else theme.INK, bold=i == 0, width=r.w)
                if y + lab.get_height() > r.bottom - (line_h if len(stack) > 1 else 0):
                    more = t.render("(the target's tooltip tells the rest)", 13, theme.MUTED)
                    if y + more.get_height() <= r.bottom:
                        surf.blit(more, (r.x, y))
                        y += more.get_height()
                    break
                surf.blit(lab, (r.x, y))
                y += lab.get_height()
        if view.stavka_demand is not None and not read_only:
            preview = transfer_preview(view, draft, u.id)
            if preview:
                lab = t.render(preview, 14, theme.INK, width=r.w)
                if y + lab.get_height() <= r.bottom:
                    surf.blit(lab, (r.x, y))
                    y += lab.get_height()
        if len(stack) > 1:   # the stack's units, one a row: click one alone, Shift-click to add or remove
            room = max(0, (r.bottom - y) // line_h)
            shown = stack if len(stack) <= room else stack[:max(0, room - 1)]
            if room == 0:
                shown = []
            for x in shown:
                row = pygame.Rect(r.x, y, r.w, line_h)
                on = x.id in selection
                if on:
                    pygame.draw.rect(surf, theme.PAPER_DARK, row)
                box = pygame.Rect(row.x + t.px(2), row.y + t.px(4), line_h - t.px(8), line_h - t.px(8))
                pygame.draw.rect(surf, theme.INK, box, 1)
                if on:
                    pygame.draw.rect(surf, theme.INK, box.inflate(-t.px(4), -t.px(4)))
                men = t.render(thousands(x.men), 14, theme.INK, bold=on)
                surf.blit(men, men.get_rect(topright=(row.right - t.px(4), row.y + t.px(2))))
                name = fit(t, x.name, 14, row.w - box.w - men.get_width() - t.px(16), bold=on)
                surf.blit(t.render(name, 14, theme.INK, bold=on), (box.right + t.px(6), row.y + t.px(2)))
                rows[x.id] = row.copy()
                y += line_h
            if len(shown) < len(stack) and y + line_h <= r.bottom:
                more = t.render(f"… and {plural(len(stack) - len(shown), 'more unit')} (Tab reaches them)", 14,
                                theme.MUTED)
                surf.blit(more, (r.x, y))
        elif y + line_h <= r.bottom:
            surf.blit(t.render("Click a highlighted region or press the key on its badge", 14, theme.MUTED),
                      (r.x, y))
    else:
        y = section_title(t, surf, r, "No unit selected")
        hint = ("Click a counter of yours for its whole stack (Shift-click: one by one), or press Tab. "
                "Your counters are solid; the enemy's are pale estimates.")
        surf.blit(t.render(hint, 15, theme.MUTED, width=r.w), (r.x, y + t.px(2)))
    # Orders
    r = lay.orders
    pygame.draw.line(surf, theme.RULE, (r.x, r.y - t.px(4)), (r.right, r.y - t.px(4)))
    y = section_title(t, surf, r, "Your orders this turn", "U undo")
    if read_only:
        lines_ = ["The computer plays both sides: E plays the next turn."]
    else:
        lines_ = draft.lines() if draft else []
        if not lines_:
            lines_ = ["None yet: without orders your units stay put and your posture holds."]
    # Each order wraps rather than being cut; when they do not all fit, the list scrolls (mouse wheel) and a
    # last line says how many are out of sight.
    blocks = [t.render(line, 15, theme.INK, width=r.w) for line in lines_]
    room = r.bottom - y - t.px(2)
    if sum(b.get_height() for b in blocks) <= room:
        orders_top, shown = 0, blocks
    else:
        room -= t.px(20)   # the line saying what is out of sight
        orders_top = max(0, min(orders_top, len(blocks) - 1))
        while orders_top > 0 and sum(b.get_height() for b in blocks[orders_top - 1:]) <= room:
            orders_top -= 1   # scrolled past the end: show as many of the last as fit
        shown, used = [], 0
        for b in blocks[orders_top:]:
            if used + b.get_height() > room:
                break
            shown.append(b)
            used += b.get_height()
        shown = shown or blocks[orders_top:orders_top + 1]
        above, below = orders_top, len(blocks) - orders_top - len(shown)
        note = " · ".join(x for x in (f"{above} above" if above else "", f"{below} more below" if below else "") if x)
        shown = shown + [t.render(f"({note}: scroll with the wheel)", 15, theme.MUTED)]
    for b in shown:
        surf.blit(b, (r.x, y + t.px(2)))
        y += b.get_height()
    return rows, orders_top
