"""Orders and their legality.

One side's orders for one turn: a posture (a standing stance or a one-off strategic action), unit moves and
(for the side Stavka commands) transfers of divisions to the western front. An illegal order is never
silently dropped: ``check_orders`` names the reason, and ``resolve`` reports each rejected order as an event.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol

from .board import Board

STANCES = ("wait", "mobilise", "stand_down", "hold", "alert")
WAR_ACTIONS = ("strike_north", "declare_war")   # open war on the other side from the next turn
SOUTH_ACTION = "strike_south"                     # commit to the Pacific war
POSTURES = STANCES + WAR_ACTIONS + (SOUTH_ACTION,)


@dataclass(frozen=True, slots=True)
class Move:
    unit: str
    to: str


@dataclass(frozen=True, slots=True)
class Transfer:
    unit: str
    divisions: float


@dataclass(frozen=True)
class Orders:
    posture: str | None = None
    moves: tuple[Move, ...] = ()
    transfers: tuple[Transfer, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "posture": self.posture,
            "moves": [[m.unit, m.to] for m in self.moves],
            "transfers": [[t.unit, t.divisions] for t in self.transfers],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Orders":
        """Build orders from their JSON form; raises ValueError naming the bad part."""
        if not isinstance(data, dict):
            raise ValueError("orders must be an object")
        unknown = set(data) - {"posture", "moves", "transfers"}
        if unknown:
            raise ValueError(f"unknown order keys {sorted(unknown)}")
        posture = data.get("posture")
        if posture is not None and not isinstance(posture, str):
            raise ValueError("posture must be a string or null")
        moves, transfers = [], []
        for key in ("moves", "transfers"):
            if not isinstance(data.get(key, []), list):
                raise ValueError(f"{key} must be a list")
        for i, m in enumerate(data.get("moves", [])):
            if not (isinstance(m, list) and len(m) == 2 and all(isinstance(x, str) for x in m)):
                raise ValueError(f"moves[{i}] must be [unit, region]")
            moves.append(Move(m[0], m[1]))
        for i, t in enumerate(data.get("transfers", [])):
            if not (isinstance(t, list) and len(t) == 2 and isinstance(t[0], str)
                    and isinstance(t[1], (int, float)) and not isinstance(t[1], bool)):
                raise ValueError(f"transfers[{i}] must be [unit, divisions]")
            transfers.append(Transfer(t[0], float(t[1])))
        return cls(posture, tuple(moves), tuple(transfers))


@dataclass(frozen=True)
class OrderContext:
    """What legality depends on; built from the full state or from a player's view alike."""

    side: str
    board: Board
    owners: dict[str, str]
    units: dict[str, tuple[str, float]]     # own unit id -> (region, divisions)
    at_war: bool                            # fighting is on this turn
    war_declared: bool
    south: bool
    postures: tuple[str, ...]
    can_transfer: bool
    rail_regions: int
    enemy_present: frozenset[str] = field(default_factory=frozenset)
    sea: bool = True                        # the side controls the sea enough to move troops across it
    blocked: dict[str, str] = field(default_factory=dict)   # posture -> why it may not be ordered yet


