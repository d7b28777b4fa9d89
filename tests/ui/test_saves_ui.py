"""Saves through the window: Ctrl+S and the load screen, Continue from the main menu, a damaged save that
changes nothing, going back to a past turn while the original line stays in its own save, and
``play --load``."""
import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.play.saves import list_saves, load_save
from game.ui.files import LoadScreen, RewindScreen
from game.ui.game_screen import GameScreen
from game.ui.screens import LeaveScreen, MenuScreen

from ui_driver import open_app

ROOT = Path(__file__).resolve().parents[2]


def end_turns(d, n):
    for _ in range(n):
        s = d.screen
        while s.modal:
            d.key(pygame.K_RETURN)
        if s.session.turn == 1:
            d.key(pygame.K_p)            # a decision of our own, so the lines differ
        d.key(pygame.K_e)
    while d.screen.modal:
        d.key(pygame.K_RETURN)


def select_file(d, name):
    screen = d.screen
    names = [info.path.name for info in screen.saves]
    d.key(pygame.K_HOME)
    for _ in range(names.index(name)):
        d.key(pygame.K_DOWN)
    assert screen.saves[screen.list.selected].path.name == name


def test_save_then_load_gives_the_same_game(play, user_home):
    d = play()
    end_turns(d, 3)
    session = d.screen.session
    before = session.state_hash
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    saved = session.save_path
    assert saved and saved.is_file() and saved.parent == user_home / "saves"
    assert "Saved" in d.screen.message and not d.screen.message_is_error
    end_turns(d, 1)                       # play on: the screen's game moves away from the save
    assert d.screen.session.state_hash != before
    d.key(pygame.K_l, pygame.KMOD_CTRL)
    assert isinstance(d.screen, LoadScreen)
    select_file(d, saved.name)
    d.key(pygame.K_RETURN)
    assert isinstance(d.screen, GameScreen)
    loaded = d.screen.session
    assert loaded is not session and loaded.state_hash == before and len(loaded.log) == 3
    assert loaded.log == session.log[:3]


def test_continue_resumes_the_last_autosave(play, user_home):
    d = play()
    end_turns(d, 2)
    session = d.screen.session
    assert len(list((user_home / "autosave").glob("autosave-*.json"))) == 2   # one a resolved turn
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_m)                     # leave to the main menu: it warns first (not saved in a file)
    assert isinstance(d.screen, LeaveScreen)
    d.key(pygame.K_d)                     # leave without saving: the autosaves still hold it
    assert isinstance(d.screen, MenuScreen)
    d.key(pygame.K_c)
    assert isinstance(d.screen, GameScreen)
    assert d.screen.session.state_hash == session.state_hash and d.screen.session.log == session.log


def test_a_damaged_save_shows_its_problem_and_changes_nothing(play, user_home):
    d = play()
    end_turns(d, 1)
    game = d.screen
    before, log = game.session.state_hash, list(game.session.log)
    folder = user_home / "saves"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "damaged.json").write_text('{"format": "kantokuen-save", "version": 1, "orders": [', encoding="utf-8")
    (folder / "newer.json").write_text('{"format": "kantokuen-save", "version": 99}', encoding="utf-8")
    (folder / "foreign.json").write_text('{"name": "a spreadsheet"}', encoding="utf-8")
    d.key(pygame.K_l, pygame.KMOD_CTRL)
    for name, words in (("damaged.json", "not valid JSON"), ("newer.json", "newer version"),
                        ("foreign.json", "not a Kantokuen save")):
        select_file(d, name)
        d.key(pygame.K_RETURN)
        assert isinstance(d.screen, LoadScreen), name
        assert words in d.screen.message and name in d.screen.message
    pygame.image.save(d.app.surface, str(user_home / "load_error.png"))
    d.key(pygame.K_ESCAPE)
    assert d.screen is game                                   # back to the very same game
    assert game.session.state_hash == before and game.session.log == log
    assert (folder / "damaged.json").read_text(encoding="utf-8").endswith("[")   # the file is left alone


def test_go_back_to_a_turn_and_play_on_keeps_the_original_save(play, user_home):
    d = play()
    end_turns(d, 3)
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    session = d.screen.session
    original, original_hash, original_log = session.save_path, session.state_hash, list(session.log)
    d.key(pygame.K_b, pygame.KMOD_CTRL)
    assert isinstance(d.screen, RewindScreen)
    d.key(pygame.K_HOME)
    d.key(pygame.K_DOWN)                                      # the start of turn 2
    d.key(pygame.K_RETURN)
    assert isinstance(d.screen, GameScreen) and d.screen.session is session
    assert session.turn == 1 and session.log == original_log[:1]
    assert "kept in" in d.screen.message
    branch = session.save_path
    assert branch != original and branch.is_file()
    # Play on differently, and save the new line.
    while d.screen.modal:
        d.key(pygame.K_RETURN)
    d.key(pygame.K_p)
    d.key(pygame.K_p)
    d.key(pygame.K_e)
    end_turns(d, 1)
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert session.log[1] != original_log[1]
    kept = load_save(original)
    assert kept.log == original_log and kept.turns == 3
    from game.engine import state_hash
    assert state_hash(kept.state) == original_hash
    again = load_save(branch)
    assert again.log == session.log and again.branch_of["turn"] == 1
    assert {i.path.name for i in list_saves(user_home / "saves")} >= {original.name, branch.name}


def test_play_load_opens_a_save_and_rejects_a_bad_one(user_home, tmp_path, scenario):
    from game.engine import Orders
    from game.play.session import Session
    s = Session(scenario, 7, {"japan": "human", "soviet": "ai:easy"})
    s.submit("japan", Orders(posture="mobilise"))
    path = s.save(tmp_path / "mine.json")
    d = open_app("play", "--load", str(path))
    assert isinstance(d.screen, GameScreen) and d.screen.session.state_hash == s.state_hash
    assert d.screen.session.players == s.players
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    out = subprocess.run([sys.executable, "main.py", "play", "--load", str(bad)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "bad.json" in out.stderr and "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
