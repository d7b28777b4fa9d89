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
    suggested_side: str | None = None   # the side the scenario is meant to be played from, if any
    error: str | None = None   # one line: why the file cannot be played; None when it is valid

    @property
    def ok(self) -> bool:
        return self.error is None


def user_scenario_dir() -> Path:
    """The player's own scenarios: ``<user data folder>/scenarios`` (``KANTOKUEN_HOME`` overrides it)."""
    from game.files.paths import scenarios_dir
    return scenarios_dir(create=False)


def saved_scenario_file(scenario_id: str, recorded: str | None, save_folder: Path) -> Path | None:
    """The file of the scenario a save names: a built-in one, the player's ``<id>.toml``, else the file
    the save recorded (where it was, or beside the save, if the folder moved); None if there is none.
    The save's content hash then tells whether the file found is the one the game was played with."""
    candidates = [SCENARIO_DIR / f"{scenario_id}.toml", user_scenario_dir() / f"{scenario_id}.toml"]
    if recorded:
        candidates += [Path(recorded), save_folder / Path(recorded).name]
    return next((c for c in candidates if c.is_file()), None)


def recorded_file(scenario_source: str) -> str | None:
    """What a save records to find a scenario again: nothing for a built-in or player's scenario (found by
    id), else the absolute path of the file it was loaded from."""
    path = Path(scenario_source)
    if not path.is_file() or path.resolve().parent in (SCENARIO_DIR.resolve(), user_scenario_dir().resolve()):
        return None
    return str(path.resolve())


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
                         note=sc.note, premise=sc.premise, builtin=builtin,
                         suggested_side=sc.suggested_side)


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