class _Placed(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def divisions(self) -> float: ...


def side_context(side: str, board: Board, rules: dict[str, Any], postures: Iterable[str], owners: dict[str, str],
                 units: Iterable[_Placed], at_war: bool, war_declared: bool, south: bool,
                 blocked: dict[str, str]) -> OrderContext:
    """The one builder of a side's order context: from the full state (``resolve.order_context``) and from
    the side's view (``View.context``) alike, each handing in what that side knows. ``units``: its own."""
    stavka = rules["stavka"]
    return OrderContext(
        side=side, board=board, owners=owners, units={u.id: (u.region, u.divisions) for u in units},
        at_war=at_war, war_declared=war_declared, south=south, postures=tuple(postures),
        can_transfer=bool(stavka["enabled"]) and stavka["side"] == side,
        rail_regions=rules["movement"]["rail_regions"], sea=rules["movement"]["sea"].get(side, True),
        blocked=blocked,
    )


def reachable(ctx: OrderContext, origin: str) -> dict[str, str]:
    """Regions a unit in ``origin`` may move to this turn, each with the edge type of its last step.

    One step along any edge; several steps along own railway through own regions. Enemy regions may be
    entered only at war, in one step and not by a rail run.
    """
    board, owners, side = ctx.board, ctx.owners, ctx.side
    result: dict[str, str] = {}
    for n, kind in board.neighbours[origin]:
        if kind == "sea" and not ctx.sea:
            continue
        if owners[n] == side or ctx.at_war:
            result[n] = kind
    # Rail runs through own territory.
    frontier = [origin]
    seen = {origin}
    for _ in range(max(0, ctx.rail_regions)):
        nxt = []
        for r in frontier:
            for n, kind in board.neighbours[r]:
                if kind == "rail" and n not in seen and owners[n] == side and n not in ctx.enemy_present:
                    seen.add(n)
                    nxt.append(n)
                    result.setdefault(n, "rail")
        frontier = nxt
    result.pop(origin, None)
    return result


def check_posture(ctx: OrderContext, posture: str | None) -> str | None:
    """The reason a posture is illegal, or None."""
    if posture is None:
        return None
    if posture not in ctx.postures:
        return f"posture '{posture}' is not open to {ctx.side} (choose one of {', '.join(ctx.postures)})"
    if posture in ctx.blocked:
        return f"{posture.replace('_', ' ')} {ctx.blocked[posture]}"
    if posture in WAR_ACTIONS:
        if ctx.war_declared:
            return "war has already been declared"
        if ctx.south:
            return "Japan is committed to the southern war and cannot open a northern front"
    if posture == SOUTH_ACTION:
        if ctx.south:
            return "already committed to the southern war"
        if ctx.war_declared:
            return "cannot strike south while at war in the north"
    return None


def check_move(ctx: OrderContext, move: Move) -> str | None:
    if move.unit not in ctx.units:
        return f"no unit '{move.unit}' of yours"
    origin = ctx.units[move.unit][0]
    if move.to not in ctx.board.regions:
        return f"no region '{move.to}' on this map"
    if move.to == origin:
        return "the unit is already there"
    if move.to not in reachable(ctx, origin):
        if ctx.owners[move.to] != ctx.side and not ctx.at_war and ctx.board.edge(origin, move.to):
            return f"{ctx.board.regions[move.to].name} is enemy territory and there is no war"
        return f"{ctx.board.regions[move.to].name} is out of reach this turn"
    return None


def check_transfer(ctx: OrderContext, transfer: Transfer, already: float = 0.0) -> str | None:
    if not ctx.can_transfer:
        return "only the side Stavka commands sends divisions west"
    if transfer.unit not in ctx.units:
        return f"no unit '{transfer.unit}' of yours"
    have = ctx.units[transfer.unit][1]
    if transfer.divisions <= 0:
        return "send at least part of a division"
    if transfer.divisions + already > have + 1e-9:
        return f"the unit has only {have:g} division{'' if have == 1 else 's'}"
    return None


def split_orders(ctx: OrderContext, orders: Orders) -> tuple[Orders, list[tuple[str, str]]]:
    """The part of ``orders`` that may be carried out, and every rejected part as (what, why)."""
    problems: list[tuple[str, str]] = []
    posture = orders.posture
    why = check_posture(ctx, posture)
    if why:
        problems.append((f"posture {posture}", why))
        posture = None
    moves: list[Move] = []
    moved: set[str] = set()
    for m in orders.moves:
        why = check_move(ctx, m) or ("the unit already has a move order" if m.unit in moved else None)
        moved.add(m.unit)
        if why:
            problems.append((f"move {m.unit} to {m.to}", why))
        else:
            moves.append(m)
    transfers: list[Transfer] = []
    sent: dict[str, float] = {}
    for t in orders.transfers:
        why = check_transfer(ctx, t, sent.get(t.unit, 0.0)) or (
            "a unit ordered to move cannot also entrain for the west" if t.unit in moved else None)
        if why:
            problems.append((f"transfer {t.unit} ({t.divisions:g} div.)", why))
        else:
            sent[t.unit] = sent.get(t.unit, 0.0) + t.divisions
            transfers.append(t)
    return Orders(posture, tuple(moves), tuple(transfers)), problems


def check_orders(ctx: OrderContext, orders: Orders) -> list[tuple[str, str]]:
    """Every illegal part of ``orders`` as (what, why); empty when all is legal."""
    return split_orders(ctx, orders)[1]
