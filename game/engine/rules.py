"""The rules tables the engine reads, as typed, frozen records (``Scenario.tables``).

``Scenario.rules`` stays the validated TOML tables (views hand them to the UI and the computer players);
these records are built from it once per scenario, so a reader of the rules names its fields
(``tables.combat.win_ratio``) and a type checker, not only grep, finds who reads what. The values are
those of the file, unconverted: an integer stays an integer, so the arithmetic, and every replay, is the
same as when the tables were read as dicts. ``game.scenario.spec`` gives each key's range and meaning.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def _record(cls: type[T], table: Mapping[str, Any], **converted: Any) -> T:
    """``cls`` from the table's keys of the same names (a missing key is a KeyError, extras are ignored)."""
    names = [f.name for f in dataclasses.fields(cls)]   # type: ignore[arg-type]
    return cls(**{n: converted[n] if n in converted else table[n] for n in names})


@dataclass(frozen=True, slots=True)
class CombatRules:
    type_factor: Mapping[str, float]     # unit kind -> strength per man
    tank_men: float                      # a tank counts as this many men
    aircraft_men: float
    terrain: Mapping[str, float]         # terrain -> defence multiplier
    fort_per_level: float
    river_mult: float
    amphibious_mult: float
    season_attack: Mapping[str, float]   # season -> attack multiplier
    surprise_mult: float
    unsupplied_mult: float
    no_oil_mult: float
    collapse_side: str
    collapse_mult: float
    quality: Mapping[str, float]         # side -> quality multiplier
    loss_rate: float
    max_loss: float
    noise_sigma: float
    win_ratio: float


@dataclass(frozen=True, slots=True)
class SupplyRules:
    unsupplied_loss: float
    sea_at_war: Mapping[str, bool]
    sources: tuple[str, ...] | None      # None: the map's own supply sources
    depots: Mapping[str, int]            # region -> turns of stores


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    km: float
    title: str
    note: str
    moscow: bool
    speed_mult: float
    duration_turns: int

    @property
    def place(self) -> str:
        """A short place name: 'Don bend' for id don_bend / title 'Don bend crossed'. The id usually names
        the place and the title supplies its spelling; a title that does not contain the id is given whole
        (an author's own id such as 'm1' must not reach the screen)."""
        title = self.title or self.id
        name = self.id.replace("_", " ")
        at = title.lower().find(name.lower())
        if at >= 0:
            found = title[at:at + len(name)]
            return found[:1].upper() + found[1:]
        return title


@dataclass(frozen=True, slots=True)
class FrontRules:
    enabled: bool
    start_km: float
    speed_km_per_turn: float
    german_strength: float
    german_attrition_per_turn: float
    soviet_strength: float
    soviet_reserves_per_turn: float
    men_per_strength_point: float
    exponent: float
    supply_km: float
    noise_sigma: float
    counter_ratio: float
    counter_km_per_turn: float
    counter_max_km: float
    counter_from: dt.date | None
    season_mult: Mapping[str, float]
    moscow_km: float
    max_km: float
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True, slots=True)
class Mobilisation:
    men_per_turn: int
    men_per_turn_mobilised: int
    pool_men: int
    training_turns: int
    unit_men: int
    men_per_division: int
    tanks_per_division: float
    aircraft_per_division: float
    regions: tuple[str, ...]
    kind: str
    name: str                            # with {n}, the formation's number
    south_stops_reinforcement: bool
    surge_stances: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StavkaRules:
    enabled: bool
    side: str                            # the side whose Far East Stavka draws on
    base_divisions: float
    divisions_per_100km: float
    threshold_km: float
    max_divisions: int
    transit_turns: int
    men_per_division_sent: int
    refusal_penalty_per_division: float


@dataclass(frozen=True, slots=True)
class OilRules:
    reserve_months: float
    income_per_month: float
    burn_per_month: Mapping[str, float]  # stance, "war" or "south" -> months burnt per month
    south_income_per_month: float
    south_delay_turns: int
    talks_income_per_month: float
    talks_after_turns: int


@dataclass(frozen=True, slots=True)
class PostureRules:
    prepare_stance: str | None           # the stance that must be held first (None: no preparation)
    prepare_turns: int
    when: Mapping[str, Any]              # conditions (game.engine.conditions) for ordering it
    why: str                             # shown when the conditions are not met
    vp: Mapping[str, float]              # points paid to each side when taken
    front_soviet: float                  # Soviet Western front strength, once, when taken
    front_soviet_per_turn: float         # the same, each turn the stance holds
    price_text: str


@dataclass(frozen=True, slots=True)
class IntelRules:
    sigma: float                         # the error of this side's estimates of the enemy
    persistence: float                   # how much of last turn's error carries over


@dataclass(frozen=True, slots=True)
class MovementRules:
    rail_regions: int                    # regions a unit may move by rail in a turn
    sea: Mapping[str, bool]              # side -> may it move troops by sea (absent: yes)


@dataclass(frozen=True, slots=True)
class WarRules:
    at_war: bool                         # the scenario opens at war
    declared_by: str


@dataclass(frozen=True, slots=True)
class VictoryRules:
    moscow_side: str
    moscow_held_vp: float
    oil_vp_per_month: float
    oil_vp_cap_months: float
    south_vp: float
    margin: float
    region_vp: Mapping[str, int]
    front_vp_per_100km: float
    sent_west_vp_per_division: float
    sent_west_deadline: dt.date | None
    sent_west_late_vp_per_division: float | None   # None: the same as before the deadline
    army_vp: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class RuleTables:
    combat: CombatRules
    supply: SupplyRules
    front: FrontRules
    mobilisation: Mapping[str, Mobilisation]   # side -> its call-up; sides without one are absent
    victory: VictoryRules
    stavka: StavkaRules
    oil: Mapping[str, OilRules]                # side -> its oil; sides without an oil model are absent
    postures: Mapping[str, PostureRules]       # posture -> its preparation, conditions and price
    intel: Mapping[str, IntelRules]            # side -> its intelligence
    movement: MovementRules
    war: WarRules


def build_tables(rules: Mapping[str, Any]) -> RuleTables:
    """The typed tables of a scenario's validated ``rules``."""
    supply = rules["supply"]
    front = rules["front"]
    sources = supply.get("sources")
    return RuleTables(
        combat=_record(CombatRules, rules["combat"]),
        supply=_record(SupplyRules, supply, sources=None if sources is None else tuple(sources)),
        front=_record(FrontRules, front, counter_from=front.get("counter_from"),
                      milestones=tuple(_record(Milestone, m) for m in front.get("milestones", ()))),
        mobilisation={side: _record(Mobilisation, m, regions=tuple(m["regions"]),
                                    surge_stances=tuple(m["surge_stances"]))
                      for side, m in rules.get("mobilisation", {}).items()},
        victory=_record(VictoryRules, rules["victory"],
                        sent_west_deadline=rules["victory"].get("sent_west_deadline"),
                        sent_west_late_vp_per_division=rules["victory"].get("sent_west_late_vp_per_division")),
        stavka=_record(StavkaRules, rules["stavka"]),
        oil={side: _record(OilRules, o) for side, o in rules.get("oil", {}).items()},
        postures={name: _record(PostureRules, p, prepare_stance=p.get("prepare_stance"))
                  for name, p in rules.get("postures", {}).items()},
        intel={side: _record(IntelRules, i) for side, i in rules["intel"].items()},
        movement=_record(MovementRules, rules["movement"]),
        war=_record(WarRules, rules["war"]),
    )
