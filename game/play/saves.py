"""Save files: the orders log of a game, in versioned JSON (DESIGN.md section 7).

A save holds no game state, only what is needed to replay it::

    {"format": "kantokuen-save", "version": 1,
     "scenario": "historical_1941", "scenario_hash": "<16 hex>", "seed": 3,
     "players": {"japan": "human", "soviet": "ai:normal"},
     "orders": [{"japan": <Orders JSON>, "soviet": <Orders JSON>}, ...],   # one entry per resolved turn
     "turns": 21, "final_state_hash": "<64 hex>",
     "saved_at": "2024-05-01T12:00:00+00:00",          # informational only
     "branch_of": {"file": "game-001.json", "turn": 6}, # optional, informational: where a branch came from
     "game": "3f9a0c12d4e5",                            # optional: the line of play (names its autosaves)
     "sealed": {"kdf": ..., "cipher": ..., "sides": {"japan": {"salt", "nonce", "data"}}}}  # optional, below

A hot-seat side with a password (``keys``) has its orders sealed while the game is unfinished: they are
left out of ``orders`` and stored, encrypted with a key derived from that password, under ``sealed``
(``game.play.seal``). Loading such a save needs the passwords (``SaveLocked`` names the sides). A finished game
is written in full, so both players can open it.

Loading checks everything, replays the log with ``game.play.match.replay`` and compares the final state hash.
Every problem is a ``SaveError`` whose one-line message names the file, the key and what was expected.
Writing is atomic (``game.files.paths.atomic_write``): the previous file survives a crash or a full disk.

Entry points for the game's menus (``game.play.session`` / ``game.ui``):

- ``write_save(path, scenario, seed, players, log)``   save a game (overwrites ``path`` atomically)
- ``load_save(path) -> SaveGame``                      load and verify; ``.state`` is the replayed state
- ``autosave(scenario, seed, players, log, game=ID)`` after every resolved turn; keeps the last few of
                                                       each game (one game never evicts another)
- ``list_saves(folder)``, ``describe(path)``           quick headers for a load menu (no replay)
- ``new_save_path(scenario_id)``                       a fresh file name in the saves folder
- ``rewind(save_or_log, turn)``                        the orders log cut back to the start of ``turn``
- ``branch(...)``                                      keep the line played so far, start a new file
- ``run(args)``                                        ``python main.py replay SAVE [--json]``
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from game.files import paths
from game.files.userfile import os_reason, read_text
from game.ai import LEVELS
from game.errors import UserError
if TYPE_CHECKING:   # the rules load with numpy: not needed to list saves on the main menu
    from game.engine import Scenario, State

FORMAT = "kantokuen-save"
VERSION = 1
MAX_BYTES = 5_000_000        # a full game is a few kB; anything this large is not a save
AUTOSAVE_KEEP = 5
MAX_SEED = 2**63 - 1

OrdersLog = list[dict[str, Any]]


class SaveError(UserError, ValueError):
    """A save that cannot be used (or written). The message is one line and starts with the file name.

    It is a ``ValueError`` (``check`` and library callers catch those) and a ``game.errors.UserError``
    (the command line prints it as one line and exits with code 1).
    """

    def __init__(self, file: str | Path, message: str):
        self.file = str(file)
        super().__init__(f"{file}: {message}")


class SaveLocked(SaveError):
    """The save holds sealed orders of ``sides`` and no (or a wrong) password was given for them."""

    def __init__(self, file: str | Path, message: str, sides: tuple[str, ...]):
        super().__init__(file, message)
        self.sides = sides


class SaveWriteError(SaveError):
    """Writing failed (full disk, no permission, missing folder); the previous file is unchanged."""


@dataclass(frozen=True)
class SaveGame:
    """A loaded, verified save. ``state`` is the final state rebuilt from ``log``."""

    path: Path
    scenario: Scenario
    seed: int
    players: dict[str, str]
    log: OrdersLog
    state: State
    saved_at: str | None = None
    branch_of: dict[str, Any] | None = None
    game: str | None = None
    keys: dict[str, Any] | None = None   # side -> game.play.seal.SideKey of the sides sealed in the file

    @property
    def turns(self) -> int:
        return len(self.log)

    def at_turn(self, turn: int) -> tuple[State, OrdersLog]:
        """The game at the start of ``turn`` (0 = the opening) and the orders that led there."""
        from game.play.match import replay
        prefix = rewind(self.log, turn)
        return replay(self.scenario, self.seed, prefix), prefix


@dataclass(frozen=True)
class SaveInfo:
    """A save file's header for a menu, read without replaying. ``problem`` is set for unusable files."""

    path: Path
    scenario: str | None = None
    turns: int | None = None
    players: dict[str, str] | None = None
    saved_at: str | None = None
    problem: str | None = None
    sealed: tuple[str, ...] = ()   # the sides whose orders need a password


