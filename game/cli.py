"""The command line (DESIGN.md section 6). Exit codes: 0 success, 1 invalid input, 2 usage error.

Every expected failure prints one line on stderr and no traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, NoReturn, Sequence

from game.ai import LEVELS
from game.files.console import emit
from game.errors import UserError
from game.files.userfile import check_output

__all__ = ["UserError", "build_parser", "emit", "main"]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:   # one line, exit code 2
        self.exit(2, f"{self.prog}: usage error: {message} (see --help)\n")


SHOW_CHOICES = ("stack", "tooltip", "legend", "confirm")   # screenshot --show

def seed_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to 2**63-1, found {text}")
    return value


def whole_number(lo: int, hi: int) -> Callable[[str], int]:
    """An argument type: a whole number from ``lo`` to ``hi`` (each bound says why in its constant)."""
    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None:
            raise argparse.ArgumentTypeError(f"expected a whole number, found {text[:30]!r}")
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"expected a number from {lo:,} to {hi:,}, found {text}")
        return value
    return parse


MAX_GAMES = 100_000   # about a quarter of an hour on two cores; more is a typo, and would fill the memory
MAX_WORKERS = 64


def size_arg(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT like 1600x900, found {text!r}") from None
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"expected a size from 320x240 to 7680x4320, found {text}")
    return w, h


def level_arg(text: str) -> str:
    """A computer player: one of LEVELS, or ``plan:FILE`` (the file is read, and fails with exit 1, later)."""
    if text in LEVELS or (text.startswith("plan:") and len(text) > len("plan:")):
        return text
    raise argparse.ArgumentTypeError(f"expected {', '.join(LEVELS)} or plan:FILE, found {text!r}")


def player_arg(text: str) -> str:
    kind, _, level = text.partition(":")
    if kind == "human" and not level:
        return "human"
    if kind == "ai" and not level:
        return "ai:normal"
    if kind == "ai":
        try:
            return f"ai:{level_arg(level)}"
        except argparse.ArgumentTypeError:
            pass
    raise argparse.ArgumentTypeError(f"expected human, ai or ai:LEVEL (LEVEL: {', '.join(LEVELS)} or plan:FILE), "
                                     f"found {text!r}")


def build_parser() -> Parser:
    p = Parser(prog="kantokuen", description="Kantokuen 1941: a turn-based counterfactual strategy game. "
                                             "With no subcommand, opens the game window on the main menu.")
    sub = p.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    play = sub.add_parser("play", help="open the game window straight into a game")
    play.add_argument("--scenario", default="historical_1941", help="scenario id or path")
    play.add_argument("--japan", type=player_arg, default="human", help="human, ai or ai:LEVEL")
    play.add_argument("--soviet", type=player_arg, default="ai:normal", help="human, ai or ai:LEVEL")
    play.add_argument("--seed", type=seed_arg, default=1941)
    play.add_argument("--load", metavar="SAVE", help="continue a saved game")

    sim = sub.add_parser("simulate", help="play one full game headless, AI against AI")
    sim.add_argument("--scenario", required=True, help="scenario id or path")
    sim.add_argument("--seed", type=seed_arg, default=1941)
    sim.add_argument("--japan-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    sim.add_argument("--soviet-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    sim.add_argument("--save", metavar="FILE", help="also write the game as a save file")
    sim.add_argument("--json", action="store_true", help="print one JSON object")

    exp = sub.add_parser("explore", help="Monte Carlo over many AI-vs-AI games")
    exp.add_argument("--scenario", required=True)
    exp.add_argument("--games", type=whole_number(1, MAX_GAMES), required=True)
    exp.add_argument("--seed", type=seed_arg, default=1941)
    exp.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None)
    exp.add_argument("--japan-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    exp.add_argument("--soviet-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    exp.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="override a scenario value, e.g. front.speed_km_per_turn=80")
    exp.add_argument("--json", action="store_true")
    exp.add_argument("--plot", metavar="OUT.png")

    chk = sub.add_parser("check", help="validate scenario and save files")
    chk.add_argument("files", nargs="+", metavar="FILE")

    show = sub.add_parser("show", help="print a scenario merged with its extends chain (every key and id)")
    show.add_argument("scenario", metavar="SCENARIO", help="scenario id or path")
    show.add_argument("--json", action="store_true", help="JSON instead of TOML")

    rep = sub.add_parser("replay", help="replay a save deterministically")
    rep.add_argument("save", metavar="SAVE")
    rep.add_argument("--json", action="store_true")
    rep.add_argument("--reveal", action="store_true", help="an unfinished game: show both sides' secret figures")
    for side in ("japan", "soviet"):
        rep.add_argument(f"--password-{side}", metavar="P", help=f"open a protected save's {side} orders "
                         f"(or set KANTOKUEN_PASSWORD_{side.upper()})")

    cls = sub.add_parser("class", help="sum up a class's finished games beside the computer and history")
    cls.add_argument("saves", nargs="+", metavar="SAVE", help="save files, or folders of them")
    cls.add_argument("--out", metavar="DIR", help="where summary.md and summary.png go (default: here)")
    cls.add_argument("--json", action="store_true")
    cls.add_argument("--computer-games", type=int, default=100, metavar="N",
                     help="games the computer plays per scenario for comparison (0: none)")

    shot = sub.add_parser("screenshot", help="render the game screen headless to a PNG")
    shot.add_argument("out", metavar="OUT.png")
    shot.add_argument("--scenario", default="historical_1941")
    shot.add_argument("--side", choices=("japan", "soviet"), default="japan")
    shot.add_argument("--turn", type=int, default=0, help="play K turns AI-vs-AI first (stops at the game's end)")
    shot.add_argument("--size", type=size_arg, default=(1600, 900), help="WIDTHxHEIGHT")
    shot.add_argument("--seed", type=seed_arg, default=1941)
    shot.add_argument("--show", action="append", default=[], choices=SHOW_CHOICES,
                      help="also show: a stack order (stack), the tooltip of its target (tooltip), the legend, "
                           "the confirmation of war (confirm); repeatable")

    bal = sub.add_parser("balance", help="the balance report: levels, fixed plans, calibration (docs/balance.md)")
    bal.add_argument("--scenario", default="historical_1941", help="scenario id or path")
    bal.add_argument("--games", type=whole_number(1, MAX_GAMES), default=100, help="games per cell (default 100)")
    bal.add_argument("--seed", type=seed_arg, default=1941)
    bal.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None)
    bal.add_argument("--sections", default="matrix,plans,calibration,scenarios",
                     help="comma-separated: matrix, plans, calibration, scenarios")
    bal.add_argument("--calibration", metavar="FILE", help="targets (default scenarios/calibration/<id>.toml)")
    bal.add_argument("--out", default="docs/balance.md", help="the Markdown report (default docs/balance.md)")
    bal.add_argument("--json", action="store_true", help="also print the figures as one JSON object")

    bench = sub.add_parser("bench", help="measure the performance figures")
    bench.add_argument("--json", action="store_true")
    sweep_parser(sub)
    return p


def sweep_parser(sub) -> None:
    """``sweep`` (game/analysis/sweep.py): explore over a grid of scenario values."""
    p = sub.add_parser("sweep", help="explore at every point of a grid of scenario values (a heat map)")
    p.add_argument("--scenario", required=True)
    p.add_argument("--grid", action="append", required=True, metavar="KEY=V1,V2,...",
                   help="scenario values to try, e.g. front.speed_km_per_turn=40,80,120 (repeatable)")
    p.add_argument("--games", type=whole_number(1, MAX_GAMES), required=True, help="games at each point")
    p.add_argument("--seed", type=seed_arg, default=1941)
    p.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None,
                   help="local processes (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--japan-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    p.add_argument("--soviet-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a fixed override")
    p.add_argument("--metric", default="japan_attack_rate", help="what the heat map shows",
                   choices=("japan_attack_rate", "moscow_fell_rate", "japan_win_rate", "soviet_win_rate", "draw_rate"))
    p.add_argument("--json", action="store_true")
    p.add_argument("--plot", metavar="OUT.png")


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.play.match import play_ai_game, summary
    from game.scenario import load
    from game.ai.plan import check_levels
    if args.save:
        check_output(args.save, "--save", ".json")
    scenario = load(args.scenario)
    check_levels({"japan": args.japan_ai, "soviet": args.soviet_ai}, scenario)
    state, log = play_ai_game(scenario, args.seed, {"japan": args.japan_ai, "soviet": args.soviet_ai})
    out = summary(state)
    out["japan_ai"], out["soviet_ai"] = args.japan_ai, args.soviet_ai
    if args.save:
        from game.play.saves import write_save
        write_save(args.save, scenario, args.seed, {"japan": f"ai:{args.japan_ai}", "soviet": f"ai:{args.soviet_ai}"},
                   log)
    emit(out, args.json)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate each file (a ``.json`` is a save, a TOML with ``steps`` a plan, anything else a scenario);
    one line per problem."""
    from game.ai.plan import load_plan, looks_like_plan
    failed = 0
    for f in args.files:
        try:
            if f.endswith(".json"):
                problems = check_save(Path(f))
            elif looks_like_plan(f):   # a fixed plan (see game.ai.plan)
                load_plan(Path(f))
                problems = []
            else:
                problems = check_scenario(Path(f))
        except (UserError, ValueError) as e:
            problems = [str(e) if str(e).startswith(f) else f"{f}: {e}"]
        if problems:
            failed += 1
            for line in problems:
                print(line, file=sys.stderr)
        else:
            print(f"{f}: ok")
    return 1 if failed else 0


