"""``python main.py screenshot OUT.png``: play K turns computer against computer, then draw one side's
game screen headless into a PNG."""
from __future__ import annotations

import argparse
import os
from pathlib import Path


def render(out: str | Path, scenario_id: str = "historical_1941", side: str = "japan", turns: int = 0,
           size: tuple[int, int] = (1600, 900), seed: int = 1941, select_first: bool = False) -> Path:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.errors import UserError
    from game.engine import other
    from game.scenario import load
    from game.session import Session

    out = Path(out)
    if turns < 0:
        raise UserError(f"--turn: expected 0 or more turns, found {turns}")
    if not out.parent.is_dir():
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    if out.suffix.lower() != ".png":
        raise UserError(f"{out}: expected a file name ending in .png")
    scenario = load(scenario_id)
    session = Session(scenario, seed, {side: "human", other(side): "ai:normal"})
    session.play_ai_turns(turns)

    import pygame

    from .app import App
    from .game_screen import GameScreen
    app = App(size)
    screen = GameScreen(app, session)
    app.show(screen)
    screen.skip_popups()
    if select_first:
        screen.cycle_unit(1)
    app.draw()
    app.draw()   # the second frame has the counters laid out and the widgets settled
    pygame.image.save(app.surface, str(out))
    return out


def run(args: argparse.Namespace) -> int:
    import pygame
    try:
        path = render(args.out, args.scenario, args.side, args.turn, args.size, args.seed)
    finally:
        pygame.quit()
    print(f"wrote {path}")
    return 0