# --- writing -------------------------------------------------------------------------------------------

def save_document(scenario: Scenario, seed: int, players: dict[str, str], log: Sequence[dict[str, Any]],
                  state: State | None = None, branch_of: dict[str, Any] | None = None,
                  game: str | None = None, keys: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON document of a save. ``state`` (the state after ``log``) is replayed when not given.
    ``keys`` (side -> ``game.play.seal.SideKey``): those sides' orders are sealed unless the game is over."""
    from game.engine import state_hash
    from game.play.match import replay
    from game.scenario.catalog import recorded_file
    from game.play.seal import CIPHER, KDF, seal
    _check_players("players", players)
    log = [dict(turn) for turn in log]
    final = state if state is not None else replay(scenario, seed, log)
    sealed = {}
    if keys and not final.over:
        sealed = {side: seal(key, side, [turn.get(side) for turn in log]) for side, key in sorted(keys.items())}
        log = [{side: o for side, o in turn.items() if side not in sealed} for turn in log]
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": scenario.id,
        "scenario_hash": scenario.content_hash,
        "seed": seed,
        "players": dict(players),
        "orders": log,
        "turns": len(log),
        "final_state_hash": state_hash(final),
        "saved_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "versions": paths.versions(),   # informational: what the replay's dice depend on
    }
    if recorded_file(scenario.source):   # a scenario loaded from a path: where to find it again
        doc["scenario_file"] = recorded_file(scenario.source)
    if branch_of:
        doc["branch_of"] = dict(branch_of)
    if game:
        doc["game"] = game
    if sealed:
        doc["sealed"] = {"kdf": KDF, "cipher": CIPHER, "sides": sealed}
    return doc


