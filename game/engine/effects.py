"""The fixed vocabulary of event effects, one entry per key: what it expects, what it does, how a planner
rebuilds it.

An effect used to live in three places (the schema, the rules, the planner's rebuild of a hidden state), and
forgetting one passed validation and did nothing. Here each key is one ``Effect``:

- ``expects``: the TOML type of its value (the scenario schema, ``game.scenario.spec.EFFECT_VOCABULARY``,
  adds ranges and words for the guide; a test checks the two agree key for key);
- ``apply(state, value, last)``: carries it out when the event fires (``last``: the last turn a timed
  effect lasts);
- ``rebuild(known, value, last)``: what a planner's sampled state (``sampling.determinise``) takes over from
  an event that fired before the view's date, or ``keep_nothing`` when the view already shows the result
  (or there is nothing left to rebuild), which ``rebuild_note`` then explains.

The effects are carried out in the table's order, whatever order the file gives them in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .scenario import other
from .state import State


@dataclass
class Rebuilt:
    """What the public record says past events did, gathered for ``sampling.determinise``: each list keeps
    the events' order (the sums are then formed as the rules formed them)."""
    turn: int                                   # the view's turn: timed effects that ended before it are gone
    german_adds: list[float] = field(default_factory=list)
    soviet_adds: list[float] = field(default_factory=list)
    modifiers: list[tuple[int, float]] = field(default_factory=list)
    embargoed: set[str] = field(default_factory=set)
    effects: list[tuple[int, str, Any]] = field(default_factory=list)


Apply = Callable[[State, Any, int], None]
Rebuild = Callable[[Rebuilt, Any, int], None]


@dataclass(frozen=True)
class Effect:
    expects: type | tuple[type, ...]
    apply: Apply
    rebuild: Rebuild
    rebuild_note: str = ""   # why ``keep_nothing`` is right, when it is the rebuild


def keep_nothing(_known: Rebuilt, _value: Any, _last: int) -> None:
    """The sampled state needs nothing from this effect (see the entry's ``rebuild_note``)."""


def _parameter(_state: State, _value: Any, _last: int) -> None:
    """A parameter of other effects, read through ``last``; it does nothing by itself."""


def _speed(state: State, value: Any, last: int) -> None:
    f = state.front
    f.modifiers = f.modifiers + ((last, float(value)),)


def _rebuild_speed(known: Rebuilt, value: Any, last: int) -> None:
    if last >= known.turn:
        known.modifiers.append((last, float(value)))


def _german(state: State, value: Any, _last: int) -> None:
    state.front.german = round(state.front.german + value, 4)


def _soviet(state: State, value: Any, _last: int) -> None:
    state.front.soviet = round(state.front.soviet + value, 4)


def _embargo(state: State, value: Any, _last: int) -> None:
    state.sides[value].oil_income = 0.0


def _oil_add(state: State, value: Any, _last: int) -> None:
    for side, months in value.items():
        ss = state.sides[side]
        if ss.oil is not None:
            ss.oil = round(max(0.0, ss.oil + months), 3)


def _intel_sigma(state: State, value: Any, _last: int) -> None:
    for side, sigma in value.items():
        state.sides[side].intel_sigma = float(sigma)


def _reveal_stance(state: State, value: Any, _last: int) -> None:
    ss = state.sides[value]
    stance = "strike_south" if ss.south else ss.stance
    # A new dict, not an update in place: a cloned state shares its predecessor's intel dicts.
    observer = state.sides[other(value)]
    observer.intel = {**observer.intel, "stance": stance}


def _stavka_extra(state: State, value: Any, last: int) -> None:
    state.effects = state.effects + ((last, "stavka_extra_divisions", value),)


def _rebuild_stavka_extra(known: Rebuilt, value: Any, last: int) -> None:
    if last >= known.turn:
        known.effects.append((last, "stavka_extra_divisions", value))


def _end_game(state: State, value: Any, _last: int) -> None:
    if value:
        state.effects = state.effects + ((state.turn, "end_game", True),)


EFFECTS: dict[str, Effect] = {
    "front_speed_mult": Effect((int, float), _speed, _rebuild_speed),
    "german_strength_add": Effect((int, float), _german, lambda k, v, _l: k.german_adds.append(v)),
    "soviet_strength_add": Effect((int, float), _soviet, lambda k, v, _l: k.soviet_adds.append(v)),
    "embargo": Effect(str, _embargo, lambda k, v, _l: k.embargoed.add(v)),
    "oil_add": Effect(dict, _oil_add, keep_nothing,
                      "own oil is in the view; the enemy's is drawn from the estimate, which counts it"),
    "intel_sigma": Effect(dict, _intel_sigma, keep_nothing,
                          "the sample's intelligence is drawn afresh from the width of the view's estimates"),
    "reveal_stance": Effect(str, _reveal_stance, keep_nothing,
                            "a revealed stance is part of the view's estimate, which the sample keeps"),
    "stavka_extra_divisions": Effect(int, _stavka_extra, _rebuild_stavka_extra),
    "end_game": Effect(bool, _end_game, keep_nothing,
                       "a game an event ended has no view to plan from"),
    "duration_turns": Effect(int, _parameter, keep_nothing,
                             "read through ``last`` by the timed effects (speed, Stavka's extra divisions)"),
}


def last_turn(turn: int, fx: dict[str, Any]) -> int:
    """The last turn that timed effects fired on ``turn`` still count."""
    return turn + int(fx.get("duration_turns", 1)) - 1


def apply_effects(state: State, fx: dict[str, Any]) -> None:
    last = last_turn(state.turn, fx)
    for key, effect in EFFECTS.items():
        if key in fx:
            effect.apply(state, fx[key], last)


def rebuild_effects(known: Rebuilt, fx: dict[str, Any], fired_turn: int) -> None:
    last = last_turn(fired_turn, fx)
    for key, effect in EFFECTS.items():
        if key in fx:
            effect.rebuild(known, fx[key], last)
