"""Lint and types as part of the suite, so a change that breaks ``ruff check .`` or ``mypy`` fails where it is
made, not only in CI (the commands and their configuration are in .ci/run and pyproject.toml)."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff comes with the test extra")
def test_ruff_finds_nothing():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy comes with the test extra")
@pytest.mark.parametrize("args", [[], ["--strict", "game/engine"]], ids=["configured files", "strict engine"])
def test_mypy_finds_nothing(args):
    out = subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