def write_save(path: str | Path, scenario: Scenario, seed: int, players: dict[str, str],
               log: Sequence[dict[str, Any]], *, state: State | None = None,
               branch_of: dict[str, Any] | None = None, game: str | None = None,
               keys: dict[str, Any] | None = None) -> Path:
    """Write a save atomically and return its path (``keys``: seal those sides' orders, see above).

    ``players`` maps each side to ``"human"`` or ``"ai:LEVEL"``; ``log`` is the orders log (one
    ``{"japan": Orders.to_json(), "soviet": ...}`` per resolved turn, as ``game.play.match.play_turn`` keeps it).
    Pass the current ``state`` to skip replaying the log. Raises ``SaveWriteError`` (one line naming the
    file) if the file cannot be written; the previous file at ``path`` is then unchanged.
    """
    path = Path(path)
    try:
        doc = save_document(scenario, seed, players, log, state, branch_of, game, keys)
    except ValueError as e:
        raise SaveError(path, f"not saved: {e}") from None
    data = (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        paths.atomic_write(path, data)
    except OSError as e:
        raise SaveWriteError(path, f"could not be saved ({os_reason(e)}); the previous file, if any, is unchanged") \
            from None
    return path


def new_save_path(scenario_id: str, folder: str | Path | None = None, stem: str | None = None) -> Path:
    """A file name not yet used in ``folder`` (default: the saves folder), e.g. ``historical_1941-003.json``."""
    folder = Path(folder) if folder is not None else paths.saves_dir(create=False)
    _make_folder(folder, "saves")
    stem = _safe_stem(stem or scenario_id)
    n = 1
    while (folder / f"{stem}-{n:03d}.json").exists():
        n += 1
    return folder / f"{stem}-{n:03d}.json"


def _safe_stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "game"


def new_game_id() -> str:
    """A fresh id for a line of play (12 hex digits); it names the game's autosaves, not its dice."""
    return secrets.token_hex(6)


def autosave(scenario: Scenario, seed: int, players: dict[str, str], log: Sequence[dict[str, Any]], *,
             state: State | None = None, folder: str | Path | None = None, keep: int = AUTOSAVE_KEEP,
             game: str | None = None, keys: dict[str, Any] | None = None) -> Path:
    """Autosave after a resolved turn and delete all but the newest ``keep`` autosaves of this game.

    Each game (``game``, from ``new_game_id``) has its own line of autosaves, so a new game never evicts
    the autosaves of an older one. Files are numbered (``autosave-000042-3f9a0c12d4e5-historical_1941-turn07.json``)
    so "newest" does not depend on clocks. Raises ``SaveWriteError`` when the file cannot be written (older
    autosaves are then kept).
    """
    folder = Path(folder) if folder is not None else paths.autosave_dir(create=False)
    _make_folder(folder, "autosave")
    numbered = _autosaves(folder)
    n = numbered[-1][0] + 1 if numbered else 1
    line = f"{game}-" if game and GAME_ID.fullmatch(game) else ""
    path = folder / f"autosave-{n:06d}-{line}{_safe_stem(scenario.id)}-turn{len(log):02d}.json"
    write_save(path, scenario, seed, players, log, state=state, game=game, keys=keys)
    same_game = [p for _, p in _autosaves(folder) if _autosave_game(p) == (game or None)]
    for old in same_game[:-keep] if keep > 0 else []:
        try:
            old.unlink()
        except OSError:
            pass   # an old autosave we cannot delete does no harm
    return path


GAME_ID = re.compile(r"[0-9a-f]{12}")


def _autosave_game(path: Path) -> str | None:
    """The game id in an autosave's name (None for autosaves written before games had ids)."""
    m = re.match(r"autosave-\d+-([0-9a-f]{12})-", path.name)
    return m.group(1) if m else None


def _make_folder(folder: Path, what: str) -> None:
    """Create ``folder`` if needed; any failure (read-only, a file in the way) is one ``SaveWriteError``."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SaveWriteError(folder, f"the {what} folder cannot be made ({os_reason(e)})") from None


def _autosaves(folder: Path) -> list[tuple[int, Path]]:
    found = []
    for p in folder.glob("autosave-*.json"):
        m = re.match(r"autosave-(\d+)-", p.name)
        if m:
            found.append((int(m.group(1)), p))
    return sorted(found)


def latest_autosave(folder: str | Path | None = None) -> Path | None:
    """The newest autosave file, or None ("Continue" in the menu)."""
    folder = Path(folder) if folder is not None else paths.autosave_dir(create=False)
    found = _autosaves(folder) if folder.is_dir() else []
    return found[-1][1] if found else None


# --- reading -------------------------------------------------------------------------------------------

def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_document(path: str | Path) -> dict[str, Any]:
    """Read a save file's JSON and check its format and version (nothing else)."""
    path = Path(path)
    text = read_text(path, "a Kantokuen save (JSON)", SaveError, MAX_BYTES)
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        stripped = text.rstrip()
        cut = stripped.startswith("{") and not stripped.endswith("}")
        hint = "; the file looks cut short" if cut or e.pos >= len(stripped) else ""
        raise SaveError(path, f"is not valid JSON (line {e.lineno} column {e.colno}: {e.msg}){hint}") from None
    except ValueError as e:
        raise SaveError(path, f"is not valid JSON ({e})") from None
    except RecursionError:
        raise SaveError(path, "is not a save: its JSON is nested too deeply") from None
    if not isinstance(doc, dict):
        raise SaveError(path, f"expected a JSON object with \"format\": \"{FORMAT}\", found {_kind(doc)}")
    if doc.get("format") != FORMAT:
        raise SaveError(path, f"is not a Kantokuen save (key 'format': expected '{FORMAT}', "
                              f"found {_short(doc.get('format'))})")
    version = doc.get("version")
    if not _is_int(version) or version < 1:
        raise SaveError(path, f"key 'version': expected a whole number from 1 to {VERSION}, found {_short(version)}")
    if version > VERSION:
        raise SaveError(path, f"was written by a newer version of the game (save format {version}; "
                              f"this version reads format {VERSION}): update the game to load it")
    return doc


KEYS = {"format", "version", "scenario", "scenario_hash", "seed", "players", "orders", "turns",
        "final_state_hash", "saved_at", "branch_of", "game", "versions", "scenario_file", "sealed"}
REQUIRED = KEYS - {"saved_at", "branch_of", "game", "versions", "scenario_file", "sealed"}


def load_save(path: str | Path, passwords: dict[str, str] | None = None) -> SaveGame:
    """Load a save, check every field, replay it and verify its final state hash.

    ``passwords`` (side -> password) open the sides a hot-seat game sealed; without them such a save
    raises ``SaveLocked`` naming the sides.

    Raises ``SaveError`` with a one-line message naming the file and the key on anything wrong:
    damaged or cut-short files, other formats, newer versions, unknown scenarios, a scenario whose
    content changed since the save was made (its hash differs, so the replay would diverge), orders
    that do not fit the game, or a replay that ends in a different state than the save records.
    """
    from game.engine import SIDES, state_hash
    from game.play.match import replay
    path = Path(path)
    doc = read_document(path)

    def bad(key: str, expected: str) -> SaveError:
        return SaveError(path, f"key '{key}': expected {expected}, found {_short(_get(doc, key))}")

    missing = sorted(REQUIRED - set(doc))
    if missing:
        raise SaveError(path, f"key '{missing[0]}' is missing; expected a complete Kantokuen save")
    unknown = sorted(set(doc) - KEYS)
    if unknown:
        raise SaveError(path, f"key '{unknown[0]}' is not part of save format {VERSION}")
    if not isinstance(doc["scenario"], str) or not doc["scenario"]:
        raise bad("scenario", "a scenario id")
    if not _is_hex(doc["scenario_hash"], 16):
        raise bad("scenario_hash", "16 hexadecimal digits")
    if not _is_int(doc["seed"]) or not 0 <= doc["seed"] <= MAX_SEED:
        raise bad("seed", "a whole number from 0 to 2**63-1")
    try:
        _check_players("players", doc["players"])
    except ValueError as e:
        raise SaveError(path, str(e)) from None
    orders = doc["orders"]
    if not isinstance(orders, list):
        raise bad("orders", "a list with one entry per turn")
    keys = None
    if "sealed" in doc:
        orders, keys = _unseal_orders(path, doc, passwords or {})
    for i, turn in enumerate(orders):
        if not isinstance(turn, dict):
            raise bad(f"orders[{i}]", "an object with the orders of japan and soviet")
        extra = sorted(set(turn) - set(SIDES))
        if extra:
            raise SaveError(path, f"key 'orders[{i}].{extra[0]}': expected only the sides {' and '.join(SIDES)}")
        for side, side_orders in sorted(turn.items()):
            problem = _orders_shape(side_orders)
            if problem:
                key, expected = problem
                raise bad(f"orders[{i}].{side}{key}", expected)
    if not _is_int(doc["turns"]) or doc["turns"] != len(orders):
        raise bad("turns", f"the number of entries in 'orders' ({len(orders)})")
    if not _is_hex(doc["final_state_hash"], 64):
        raise bad("final_state_hash", "64 hexadecimal digits")
    if "saved_at" in doc and not isinstance(doc["saved_at"], str):
        raise bad("saved_at", "a date and time as text")
    branch_of = doc.get("branch_of")
    if branch_of is not None and not (isinstance(branch_of, dict) and isinstance(branch_of.get("file"), str)
                                      and _is_int(branch_of.get("turn"))):
        raise bad("branch_of", 'an object {"file": name, "turn": number}')
    game = doc.get("game")
    if game is not None and not (isinstance(game, str) and GAME_ID.fullmatch(game)):
        raise bad("game", "12 hexadecimal digits")

    if not isinstance(doc.get("scenario_file", ""), str):
        raise bad("scenario_file", "the path of a scenario file")
    scenario = _find_scenario(path, doc["scenario"], doc.get("scenario_file"))
    if scenario.content_hash != doc["scenario_hash"]:
        raise SaveError(path, f"key 'scenario_hash': the save was made with scenario '{scenario.id}' "
                              f"version {doc['scenario_hash']}, but the installed file is version "
                              f"{scenario.content_hash}; the replay would not match")
    try:
        state = replay(scenario, doc["seed"], orders)
    except ValueError as e:
        raise SaveError(path, f"key 'orders': {e}") from None
    found = state_hash(state)
    if found != doc["final_state_hash"]:
        changed = paths.version_changes(doc.get("versions"))   # e.g. "numpy 1.26.4 -> 2.1.0"
        raise SaveError(path, f"key 'final_state_hash': replaying the orders gives {found[:12]}..., "
                              f"the save expects {doc['final_state_hash'][:12]}... (edited file or other game version"
                              f"{': ' + changed if changed else ''})")
    return SaveGame(path=path, scenario=scenario, seed=doc["seed"], players=dict(doc["players"]),
                    log=copy.deepcopy(orders), state=state, saved_at=doc.get("saved_at"),
                    branch_of=dict(branch_of) if branch_of else None, game=game, keys=keys)


def sealed_sides(doc: dict[str, Any]) -> tuple[str, ...]:
    """The sides whose orders a save's document keeps sealed (empty for an open save)."""
    sides = doc.get("sealed", {}).get("sides") if isinstance(doc.get("sealed"), dict) else None
    return tuple(sorted(s for s in sides if isinstance(s, str))) if isinstance(sides, dict) else ()


def _unseal_orders(path: Path, doc: dict[str, Any], passwords: dict[str, str]) -> tuple[list, dict[str, Any]]:
    """The orders log with the sealed sides' orders put back, and those sides' keys."""
    from game.engine import SIDES
    from game.play.seal import CIPHER, KDF, WrongPassword, derive, salt_of, unseal
    sealed = doc["sealed"]
    if not (isinstance(sealed, dict) and sealed.get("kdf") == KDF and sealed.get("cipher") == CIPHER
            and isinstance(sealed.get("sides"), dict) and sealed["sides"] and set(sealed["sides"]) <= set(SIDES)):
        raise SaveError(path, f"key 'sealed': expected {{\"kdf\": \"{KDF}\", \"cipher\": \"{CIPHER}\", "
                              f"\"sides\": {{side: sealed orders}}}}, found {_short(sealed)}")
    sides = sealed_sides(doc)
    for side in sides:
        try:
            salt_of(sealed["sides"][side])
        except ValueError as e:
            raise SaveError(path, f"key 'sealed.sides.{side}': {e}") from None
    missing = tuple(s for s in sides if not passwords.get(s))
    if missing:
        names = " and ".join(missing)
        raise SaveLocked(path, f"is protected: the password of {names} is needed to open it", missing)
    orders = [dict(turn) if isinstance(turn, dict) else turn for turn in doc["orders"]]
    keys = {}
    for side in sides:
        blob = sealed["sides"][side]
        keys[side] = derive(passwords[side], salt_of(blob))
        try:
            mine = unseal(keys[side], side, blob)
        except WrongPassword as e:
            raise SaveLocked(path, str(e), (side,)) from None
        if not isinstance(mine, list) or len(mine) != len(orders):
            raise SaveError(path, f"key 'sealed.sides.{side}': expected the orders of "
                            f"{len(orders)} turn{'' if len(orders) == 1 else 's'}")
        for turn, side_orders in zip(orders, mine):
            if isinstance(turn, dict) and side_orders is not None:
                turn[side] = side_orders
    return orders, keys


def describe(path: str | Path) -> SaveInfo:
    """A save's header for a load menu, without replaying (fast). Unusable files get ``problem``."""
    path = Path(path)
    try:
        doc = read_document(path)
    except SaveError as e:
        return SaveInfo(path, problem=str(e))
    players = doc.get("players")
    turns = doc.get("turns")
    return SaveInfo(path, scenario=doc.get("scenario") if isinstance(doc.get("scenario"), str) else None,
                    turns=turns if _is_int(turns) else None,
                    players=dict(players) if isinstance(players, dict) else None,
                    saved_at=doc.get("saved_at") if isinstance(doc.get("saved_at"), str) else None,
                    sealed=sealed_sides(doc))


def list_saves(folder: str | Path | None = None) -> list[SaveInfo]:
    """The saves in ``folder`` (default: the saves folder), newest first."""
    folder = Path(folder) if folder is not None else paths.saves_dir(create=False)
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.json") if p.is_file()]
    files.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    return [describe(p) for p in files]


def _find_scenario(path: Path, scenario_id: str, recorded: str | None = None) -> Scenario:
    """The scenario a save names: a built-in id, ``<id>.toml`` in the player's scenarios folder, or the file
    the save recorded (``game.scenario.catalog.saved_scenario_file``)."""
    from game.scenario import SCENARIO_DIR, ScenarioError, load
    from game.scenario.catalog import saved_scenario_file
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,100}", scenario_id):
        raise SaveError(path, f"key 'scenario': expected a scenario id, found {_short(scenario_id)}")
    file = saved_scenario_file(scenario_id, recorded, path.parent)
    if file is not None:
        try:
            return load(file)
        except ScenarioError as e:
            raise SaveError(path, f"key 'scenario': its scenario file is unusable: {e}") from None
    known = ", ".join(sorted(p.stem for p in SCENARIO_DIR.glob("*.toml")))
    raise SaveError(path, f"key 'scenario': no scenario '{scenario_id}' is installed (known: {known})")


