"""The session behind the window: who plays, the orders log, and that it hands out only views."""
import pytest

from game.engine import Move, Orders, View
from game.play.match import play_ai_game, replay
from game.engine import state_hash
from game.play.session import Session


def test_a_human_against_the_computer(scenario):
    s = Session(scenario, 5, {"japan": "human", "soviet": "ai:normal"})
    assert s.current_side == "japan" and not s.hot_seat
    view = s.view_for_current_player()
    assert isinstance(view, View) and view.side == "japan"
    assert s.submit("japan", Orders(posture="mobilise")) is True      # the computer answers at once
    assert s.turn == 1 and len(s.log) == 1
    assert s.log[0]["japan"]["posture"] == "mobilise" and "soviet" in s.log[0]


def test_illegal_orders_are_refused_with_the_reason_and_not_logged(scenario):
    s = Session(scenario, 5, {"japan": "human", "soviet": "ai:normal"})
    unit = next(u for u in s.view_for_current_player().units.values() if u.region == "heihe")
    with pytest.raises(ValueError, match="no war"):
        s.submit("japan", Orders(moves=(Move(unit.id, "blagoveshchensk"),)))
    with pytest.raises(ValueError, match="not soviet's turn"):
        s.submit("soviet", Orders())
    assert s.log == [] and s.turn == 0


def test_hot_seat_takes_both_sides_orders_before_resolving(scenario):
    s = Session(scenario, 5, {"japan": "human", "soviet": "human"})
    assert s.hot_seat and s.current_side == "japan"
    assert s.submit("japan", Orders()) is False
    assert s.current_side == "soviet" and s.view_for_current_player().side == "soviet"
    assert s.submit("soviet", Orders()) is True
    assert s.turn == 1 and s.current_side == "japan"


def test_the_log_replays_and_rewinds_to_the_same_game(scenario):
    s = Session(scenario, 9, {"japan": "ai:normal", "soviet": "ai:normal"})
    s.play_ai_turns(4)
    _, full_log = play_ai_game(scenario, 9, {"japan": "normal", "soviet": "normal"})
    assert s.log == full_log[:4]
    assert state_hash(replay(scenario, 9, s.log)) == state_hash(replay(scenario, 9, full_log[:4]))
    history = s.view_for_current_player().history
    s.rewind(2)
    assert s.turn == 2 and len(s.log) == 2
    assert s.view_for_current_player().history == history[:3]
    again = Session(scenario, 9, s.players, log=s.log)
    assert again.turn == 2 and again.view_for_current_player().history == history[:3]


def test_computer_against_computer_advances_on_request(scenario):
    s = Session(scenario, 3, {"japan": "ai:easy", "soviet": "ai:historical"})
    assert s.current_side is None and s.viewer == "japan"
    while s.advance():
        pass
    assert s.over and len(s.log) == s.turn


def test_bad_player_strings_are_rejected(scenario):
    with pytest.raises(ValueError):
        Session(scenario, 1, {"japan": "robot", "soviet": "human"})
