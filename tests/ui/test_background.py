"""End turn against the computer: it thinks on a worker thread, the window shows it and stays live for looking
(zoom, pan) but not for acting, and the game that results is the very same as when it thinks in the open."""
import threading

import pygame

TIMEOUT_S = 60   # only a bound against a hang: nothing here depends on speed


def gated(session):
    """Hold the worker inside End turn until the test opens the gate (so 'while thinking' is certain)."""
    gate = threading.Event()
    submit = session.submit

    def slow_submit(side, orders):
        assert gate.wait(TIMEOUT_S)
        return submit(side, orders)
    session.submit = slow_submit
    return gate


def wait_for_turn(d):
    thinking = d.screen.thinking
    if thinking is not None:
        assert thinking._finished.wait(TIMEOUT_S)
    d.step()
    assert d.screen.thinking is None


def test_the_window_stays_live_while_the_computer_thinks(play, tmp_path):
    d = play()
    d.app.think_in_background = True
    screen, session = d.screen, d.screen.session
    gate = gated(session)
    turn = session.turn
    d.key(pygame.K_e)
    assert screen.thinking is not None and not screen.thinking.done and session.turn == turn
    # the indicator is drawn over the map, and it moves from frame to frame
    pygame.image.save(d.app.surface, str(tmp_path / "thinking.png"))
    top = screen.map.rect.copy()
    top.h = 140
    highlight = {tuple(d.app.surface.get_at((x, y)))[:3] for x in range(top.left, top.right, 2)
                 for y in range(top.top, top.bottom, 2)}
    from game.ui import theme
    assert theme.HIGHLIGHT in highlight
    # looking works: zoom in with the wheel
    z = screen.map.z
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, pos=screen.map.rect.center))
    d.step()
    assert screen.map.z == z + 1
    # acting waits: no menu, no second End turn, no orders
    d.key(pygame.K_ESCAPE)
    assert screen.modal is None
    d.key(pygame.K_e)
    d.key(pygame.K_p)
    assert screen.thinking is not None and session.turn == turn
    gate.set()
    wait_for_turn(d)
    assert session.turn == turn + 1 and screen.modal == "events"   # the turn report of the new turn


def test_thinking_in_the_background_plays_the_same_game(play):
    hashes = []
    for background in (False, True):
        d = play("--soviet", "ai:hard")
        d.app.think_in_background = background
        for _ in range(3):
            d.screen.skip_popups()
            d.key(pygame.K_e)
            wait_for_turn(d)
        hashes.append((d.screen.session.turn, d.screen.session.state_hash))
        pygame.display.quit()
    assert hashes[0] == hashes[1] and hashes[0][0] == 3