def check_scenario(path: Path) -> list[str]:
    """Load the scenario (raising on any problem); warn on stderr about overrides that may be typos."""
    from game.scenario.loader import build, look_alike_ids, read_layers
    layers = read_layers(path)
    build(layers.merged, path, layers)
    for line in look_alike_ids(layers):
        print(f"{path}: warning: {line}", file=sys.stderr)
    return []


def check_save(path: Path) -> list[str]:
    """Everything wrong with a save: why it does not load, and each order in it the engine would drop."""
    from game.play.ordercheck import dropped_orders
    from game.play.saves import SaveError, load_save, read_document
    from game.scenario import load
    try:
        save = load_save(path)
        return [f"{path}: {line}" for line in dropped_orders(save.scenario, save.seed, save.log)]
    except SaveError as e:
        problems = [str(e)]
        if "key 'final_state_hash'" not in str(e) and "key 'orders':" not in str(e):
            return problems
    # The file is sound but its replay fails or ends elsewhere: an edited order is the usual cause, so name it.
    doc = read_document(path)
    scenario = load(doc["scenario"])
    return problems + [f"{path}: {line}" for line in dropped_orders(scenario, doc["seed"], doc["orders"])]


def cmd_show(args: argparse.Namespace) -> int:
    """The scenario as one file: validated first, so what is printed is a scenario that loads."""
    from game.scenario.loader import build, read_layers, resolve_ref
    from game.scenario.show import to_json, to_toml
    path = Path(args.scenario) if args.scenario.endswith(".toml") else resolve_ref(args.scenario)
    layers = read_layers(path)
    scenario = build(layers.merged, path, layers)
    merged = {"id": scenario.id, **{k: v for k, v in layers.merged.items() if k != "extends"}}
    chain = f", merged with its base {layers.base_ref!r}" if layers.base_ref else ""
    header = (f"Scenario {scenario.id!r} from {path}{chain}.\n"
              f"Every key and id a file extending it may change; it loads as the same scenario.")
    sys.stdout.write(to_json(merged) if args.json else to_toml(merged, header))
    return 0


