"""``python main.py sweep``: ``explore`` at every point of a grid of scenario values, drawn as a heat map.

``--grid front.speed_km_per_turn=40,80,120 --grid stavka.divisions_per_100km=0.5,1`` runs the games at all
six combinations. Every point plays the same seeds (game i: seed + i, as ``explore``), so a point's
figures equal ``explore --set ...`` with the same values and seed, and the points differ only by what the
grid changed. The games run on local worker processes, or with ``--scheduler ADDRESS`` on the workers of
a running Dask distributed cluster (the optional ``cluster`` extra); each game's seed is fixed by its
point and index, and the figures are summed as games finish whatever the order, so both give the same
figures bit for bit. Nothing keeps a list of games: memory does not grow with ``--games``.
"""
from __future__ import annotations

import io
import itertools
import os
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

from game.files import paths
from game.engine import Scenario
from game.present.labels import plural
from game.analysis.explore import (Accumulator, Bar, Finished, LocalPool, Progress, Task, chunk_size, default_workers,
                                   game_seed, write_outputs, parse_value, play_one, tasks_for, with_overrides)

METRICS = ("japan_attack_rate", "moscow_fell_rate", "japan_win_rate", "soviet_win_rate", "draw_rate")


def parse_grid(items: Sequence[str]) -> list[tuple[str, list[str]]]:
    """``KEY=V1,V2,...`` flags as (key, [value texts]); raises UserError naming the bad flag."""
    from game.errors import UserError
    grid: list[tuple[str, list[str]]] = []
    for item in items:
        key, eq, text = item.partition("=")
        key = key.strip()
        values = [v.strip() for v in text.split(",")]
        if not eq or not key or not all(values):
            raise UserError(f"--grid {item!r}: expected KEY=V1,V2,..., e.g. front.speed_km_per_turn=40,80,120")
        if key in (k for k, _ in grid):
            raise UserError(f"--grid {key}: given twice; list all its values in one --grid")
        grid.append((key, values))
    return grid


def grid_points(grid: list[tuple[str, list[str]]]) -> list[list[tuple[str, str]]]:
    """Every combination of the grid's values, the first key changing slowest."""
    return [list(zip((k for k, _ in grid), combo)) for combo in itertools.product(*(vs for _, vs in grid))]


# --- running the tasks on a Dask cluster -----------------------------------------------------------------
def _dask_task(scenario: Scenario, levels: dict[str, str], seed: int, task: Task) -> Finished:
    """One slice of one point's games, on a cluster worker (which has this package installed)."""
    point, first, count = task
    return point, first, [play_one(scenario, game_seed(seed, g), levels) for g in range(first, first + count)]


def dask_results(address: str, scenarios: Sequence[Scenario], levels: dict[str, str], seed: int,
                 tasks: Sequence[Task]) -> Iterator[Finished]:
    """The tasks' results from the cluster's workers as they finish; only a few tasks are in flight at once,
    so neither side holds the whole run."""
    from game.errors import UserError
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UserError("--scheduler needs Dask distributed: run python -m pip install -e '.[cluster]'") from None
    try:
        client = Client(address)   # waits as long as Dask's distributed.comm.timeouts.connect says
    except (OSError, TimeoutError, ValueError) as e:
        raise UserError(f"--scheduler {address}: cannot reach a Dask scheduler there ({e})") from None
    try:
        shared = client.scatter(list(scenarios), broadcast=True)   # each scenario travels to a worker once
        window = max(8, 4 * sum(client.nthreads().values()))
        todo = iter(tasks)
        running = as_completed()

        def submit(task: Task) -> None:
            running.add(client.submit(_dask_task, shared[task[0]], levels, seed, task, pure=False))

        for task in itertools.islice(todo, window):
            submit(task)
        for future in running:
            try:
                result = future.result()
            except Exception as e:   # e.g. a worker without this package: say so in one line
                raise UserError(f"--scheduler {address}: a task failed on the cluster "
                                f"({type(e).__name__}: {e})") from None
            future.release()
            yield result
            task = next(todo, None)
            if task is not None:
                submit(task)
    finally:
        client.close()


