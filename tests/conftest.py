"""Shared fixtures, the hypothesis profiles and the ``slow`` marker.

Fast inner loop: ``python -m pytest -m "not slow"``; CI runs everything. A test is ``slow`` when it drives
the game window (tests/ui/), starts the command line in a new interpreter (it calls a ``cli`` helper or
``subprocess``), or is listed in ``SLOW`` (a folder, a module or a test). Mark others with ``@pytest.mark.slow``.

Fuzz depth: property tests without a fixed ``max_examples`` take it from the hypothesis profile: 50 by
default (the inner loop), 200 with ``HYPOTHESIS_PROFILE=ci`` (.ci/run), 2000 with ``HYPOTHESIS_PROFILE=deep``.
"""
import os
import types

# Headless SDL before anything imports pygame (../shared/PYGAME.md pitfall 2).
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from game.engine import new_game  # noqa: E402
from game.scenario import load  # noqa: E402

# default: the inner loop (fast); ci: what .ci/run uses (twice hypothesis' usual depth); deep: by hand.
settings.register_profile("default", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SLOW = ("tests/ui/", "tests/test_sweep.py", "tests/test_bench.py", "tests/test_balance.py", "tests/test_lint.py",
        "tests/engine/test_scripted_events.py::test_no_scripted_event_contradicts_the_game_it_fires_in")
RUNS_A_PROCESS = {"cli", "subprocess"}


def _names(code: types.CodeType) -> set[str]:
    """Every global name a function uses, its inner functions and lambdas included."""
    found = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found |= _names(const)
    return found


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: drives the window, starts processes or plays many games "
                                       "(left out of the inner loop: -m 'not slow')")


def pytest_collection_modifyitems(config, items):
    root = str(config.rootpath)
    for item in items:
        where = os.path.relpath(str(item.path), root).replace(os.sep, "/") + "::" + item.nodeid.partition("::")[2]
        function = getattr(item, "function", None)
        runs_process = function is not None and bool(_names(function.__code__) & RUNS_A_PROCESS)
        if runs_process or where.startswith(SLOW):
            item.add_marker(pytest.mark.slow)


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
