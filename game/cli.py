"""The command line (DESIGN.md section 6). Exit codes: 0 success, 1 invalid input, 2 usage error.

Every expected failure prints one line on stderr and no traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

from game.ai import LEVELS


class UserError(Exception):
    """Invalid input: printed as one line, exit code 1."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:   # one line, exit code 2
        self.exit(2, f"{self.prog}: usage error: {message} (see --help)\n")


def seed_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to 2**63-1, found {text}")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, found {text}")
    return value


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
    exp.add_argument("--games", type=positive_int, required=True)
    exp.add_argument("--seed", type=seed_arg, default=1941)
    exp.add_argument("--workers", type=positive_int, default=None)
    exp.add_argument("--japan-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    exp.add_argument("--soviet-ai", type=level_arg, default="normal", help="LEVEL or plan:FILE")
    exp.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="override a scenario value, e.g. front.speed_km_per_turn=80")
    exp.add_argument("--json", action="store_true")
    exp.add_argument("--plot", metavar="OUT.png")

    chk = sub.add_parser("check", help="validate scenario and save files")
    chk.add_argument("files", nargs="+", metavar="FILE")

    rep = sub.add_parser("replay", help="replay a save deterministically")
    rep.add_argument("save", metavar="SAVE")
    rep.add_argument("--json", action="store_true")

    shot = sub.add_parser("screenshot", help="render the game screen headless to a PNG")
    shot.add_argument("out", metavar="OUT.png")
    shot.add_argument("--scenario", default="historical_1941")
    shot.add_argument("--side", choices=("japan", "soviet"), default="japan")
    shot.add_argument("--turn", type=int, default=0, help="play K turns AI-vs-AI first")
    shot.add_argument("--size", type=size_arg, default=(1600, 900), help="WIDTHxHEIGHT")
    shot.add_argument("--seed", type=seed_arg, default=1941)

    bench = sub.add_parser("bench", help="measure the performance figures")
    bench.add_argument("--json", action="store_true")
    return p


def emit(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, sort_keys=True))
    else:
        for k, v in data.items():
            print(f"{k}: {v}")


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.match import play_ai_game, summary
    from game.scenario import load
    from game.ai.plan import check_levels
    scenario = load(args.scenario)
    check_levels({"japan": args.japan_ai, "soviet": args.soviet_ai}, scenario)
    state, log = play_ai_game(scenario, args.seed, {"japan": args.japan_ai, "soviet": args.soviet_ai})
    out = summary(state)
    out["japan_ai"], out["soviet_ai"] = args.japan_ai, args.soviet_ai
    if args.save:
        from game.saves import write_save
        write_save(args.save, scenario, args.seed, {"japan": f"ai:{args.japan_ai}", "soviet": f"ai:{args.soviet_ai}"},
                   log)
    emit(out, args.json)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from game.scenario import ScenarioError, load
    failed = 0
    for f in args.files:
        try:
            if f.endswith(".json"):
                from game.saves import load_save
                load_save(f)
            else:
                from pathlib import Path
                load(Path(f))
            print(f"{f}: ok")
        except (ScenarioError, ValueError) as e:
            failed += 1
            print(str(e) if str(e).startswith(f) else f"{f}: {e}", file=sys.stderr)
    return 1 if failed else 0


# Subcommands implemented in their own modules: each has ``run(args) -> int``.
MODULES = {
    "menu": "game.ui.app",
    "play": "game.ui.app",
    "screenshot": "game.ui.screenshot",
    "explore": "game.explore",
    "bench": "game.bench",
    "replay": "game.saves",
}


def dispatch(args: argparse.Namespace) -> int:
    if args.command in COMMANDS:
        return COMMANDS[args.command](args)
    import importlib
    try:
        module = importlib.import_module(MODULES[args.command])
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith("game"):
            raise UserError(f"'{args.command}' is not available in this version yet") from None
        raise UserError(f"'{args.command}' needs the Python package '{e.name}': "
                        f"run python -m pip install -e .") from None
    return module.run(args)


COMMANDS = {"simulate": cmd_simulate, "check": cmd_check}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from game.scenario import ScenarioError
    try:
        if args.command is None:   # no subcommand: the window opens on the main menu
            args.command = "menu"
        return dispatch(args)
    except (UserError, ScenarioError) as e:
        print(f"kantokuen: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:   # stdout closed early (``... --json | head``): stop quietly, like other tools
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # so the exit flush cannot fail too
        return 141
