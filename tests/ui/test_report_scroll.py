"""A turn report longer than its box scrolls (wheel, Up/Down, PgUp/PgDn, Home/End) instead of cutting off
its end, and the battle links follow the text they belong to."""
import pygame
import pytest

from game.ui.app import App
from game.ui.game_screen import GameScreen
from test_turn_report import after_battles

from ui_driver import Driver


def long_report(size):
    """The report of a turn with two battles, in a window too short for all of it."""
    app = App(size)
    screen = GameScreen(app, after_battles("soviet"))
    app.show(screen)
    screen.handed.add((screen.view.side, screen.view.turn))
    screen.to_brief.clear()
    screen.modal = screen.next_popup()
    screen.build_widgets()
    d = Driver(app)
    d.step(2)
    assert screen.modal == "events"
    return d


def wheel(d, y):
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0,
                                         precise_y=float(y)))
    d.step(2)


def report_pixels(d):
    return pygame.image.tobytes(d.app.surface, "RGB")


@pytest.fixture
def report():
    d = long_report((1024, 560))
    yield d
    pygame.display.quit()


def test_a_long_report_scrolls_with_the_wheel_and_the_keys(report):
    d, s = report, report.screen
    sc = s.popup_scroll
    assert sc.limit > 0, "the report should be taller than its box in this window"
    first = report_pixels(d)
    wheel(d, -1)                                  # wheel down: the text moves up
    assert sc.top > 0 and report_pixels(d) != first
    wheel(d, 1)
    assert sc.top == 0
    d.key(pygame.K_DOWN)
    assert sc.top > 0
    d.key(pygame.K_UP)
    assert sc.top == 0
    d.key(pygame.K_PAGEDOWN)
    page = sc.top
    assert page > 0
    d.key(pygame.K_END)
    assert sc.top == sc.limit
    d.key(pygame.K_PAGEDOWN)                      # no further than the end
    assert sc.top == sc.limit
    d.key(pygame.K_HOME)
    assert sc.top == 0
    d.key(pygame.K_PAGEUP)
    assert sc.top == 0
    assert s.modal == "events", "scrolling does not close the report"


def test_the_battle_links_move_with_the_text_and_the_end_says_so(report):
    d, s = report, report.screen
    (rect0, region0), *_ = s.report_links
    d.key(pygame.K_DOWN)
    moved = {r: rect for rect, r in s.report_links}
    assert region0 not in moved or moved[region0].y < rect0.y, "the battle's link did not follow its text"
    d.key(pygame.K_END)
    drawn = {k[0] for k in d.app.text._cache}
    assert any(isinstance(x, str) and x.endswith("· the end") for x in drawn)
    for rect, _ in s.report_links:   # a link scrolled out of the box cannot be clicked
        assert rect.h > 0


def test_a_short_report_does_not_scroll():
    d = long_report((1600, 1000))
    s = d.screen
    assert s.popup_scroll.limit == 0
    d.key(pygame.K_DOWN)
    wheel(d, -2)
    assert s.popup_scroll.top == 0 and s.modal == "events"
    pygame.display.quit()