def _check_players(key: str, players: Any) -> None:
    from game.engine import SIDES
    if not isinstance(players, dict) or set(players) != set(SIDES):
        raise ValueError(f"key '{key}': expected an object with {' and '.join(SIDES)}, found {_short(players)}")
    choices = ["human"] + [f"ai:{level}" for level in LEVELS]
    for side in SIDES:
        plan = isinstance(players[side], str) and players[side].startswith("ai:plan:") and len(players[side]) > 8
        if players[side] not in choices and not plan:   # a fixed plan: replays need only the orders log
            raise ValueError(f"key '{key}.{side}': expected one of {', '.join(choices)} or ai:plan:FILE, "
                             f"found {_short(players[side])}")


def _orders_shape(orders: Any) -> tuple[str, str] | None:
    """The first structural problem in one side's orders as (key suffix, expected), or None.

    Checked here so that any JSON the file holds gets a clear message before the engine sees it;
    whether the orders are legal in the game is the engine's business (illegal ones are rejected there).
    """
    if not isinstance(orders, dict):
        return "", 'an object {"posture", "moves", "transfers"}'
    extra = sorted(set(orders) - {"posture", "moves", "transfers"})
    if extra:
        return f".{extra[0]}", "only the keys posture, moves and transfers"
    if orders.get("posture") is not None and not isinstance(orders["posture"], str):
        return ".posture", "a posture name or null"
    for key, number in (("moves", False), ("transfers", True)):
        items = orders.get(key, [])
        if not isinstance(items, list):
            return f".{key}", "a list"
        for j, item in enumerate(items):
            ok = isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and (
                (isinstance(item[1], (int, float)) and not isinstance(item[1], bool) and 0 < item[1] < 1000)
                if number else isinstance(item[1], str))
            if not ok:
                return f".{key}[{j}]", "[unit, divisions from 0 to 1000]" if number else "[unit, region]"
    return None


