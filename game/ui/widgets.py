"""Small helpers over pygame_gui: buttons with keyboard focus and shortcuts, and text blocks."""
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


def paragraph(text: Text, surface: pygame.Surface, content: str, pos: tuple[int, int], width: int, size: int,
              colour=theme.INK, bold: bool = False, italic: bool = False) -> int:
    """Draw wrapped text; returns the y below it."""
    surf = text.render(content, size, colour, bold=bold, italic=italic, width=width)
    surface.blit(surf, pos)
    return pos[1] + surf.get_height()
