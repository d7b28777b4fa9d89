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
import signal
import sys
import time
import tomllib
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from game.files import paths
from game.engine import SIDES, Scenario
from game.present.labels import plural
from game.play.match import play_ai_game, summary

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
                raise UserError(f"--set {key}: unknown key '{part}' in {where}"
                                + (f" (known: {known})" if known else ""))
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


# --- one game ---------------------------------------------------------------------------------------
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
    s = summary(state, with_hash=False)   # the explorer reports no game's hash
    return {"winner": s["winner"], "outcome": s["outcome"], "attacked": s["japan_attacked"],
            "attack_turn": s["attack_turn"], "moscow_fell": s["moscow_fell"], "score": s["score"],
            "front": s["german_front_km"], "far_east": s["soviet_far_east_men"], "japan_men": s["japan_men"],
            "far_east_start": state.history[0].men.get("soviet", 0), "sent_west": sent[0],
            "sent_west_divisions": sent_div[0],
            "sent_west_by_turn": [m for m, _ in by_turn], "sent_west_divisions_by_turn": [d for _, d in by_turn]}


def game_seed(seed: int, game: int) -> int:
    """Game ``game`` of a run is played with seed ``seed + game``, whoever plays it and wherever."""
    return (seed + game) % 2**63


# --- the figures, summed up as the games finish --------------------------------------------------------
class Median:
    """The median of a stream of numbers, equal to ``statistics.median`` of the whole list.

    It keeps a count of each distinct value, not the values: the figures are rounded (0.1 km, whole men), so
    the memory grows with the number of different values, which levels off, not with the number of games.
    """

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.n = 0

    def add(self, value: float) -> None:
        self.counts[value] += 1
        self.n += 1

    def value(self) -> float | None:
        if not self.n:
            return None
        low_rank, high_rank = (self.n - 1) // 2, self.n // 2   # the same rank when n is odd
        low = high = None
        seen = 0
        for v in sorted(self.counts):
            seen += self.counts[v]
            if low is None and seen > low_rank:
                low = v
            if seen > high_rank:
                high = v
                break
        return high if self.n % 2 else (low + high) / 2   # the same arithmetic as statistics.median


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(float(value), digits)


class Accumulator:
    """The explorer's figures over games added one at a time in any order (the result does not depend on the
    order), so a run of any length keeps no list of games."""

    def __init__(self, turns: int):
        self.turns = turns
        self.games = 0
        self.winners = Counter({"japan": 0, "soviet": 0, "draw": 0})
        self.outcomes: Counter = Counter()
        self.attacked = self.moscow_fell = 0
        self.attack_turns: Counter = Counter()
        self.front = [Median() for _ in range(turns)]
        self.far_east = [Median() for _ in range(turns)]
        self.japan_men = [Median() for _ in range(turns)]
        self.front_peak, self.far_east_drop, self.sent_west = Median(), Median(), Median()
        self.sent_west_divisions = Median()
        self.score = {side: Fraction(0) for side in SIDES}   # exact sums: fsum's correctly rounded result

    def add(self, r: dict[str, Any]) -> None:
        self.games += 1
        self.winners[r["winner"]] += 1
        self.outcomes[r["outcome"]] += 1
        if r["attacked"]:
            self.attacked += 1
            self.attack_turns[r["attack_turn"]] += 1
        self.moscow_fell += bool(r["moscow_fell"])
        for medians, series in ((self.front, r["front"]), (self.far_east, r["far_east"]),
                                (self.japan_men, r["japan_men"])):
            if series:   # a game that ended early keeps its last value for the later turns
                for t in range(self.turns):
                    medians[t].add(series[t] if t < len(series) else series[-1])
        if r["front"]:
            self.front_peak.add(max(r["front"]))
        if r["far_east"]:
            self.far_east_drop.add(r["far_east_start"] - min(r["far_east"]))
        self.sent_west.add(r["sent_west"])
        self.sent_west_divisions.add(r["sent_west_divisions"])
        for side in SIDES:
            self.score[side] += Fraction(r["score"].get(side, 0))

    def headline(self) -> dict[str, Any]:
        """The figures a progress display shows: cheap enough for every frame (the per-turn medians are not)."""
        n = self.games or 1
        return {
            "games": self.games,
            "winners": dict(self.winners),
            "win_rates": {k: round(v / n, 4) for k, v in self.winners.items()},
            "outcomes": dict(sorted(self.outcomes.items())),
            "japan_attack_rate": round(self.attacked / n, 4),
            "moscow_fell_rate": round(self.moscow_fell / n, 4),
            "german_front_peak_km_median": _rounded(self.front_peak.value()),
        }

    def figures(self) -> dict[str, Any]:
        n = self.games or 1
        drop, sent = self.far_east_drop.value(), self.sent_west.value()
        return {
            **self.headline(),
            "attack_turn_histogram": {str(t): c for t, c in sorted(self.attack_turns.items())},
            "german_front_km_median": [_rounded(m.value()) for m in self.front],
            "soviet_far_east_men_median": [_rounded(m.value()) for m in self.far_east],
            "soviet_far_east_lowest_drop_median": None if drop is None else int(drop),
            "soviet_men_sent_west_median": None if sent is None else int(sent),
            "japan_men_median": [_rounded(m.value()) for m in self.japan_men],
            "soviet_divisions_sent_west_median": _rounded(self.sent_west_divisions.value()),
            "mean_score": {side: round(float(self.score[side]) / n, 2) for side in SIDES},
        }