# --- rewind and branch ---------------------------------------------------------------------------------

def rewind(save_or_log: SaveGame | Sequence[dict[str, Any]], turn: int) -> OrdersLog:
    """The orders log cut back to the start of ``turn`` (0 = the opening, ``len(log)`` = now).

    Replaying the result (``game.play.match.replay``) gives the game as it stood before ``turn`` was
    played; playing the same orders again reproduces the original line exactly. Returns a new list.
    """
    log = save_or_log.log if isinstance(save_or_log, SaveGame) else save_or_log
    if not _is_int(turn) or not 0 <= turn <= len(log):
        raise ValueError(f"turn: expected a turn from 0 to {len(log)}, found {turn!r}")
    return copy.deepcopy(list(log[:turn]))


@dataclass(frozen=True)
class Branch:
    """The result of ``branch``: the original line's file, the new branch's file and its orders."""

    original: Path
    path: Path
    log: OrdersLog
    turn: int
    game: str | None = None   # the branch's own game id (its autosaves are a line of their own)


def branch_path(original: str | Path, turn: int) -> Path:
    """A new, unused file name beside ``original`` for a branch from ``turn``
    (``game-001.json`` -> ``game-001-branch-t06.json``, then ``...-t06-2.json``, ...)."""
    original = Path(original)
    stem = re.sub(r"-branch-t\d+(-\d+)?$", "", original.stem)
    candidate = original.with_name(f"{stem}-branch-t{turn:02d}.json")
    n = 2
    while candidate.exists():
        candidate = original.with_name(f"{stem}-branch-t{turn:02d}-{n}.json")
        n += 1
    return candidate


