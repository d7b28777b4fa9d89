"""Every key a scenario file may hold: type, range, default and meaning (the authoring guide's source)."""
from __future__ import annotations

from game.engine.board import TERRAINS
from game.engine.calendar import SEASONS
from game.engine.conditions import CONDITIONS as ENGINE_CONDITIONS
from game.engine.effects import EFFECTS as ENGINE_EFFECTS
from game.engine.orders import POSTURES, STANCES
from game.engine.scenario import UNIT_KINDS

from .schema import (REQUIRED, Bool, Conditions, Date, Enum, Int, ListOf, MapOf, Node, Num, Ref, SchemaError,
                     Str, Table)

SIDE = Ref("side")
REGION = Ref("region")
FRACTION = Num(0, 1)
MAX_TURNS = 400        # a longer game is a mistyped date, not a plan (1941-1942 is 21 turns)
MAX_KM = 20_000        # beyond any front in Europe or Asia
MAX_MEN = 50_000_000   # more than every army of 1941 together
MONTHS = Num(0, 1000)  # oil reserves and thresholds, months

CONDITION_VOCABULARY = {
    "date_from": Date(doc="the turn's date is on or after this"),
    "date_until": Date(doc="the turn's date is on or before this"),
    "front_km_at_least": Num(0, MAX_KM, doc="German progress on the Moscow axis, km"),
    "front_km_below": Num(0, MAX_KM),
    "moscow_fell": Bool(),
    "at_war": Bool(doc="Japan and the USSR are fighting"),
    "war_declared": Bool(doc="a side has declared war (counting a declaration ordered this turn)"),
    "war_declared_by": SIDE,
    "stance": MapOf(SIDE, ListOf(Enum(STANCES), 1), doc="each side's stance is one of those listed"),
    "south_committed": Bool(doc="a side has committed to the Pacific war"),
    "holds": MapOf(SIDE, ListOf(REGION, 1), doc="each side holds all the listed regions"),
    "holds_any": MapOf(SIDE, ListOf(REGION, 1), doc="each side holds at least one listed region"),
    "oil_below": MapOf(SIDE, MONTHS, doc="a side's oil reserve, months"),
    "oil_at_least": MapOf(SIDE, MONTHS),
    "men_share_below": MapOf(SIDE, FRACTION, doc="a side's men on the map, as a share of its start"),
    "turn_at_least": Int(0, MAX_TURNS),
}
if set(CONDITION_VOCABULARY) != set(ENGINE_CONDITIONS):   # a word the rules cannot test, or one no file may use
    raise RuntimeError(f"conditions: the schema and the engine differ in "
                       f"{sorted(set(CONDITION_VOCABULARY) ^ set(ENGINE_CONDITIONS))}")
CONDITIONS = Conditions(vocabulary=CONDITION_VOCABULARY)

# The schema of each event effect: its range and its words for the guide. What an effect does is in the
# engine's one table of effects (``game.engine.effects.EFFECTS``); the two must name the same keys, else
# a key would pass validation and do nothing (or do something no file can ask for).
EFFECT_VOCABULARY = {
    "front_speed_mult": Num(0, 10),
    "duration_turns": Int(1, 100),
    "german_strength_add": Num(-5, 5),
    "soviet_strength_add": Num(-5, 5),
    "embargo": SIDE,
    "oil_add": MapOf(SIDE, Num(-100, 100)),
    "intel_sigma": MapOf(SIDE, Num(0, 2)),
    "reveal_stance": SIDE,
    "stavka_extra_divisions": Int(0, 50),
    "end_game": Bool(),
}
if set(EFFECT_VOCABULARY) != set(ENGINE_EFFECTS):
    raise RuntimeError(f"event effects: the schema has {sorted(set(EFFECT_VOCABULARY) - set(ENGINE_EFFECTS))} "
                       f"beyond the engine's table, the engine {sorted(set(ENGINE_EFFECTS) - set(EFFECT_VOCABULARY))}")
