"""Player settings remembered between sessions: UI scale and colour palette.

Stored as JSON in ``game.files.paths.settings_file()``. A damaged file never stops the game: ``load_settings``
falls back to the defaults (key by key where it can) and returns a warning for the UI to show; the file
is left as it is until the player changes a setting (``change_setting``), which rewrites it atomically.

    settings, warning = load_settings()
    if warning: show(warning)
    settings = change_setting("ui_scale", 1.5)    # validated, saved, returned
    colours = palette(settings.palette)          # {"japan": (r, g, b), ...}
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.files import paths

UI_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)

# Colours by role. "colourblind" is the Okabe-Ito set (distinct for the common colour-vision deficiencies
# and in greyscale); with it the UI should also draw sides with different shapes (``shapes``).
PALETTES: dict[str, dict[str, Any]] = {
    "standard": {
        "label": "Standard",
        "japan": (196, 60, 48), "soviet": (70, 110, 190), "neutral": (150, 150, 150),
        "front": (40, 40, 40), "oil": (150, 100, 30), "good": (60, 150, 70), "bad": (200, 60, 50),
        "shapes": False,
    },
    "colourblind": {
        "label": "Colour-blind safe (with shapes)",
        "japan": (213, 94, 0), "soviet": (0, 114, 178), "neutral": (153, 153, 153),
        "front": (0, 0, 0), "oil": (230, 159, 0), "good": (0, 158, 115), "bad": (204, 121, 167),
        "shapes": True,
    },
}


@dataclass(frozen=True)
class Settings:
    ui_scale: float = 1.0
    palette: str = "standard"

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


DEFAULTS = Settings()


def validate(key: str, value: Any) -> Any:
    """The value to store for ``key``; raises ValueError naming the key and the allowed values."""
    if key == "ui_scale":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            for scale in UI_SCALES:
                if abs(float(value) - scale) < 1e-9:
                    return scale
        raise ValueError(f"ui_scale: expected one of {', '.join(map(str, UI_SCALES))}, found {value!r}")
    if key == "palette":
        if value in PALETTES:
            return value
        raise ValueError(f"palette: expected one of {', '.join(PALETTES)}, found {value!r}")
    raise ValueError(f"{key}: not a setting (settings: {', '.join(f.name for f in dataclasses.fields(Settings))})")


def load_settings(path: str | Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and a one-line warning (None when all is well).

    A missing file gives the defaults silently. A damaged file gives the defaults for whatever cannot be
    read and a warning naming the file and key; the file itself is not touched.
    """
    path = Path(path) if path is not None else paths.settings_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return DEFAULTS, None
    except OSError as e:
        return DEFAULTS, f"{path}: cannot be read ({e.strerror}); using the default settings"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return DEFAULTS, (f"{path}: is damaged (not valid JSON); using the default settings until you "
                          f"change one")
    if not isinstance(data, dict):
        return DEFAULTS, f"{path}: expected a JSON object; using the default settings until you change one"
    values, problems = {}, []
    for field in dataclasses.fields(Settings):
        if field.name in data:
            try:
                values[field.name] = validate(field.name, data[field.name])
            except ValueError as e:
                problems.append(str(e))
    warning = None
    if problems:
        warning = f"{path}: key {problems[0]}; using the default for it"
    return dataclasses.replace(DEFAULTS, **values), warning


def save_settings(settings: Settings, path: str | Path | None = None) -> Path:
    """Write the settings atomically (raises OSError if the folder cannot be written)."""
    path = Path(path) if path is not None else paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return paths.atomic_write(path, (json.dumps(settings.to_json(), indent=1) + "\n").encode("utf-8"))


def change_setting(key: str, value: Any, current: Settings | None = None,
                   path: str | Path | None = None) -> Settings:
    """Set one setting, save the file and return the new settings (ValueError for a bad key/value).

    ``current`` defaults to what ``load_settings`` reads (so other settings in a damaged file fall back
    to their defaults and the damaged file is replaced only now, when the player changes something).
    """
    if current is None:
        current, _ = load_settings(path)
    new = dataclasses.replace(current, **{key: validate(key, value)})
    save_settings(new, path)
    return new


def palette(name: str) -> dict[str, Any]:
    """The colours of a palette by role (unknown names give the standard palette)."""
    return PALETTES.get(name, PALETTES["standard"])