def branch(scenario: Scenario, seed: int, players: dict[str, str], log: Sequence[dict[str, Any]], turn: int,
           original: str | Path | None = None, folder: str | Path | None = None,
           game: str | None = None, keys: dict[str, Any] | None = None) -> Branch:
    """Go back to the start of ``turn`` and play on in a new file, keeping the line played so far.

    ``original`` is the file the current game was loaded from or last saved to (None: not saved yet).
    The whole line so far is kept in ``original`` (written there if the file is missing or holds an
    earlier point of this same game), or, if ``original`` holds some other game, is an autosave (those
    rotate away) or is None, in a new file in ``folder`` (default: the saves folder). The branch, ``log`` cut
    back to ``turn``, is written to a new file named by ``branch_path``; nothing existing is overwritten except
    ``original`` being brought up to date with this same line. Save the branch's later turns to ``Branch.path``.
    """
    prefix = rewind(log, turn)
    folder = Path(folder) if folder is not None else None
    keep = Path(original) if original is not None else None
    if keep is not None and _is_autosave(keep):   # autosaves rotate away: keep the line in a real save
        keep = None
    if keep is None or not _holds_line(keep, scenario, seed, log):
        keep = new_save_path(scenario.id, folder if folder is not None else (keep.parent if keep else None))
    if not _holds_exactly(keep, log):
        write_save(keep, scenario, seed, players, log, game=game, keys=keys)
    new = branch_path(keep, turn)
    new_game = new_game_id()
    write_save(new, scenario, seed, players, prefix, branch_of={"file": keep.name, "turn": turn}, game=new_game,
               keys=keys)
    return Branch(original=keep, path=new, log=prefix, turn=turn, game=new_game)


