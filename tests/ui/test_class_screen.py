"""The Class screen: the teacher types a folder and sees the same summary as ``python main.py class``."""
import pygame

from game.analysis import classroom
from game.ui.class_screen import ClassScreen

from ui_driver import open_app


def make_class(folder, scenario, games=3):
    from game.play.match import play_ai_game
    from game.play.saves import write_save
    for seed in range(1, games + 1):
        state, log = play_ai_game(scenario, seed, {"japan": "normal", "soviet": "normal"})
        write_save(folder / f"table{seed}.json", scenario, seed, {"japan": "ai:normal", "soviet": "ai:normal"}, log)
    (folder / "notes.json").write_text("{}")


def type_text(d, text):
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    d.step(2)


def test_the_class_screen_sums_up_a_folder(user_home, tmp_path, scenario, monkeypatch):
    monkeypatch.setattr(classroom, "COMPUTER_GAMES", 5)
    usb = tmp_path / "usb stick"
    usb.mkdir()
    make_class(usb, scenario)
    d = open_app()
    d.key(pygame.K_k)
    screen = d.screen
    assert isinstance(screen, ClassScreen)
    screen.entry.set_text("")
    type_text(d, str(usb))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0))
    d.step()
    assert screen.pending and "Reading" in screen.message      # one frame says it is working
    d.step(2)
    assert not screen.pending and screen.summary is not None, screen.message
    expected = classroom.count([t.figures for t in classroom.read_class([usb])[0]])
    assert {k: screen.summary[k] for k in expected} == expected
    assert screen.summary["games"] == 3 and len(screen.summary["unreadable"]) == 1
    md, png = screen.written
    assert md.parent == user_home / "reports" / "class-usb_stick" and png.is_file()
    assert "3 finished games read, 1 file not counted" in screen.message
    d.key(pygame.K_PAGEDOWN)
    d.key(pygame.K_ESCAPE)
    assert type(d.screen).__name__ == "MenuScreen"


def test_a_folder_without_games_says_so(user_home, tmp_path):
    d = open_app()
    d.key(pygame.K_k)
    d.screen.entry.set_text(str(tmp_path / "nothing here"))
    d.key(pygame.K_RETURN)
    d.step(3)
    assert d.screen.message_is_error and "No finished game" in d.screen.message
