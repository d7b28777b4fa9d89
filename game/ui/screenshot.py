"""``python main.py screenshot OUT.png``: play K turns computer against computer, then draw one side's
game screen headless into a PNG."""
from __future__ import annotations

import argparse
import os
from pathlib import Path


def render(out: str | Path, scenario_id: str = "historical_1941", side: str = "japan", turns: int = 0,
           size: tuple[int, int] = (1600, 900), seed: int = 1941, select_first: bool = False,
           show: tuple[str, ...] = ()) -> Path:
    """``show``: 'stack' (the biggest stack of the side ordered to a target, an attack where one is open),
    'tooltip' (the mouse on that target, or on Vladivostok), 'legend', 'confirm' (the question before war)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.errors import UserError
    from game.engine import other
    from game.scenario import load
    from game.play.session import Session

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
    stage(app, screen, show)
    app.draw()
    app.draw()   # the second frame has the counters laid out and the widgets settled
    pygame.image.save(app.surface, str(out))
    return out


def run(args: argparse.Namespace) -> int:
    import pygame
    try:
        path = render(args.out, args.scenario, args.side, args.turn, args.size, args.seed,
                      show=tuple(getattr(args, "show", ()) or ()))
    finally:
        pygame.quit()
    print(f"wrote {path}")
    return 0


def stage(app, screen, show: tuple[str, ...]) -> None:
    """Put the screen in the state a ``--show`` screenshot asks for, as a player's clicks would."""
    v = screen.view
    target = None
    if "legend" in show:
        screen.legend_choice = True
    if "stack" in show and v.units:
        regions = sorted({u.region for u in v.units.values()})

        def attacks_from(r):
            return sum(1 for t in v.destinations(screen.stack(r)[0]) if t in v.enemy)
        region = max(regions, key=lambda r: (attacks_from(r) > 0, len(screen.stack(r)), r))
        screen.select_stack(region)
        targets = screen.destinations()
        attacks = [r for r in targets if r in v.enemy]
        if targets:
            target = (attacks or targets)[0]
            screen.order_move(target)
    if "tooltip" in show:
        app.draw()   # lays the map out, so the tooltip has a place to point at
        rid = target or "vladivostok"
        m = screen.map
        dx, dy = m.rect.x - m.offset[0], m.rect.y - m.offset[1]
        point = next(((round(x + dx), round(y + dy)) for x, y in m.spots(rid)
                      if m.region_at((round(x + dx), round(y + dy))) == rid), None)
        if point is not None:
            screen.hover_at(point)
    if "confirm" in show:
        war = next((p for p in ("strike_north", "declare_war") if p in screen.posture_buttons), None)
        if war:
            screen.set_posture(war)
