"""Counts agree with their nouns: "1 region", "2 regions", "0 regions" wherever the game writes a count, and
no f-string in the game puts a count before a plural noun by hand."""
import dataclasses
import re
from pathlib import Path

import pygame
import pytest

from game.engine import Transfer
from game.engine.orders import check_transfer
from game.present.labels import plural
from game.ui import draft
from game.ui.panel import clock_words

GAME = Path(__file__).resolve().parents[2] / "game"
NOUN = {0: "regions", 1: "region", 2: "regions"}


@pytest.mark.parametrize("n", [0, 1, 2])
def test_plural_agrees_with_the_count(n):
    assert plural(n, "region") == f"{n} {NOUN[n]}"
    assert draft.plural(n, "region") == plural(n, "region")   # one spelling for the whole game
    assert plural(n, "division") == f"{n} division" + ("" if n == 1 else "s")
    assert plural(0.5, "division") == "0.5 divisions" and plural(1.0, "division") == "1 division"


@pytest.mark.parametrize("have", [0.5, 1.0, 2.0])
def test_a_transfer_refused_for_want_of_divisions_counts_them_right(play, have):
    d = play("--japan", "ai:normal", "--soviet", "human")
    ctx = d.screen.view.context()
    unit = next(iter(ctx.units))
    ctx = dataclasses.replace(ctx, units={**ctx.units, unit: (ctx.units[unit][0], have)})
    why = check_transfer(ctx, Transfer(unit, have + 1))
    assert why == f"the unit has only {have:g} division" + ("" if have == 1 else "s")


def test_the_turns_left_count_their_turns_and_days(play):
    d = play("--scenario", "khalkhin_gol_1939", "--japan", "ai:normal", "--soviet", "human")
    view = d.screen.view
    for left in (1, 2):   # the last turn says so in words; the ones before count
        v = dataclasses.replace(view, turn=view.last_turn - left)
        words = clock_words(v)
        assert re.match(rf"{left + 1} turns \(\d+ days\) left", words), words
    assert clock_words(dataclasses.replace(view, turn=view.last_turn)).startswith("Last turn")


def test_the_reach_message_agrees_with_the_count_for_every_unit(play):
    """Tab through every unit of both tutorials' sides: each says how many regions are in its reach."""
    seen = set()
    for side in ("soviet", "japan"):
        other = "japan" if side == "soviet" else "soviet"
        d = play("--scenario", "khalkhin_gol_1939", f"--{side}", "human", f"--{other}", "ai:normal")
        s = d.screen
        for _ in range(len(s.view.units)):
            d.key(pygame.K_TAB)
            n = len(s.view.destinations(s.selection[0]))
            m = re.search(r"(\d+) (regions?) in reach", s.message)
            if n == 0:
                assert "cannot move this turn" in s.message and not m, s.message
            else:
                assert m and int(m.group(1)) == n and m.group(2) == NOUN[min(n, 2)], s.message
            seen.add(min(n, 2))
        pygame.display.quit()
    assert seen >= {1, 2}, f"the tutorial's units should show both one and several targets, saw {seen}"


def test_no_count_is_put_before_a_plural_noun_by_hand():
    """A count written '{n} units' reads '1 units' one day: counts go through ``plural``. Decimal amounts
    ('24.0 months') and words that are not counts ('{side} orders') are fine."""
    pattern = re.compile(r"\{([^{}]*)\} (?:unit|region|division|turn|game|tank|day|point|cell|file|battle|month|"
                         r"week|target|event)s\b")
    found = []
    for path in GAME.rglob("*.py"):
        for i, line in enumerate(path.read_text().splitlines(), 1):
            for expr in pattern.findall(line):
                decimal = re.search(r":\.\d+f$", expr)      # '1.0 months' is right in English
                over_the_limit = "MAX_TURNS" in expr or expr.startswith("turns:,")   # always hundreds
                if not decimal and not over_the_limit:
                    found.append(f"{path.relative_to(GAME.parent)}:{i}: {{{expr}}}")
    assert not found, "counts written without plural(): " + "; ".join(found)
