"""Colours, the one font family (Noto Sans, bundled with pygame_gui) and cached text rendering.

Sides are told apart by a colour-blind-safe pair from the Okabe-Ito palette (vermillion and blue differ
for every common form of colour blindness) and, on the map, also by the SHAPE of their counters.
"""
from __future__ import annotations

import json
from importlib import resources

import pygame
from game.files.paths import data_dir

ASSETS = data_dir("assets") / "ui"
THEME_FILE = ASSETS / "theme.json"
BASE_SIZE = (1600, 900)   # layouts are designed at this size and scaled

# Okabe-Ito: vermillion, blue, orange (highlights), black.
SIDE = {"soviet": (213, 94, 0), "japan": (0, 114, 178)}
SIDE_DARK = {"soviet": (120, 50, 0), "japan": (0, 62, 100)}
SIDE_PALE = {"soviet": (246, 214, 196), "japan": (198, 222, 238)}
HIGHLIGHT = (230, 159, 0)
STAR = (246, 200, 40)
INK = (24, 26, 30)
MUTED = (92, 96, 104)
PAPER = (242, 238, 228)
PAPER_DARK = (226, 220, 206)
RULE = (180, 172, 156)
ERROR = (170, 20, 20)
GOOD = (20, 110, 60)
WARN = (255, 214, 0)      # out of supply

SEA = (122, 154, 176)
LAKE = (110, 150, 182)
RIVER = (44, 96, 160)
COAST = (58, 76, 92)
BORDER = (90, 30, 80)
RAIL = (40, 36, 34)
LAND = {"ussr": (232, 224, 204), "mpr": (222, 210, 180), "manchukuo": (236, 228, 196),
        "korea": (234, 226, 200), "karafuto": (234, 226, 200), "japan": (234, 226, 200),
        "china": (214, 210, 198), "tuva": (214, 210, 198), "other": (214, 210, 198)}
UNPLAYED_DIM = 0.93   # unplayed land is a shade darker than the playing area


PALETTE = {"name": "", "shapes": True}   # the palette in use (``apply_palette``)


def apply_palette(name: str) -> None:
    """Use a palette of ``game.files.settings`` for the sides (in place: every module reads ``theme.SIDE``).

    With a palette that asks for shapes, Japanese-held land is also hatched on the map, so ownership
    reads without colour; counters always differ by shape (Japanese pills, Soviet boxes).
    """
    from game.files.settings import palette
    colours = palette(name)
    for side in ("japan", "soviet"):
        c = tuple(colours[side])
        SIDE[side] = c
        SIDE_DARK[side] = tuple(round(v * 0.55) for v in c)
        SIDE_PALE[side] = tuple(round(v + (255 - v) * 0.72) for v in c)
    PALETTE["name"] = name
    PALETTE["shapes"] = bool(colours.get("shapes"))


def ui_scale(size: tuple[int, int]) -> float:
    """How much bigger or smaller than the 1600x900 design everything is drawn."""
    return max(0.6, min(size[0] / BASE_SIZE[0], size[1] / BASE_SIZE[1]))


def font_file(bold: bool = False, italic: bool = False) -> str:
    name = "NotoSans-" + {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
                          (True, True): "BoldItalic"}[(bold, italic)] + ".ttf"
    return str(resources.files("pygame_gui.data") / name)


def gui_theme(scale: float) -> dict:
    """The pygame_gui theme from assets/ui/theme.json with every font size scaled for the window."""
    scaled = json.loads(THEME_FILE.read_text(encoding="utf-8"))   # a fresh copy on every call
    for block in scaled.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(10, round(int(font["size"]) * scale)))
    return scaled


class Text:
    """Fonts by (size, bold, italic) and rendered strings, both cached: text is drawn every frame."""

    def __init__(self, scale: float = 1.0):
        self.scale = scale
        self._fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
        self._cache: dict[tuple, pygame.Surface] = {}

    def font(self, size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        px = max(9, round(size * self.scale))
        key = (px, bold, italic)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(font_file(bold, italic), px)
        return self._fonts[key]

    def render(self, text: str, size: int, colour=INK, bold: bool = False, italic: bool = False,
               width: int = 0) -> pygame.Surface:
        """``text`` as a surface; with ``width`` > 0 it wraps to that many pixels."""
        key = (text, size, tuple(colour), bold, italic, width)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) > 4000:   # a long game renders many one-off strings
                self._cache.clear()
            f = self.font(size, bold, italic)
            surf = f.render(text, True, colour, wraplength=width) if width else f.render(text, True, colour)
            self._cache[key] = surf
        return surf

    def px(self, value: float) -> int:
        return round(value * self.scale)
