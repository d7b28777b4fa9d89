"""Small helpers over pygame_gui: buttons with keyboard focus and shortcuts, a keyboard-driven list, the
title band of the menu screens, and wrapped text."""
from __future__ import annotations

from typing import Callable

import pygame
import pygame_gui

from . import theme
from .theme import Text


class Buttons:
    """Buttons that answer to the mouse, to a shortcut key each, and to Up/Down/Tab + Enter focus."""

    def __init__(self, manager: pygame_gui.UIManager):
        self.manager = manager
        self.items: list[tuple[pygame_gui.elements.UIButton, Callable[[], None], tuple[int, ...]]] = []
        self.focus: int | None = None

    def add(self, rect: pygame.Rect, label: str, action: Callable[[], None], keys: tuple[int, ...] = (),
            object_id: str | None = None, enabled: bool = True, focusable: bool = True,
            tooltip: str | None = None) -> pygame_gui.elements.UIButton:
        b = pygame_gui.elements.UIButton(rect, label, self.manager, object_id=object_id, tool_tip_text=tooltip)
        if not enabled:
            b.disable()
        b.focusable = focusable
        self.items.append((b, action, keys))
        return b

    def handle(self, event: pygame.event.Event, arrows: bool = True) -> bool:
        """Run the action a click or key asks for; returns whether the event was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for b, action, _ in self.items:
                if event.ui_element is b:
                    action()
                    return True
        if event.type != pygame.KEYDOWN:
            return False
        for b, action, keys in self.items:
            if event.key in keys and b.is_enabled:
                action()
                return True
        if arrows and event.key in (pygame.K_DOWN, pygame.K_UP, pygame.K_TAB):
            self.move_focus(-1 if event.key == pygame.K_UP or event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus is not None:
            b, action, _ = self.items[self.focus]
            if b.is_enabled:
                action()
            return True
        return False

    def move_focus(self, step: int) -> None:
        usable = [i for i, (b, _, _) in enumerate(self.items) if b.is_enabled and getattr(b, "focusable", True)]
        if not usable:
            return
        if self.focus not in usable:
            self.focus = usable[0] if step > 0 else usable[-1]
        else:
            self.focus = usable[(usable.index(self.focus) + step) % len(usable)]
        for i, (b, _, _) in enumerate(self.items):
            if i == self.focus:
                b.select()
            elif b.is_selected and getattr(b, "focusable", True):
                b.unselect()

    def button(self, label: str) -> pygame_gui.elements.UIButton:
        return next(b for b, _, _ in self.items if b.text == label)


def fit(t: Text, text: str, size: int, width: int, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` pixels (long unit names never run into hints)."""
    font = t.font(size, bold)
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def background(app, surface: pygame.Surface, title: str, subtitle: str = "") -> int:
    """Paper background with a title band; returns the y below the band."""
    t = app.text
    surface.fill(theme.PAPER)
    band = pygame.Rect(0, 0, app.size[0], t.px(110))
    surface.fill(theme.INK, band)
    pygame.draw.rect(surface, theme.SIDE["soviet"], (0, band.bottom, app.size[0] // 2, t.px(6)))
    pygame.draw.rect(surface, theme.SIDE["japan"], (app.size[0] // 2, band.bottom, app.size[0], t.px(6)))
    head = t.render(title, 44, (255, 255, 255), bold=True)
    surface.blit(head, (t.px(48), t.px(14)))
    if subtitle:
        surface.blit(t.render(subtitle, 20, (210, 210, 210)), (t.px(50), t.px(70)))
    return band.bottom + t.px(6)


def paragraph(text: Text, surface: pygame.Surface, content: str, pos: tuple[int, int], width: int, size: int,
              colour=theme.INK, bold: bool = False, italic: bool = False) -> int:
    """Draw wrapped text; returns the y below it."""
    surf = text.render(content, size, colour, bold=bold, italic=italic, width=width)
    surface.blit(surf, pos)
    return pos[1] + surf.get_height()


class ListBox:
    """A list of rows drawn by the caller, chosen by mouse (click; double-click or Enter activates) or by
    keyboard (Up/Down, Page Up/Down, Home/End). It scrolls to keep the chosen row in sight."""

    def __init__(self, rect: pygame.Rect, count: int, row_h: int, selected: int = 0):
        self.rect = pygame.Rect(rect)
        self.count = count
        self.row_h = row_h
        self.selected = max(0, min(selected, count - 1)) if count else 0
        self.top = 0
        self._last_click = (-1, -10_000)
        self._scroll_to_selected()

    @property
    def visible(self) -> int:
        return max(1, self.rect.h // self.row_h)

    def row_rect(self, i: int) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y + (i - self.top) * self.row_h, self.rect.w, self.row_h)

    def select(self, i: int) -> None:
        if self.count:
            self.selected = max(0, min(self.count - 1, i))
            self._scroll_to_selected()

    def _scroll_to_selected(self) -> None:
        if self.selected < self.top:
            self.top = self.selected
        elif self.selected >= self.top + self.visible:
            self.top = self.selected - self.visible + 1
        self.top = max(0, min(self.top, max(0, self.count - self.visible)))

    def handle(self, event: pygame.event.Event) -> str | None:
        """'select' when the chosen row changed, 'activate' on Enter or a double click, else None."""
        if not self.count:
            return None
        if event.type == pygame.KEYDOWN:
            step = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -self.visible,
                    pygame.K_PAGEDOWN: self.visible, pygame.K_HOME: -self.count, pygame.K_END: self.count}
            if event.key in step:
                self.select(self.selected + step[event.key])
                return "select"
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return "activate"
        elif event.type == pygame.MOUSEWHEEL:
            if self.rect.collidepoint(pygame.mouse.get_pos()) or getattr(event, "pos", None) is None:
                self.top = max(0, min(self.top - event.y, max(0, self.count - self.visible)))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            i = self.top + (event.pos[1] - self.rect.y) // self.row_h
            if i < self.count:
                now = pygame.time.get_ticks()
                double = self._last_click[0] == i and now - self._last_click[1] < 400
                self._last_click = (i, now)
                self.select(i)
                return "activate" if double else "select"
        return None

    def draw(self, surface: pygame.Surface, draw_row: Callable[[pygame.Surface, pygame.Rect, int, bool], None],
             t: Text) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        for i in range(self.top, min(self.count, self.top + self.visible + 1)):
            r = self.row_rect(i)
            if i == self.selected:
                pygame.draw.rect(surface, theme.HIGHLIGHT, r, border_radius=t.px(6))
            elif i % 2:
                pygame.draw.rect(surface, theme.PAPER_DARK, r)
            draw_row(surface, r, i, i == self.selected)
        surface.set_clip(clip)
        if self.count > self.visible:   # a scroll bar says there is more
            bar = pygame.Rect(self.rect.right - t.px(6), self.rect.y, t.px(6), self.rect.h)
            pygame.draw.rect(surface, theme.RULE, bar)
            h = max(t.px(20), bar.h * self.visible // self.count)
            y = bar.y + (bar.h - h) * self.top // max(1, self.count - self.visible)
            pygame.draw.rect(surface, theme.INK, (bar.x, y, bar.w, h))
