"""Fixed-plan opponents (LEVEL ``plan:FILE``): a side that follows a written timetable of decisions.

A plan is a small TOML file, for teachers ("Japan strikes north on 3 August: what happens?") and for
balance testing (does any fixed plan beat the computer?):

    side = "japan"
    title = "Strike north on 3 August 1941"
    [[steps]]
    turn = 0                  # 0-based; or date = 1941-08-03 (the turn containing that day)
    posture = "mobilise"
    [[steps]]
    date = 1941-08-03
    posture = "strike_north"

From its turn on a step is in force until a later step replaces it; a key a step leaves out keeps the value
of the step before it. A stance (wait, mobilise, ...) is ordered whenever the side's stance differs from it;
a one-off action (strike north, strike south, declare war) is ordered every turn until it has happened, so a
plan that asks too early simply keeps asking (if the rules want a stance held first, the plan takes it).
``send_west`` (the side Stavka commands) is "demand", "none", "all" or a number of divisions per turn.
Units move as the normal computer player moves them.

Files are checked with the scenario schema (``game.scenario.schema``) and fail the same way: one line
naming the file, the key, what was found and what was expected. Whether a posture is open to the side is a
property of the scenario, checked when the plan is bound to one (``check_plan``).
"""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import numpy as np

from game.engine import Orders, Transfer, View
from game.engine.orders import POSTURES, SOUTH_ACTION, STANCES, WAR_ACTIONS
from game.engine.scenario import SIDES, Scenario
from game.scenario.loader import MAX_DEPTH, ScenarioError, too_deep
from game.scenario.schema import REQUIRED, Ctx, Date, Enum, Int, ListOf, Node, SchemaError, Str, Table
from game.files.userfile import read_text

from . import tactics, warfare

PREFIX = "plan:"
SEND_WORDS = ("demand", "none", "all")
MAX_BYTES = 200_000
MAX_DIVISIONS_PER_TURN = 100
# Attack ratios of the normal computer player at war (game.ai.policies), so a plan fights like it.
BOLDNESS = {"japan": 1.6, "soviet": 1.8}


class PlanError(ScenarioError):
    """A plan file that cannot be used; the message is one line, like a bad scenario's."""


@dataclass
class SendWest(Node):
    """``send_west``: one of the words, or divisions per turn."""

    doc: str = ""

    def check(self, value, path, ctx):
        if isinstance(value, str) and value in SEND_WORDS:
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
                and 0 <= value <= MAX_DIVISIONS_PER_TURN:
            return float(value)
        raise SchemaError(path, value, self.describe())

    def describe(self):
        return (", ".join(repr(w) for w in SEND_WORDS)
                + f" or a number of divisions per turn from 0 to {MAX_DIVISIONS_PER_TURN}")


def _one_when(step: dict[str, Any], path: str, ctx: Ctx) -> dict[str, Any]:
    if ("turn" in step) == ("date" in step):
        found = {k: step[k] for k in ("turn", "date") if k in step} or step
        raise SchemaError(path, found, "a step with exactly one of turn = N or date = YYYY-MM-DD")
    if "posture" not in step and "send_west" not in step:
        raise SchemaError(path, step, "a step that sets posture or send_west (or both)")
    return step


STEP = Table({
    "turn": (Int(0, 10_000), None),
    "date": (Date(), None),
    "posture": (Enum(POSTURES), None),
    "send_west": (SendWest(), None),
}, post=_one_when)

PLAN = Table({
    "side": (Enum(SIDES), REQUIRED),
    "title": (Str(), REQUIRED),
    "note": (Str(), ""),
    "steps": (ListOf(STEP, min_len=1), REQUIRED),
})


