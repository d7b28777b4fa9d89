"""The map side of the game screen: stack orders, target badges, the confirmation of irreversible
decisions, the region tooltip, the legend and the score, and a layout that fits small and large windows."""
import pygame
import pytest

from game.files.paths import data_dir
from game.ui.game_screen import GameScreen, target_labels

from tests.conftest import NO_GATES
from ui_driver import open_app


def soviet(play):
    d = play("--japan", "ai:normal", "--soviet", "human")
    assert d.screen.view.side == "soviet"
    return d


def biggest_stack(s) -> str:
    regions = {u.region for u in s.view.units.values()}
    return max(sorted(regions), key=lambda r: (len(s.stack(r)), r))


def test_a_stack_order_moves_every_selected_unit(play):
    d = soviet(play)
    s = d.screen
    region = biggest_stack(s)
    stack = s.stack(region)
    assert len(stack) >= 2
    d.click(s.counter_rect("soviet", region).center)          # one click: the whole stack
    assert s.selection == stack
    target = s.destinations()[0]
    d.key(pygame.K_1)                                         # one order for all of them
    assert all(s.draft.move_of(u) == target for u in stack), s.message
    assert f"{len(stack)} units will move to" in s.message
    assert any(line.startswith(f"Move {len(stack)} units:") for line in s.draft.lines())
    d.key(pygame.K_u)                                         # one undo takes back the stack order
    assert all(s.draft.move_of(u) is None for u in stack)
    d.key(pygame.K_1)
    d.key(pygame.K_e)
    moved = {m[0] for m in s.session.log[0]["soviet"]["moves"]}
    assert moved == set(stack)


def test_shift_click_chooses_some_units_of_a_stack(play):
    d = soviet(play)
    s = d.screen
    region = biggest_stack(s)
    stack = s.stack(region)
    d.click(s.counter_rect("soviet", region).center)
    rows = s._unit_rows
    assert set(rows) == set(stack), "the panel lists the stack's units"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rows[stack[-1]].center, button=1,
                                         mod=pygame.KMOD_SHIFT))
    d.step(2)
    assert s.selection == stack[:-1]                          # Shift-click took the last one out
    target = s.destinations()[0]
    d.click(s.mark_rect("target", target).center)             # a click on the target's badge
    assert all(s.draft.move_of(u) == target for u in stack[:-1])
    assert s.draft.move_of(stack[-1]) is None
    d.click(rows[stack[0]].center)                            # a plain click on a row: that unit alone
    assert s.selection == [stack[0]]


def test_every_target_has_a_badge_on_its_own_region_clear_of_other_counters(play):
    d = soviet(play)
    s = d.screen
    for uid in s.units_in_order():
        s.select(uid)
        d.step()
        targets = s.destinations()
        for rid in targets:
            r = s.mark_rect("target", rid)
            assert r is not None, f"no badge for {rid}"
            if s.map.rect.contains(r):   # its centre on the region (to a pixel or two, at a tiny region's edge)
                near = {s.map.region_at((r.centerx + dx, r.centery + dy)) for dx in (-2, 0, 2) for dy in (-2, 0, 2)}
                # ...or, where the neighbours' counters cover a tiny region, beside it with a line into it
                leader = s._leaders.get(rid)
                assert rid in near or (leader and s.map.holds_layer_point(rid, *leader[1])), (rid, near)
            for (side, region), c in s._counter_rects.items():
                assert region == rid or not r.colliderect(c), (rid, side, region)


def test_targets_past_ten_get_letters_and_no_limit():
    labels = target_labels(30)
    assert [x for x, _ in labels[:10]] == list("1234567890")
    assert len(labels) == 30 and len({x for x, _ in labels[:24]}) == 24
    assert all(keys for _, keys in labels[:24])
    reserved = {pygame.K_e, pygame.K_u, pygame.K_p, pygame.K_t, pygame.K_h, pygame.K_g, pygame.K_a, pygame.K_s,
                pygame.K_l, pygame.K_b}
    assert not reserved & {k for _, keys in labels for k in keys}


def test_strike_north_asks_first_and_cancel_changes_nothing(play):
    d = play("--scenario", NO_GATES)                          # strike north open from the first turn
    s = d.screen
    before = s.draft.orders.posture
    d.click_button("Strike north")
    assert s.modal == "confirm"
    texts = {key[0] for key in d.app.text._cache}
    assert "Strike north?" in texts
    assert any("X-hour" in x and "cannot be taken back" in x for x in texts), "the dialog says what follows"
    d.click_button("Cancel (Esc)")
    assert s.modal is None and s.draft.orders.posture == before
    d.click_button("Strike north")
    d.key(pygame.K_ESCAPE)
    assert s.modal is None and s.draft.orders.posture == before
    for _ in range(len(s.view.postures) * 2):                 # P never lands on an irreversible posture
        d.key(pygame.K_p)
        assert s.modal is None and s.draft.orders.posture not in ("strike_north", "strike_south")
    d.click_button("Strike north")
    d.key(pygame.K_y)
    assert s.draft.orders.posture == "strike_north"


