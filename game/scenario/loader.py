"""Load scenario TOML files into validated ``Scenario`` objects.

Every problem becomes a ``ScenarioError`` whose one-line message names the file, the key path, the value
found and what was expected. ``extends = "<id or path>"`` deep-merges the file over its base: tables
merge key by key; lists of tables with ids (units, events, outcomes, milestones) merge entry by entry
(``remove = true`` drops a base entry); other lists are replaced whole.
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.engine.board import EDGE_TYPES, TERRAINS, Board, Region
from game.engine.calendar import total_turns
from game.engine.orders import STANCES
from game.engine.scenario import Scenario, UnitSpec
from game.errors import FileError
from game.files.paths import data_dir
from game.files.userfile import read_text

from . import spec
from .schema import MISSING, REQUIRED, Bool, Ctx, Enum, Int, ListOf, MapOf, Num, Ref, SchemaError, Str, Table

ROOT = Path(__file__).resolve().parents[2]   # the repository in a source checkout (developer tools only)
SCENARIO_DIR = data_dir("scenarios")
MAP_FILES = {"far_east": data_dir("assets") / "map" / "regions.toml"}
MAX_BYTES = 2_000_000
MAX_DEPTH = 12   # the deepest real nesting is 5 (ai.historical.soviet.transfers[0].date)


class ScenarioError(FileError):
    """A scenario (or map) file that cannot be used; the message is one line for the player."""


def read_toml(path: Path) -> dict[str, Any]:
    text = read_text(path, "a TOML scenario", ScenarioError, MAX_BYTES)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(path, f"TOML syntax error: {e}") from None
    except RecursionError:
        raise ScenarioError(path, f"tables or lists are nested too deeply; expected at most {MAX_DEPTH} levels") \
            from None
    deep = too_deep(data, MAX_DEPTH)
    if deep is not None:
        raise ScenarioError(path, f"{deep}: nested more than {MAX_DEPTH} levels deep; expected at most {MAX_DEPTH}")
    return data


def too_deep(data: Any, limit: int) -> str | None:
    """The key path of the first value nested deeper than ``limit`` tables or lists, or None.

    Walks with an explicit stack, so that a file of a thousand nested tables cannot exhaust Python's
    recursion limit here or later (merging and validation recurse)."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > limit:
            return path if len(path) <= 80 else path[:77] + "..."
        if isinstance(value, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k), depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value))
    return None


def builtin_dir() -> Path:
    """The scenarios shipped with the game."""
    return SCENARIO_DIR


def user_dir() -> Path:
    """The player's own scenarios (``game.files.paths.scenarios_dir``)."""
    from game.files.paths import scenarios_dir
    return scenarios_dir(create=False)


def scenario_ids() -> list[str]:
    """Every scenario id ``resolve_ref`` knows: the built-in ones, then the player's."""
    ids: list[str] = []
    for folder in (builtin_dir(), user_dir()):
        try:
            ids += sorted(p.stem for p in folder.glob("*.toml") if not p.name.startswith(".") and p.stem not in ids)
        except OSError:
            pass
    return ids


def resolve_ref(ref: str, relative_to: Path | None = None) -> Path:
    """A scenario file from an id or a path.

    An id (no ``/`` and no ``.toml``) is looked up beside ``relative_to`` (the file that names it), then
    in the built-in scenarios, then in the player's scenario folder. A relative path is taken relative to
    ``relative_to`` when given (the file that names it), else to the current folder.
    """
    is_path = ref.endswith(".toml") or "/" in ref or "\\" in ref
    if is_path:
        p = Path(ref)
        return relative_to / p if relative_to is not None and not p.is_absolute() else p
    candidates = [builtin_dir() / f"{ref}.toml", user_dir() / f"{ref}.toml"]
    if relative_to is not None:
        candidates.insert(0, relative_to / f"{ref}.toml")
    for c in candidates:
        if c.is_file():
            return c
    known = ", ".join(scenario_ids())
    raise ScenarioError(ref, f"no scenario with this id (known: {known}; or give a path to a .toml file)")


def _keyed(items: Any) -> bool:
    """A list of tables that all carry an ``id`` (units, events, outcomes, milestones)."""
    return isinstance(items, list) and bool(items) and all(
        isinstance(x, dict) and isinstance(x.get("id"), str) for x in items)


