"""Counter placement looks at each candidate spot once (counters._first_fit) and still puts every box exactly
where the plain five searches, one after the other, would put it."""
import math

import pygame
from hypothesis import given, settings, strategies as st

from game.ui.counters import place


def five_searches(items, spots, covers, obstacles=(), taken=(), gap=3, tries=160, hard=(), share=False):
    """The placement as first written: each search a loop of its own over the candidates."""
    placed = [r for _, r in taken]
    owner = [rid for rid, _ in taken]
    fixed = list(zip(placed, owner))
    out = {}
    for key, rid, size in items:
        cands = spots(rid)[:tries]
        others = [r for r, o in zip(placed, owner) if o != rid]
        other_counters = [r for r, o in fixed if o != rid]
        rect = pygame.Rect(0, 0, *size)
        found = None
        for boxes, test in ((placed, lambda r: covers(rid, r) and r.collidelist(obstacles) < 0),
                            (placed, lambda r: r.collidelist(obstacles) < 0),
                            (placed, lambda r: True),
                            (others if share else placed, lambda r: True),
                            (other_counters if share else placed, lambda r: True)):
            for x, y in cands:
                rect.center = (round(x), round(y))
                grown = rect.inflate(2 * gap, 2 * gap)
                if grown.collidelist(boxes) < 0 and grown.collidelist(list(hard)) < 0 and test(grown):
                    found = rect.copy()
                    break
            if found:
                break
        if found is None:
            x, y = cands[0]
            for i in range(1, 400):
                a, d = i * 0.7, 4 + i * 1.5
                rect.center = (round(x + d * math.cos(a)), round(y + d * math.sin(a)))
                grown = rect.inflate(2 * gap, 2 * gap)
                if grown.collidelist(placed) < 0 and grown.collidelist(list(hard)) < 0:
                    break
            found = rect.copy()
        placed.append(found)
        owner.append(rid)
        out[key] = found
    return out


boxes = st.builds(lambda x, y, w, h: pygame.Rect(x, y, w, h), st.integers(0, 200), st.integers(0, 200),
                  st.integers(4, 60), st.integers(4, 40))


@settings(max_examples=150, deadline=None)
@given(regions=st.lists(st.tuples(st.integers(10, 190), st.integers(10, 190), st.integers(10, 90)), min_size=1,
                        max_size=6),
       sizes=st.lists(st.tuples(st.integers(6, 50), st.integers(6, 30)), min_size=1, max_size=12),
       obstacles=st.lists(boxes, max_size=6), hard=st.lists(boxes, max_size=3), taken=st.lists(boxes, max_size=4),
       share=st.booleans(), half=st.floats(0.0, 1.0))
def test_one_pass_places_as_the_five_searches_do(regions, sizes, obstacles, hard, taken, share, half):
    # Round regions: a centre and a radius; the candidate spots a spiral of half-pixel points inside.
    def spots(rid):
        cx, cy, r = regions[int(rid)]
        pts = [(cx + half, cy + half)]
        for i in range(1, 200):
            a, d = i * 0.9, r * i / 200
            pts.append((cx + d * math.cos(a) + half, cy + d * math.sin(a)))
        return pts

    def covers(rid, rect):
        cx, cy, r = regions[int(rid)]
        return all(math.hypot(px - cx, py - cy) <= r for px, py in (rect.topleft, rect.topright, rect.bottomleft,
                                                                     rect.bottomright))
    items = [(i, str(i % len(regions)), size) for i, size in enumerate(sizes)]
    taken_by = [(str(i % len(regions)), r) for i, r in enumerate(taken)]
    args = dict(obstacles=obstacles, taken=taken_by, hard=hard, share=share)
    assert place(items, spots, covers, **args) == five_searches(items, spots, covers, **args)