def test_the_tooltip_shows_the_region_facts(play):
    d = play()
    s = d.screen
    region = "vladivostok"
    m = s.map
    dx, dy = m.rect.x - m.offset[0], m.rect.y - m.offset[1]
    p = next(q for q in ((round(x + dx), round(y + dy)) for x, y in m.spots(region)) if m.region_at(q) == region)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=p, rel=(0, 0), buttons=(0, 0, 0)))
    d.step(2)
    assert s.hover == region
    texts = {key[0] for key in d.app.text._cache}
    r = s.view.board.regions[region]
    assert r.name in texts
    facts = next(x for x in texts if x.startswith("Held by"))
    assert "USSR" in facts and r.terrain in facts and f"{r.vp} victory points" in facts
    assert any(x.startswith("Objective:") for x in texts), "Vladivostok is named by a victory condition"
    assert any("USSR (estimate)" in x or "exact, in contact" in x for x in texts)


def test_score_and_legend_show(play):
    d = play()
    texts = {key[0] for key in d.app.text._cache}
    assert any(x.startswith("Score: Japan") for x in texts)
    assert any(x.startswith("If it ended now:") for x in texts)
    assert "Battle last turn" in texts and "Out of supply (yellow corner)" in texts


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (2560, 1440)])
@pytest.mark.parametrize("side", ["japan", "soviet"])
def test_every_button_lies_inside_the_window(size, side):
    other = "soviet" if side == "japan" else "japan"
    d = open_app("play", "--scenario", "historical_1941", f"--{side}", "human", f"--{other}", "ai:normal",
                 size=size)
    d.close_briefing()
    s = d.screen
    assert isinstance(s, GameScreen) and s.modal is None
    window = pygame.Rect((0, 0), size)
    labels = {b.text for b, _, _ in s.buttons.items}
    assert {"Menu", "Help (H)", "+", "-", "All", "End turn (E)", "Undo (U)", "Legend (G)"} <= labels
    for b, _, _ in s.buttons.items:
        assert window.contains(b.rect), (b.text, b.rect)
    assert window.contains(s.layout.panel) and window.contains(s.layout.map)
    for b in s.posture_buttons.values():
        assert s.layout.panel.contains(b.rect), b.text
    pygame.display.quit()


def test_the_screen_lays_out_again_for_a_new_window_size(play):
    d = play()
    s, app = d.screen, d.app
    for size in ((1024, 768), (1920, 1080)):
        app.resize(size)                                      # what the window's resize event does
        d.step(2)
        assert d.screen is s
        window = pygame.Rect((0, 0), size)
        assert s.layout.panel.right == size[0] and s.layout.panel.bottom == size[1]
        for b, _, _ in s.buttons.items:
            assert window.contains(b.rect), (size, b.text, b.rect)


def test_the_panel_says_exactly_what_a_transfer_takes_west(play):
    d = soviet(play)
    s = d.screen
    unit = max(s.view.units.values(), key=lambda u: (u.divisions, u.id))
    s.select(unit.id)
    d.step()
    texts = {key[0] for key in d.app.text._cache}
    before = next(x for x in texts if x.startswith("T: the next 1 div."))
    d.key(pygame.K_t)
    men, tanks, aircraft = s.draft.leaving()
    assert men > 0 and f"{men:,} men" in before, "the preview before T matches what T orders"
    texts = {key[0] for key in d.app.text._cache}
    assert any(x.startswith("Leaving:") and f"{men:,} men" in x for x in texts)
    d.key(pygame.K_e)
    while s.modal:
        d.key(pygame.K_RETURN)
    moved = [e for e in s.session.view_for("soviet").events if e.kind == "transfer"]
    assert [-e.data["men"]["soviet"] for e in moved] == [men]
    assert f"{men:,} men" in moved[0].text


def test_an_attack_order_shows_its_odds_and_battles_leave_markers(play):
    d = play("--scenario", "x_hour_1941", "--japan", "human", "--soviet", "ai:normal")
    s = d.screen
    for _ in range(4):   # attack the strongest enemy in reach until a battle is fought (the enemy may step back)
        v = s.view
        options = [(v.enemy[t].men[0], r, t) for r in sorted({u.region for u in v.units.values()})
                   for t in v.destinations(s.stack(r)[0]) if t in v.enemy]
        _, region, target = max(options)
        d.click(s.counter_rect("japan", region).center)
        d.click(s.mark_rect("target", target).center)
        assert all(s.draft.move_of(u) == target for u in s.selection)
        texts = {key[0] for key in d.app.text._cache}
        name = v.board.regions[target].name
        assert any(x.startswith(f"Attack on {name}:") and "Chance to win" in x for x in texts), "odds in the panel"
        assert any("(attacking)" in x and "power" in x for x in texts), "and what makes them"
        d.key(pygame.K_e)
        while s.modal:
            d.key(pygame.K_RETURN)
        if s.battle_regions():
            break
    battles = s.battle_regions()
    assert battles, "no battle in four turns of attacks"
    for rid in battles:
        assert s.mark_rect("battle", rid) is not None, f"no marker for the battle of {rid}"


@pytest.mark.parametrize("scenario", sorted(p.stem for p in data_dir("scenarios").glob("*.toml")))
def test_every_scenario_fits_1024x768_from_both_sides(scenario):
    window = pygame.Rect(0, 0, 1024, 768)
    for side, other in (("japan", "soviet"), ("soviet", "japan")):
        d = open_app("play", "--scenario", scenario, f"--{side}", "human", f"--{other}", "ai:normal",
                     size=window.size)
        d.close_briefing()
        s = d.screen
        while s.modal:
            d.key(pygame.K_RETURN)
        for b, _, _ in s.buttons.items:
            assert window.contains(b.rect), (scenario, side, b.text, b.rect)
        for b in s.posture_buttons.values():
            assert s.layout.decision.contains(b.rect), (scenario, side, b.text)
        pygame.display.quit()
