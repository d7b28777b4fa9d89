"""Files a user hands us: reading one (a scenario, a save) as text, and checking a file we are asked to
write, each with one clear line for every way it fails.

Reading never blocks and never takes more memory than the limit: the file is opened without waiting
(a named pipe would otherwise hang), must be a regular file, and its size is checked before it is read.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable

from game.errors import UserError

BOM = "\ufeff"   # Windows Notepad starts UTF-8 files with it; it means nothing here


def os_reason(e: OSError) -> str:
    """A short, plain reason for an operating-system error."""
    if e.errno == errno.ENOSPC:
        return "the disk is full"
    if e.errno == errno.ENOENT:
        return "the folder does not exist"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return e.strerror or str(e) or type(e).__name__


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, expected: str, error: Callable[[Path, str], Exception], max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them, read without blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except IsADirectoryError:
        raise error(path, f"is a folder; expected {expected}") from None
    except OSError as e:
        raise error(path, f"cannot be read ({os_reason(e)})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(path, f"is {_kind_of(info.st_mode)}; expected {expected} (a regular file)")
        if info.st_size > max_bytes:
            raise error(path, f"is {info.st_size:,} bytes; expected {expected} of at most {max_bytes:,} bytes")
        chunks, total = [], 0
        while True:   # read to the end, but never more than the limit (the file may grow meanwhile)
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise error(path, f"is over {max_bytes:,} bytes; expected {expected} of at most {max_bytes:,} bytes")
        return b"".join(chunks)
    except OSError as e:
        raise error(path, f"cannot be read ({os_reason(e)})") from None
    finally:
        os.close(fd)


def read_text(path: Path, expected: str, error: Callable[[Path, str], Exception], max_bytes: int) -> str:
    """The UTF-8 text of ``path`` (a leading BOM dropped); raises ``error(path, message)`` naming what was
    ``expected`` otherwise."""
    raw = read_bytes(Path(path), expected, error, max_bytes)
    if not raw.strip():
        raise error(path, f"is empty; expected {expected}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        hint = " (it looks like UTF-16: save it as UTF-8)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise error(path, f"is not UTF-8 text (byte {e.start}){hint}; expected {expected}") from None
    if "\x00" in text:
        raise error(path, f"contains NUL bytes; expected {expected}")
    return text[1:] if text.startswith(BOM) else text


def check_output(path: str | Path, what: str, suffix: str | None = None) -> Path:
    """Check, before any work starts, that a file can be written at ``path``; raises ``UserError`` naming
    ``what`` (e.g. ``--plot``) otherwise. Leaves nothing behind."""
    path = Path(path)
    if path.is_dir():
        ending = f" ending in {suffix}" if suffix else ""
        raise UserError(f"{what} {path}: is a folder; expected a file name{ending}")
    if suffix and path.suffix.lower() != suffix:
        raise UserError(f"{what} {path}: expected a file name ending in {suffix}")
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"{what} {path}: the folder {folder} does not exist")
    if path.exists() and not path.is_file():
        raise UserError(f"{what} {path}: is not a regular file; expected a file to write")
    if path.exists() and not os.access(path, os.W_OK):
        raise UserError(f"{what} {path}: cannot be written (permission denied)")
    try:   # the only sure test that the folder takes new files: make one and remove it
        fd, probe = tempfile.mkstemp(prefix=".kantokuen-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        reason = "it takes no new files" if e.errno == errno.ENOENT else os_reason(e)
        raise UserError(f"{what} {path}: cannot be written in {folder} ({reason})") from None
    return path
