"""A scenario written out whole: the file merged with its ``extends`` chain, as TOML (or JSON).

``python main.py show SCENARIO`` prints it, so an author sees every base value and every event id they may
override. The text loads back as the same scenario (same content hash): it is a valid scenario file.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def to_toml(data: dict[str, Any], header: str = "") -> str:
    """TOML text for ``data`` (tables, arrays of tables, and lists, strings, numbers, booleans and dates)."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    _table(data, [], lines)
    return "\n".join(lines).strip("\n") + "\n"


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n"


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)


def _table(table: dict[str, Any], prefix: list[str], lines: list[str]) -> None:
    simple = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_tables(v)}
    for k, v in simple.items():
        lines.append(f"{_key(k)} = {_value(v)}")
    for k, v in table.items():
        if isinstance(v, dict):
            lines += ["", f"[{_dotted(prefix + [k])}]"]
            _table(v, prefix + [k], lines)
        elif _is_tables(v):
            for entry in v:
                lines += ["", f"[[{_dotted(prefix + [k])}]]"]
                _table(entry, prefix + [k], lines)


def _dotted(keys: list[str]) -> str:
    return ".".join(_key(k) for k in keys)


def _key(k: str) -> str:
    return k if BARE_KEY.fullmatch(k) else _string(k)


ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(s: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters (DEL too) escaped."""
    return '"' + "".join(ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
                         for c in s) + '"'


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")
