"""The X key on the after-action report opens the folder box without typing an "x" into it."""
import pygame

from game.engine import player_view
from game.play.match import play_ai_game
from game.scenario import load
from game.ui.app import App
from game.ui.screens import EndScreen
from ui_driver import SIZE, Driver


def test_x_opens_the_export_box_and_types_nothing_into_it():
    state, _ = play_ai_game(load("khalkhin_gol_1939"), 3, {"japan": "easy", "soviet": "easy"})
    assert state.over
    app = App(SIZE)
    d = Driver(app)
    app.show(EndScreen(app, player_view(state, "japan")))
    d.step(2)
    # A real key press brings its KEYDOWN and its TEXTINPUT together, in one batch of events.
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_x, mod=0, unicode="x", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="x"))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_x, mod=0, unicode="x", scancode=0))
    d.step(2)
    screen = app.screen
    assert screen.exporting
    folder = screen.entry.get_text()
    assert not folder.endswith("reportsx") and folder.rstrip("/").endswith("reports")
    # Typing after the box is open still types.
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="2"))
    d.step(2)
    assert screen.entry.get_text().endswith("reports2")
