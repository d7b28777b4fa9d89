"""A hot-seat hand-off that cannot be peeked (issue 11): optional passwords on the setup screen, the
hand-off asks for them, and a protected unfinished save holds none of the other side's orders or figures,
in the file or through ``replay``, unless the passwords are given."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.engine import Orders
from game.play.saves import SaveLocked, load_save
from game.play.session import Session
from game.ui.game_screen import GameScreen
from game.ui.screens import PasswordScreen, SetupScreen

from ui_driver import open_app

ROOT = Path(__file__).resolve().parents[2]
PASSWORDS = {"japan": "tora tora", "soviet": "Zhukov41"}


def type_text(d, text):
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    d.step(2)


def cli(*args, env=None):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def start_protected_game(d):
    d.key(pygame.K_n)
    setup = d.screen
    assert isinstance(setup, SetupScreen)
    d.key(pygame.K_5)                                   # the second player (hot-seat)
    assert set(setup.password_fields) == {"japan", "soviet"}
    for side in ("japan", "soviet"):
        d.click(setup.password_fields[side].rect.center)
        type_text(d, PASSWORDS[side])
    assert setup.password_fields["japan"].get_text() == PASSWORDS["japan"]
    assert setup.hot_seat and setup.side == "japan"    # the typed letters did not work as shortcuts
    d.key(pygame.K_RETURN)
    assert isinstance(d.screen, GameScreen) and d.screen.modal == "handoff"
    return d.screen


def unlock(d, side, password):
    d.key(pygame.K_RETURN)                              # "I am ready" asks for the password
    assert isinstance(d.screen, PasswordScreen) and d.screen.sides == (side,)
    type_text(d, password)
    d.key(pygame.K_RETURN)


def test_the_hand_off_asks_each_sides_password(user_home):
    d = open_app()
    game = start_protected_game(d)
    unlock(d, "japan", "wrong")
    assert isinstance(d.screen, PasswordScreen) and "Wrong password" in d.screen.message
    d.key(pygame.K_ESCAPE)                              # back to the hand-off: still nothing shown
    assert d.screen is game and game.modal == "handoff"
    unlock(d, "japan", PASSWORDS["japan"])
    assert d.screen is game and game.modal == "briefing" and game.view.side == "japan"
    while game.modal:
        d.key(pygame.K_RETURN)
    d.key(pygame.K_p)
    d.key(pygame.K_e)                                   # Japan done: the hand-off to the USSR
    assert game.modal == "handoff" and game.session.current_side == "soviet"
    unlock(d, "soviet", PASSWORDS["japan"])             # the other side's password does not open it
    assert isinstance(d.screen, PasswordScreen)
    d.key(pygame.K_ESCAPE)
    unlock(d, "soviet", PASSWORDS["soviet"])
    assert d.screen is game and game.view.side == "soviet"


def play_protected_turns(scenario, turns=3, home=None):
    s = Session(scenario, 11, {"japan": "human", "soviet": "human"}, autosave=True, passwords=PASSWORDS)
    for k in range(turns):
        s.submit("japan", Orders(posture="mobilise" if k == 0 else "wait"))
        view = s.view_for_current_player()
        unit = sorted(view.units)[0]
        s.submit("soviet", Orders(moves=(), transfers=()) if not view.destinations(unit) else
                 Orders.from_json({"posture": None, "moves": [[unit, sorted(view.destinations(unit))[0]]],
                                   "transfers": []}))
    return s


def secrets_of(session):
    """Every order string and every exact figure of each side that the file must not show."""
    from game.engine import player_view
    found = {}
    for side in ("japan", "soviet"):
        words = {"mobilise"} if side == "japan" else set()
        for turn in session.log:
            o = turn[side]
            words |= {x for m in o.get("moves", []) for x in m} | ({o["posture"]} if o.get("posture") else set())
        view = player_view(session._state, side)
        figures = {str(u.men) for u in view.units.values()} | {str(h.men[side]) for h in session._state.history[1:]}
        found[side] = (words, {f for f in figures if len(f) >= 4})   # short numbers occur anywhere
    return found


def test_a_protected_unfinished_save_shows_no_orders_or_figures(scenario, tmp_path, user_home):
    s = play_protected_turns(scenario)
    path = s.save(tmp_path / "class.json")
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert all(turn == {} for turn in doc["orders"]) and set(doc["sealed"]["sides"]) == {"japan", "soviet"}
    flat = json.dumps(doc)
    for side, (words, figures) in secrets_of(s).items():
        for w in words:
            assert w not in text and w not in flat, (side, w)
        for f in figures:
            assert f not in text, (side, f)
    autosave = s.last_autosave
    assert autosave and "mobilise" not in autosave.read_text(encoding="utf-8")
    with pytest.raises(SaveLocked) as err:
        load_save(path)
    assert set(err.value.sides) == {"japan", "soviet"} and "\n" not in str(err.value)
    with pytest.raises(SaveLocked, match="wrong password for soviet"):
        load_save(path, {"japan": PASSWORDS["japan"], "soviet": "guess"})
    opened = load_save(path, PASSWORDS)
    assert opened.log == s.log and opened.state.turn == 3


def test_replay_of_a_protected_save_needs_the_passwords_and_reveal(scenario, tmp_path, user_home):
    s = play_protected_turns(scenario)
    path = s.save(tmp_path / "class.json")
    secrets = secrets_of(s)
    quiet = cli("replay", str(path), "--json")
    assert quiet.returncode == 0
    out = json.loads(quiet.stdout)
    assert out["turns_played"] == 3 and out["soviet_far_east_men"] is None and out["japan_men"] is None
    for words, figures in secrets.values():
        assert not any(w in quiet.stdout for w in words) and not any(f in quiet.stdout for f in figures)
    refused = cli("replay", str(path), "--json", "--reveal")
    assert refused.returncode == 1 and "--password-japan" in refused.stderr and "Traceback" not in refused.stderr
    shown = cli("replay", str(path), "--json", "--reveal", "--password-japan", PASSWORDS["japan"],
                env={"KANTOKUEN_PASSWORD_SOVIET": PASSWORDS["soviet"]})
    assert shown.returncode == 0, shown.stderr
    full = json.loads(shown.stdout)
    assert full["japan_men"] and full["soviet_far_east_men"] and full["state_hash"] == s.state_hash


def test_replay_of_an_open_unfinished_save_hides_figures_without_reveal(scenario, tmp_path, user_home):
    s = Session(scenario, 11, {"japan": "human", "soviet": "human"})
    s.submit("japan", Orders(posture="mobilise"))
    s.submit("soviet", Orders())
    path = s.save(tmp_path / "open.json")
    assert "mobilise" in path.read_text()                # no passwords: the file shows everything
    quiet = json.loads(cli("replay", str(path), "--json").stdout)
    assert quiet["japan_men"] is None and "japan_men" in quiet["hidden"]
    full = json.loads(cli("replay", str(path), "--json", "--reveal").stdout)
    assert full["japan_men"] and full["soviet_far_east_men"]


def test_a_finished_protected_game_opens_in_full(scenario, tmp_path, user_home):
    s = Session(scenario, 11, {"japan": "human", "soviet": "human"}, passwords=PASSWORDS)
    while not s.over:
        s.submit("japan", Orders())
        s.submit("soviet", Orders())
    path = s.save(tmp_path / "done.json")
    doc = json.loads(path.read_text())
    assert "sealed" not in doc and load_save(path).log == s.log
    out = json.loads(cli("replay", str(path), "--json").stdout)
    assert out["japan_men"] and out["outcome"]


def test_loading_a_protected_save_asks_both_passwords(scenario, tmp_path, user_home):
    s = play_protected_turns(scenario, turns=1)
    path = s.save(tmp_path / "ours.json")
    d = open_app("play", "--load", str(path))
    assert isinstance(d.screen, PasswordScreen) and d.screen.sides == ("japan", "soviet")
    type_text(d, PASSWORDS["japan"])
    d.key(pygame.K_TAB)
    type_text(d, PASSWORDS["soviet"])
    d.key(pygame.K_RETURN)
    assert isinstance(d.screen, GameScreen) and d.screen.session.log == s.log
    assert d.screen.modal == "handoff" and d.screen.session.has_password("japan")


def test_continue_on_a_protected_autosave_asks_the_passwords(scenario, user_home):
    play_protected_turns(scenario, turns=1)                  # autosaved, sealed
    d = open_app()
    d.key(pygame.K_c)
    assert isinstance(d.screen, PasswordScreen) and d.screen.sides == ("japan", "soviet")
    d.key(pygame.K_ESCAPE)
    assert type(d.screen).__name__ == "MenuScreen"
