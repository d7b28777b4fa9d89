"""``python main.py balance``: the balance report maintainers regenerate (docs/balance.md).

Four sections, each a batch of ``explore`` runs (game i of every cell uses seed ``seed + i``, so the cells
are compared on the same random draws and the figures do not depend on the number of workers):

(a) every computer level against every other (Japan's level by row, the USSR's by column);
(b) families of fixed plans (``game.ai.plan``) against each level of the other side, with a flag on any
    plan that wins too often (a dominant strategy);
(c) the calibration table: historical against historical, each figure measured against its target range
    from a calibration file (``scenarios/calibration/<scenario>.toml``: data, not code);
(d) hard against hard in every other shipped scenario.
"""
from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from game.ai import LEVELS
from game.ai.plan import FixedPlan, PlanError, check_plan, make_plan, read_toml
from game.engine import Scenario
from game.errors import UserError
from game.present.labels import plural
from game.files.paths import data_dir
from game.scenario.loader import SCENARIO_DIR, ScenarioError
from game.scenario.schema import REQUIRED, Ctx, Date, Enum, ListOf, Num, SchemaError, Str, Table

SECTIONS = ("matrix", "plans", "calibration", "scenarios")
ROOT = data_dir("docs").parent   # the repository (or the installed package's data folder)
CALIBRATION_DIR = SCENARIO_DIR / "calibration"
DEFAULT_OUT = "docs/balance.md"   # under ROOT, wherever the command runs
# A fixed plan that wins more often than this against a level is a dominant strategy (issue 9, Must show).
FLAG_ABOVE = {"hard": 0.60, "normal": 0.75}
NORTH_TURNS = (1, 2, 3, 4, 6, 8)
SOUTH_TURNS = (0, 4, 11)
DECLARE_TURNS = (0, 2, 5, 10)


# --- plan families ---------------------------------------------------------------------------------
def japan_families() -> list[tuple[str, FixedPlan]]:
    out = [(f"north_t{k}", make_plan("japan", f"Mobilise at turn 0, strike north at turn {k}",
                                     (0, {"posture": "mobilise"}), (k, {"posture": "strike_north"})))
           for k in NORTH_TURNS]
    out += [("wait", make_plan("japan", "Never attack (wait)", (0, {"posture": "wait"}))),
            ("mobilise_only", make_plan("japan", "Mobilise, never attack", (0, {"posture": "mobilise"}))),
            ("stand_down", make_plan("japan", "Stand down", (0, {"posture": "stand_down"})))]
    out += [(f"south_t{k}", make_plan("japan", f"Strike south at turn {k}", (0, {"posture": "wait"}),
                                      (k, {"posture": "strike_south"}))) for k in SOUTH_TURNS]
    return out


def soviet_families() -> list[tuple[str, FixedPlan]]:
    # As Japan mobilises before striking north, the USSR goes on alert before declaring war.
    out = [(f"declare_war_t{k}", make_plan("soviet", f"Alert at turn 0, declare war at turn {k} (send what "
                                                     "Stavka demands)",
                                           (0, {"send_west": "demand", "posture": "alert"}),
                                           (k, {"posture": "declare_war"})))
           for k in DECLARE_TURNS]
    out += [("send_none", make_plan("soviet", "Send none west", (0, {"send_west": "none"}))),
            ("send_all", make_plan("soviet", "Send every division west", (0, {"send_west": "all"}))),
            ("send_demand", make_plan("soviet", "Send what Stavka demands", (0, {"send_west": "demand"})))]
    return out


def fitting(families: list[tuple[str, FixedPlan]], scenario: Scenario) -> list[tuple[str, FixedPlan]]:
    """The families whose postures and transfers the scenario allows their side."""
    out = []
    for name, plan in families:
        try:
            check_plan(plan, scenario, plan.side)
        except PlanError:
            continue
        out.append((name, plan))
    return out