def merge_by_id(base: list[dict[str, Any]], over: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
    """Entries of ``over`` change the base entry with the same id (``remove = true`` deletes it); entries
    with a new id are added at the end. Base order is kept, so a teacher can patch one event or unit."""
    out = [dict(x) for x in base]
    for i, entry in enumerate(over):
        at = next((j for j, x in enumerate(out) if x["id"] == entry["id"]), None)
        if "remove" in entry:
            if entry["remove"] is not True or set(entry) != {"id", "remove"}:
                raise SchemaError(f"{path}[{i}]", entry, "{ id = ..., remove = true } and nothing else")
            if at is None:
                raise SchemaError(f"{path}[{i}].id", entry["id"], "the id of an entry in the base scenario")
            del out[at]
        elif at is None:
            out.append(entry)
        else:
            out[at] = deep_merge(out[at], entry, f"{path}[{i}]")
    return out


def deep_merge(base: dict[str, Any], over: dict[str, Any], path: str = "") -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        where = f"{path}.{k}" if path else k
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v, where)
        elif _keyed(v) and _keyed(out.get(k)):
            out[k] = merge_by_id(out[k], v, where)
        else:
            out[k] = v
    return out


@dataclass(frozen=True)
class Layers:
    """A scenario file as its author wrote it (``own``), its base fully merged (``base``, None without
    ``extends``) and the two merged (``merged``): messages point into the author's own file."""

    merged: dict[str, Any]
    own: dict[str, Any]
    base: dict[str, Any] | None = None
    base_ref: str | None = None


def read_layers(path: Path, chain: tuple[Path, ...] = ()) -> Layers:
    data = read_toml(path)
    base_ref = data.get("extends")
    if base_ref is None:
        return Layers(merged=data, own=data)
    if not isinstance(base_ref, str) or not base_ref:
        raise ScenarioError(path, f"extends: expected a scenario id or path, found {base_ref!r}")
    try:
        base_path = resolve_ref(base_ref, path.parent)
    except ScenarioError:
        raise ScenarioError(path, f"extends: expected a scenario id ({', '.join(scenario_ids())}) or a path "
                                  f"to a .toml file, found {base_ref!r}") from None
    if not base_path.is_file():
        raise ScenarioError(path, f"extends: expected a scenario file, found {base_ref!r}: there is no "
                                  f"{base_path.resolve()} (a path is relative to the folder of the file that "
                                  f"names it)")
    here = path.resolve()
    if base_path.resolve() in chain + (here,):
        raise ScenarioError(path, f"extends: expected a base that does not lead back here, found a cycle "
                                  f"through {base_ref!r}")
    base = read_layers(base_path, chain + (here,)).merged
    base.pop("id", None)   # a derived scenario must name itself
    try:
        merged = deep_merge(base, {k: v for k, v in data.items() if k != "extends"})
    except SchemaError as e:
        raise ScenarioError(path, str(e)) from None
    return Layers(merged=merged, own=data, base=base, base_ref=base_ref)


