"""The folders of game/ are its parts, and README's import map says which part imports which: the code and
the map agree, the map has no cycle, and nothing imports the command line."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"


def part_of(module: str) -> str:
    """game.play.saves -> play; game.cli -> cli."""
    return module.split(".")[1]


def imported_modules(path: Path) -> set[str]:
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module.split(".")[:-1]   # the package a relative import starts from (also for __init__)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if target == "game":
                found |= {f"game.{a.name}" for a in node.names}
            else:
                found.add(target)
    return {m for m in found if m.startswith("game.")}


def code_map() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in GAME.rglob("*.py"):
        if path.parent == GAME and path.name == "__init__.py":
            continue
        source = part_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        targets = {part_of(m) for m in imported_modules(path)} - {source, "errors"}
        edges.setdefault(source, set()).update(targets)
    edges.pop("errors", None)
    return edges


def readme_map() -> dict[str, set[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## How it is built"):]
    block = section[section.index("```") + 3:]
    block = block[:block.index("```")]
    edges = {}
    for line in block.strip().splitlines():
        source, _, targets = (s.strip() for s in line.partition("->"))
        edges[source] = set() if targets == "(nothing)" else set(re.split(r",\s*", targets))
    return edges


def test_the_import_map_in_the_readme_is_the_codes():
    code, readme = code_map(), readme_map()
    assert set(code) == set(readme), "README's import map names other parts than game/ has"
    for part in sorted(code):
        assert code[part] == readme[part], f"{part} imports {sorted(code[part])}; README says {sorted(readme[part])}"


def test_the_import_map_has_no_cycle_and_nothing_imports_the_command_line():
    edges = code_map()
    assert not any("cli" in targets for targets in edges.values())
    done: set[str] = set()
    while len(done) < len(edges):
        ready = [p for p in edges if p not in done and edges[p] <= done]
        assert ready, f"a cycle among {sorted(set(edges) - done)}"
        done |= set(ready)


def test_each_part_is_a_folder_with_a_docstring_and_no_loose_modules_remain():
    loose = sorted(p.name for p in GAME.glob("*.py"))
    assert loose == ["__init__.py", "cli.py", "errors.py"], loose
    for folder in (p for p in GAME.iterdir() if p.is_dir() and p.name not in ("__pycache__", "data")):
        init = folder / "__init__.py"
        assert init.exists() and ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), folder.name
