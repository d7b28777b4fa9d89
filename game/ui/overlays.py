"""Pop-ups over the game screen: the opening briefing, the turn's events with their historical notes, the
hot-seat hand-off, and the shade behind them and the in-game menu. The game screen adds the buttons."""
from __future__ import annotations

from functools import lru_cache

import pygame

from game.engine import SIDES, Event, View

from . import theme
from .theme import Text

# The order events are listed in: history and decisions first, the bookkeeping last.
KIND_ORDER = {"outcome": 0, "scripted": 1, "milestone": 2, "war_declared": 3, "battle": 4, "capture": 5,
              "destroyed": 6, "front": 7, "stance": 8, "stavka": 9, "transfer": 10, "arrival": 11,
              "mobilisation": 12, "oil": 13, "order_rejected": 14, "attrition": 15}


def event_items(events: tuple[Event, ...]) -> list[tuple[str, str, str]]:
    """(title, text, note) to show, with the many small attrition events folded into one line."""
    items = []
    attrition = [e for e in events if e.kind == "attrition"]
    for e in sorted((e for e in events if e.kind != "attrition"), key=lambda e: KIND_ORDER.get(e.kind, 20)):
        items.append((e.title, e.text, e.note))
    if attrition:
        lost = -sum(sum(e.data.get("men", {}).values()) for e in attrition)
        items.append((f"Out of supply: {len(attrition)} units lose {lost:,} men", "", ""))
    return items


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
    length = {1: "a day", 7: "a week", 14: "two weeks"}.get(view.days_per_turn, f"{view.days_per_turn} days")
    span = f"{turns} turns of {length}"
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


def draw_events_box(t: Text, surface: pygame.Surface, title: str, items: list[tuple[str, str, str]],
                    button_h: int) -> pygame.Rect:
    """The report of one turn; returns the box (the caller puts its Continue button at the bottom)."""
    w = min(surface.get_width() - t.px(80), t.px(980))
    inner = w - t.px(48)
    blocks = []
    for head, text_, note in items:
        parts = [t.render(head, 19, theme.INK, bold=True, width=inner)]
        if text_:
            parts.append(t.render(text_, 16, theme.INK, width=inner))
        if note:
            parts.append(t.render(note, 16, theme.MUTED, italic=True, width=inner))
        blocks.append(parts)
    head = t.render(title, 26, theme.INK, bold=True)
    max_h = surface.get_height() - t.px(80)
    fixed = head.get_height() + t.px(40) + button_h + t.px(24)
    shown, used = [], 0
    for parts in blocks:
        hgt = sum(p.get_height() for p in parts) + t.px(10)
        if fixed + used + hgt > max_h - t.px(30):
            break
        shown.append(parts)
        used += hgt
    more = len(blocks) - len(shown)
    h = fixed + used + (t.px(28) if more else 0)
    box = pygame.Rect(0, 0, w, h)
    box.center = surface.get_rect().center
    pygame.draw.rect(surface, theme.PAPER, box, border_radius=t.px(10))
    pygame.draw.rect(surface, theme.INK, box, 3, border_radius=t.px(10))
    x, y = box.x + t.px(24), box.y + t.px(18)
    surface.blit(head, (x, y))
    y += head.get_height() + t.px(12)
    pygame.draw.line(surface, theme.RULE, (x, y - t.px(6)), (box.right - t.px(24), y - t.px(6)), 2)
    for parts in shown:
        for p in parts:
            surface.blit(p, (x, y))
            y += p.get_height()
        y += t.px(10)
    if more:
        surface.blit(t.render(f"... and {more} more", 16, theme.MUTED, italic=True), (x, y))
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