def merged_raw(path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The file merged over its ``extends`` chain, before validation."""
    return read_layers(path, chain).merged


def look_alike_ids(layers: Layers) -> list[str]:
    """Entries the author adds whose id is close to one in the base: most likely a mistyped override, which
    adds a second event (or unit) and leaves the base one unchanged. One line each."""
    found: list[str] = []
    for key, own in (layers.own.items() if layers.base is not None else ()):
        base = layers.base.get(key) if layers.base else None
        if not (_keyed(own) and _keyed(base)) or base is None:
            continue
        base_ids = [x["id"] for x in base]
        for i, entry in enumerate(own):
            close = difflib.get_close_matches(entry["id"], base_ids, 1, 0.6)
            if entry["id"] not in base_ids and "remove" not in entry and close:
                found.append(f"{key}[{i}]: id {entry['id']!r} is not in the base scenario {layers.base_ref!r}, so "
                             f"this adds a new entry and leaves {close[0]!r} as it was (same id to change it)")
    return found


def author_message(error: SchemaError, layers: Layers | None) -> str:
    """The schema error's message with list indexes as the author wrote them.

    Validation sees the merged lists, so the author's single ``[[units]]`` may be ``units[32]`` there; this
    gives it back as ``units[0]``, names entries that come from the base, and points out an override
    whose id matches nothing in the base (a typo adds a new entry instead of changing the old one).
    """
    if layers is None or layers.base is None:
        return str(error)
    merged: Any = layers.merged   # each walks down the error's key path in its own layer
    own: Any = layers.own
    base: Any = layers.base
    out, hint = "", ""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", error.path):
        if not part.startswith("["):
            out = f"{out}.{part}" if out else part
            merged = merged.get(part) if isinstance(merged, dict) else None
            own = own.get(part) if isinstance(own, dict) else None
            base = base.get(part) if isinstance(base, dict) else None
            continue
        i = int(part[1:-1])
        entry = merged[i] if isinstance(merged, list) and i < len(merged) else None
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        own_list: list[Any] = own if isinstance(own, list) else []
        base_list: list[Any] = base if isinstance(base, list) else []
        base_ids = [x.get("id") for x in base_list if isinstance(x, dict)]
        j = next((k for k, x in enumerate(own_list) if isinstance(x, dict) and x.get("id") == entry_id), None) \
            if entry_id is not None else None
        if j is not None:
            out += f"[{j}]"
            if entry_id not in base_ids and base_ids and not hint:
                close = difflib.get_close_matches(str(entry_id), [str(b) for b in base_ids], 1, 0.6)
                if close or error.found is MISSING:   # most likely an override with a mistyped id
                    hint = (f" (id {entry_id!r} is not in the base scenario {layers.base_ref!r}, so this entry "
                            f"is added as a new one" + (f"; did you mean {close[0]!r}?)" if close else ")"))
            own = own_list[j]
            base = base_list[base_ids.index(entry_id)] if entry_id in base_ids else None
        elif entry_id is not None and entry_id in base_ids:
            out += f"[{base_ids.index(entry_id)}]"
            hint = hint or f" (in the base scenario {layers.base_ref!r}, entry {entry_id!r})"
            own, base = None, base_list[base_ids.index(entry_id)]
        else:
            out += part
            own = own_list[i] if i < len(own_list) else None
            base = None
        merged = entry
    return str(SchemaError(out, error.found, error.expected)) + hint


def rule_content(data: dict[str, Any]) -> dict[str, Any]:
    """Validated scenario data without the text that never reaches the game (``spec.TEXT_ONLY``): what the
    content hash covers, so that a save survives a corrected note but not a changed rule."""
    out = without_keys(data, [], spec.SETUP_ONLY)
    for where, keys in spec.TEXT_ONLY.items():
        out = without_keys(out, where.split(".") if where else [], keys)
    return out


def without_keys(node: Any, steps: list[str], keys: tuple[str, ...]) -> Any:
    """A copy of ``node`` with ``keys`` dropped from the tables that ``steps`` lead to (``events[]`` steps
    into every entry of a list); parts not on the way are shared, not copied, and ``node`` is unchanged."""
    if not isinstance(node, dict):
        return node
    if not steps:
        return {k: v for k, v in node.items() if k not in keys}
    name, into_list = steps[0].removesuffix("[]"), steps[0].endswith("[]")
    if name not in node:
        return node
    child = node[name]
    if into_list:
        child = [without_keys(x, steps[1:], keys) for x in child] if isinstance(child, list) else child
    else:
        child = without_keys(child, steps[1:], keys)
    return {**node, name: child}


MAP_SCHEMA = Table({
    "map": (Str(), REQUIRED),
    "title": (Str(), ""),
    "regions": (MapOf(Str(r"[a-z0-9_]+"), Table({
        "name": (Str(), REQUIRED),
        "country": (Str(), REQUIRED),
        "side": (Ref("side"), REQUIRED),
        "terrain": (Enum(TERRAINS), REQUIRED),
        "lat": (Num(-90, 90), REQUIRED),
        "lon": (Num(-180, 360), REQUIRED),
        "vp": (Int(0, 100), 0),
        "supply_source": (Bool(), False),
        "fort": (Int(0, 3), 0),
    })), REQUIRED),
    "adjacency": (Table({"edges": (ListOf(ListOf(Str(), 3)), REQUIRED)}), REQUIRED),
})


@lru_cache(maxsize=4)
def load_board(map_id: str) -> Board:
    path = MAP_FILES[map_id]
    try:
        data = MAP_SCHEMA.check(read_toml(path), "", Ctx())
    except SchemaError as e:
        raise ScenarioError(path, str(e)) from None
    regions = {rid: Region(rid, **r) for rid, r in data["regions"].items()}
    edges = []
    for i, edge in enumerate(data["adjacency"]["edges"]):
        a, b, kind = edge
        if a not in regions or b not in regions or kind not in EDGE_TYPES:
            raise ScenarioError(path, f"adjacency.edges[{i}]: expected [region, region, {'|'.join(EDGE_TYPES)}], "
                                      f"found {edge!r}")
        edges.append((a, b, kind))
    return Board.build(regions, edges)


def load(ref: str | Path) -> Scenario:
    """Load and validate a scenario by id or path."""
    path = ref if isinstance(ref, Path) else resolve_ref(str(ref))
    layers = read_layers(path)
    return build(layers.merged, path, layers)


def build(raw: dict[str, Any], path: Path | str, layers: Layers | None = None) -> Scenario:
    """Validate merged scenario data; raises ``ScenarioError`` (one line naming ``path`` and the key).
    ``layers`` (from ``read_layers``) lets messages point into the author's own file."""
    try:
        return _build(raw, path)
    except SchemaError as e:
        raise ScenarioError(path, author_message(e, layers)) from None
    except RecursionError:   # read_toml bounds nesting; data built in code might still be too deep
        raise ScenarioError(path, "tables or lists are nested too deeply") from None


def _build(raw: dict[str, Any], path: Path | str) -> Scenario:
    def fail(where: str, found: Any, expected: str):
        raise SchemaError(where, found, expected)

    map_id = raw.get("map", "far_east")
    if not isinstance(map_id, str) or map_id not in MAP_FILES:
        fail("map", map_id, "one of " + ", ".join(repr(m) for m in MAP_FILES))
    board = load_board(map_id)
    subset = raw.get("regions")
    if subset is not None:
        if not isinstance(subset, list):
            fail("regions", subset, "a list of region ids")
        for i, r in enumerate(subset):
            if not isinstance(r, str) or r not in board.regions:
                fail(f"regions[{i}]", r, "a region id of this map")
        board = board.subset(subset)
    ctx = Ctx(regions=frozenset(board.regions))
    data = Table(spec.TOP).check(raw, "", ctx)

    if data["end"] <= data["start"]:
        fail("end", data["end"], f"a date after start ({data['start'].isoformat()})")
    turns = total_turns(data["start"], data["end"], data["days_per_turn"])
    if turns > spec.MAX_TURNS:
        latest = data["start"] + dt.timedelta(days=spec.MAX_TURNS * data["days_per_turn"] - 1)
        fail("end", data["end"], f"a date giving at most {spec.MAX_TURNS} turns of {data['days_per_turn']} "
                                 f"day{'' if data['days_per_turn'] == 1 else 's'} "
                                 f"(so by {latest.isoformat()}; this end gives {turns:,} turns: a mistyped year?)")
    owners = {r: reg.side for r, reg in board.regions.items()}
    owners.update(data["owners"])
    for i, u in enumerate(data["units"]):
        if owners[u["region"]] != u["side"]:
            fail(f"units[{i}].region", u["region"], f"a region held by {u['side']} at the start")
    for side, sspec in data["sides"].items():
        if sspec["stance"] not in sspec["postures"]:
            fail(f"sides.{side}.stance", sspec["stance"], "one of the side's postures")
    for side, oil in data["oil"].items():
        needed = {p for p in data["sides"][side]["postures"] if p in STANCES} | {"war"}
        for stance in sorted(needed):
            if stance not in oil["burn_per_month"]:
                fail(f"oil.{side}.burn_per_month.{stance}", None, "a number (oil used per month)")
    for side in data["sides"]:
        if side not in data["intel"]:
            fail(f"intel.{side}", None, "a table with sigma")
        if side not in data["combat"]["quality"]:
            fail(f"combat.quality.{side}", None, "a number")
        if side not in data["supply"]["sea_at_war"]:
            fail(f"supply.sea_at_war.{side}", None, "true or false")
    if data["outcomes"][-1]["when"]:
        fail(f"outcomes[{len(data['outcomes']) - 1}].when", data["outcomes"][-1]["when"],
             "no conditions on the last outcome (it is the fallback)")

    sources = data["supply"].get("sources")
    if sources is not None:   # the scenario names its own supply sources (e.g. railheads on a small map)
        board = Board({r: replace(reg, supply_source=r in sources) for r, reg in board.regions.items()},
                      board.neighbours)
    text = json.dumps(rule_content(data), sort_keys=True, default=str)
    rules = {k: data[k] for k in spec.RULES}
    rules["calendar"] = data["calendar"]
    scenario = Scenario(
        id=data["id"], title=data["title"], summary=data["summary"], note=data["note"], premise=data["premise"],
        suggested_side=data.get("suggested_side"), source=str(path),
        start=data["start"], end=data["end"], days_per_turn=data["days_per_turn"],
        board=board, owners=owners,
        sides={s: data["sides"][s] for s in ("japan", "soviet")},
        units=tuple(UnitSpec(**{k: v for k, v in u.items() if k != "note"}) for u in data["units"]),
        rules=rules,
        events=tuple(data["events"]),
        outcomes=tuple(data["outcomes"]),
        ai=data["ai"],
        content_hash=hashlib.sha256(text.encode()).hexdigest()[:16],
    )
    _ = scenario.tables   # the typed rules tables, built once now that the file is known to be valid
    return scenario
