"""The pygame-ce window: menu, setup, the game screen and its map. It sees the game only through views."""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")   # before any pygame import
