import os

# Headless SDL before anything imports pygame (../shared/PYGAME.md pitfall 2).
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

from game.engine import new_game  # noqa: E402
from game.scenario import load  # noqa: E402


@pytest.fixture(scope="session")
def scenario():
    return load("historical_1941")


@pytest.fixture
def state(scenario):
    return new_game(scenario, 7)
