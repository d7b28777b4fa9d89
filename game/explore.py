"""``python main.py explore``: many AI-against-AI games, and the distribution of what happened.

``explore(scenario, games, seed, workers, levels, progress)`` is the Monte Carlo core, shared with the
in-game what-if screen. Game i is played with seed ``seed + i``, so the figures do not depend on how many
worker processes share the work. ``--set KEY=VALUE`` changes one scenario value (a dotted key such as
``front.speed_km_per_turn``) and goes through the same validation as a scenario file.
"""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import statistics
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Sequence

from game import paths
from game.engine import SIDES, Scenario
from game.match import play_ai_game, summary

Progress = Callable[[int, int], None]


# --- scenario overrides ------------------------------------------------------------------------------
def parse_value(text: str) -> Any:
    """A TOML value (80, 0.5, true, [1, 2], "text"); anything else is taken as plain text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def with_overrides(ref: str | Path, sets: Sequence[str]) -> Scenario:
    """Load a scenario with ``KEY=VALUE`` changes; raises UserError naming the bad key."""
    from game.errors import UserError
    from game.scenario import ScenarioError, load
    from game.scenario.loader import build, merged_raw, resolve_ref
    if not sets:
        return load(ref)
    path = ref if isinstance(ref, Path) else resolve_ref(str(ref))
    raw = merged_raw(path)
    for item in sets:
        key, eq, text = item.partition("=")
        key = key.strip()
        if not eq or not key:
            raise UserError(f"--set {item!r}: expected KEY=VALUE, e.g. front.speed_km_per_turn=80")
        table = raw
        parts = key.split(".")
        for i, part in enumerate(parts):
            if isinstance(table, dict) and part not in table and part in _schema_keys(parts[:i]):
                # A key the file leaves to its default: set it all the same.
                table[part] = {} if i < len(parts) - 1 else None
            if not isinstance(table, dict) or part not in table:
                known = ", ".join(sorted(table)) if isinstance(table, dict) else ""
                where = ".".join(parts[:i]) or "the scenario"
                raise UserError(f"--set {key}: unknown key '{part}' in {where}" + (f" (known: {known})" if known else ""))
            if i < len(parts) - 1:
                table[part] = dict(table[part]) if isinstance(table[part], dict) else table[part]
                table = table[part]
        if isinstance(table[parts[-1]], dict):
            raise UserError(f"--set {key}: is a table; set one of its keys ({', '.join(sorted(table[parts[-1]]))})")
        table[parts[-1]] = parse_value(text.strip())
    try:
        return build(raw, path)
    except ScenarioError as e:
        raise UserError(f"--set: {e}") from None


def _schema_keys(path: list[str]) -> set[str]:
    """The keys the scenario schema allows in the table at ``path`` (empty where it is not a fixed table)."""
    from game.scenario import spec
    from game.scenario.schema import MapOf, Table
    fields: dict = spec.TOP
    for part in path:
        node = fields.get(part, (None,))[0] if fields is not None else None
        if isinstance(node, MapOf):   # e.g. oil.japan: any key of the map, then its value's fields
            node = node.value
        node = getattr(node, "table", node)   # a switchable table (front, stavka) is checked as its table
        fields = node.fields if isinstance(node, Table) else None
        if fields is None:
            return set()
    return set(fields)


# --- the Monte Carlo core ------------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(scenario: Scenario, levels: dict[str, str]) -> None:
    _WORKER["scenario"], _WORKER["levels"] = scenario, levels


def _play_one(seed: int) -> dict[str, Any]:
    return play_one(_WORKER["scenario"], seed, _WORKER["levels"])


def play_one(scenario: Scenario, seed: int, levels: dict[str, str]) -> dict[str, Any]:
    """One game, reduced to the figures the explorer aggregates."""
    sent = [0]
    sent_div = [0.0]
    by_turn: list[tuple[int, float]] = []   # men and divisions sent west so far, after each turn

    def count_transfers(state) -> None:
        for e in state.last_events:
            if e.kind == "transfer":
                sent[0] += -sum(e.data.get("men", {}).values())
                sent_div[0] += e.data.get("divisions", 0.0)
        by_turn.append((sent[0], sent_div[0]))

    state, _ = play_ai_game(scenario, seed, levels, on_turn=count_transfers)
    s = summary(state)
    return {"winner": s["winner"], "outcome": s["outcome"], "attacked": s["japan_attacked"],
            "attack_turn": s["attack_turn"], "moscow_fell": s["moscow_fell"], "score": s["score"],
            "front": s["german_front_km"], "far_east": s["soviet_far_east_men"], "japan_men": s["japan_men"],
            "far_east_start": state.history[0]["men"].get("soviet", 0), "sent_west": sent[0],
            "sent_west_divisions": sent_div[0],
            "sent_west_by_turn": [m for m, _ in by_turn], "sent_west_divisions_by_turn": [d for _, d in by_turn]}


def _padded_median(series: list[list[float]], turns: int) -> list[float]:
    """Median per turn; a game that ended early keeps its last value."""
    out = []
    for t in range(turns):
        vals = [s[t] if t < len(s) else s[-1] for s in series if s]
        out.append(round(float(statistics.median(vals)), 1) if vals else None)
    return out


def aggregate(results: list[dict[str, Any]], turns: int) -> dict[str, Any]:
    n = len(results)
    winners = Counter({"japan": 0, "soviet": 0, "draw": 0})
    winners.update(r["winner"] for r in results)
    attack_turns = Counter(r["attack_turn"] for r in results if r["attacked"])
    fronts = [r["front"] for r in results]
    far_east = [r["far_east"] for r in results]
    return {
        "games": n,
        "winners": dict(winners),
        "win_rates": {k: round(v / n, 4) for k, v in winners.items()},
        "outcomes": dict(sorted(Counter(r["outcome"] for r in results).items())),
        "japan_attack_rate": round(sum(r["attacked"] for r in results) / n, 4),
        "moscow_fell_rate": round(sum(r["moscow_fell"] for r in results) / n, 4),
        "attack_turn_histogram": {str(t): c for t, c in sorted(attack_turns.items())},
        "german_front_km_median": _padded_median(fronts, turns),
        "german_front_peak_km_median": round(float(statistics.median(max(f) for f in fronts if f)), 1),
        "soviet_far_east_men_median": _padded_median(far_east, turns),
        "soviet_far_east_lowest_drop_median": int(statistics.median(
            r["far_east_start"] - min(r["far_east"]) for r in results if r["far_east"])),
        "soviet_men_sent_west_median": int(statistics.median(r["sent_west"] for r in results)),
        "japan_men_median": _padded_median([r["japan_men"] for r in results], turns),
        "soviet_divisions_sent_west_median": round(float(statistics.median(
            r["sent_west_divisions"] for r in results)), 1),
        "mean_score": {side: round(statistics.fmean(r["score"].get(side, 0) for r in results), 2)
                       for side in SIDES},
    }


def default_workers() -> int:
    return os.cpu_count() or 1


def explore(scenario: Scenario, games: int, seed: int = 1941, workers: int | None = None,
            levels: dict[str, str] | None = None, progress: Progress | None = None,
            details: bool = False) -> dict[str, Any]:
    """Play ``games`` AI-vs-AI games (seeds seed, seed+1, ...) over ``workers`` processes; the figures.

    ``progress(done, total)`` is called as games finish (in the calling process). A level may also be a
    ``game.ai.plan.FixedPlan``. ``details`` adds ``per_game`` (each game's figures, for the balance report).
    """
    levels = {"japan": "normal", "soviet": "normal", **(levels or {})}
    workers = max(1, min(workers or default_workers(), games))
    seeds = [(seed + i) % 2**63 for i in range(games)]
    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    if workers == 1:
        for s in seeds:
            results.append(play_one(scenario, s, levels))
            if progress:
                progress(len(results), games)
    else:
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        chunk = max(1, min(25, games // (workers * 8)))
        with ctx.Pool(workers, initializer=_init_worker, initargs=(scenario, levels)) as pool:
            for r in pool.imap(_play_one, seeds, chunksize=chunk):   # imap keeps the seeds' order
                results.append(r)
                if progress:
                    progress(len(results), games)
    out = aggregate(results, scenario.turns)
    from game.labels import outcome_names
    out.update({"scenario": scenario.id, "seed": seed, "workers": workers, "levels": levels,
                "outcome_names": outcome_names(scenario.outcomes),
                "elapsed_s": round(time.perf_counter() - started, 3)})
    if details:
        out["per_game"] = results
    return out


# --- the chart ---------------------------------------------------------------------------------------
def save_plot(r: dict[str, Any], path: str | Path, size: tuple[int, int] = (1200, 900)) -> None:
    """A PNG: the outcome histogram, and the median Western front and Soviet Far East curves by turn."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    pygame.font.init()
    w, h = size
    ink, grid, paper = (30, 30, 35), (205, 205, 200), (250, 248, 242)
    # colour-blind-safe (Okabe-Ito): blue for the USSR, vermilion for Japan, grey for draws
    colours = {"soviet": (0, 114, 178), "japan": (213, 94, 0), "draw": (120, 120, 120)}
    surf = pygame.Surface(size)
    surf.fill(paper)
    big, font, small = pygame.font.Font(None, 40), pygame.font.Font(None, 28), pygame.font.Font(None, 22)

    def text(f, s, pos, colour=ink, anchor="topleft"):
        img = f.render(s, True, colour)
        rect = img.get_rect(**{anchor: pos})
        surf.blit(img, rect)
        return rect

    title = (f"{r['scenario']}: {r['games']} games, Japan {r['levels']['japan']} vs USSR {r['levels']['soviet']}"
             f" (seed {r['seed']})")
    text(big, title, (30, 20))
    n = max(1, r["games"])
    text(font, "Winners: " + "   ".join(f"{k} {v / n:.0%}" for k, v in r["winners"].items()), (30, 60))

    # 1. outcomes: horizontal bars, longest first
    outcomes = sorted(r["outcomes"].items(), key=lambda kv: -kv[1])
    top, left, bar_w = 110, 330, w - 330 - 120
    text(font, "Outcomes", (30, top - 8))
    row = 30
    for i, (name, count) in enumerate(outcomes):
        y = top + 24 + i * row
        text(small, r.get("outcome_names", {}).get(name, name.replace("_", " ")), (left - 10, y + row // 2 - 2),
             anchor="midright")
        length = int(bar_w * count / max(c for _, c in outcomes))
        pygame.draw.rect(surf, (86, 180, 233), (left, y + 4, max(2, length), row - 8))
        text(small, f"{count} ({count / n:.0%})", (left + length + 8, y + row // 2 - 2), anchor="midleft")
    charts_top = top + 40 + max(3, len(outcomes)) * row

    # 2 and 3: median curves per turn
    def curve(series, label, colour, box, unit, scale, ref=None):
        x0, y0, cw, ch = box
        pygame.draw.rect(surf, (255, 255, 255), box)
        pygame.draw.rect(surf, grid, box, 1)
        text(font, label, (x0, y0 - 30))
        vals = [v for v in series if v is not None]
        if not vals:
            return
        hi = max(max(vals), ref or 0) * 1.1 or 1.0
        for k in range(5):
            v = hi * k / 4
            y = y0 + ch - ch * k / 4
            pygame.draw.line(surf, grid, (x0, y), (x0 + cw, y))
            text(small, f"{v / scale:,.0f}{unit}", (x0 - 6, y), anchor="midright")
        if ref:
            y = y0 + ch - ch * ref / hi
            pygame.draw.line(surf, (0, 158, 115), (x0, y), (x0 + cw, y), 2)
            text(small, "Moscow", (x0 + cw - 4, y - 2), (0, 130, 95), anchor="bottomright")
        step = cw / max(1, len(series) - 1)
        pts = [(x0 + i * step, y0 + ch - ch * v / hi) for i, v in enumerate(series) if v is not None]
        if len(pts) > 1:
            pygame.draw.lines(surf, colour, False, pts, 3)
        for p in pts:
            pygame.draw.circle(surf, colour, p, 4)
        text(small, "turn", (x0 + cw // 2, y0 + ch + 26), anchor="midtop")
        for i in range(0, len(series), 5):
            text(small, str(i + 1), (x0 + i * step, y0 + ch + 6), anchor="midtop")

    box_h = h - charts_top - 90
    half = (w - 150) // 2
    curve(r["german_front_km_median"], "Median German front (km from the border)", colours["japan"],
          (90, charts_top + 40, half - 40, box_h), " km", 1, ref=1000)
    curve(r["soviet_far_east_men_median"], "Median Soviet Far East strength (thousand men)", colours["soviet"],
          (150 + half, charts_top + 40, half - 40, box_h), "k", 1000)
    # Encode in memory and write atomically: a bad path is then an OSError (one line in ``run``), not a
    # pygame.error with a traceback.
    buffer = io.BytesIO()
    pygame.image.save(surf, buffer, "png")
    paths.atomic_write(path, buffer.getvalue())


# --- command line ------------------------------------------------------------------------------------
class Bar:
    """A progress bar on stderr, redrawn at most a few times a second."""

    def __init__(self, stream=sys.stderr, width: int = 30):
        self.stream, self.width, self.last = stream, width, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        filled = int(self.width * done / total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} games")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def run(args) -> int:
    from game.errors import UserError
    if args.plot and not args.plot.lower().endswith(".png"):
        raise UserError(f"--plot {args.plot}: expected a file name ending in .png")
    scenario = with_overrides(args.scenario, args.set)
    levels = {"japan": args.japan_ai, "soviet": args.soviet_ai}
    from game.ai.plan import check_levels
    check_levels(levels, scenario)   # a bad plan file: one line, exit 1, before any game is played
    result = explore(scenario, args.games, args.seed, args.workers, levels, progress=Bar())
    if args.set:
        result["overrides"] = list(args.set)
    if args.plot:
        try:
            save_plot(result, args.plot)
        except OSError as e:
            raise UserError(f"--plot {args.plot}: cannot write the file ({e.strerror})") from None
        result["plot"] = args.plot
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print_report(result)
    return 0


def print_report(r: dict[str, Any]) -> None:
    n = r["games"]
    print(f"{n} games of {r['scenario']} (Japan: {r['levels']['japan']}, USSR: {r['levels']['soviet']}), "
          f"seed {r['seed']}, {r['workers']} worker(s), {r['elapsed_s']:.1f} s")
    print("Winners: " + ", ".join(f"{k} {v} ({v / n:.0%})" for k, v in r["winners"].items()))
    print("Outcomes:")
    for k, v in sorted(r["outcomes"].items(), key=lambda kv: -kv[1]):
        print(f"  {k:28s} {v:6d}  {v / n:6.1%}")
    print(f"Japan attacked in {r['japan_attack_rate']:.1%} of games; Moscow fell in {r['moscow_fell_rate']:.1%}.")
    print(f"Median German front peak: {r['german_front_peak_km_median']:.0f} km; "
          f"median Soviet Far East men sent west: {r['soviet_men_sent_west_median']:,}.")
    print("Mean score: " + ", ".join(f"{k} {v}" for k, v in r["mean_score"].items()))
