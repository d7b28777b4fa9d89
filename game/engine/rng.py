"""Deterministic random streams.

Every random draw in the rules comes from a generator derived from (game seed, turn, purpose), so a game
is fully described by its scenario, seed and orders, whatever any AI did with its own randomness.
"""
from __future__ import annotations

import zlib
from typing import Any

import numpy as np


def purpose_code(purpose: str) -> int:
    # crc32 is stable across runs and Python versions, unlike hash().
    return zlib.crc32(purpose.encode("utf-8"))


def stream(seed: int, turn: int, purpose: str) -> np.random.Generator:
    """A fresh generator for one purpose in one turn of one game."""
    return np.random.default_rng([seed & 0xFFFFFFFF, seed >> 32 & 0xFFFFFFFF, turn, purpose_code(purpose)])


class LazyStream:
    """``stream(seed, turn, purpose)``, built only when first drawn from.

    Most turns have no battle and most computer players draw nothing; building a generator costs more than
    the rest of a quiet turn's arithmetic. The numbers drawn are exactly those of ``stream``.
    """

    def __init__(self, seed: int, turn: int, purpose: str):
        self._args = (seed, turn, purpose)
        self._gen: np.random.Generator | None = None

    def __getattr__(self, name: str) -> Any:
        if self._gen is None:
            self._gen = stream(*self._args)
        return getattr(self._gen, name)
