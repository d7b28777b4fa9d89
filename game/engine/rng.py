"""Deterministic random streams.

Every random draw in the rules comes from a generator derived from (game seed, turn, purpose), so a game
is fully described by its scenario, seed and orders, whatever any AI did with its own randomness.
"""
from __future__ import annotations

import zlib

import numpy as np


def purpose_code(purpose: str) -> int:
    # crc32 is stable across runs and Python versions, unlike hash().
    return zlib.crc32(purpose.encode("utf-8"))


def stream(seed: int, turn: int, purpose: str) -> np.random.Generator:
    """A fresh generator for one purpose in one turn of one game."""
    return np.random.default_rng([seed & 0xFFFFFFFF, seed >> 32 & 0xFFFFFFFF, turn, purpose_code(purpose)])