# --- the calibration file ------------------------------------------------------------------------------
MEASURES = ("front_km", "front_peak_km", "front_peak_turn", "front_moves_km", "japan_men",
            "divisions_sent_west", "men_sent_west", "japan_attack_rate", "moscow_fell_rate")
DATED = {"front_km", "front_moves_km", "japan_men", "divisions_sent_west", "men_sent_west"}


class CalibrationError(ScenarioError):
    """A calibration file that cannot be used: one line naming the file and the key."""


def _figure_ok(fig: dict[str, Any], path: str, ctx: Ctx) -> dict[str, Any]:
    if fig["measure"] in DATED and "date" not in fig:
        raise SchemaError(f"{path}.date", None, f"a date (the measure {fig['measure']} is read at a date)")
    if fig["measure"] == "front_moves_km" and "until" not in fig:
        raise SchemaError(f"{path}.until", None, "a date (the end of the span the front must move in)")
    if "min" not in fig and "max" not in fig:
        raise SchemaError(path, fig, "a figure with min, max or both")
    if "min" in fig and "max" in fig and fig["min"] > fig["max"]:
        raise SchemaError(f"{path}.max", fig["max"], f"a number not below min ({fig['min']:g})")
    return fig


CALIBRATION = Table({
    "scenario": (Str(), REQUIRED),
    "japan": (Enum(LEVELS), "historical"),
    "soviet": (Enum(LEVELS), "historical"),
    "figures": (ListOf(Table({
        "id": (Str(r"[a-z0-9_]+"), REQUIRED),
        "label": (Str(), REQUIRED),
        "measure": (Enum(MEASURES), REQUIRED),
        "date": (Date(), None),
        "until": (Date(), None),
        "min": (Num(), None),
        "max": (Num(), None),
        "unit": (Str(), ""),
        "note": (Str(), ""),
    }, post=_figure_ok), min_len=1, unique=lambda f: f["id"]), REQUIRED),
})


@dataclass(frozen=True)
class Calibration:
    source: str
    scenario: str
    levels: dict[str, str]
    figures: tuple[dict[str, Any], ...]


def load_calibration(path: str | Path) -> Calibration:
    path = Path(path)
    raw = read_toml(path, "a TOML calibration file", CalibrationError)
    try:
        data = CALIBRATION.check(raw, "", Ctx())
    except SchemaError as e:
        raise CalibrationError(path, str(e)) from None
    return Calibration(str(path), data["scenario"], {"japan": data["japan"], "soviet": data["soviet"]},
                       tuple(data["figures"]))


def turn_of(scenario: Scenario, day: dt.date) -> int:
    """The turn (0-based) containing ``day`` on the scenario's calendar, kept inside the game."""
    k = (day - scenario.start).days // scenario.days_per_turn
    return max(0, min(scenario.turns - 1, k))


def _at(series: list[float], turn: int) -> float:
    """A per-turn series at ``turn``; a game that ended earlier keeps its last value."""
    return series[turn] if turn < len(series) else series[-1]


def measure(fig: dict[str, Any], games: list[dict[str, Any]], scenario: Scenario) -> float:
    """One calibration figure from the explorer's per-game figures (a median, or a share of games)."""
    m = fig["measure"]
    if m == "japan_attack_rate":
        return sum(g["attacked"] for g in games) / len(games)
    if m == "moscow_fell_rate":
        return sum(g["moscow_fell"] for g in games) / len(games)
    played = [g for g in games if g["front"]]
    if m == "front_peak_km":
        vals = [max(g["front"]) for g in played]
    elif m == "front_peak_turn":
        vals = [g["front"].index(max(g["front"])) for g in played]
    else:
        t = turn_of(scenario, fig["date"])
        if m == "front_moves_km":
            t2 = turn_of(scenario, fig["until"])
            vals = []
            for g in played:
                span = [_at(g["front"], k) for k in range(t, max(t, t2) + 1)]
                vals.append(max(span) - min(span))
        else:
            key = {"front_km": "front", "japan_men": "japan_men", "divisions_sent_west": "sent_west_divisions_by_turn",
                   "men_sent_west": "sent_west_by_turn"}[m]
            vals = [_at(g[key], t) for g in played if g[key]]
    return float(statistics.median(vals)) if vals else float("nan")