# --- subcommands implemented in their own modules -------------------------------------------------------
# Each is imported only when its command runs (the window's modules are slow to import). The imports are
# written out, so a broken import is a real error, never mistaken for a missing feature.

def cmd_menu(args: argparse.Namespace) -> int:
    from game.ui.app import run
    return run(args)


def cmd_screenshot(args: argparse.Namespace) -> int:
    check_output(args.out, "screenshot", ".png")
    from game.ui.screenshot import run
    return run(args)


def cmd_explore(args: argparse.Namespace) -> int:
    if args.plot:
        check_output(args.plot, "--plot", ".png")
    from game.analysis.explore import run
    return run(args)


def cmd_sweep(args: argparse.Namespace) -> int:
    if args.plot:
        check_output(args.plot, "--plot", ".png")
    from game.analysis.sweep import run
    return run(args)


def cmd_bench(args: argparse.Namespace) -> int:
    from game.analysis.bench import run
    try:
        from game.ui import bench as window_bench
        window: object = window_bench
    except Exception:   # no window here (pygame missing or broken): the rest is measured, and bench says so
        window = None
    return run(args, window)


def cmd_balance(args: argparse.Namespace) -> int:
    from game.analysis.balance import run
    return run(args)


def cmd_class(args: argparse.Namespace) -> int:
    from game.analysis.classroom import run
    return run(args)


def cmd_replay(args: argparse.Namespace) -> int:
    from game.play.saves import SaveError, run
    try:
        return run(args)
    except SaveError as e:   # a replay that ends elsewhere: name the first order the game drops, if any
        dropped = check_save(Path(args.save))[1:] if "key 'final_state_hash'" in str(e) else []
        if not dropped:
            raise
        first = dropped[0].removeprefix(f"{args.save}: ")
        raise UserError(f"{e}; {len(dropped)} order(s) in it the game drops, the first: {first}") from None


COMMANDS = {
    "menu": cmd_menu,
    "play": cmd_menu,
    "simulate": cmd_simulate,
    "explore": cmd_explore,
    "check": cmd_check,
    "show": cmd_show,
    "replay": cmd_replay,
    "class": cmd_class,
    "screenshot": cmd_screenshot,
    "bench": cmd_bench,
    "sweep": cmd_sweep,
    "balance": cmd_balance,
}


def dispatch(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except ModuleNotFoundError as e:
        if not e.name or e.name.split(".")[0] == "game":
            raise   # our own module missing is a bug: show it
        raise UserError(f"'{args.command}' needs the Python package '{e.name}': "
                        f"run python -m pip install kantokuen1941 (or -e . in a checkout)") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:   # no subcommand: the window opens on the main menu
            args.command = "menu"
        return dispatch(args)
    except UserError as e:   # also ScenarioError and SaveError
        print(f"kantokuen: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:   # stdout closed early (``... --json | head``): stop quietly, like other tools
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # so the exit flush cannot fail too
        return 141
