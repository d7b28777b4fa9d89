"""Reading a file a user handed us (a scenario, a save) as text, with one clear line for every way it fails."""
from __future__ import annotations

import errno
from pathlib import Path
from typing import Callable


def os_reason(e: OSError) -> str:
    """A short, plain reason for an operating-system error."""
    if e.errno == errno.ENOSPC:
        return "the disk is full"
    if e.errno == errno.ENOENT:
        return "the folder does not exist"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return e.strerror or str(e) or type(e).__name__


def read_text(path: Path, expected: str, error: Callable[[Path, str], Exception], max_bytes: int) -> str:
    """The UTF-8 text of ``path``; raises ``error(path, message)`` naming what was ``expected`` otherwise."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except IsADirectoryError:
        raise error(path, f"is a folder; expected {expected}") from None
    except OSError as e:
        raise error(path, f"cannot be read ({os_reason(e)})") from None
    if len(raw) > max_bytes:
        raise error(path, f"is {len(raw):,} bytes; expected {expected} of at most {max_bytes:,} bytes")
    if not raw.strip():
        raise error(path, f"is empty; expected {expected}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise error(path, f"is not UTF-8 text (byte {e.start}); expected {expected}") from None
    if "\x00" in text:
        raise error(path, f"contains NUL bytes; expected {expected}")
    return text
