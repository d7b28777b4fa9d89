"""The in-game what-if explorer's engine room: the Monte Carlo of ``game.analysis.explore``, a few games at a time.

The window must stay responsive while hundreds of games are played, so the games run on the same worker
processes as ``python main.py explore`` and ``WhatIf.step()``, called once a frame, only adds up the games
finished since (it never waits). Game i is always played with seed ``seed + i`` by
``game.analysis.explore.play_one`` and summed up by ``game.analysis.explore.Accumulator``, exactly as
``python main.py explore --scenario S --games N --seed SEED --set KEY=VALUE`` does, so the figures are
the same whichever worker played which game and in what order they finished.

``PARAMETERS`` are the counterfactual knobs the screen offers: a dotted scenario key and the factors of
its scenario value to choose from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine import Scenario
from game.analysis.explore import Accumulator, LocalPool, chunk_size, default_workers, tasks_for, with_overrides


@dataclass(frozen=True)
class Parameter:
    key: str                    # dotted scenario key, as ``explore --set`` takes it
    label: str
    unit: str
    factors: tuple[float, ...] = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


PARAMETERS = (
    Parameter("front.speed_km_per_turn", "German speed", "km a turn"),
    Parameter("stavka.divisions_per_100km", "Stavka demand", "div. per 100 km"),
    Parameter("oil.japan.reserve_months", "Japanese oil reserve", "months"),
)
GAME_COUNTS = (20, 50, 100, 200, 500, 1000)


def base_value(scenario: Scenario, key: str) -> float | None:
    """The scenario's value for a dotted key (None when the scenario has no such number)."""
    table: Any = scenario.rules
    for part in key.split("."):
        if not isinstance(table, dict) or part not in table:
            return None
        table = table[part]
    return table if isinstance(table, (int, float)) and not isinstance(table, bool) else None


def choices(scenario: Scenario, p: Parameter) -> list[float]:
    """The values the slider offers: the scenario's value times each factor (whole numbers stay whole)."""
    base = base_value(scenario, p.key)
    if base is None:
        return []
    if isinstance(base, int):
        return sorted({max(0, round(base * f)) for f in p.factors})
    return sorted({round(base * f, 3) for f in p.factors})


def override_text(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


class WhatIf:
    """One run of the explorer: ``games`` AI-vs-AI games of ``scenario_ref`` with ``overrides``, played by
    the worker processes of ``python main.py explore`` (``game.analysis.explore.LocalPool``) while the window only
    collects what they finish and adds it up (``Accumulator``). ``close`` stops the workers."""

    def __init__(self, scenario_ref: str, overrides: dict[str, float], games: int, seed: int = 1941,
                 levels: dict[str, str] | None = None, workers: int | None = None):
        sets = [f"{k}={override_text(v)}" for k, v in overrides.items()]
        self.scenario = with_overrides(scenario_ref, sets)   # UserError (one line) on a bad value
        self.overrides = dict(overrides)
        self.games, self.seed = games, seed
        self.levels = {"japan": "normal", "soviet": "normal", **(levels or {})}
        self.figures = Accumulator(self.scenario.turns)
        self._result: dict[str, Any] | None = None
        workers = max(1, min(workers or default_workers(), games))
        # Always worker processes, even just one: the window's own thread only draws.
        self.pool: LocalPool | None = LocalPool([self.scenario], self.levels, seed, workers,
                                                tasks_for(1, games, chunk_size(games, workers)))

    @property
    def played(self) -> int:
        return self.figures.games

    @property
    def done(self) -> bool:
        return self.played >= self.games

    @property
    def progress(self) -> float:
        return self.played / self.games if self.games else 1.0

    def step(self, wait_s: float = 0.0) -> bool:
        """Add up the games finished by now (waiting up to ``wait_s`` for some); returns whether the run is
        finished."""
        if self.pool is not None:
            for _, _, results in self.pool.finished(wait_s):
                for r in results:
                    self.figures.add(r)
            if self.pool.done:
                self.close()
        return self.done

    def run(self) -> dict[str, Any]:
        while not self.step(None):
            pass
        return self.result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def headline(self) -> dict[str, Any]:
        """The figures of the games played so far that a progress display shows (cheap: every frame)."""
        return self.figures.headline()

    def result(self) -> dict[str, Any]:
        """The figures of ``game.analysis.explore.explore`` for the games played so far."""
        if self._result is None or self.played != self._result["games"]:
            out = self.figures.figures()
            out.update({"scenario": self.scenario.id, "seed": self.seed, "levels": self.levels})
            self._result = out
        return self._result