def aggregate(results: Iterable[dict[str, Any]], turns: int) -> dict[str, Any]:
    acc = Accumulator(turns)
    for r in results:
        acc.add(r)
    return acc.figures()


# --- the games, on local processes --------------------------------------------------------------------
# A task is (point, first game, number of games): a slice of the games of one scenario variant ("point"; a
# plain explore has the one point 0). Workers get the scenarios once, when they start.
Task = tuple[int, int, int]
_WORKER: dict[str, Any] = {}


def tasks_for(points: int, games: int, chunk: int) -> list[Task]:
    return [(p, first, min(chunk, games - first)) for p in range(points) for first in range(0, games, chunk)]


def chunk_size(total_games: int, workers: int) -> int:
    """Games per task: big enough to keep the hand-over cheap, small enough to share the work out evenly."""
    return max(1, min(25, total_games // (workers * 8)))


Finished = tuple[int, int, list[dict[str, Any]]]   # a task's point, first game and the games' figures


def play_task(scenarios: Sequence[Scenario], levels: dict[str, str], seed: int, task: Task) -> Finished:
    point, first, count = task
    return point, first, [play_one(scenarios[point], game_seed(seed, g), levels) for g in range(first, first + count)]


def _init_worker(scenarios: Sequence[Scenario], levels: dict[str, str], seed: int) -> None:
    # A worker forked from the window inherits SDL's handler, which turns SIGTERM into a quit event: the
    # worker would then outlive ``close``. Workers end on SIGTERM, and leave Ctrl+C to the parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.update(scenarios=scenarios, levels=levels, seed=seed)


def _play_task(task: Task) -> Finished:
    return play_task(_WORKER["scenarios"], _WORKER["levels"], _WORKER["seed"], task)


class LocalPool:
    """Tasks played by ``workers`` local processes; finished tasks come back as they finish, in any order.

    ``in_process`` plays them in the calling process instead (one worker on the command line), one task per
    call to ``finished``.
    """

    def __init__(self, scenarios: Sequence[Scenario], levels: dict[str, str], seed: int, workers: int,
                 tasks: Sequence[Task], in_process: bool = False):
        self.scenarios, self.levels, self.seed = list(scenarios), levels, seed
        self.pending = list(tasks)
        self.outstanding = len(self.pending)
        self.pool = self.stream = None
        if not in_process:
            ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
            self.pool = ctx.Pool(workers, initializer=_init_worker, initargs=(self.scenarios, levels, seed))
            self.stream = self.pool.imap_unordered(_play_task, self.pending)
            self.pending = []

    @property
    def done(self) -> bool:
        return self.outstanding == 0

    def finished(self, timeout: float | None = None) -> list[Finished]:
        """The tasks finished by now; waits up to ``timeout`` seconds (None: until one is) for the first."""
        out: list[Finished] = []
        if self.stream is None:
            if self.pending:
                out.append(play_task(self.scenarios, self.levels, self.seed, self.pending.pop(0)))
        else:
            wait = timeout
            while self.outstanding > len(out):
                try:
                    out.append(self.stream.next(wait))
                except multiprocessing.TimeoutError:
                    break
                wait = 0   # then take whatever else is ready, without waiting
        self.outstanding -= len(out)
        return out

    def __iter__(self) -> Iterator[Finished]:
        while not self.done:
            yield from self.finished()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = self.stream = None

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def default_workers() -> int:
    return os.cpu_count() or 1


def explore(scenario: Scenario, games: int, seed: int = 1941, workers: int | None = None,
            levels: dict[str, str] | None = None, progress: Progress | None = None,
            details: bool = False) -> dict[str, Any]:
    """Play ``games`` AI-vs-AI games (seeds seed, seed+1, ...) over ``workers`` processes; the figures.

    ``progress(done, total)`` is called as games finish (in the calling process). A level may also be a
    ``game.ai.plan.FixedPlan``. ``details`` adds ``per_game`` (each game's figures in seed order, for the
    balance report; only then are the games kept).
    """
    levels = {"japan": "normal", "soviet": "normal", **(levels or {})}
    workers = max(1, min(workers or default_workers(), games))
    started = time.perf_counter()
    acc = Accumulator(scenario.turns)
    per_game: list[dict[str, Any]] = [{}] * games if details else []
    chunk = 1 if workers == 1 else chunk_size(games, workers)
    with LocalPool([scenario], levels, seed, workers, tasks_for(1, games, chunk), in_process=workers == 1) as pool:
        for _, first, results in pool:
            for r in results:
                acc.add(r)
            if details:
                per_game[first:first + len(results)] = results
            if progress:
                progress(acc.games, games)
    out = acc.figures()
    from game.present.labels import outcome_names, outcome_sides
    out.update({"scenario": scenario.id, "seed": seed, "workers": workers, "levels": levels,
                "outcome_names": outcome_names(scenario.outcomes), "outcome_sides": outcome_sides(scenario.outcomes),
                "elapsed_s": round(time.perf_counter() - started, 3)})
    if details:
        out["per_game"] = per_game
    return out


# --- the chart ---------------------------------------------------------------------------------------
def save_plot(r: dict[str, Any], path: str | Path, size: tuple[int, int] = (1200, 900)) -> None:
    """A PNG: the outcome histogram, and the median Western front and Soviet Far East curves by turn."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.present.labels import outcome_side_words
    pygame.font.init()
    w, h = size
    ink, grid, paper = (30, 30, 35), (205, 205, 200), (250, 248, 242)
    # colour-blind-safe (Okabe-Ito): blue for the USSR, vermilion for Japan, grey for draws
    colours = {"japan": (0, 114, 178), "soviet": (213, 94, 0), "draw": (120, 120, 120)}   # as in the game
    surf = pygame.Surface(size)
    surf.fill(paper)
    big, font, small = pygame.font.Font(None, 40), pygame.font.Font(None, 28), pygame.font.Font(None, 22)

    def text(f, s, pos, colour=ink, anchor="topleft"):
        img = f.render(s, True, colour)
        rect = img.get_rect(**{anchor: pos})
        surf.blit(img, rect)
        return rect

    title = (f"{r['scenario']}: {plural(r['games'], 'game')}, Japan {r['levels']['japan']} vs USSR "
             f"{r['levels']['soviet']}"
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
        favours = r.get("outcome_sides", {}).get(name, "score")   # whom the outcome favours, in words and colour
        label = r.get("outcome_names", {}).get(name, name.replace("_", " "))
        text(small, f"{label} ({outcome_side_words(favours, {'japan': 'Japan', 'soviet': 'USSR'})})",
             (left - 10, y + row // 2 - 2), anchor="midright")
        length = int(bar_w * count / max(c for _, c in outcomes))
        pygame.draw.rect(surf, colours.get(favours, (170, 170, 165)), (left, y + 4, max(2, length), row - 8))
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
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{plural(total, 'game')}")
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
    return write_outputs(result, args, save_plot, print_report)


def write_outputs(result: dict[str, Any], args: Any, save: Callable[[dict[str, Any], str], None],
                  report: Callable[[dict[str, Any]], None]) -> int:
    """The chart (``--plot``) and the figures (``--json`` or a readable report) of a finished run."""
    from game.errors import UserError
    if args.plot:
        try:
            save(result, args.plot)
        except OSError as e:
            raise UserError(f"--plot {args.plot}: cannot write the file ({e.strerror})") from None
        result["plot"] = args.plot
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        report(result)
    return 0


def print_report(r: dict[str, Any]) -> None:
    n = r["games"]
    print(f"{plural(n, 'game')} of {r['scenario']} (Japan: {r['levels']['japan']}, USSR: {r['levels']['soviet']}), "
          f"seed {r['seed']}, {r['workers']} worker(s), {r['elapsed_s']:.1f} s")
    print("Winners: " + ", ".join(f"{k} {v} ({v / n:.0%})" for k, v in r["winners"].items()))
    print("Outcomes:")
    for k, v in sorted(r["outcomes"].items(), key=lambda kv: -kv[1]):
        print(f"  {k:28s} {v:6d}  {v / n:6.1%}")
    print(f"Japan attacked in {r['japan_attack_rate']:.1%} of games; Moscow fell in {r['moscow_fell_rate']:.1%}.")
    print(f"Median German front peak: {r['german_front_peak_km_median']:.0f} km; "
          f"median Soviet Far East men sent west: {r['soviet_men_sent_west_median']:,}.")
    print("Mean score: " + ", ".join(f"{k} {v}" for k, v in r["mean_score"].items()))
