"""A scenario written from one side (the tutorial's "Play the USSR") starts on that side, whatever side the
player chose before; the player may still change it."""
import pygame

from ui_driver import open_app


def choose(d, scenario_id: str) -> None:
    s = d.screen
    target = [e.id for e in s.entries].index(scenario_id)
    for _ in range(len(s.entries)):
        if s.list.selected == target:
            return
        d.key(pygame.K_UP if s.list.selected > target else pygame.K_DOWN)
    assert s.list.selected == target


def new_game_screen():
    d = open_app()
    d.key(pygame.K_n)
    assert type(d.screen).__name__ == "SetupScreen"
    return d


def test_the_tutorial_starts_as_the_ussr_after_japan_was_chosen():
    d = new_game_screen()
    choose(d, "historical_1941")
    d.key(pygame.K_j)                      # the player picks Japan for the 1941 game...
    assert d.screen.side == "japan"
    choose(d, "khalkhin_gol_1939")         # ...then moves to the tutorial, which is written for the USSR
    assert d.screen.side == "soviet"
    d.key(pygame.K_RETURN)
    assert d.screen.view.side == "soviet" and d.screen.view.scenario_id == "khalkhin_gol_1939"
    pygame.display.quit()


def test_the_player_may_still_take_the_other_side_of_the_tutorial():
    d = new_game_screen()
    choose(d, "khalkhin_gol_1939")
    d.key(pygame.K_j)
    d.key(pygame.K_RETURN)
    assert d.screen.view.side == "japan"
    pygame.display.quit()


def test_a_scenario_without_a_suggestion_keeps_the_players_side():
    d = new_game_screen()
    choose(d, "khalkhin_gol_1939")
    assert d.screen.side == "soviet"
    choose(d, "historical_1941")           # no suggested side: the USSR stays chosen
    assert d.screen.side == "soviet"
    d.key(pygame.K_j)
    choose(d, "august_storm_1945")
    assert d.screen.side == "japan"
    pygame.display.quit()