EFFECTS = Table({key: (node, None) for key, node in EFFECT_VOCABULARY.items()})


def _seasons(by_season: dict, path: str, ctx) -> dict:
    by_month: dict[int, str] = {}
    for season, months in by_season.items():
        for i, m in enumerate(months):
            if m in by_month:
                raise SchemaError(f"{path}.{season}[{i}]", m, "a month not given to another season")
            by_month[m] = season
    for m in range(1, 13):
        if m not in by_month:
            raise SchemaError(path, by_season, f"every month 1-12 in some season (month {m} is missing)")
    return {"seasons": by_season, "by_month": by_month}


def _seasons_node():
    return MapOf(Enum(SEASONS), ListOf(Int(1, 12), 1), require_all=True)


CALENDAR = Table({"seasons": (_seasons_node(), lambda: {
    "summer": [6, 7, 8], "autumn": [9, 10], "winter": [11, 12, 1, 2, 3], "spring": [4, 5]})},
    post=lambda out, path, ctx: _seasons(out["seasons"], path + ".seasons", ctx))

SEASON_TABLE = MapOf(Enum(SEASONS), Num(0, 10), require_all=True)


class Switchable(Node):
    """A rules table that a scenario may switch off with ``enabled = false`` (e.g. no Western front in 1939
    or 1945); the keys it then leaves out take neutral values, so the author need not invent them."""

    def __init__(self, table: Table, off: dict):
        self.table, self.off = table, off

    def check(self, value, path, ctx):
        if isinstance(value, dict) and value.get("enabled") is False:
            value = {**self.off, **value}
        return self.table.check(value, path, ctx)

    def describe(self):
        return self.table.describe()


FRONT_ON = Table({
    "enabled": (Bool(), True),
    "start_km": (Num(0, 3000), REQUIRED),
    "speed_km_per_turn": (Num(0, 2000), REQUIRED),
    "german_strength": (Num(0.01, 100), REQUIRED),
    "german_attrition_per_turn": (FRACTION, REQUIRED),
    "soviet_strength": (Num(0.01, 100), REQUIRED),
    "soviet_reserves_per_turn": (Num(0, 10), REQUIRED),
    "men_per_strength_point": (Num(1, MAX_MEN), REQUIRED),
    "exponent": (Num(0, 5), REQUIRED),
    "supply_km": (Num(1, MAX_KM), REQUIRED),
    "noise_sigma": (Num(0, 2), REQUIRED),
    "counter_ratio": (Num(0.01, 10), REQUIRED),
    "counter_km_per_turn": (Num(0, 1000), REQUIRED),
    "counter_max_km": (Num(0, 3000), REQUIRED),
    "counter_from": (Date(doc="no counter-offensive before this date (reserves still assembling)"), None),
    "season_mult": (SEASON_TABLE, REQUIRED),
    "moscow_km": (Num(1, MAX_KM), REQUIRED),
    "max_km": (Num(1, MAX_KM), REQUIRED),
    "milestones": (ListOf(Table({
        "id": (Str(r"[a-z0-9_]+"), REQUIRED),
        "km": (Num(0, MAX_KM), REQUIRED),
        "title": (Str(), REQUIRED),
        "note": (Str(), ""),
        "moscow": (Bool(), False),
        "speed_mult": (Num(0, 10, doc="German speed multiplier once the milestone is passed"), 1.0),
        "duration_turns": (Int(1, 50), 1),
    }), unique=lambda m: m["id"]), list),
})

FRONT = Switchable(FRONT_ON, {
    "start_km": 0, "speed_km_per_turn": 0, "german_strength": 1, "german_attrition_per_turn": 0,
    "soviet_strength": 1, "soviet_reserves_per_turn": 0, "men_per_strength_point": 400000, "exponent": 1,
    "supply_km": 1000, "noise_sigma": 0, "counter_ratio": 1, "counter_km_per_turn": 0, "counter_max_km": 0,
    "season_mult": {s: 0 for s in SEASONS}, "moscow_km": 1000, "max_km": 1000})

