"""A small declarative schema for scenario files: each node checks a value and names what it expected.

Errors carry the key path (``units[3].region``), the value found and what was expected. References to
regions and sides are checked against the map in use (``Ctx``).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

REQUIRED = object()


class SchemaError(ValueError):
    def __init__(self, path: str, found: Any, expected: str):
        self.path, self.found, self.expected = path, found, expected
        super().__init__(f"{path or '(top level)'}: expected {expected}, found {describe(found)}")


def describe(value: Any) -> str:
    if value is MISSING:
        return "nothing (the key is missing)"
    text = repr(value)
    if isinstance(value, dt.date):
        text = value.isoformat()
    return text if len(text) <= 60 else text[:57] + "..."


MISSING = object()


@dataclass
class Ctx:
    regions: frozenset[str] = frozenset()
    sides: tuple[str, ...] = ("japan", "soviet")


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Node:
    doc: str = ""

    def check(self, value: Any, path: str, ctx: Ctx) -> Any:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


@dataclass
class Str(Node):
    pattern: str | None = None
    doc: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, str) or (self.pattern and not re.fullmatch(self.pattern, value)):
            raise SchemaError(path, value, self.describe())
        return value

    def describe(self):
        return "text" if not self.pattern else f"text matching {self.pattern}"


@dataclass
class Num(Node):
    lo: float | None = None
    hi: float | None = None
    integer: bool = False
    doc: str = ""

    def check(self, value, path, ctx):
        ok_type = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type or (isinstance(value, float) and not math.isfinite(value)):
            raise SchemaError(path, value, self.describe())
        if (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi):
            raise SchemaError(path, value, self.describe())
        return value if self.integer else float(value)

    def describe(self):
        kind = "a whole number" if self.integer else "a number"
        if self.lo is not None and self.hi is not None:
            return f"{kind} from {number(self.lo)} to {number(self.hi)}"
        if self.lo is not None:
            return f"a finite {kind[2:]} of at least {number(self.lo)}"
        return f"a finite {kind[2:]}"


def number(x: float) -> str:
    """1000000 as 1,000,000 and 0.05 as 0.05, for messages and the guide."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def Int(lo=None, hi=None, doc=""):
    return Num(lo, hi, integer=True, doc=doc)


@dataclass
class Bool(Node):
    doc: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            raise SchemaError(path, value, self.describe())
        return value

    def describe(self):
        return "true or false"


@dataclass
class Date(Node):
    doc: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise SchemaError(path, value, self.describe())
        return value

    def describe(self):
        return "a date like 1941-06-22"


@dataclass
class Enum(Node):
    values: tuple[str, ...]
    doc: str = ""

    def check(self, value, path, ctx):
        if value not in self.values or not isinstance(value, str):
            raise SchemaError(path, value, self.describe())
        return value

    def describe(self):
        return "one of " + ", ".join(repr(v) for v in self.values)


@dataclass
class Ref(Node):
    """A region or side id, checked against the map and sides in use."""

    kind: str  # "region" or "side"
    doc: str = ""

    def check(self, value, path, ctx):
        known = ctx.regions if self.kind == "region" else ctx.sides
        if not isinstance(value, str) or value not in known:
            raise SchemaError(path, value, self.describe())
        return value

    def describe(self):
        return f"a {self.kind} id of this map" if self.kind == "region" else "'japan' or 'soviet'"


@dataclass
class ListOf(Node):
    item: Node
    min_len: int = 0
    unique: Callable[[Any], Any] | None = None
    doc: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, list) or len(value) < self.min_len:
            raise SchemaError(path, value, self.describe())
        out = [self.item.check(v, join(path, i), ctx) for i, v in enumerate(value)]
        if self.unique:
            seen = set()
            for i, v in enumerate(out):
                key = self.unique(v)
                if key in seen:
                    raise SchemaError(join(path, i), key, "a value not used earlier in the list")
                seen.add(key)
        return out

    def describe(self):
        n = f" (at least {self.min_len})" if self.min_len else ""
        return f"a list{n} of {self.item.describe()}"


@dataclass
class MapOf(Node):
    """A table whose keys come from ``key`` (a Ref or Enum) and whose values all follow ``value``."""

    key: Node
    value: Node
    require_all: bool = False
    doc: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            raise SchemaError(path, value, self.describe())
        out = {}
        for k, v in value.items():
            self.key.check(k, join(path, k), ctx)
            out[k] = self.value.check(v, join(path, k), ctx)
        if self.require_all and isinstance(self.key, Enum):
            for k in self.key.values:
                if k not in out:
                    raise SchemaError(join(path, k), MISSING, self.value.describe())
        return out

    def describe(self):
        return f"a table of {self.key.describe()} -> {self.value.describe()}"


@dataclass
class Table(Node):
    fields: dict[str, tuple[Node, Any]]
    doc: str = ""
    post: Callable[[dict, str, Ctx], dict] | None = None

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            raise SchemaError(path, value, "a table")
        out: dict[str, Any] = {}
        for k in value:
            if k not in self.fields:
                raise SchemaError(join(path, k), value[k],
                                  "no such key here (known keys: " + ", ".join(self.fields) + ")")
        for k, (node, default) in self.fields.items():
            if k in value:
                out[k] = node.check(value[k], join(path, k), ctx)
            elif default is REQUIRED:
                raise SchemaError(join(path, k), MISSING, node.describe())
            elif callable(default):   # an optional sub-table or list: fill in its own defaults
                out[k] = node.check(default(), join(path, k), ctx)
            elif default is not None:
                out[k] = default
        return self.post(out, path, ctx) if self.post else out

    def describe(self):
        return "a table"


@dataclass
class Conditions(Node):
    """A table of condition keys (see game.engine.conditions)."""

    doc: str = ""
    vocabulary: dict[str, Node] = field(default_factory=dict)

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            raise SchemaError(path, value, "a table of conditions")
        out = {}
        for k, v in value.items():
            if k not in self.vocabulary:
                raise SchemaError(join(path, k), v, "a condition: " + ", ".join(self.vocabulary))
            out[k] = self.vocabulary[k].check(v, join(path, k), ctx)
        return out

    def describe(self):
        return "a table of conditions"
