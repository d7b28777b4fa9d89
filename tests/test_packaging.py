"""What a wheel carries: every package of game/ and the data folders the game reads (CI builds the wheel,
installs it in a clean venv and plays a game from an empty folder; these are the quick checks)."""
import tomllib
from pathlib import Path

from game.files import paths

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_package_of_game_is_in_the_wheel():
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "game").rglob("__init__.py")}
    missing = on_disk - set(CONFIG["packages"])
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"


def test_each_data_folder_is_mapped_into_the_package_and_found():
    mapped = {name.removeprefix("game.data."): folder for name, folder in CONFIG["package-dir"].items()}
    assert mapped == {name: name for name in paths.DATA_FOLDERS}
    for name in paths.DATA_FOLDERS:
        assert paths.data_dir(name) == ROOT / name and (ROOT / name).is_dir()
        assert f"game.data.{name}" in CONFIG["packages"] and CONFIG["package-data"][f"game.data.{name}"]


def test_saves_record_the_versions_replays_depend_on():
    found = paths.versions()
    assert set(found) == {"game", "python", "numpy"} and all(isinstance(v, str) for v in found.values())
    assert paths.version_changes({**found, "numpy": "0.1"}) == f"numpy 0.1 -> {found['numpy']}"
    assert paths.version_changes(found) == "" and paths.version_changes(None) == ""


def test_every_sub_folder_of_the_data_is_listed_so_the_install_prints_no_warning():
    """setuptools warns, on every install, of a folder inside a package that it was not told of."""
    listed = set(CONFIG["packages"])
    for name in paths.DATA_FOLDERS:
        for folder in (ROOT / name).rglob("*"):
            if folder.is_dir() and not folder.name.startswith((".", "__")):
                package = ".".join(("game", "data", name, *folder.relative_to(ROOT / name).parts))
                assert package in listed, f"add {package!r} to [tool.setuptools] packages in pyproject.toml"
