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


NO_GATES = os.path.join(os.path.dirname(__file__), "data", "no_gates_1941.toml")


@pytest.fixture(scope="session")
def open_scenario():
    """The 1941 scenario with every big decision open from the first turn (for what follows a decision)."""
    from pathlib import Path
    return load(Path(NO_GATES))


@pytest.fixture
def open_state(open_scenario):
    return new_game(open_scenario, 7)
