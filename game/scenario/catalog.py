"""The scenarios a player can pick: the built-in ones in ``scenarios/`` and their own in the user folder.

``list_scenarios()`` never raises for a bad file: an invalid user scenario is listed with its one-line
error, so the new-game picker can show it (greyed out) instead of crashing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .loader import SCENARIO_DIR, ScenarioError, load


@dataclass(frozen=True)
class ScenarioEntry:
    id: str                    # the scenario's id (for a broken file: the file name without .toml)
    path: Path                 # pass this to ``game.scenario.load`` to start the game
    title: str
    start: dt.date | None
    end: dt.date | None
    summary: str
    note: str
    premise: str
    builtin: bool
    error: str | None = None   # one line: why the file cannot be played; None when it is valid

    @property
    def ok(self) -> bool:
        return self.error is None


def user_scenario_dir() -> Path:
    """The player's own scenarios: ``<user data folder>/scenarios`` (``KANTOKUEN_HOME`` overrides it)."""
    from game.paths import scenarios_dir
    return scenarios_dir(create=False)


def _entry(path: Path, builtin: bool) -> ScenarioEntry:
    try:
        sc = load(path)
    except ScenarioError as e:
        return ScenarioEntry(id=path.stem, path=path, title=path.stem, start=None, end=None, summary="",
                             note="", premise="", builtin=builtin, error=str(e))
    except Exception as e:   # noqa: BLE001 - a loader bug must not take the new-game menu down with it
        message = " ".join(f"{path}: cannot be loaded ({type(e).__name__}: {e})".split())
        return ScenarioEntry(id=path.stem, path=path, title=path.stem, start=None, end=None, summary="",
                             note="", premise="", builtin=builtin, error=message)
    return ScenarioEntry(id=sc.id, path=path, title=sc.title, start=sc.start, end=sc.end, summary=sc.summary,
                         note=sc.note, premise=sc.premise, builtin=builtin)


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))
    except OSError:
        return []


def list_scenarios(user_dir: Path | None = None) -> list[ScenarioEntry]:
    """Built-in scenarios (in time order), then the user's (by file name); invalid files carry ``error``."""
    builtin = [_entry(p, True) for p in _toml_files(SCENARIO_DIR)]
    builtin.sort(key=lambda e: (e.start or dt.date.max, e.id))
    folder = user_scenario_dir() if user_dir is None else user_dir
    user = [_entry(p, False) for p in _toml_files(folder)] if folder.is_dir() else []
    return builtin + user
