"""The turn report explains battles: each battle line shows its breakdown, a click on it shows the place on
the map, and the breakdown a side is shown holds only what that side may know."""
import copy
import dataclasses
from pathlib import Path

import pygame

from game.engine import Move, Orders
from game.scenario import load
from game.play.session import Session
from game.ui.app import App
from game.ui.game_screen import GameScreen
from game.ui.overlays import HISTORY_HEAD, event_items
from tests.conftest import NO_GATES

from ui_driver import SIZE, Driver

# The USSR declares war on turn 0 and attacks Rashin and Suifenhe on turn 1.
LOG = [{"japan": Orders().to_json(), "soviet": Orders(posture="declare_war").to_json()},
       {"japan": Orders().to_json(),
        "soviet": Orders(moves=(Move("su_25a", "rashin"), Move("su_1rba", "suifenhe"))).to_json()}]


def after_battles(side, state=None):
    other = "japan" if side == "soviet" else "soviet"
    return Session(load(Path(NO_GATES)), 7, {side: "human", other: "ai:normal"}, LOG, state=state)


def report_screen(session):
    """The real game screen with the turn report open, drawn twice."""
    app = App(SIZE)
    screen = GameScreen(app, session)
    app.show(screen)
    screen.handed.add((screen.view.side, screen.view.turn))
    screen.to_brief.clear()
    screen.modal = screen.next_popup()
    screen.build_widgets()
    app.draw()
    app.draw()
    return Driver(app)


def test_every_battle_line_shows_its_breakdown():
    session = after_battles("soviet")
    items = event_items(session.view_for_current_player().events, session.view_for_current_player())
    battles = [i for i in items if i.title.startswith("Battle of")]
    assert [b.region for b in battles] == ["rashin", "suifenhe"]
    for b in battles:
        text = " ".join(b.detail)
        assert "strength" in text and "power" in text and "Odds" in text and "Dice" in text and "Losses" in text
    assert "river crossing ×0.7" in battles[0].detail[0] and "surprise ×1.4" in battles[0].detail[0]


def test_clicking_a_battle_line_centres_the_map_on_it():
    d = report_screen(after_battles("soviet"))
    s = d.screen
    assert s.modal == "events"
    rect, region = s.report_links[0]
    assert region == "rashin"
    centre = s.map.rect.center
    before = s.map.anchor("rashin")
    d.click(rect.center)
    assert s.modal is None
    after = s.map.anchor("rashin")
    dist = lambda p: abs(p[0] - centre[0]) + abs(p[1] - centre[1])   # noqa: E731
    assert s.map.z > 0 and dist(after) < dist(before)
    assert "Rashin" in s.message
    pygame.display.quit()


def test_the_report_shown_to_japan_holds_no_soviet_secret():
    """Two games that differ only in the Soviet side's hidden part of the battle (its tanks, aircraft,
    strength and supply): Japan's report is the same pixel for pixel; the Soviet report is not."""
    base = after_battles("japan")

    def soviet_secrets(state):
        events = []
        for e in state.last_events:
            if e.kind == "battle":
                data = copy.deepcopy(e.data)
                f = data["breakdown"]["forces"]["soviet"]
                f.update(tanks=f["tanks"] + 500, aircraft=f["aircraft"] + 300, strength=f["strength"] * 2)
                f["factors"]["supply"] = 0.6
                e = dataclasses.replace(e, data=data)
            events.append(e)
        state.last_events = tuple(events)

    changed = copy.deepcopy(base._state)
    soviet_secrets(changed)
    shots = []
    for side in ("japan", "soviet"):
        for state in (None, changed):
            d = report_screen(after_battles(side, state))
            shots.append(pygame.image.tobytes(d.app.surface, "RGB"))
            pygame.display.quit()
    assert shots[0] == shots[1]
    assert shots[2] != shots[3]


def test_history_is_shown_apart_from_the_games_news():
    session = after_battles("japan")
    view = session.view_for_current_player()
    items = event_items(view.events, view)
    titles = [i.title for i in items]
    assert HISTORY_HEAD in titles
    cut = titles.index(HISTORY_HEAD)
    assert all(i.history for i in items[cut:]) and not any(i.history or i.note for i in items[:cut])
    assert any(i.note for i in items[cut:])
