"""Settings and the user data folder: remembered, validated, and a damaged file never blocks the game."""
import json
from pathlib import Path

import pytest

from game.files import paths, settings
from game.files.settings import DEFAULTS, Settings, change_setting, load_settings


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KANTOKUEN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_the_data_folder_follows_the_environment_variable(home):
    assert paths.home() == home
    assert paths.saves_dir() == home / "saves" and (home / "saves").is_dir()
    assert paths.autosave_dir().is_dir() and paths.reports_dir().is_dir()
    assert paths.settings_file() == home / "settings.json"


def test_without_the_variable_platformdirs_decides(monkeypatch):
    monkeypatch.delenv("KANTOKUEN_HOME")
    import platformdirs
    assert paths.home() == Path(platformdirs.user_data_dir("kantokuen1941", appauthor=False))


def test_settings_are_remembered(home):
    assert load_settings() == (DEFAULTS, None)                 # first start: defaults, no warning
    change_setting("ui_scale", 1.5)
    change_setting("palette", "colourblind")
    again, warning = load_settings()
    assert again == Settings(ui_scale=1.5, palette="colourblind") and warning is None
    assert json.loads((home / "settings.json").read_text()) == {"ui_scale": 1.5, "palette": "colourblind"}


@pytest.mark.parametrize("key, value", [("ui_scale", 7), ("ui_scale", "big"), ("palette", "neon"), ("volume", 3)])
def test_bad_values_are_refused_with_the_allowed_ones(key, value, home):
    with pytest.raises(ValueError, match=key):
        change_setting(key, value)
    assert not (home / "settings.json").exists()


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[1, 2]", b""])
def test_a_damaged_file_gives_defaults_a_warning_and_is_left_alone(content, home):
    home.mkdir(parents=True)
    path = home / "settings.json"
    path.write_bytes(content)
    loaded, warning = load_settings()
    assert loaded == DEFAULTS
    assert warning and str(path) in warning and "\n" not in warning
    assert path.read_bytes() == content                        # not overwritten silently
    change_setting("ui_scale", 1.25)                           # ... only when the player changes something
    assert load_settings() == (Settings(ui_scale=1.25), None)


def test_one_bad_key_keeps_the_good_ones(home):
    home.mkdir(parents=True)
    (home / "settings.json").write_text(json.dumps({"ui_scale": 1.5, "palette": "neon", "future_key": 1}))
    loaded, warning = load_settings()
    assert loaded == Settings(ui_scale=1.5, palette="standard")
    assert "palette" in warning and "neon" in warning


def test_palettes_give_colours_for_every_role():
    roles = {"japan", "soviet", "neutral", "front", "oil", "good", "bad"}
    for name in settings.PALETTES:
        colours = settings.palette(name)
        assert roles <= set(colours)
        assert colours["japan"] != colours["soviet"]
    assert settings.palette("colourblind")["shapes"] is True
    assert settings.palette("unknown") == settings.palette("standard")
