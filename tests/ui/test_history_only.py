"""A scripted event that changes nothing in the game and says nothing about it is history, not news: "The
Emperor sanctions the build-up" must not read as this game's news when this game's Japan stands down."""
from game.engine import Orders
from game.play.session import Session
from game.scenario import load
from game.ui.overlays import HISTORY_HEAD, event_items

STAND_DOWN = {"japan": Orders(posture="stand_down").to_json(), "soviet": Orders().to_json()}


def report_after(turns: int, side: str = "japan"):
    other = "soviet" if side == "japan" else "japan"
    session = Session(load("historical_1941"), 9, {side: "human", other: "ai:normal"}, [STAND_DOWN] * turns)
    view = session.view_for(side)
    return view, event_items(view.events, view)


def test_a_note_only_event_is_shown_as_history_only():
    view, items = report_after(2)
    assert view.own.stance == "stand_down"
    titles = [i.title for i in items]
    fired = [e for e in view.events if e.data.get("id") == "kantokuen_ordered"]
    assert fired, "the 7 July event falls in the second turn"
    head = titles.index(HISTORY_HEAD)
    assert "The Emperor sanctions the build-up" not in titles[:head], "a note-only event reads as news"
    assert any(i.history and i.title == "The Emperor sanctions the build-up" for i in items[head:])


def test_events_that_change_the_game_stay_news():
    """The embargo (it starts Japan's oil clock) is news of this game, and its note is history besides."""
    view, items = report_after(3)
    if not any(e.data.get("id") == "embargo" for e in view.events):
        view, items = report_after(4)
    titles = [i.title for i in items]
    head = titles.index(HISTORY_HEAD)
    assert "The United States stops oil exports to Japan" in titles[:head]
