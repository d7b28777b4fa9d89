"""The real application, headless, through a whole historical game: the human side is played only by
posted clicks and key presses, from the main menu to the end-of-game screen."""
import pygame

from game.ui.game_screen import GameScreen
from game.ui.screens import EndScreen, MenuScreen, SetupScreen

from ui_driver import open_app


def test_a_whole_game_from_the_menu_to_the_end_screen():
    d = open_app()
    assert isinstance(d.screen, MenuScreen)
    d.click_button("New game (N)")
    assert isinstance(d.screen, SetupScreen)
    d.click_button("Japan")
    d.key(pygame.K_2)                       # opponent: Computer, normal
    d.click_button("Start (Enter)")
    assert isinstance(d.screen, GameScreen)
    session = d.screen.session
    assert session.players == {"japan": "human", "soviet": "ai:normal"}
    assert d.screen.modal == "briefing"         # a new game opens with the scenario's briefing
    d.click_button("Continue (Enter)")          # read, then closed by mouse
    assert d.screen.modal is None

    first_move = None
    turns = 0
    while isinstance(d.screen, GameScreen):
        s = d.screen
        if s.modal == "events":
            if turns % 2:
                d.click_button("Continue (Enter)")
            else:
                d.key(pygame.K_RETURN)
            continue
        assert s.modal is None
        view = s.view
        if view.turn == 1:
            d.click_button("Mobilise")      # by mouse
            assert s.draft.orders.posture == "mobilise"
        if view.turn == 0:
            # Select the biggest unit by clicking its counter, then move it by clicking a highlighted region.
            unit = max(view.units.values(), key=lambda u: u.men)
            d.click(s.unit_rect(unit.id).center)
            assert s.selected in s.stack(unit.region)
            target = s.destinations()[0]
            d.click(d.free_point(target))
            first_move = (s.selected, target)
            assert s.draft.move_of(s.selected) == target, s.message
        elif view.turn % 3 == 0:
            d.key(pygame.K_TAB)             # by keyboard: next unit, then the first numbered region
            if s.destinations():
                d.key(pygame.K_1)
        if turns % 2:
            d.click_button("End turn (E)")
        else:
            d.key(pygame.K_e)
        turns += 1
        assert turns < 40, "the game did not end"

    assert isinstance(d.screen, EndScreen)
    assert session.over and d.screen.view.result is not None
    assert len(session.log) == turns
    assert session.log[0]["japan"]["moves"] == [list(first_move)]
    assert session.log[1]["japan"]["posture"] == "mobilise"
    d.step()
    d.key(pygame.K_m)                       # back to the main menu
    assert isinstance(d.screen, MenuScreen)
