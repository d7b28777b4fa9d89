"""Typed records: what a side's view is made of (its belief about the enemy, its own standing, the public
Western front and war, its line of the chronicle) and the game's own chronicle (``State.history``).

Frozen, so that no reader of a view can change what another reader (or the state behind it) sees; slotted,
because the hard computer player builds thousands of views a game. Estimates are bands ``(estimate, low,
high)``: tuples, which JSON writes as the lists they were before. The regional estimates are made once a
turn by ``intel.update`` and shared by every view of that turn; the state hash sees them through
``dataclasses.asdict`` and the chronicle through ``HistoryRecord.to_dict``, in the same plain form as before.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .rules import Milestone

Band = tuple[float, float, float]        # (estimate, low, high)
Count = tuple[int, int, int]             # (estimate, low, high) of men, tanks or aircraft


@dataclass(frozen=True, slots=True)
class EnemyEstimate:
    """What a side believes of the enemy in one region."""

    men: Count
    divisions: float
    exact: bool                          # in contact: the figures are the truth, not a guess


@dataclass(frozen=True, slots=True)
class ForceEstimate:
    """A side's estimate of the enemy's whole Far East forces (and oil, None where the enemy has no oil model)."""

    men: Count
    divisions: Band
    tanks: Count
    aircraft: Count
    oil: Band | None

    def to_dict(self) -> dict[str, Any]:
        return {"men": list(self.men), "divisions": list(self.divisions), "tanks": list(self.tanks),
                "aircraft": list(self.aircraft), "oil": None if self.oil is None else list(self.oil)}


@dataclass(frozen=True, slots=True)
class EnemyTotals(ForceEstimate):
    """The estimate of the enemy's forces now, and his stance once intelligence has found it out."""

    stance: str | None


@dataclass(frozen=True, slots=True)
class OwnStatus:
    """The side's own standing, exactly."""

    stance: str
    stance_since: int                    # the turn the stance was taken
    sent_west: float                     # divisions sent to the Western front so far
    bonus_vp: float                      # points the enemy's decisions have paid to this side
    oil: float | None                    # months of reserve; None without an oil model
    oil_income: float                    # months gained per month
    south: bool                          # committed to the Pacific war
    pool: int                            # men still to be mobilised
    training: int                        # men in training now
    raised: int                          # new formations raised so far
    sent_west_in_time: float = 0.0       # ... of the divisions sent west, those sent by the scenario's deadline


@dataclass(frozen=True, slots=True)
class FrontView:
    """The German-Soviet front, public to both sides."""

    km: float                            # the German advance from its start line
    peak_km: float
    moscow_fell: bool
    passed: tuple[str, ...]              # milestones passed (ids)
    milestones: tuple[Milestone, ...]
    moscow_km: float


@dataclass(frozen=True, slots=True)
class WarView:
    """The war in the Far East as this side knows it (a surprise attack is news only once it has struck)."""

    at_war: bool
    declared_by: str | None
    start_turn: int | None


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """The side's line of the chronicle after one turn (or at the start): its own figures, its estimate of
    the enemy, and the public ones."""

    turn: int
    date: str                            # ISO date
    front_km: float
    men: int
    divisions: float
    tanks: int
    aircraft: int
    oil: float | None
    stance: str | None
    action: str | None                   # the posture ordered that turn
    enemy_estimate: ForceEstimate
    stavka_demand: int | None            # for the side Stavka commands
    owners_changed: tuple[str, ...]      # regions whose holder is not the one at the start


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """One line of the game's chronicle (``State.history``): both sides' figures after a turn, or at the start.
    Part of the state, so hashed: ``to_dict`` gives the plain data the hash has always been taken of."""

    turn: int                            # the turn just resolved (0 for the opening line too)
    date: str                            # ISO date of that turn
    front_km: float
    men: dict[str, int]                  # side -> Far East men
    divisions: dict[str, float]
    tanks: dict[str, int]
    aircraft: dict[str, int]
    oil: dict[str, float]                # sides with an oil model only
    stance: dict[str, str]
    actions: dict[str, str | None]       # side -> the posture it ordered that turn
    estimates: dict[str, ForceEstimate]  # side -> its estimate of the enemy
    stavka_demand: int
    at_war: bool
    owners_changed: tuple[str, ...]      # regions whose holder is not the one at the start

    def to_dict(self) -> dict[str, Any]:
        return {"turn": self.turn, "date": self.date, "front_km": self.front_km, "men": self.men,
                "divisions": self.divisions, "tanks": self.tanks, "aircraft": self.aircraft, "oil": self.oil,
                "stance": self.stance, "actions": self.actions,
                "estimates": {s: e.to_dict() for s, e in self.estimates.items()},
                "stavka_demand": self.stavka_demand, "at_war": self.at_war,
                "owners_changed": list(self.owners_changed)}
