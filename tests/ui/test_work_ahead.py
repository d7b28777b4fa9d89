"""Between frames the window works ahead: the map layer and counter layout of every zoom level are ready before
the player zooms, and they are the very ones the zoom would have worked out on the spot."""
import pygame

from game.ui import counters, game_screen, mapview

MAX_STEPS = 10_000   # a bound against a loop that never finishes (nothing here depends on speed)


def work_ahead_fully(app) -> None:
    for _ in range(MAX_STEPS):
        if not app.work_ahead(0.002):
            return
    raise AssertionError("the work ahead never finished")


def zoom_through(d) -> dict:
    """Zoom in through every level with the wheel; each level's counter rects (layer pixels) and pixels."""
    screen, out = d.screen, {}
    screen.reset_view()
    d.step()
    for z in range(len(mapview.ZOOMS)):
        if z:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, pos=screen.map.rect.center))
            d.step()
        assert screen.map.z == z
        out[z] = (dict(screen._counter_layer_rects), dict(screen._marks), d.map_pixels())
    return out


def test_every_zoom_level_is_ready_before_the_player_zooms(play, monkeypatch):
    d = play()
    d.screen.cycle_unit(1)   # a unit selected: its target badges are laid out too
    d.step()
    work_ahead_fully(d.app)
    calls = []
    place, render = counters.place_steps, mapview.MapView._render_layer
    monkeypatch.setattr(game_screen, "place_steps", lambda *a, **k: calls.append("place") or place(*a, **k))
    monkeypatch.setattr(mapview.MapView, "_render_layer",
                        lambda self, owners: calls.append("layer") or render(self, owners))
    zoom_through(d)
    assert calls == []


def test_what_is_worked_out_ahead_is_what_a_zoom_works_out(play):
    ahead = play()
    ahead.screen.cycle_unit(1)
    ahead.step()
    work_ahead_fully(ahead.app)
    ready = zoom_through(ahead)
    on_the_spot = play()
    on_the_spot.screen.cycle_unit(1)
    on_the_spot.step()
    assert zoom_through(on_the_spot) == ready


def test_a_new_turn_is_worked_out_ahead_again(play):
    d = play()
    work_ahead_fully(d.app)
    before = d.screen.view
    d.key(pygame.K_e)
    d.screen.skip_popups()
    d.step()
    assert d.screen.view is not before
    assert d.app.work_ahead(0.0)   # a new view: new work ahead
    work_ahead_fully(d.app)
    assert not d.app.work_ahead(1.0)