# --- the sweep ------------------------------------------------------------------------------------------
def sweep(scenario_ref: str, grid: list[tuple[str, list[str]]], games: int, seed: int = 1941,
          workers: int | None = None, levels: dict[str, str] | None = None, sets: Sequence[str] = (),
          scheduler: str | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """The explore figures at every grid point (``points``, in ``grid_points`` order)."""
    from game.errors import UserError
    from game.present.labels import outcome_names
    levels = {"japan": "normal", "soviet": "normal", **(levels or {})}
    fixed = {item.partition("=")[0].strip() for item in sets}
    for key, _ in grid:
        if key in fixed:
            raise UserError(f"--grid {key}: also given with --set; give it in one place")
    points = grid_points(grid)
    scenarios = [with_overrides(scenario_ref, [*sets, *(f"{k}={v}" for k, v in point)]) for point in points]
    from game.ai.plan import check_levels
    check_levels(levels, scenarios[0])   # a bad plan file: one line, exit 1, before any game is played
    accs = [Accumulator(sc.turns) for sc in scenarios]
    total = len(points) * games
    started = time.perf_counter()
    if scheduler:
        workers = None
        results = dask_results(scheduler, scenarios, levels, seed, tasks_for(len(points), games, 25))
    else:
        workers = max(1, min(workers or default_workers(), total))
        chunk = 1 if workers == 1 else chunk_size(total, workers)
        results = LocalPool(scenarios, levels, seed, workers, tasks_for(len(points), games, chunk),
                            in_process=workers == 1)
    done = 0
    try:
        for point, _, played in results:
            for r in played:
                accs[point].add(r)
            done += len(played)
            if progress:
                progress(done, total)
    finally:
        results.close()
    base = scenarios[0]
    return {
        "scenario": base.id, "seed": seed, "games": games, "levels": levels, "overrides": list(sets),
        "grid": {k: [parse_value(v) for v in vs] for k, vs in grid},
        "outcome_names": outcome_names(base.outcomes),
        "points": [{"set": {k: parse_value(v) for k, v in point}, **acc.figures()}
                   for point, acc in zip(points, accs)],
        "workers": workers, "scheduler": scheduler,
        "elapsed_s": round(time.perf_counter() - started, 3),
    }


def metric_value(point: dict[str, Any], metric: str) -> float:
    if metric.endswith("_win_rate"):
        return point["win_rates"][metric.removesuffix("_win_rate")]
    if metric == "draw_rate":
        return point["win_rates"]["draw"]
    return point[metric]


# --- the heat map ------------------------------------------------------------------------------------------
# Colour-blind-safe sequential scale (viridis, sampled): dark violet for 0 %, yellow for 100 %.
SCALE = ((68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37))


def scale_colour(x: float) -> tuple[int, int, int]:
    x = min(1.0, max(0.0, x)) * (len(SCALE) - 1)
    i = min(int(x), len(SCALE) - 2)
    f = x - i
    return tuple(round(a + (b - a) * f) for a, b in zip(SCALE[i], SCALE[i + 1]))


def save_heatmap(r: dict[str, Any], path: str | Path, metric: str = "japan_attack_rate",
                 size: tuple[int, int] = (1200, 900)) -> None:
    """A PNG: one cell per grid point, coloured by ``metric``. The last grid key runs along the columns, the
    others (all combinations) down the rows."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    pygame.font.init()
    w, h = size
    ink, paper = (30, 30, 35), (250, 248, 242)
    surf = pygame.Surface(size)
    surf.fill(paper)
    big, font, small = pygame.font.Font(None, 38), pygame.font.Font(None, 28), pygame.font.Font(None, 24)

    def text(f, s, pos, colour=ink, anchor="topleft"):
        img = f.render(s, True, colour)
        surf.blit(img, img.get_rect(**{anchor: pos}))

    keys = list(r["grid"])
    col_key, row_keys = keys[-1], keys[:-1]
    cols = len(r["grid"][col_key])
    rows = max(1, len(r["points"]) // cols)
    label = metric.replace("_", " ").replace("japan", "Japan").replace("soviet", "USSR").replace("moscow", "Moscow")
    text(big, f"{r['scenario']}: {label}", (30, 20))
    text(small, f"{plural(r['games'], 'game')} a point, Japan {r['levels']['japan']} vs USSR {r['levels']['soviet']}, "
                f"seed {r['seed']}" + (f", with {' '.join(r['overrides'])}" if r["overrides"] else ""), (30, 58))
    left = 70 + (max(font.size(row_label(r, i, row_keys, cols))[0] for i in range(rows)) if row_keys else 0)
    top, right, bottom = 160, w - 140, h - 60
    cw, ch = (right - left) / cols, (bottom - top) / rows
    text(font, col_key, ((left + right) / 2, top - 40), anchor="midbottom")
    for j, v in enumerate(r["grid"][col_key]):
        text(small, f"{v}", (left + cw * (j + 0.5), top - 8), anchor="midbottom")
    if row_keys:
        side = pygame.transform.rotate(font.render(" / ".join(row_keys), True, ink), 90)   # along the rows
        surf.blit(side, side.get_rect(midleft=(24, (top + bottom) / 2)))
    for i in range(rows):
        if row_keys:
            text(font, row_label(r, i, row_keys, cols), (left - 12, top + ch * (i + 0.5)), anchor="midright")
        for j in range(cols):
            value = metric_value(r["points"][i * cols + j], metric)
            cell = pygame.Rect(round(left + cw * j), round(top + ch * i), round(cw) - 2, round(ch) - 2)
            colour = scale_colour(value)
            pygame.draw.rect(surf, colour, cell)
            shade = (255, 255, 255) if sum(colour) < 380 else ink
            text(font, f"{value:.0%}", cell.center, shade, anchor="center")
    # the colour key
    for y in range(top, bottom + 1):
        pygame.draw.line(surf, scale_colour((bottom - y) / (bottom - top)), (right + 30, y), (right + 60, y))
    for k in (0, 50, 100):
        text(small, f"{k}%", (right + 66, bottom - (bottom - top) * k / 100), anchor="midleft")
    buffer = io.BytesIO()
    pygame.image.save(surf, buffer, "png")
    paths.atomic_write(path, buffer.getvalue())


def row_label(r: dict[str, Any], row: int, row_keys: list[str], cols: int) -> str:
    point = r["points"][row * cols]["set"]
    return " / ".join(f"{point[k]}" for k in row_keys)


# --- command line --------------------------------------------------------------------------------------
def run(args) -> int:
    from game.errors import UserError
    if args.plot and not args.plot.lower().endswith(".png"):
        raise UserError(f"--plot {args.plot}: expected a file name ending in .png")
    result = sweep(args.scenario, parse_grid(args.grid), args.games, args.seed, args.workers,
                   {"japan": args.japan_ai, "soviet": args.soviet_ai}, args.set, args.scheduler, progress=Bar())
    return write_outputs(result, args, lambda r, path: save_heatmap(r, path, args.metric), print_table)


def print_table(r: dict[str, Any]) -> None:
    where = f"Dask at {r['scheduler']}" if r["scheduler"] else f"{r['workers']} worker(s)"
    print(f"{plural(len(r['points']), 'point')} x {plural(r['games'], 'game')} of {r['scenario']}, "
          f"seed {r['seed']}, {where}, "
          f"{r['elapsed_s']:.1f} s")
    keys = list(r["grid"])
    columns = {"Japan attacked": "japan_attack_rate", "Moscow fell": "moscow_fell_rate",
               "Japan won": "japan_win_rate", "USSR won": "soviet_win_rate", "draw": "draw_rate"}
    print("  ".join(f"{k:>20s}" for k in keys) + "".join(f"{c:>16s}" for c in columns))
    for p in r["points"]:
        print("  ".join(f"{p['set'][k]!s:>20s}" for k in keys)
              + "".join(f"{metric_value(p, m):>16.1%}" for m in columns.values()))