STAVKA_ON = Table({
    "enabled": (Bool(), True),
    "side": (SIDE, "soviet"),
    "base_divisions": (Num(0, 50), REQUIRED),
    "divisions_per_100km": (Num(0, 50), REQUIRED),
    "threshold_km": (Num(0, MAX_KM), REQUIRED),
    "max_divisions": (Int(0, 100), REQUIRED),
    "transit_turns": (Int(0, 20), REQUIRED),
    "men_per_division_sent": (Int(1, 100_000), REQUIRED),
    "refusal_penalty_per_division": (Num(0, 1), REQUIRED),
})
STAVKA = Switchable(STAVKA_ON, {
    "base_divisions": 0, "divisions_per_100km": 0, "threshold_km": 0, "max_divisions": 0, "transit_turns": 0,
    "men_per_division_sent": 1, "refusal_penalty_per_division": 0})

MOBILISATION = MapOf(SIDE, Table({
    "men_per_turn": (Int(0, MAX_MEN), REQUIRED),
    "men_per_turn_mobilised": (Int(0, MAX_MEN), 0),
    "pool_men": (Int(0, MAX_MEN), REQUIRED),
    "training_turns": (Int(0, 50), REQUIRED),
    "unit_men": (Int(1, 5_000_000), REQUIRED),
    "men_per_division": (Int(1, 100_000), REQUIRED),
    "tanks_per_division": (Num(0, 1000), 0.0),
    "aircraft_per_division": (Num(0, 1000), 0.0),
    "regions": (ListOf(REGION, 1), REQUIRED),
    "kind": (Enum(UNIT_KINDS), "infantry"),
    "name": (Str(r"[^{}]*\{n\}[^{}]*"), REQUIRED),
    "south_stops_reinforcement": (Bool(), False),
    "surge_stances": (ListOf(Enum(STANCES), 0, unique=lambda p: p), lambda: ["mobilise"]),
}))

OIL = MapOf(SIDE, Table({
    "reserve_months": (Num(0, 1000), REQUIRED),
    "income_per_month": (Num(0, 100), REQUIRED),
    "burn_per_month": (MapOf(Enum(STANCES + ("war", "south")), Num(0, 100)), REQUIRED),
    "south_income_per_month": (Num(0, 100), 0.0),
    "south_delay_turns": (Int(0, 100), 0),
    "talks_income_per_month": (Num(0, 100, doc="oil income while talks ease the embargo"), 0.0),
    "talks_after_turns": (Int(0, 100, doc="turns stood down before talks ease the embargo"), 2),
}))

POSTURE_RULES = MapOf(Enum(POSTURES), Table({
    "prepare_stance": (Enum(STANCES, doc="the stance that must be held first"), None),
    "prepare_turns": (Int(0, 50, doc="turns that stance must be held"), 0),
    "when": (CONDITIONS, dict),
    "why": (Str(doc="shown when the conditions are not met"), ""),
    "vp": (MapOf(SIDE, Num(0, 1000), doc="victory points paid to a side when the decision is taken"), dict),
    "front_soviet": (Num(-5, 5, doc="change of Soviet strength on the Western front when taken"), 0.0),
    "front_soviet_per_turn": (Num(-1, 1, doc="change of Soviet front strength each turn the stance holds"), 0.0),
    "price_text": (Str(), ""),
}))

