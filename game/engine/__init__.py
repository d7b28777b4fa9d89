"""The pure rules of Kantokuen 1941: no pygame, no I/O.

Clients (UI, AI, CLI) use ``new_game``, ``resolve`` and ``player_view``; the AI and UI see only views.
"""
from .orders import Move, Orders, Transfer
from .resolve import GameOver, resolve
from .scenario import SIDES, Scenario, other
from .setup import new_game
from .state import Event, Result, State, state_hash
from .view import View, player_view

__all__ = ["Event", "GameOver", "Move", "Orders", "Result", "SIDES", "Scenario", "State", "Transfer", "View",
           "new_game", "other", "player_view", "resolve", "state_hash"]
