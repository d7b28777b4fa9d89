"""The window asks a game in play only what ``game.play.session.GameSession`` offers: views of a side, orders,
saves, going back, who plays, whether it is over. Never the state, the orders handed in so far or both
sides' orders log while the game runs (a hot-seat player could read the other side's plans there)."""
import ast
from pathlib import Path

import pygame
import pytest

import game.play.session
from game.engine import State
from game.play.session import UI_INTERFACE, Session
from game.ui.game_screen import GameScreen
from game.ui.screens import EndScreen

from ui_driver import open_app

UI = Path(__file__).resolve().parents[2] / "game" / "ui"


def _session_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, attribute) of every attribute read of something that holds a session: a name ``session``, an
    attribute ``.session``, or a local name given one of those (``s = self.session``)."""
    def holds_session(node: ast.expr, aliases: set[str]) -> bool:
        return (isinstance(node, ast.Name) and (node.id == "session" or node.id in aliases)) or \
            (isinstance(node, ast.Attribute) and node.attr == "session")

    reads = []
    for func in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
        aliases: set[str] = set()
        for node in ast.walk(func) if func is not tree else ():
            if isinstance(node, ast.Assign) and holds_session(node.value, set()):
                aliases |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
                for t, v in zip(getattr(node.targets[0], "elts", []), node.value.elts):
                    if isinstance(t, ast.Name) and holds_session(v, set()):
                        aliases.add(t.id)
        for node in ast.walk(func):
            if isinstance(node, ast.Attribute) and holds_session(node.value, aliases):
                reads.append((node.lineno, node.attr))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
                    and len(node.args) >= 2 and holds_session(node.args[0], aliases) \
                    and isinstance(node.args[1], ast.Constant):
                reads.append((node.lineno, node.args[1].value))
    return reads


@pytest.mark.parametrize("module", sorted(p.name for p in UI.glob("*.py")))
def test_ui_modules_read_only_the_session_interface(module):
    tree = ast.parse((UI / module).read_text(encoding="utf-8"))
    outside = [(line, name) for line, name in _session_reads(tree) if name not in UI_INTERFACE]
    assert not outside, f"game/ui/{module} reads what GameSession does not offer: {outside}"
    private = [(n.lineno, n.attr) for n in ast.walk(tree)
               if isinstance(n, ast.Attribute) and n.attr in ("_state", "_submitted", "_saved_log")]
    assert not private, f"game/ui/{module} reads a session's private state: {private}"


def test_the_static_check_sees_a_forbidden_read():
    code = "def f(self):\n    s = self.session\n    return s._state, self.session.log, getattr(s, 'keys')\n"
    names = {name for _, name in _session_reads(ast.parse(code))}
    assert {"_state", "log", "keys"} <= names


def test_every_interface_name_is_served_by_the_session():
    assert "log" not in UI_INTERFACE and "_state" not in UI_INTERFACE
    s = Session.__new__(Session)
    for name in UI_INTERFACE:
        assert hasattr(Session, name) or name in ("scenario", "players", "save_path", "autosave_error"), name
    del s


class Guarded:
    """A session that lets through only the interface's names, and remembers every other name asked for."""
    asked: list[str] = []

    def __init__(self, inner):
        object.__setattr__(self, "_inner", inner)

    def __getattr__(self, name):
        if name not in UI_INTERFACE:
            Guarded.asked.append(name)
            raise AttributeError(f"the UI asked the session for {name!r}, which GameSession does not offer")
        value = getattr(self._inner, name)
        assert not isinstance(value, State)
        return value

    def __setattr__(self, name, value):
        Guarded.asked.append(f"set {name}")
        raise AttributeError(f"the UI set {name!r} on the session")


@pytest.mark.parametrize("soviet", ["ai:easy", "human"], ids=["against the computer", "hot-seat"])
def test_a_whole_game_in_the_window_asks_only_the_interface(monkeypatch, soviet):
    real = Session

    class GuardedSession:
        def __new__(cls, *args, **kwargs):
            return Guarded(real(*args, **kwargs))

        @staticmethod
        def load(*args, **kwargs):
            return Guarded(real.load(*args, **kwargs))

    monkeypatch.setattr(game.play.session, "Session", GuardedSession)
    Guarded.asked = []
    d = open_app("play", "--scenario", "khalkhin_gol_1939", "--seed", "5", "--japan", "human",
                 "--soviet", soviet)
    assert isinstance(d.screen.session, Guarded)
    saved = went_back = False
    for _ in range(80):
        s = d.screen
        if not isinstance(s, GameScreen):
            break
        if s.modal is not None:
            d.key(pygame.K_RETURN)
            continue
        if s.view.turn == 1 and not saved:
            d.key(pygame.K_s, pygame.KMOD_CTRL)
            saved = True
            assert "Saved" in s.message, s.message
        if s.view.turn == 2 and not went_back:
            d.key(pygame.K_b, pygame.KMOD_CTRL)   # back to an earlier turn, a new line of play
            d.key(pygame.K_RETURN)
            went_back = True
            continue
        d.key(pygame.K_e)
        while isinstance(d.screen, GameScreen) and d.screen.thinking:
            d.step()
    assert saved and went_back
    assert isinstance(d.screen, EndScreen), d.screen
    assert Guarded.asked == []
    pygame.display.quit()
