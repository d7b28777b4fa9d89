"""Load scenario TOML files into validated ``Scenario`` objects.

Every problem becomes a ``ScenarioError`` whose one-line message names the file, the key path, the value
found and what was expected. ``extends = "<id or path>"`` deep-merges the file over its base: tables
merge key by key; lists of tables with ids (units, events, outcomes, milestones) merge entry by entry
(``remove = true`` drops a base entry); other lists are replaced whole.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.engine.board import EDGE_TYPES, TERRAINS, Board, Region
from game.engine.orders import STANCES
from game.engine.scenario import Scenario, UnitSpec
from game.userfile import read_text

from . import spec
from .schema import REQUIRED, Bool, Ctx, Enum, Int, ListOf, MapOf, Num, Ref, SchemaError, Str, Table

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_DIR = ROOT / "scenarios"
MAP_FILES = {"far_east": ROOT / "assets" / "map" / "regions.toml"}
MAX_BYTES = 2_000_000


class ScenarioError(ValueError):
    """A scenario (or map) file that cannot be used; the message is one line for the player."""

    def __init__(self, file: str | Path, message: str):
        self.file = str(file)
        super().__init__(f"{file}: {message}")


def read_toml(path: Path) -> dict[str, Any]:
    text = read_text(path, "a TOML scenario", ScenarioError, MAX_BYTES)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(path, f"TOML syntax error: {e}") from None


def resolve_ref(ref: str, relative_to: Path | None = None) -> Path:
    """A scenario id from scenarios/ or a path to a .toml file."""
    candidates = []
    is_path = ref.endswith(".toml") or "/" in ref or "\\" in ref
    if is_path:
        p = Path(ref)
        if not p.is_absolute() and relative_to is not None:
            candidates.append(relative_to / p)
        candidates.append(p)
    else:
        if relative_to is not None:
            candidates.append(relative_to / f"{ref}.toml")
        candidates.append(SCENARIO_DIR / f"{ref}.toml")
    for c in candidates:
        if c.is_file():
            return c
    if is_path:
        return candidates[-1]   # read_toml reports it missing, naming the path
    known = ", ".join(sorted(p.stem for p in SCENARIO_DIR.glob("*.toml")))
    raise ScenarioError(ref, f"no scenario with this id (known: {known})")


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


def merged_raw(path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    data = read_toml(path)
    base_ref = data.get("extends")
    if base_ref is None:
        return data
    if not isinstance(base_ref, str) or not base_ref:
        raise ScenarioError(path, f"extends: expected a scenario id or path, found {base_ref!r}")
    try:
        base_path = resolve_ref(base_ref, path.parent)
    except ScenarioError as e:
        raise ScenarioError(path, f"extends: {e}") from None
    here = path.resolve()
    if base_path.resolve() in chain + (here,):
        raise ScenarioError(path, f"extends: expected a base that does not lead back here, found a cycle "
                                  f"through {base_ref!r}")
    base = merged_raw(base_path, chain + (here,))
    base.pop("id", None)   # a derived scenario must name itself
    try:
        return deep_merge(base, {k: v for k, v in data.items() if k != "extends"})
    except SchemaError as e:
        raise ScenarioError(path, str(e)) from None


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
    for i, e in enumerate(data["adjacency"]["edges"]):
        a, b, kind = e
        if a not in regions or b not in regions or kind not in EDGE_TYPES:
            raise ScenarioError(path, f"adjacency.edges[{i}]: expected [region, region, {'|'.join(EDGE_TYPES)}], "
                                      f"found {e!r}")
        edges.append((a, b, kind))
    return Board.build(regions, edges)


def load(ref: str | Path) -> Scenario:
    """Load and validate a scenario by id or path."""
    path = ref if isinstance(ref, Path) else resolve_ref(str(ref))
    return build(merged_raw(path), path)


def build(raw: dict[str, Any], path: Path | str) -> Scenario:
    def fail(where: str, found: Any, expected: str):
        raise ScenarioError(path, str(SchemaError(where, found, expected)))

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
    try:
        data = Table(spec.TOP).check(raw, "", ctx)
    except SchemaError as e:
        raise ScenarioError(path, str(e)) from None

    if data["end"] <= data["start"]:
        fail("end", data["end"], f"a date after start ({data['start'].isoformat()})")
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
    text = json.dumps(data, sort_keys=True, default=str)
    rules = {k: data[k] for k in spec.RULES}
    rules["calendar"] = data["calendar"]
    return Scenario(
        id=data["id"], title=data["title"], summary=data["summary"], note=data["note"], premise=data["premise"],
        source=str(path),
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
