"""The engine is pure (no pygame, no I/O) and the AI and UI reach the game only through views."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "game" / "engine"
ALLOWED_IMPORTS = {"__future__", "copy", "dataclasses", "datetime", "hashlib", "json", "math", "typing",
                   "collections", "zlib", "numpy", "functools"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_engine_imports_only_pure_modules():
    for path in sorted(ENGINE.glob("*.py")):
        extra = imports_of(path) - ALLOWED_IMPORTS
        assert not extra, f"{path.name} imports {extra}"


def test_engine_does_no_io():
    for path in sorted(ENGINE.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"open", "print", "input", "eval", "exec"}, (path.name, node.func.id)


def test_engine_plays_a_game_with_pygame_absent():
    code = (
        "import sys; sys.modules['pygame'] = None; sys.modules['pygame_gui'] = None\n"
        "from game.scenario import load\n"
        "from game.play.match import play_ai_game\n"
        "import game.engine, game.engine.combat, game.engine.view, game.engine.intel\n"
        "s, log = play_ai_game(load('historical_1941'), 3, {'japan': 'normal', 'soviet': 'normal'})\n"
        "assert s.over and len(log) == len(s.history) - 1\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_ai_and_ui_never_touch_the_full_state():
    """Only the engine, the match loop and save/replay code may import the state module."""
    for folder in ("ai", "ui"):
        for path in sorted((ROOT / "game" / folder).rglob("*.py")):
            text = path.read_text()
            tree = ast.parse(text)
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert node.module not in ("game.engine.state", "game.engine.resolve", "game.play.match"), \
                        f"{path.relative_to(ROOT)} imports {node.module}"
                    if node.module == "game.engine":
                        names = {a.name for a in node.names}
                        assert not names & {"State", "resolve", "new_game"}, f"{path.relative_to(ROOT)}: {names}"


def test_ai_policies_receive_views(scenario):
    from game.ai.policies import POLICIES
    from game.engine import View, new_game, player_view
    from game.engine.rng import stream
    state = new_game(scenario, 1)
    seen = []
    for (side, level), policy in POLICIES.items():
        view = player_view(state, side)
        seen.append(type(view))
        orders = policy(view, stream(1, 0, "test"))
        assert not view.problems(orders), (side, level, view.problems(orders))
    assert set(seen) == {View}
