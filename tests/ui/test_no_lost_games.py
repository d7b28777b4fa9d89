"""No lost games (issue 11): each game keeps its own autosaves, leaving an unsaved game asks first, a
branch's file follows its play, and a data folder that cannot be written gives a message while the game
goes on."""
import errno
import os

import pygame

from game.files import paths

from game.play import saves
from game.play.saves import load_save
from game.ui.game_screen import GameScreen
from game.ui.screens import LeaveScreen, MenuScreen

from ui_driver import open_app


def close_popups(d):
    while d.screen.modal:
        d.key(pygame.K_RETURN)


def end_turns(d, n):
    for _ in range(n):
        close_popups(d)
        d.key(pygame.K_e)
    close_popups(d)


def autosaves(home):
    return sorted((home / "autosave").glob("autosave-*.json"))


def test_two_games_keep_their_own_autosaves(play, user_home):
    first = play()
    end_turns(first, 7)                       # more turns than an autosave line keeps
    first_session = first.screen.session
    first_files = autosaves(user_home)
    assert len(first_files) == saves.AUTOSAVE_KEEP
    second = play("--japan", "human", "--soviet", "ai:easy")
    second_session = second.screen.session
    assert second_session.game_id != first_session.game_id
    end_turns(second, 7)
    files = autosaves(user_home)
    assert set(first_files) <= set(files)     # the newer game evicted none of the older game's autosaves
    assert len(files) == 2 * saves.AUTOSAVE_KEEP
    by_game = {}
    for f in files:
        save = load_save(f)
        by_game.setdefault(save.game, []).append(save.turns)
    assert sorted(by_game[first_session.game_id]) == [3, 4, 5, 6, 7]
    assert sorted(by_game[second_session.game_id]) == [3, 4, 5, 6, 7]
    newest_first = max(first_files, key=lambda f: load_save(f).turns)
    assert load_save(newest_first).log == first_session.log


def test_leaving_an_unsaved_game_warns_and_can_save_first(play, user_home):
    d = play()
    end_turns(d, 2)
    game = d.screen
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_m)
    assert isinstance(d.screen, LeaveScreen)
    pygame.image.save(d.app.surface, str(user_home / "leave.png"))
    d.key(pygame.K_ESCAPE)                    # stay: back in the very same game
    assert d.screen is game and game.session.turn == 2
    pygame.event.post(pygame.event.Event(pygame.QUIT))   # the window's close button asks too
    d.step()
    assert isinstance(d.screen, LeaveScreen) and d.app.running
    d.key(pygame.K_s)                         # save, then quit
    assert not d.app.running
    saved = sorted((user_home / "saves").glob("*.json"))
    assert len(saved) == 1 and load_save(saved[0]).log == game.session.log


def test_a_saved_game_leaves_without_asking(play, user_home):
    d = play()
    end_turns(d, 1)
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_m)
    assert isinstance(d.screen, MenuScreen)


def test_the_branch_file_follows_play_without_ctrl_s(play, user_home):
    d = play()
    end_turns(d, 3)
    session = d.screen.session
    d.key(pygame.K_b, pygame.KMOD_CTRL)
    d.key(pygame.K_HOME)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)                    # back to the start of turn 2
    branch = session.save_path
    assert load_save(branch).turns == 1       # written at once
    end_turns(d, 2)
    assert load_save(branch).log == session.log and len(session.log) == 3   # kept up to date
    assert not session.unsaved


def test_a_data_folder_that_is_a_file_gives_messages_and_the_game_goes_on(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("KANTOKUEN_HOME", str(blocker))
    d = open_app("play", "--scenario", "historical_1941", "--seed", "1941")
    end_turns(d, 1)
    game = d.screen
    assert isinstance(game, GameScreen) and game.session.turn == 1
    assert game.message_is_error and "Autosave failed" in game.message and "cannot be made" in game.message
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert game.message_is_error and game.message.startswith("Not saved") and "\n" not in game.message
    end_turns(d, 1)
    assert d.screen is game and game.session.turn == 2    # still playing
    d.key(pygame.K_b, pygame.KMOD_CTRL)
    d.key(pygame.K_RETURN)                                  # go back: cannot keep the line, says so
    assert "Could not keep" in d.screen.message
    pygame.image.save(d.app.surface, str(tmp_path / "unwritable.png"))


def test_a_read_only_data_folder_gives_a_message_and_the_game_goes_on(tmp_path, monkeypatch):
    """Permission errors (a read-only home; as root chmod does not stop writes, so the OS refusal is
    simulated where the game writes: making folders and temporary files)."""
    monkeypatch.setenv("KANTOKUEN_HOME", str(tmp_path / "home"))

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(args[0]) if args else None)
    d = open_app("play", "--scenario", "historical_1941", "--seed", "1941")
    monkeypatch.setattr(os, "mkdir", refuse)
    monkeypatch.setattr(paths.tempfile, "mkstemp", refuse)
    end_turns(d, 2)
    game = d.screen
    assert game.session.turn == 2 and "permission denied" in game.message
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert game.message.startswith("Not saved") and "permission denied" in game.message
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_m)
    d.key(pygame.K_s)                         # save and leave: refused, so it stays and says why
    assert isinstance(d.screen, LeaveScreen) and "permission denied" in d.screen.message


def test_an_unexpected_write_failure_is_a_notice_not_a_crash(play, monkeypatch):
    d = play()
    game = d.screen

    def broken():
        raise OSError(errno.EIO, "Input/output error", "/media/usb/game.json")
    monkeypatch.setattr(game, "save", broken)
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert d.app.running and d.screen is game
    assert "game.json" in d.app.notice and "goes on" in d.app.notice


def test_leftover_temporary_files_are_cleaned_at_start_and_saves_kept(play, user_home):
    d = play()
    end_turns(d, 1)
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    saved = d.screen.session.save_path
    before = saved.read_bytes()
    leftovers = [saved.parent / f".{saved.name}.a1b2c3d4.tmp", user_home / "autosave" / ".autosave-x.json.zz99_k.tmp",
                 user_home / ".settings.json.q1w2e3r4.tmp"]
    for p in leftovers:
        p.write_bytes(b'{"format": "kantokuen-save", "ver')       # cut short by a kill -9
    keep = [saved.parent / "notes.tmp", saved.parent / ".hidden.json"]
    for p in keep:
        p.write_text("mine")
    open_app()                                                     # the next start cleans up
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in keep) and saved.read_bytes() == before
    assert load_save(saved).turns == 1