COMBAT = Table({
    "type_factor": (MapOf(Enum(UNIT_KINDS), Num(0, 100), require_all=True), REQUIRED),
    "tank_men": (Num(0, 1000), REQUIRED),
    "aircraft_men": (Num(0, 1000), REQUIRED),
    "terrain": (MapOf(Enum(TERRAINS), Num(0.1, 10), require_all=True), REQUIRED),
    "fort_per_level": (Num(0, 5), REQUIRED),
    "river_mult": (Num(0.05, 2), REQUIRED),
    "amphibious_mult": (Num(0.05, 2), REQUIRED),
    "season_attack": (MapOf(Enum(SEASONS), Num(0.05, 2), require_all=True), REQUIRED),
    "surprise_mult": (Num(0.1, 5), REQUIRED),
    "unsupplied_mult": (Num(0.05, 2), REQUIRED),
    "no_oil_mult": (Num(0.05, 2), REQUIRED),
    "collapse_side": (SIDE, "soviet"),
    "collapse_mult": (Num(0.05, 2), REQUIRED),
    "quality": (MapOf(SIDE, Num(0.1, 5)), REQUIRED),
    "loss_rate": (Num(0, 1), REQUIRED),
    "max_loss": (Num(0, 1), REQUIRED),
    "noise_sigma": (Num(0, 2), REQUIRED),
    "win_ratio": (Num(0.1, 10), REQUIRED),
})

SIDE_SPEC = Table({
    "name": (Str(), REQUIRED),
    "postures": (ListOf(Enum(POSTURES), 1, unique=lambda p: p), REQUIRED),
    "stance": (Enum(STANCES), REQUIRED),
    "default_ai": (Enum(("easy", "normal", "hard", "historical")), "normal"),
})

UNIT = Table({
    "id": (Str(r"[a-z0-9_]+"), REQUIRED),
    "side": (SIDE, REQUIRED),
    "name": (Str(), REQUIRED),
    "kind": (Enum(UNIT_KINDS), "infantry"),
    "region": (REGION, REQUIRED),
    "men": (Int(0, 5_000_000), REQUIRED),
    "divisions": (Num(0, 200), REQUIRED),
    "tanks": (Int(0, 100_000), 0),
    "aircraft": (Int(0, 100_000), 0),
    "note": (Str(), ""),
})

EVENT = Table({
    "id": (Str(r"[a-z0-9_]+"), REQUIRED),
    "title": (Str(), REQUIRED),
    "text": (Str(), ""),
    "note": (Str(), ""),
    "date": (Date(), None),
    "when": (CONDITIONS, dict),
    "visible_to": (ListOf(SIDE, 1), lambda: ["japan", "soviet"]),
    "effects": (EFFECTS, dict),
    "variants": (ListOf(Table({
        "when": (CONDITIONS, REQUIRED),
        "title": (Str(), None),
        "text": (Str(), None),
        "note": (Str(), None),
    })), list),
})

OUTCOME = Table({
    "id": (Str(r"[a-z0-9_]+"), REQUIRED),
    "title": (Str(), REQUIRED),
    "winner": (Enum(("japan", "soviet", "draw", "score")), "score"),
    "when": (CONDITIONS, dict),
    "ends_game": (Bool(), False),
    "explanation": (Str(), ""),
})

AI = Table({
    "historical": (Table({
        "japan": (Table({
            "mobilise_from": (Date(), REQUIRED),
            "strike_until": (Date(), REQUIRED),
            "trigger_divisions_share": (FRACTION, REQUIRED),
            "trigger_armour_share": (FRACTION, REQUIRED),
            "strike_south_on": (Date(), None),
        }), None),
        "soviet": (Table({
            "transfers": (ListOf(Table({"date": (Date(), REQUIRED), "divisions": (Num(0, 50), REQUIRED)})),
                          REQUIRED),
            "declare_war_on": (Date(), None),
        }), None),
    }), dict),
})