@dataclass(frozen=True)
class Step:
    turn: int | None = None           # 0-based turn from which the step holds ...
    date: dt.date | None = None       # ... or the day whose turn it starts in
    posture: str | None = None
    send_west: str | float | None = None

    def start_turn(self, start: dt.date, days_per_turn: int) -> int:
        """The first turn this step holds in (a date before the game's start counts as turn 0)."""
        if self.turn is not None:
            return self.turn
        if self.date is None:   # the plan loader gives every step a turn or a date
            raise ValueError("a plan step needs a turn or a date")
        return max(0, (self.date - start).days // days_per_turn)


@dataclass(frozen=True)
class FixedPlan:
    """A plan, loaded from a file or built in memory (the balance report's plan families)."""

    side: str
    title: str
    steps: tuple[Step, ...]
    source: str = ""                  # the file it came from; "" for a plan built in memory
    note: str = ""

    @property
    def label(self) -> str:
        return f"{PREFIX}{self.source or self.title}"

    def in_force(self, turn: int, start: dt.date, days_per_turn: int) -> tuple[str | None, str | float | None]:
        """(posture, send_west) in force in ``turn``: for each key, the latest step that has come and sets it
        (steps starting in the same turn: the later one in the file)."""
        come = sorted(((s.start_turn(start, days_per_turn), i, s) for i, s in enumerate(self.steps)),
                      key=lambda x: (x[0], x[1]))
        posture = send = None
        for first, _, s in come:
            if first > turn:
                break
            posture = s.posture if s.posture is not None else posture
            send = s.send_west if s.send_west is not None else send
        return posture, send


# --- loading -----------------------------------------------------------------------------------------
def parse(data: Any, source: str | Path) -> FixedPlan:
    """A plan from parsed TOML; raises PlanError naming ``source`` and the key."""
    try:
        d = PLAN.check(data, "", Ctx())
    except SchemaError as e:
        raise PlanError(source, str(e)) from None
    steps = tuple(Step(**s) for s in d["steps"])
    return FixedPlan(side=d["side"], title=d["title"], steps=steps, source=str(source), note=d["note"])


def read_toml(path: Path, expected: str, error: Callable[[Path, str], Exception],
              max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """A small TOML file (a plan, a calibration file) read with the scenario loader's guards: size, UTF-8,
    syntax and nesting depth each fail as one line ``error(path, message)``."""
    text = read_text(path, expected, error, max_bytes)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise error(path, f"TOML syntax error: {e}") from None
    except RecursionError:
        raise error(path, f"tables or lists are nested too deeply; expected at most {MAX_DEPTH} levels") from None
    deep = too_deep(data, MAX_DEPTH)
    if deep is not None:
        raise error(path, f"{deep}: nested more than {MAX_DEPTH} levels deep; expected at most {MAX_DEPTH}")
    return data


def load_plan(path: str | Path) -> FixedPlan:
    path = Path(path)
    return parse(read_toml(path, "a TOML plan", PlanError), path)


def looks_like_plan(path: str | Path) -> bool:
    """Whether a file is meant as a plan (a top-level ``steps`` list and no scenario ``id``), so ``check``
    can validate it as one. Unreadable files are not plans: the scenario loader then reports them."""
    try:
        data = read_toml(Path(path), "a TOML plan", PlanError)
    except PlanError:
        return False
    return "steps" in data and "id" not in data


@lru_cache(maxsize=32)
def _cached(path: str) -> FixedPlan:
    return load_plan(path)


def is_plan(level: Any) -> bool:
    return isinstance(level, FixedPlan) or (isinstance(level, str) and level.startswith(PREFIX))


def plan_of(level: str | FixedPlan) -> FixedPlan:
    """The plan a level names (``plan:FILE`` is read once per process)."""
    if isinstance(level, FixedPlan):
        return level
    path = level[len(PREFIX):]
    if not path:
        raise PlanError(level, "expected plan:FILE with the path of a plan file")
    return _cached(path)


def for_side(plan: FixedPlan, side: str) -> FixedPlan:
    """``plan`` if it is written for ``side``; PlanError otherwise."""
    if plan.side != side:
        raise PlanError(plan.source or plan.title, str(SchemaError(
            "side", plan.side, f"'{side}' (the plan is given as the {side} player)")))
    return plan


def check_plan(plan: FixedPlan, scenario: Scenario, side: str) -> FixedPlan:
    """Bind a plan to a scenario and a side: raises PlanError (file, step, found, expected) when it does
    not fit."""
    where = plan.source or plan.title

    def fail(path: str, found: Any, expected: str):
        raise PlanError(where, str(SchemaError(path, found, expected)))

    for_side(plan, side)
    allowed = tuple(scenario.sides[side]["postures"])
    stavka = scenario.rules["stavka"]
    commands = bool(stavka["enabled"]) and stavka["side"] == side
    for i, s in enumerate(plan.steps):
        if s.posture is not None and s.posture not in allowed:
            fail(f"steps[{i}].posture", s.posture,
                 f"a posture {scenario.id} allows {side} ({', '.join(allowed)})")
        if s.send_west is not None and not commands:
            fail(f"steps[{i}].send_west", s.send_west,
                 f"no send_west: in {scenario.id} Stavka does not command {side}")
    return plan


def check_levels(levels: dict[str, Any], scenario: Scenario) -> None:
    """Load and bind every plan among ``levels`` (side -> level); raises PlanError for the first bad one."""
    for side, level in levels.items():
        if is_plan(level):
            check_plan(plan_of(level), scenario, side)


def check_players(players: dict[str, str], scenario: Scenario) -> None:
    """``check_levels`` for a game's player strings (``human``, ``ai:LEVEL``, ``ai:plan:FILE``)."""
    check_levels({side: p[len("ai:"):] for side, p in players.items() if p.startswith("ai:")}, scenario)


# --- playing -----------------------------------------------------------------------------------------
def posture_order(view: View, wanted: str | None) -> str | None:
    """The posture to order this turn so that ``wanted`` comes about (None when it already has)."""
    if wanted is None:
        return None
    if wanted in STANCES:
        return tactics.stance_order(view, wanted)
    done = view.war.declared_by if wanted in WAR_ACTIONS else view.own.south if wanted == SOUTH_ACTION \
        else False
    if done:
        return None
    # A decision the rules prepare with a stance (mobilise before striking north): take that stance first,
    # then ask for the decision every turn until it is carried out.
    need = (view.rules.get("postures", {}).get(wanted) or {}).get("prepare_stance")
    if need and view.own.stance != need and need in view.postures:
        return need
    return wanted


def divisions_to_send(view: View, send: str | float | None) -> float:
    if view.stavka_demand is None or send is None or send == "none":
        return 0.0
    if send == "demand":
        return float(view.stavka_demand)
    if send == "all":
        return sum(u.divisions for u in view.units.values())
    return float(send)


def plan_orders(plan: FixedPlan, view: View) -> Orders:
    start = view.date - dt.timedelta(days=view.days_per_turn * view.turn)
    posture, send = plan.in_force(view.turn, start, view.days_per_turn)
    sense = tactics.Sense(view)
    transfers: tuple[Transfer, ...] = tuple(tactics.pick_transfers(view, divisions_to_send(view, send), sense))
    leaving = {t.unit for t in transfers}
    if view.war.at_war:
        moves = tuple(m for m in warfare.war_moves(view, BOLDNESS.get(view.side, 1.6)).moves if m.unit not in leaving)
    else:
        limit = 4 if view.side == "japan" else 2   # as the normal computer player
        moves = tuple(tactics.reinforce_moves(view, leaving, limit=limit, sense=sense))
    return Orders(posture=posture_order(view, posture), moves=moves, transfers=transfers)


def plan_policy(plan: FixedPlan) -> Callable[[View, np.random.Generator], Orders]:
    def follow(view: View, rng: np.random.Generator) -> Orders:
        return plan_orders(plan, view)
    return follow


# --- plans built in memory -------------------------------------------------------------------------------
def make_plan(side: str, title: str, *steps: tuple[int, dict[str, Any]]) -> FixedPlan:
    """A plan from (turn, {posture/send_west}) pairs, checked like a file."""
    return parse({"side": side, "title": title,
                  "steps": [{"turn": turn, **keys} for turn, keys in steps]}, title)
