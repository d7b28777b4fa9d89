"""Hot-seat at one computer: nothing of the other side's hidden information reaches the screen.

The two game states of each test are built outside game/ui (through the Session and the engine) and differ
only in one side's secrets; the other side's planning screen is then drawn by the real UI code and must be
pixel for pixel the same.
"""
import copy
import dataclasses

import pygame

from game.engine import Event, Orders
from game.play.session import Session
from game.ui.app import App
from game.ui.game_screen import GameScreen
from game.ui.screens import EndScreen

from ui_driver import SIZE, open_app

HOT_SEAT = {"japan": "human", "soviet": "human"}


def played(scenario, turns=3):
    """A hot-seat game a few turns in (the computer chose both sides' orders so far)."""
    s = Session(scenario, 1941, HOT_SEAT)
    s.play_ai_turns(turns)
    return s


def pixels(session, modal=None) -> bytes:
    """The planning screen of the side now on turn, drawn by the real application."""
    app = App(SIZE)
    screen = GameScreen(app, session)
    app.show(screen)
    screen.skip_popups()
    screen.cycle_unit(1)   # a unit selected: its targets and details drawn as well
    if modal == "events":
        screen.modal = "events"
        screen.build_widgets()
    app.draw()
    app.draw()
    out = pygame.image.tobytes(app.surface, "RGB")
    pygame.display.quit()
    return out


def with_state(session, change) -> Session:
    state = copy.deepcopy(session._state)
    change(state)
    return Session(session.scenario, session.seed, session.players, session.log, state=state)


def far_from_contact(state, side, watcher):
    """The units of ``side`` whose region the ``watcher`` knows only as an estimate."""
    intel = state.sides[watcher].intel["regions"]
    return [u for u in state.units.values() if u.side == side and (u.region not in intel or not intel[u.region].exact)]


def japanese_secrets(state):
    j = state.sides["japan"]
    j.oil -= 7.5
    j.pool -= 120_000
    j.stance = "mobilise" if j.stance != "mobilise" else "wait"
    for u in far_from_contact(state, "japan", "soviet"):
        u.men += 11_000
    state.last_events = state.last_events + (Event("scripted", "Secret council in Tokyo", "Only Japan knows.",
                                                   "", ("japan",), {}),)


def soviet_secrets(state):
    s = state.sides["soviet"]
    s.pool -= 90_000
    state.stavka_demand += 2
    state.transit = [(state.turn + 1, 12_000, 1.0)] + list(state.transit)
    for u in far_from_contact(state, "soviet", "japan"):
        u.men += 9_000
    state.last_events = state.last_events + (Event("stavka", "Stavka's secret order", "Only Moscow knows.",
                                                   "", ("soviet",), {}),)


def test_soviet_screen_is_identical_whatever_japan_hides(scenario):
    base = played(scenario)
    a = with_state(base, lambda s: None)
    b = with_state(base, japanese_secrets)
    assert far_from_contact(b._state, "japan", "soviet"), "the test needs Japanese units away from contact"
    # Japan plans first and hands in different orders in each game; then the Soviet player's screen.
    a.submit("japan", Orders(posture="mobilise"))
    b.submit("japan", Orders(posture="stand_down"))
    assert a.current_side == b.current_side == "soviet"
    assert pixels(a) == pixels(b)
    assert pixels(a, "events") == pixels(b, "events")      # the turn report too
    # The secrets are real: Japan's own screen shows them.
    ja, jb = with_state(base, lambda s: None), with_state(base, japanese_secrets)
    assert pixels(ja) != pixels(jb)


def test_japanese_screen_is_identical_whatever_the_ussr_hides(scenario):
    base = played(scenario)
    a = with_state(base, lambda s: None)
    b = with_state(base, soviet_secrets)
    assert far_from_contact(b._state, "soviet", "japan")
    assert a.current_side == "japan"
    assert pixels(a) == pixels(b)
    assert pixels(a, "events") == pixels(b, "events")
    # The Soviet player's own screen does show them.
    a.submit("japan", Orders())
    b.submit("japan", Orders())
    assert pixels(a) != pixels(b)


def test_hot_seat_from_the_menu_to_the_report_with_hand_offs(tmp_path):
    """Two players through the whole game by key presses: a hand-off screen before every planning phase,
    showing nothing of the game, and each turn report holding only what its reader may know."""
    d = open_app()
    d.key(pygame.K_n)
    d.key(pygame.K_5)                                   # opponent: a second player at this computer
    d.key(pygame.K_RETURN)
    screen = d.screen
    assert isinstance(screen, GameScreen) and screen.session.hot_seat
    handoffs, reports, briefings, first_handoff = [], [], [], None
    while isinstance(d.screen, GameScreen):
        s = d.screen
        if s.modal == "handoff":
            handoffs.append((s.session.current_side, s.session.turn))
            shot = pygame.image.tobytes(d.app.surface, "RGB")
            if first_handoff is None:
                first_handoff = shot
                pygame.image.save(d.app.surface, str(tmp_path / "handoff.png"))
            elif s.session.current_side == "japan" and not s.session.over:
                assert shot == first_handoff, "the hand-off screen must not change with the game"
            d.key(pygame.K_RETURN)
        elif s.modal == "briefing":                     # behind the hand-off: each player's own briefing
            briefings.append((s.view.side, s.view.turn))
            d.key(pygame.K_RETURN)
        elif s.modal == "events":
            if not s.session.over:
                reports.append((s.view.side, s.report_events()))
            d.key(pygame.K_RETURN)
        else:
            assert s.modal is None
            if s.view.turn == 1 and s.view.side == "japan":
                d.key(pygame.K_p)                       # Japan's secret decision: mobilise
                assert s.draft.orders.posture == "mobilise"
            if s.view.turn == 0 and s.view.side == "soviet":
                d.key(pygame.K_TAB)
                d.key(pygame.K_t)                       # the USSR's: a division west
                assert s.draft.divisions_sent() > 0, s.message
            d.key(pygame.K_e)
        assert len(handoffs) < 60
    assert isinstance(d.screen, EndScreen)
    turns = len(screen.session.log)
    # one hand-off before each side plans, every turn, and one at the end for both
    assert handoffs[:4] == [("japan", 0), ("soviet", 0), ("japan", 1), ("soviet", 1)]
    assert len(handoffs) == 2 * turns + 1 and handoffs[-1][0] is None
    assert briefings == [("japan", 0), ("soviet", 0)]
    one_sided = 0
    for side, events in reports:
        assert all(side in e.visible_to for e in events), side
        one_sided += sum(len(e.visible_to) == 1 for e in events)
    assert one_sided > 0, "the game had secret events, and each reached only its side"
    # At the end everything is revealed: the report lists both sides' decisions turn by turn.
    report = d.screen.report
    assert any("obilis" in " ".join(row.japan) for row in report.timeline[:3])
    assert any("west" in " ".join(row.soviet) for row in report.timeline[:2])


def test_the_other_sides_view_is_refused_while_the_game_runs(scenario):
    s = played(scenario, 1)
    try:
        s.view_for("soviet")
    except ValueError:
        pass
    else:
        raise AssertionError("the Soviet view leaked to the Japanese player")
    assert dataclasses.is_dataclass(s.view_for("japan"))