def judge(fig: dict[str, Any], value: float) -> bool:
    return value == value and ("min" not in fig or value >= fig["min"]) and ("max" not in fig or value <= fig["max"])


# --- running the cells ---------------------------------------------------------------------------------
Progress = Callable[[str], None]


class Runner:
    """Plays the cells through ``explore``; each (scenario, japan, soviet) cell is played once."""

    def __init__(self, games: int, seed: int, workers: int | None, progress: Progress):
        self.games, self.seed, self.workers, self.progress = games, seed, workers, progress
        self.cache: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.cells = 0

    def cell(self, scenario: Scenario, japan: str | FixedPlan, soviet: str | FixedPlan, label: str) -> dict[str, Any]:
        from game.analysis.explore import explore
        key = (scenario.content_hash, _name(japan), _name(soviet))
        if key not in self.cache:
            started = time.perf_counter()
            r = explore(scenario, self.games, self.seed, self.workers, {"japan": japan, "soviet": soviet},
                        details=True)
            self.cells += 1
            self.progress(f"{label}: Japan {r['win_rates']['japan']:.0%} / USSR {r['win_rates']['soviet']:.0%} / "
                          f"draw {r['win_rates']['draw']:.0%} ({time.perf_counter() - started:.1f} s)")
            self.cache[key] = r
        return self.cache[key]


def _name(level: str | FixedPlan) -> str:
    return level.label if isinstance(level, FixedPlan) else level


def rates(r: dict[str, Any]) -> dict[str, float]:
    """Japan wins, USSR wins, draws (shares of games) and the Japanese attack rate."""
    return {"japan_win": r["win_rates"]["japan"], "soviet_win": r["win_rates"]["soviet"],
            "draw": r["win_rates"]["draw"], "japan_attack_rate": r["japan_attack_rate"]}


LADDER = ("easy", "normal", "hard")   # the levels that must climb: each better than the one before
LADDER_GAPS = {"normal": 0.10, "hard": 0.15}   # the least lead over the level below, from each chair