RULES = {
    "calendar": (CALENDAR, dict),
    "front": (FRONT, REQUIRED),
    "stavka": (STAVKA, REQUIRED),
    "mobilisation": (MOBILISATION, dict),
    "oil": (OIL, dict),
    "war": (Table({"at_war": (Bool(), False), "declared_by": (SIDE, "japan")}), dict),
    "movement": (Table({"rail_regions": (Int(0, 10), REQUIRED),
                        "sea": (MapOf(SIDE, Bool(), doc="whether a side may move troops by sea"), dict)}),
                 REQUIRED),
    "postures": (POSTURE_RULES, dict),
    "combat": (COMBAT, REQUIRED),
    "supply": (Table({"unsupplied_loss": (FRACTION, REQUIRED),
                      "sea_at_war": (MapOf(SIDE, Bool(), require_all=False), REQUIRED),
                      "sources": (ListOf(REGION, 1, unique=lambda r: r), None),
                      "depots": (MapOf(REGION, Int(1, 50), doc="turns of stores a cut-off city holds"), dict)}),
               REQUIRED),
    "intel": (MapOf(SIDE, Table({"sigma": (Num(0, 2), REQUIRED), "persistence": (Num(0, 0.99), 0.7)})),
              REQUIRED),
    "victory": (Table({
        "moscow_side": (SIDE, "soviet"),
        "moscow_held_vp": (Num(0, 1000), REQUIRED),
        "oil_vp_per_month": (Num(0, 100), REQUIRED),
        "oil_vp_cap_months": (Num(0, 1000), REQUIRED),
        "south_vp": (Num(0, 1000), REQUIRED),
        "margin": (Num(0, 1000), REQUIRED),
        "region_vp": (MapOf(REGION, Int(0, 100), doc="victory points of a region in this scenario"), dict),
        "front_vp_per_100km": (Num(0, 100, doc="points for each 100 km the front ends short of Moscow"), 0.0),
        "sent_west_vp_per_division": (Num(0, 100), 0.0),
        "sent_west_deadline": (Date(doc="divisions entrained after this date earn the late points instead"), None),
        "sent_west_late_vp_per_division": (Num(0, 100, doc="points for a division sent after the deadline"), None),
        "army_vp": (MapOf(SIDE, Num(0, 1000), doc="points for an army kept intact (share of its peak)"), dict),
    }), REQUIRED),
}

# The top-level keys; "map" and "regions" are read first, to know which region ids are valid.
TOP = {
    "id": (Str(r"[a-z0-9_]+"), REQUIRED),
    "title": (Str(), REQUIRED),
    "summary": (Str(), REQUIRED),
    "note": (Str(), ""),
    "premise": (Str(), ""),
    "suggested_side": (Ref("side", doc="the side the new-game screen picks for this scenario"), None),
    "extends": (Str(), None),
    "start": (Date(), REQUIRED),
    "end": (Date(), REQUIRED),
    "days_per_turn": (Int(1, 60), REQUIRED),
    "map": (Enum(("far_east",)), "far_east"),
    "regions": (ListOf(Str(), 2, unique=lambda r: r), None),
    "owners": (MapOf(REGION, SIDE), dict),
    "sides": (Table({"japan": (SIDE_SPEC, REQUIRED), "soviet": (SIDE_SPEC, REQUIRED)}), REQUIRED),
    "units": (ListOf(UNIT, 1, unique=lambda u: u["id"]), REQUIRED),
    "events": (ListOf(EVENT, 0, unique=lambda e: e["id"]), list),
    "outcomes": (ListOf(OUTCOME, 1, unique=lambda o: o["id"]), REQUIRED),
    "ai": (AI, dict),
    **RULES,
}

# Text that is only shown to people and never reaches the game state: the content hash (which saves check)
# leaves it out, so mending a note or a title keeps every save of the scenario loadable. Each key here is
# tested to change nothing in a played game (tests/scenario/test_content_hash.py). Unit and side names and
# the outcomes' words are not here: they appear in the state (new units' names, the result's text).
TEXT_ONLY: dict[str, tuple[str, ...]] = {
    "": ("title", "summary", "note", "premise"),
    "events[]": ("title", "text", "note"),
    "events[].variants[]": ("title", "text", "note"),
    "units[]": ("note",),
    "front.milestones[]": ("title", "note"),
}
# Top-level keys that only the new-game screen reads: left out of the content hash like TEXT_ONLY.
SETUP_ONLY: tuple[str, ...] = ("suggested_side",)
