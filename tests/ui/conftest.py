import pygame
import pytest

from ui_driver import SIZE, open_app


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    """Every UI test gets its own empty user data folder (saves, autosaves, settings, reports)."""
    home = tmp_path / "home"
    monkeypatch.setenv("KANTOKUEN_HOME", str(home))
    return home


@pytest.fixture
def play():
    """A game as Japan (or as given) against the computer, on the game screen with pop-ups closed."""
    opened = []

    def start(*extra, size=SIZE):
        d = open_app("play", "--scenario", "historical_1941", "--seed", "1941", *extra, size=size)
        d.close_briefing()
        opened.append(d)
        return d

    yield start
    pygame.display.quit()
