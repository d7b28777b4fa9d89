"""Golden replay: a stored orders log must still reproduce its stored final state, bit for bit.

If a rule or the historical scenario changes on purpose, regenerate the file with
``python main.py simulate --scenario historical_1941 --seed 7 --save tests/golden/historical_1941_seed7.json``
and say so in the commit.
"""
import json
from pathlib import Path

from game.engine import state_hash
from game.play.saves import load_save

GOLDEN = Path(__file__).parent / "golden" / "historical_1941_seed7.json"


def test_golden_game_replays_to_its_recorded_hash():
    recorded = json.loads(GOLDEN.read_text())
    game = load_save(GOLDEN)
    assert state_hash(game.state) == recorded["final_state_hash"]
    assert len(game.log) == recorded["turns"] == len(game.state.history) - 1