def _is_autosave(path: Path) -> bool:
    try:
        return path.resolve().parent == paths.autosave_dir(create=False).resolve() \
            or path.name.startswith("autosave-")
    except OSError:
        return path.name.startswith("autosave-")


def _holds_line(path: Path, scenario: Scenario, seed: int, log: Sequence[dict[str, Any]]) -> bool:
    """True if ``path`` is missing or holds this game at this point or an earlier one (safe to extend)."""
    if not path.exists():
        return True
    try:
        doc = read_document(path)
    except SaveError:
        return False
    orders = doc.get("orders")
    return (doc.get("scenario") == scenario.id and doc.get("seed") == seed and isinstance(orders, list)
            and len(orders) <= len(log) and orders == list(log[:len(orders)]))


def _holds_exactly(path: Path, log: Sequence[dict[str, Any]]) -> bool:
    try:
        return read_document(path).get("orders") == list(log)
    except SaveError:
        return False


# --- command line --------------------------------------------------------------------------------------

# The figures of ``replay`` that are one side's secret while a game is unfinished (``--reveal`` shows them).
SECRET_FIGURES = ("soviet_far_east_men", "japan_men", "japan_oil_months", "score", "explanation")
PASSWORD_ENV = "KANTOKUEN_PASSWORD_{side}"   # e.g. KANTOKUEN_PASSWORD_JAPAN, read when no flag gives one


