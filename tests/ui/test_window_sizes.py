"""The game screen at the common window sizes, from both sides: the map fills its frame (no bare band), every
counter and region label is in view at the widest zoom, and no panel line runs past the panel's edge."""
import pytest

SIZES = [(1024, 768), (1280, 720), (1600, 900), (1920, 1080)]


PANEL_LINES = ("This turn:", "Stavka demands", "Stance:", "Men:", "Oil", "Your Far East", "To mobilise", "Reserves")


def panel_lines(d):
    """The panel's one-line texts as drawn (the text cache keeps each string with its surface)."""
    return [(key[0], surf.get_width()) for key, surf in d.app.text._cache.items()
            if isinstance(key[0], str) and key[0].startswith(PANEL_LINES) and not key[5]]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("side", ["japan", "soviet"])
def test_the_game_screen_fits_the_window(play, size, side):
    other = "soviet" if side == "japan" else "japan"
    d = play(f"--{side}", "human", f"--{other}", "ai:normal", size=size)
    s = d.screen
    m = s.map
    assert m.z == 0
    w, h = m.layer_size()
    assert w >= m.rect.w and h >= m.rect.h, f"the map leaves a bare band at {size}: layer {w}x{h} in {m.rect.size}"
    assert 0 <= m.offset[0] <= w - m.rect.w and 0 <= m.offset[1] <= h - m.rect.h
    for key, r in s._counter_rects.items():
        assert m.rect.contains(r), f"counter {key} is cut by the edge of the map at {size}"
    for rid in s.view.board.regions:
        assert m.rect.collidepoint(m.city(rid)), f"{rid}'s city is off the map at {size}"
    for rid, text, _, _, box, _ in m.label_layout():
        if rid is not None:
            on_screen = box.move(m.rect.x - round(m.offset[0]), m.rect.y - round(m.offset[1]))
            assert m.rect.contains(on_screen), f"the label {text!r} is cut by the edge of the map at {size}"
    lines = panel_lines(d)
    assert any(text.startswith(("This turn:", "Stavka demands")) for text, _ in lines), "the decision line is drawn"
    panel_w = s.layout.decision.w
    for text, width in lines:
        assert width <= panel_w, f"{text!r} ({width} px) runs past the panel ({panel_w} px) at {size}"
