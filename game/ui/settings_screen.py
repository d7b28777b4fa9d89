"""Settings: the UI scale (readable on a projector) and the colour palette, remembered by ``game.files.settings``.

Up/Down choose a setting, Left/Right (or a click) change it; every change is saved at once and the screen
is redrawn at the new scale, so the player sees the effect before going back.
"""
from __future__ import annotations

import pygame

from . import theme
from .app import App, Screen
from .widgets import Buttons, background, paragraph


class SettingsScreen(Screen):
    def __init__(self, app: App, back: Screen, message: str = ""):
        super().__init__(app)
        self.back = back
        self.row = 0
        self.message = message

    def fit_scale(self, size: tuple[int, int]) -> float:
        return min(size[1] / 700, size[0] / 1000)

    def options(self) -> list[tuple[str, str, list[tuple[object, str]]]]:
        from game.files.settings import PALETTES, UI_SCALES
        return [("ui_scale", "UI scale", [(s, f"{s:g}x") for s in UI_SCALES]),
                ("palette", "Colours", [(name, p["label"]) for name, p in PALETTES.items()])]

    def enter(self) -> None:
        t, app = self.app.text, self.app
        self.buttons = Buttons(app.manager)
        y = t.px(190)
        for key, _, values in self.options():
            x = t.px(260)
            for value, label in values:
                w = t.px(40) + t.font(16, bold=True).size(label)[0]
                b = self.buttons.add(pygame.Rect(x, y, w, t.px(48)), label, lambda k=key, v=value: self.change(k, v),
                                     object_id="#small_button", focusable=False)
                if getattr(app.settings, key) == value:
                    b.select()
                x += w + t.px(10)
            y += t.px(90)
        self.buttons.add(pygame.Rect(t.px(40), app.size[1] - t.px(80), t.px(200), t.px(56)), "Back (Esc)",
                         lambda: app.show(self.back), (pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_RETURN),
                         focusable=False)

    def change(self, key: str, value) -> None:
        from game.files.settings import change_setting
        try:
            new = change_setting(key, value, self.app.settings)
            message = "Saved: the game remembers this next time."
        except OSError as e:   # the folder cannot be written: use it now, say it is not remembered
            import dataclasses
            new = dataclasses.replace(self.app.settings, **{key: value})
            message = f"Used now, but could not be saved ({e.strerror or e})."
        self.app.apply_settings(new)
        nxt = SettingsScreen(self.app, self.back, message)
        nxt.row = self.row
        self.app.show(nxt)   # rebuilt at the new scale and colours

    def handle(self, event: pygame.event.Event) -> None:
        if self.buttons.handle(event, arrows=False):
            return
        if event.type != pygame.KEYDOWN:
            return
        options = self.options()
        if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
            self.row = (self.row + (-1 if event.key == pygame.K_UP else 1)) % len(options)
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            key, _, values = options[self.row]
            current = [v for v, _ in values].index(getattr(self.app.settings, key))
            step = 1 if event.key == pygame.K_RIGHT else -1
            new = max(0, min(len(values) - 1, current + step))
            if new != current:
                self.change(key, values[new][0])

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.text
        background(self.app, surface, "Settings", "Up/Down choose · Left/Right change · Esc goes back")
        y = t.px(190)
        for r, (_, label, _) in enumerate(self.options()):
            if r == self.row:
                pygame.draw.rect(surface, theme.HIGHLIGHT, (t.px(30), y - t.px(8), t.px(12), t.px(64)))
            surface.blit(t.render(label, 24, theme.INK, bold=True), (t.px(60), y + t.px(6)))
            y += t.px(90)
        y += t.px(10)
        x, w = t.px(60), self.app.size[0] - t.px(120)
        cap = self.app.scale / self.app.wanted_scale   # below 1: this screen could not grow that far
        note = ("The UI scale makes text and buttons larger for a projector. "
                "A screen that has no room for the full scale in this window uses the largest that fits; "
                "a larger window shows more.")
        if cap < 0.999:
            note += f" (This screen is drawn at {self.app.scale / theme.ui_scale(self.app.size):.2g}x here.)"
        y = paragraph(t, surface, note, (x, y), w, 18, theme.MUTED) + t.px(18)
        # A sample of the sides as the map draws them: colour and shape.
        for i, side in enumerate(("japan", "soviet")):
            r = pygame.Rect(x + i * t.px(260), y, t.px(110), t.px(46))
            pygame.draw.rect(surface, theme.SIDE[side], r, border_radius=r.h // 2 if side == "japan" else 0)
            pygame.draw.rect(surface, theme.INK, r, 2, border_radius=r.h // 2 if side == "japan" else 0)
            name = "Japan (pill)" if side == "japan" else "USSR (box)"
            surface.blit(t.render(name, 18, theme.INK, bold=True), (r.right + t.px(10), r.y + t.px(10)))
        y += t.px(64)
        if theme.PALETTE["shapes"]:
            y = paragraph(t, surface, "Colour-blind safe: Japanese-held land is also hatched on the map.",
                          (x, y), w, 17, theme.MUTED) + t.px(8)
        if self.message:
            paragraph(t, surface, self.message, (x, y + t.px(6)), w, 18, theme.GOOD, bold=True)
