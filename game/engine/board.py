"""The map as a graph: regions and their typed adjacencies.

Edge types: ``land``, ``rail`` (land with a railway), ``river`` (a crossing of a border river) and ``sea``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

EDGE_TYPES = ("land", "rail", "river", "sea")
TERRAINS = ("plain", "steppe", "taiga", "mountain", "marsh")


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    country: str
    side: str
    terrain: str
    lat: float
    lon: float
    vp: int = 0
    supply_source: bool = False
    fort: int = 0


@dataclass(frozen=True)
class Board:
    """Regions and neighbours; immutable and shared by every state of a game."""

    regions: dict[str, Region]
    # region id -> ((neighbour id, edge type), ...), sorted for determinism
    neighbours: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, regions: dict[str, Region], edges: list[tuple[str, str, str]]) -> "Board":
        adj: dict[str, list[tuple[str, str]]] = {r: [] for r in regions}
        for a, b, kind in edges:
            if a in regions and b in regions:
                adj[a].append((b, kind))
                adj[b].append((a, kind))
        return cls(regions, {r: tuple(sorted(v)) for r, v in adj.items()})

    def edge(self, a: str, b: str) -> str | None:
        for n, kind in self.neighbours.get(a, ()):
            if n == b:
                return kind
        return None

    def subset(self, keep: list[str]) -> "Board":
        keep_set = set(keep)
        regions = {r: reg for r, reg in self.regions.items() if r in keep_set}
        neighbours = {r: tuple(e for e in self.neighbours[r] if e[0] in keep_set) for r in regions}
        return Board(regions, neighbours)
