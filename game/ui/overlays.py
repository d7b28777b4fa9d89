"""Pop-ups over the game screen: the opening briefing, the turn's events with their historical notes, the
hot-seat hand-off, and the shade behind them and the in-game menu. The game screen adds the buttons."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pygame

from game.engine import SIDES, Event, View, other
from game.present.labels import battle_lines, plural

from . import theme
from .theme import Text

# The order events are listed in: history and decisions first, the bookkeeping last.
KIND_ORDER = {"outcome": 0, "scripted": 1, "milestone": 2, "war_declared": 3, "battle": 4, "capture": 5,
              "destroyed": 6, "front": 7, "stance": 8, "stavka": 9, "transfer": 10, "arrival": 11,
              "mobilisation": 12, "oil": 13, "order_rejected": 14, "attrition": 15}


class ReportItem(NamedTuple):
    """One entry of a pop-up. ``region``: a click on it shows that region on the map (battles);
    ``detail``: smaller lines under the text (a battle's breakdown); ``history``: what really happened,
    shown apart from the game's own news."""

    title: str
    text: str = ""
    note: str = ""
    region: str | None = None
    detail: tuple[str, ...] = ()
    history: bool = False


HISTORY_HEAD = "What really happened (history, not this game)"


def event_items(events: tuple[Event, ...], view: View | None = None) -> list[ReportItem]:
    """The items of a turn report: the game's news in order (battles with their breakdown and a link to
    the map; the many small attrition events folded into one line per side, naming where the units were
    cut off), then the historical notes, apart."""
    items: list[ReportItem] = []
    history: list[ReportItem] = []
    names = view.side_names if view is not None else {}
    attrition = [e for e in events if e.kind == "attrition"]
    for e in sorted((e for e in events if e.kind != "attrition"), key=lambda e: KIND_ORDER.get(e.kind, 20)):
        if e.kind == "battle":
            items.append(ReportItem(e.title, e.text, region=e.data.get("region"),
                                    detail=tuple(battle_lines(e.data, names))))
        elif only_history(e, view):
            pass   # its note below is all there is: it is not news of this game
        else:
            items.append(ReportItem(e.title, e.text))
        if e.note:
            history.append(ReportItem(e.title, note=e.note, history=True))
    by_side: dict[str, list[Event]] = {}
    for e in attrition:
        by_side.setdefault(e.data.get("side", ""), []).append(e)
    for side, evs in sorted(by_side.items()):
        items.append(_attrition_item(evs, side, view))
    if history:
        items.append(ReportItem(HISTORY_HEAD, history=True))
        items += history
    return items


def only_history(e: Event, view: View | None) -> bool:
    """A scripted event that changes nothing in this game and says nothing about it (no text, no effects,
    e.g. "The Emperor sanctions the build-up" when this game's Japan may be standing down) is history only."""
    if e.kind != "scripted" or e.text or view is None or view.scenario is None:
        return False
    spec = next((x for x in view.scenario.events if x.get("id") == e.data.get("id")), None)
    return spec is not None and bool(e.note) and not spec.get("effects")


def _attrition_item(events: list[Event], side: str, view: View | None) -> ReportItem:
    """Out-of-supply losses of one side: how many units, where they stand, and who holds the ring."""
    lost = -sum(sum(e.data.get("men", {}).values()) for e in events)
    whose = f"{view.side_names[side]} " if view is not None and side in view.side_names else ""
    verb = "loses" if len(events) == 1 else "lose"
    title = f"Out of supply: {plural(len(events), whose + 'unit')} {verb} {lost:,} men"
    regions: dict[str, int] = {}
    for e in events:
        if e.data.get("region"):
            regions[e.data["region"]] = regions.get(e.data["region"], 0) + 1
    if view is None or not regions:
        return ReportItem(title)
    board = view.board
    where = ", ".join(f"{board.regions[r].name} ({n})" if n > 1 else board.regions[r].name
                      for r, n in sorted(regions.items(), key=lambda x: (-x[1], x[0])))
    ring = _ring(view, side, set(regions))
    text = f"Cut off at {where}."
    if ring:
        shown = [board.regions[r].name for r in ring[:4]]
        more = f" and {len(ring) - 4} more" if len(ring) > 4 else ""
        enemy = view.side_names.get(other(side), "the enemy")
        text += f" {enemy} holds {', '.join(shown)}{more}, between them and their supply."
    return ReportItem(title, text)


def _ring(view: View, side: str, cut_off: set[str]) -> list[str]:
    """Enemy-held regions bordering the pockets the cut-off units stand in (own regions joined to them)."""
    board, owners = view.board, view.owners
    pocket = {r for r in cut_off if owners.get(r) == side}
    todo = list(pocket)
    while todo:
        r = todo.pop()
        for n, kind in board.neighbours[r]:
            if n not in pocket and owners.get(n) == side and kind != "sea":
                pocket.add(n)
                todo.append(n)
    ring = {n for r in pocket | cut_off for n, kind in board.neighbours[r]
            if kind != "sea" and owners.get(n) != side}
    return sorted(ring, key=lambda r: (-board.regions[r].vp, board.regions[r].name))


def opening_events(view: View) -> list[dict]:
    """The scripted events dated on or before the first day that this side will see: they describe the
    situation at the start (and teach the first turn), so the briefing shows them before any order is given.
    Only unconditional ones: a condition cannot be judged before the first turn is resolved."""
    sc = view.scenario
    if sc is None:
        return []
    return [e for e in sc.events if e.get("date") is not None and e["date"] <= sc.start and not e.get("when")
            and view.side in e.get("visible_to", SIDES)]


def briefing_items(view: View) -> list[tuple[str, str, str]]:
    """(title, text, note) of the opening briefing: the side and the span of the game with the summary, the
    opening events, then the premise and the history behind the scenario."""
    sc = view.scenario
    name = view.side_names.get(view.side, view.side)
    turns = view.last_turn + 1
    length = {1: "a day", 7: "a week", 14: "two weeks"}.get(view.days_per_turn, plural(view.days_per_turn, "day"))
    span = f"{plural(turns, 'turn')} of {length}"
    if sc is None:
        return [(f"Your side: {name} · {span}", "", "")]
    items = [(f"Your side: {name} · {sc.start.day} {sc.start:%b %Y} - {sc.end.day} {sc.end:%b %Y} · {span}",
              sc.summary, "")]
    items += [(e["title"], e.get("text", ""), e.get("note", "")) for e in opening_events(view)]
    if sc.premise:
        items.append(("The premise", sc.premise, ""))
    if sc.note:
        items.append(("The history", "", sc.note))
    return items


def dim(surface: pygame.Surface, alpha: int = 150) -> None:
    surface.blit(_shade(surface.get_size(), alpha), (0, 0))


@lru_cache(maxsize=2)
def _shade(size: tuple[int, int], alpha: int) -> pygame.Surface:
    """A window-sized dark veil, made once: allocating one every frame costs ~2 ms."""
    shade = pygame.Surface(size, pygame.SRCALPHA)
    shade.fill((10, 12, 16, alpha))
    return shade


def _item_parts(t: Text, item, inner: int) -> list[tuple[pygame.Surface, int]]:
    """The rendered lines of one item, each with its indent."""
    item = item if isinstance(item, ReportItem) else ReportItem(*item)
    step = t.px(14)
    if item.history:
        if not item.note:
            return [(t.render(item.title, 17, theme.MUTED, bold=True, width=inner), 0)]
        return [(t.render(f"{item.title}: {item.note}", 15, theme.MUTED, italic=True, width=inner - step), step)]
    parts = [(t.render(item.title, 19, theme.INK, bold=True, width=inner), 0)]
    if item.text:
        parts.append((t.render(item.text, 16, theme.INK, width=inner), 0))
    parts += [(t.render(line, 14, theme.MUTED, width=inner - step), step) for line in item.detail]
    if item.note:
        parts.append((t.render(item.note, 16, theme.MUTED, italic=True, width=inner), 0))
    return parts


class Scroll:
    """How far a pop-up's text is scrolled, in pixels; ``limit`` and ``page`` are set when it is drawn."""

    def __init__(self) -> None:
        self.top = self.limit = self.page = 0

    def by(self, dy: int) -> bool:
        """Scroll down by ``dy`` pixels (up if negative); returns whether anything moved."""
        top = max(0, min(self.limit, self.top + dy))
        moved, self.top = top != self.top, top
        return moved


def draw_events_box(t: Text, surface: pygame.Surface, title: str, items: list, button_h: int,
                    links: list[tuple[pygame.Rect, str]] | None = None, scroll: Scroll | None = None) -> pygame.Rect:
    """The report of one turn; returns the box (the caller puts its Continue button at the bottom).

    ``items`` are ReportItems or (title, text, note). Historical notes sit on a darker band at the end,
    apart from the game's news. ``links``, when given, receives (rect, region) for every item that shows a
    place on the map (battles): the game screen centres the map there when one is clicked. A report taller
    than the window scrolls (``scroll``): a bar at the right shows where, a line below says how.
    """
    w = min(surface.get_width() - t.px(80), t.px(980))
    inner = w - t.px(48)
    blocks = [(item, _item_parts(t, item, inner)) for item in items]
    heights = [sum(p.get_height() for p, _ in parts) + t.px(10) for _, parts in blocks]
    head = t.render(title, 26, theme.INK, bold=True)
    max_h = surface.get_height() - t.px(80)
    fixed = head.get_height() + t.px(40) + button_h + t.px(24)
    total = sum(heights)
    room = max(t.px(60), max_h - t.px(30) - fixed)
    scrolls = total > room
    view_h = room if scrolls else total
    scroll = scroll if scroll is not None else Scroll()
    scroll.page, scroll.limit = view_h, max(0, total - view_h)
    scroll.by(0)   # a shorter report after a resize: stay inside it
    box = pygame.Rect(0, 0, w, fixed + view_h + (t.px(28) if scrolls else 0))
    box.center = surface.get_rect().center
    pygame.draw.rect(surface, theme.PAPER, box, border_radius=t.px(10))
    pygame.draw.rect(surface, theme.INK, box, 3, border_radius=t.px(10))
    x, y = box.x + t.px(24), box.y + t.px(18)
    surface.blit(head, (x, y))
    y += head.get_height() + t.px(12)
    pygame.draw.line(surface, theme.RULE, (x, y - t.px(6)), (box.right - t.px(24), y - t.px(6)), 2)
    view = pygame.Rect(x - t.px(10), y - t.px(4), inner + t.px(20), view_h + t.px(2))
    clip = surface.get_clip()
    surface.set_clip(view.clip(clip) if clip else view)
    hint = t.render("Show on map", 14, theme.MUTED, italic=True)
    y -= scroll.top
    for (item, parts), hgt in zip(blocks, heights):
        hgt -= t.px(10)
        if y > view.bottom or y + hgt < view.top:   # out of sight
            y += hgt + t.px(10)
            continue
        area = pygame.Rect(x - t.px(8), y - t.px(3), inner + t.px(16), hgt + t.px(6))
        if getattr(item, "history", False):
            pygame.draw.rect(surface, theme.PAPER_DARK, area.inflate(0, t.px(4)))
            pygame.draw.line(surface, theme.RULE, (area.x, area.y), (area.x, area.bottom), max(2, t.px(3)))
        region = getattr(item, "region", None)
        if region:
            seen = area.clip(view)
            if links is not None and seen.h > t.px(8):
                links.append((seen, region))
            pygame.draw.rect(surface, theme.RULE, area, 1, border_radius=t.px(4))
            surface.blit(hint, hint.get_rect(topright=(area.right - t.px(6), y)))
        for p, dx in parts:
            surface.blit(p, (x + dx, y))
            y += p.get_height()
        y += t.px(10)
    surface.set_clip(clip)
    if scrolls:
        bar = pygame.Rect(box.right - t.px(14), view.y, t.px(6), view.h)
        pygame.draw.rect(surface, theme.PAPER_DARK, bar, border_radius=t.px(3))
        thumb_h = max(t.px(24), round(bar.h * view_h / total))
        thumb_y = bar.y + round((bar.h - thumb_h) * scroll.top / max(1, scroll.limit))
        pygame.draw.rect(surface, theme.MUTED, (bar.x, thumb_y, bar.w, thumb_h), border_radius=t.px(3))
        where = ("more below" if scroll.top == 0 else "the end" if scroll.top >= scroll.limit else
                 f"{round(100 * scroll.top / scroll.limit)}% down")
        words = f"Wheel, Up/Down or PgUp/PgDn to scroll · {where}"
        surface.blit(t.render(words, 15, theme.MUTED, italic=True), (x, view.bottom + t.px(6)))
    return box


def draw_handoff(t: Text, surface: pygame.Surface, side_name: str | None, side: str | None) -> None:
    """Everything hidden: only who should take the computer now (``side`` None: the game is over, and
    both players may look at everything)."""
    surface.fill((16, 18, 22))
    r = surface.get_rect()
    if side is None:
        title, sub = "The game is over", "Both players may look now: every hidden decision is revealed."
    else:
        title = f"Pass the computer to the {side_name} player"
        sub = "The other player should look away. Press Enter or click when ready."
    head = t.render(title, 40, (255, 255, 255), bold=True, width=r.w - t.px(80))
    surface.blit(head, head.get_rect(midbottom=(r.centerx, r.centery - t.px(50))))
    sub_s = t.render(sub, 22, (200, 200, 200), width=r.w - t.px(80))
    surface.blit(sub_s, sub_s.get_rect(center=(r.centerx, r.centery - t.px(24))))
    if side is None:
        pygame.draw.rect(surface, theme.SIDE["japan"], (0, r.bottom - t.px(12), r.w // 2, t.px(12)))
        pygame.draw.rect(surface, theme.SIDE["soviet"], (r.w // 2, r.bottom - t.px(12), r.w - r.w // 2, t.px(12)))
    else:
        pygame.draw.rect(surface, theme.SIDE[side], (0, r.bottom - t.px(12), r.w, t.px(12)))