def ladder(matrix: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Each level's win rate from each chair, averaged over the ladder's levels on the other side
    (side -> level -> share of games won)."""
    cells = {(c["japan"], c["soviet"]): c for c in matrix}
    levels = [lv for lv in LADDER if all((lv, o) in cells and (o, lv) in cells for o in LADDER)]
    if len(levels) < len(LADDER):
        return {}
    return {"japan": {j: statistics.fmean([cells[(j, s)]["japan_win"] for s in LADDER]) for j in LADDER},
            "soviet": {s: statistics.fmean([cells[(j, s)]["soviet_win"] for j in LADDER]) for s in LADDER}}


def build_report(scenario: Scenario, games: int, seed: int, workers: int | None = None,
                 sections: tuple[str, ...] = SECTIONS, calibration: Calibration | None = None,
                 others: list[Scenario] | None = None, progress: Progress | None = None,
                 levels: tuple[str, ...] = LEVELS) -> dict[str, Any]:
    """Every figure of the report as plain data (what ``--json`` prints and the Markdown is written from).

    ``levels``: the computer levels of the matrix and of the plans' opponents (all of them by default)."""
    started = time.perf_counter()
    run = Runner(games, seed, workers, progress or (lambda text: None))
    report: dict[str, Any] = {"scenario": scenario.id, "content_hash": scenario.content_hash, "games": games,
                              "seed": seed, "sections": list(sections), "levels": list(levels)}
    if "matrix" in sections:
        report["matrix"] = [
            {"japan": j, "soviet": s, **rates(run.cell(scenario, j, s, f"matrix {j} vs {s}"))}
            for j in levels for s in levels]
        report["ladder"] = ladder(report["matrix"])
    if "plans" in sections:
        rows = []
        for side, families, opponent_side in (("japan", japan_families(), "soviet"),
                                              ("soviet", soviet_families(), "japan")):
            for name, plan in fitting(families, scenario):
                for level in levels:
                    pair = {side: plan, opponent_side: level}
                    r = run.cell(scenario, pair["japan"], pair["soviet"], f"plan {side} {name} vs {level}")
                    win = r["win_rates"][side]
                    limit = FLAG_ABOVE.get(level)
                    rows.append({"side": side, "plan": name, "title": plan.title, "opponent": level,
                                 "win": win, "loss": r["win_rates"][opponent_side], "draw": r["win_rates"]["draw"],
                                 "japan_attack_rate": r["japan_attack_rate"],
                                 "flag": limit is not None and win > limit})
        report["plans"] = rows
        report["flags"] = [f"{row['side']} {row['plan']} wins {row['win']:.0%} against {row['opponent']} "
                           f"(limit {FLAG_ABOVE[row['opponent']]:.0%})" for row in rows if row["flag"]]
    if "calibration" in sections:
        if calibration is None:
            report["calibration"] = None
        else:
            lv = calibration.levels
            r = run.cell(scenario, lv["japan"], lv["soviet"], f"calibration {lv['japan']} vs {lv['soviet']}")
            figures = []
            for fig in calibration.figures:
                value = measure(fig, r["per_game"], scenario)
                figures.append({"id": fig["id"], "label": fig["label"], "measure": fig["measure"],
                                "date": fig["date"].isoformat() if "date" in fig else None,
                                "turn": turn_of(scenario, fig["date"]) if "date" in fig else None,
                                "until_turn": turn_of(scenario, fig["until"]) if "until" in fig else None,
                                "min": fig.get("min"), "max": fig.get("max"), "unit": fig["unit"],
                                "note": fig["note"], "value": value if value == value else None,
                                "pass": judge(fig, value)})
            report["calibration"] = {"file": _relative(calibration.source), "levels": lv, "figures": figures,
                                     "passed": sum(f["pass"] for f in figures),
                                     "failed": sum(not f["pass"] for f in figures)}
    if "scenarios" in sections:
        report["scenarios"] = [
            {"scenario": sc.id, "content_hash": sc.content_hash,
             **rates(run.cell(sc, "hard", "hard", f"scenario {sc.id} hard vs hard"))}
            for sc in (others or [])]
    report["cells"] = run.cells
    report["elapsed_s"] = round(time.perf_counter() - started, 1)
    return report


def _relative(path: str) -> str:
    """The calibration file as the report names it: the shipped one by its place in the repository."""
    p = Path(path).resolve()
    if p.is_relative_to(SCENARIO_DIR.resolve()):
        return "scenarios/" + p.relative_to(SCENARIO_DIR.resolve()).as_posix()
    return str(path)


# --- the Markdown ------------------------------------------------------------------------------------------
def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _number(value: float | None, unit: str) -> str:
    if value is None or value != value:
        return "n/a"
    if unit == "share":
        return pct(value)
    if unit == "men":
        return f"{value / 1000:,.0f}k"
    if unit in ("turn", "divisions"):
        return f"{value:g}"
    return f"{value:,.0f} {unit}".strip()


def _target(fig: dict[str, Any]) -> str:
    lo, hi, unit = fig.get("min"), fig.get("max"), fig["unit"]
    if lo is not None and hi is not None:
        return f"{_number(lo, unit)} - {_number(hi, unit)}"
    return f">= {_number(lo, unit)}" if lo is not None else f"<= {_number(hi, unit)}"


def markdown(report: dict[str, Any], command: str) -> str:
    n, lines = report["games"], []
    add = lines.append
    add(f"# Balance report: {report['scenario']}")
    add("")
    add(f"Made by `{command}`: {plural(n, 'game')} per cell, seed {report['seed']} (game i of every cell uses seed "
        f"{report['seed']} + i), scenario content hash `{report['content_hash']}`. Percentages are shares of "
        f"games; with {plural(n, 'game')} a share is uncertain by up to about {pct(1 / max(1, n) ** 0.5)} either way "
        f"(95% interval).")
    add("")
    levels = report["levels"]
    if "matrix" in report:
        add("## (a) Level against level")
        add("")
        add("Rows: Japan's level; columns: the USSR's level. Each cell: Japan wins / USSR wins / draws, then how "
            "often Japan attacked.")
        add("")
        add("| Japan \\ USSR | " + " | ".join(levels) + " |")
        add("|---|" + "---|" * len(levels))
        cells = {(c["japan"], c["soviet"]): c for c in report["matrix"]}
        for j in levels:
            add(f"| **{j}** | " + " | ".join(
                f"{pct(c['japan_win'])} / {pct(c['soviet_win'])} / {pct(c['draw'])}, "
                f"attack {pct(c['japan_attack_rate'])}"
                for c in (cells[(j, s)] for s in levels)) + " |")
        add("")
    if report.get("ladder"):
        add("### The ladder")
        add("")
        add("Each level's win rate from each chair, averaged over the other side's easy, normal and hard "
            "players, and its lead over the level below (goal: "
            + ", ".join(f"{lv} at least {pct(g)} ahead" for lv, g in LADDER_GAPS.items())
            + "; **(!)** where it is not).")
        add("")
        add("| chair | " + " | ".join(LADDER) + " |")
        add("|---|" + "---|" * len(LADDER))
        for side, name in (("japan", "Japan"), ("soviet", "USSR")):
            row = report["ladder"][side]
            out = [pct(row[LADDER[0]])]
            for below, lv in zip(LADDER, LADDER[1:]):
                lead = row[lv] - row[below]
                flag = " **(!)**" if lead < LADDER_GAPS[lv] - 1e-9 else ""
                out.append(f"{pct(row[lv])} ({'+' if lead >= 0 else '−'}{pct(abs(lead))}){flag}")
            add(f"| {name} | " + " | ".join(out) + " |")
        add("")
    if "plans" in report:
        add("## (b) Fixed plans against the computer")
        add("")
        add("Each cell: the plan side's wins / losses / draws. A plan is flagged **(!)** when it wins more than "
            + " or ".join(f"{pct(v)} against {k}" for k, v in FLAG_ABOVE.items())
            + ": a fixed plan should not beat the computer that often.")
        for side, who, other in (("japan", "Japan's plans", "the USSR"), ("soviet", "The USSR's plans", "Japan")):
            rows = [r for r in report["plans"] if r["side"] == side]
            if not rows:
                continue
            add("")
            add(f"### {who} against each level of {other}")
            add("")
            add("| plan | " + " | ".join(f"vs {lv}" for lv in levels) + " |")
            add("|---|" + "---|" * len(levels))
            by_plan: dict[str, dict[str, dict]] = {}
            titles = {}
            for r in rows:
                by_plan.setdefault(r["plan"], {})[r["opponent"]] = r
                titles[r["plan"]] = r["title"]
            for name, cells in by_plan.items():
                add(f"| {titles[name]} (`{name}`) | " + " | ".join(
                    f"{pct(c['win'])} / {pct(c['loss'])} / {pct(c['draw'])}" + (" **(!)**" if c["flag"] else "")
                    for c in (cells[lv] for lv in levels)) + " |")
        add("")
        add("Flagged: " + ("; ".join(report["flags"]) if report["flags"] else "none") + ".")
        add("")
    if "calibration" in report:
        add("## (c) Calibration against 1941")
        add("")
        cal = report["calibration"]
        if cal is None:
            add("No calibration file for this scenario (`scenarios/calibration/<scenario id>.toml`).")
        else:
            add(f"Japan {cal['levels']['japan']} against USSR {cal['levels']['soviet']}; targets from "
                f"`{cal['file']}`. Medians over the games (shares for rates); turns are 0-based. "
                f"**{cal['passed']} of {cal['passed'] + cal['failed']} figures pass.**")
            add("")
            add("| figure | turn | target | measured | result | why this target |")
            add("|---|---|---|---|---|---|")
            for f in cal["figures"]:
                turn = "" if f["turn"] is None else str(f["turn"])
                turn += "" if f["until_turn"] is None else f"-{f['until_turn']}"
                add(f"| {f['label']} | {turn} | {_target(f)} | {_number(f['value'], f['unit'])} | "
                    f"{'PASS' if f['pass'] else '**FAIL**'} | {f['note']} |")
        add("")
    if "scenarios" in report:
        add("## (d) The other scenarios, hard against hard")
        add("")
        add("| scenario | Japan wins | USSR wins | draws | Japan attacks |")
        add("|---|---|---|---|---|")
        for s in report["scenarios"]:
            add(f"| {s['scenario']} | {pct(s['japan_win'])} | {pct(s['soviet_win'])} | {pct(s['draw'])} | "
                f"{pct(s['japan_attack_rate'])} |")
        add("")
    return "\n".join(lines)


# --- command line --------------------------------------------------------------------------------------
def command_line(args) -> str:
    parts = ["python main.py balance", f"--scenario {args.scenario}", f"--games {args.games}", f"--seed {args.seed}"]
    if args.sections != ",".join(SECTIONS):
        parts.append(f"--sections {args.sections}")
    if args.calibration:
        parts.append(f"--calibration {args.calibration}")
    if args.out != DEFAULT_OUT:
        parts.append(f"--out {args.out}")
    return " ".join(parts)


def parse_sections(text: str) -> tuple[str, ...]:
    wanted = tuple(s.strip() for s in text.split(",") if s.strip())
    bad = [s for s in wanted if s not in SECTIONS]
    if bad or not wanted:
        raise UserError(f"--sections {text}: expected a comma-separated list of {', '.join(SECTIONS)}")
    return tuple(s for s in SECTIONS if s in wanted)


def other_scenarios(main: Scenario) -> list[Scenario]:
    from game.scenario import load
    return [load(p) for p in sorted(SCENARIO_DIR.glob("*.toml")) if p.resolve() != Path(main.source).resolve()]


def run(args) -> int:
    from game.files import paths
    from game.scenario import load
    from game.files.userfile import check_output
    sections = parse_sections(args.sections)
    scenario = load(args.scenario)
    calibration = None
    cal_path = Path(args.calibration) if args.calibration else CALIBRATION_DIR / f"{scenario.id}.toml"
    if "calibration" in sections and (args.calibration or cal_path.is_file()):
        calibration = load_calibration(cal_path)
        if calibration.scenario != scenario.id:
            raise CalibrationError(cal_path, str(SchemaError("scenario", calibration.scenario,
                                                             f"'{scenario.id}' (the scenario of this report)")))
    others = other_scenarios(scenario) if "scenarios" in sections else []
    out = check_output(ROOT / DEFAULT_OUT if args.out == DEFAULT_OUT else Path(args.out), "--out", ".md")

    def progress(text: str) -> None:
        print(f"balance: {text}", file=sys.stderr, flush=True)

    report = build_report(scenario, args.games, args.seed, args.workers, sections, calibration, others, progress)
    command = command_line(args)
    report["command"] = command
    try:
        paths.atomic_write(out, (markdown(report, command) + "\n").encode("utf-8"))
    except OSError as e:
        raise UserError(f"--out {args.out}: cannot write the file ({e.strerror})") from None
    report["out"] = str(out)
    progress(f"{plural(report['cells'], 'cell')} of {plural(args.games, 'game')} in "
             f"{report['elapsed_s']:.0f} s; wrote {out}")
    if args.json:
        print(json.dumps(report, sort_keys=True))
    return 0