def replay_passwords(args) -> dict[str, str]:
    """The passwords ``replay`` was given: ``--password-SIDE``, else the environment variable."""
    import os

    from game.engine import SIDES
    found = {}
    for side in SIDES:
        value = getattr(args, f"password_{side}", None) or os.environ.get(PASSWORD_ENV.format(side=side.upper()))
        if value:
            found[side] = value
    return found


def run(args) -> int:
    """``python main.py replay SAVE [--json] [--reveal] [--password-japan P] [--password-soviet P]``.

    Replays a save and prints the ``simulate`` summary. While the game is unfinished each side's own
    figures are secret: they are printed as null (and listed under ``hidden``) unless ``--reveal`` is
    given; a protected hot-seat save also needs the passwords of its sealed sides to be replayed at all.
    """
    from game.files.console import emit
    from game.engine import SIDES
    from game.play.match import summary
    reveal = getattr(args, "reveal", False)
    doc = read_document(args.save)
    locked = sealed_sides(doc)
    if locked and not reveal:   # nothing to replay without the passwords: print what the file shows
        unknown = ("outcome", "outcome_title", "winner", "japan_attacked", "attack_turn", "war_declared_by",
                   "moscow_fell", "german_front_km", "state_hash", *SECRET_FIGURES)
        out = {"scenario": doc.get("scenario"), "seed": doc.get("seed"), "turns_played": doc.get("turns"),
               **{key: None for key in unknown}, "players": doc.get("players"),
               "hidden": ["orders of " + " and ".join(locked), *unknown],
               "note": "an unfinished game protected by passwords: --reveal with the passwords replays it"}
        emit(out, args.json)
        return 0
    try:
        save = load_save(args.save, replay_passwords(args))
    except SaveLocked as e:
        flags = " and ".join(f"--password-{side} (or {PASSWORD_ENV.format(side=side.upper())})" for side in e.sides)
        raise SaveLocked(e.file, f"{str(e)[len(e.file) + 2:]}; give {flags}", e.sides) from None
    out = summary(save.state)
    for side in SIDES:
        kind, _, level = save.players[side].partition(":")
        out[f"{side}_ai"] = level if kind == "ai" else None
    out["players"] = save.players
    if not save.state.over and not reveal:
        for key in SECRET_FIGURES:
            out[key] = None
        out["hidden"] = list(SECRET_FIGURES)
        out["note"] = "an unfinished game: each side's figures are secret; --reveal shows them"
    emit(out, args.json)
    return 0


# --- small helpers -------------------------------------------------------------------------------------

def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_hex(x: Any, length: int) -> bool:
    return isinstance(x, str) and len(x) == length and all(c in "0123456789abcdef" for c in x)


def _kind(x: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false",
            type(None): "null"}.get(type(x), type(x).__name__)


def _short(x: Any) -> str:
    """A value for a message: short, one line."""
    if x is None:
        return "nothing"
    text = json.dumps(x, ensure_ascii=True) if not isinstance(x, str) else repr(x)
    text = text.replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "..."


def _get(doc: dict[str, Any], key: str) -> Any:
    """Look up 'a.b[2]'-style keys for messages."""
    value: Any = doc
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        try:
            value = value[int(part[1:-1])] if part.startswith("[") else value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value
