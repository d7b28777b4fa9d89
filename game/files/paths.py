"""Where things are: the game's own data (scenarios, assets, docs), the player's data folder, and safe
(atomic) writing of the files in it.

The game's data is found with importlib.resources: a wheel or ``pip install .`` carries it inside the
package as ``game/data/<name>`` (pyproject.toml maps the repository's top-level folders there); a source
checkout (or ``pip install -e .``) reads the top-level folders themselves.

The player's folder is ``platformdirs.user_data_dir("kantokuen1941")`` unless the environment variable
``KANTOKUEN_HOME`` names another one (tests and portable installs use it). Inside it:

    saves/       games the player saved
    autosave/    the last few turns, written after every resolved turn
    reports/     after-action reports (PNG + Markdown)
    scenarios/   the player's own scenario files
    settings.json
"""
from __future__ import annotations

import os
import platform
import re
import tempfile
from importlib import metadata, resources
from pathlib import Path

APP_NAME = "kantokuen1941"
HOME_ENV = "KANTOKUEN_HOME"
DATA_FOLDERS = ("scenarios", "assets", "docs")


def data_dir(name: str) -> Path:
    """The game's own folder ``name`` (one of ``DATA_FOLDERS``), installed or in a source checkout."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"no data folder {name!r} (known: {', '.join(DATA_FOLDERS)})")
    package = resources.files("game")
    installed = package / "data" / name
    if installed.is_dir():
        return Path(str(installed))
    return Path(str(package)).parent / name


# Replays depend on these: numpy's generators draw the dice, and Python's float arithmetic and formatting
# feed the state hash. A save records them, so a replay that ends elsewhere can say what changed.
DETERMINISM_PACKAGES = ("numpy",)


def versions() -> dict[str, str]:
    """The versions a save's replay depends on: this game, Python and numpy."""
    found = {"game": _version(APP_NAME), "python": platform.python_version()}
    for name in DETERMINISM_PACKAGES:
        found[name] = _version(name)
    return found


def version_changes(recorded: object) -> str:
    """What differs between ``recorded`` (a save's ``versions``) and this installation, e.g.
    ``numpy 1.26.4 -> 2.1.0``; empty when nothing does or nothing was recorded."""
    if not isinstance(recorded, dict):
        return ""
    now = versions()
    return ", ".join(f"{k} {recorded[k]} -> {now[k]}" for k in now
                     if isinstance(recorded.get(k), str) and recorded[k] != now[k])


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:   # a source checkout that was never installed
        return "unknown"


def home() -> Path:
    """The data folder (not created here)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _folder(name: str, create: bool) -> Path:
    path = home() / name
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def saves_dir(create: bool = True) -> Path:
    return _folder("saves", create)


def autosave_dir(create: bool = True) -> Path:
    return _folder("autosave", create)


def reports_dir(create: bool = True) -> Path:
    return _folder("reports", create)


def scenarios_dir(create: bool = False) -> Path:
    """The player's own scenarios (looked up after the built-in ones when a save names a scenario id)."""
    return _folder("scenarios", create)


def settings_file() -> Path:
    return home() / "settings.json"


# The temporary files ``atomic_write`` makes: ".<file name>.<mkstemp's random part>.tmp".
TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]{6,12}\.tmp")


def clean_temp_files(folders: list[Path] | None = None) -> list[Path]:
    """Remove the temporary files an interrupted ``atomic_write`` left behind (the game was killed between
    writing and renaming); returns what was removed. Only names of that exact form go, so every real
    save, and the file each temporary one was about to replace, stays as it is. Never raises."""
    if folders is None:
        folders = [home(), home() / "saves", home() / "autosave", home() / "reports"]
    removed = []
    for folder in folders:
        try:
            candidates = list(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            continue
        for p in candidates:
            if TEMP_NAME.fullmatch(p.name) and not p.is_symlink() and p.is_file():
                try:
                    p.unlink()
                    removed.append(p)
                except OSError:
                    pass   # a read-only folder: the leftovers do no harm
    return removed


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` so that a crash or a full disk leaves the old file whole.

    Writes a temporary file in the same folder, flushes and fsyncs it, then renames it over ``path``
    (``os.replace`` is atomic on one file system). On failure the temporary file is removed and the
    ``OSError`` is raised again; ``path`` is untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _copy_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(path.parent)
    return path


def _copy_mode(path: Path, tmp: str) -> None:
    """mkstemp makes private files (0600); keep the old file's mode, or the usual 0644 for a new one."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (POSIX); harmless to skip elsewhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
