"""The errors a user can cause, shared by every part of the game so that none of them imports the CLI.

A ``UserError`` is bad input (a file, a flag, a value): the command line prints its message as one line
on stderr and exits with code 1; the game's screens show the same message. Modules raise it (or a
subclass that also names the file, like ``game.play.saves.SaveError``); only ``game.cli`` catches it.
"""
from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """Invalid input: printed as one line, exit code 1."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


class FileError(UserError, ValueError):
    """A file a user handed us that cannot be used; the message starts with the file's name."""

    def __init__(self, file: str | Path, message: str):
        self.file = str(file)
        super().__init__(f"{file}: {message}")


def one_line(text: str) -> str:
    """``text`` with every run of line breaks and tabs folded into one space (a file name or a value from
    the input may hold them; the message must still be one line)."""
    return " ".join(text.split()) if any(c in text for c in "\r\n\t\v\f\x1c\x1d\x1e\x85\u2028\u2029") else text
