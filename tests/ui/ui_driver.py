"""Driving the real application headless: post pygame events, then step one frame."""
import argparse

import pygame

from game.ui.app import App, make_app

SIZE = (1280, 720)


class Driver:
    def __init__(self, app: App):
        self.app = app

    @property
    def screen(self):
        return self.app.screen

    def step(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.step()

    def key(self, key: int, mod: int = 0) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.step(2)

    def click(self, pos, button: int = 1) -> None:
        pos = (int(pos[0]), int(pos[1]))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        self.step(2)

    def click_button(self, label: str) -> None:
        self.click(self.screen.buttons.button(label).rect.center)

    def drag(self, start, end) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
        mid = ((start[0] + end[0]) // 2, (start[1] + end[1]) // 2)
        for p in (mid, end):
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=p, rel=(0, 0), buttons=(1, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
        self.step(2)

    def close_briefing(self) -> None:
        """A new game opens with the scenario's briefing: read it, then press Enter as a player would."""
        if getattr(self.screen, "modal", None) == "briefing":
            self.key(pygame.K_RETURN)
            assert self.screen.modal != "briefing", "Enter did not close the briefing"

    def map_pixels(self) -> bytes:
        return pygame.image.tobytes(self.app.surface.subsurface(self.screen.map.rect), "RGB")

    def free_point(self, region: str):
        """A point of ``region`` on screen that no counter or button covers."""
        s = self.screen
        m = s.map
        geo = m.geo["regions"][region]
        candidates = [m.city(region), m.anchor(region)]
        xs = [p[0] for poly in geo["polygons"] for p in poly[0]]
        ys = [p[1] for poly in geo["polygons"] for p in poly[0]]
        for i in range(1, 12):
            for j in range(1, 12):
                x = min(xs) + (max(xs) - min(xs)) * i / 12
                y = min(ys) + (max(ys) - min(ys)) * j / 12
                candidates.append(m.to_screen(x, y))
        dx, dy = m.rect.x - m.offset[0], m.rect.y - m.offset[1]
        candidates += [(round(x + dx), round(y + dy)) for x, y in m.spots(region)]   # points inside it
        safe = m.rect.inflate(-120, -120)
        for p in candidates:
            if safe.collidepoint(p) and m.region_at(p) == region and s.counter_at(p) is None:
                return p
        raise AssertionError(f"no free point of {region} on screen")


def open_app(*argv, size=SIZE) -> Driver:
    from game.cli import build_parser
    args = build_parser().parse_args(list(argv)) if argv else argparse.Namespace(command="menu")
    if args.command is None:
        args.command = "menu"
    d = Driver(make_app(args, size))
    d.step(2)
    return d
