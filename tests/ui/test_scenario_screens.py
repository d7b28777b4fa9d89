"""The game screen reads every label and switch from the scenario: no Western front where there is none,
Tokyo's test only where the scenario has it, Stavka's goal named from the collapse milestone, and one-off
decisions closed (with their reason) once taken."""
import numpy as np
import pygame

from game.ui.charts import TRACK
from game.ui.overlays import briefing_items
from tests.conftest import NO_GATES


def drawn(d) -> set[str]:
    """Every string the app has drawn (the text cache keeps one entry per string)."""
    return {key[0] for key in d.app.text._cache}


def track_pixels(d) -> int:
    top = pygame.surfarray.pixels3d(d.app.surface.subsurface(d.screen.layout.top))
    return int(np.count_nonzero(np.all(top == np.array(TRACK), axis=-1)))


def test_no_front_bar_where_the_scenario_has_no_western_front(play):
    d = play("--scenario", "khalkhin_gol_1939", "--japan", "ai:normal", "--soviet", "human")
    s = d.screen
    assert s.view.rules["front"]["enabled"] is False
    assert track_pixels(d) == 0, "a front track is drawn although the scenario has no Western front"
    texts = drawn(d)
    assert not any("German advance" in x or "Western front" in x for x in texts)
    assert any("days) left" in x and "16 Sep 1939" in x for x in texts), "the time left replaces the front"
    assert "AT WAR" in texts or "WAR: Japan attacks" in texts


def test_the_front_bar_names_places_and_the_goal(play):
    d = play("--scenario", "stalingrad_1942", "--japan", "ai:normal", "--soviet", "human")
    assert track_pixels(d) > 200
    texts = drawn(d)
    assert {"Voronezh", "Don bend", "Volga", "Stalingrad"} <= texts
    assert any(x.startswith("German advance: ") and "Stalingrad at 560 km" in x for x in texts)
    assert not any("from the border" in x for x in texts)


def test_tokyos_test_only_where_the_scenario_has_it(play):
    d = play("--scenario", "historical_1941")
    assert "Tokyo's test: the Soviet Far East halved" in drawn(d)
    pygame.display.quit()
    for scenario in ("khalkhin_gol_1939", "august_storm_1945"):
        d = play("--scenario", scenario)
        assert not any(x.startswith("Tokyo's test") for x in drawn(d)), scenario
        pygame.display.quit()


def test_stavka_names_its_goal_from_the_collapse_milestone(play):
    d = play("--scenario", "stalingrad_1942", "--japan", "ai:normal", "--soviet", "human")
    s = d.screen
    briefing = {x for item in briefing_items(s.view) for x in item}   # (its history may speak of Moscow)
    texts = drawn(d) - briefing
    assert any(x.startswith("Stavka demands") and "for Stalingrad" in x for x in texts)
    assert not any("Moscow" in x for x in texts)
    d.key(pygame.K_TAB)
    d.key(pygame.K_t)
    assert not s.message_is_error and "Stalingrad" in s.message and "Moscow" not in s.message


def test_no_stavka_where_it_is_switched_off(play):
    d = play("--scenario", "khalkhin_gol_1939", "--japan", "ai:normal", "--soviet", "human")
    s = d.screen
    assert s.view.rules["stavka"]["enabled"] is False
    assert not any("Stavka" in x for x in drawn(d))
    assert all(b.text != "Send 1 div. west (T)" for b, _, _ in s.buttons.items)
    d.key(pygame.K_TAB)
    d.key(pygame.K_t)
    assert s.message_is_error and "Not in this scenario" in s.message
    assert not s.draft.orders.transfers


def test_war_buttons_close_once_war_is_declared_and_say_why(play):
    d = play("--scenario", NO_GATES)   # the decisions open from the first turn
    s = d.screen
    d.click_button("Strike north")
    d.key(pygame.K_y)                             # yes: the confirmation
    assert s.draft.orders.posture == "strike_north"
    d.key(pygame.K_e)
    d.key(pygame.K_RETURN)                        # the turn report
    assert s.modal is None and s.view.war.declared_by == "japan"
    north, south = s.posture_buttons["strike_north"], s.posture_buttons["strike_south"]
    assert not north.is_enabled and not south.is_enabled
    for _ in range(len(s.view.postures) + 1):     # P goes round the postures, passing the closed ones
        d.key(pygame.K_p)
        assert s.draft.orders.posture not in ("strike_north", "strike_south")
    assert "war has already been declared" in s.message
    d.click(north.rect.center)                    # a click on the closed button explains itself
    assert s.message_is_error and "Strike north" in s.message and "war has already been declared" in s.message
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=south.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    d.step(2)
    assert s.hover_note and "cannot strike south while at war in the north" in s.hover_note


def test_strike_south_closes_once_committed(play):
    d = play("--scenario", NO_GATES)   # the decisions open from the first turn
    s = d.screen
    d.click_button("Strike south")
    d.key(pygame.K_y)
    d.key(pygame.K_e)
    d.key(pygame.K_RETURN)
    assert s.view.own.south
    assert not s.posture_buttons["strike_south"].is_enabled
    assert not s.posture_buttons["strike_north"].is_enabled
    d.click(s.posture_buttons["strike_south"].rect.center)
    assert s.message_is_error and "already committed to the southern war" in s.message
    assert s.draft.orders.posture is None


def test_a_new_game_opens_with_the_briefing_and_each_lesson_comes_before_its_turn(tmp_path):
    """The tutorial's briefing names the scenario and holds the first lessons; the next lesson is in the
    report that opens the turn it teaches, and a loaded game starts without the briefing."""
    from game.play.session import Session
    from game.ui.app import open_session

    from ui_driver import open_app
    d = open_app("play", "--scenario", "khalkhin_gol_1939", "--japan", "ai:normal", "--soviet", "human")
    s = d.screen
    assert s.modal == "briefing"
    texts = drawn(d)
    assert "Tutorial: Khalkhin Gol, 1939" in texts and s.view.title == "Tutorial: Khalkhin Gol, 1939"
    assert {"Lesson 1: the turn cycle", "Lesson 2: movement"} <= texts
    assert not any(x.startswith("Lesson 3") for x in texts)
    d.key(pygame.K_ESCAPE)
    assert s.modal is None
    d.key(pygame.K_TAB)                          # Lesson 2: the tank brigade goes by rail to Bayan-Tumen
    while s.selected != "su_tanks":
        d.key(pygame.K_TAB)
    d.click(d.free_point("choibalsan"))
    assert s.draft.move_of("su_tanks") == "choibalsan", s.message
    d.key(pygame.K_e)
    assert s.modal == "events"
    titles = [e.title for e in s.report_events()]
    assert any(t.startswith("Lesson 3") for t in titles), titles
    assert not any(t.startswith(("Lesson 1", "Lesson 2")) for t in titles), "the briefing showed them already"
    d.key(pygame.K_RETURN)
    assert "hailar" in s.view.destinations("su_1ag")   # what Lesson 3 says: now you may attack

    path = s.session.save(tmp_path / "tutorial.json")
    open_session(d.app, Session.load(path))
    d.step(2)
    assert d.screen.modal != "briefing"
    pygame.display.quit()


def test_every_region_of_the_tutorial_stays_named_at_every_zoom():
    """The counters keep clear of the place names: each of the six regions (Khalkhin Gol, Hailar under the
    Japanese division, ...) has its name readable at every zoom, turn after turn."""
    from ui_driver import open_app
    d = open_app("play", "--scenario", "khalkhin_gol_1939", "--japan", "ai:normal", "--soviet", "human")
    d.close_briefing()
    s = d.screen
    for turn in range(3):
        for z in range(4):
            m = s.map
            assert m.z == z
            names = m.label_boxes()
            assert len(names) == len(s.view.board.regions) == 6
            shift = (round(m.rect.x - m.offset[0]), round(m.rect.y - m.offset[1]))
            for box in names:
                box = box.move(shift)
                for key, r in s._counter_rects.items():
                    hidden = box.clip(r)
                    assert hidden.w * hidden.h <= 0.25 * box.w * box.h, (turn, z, key)
            if z < 3:
                d.key(pygame.K_PLUS)
        d.key(pygame.K_HOME)
        d.key(pygame.K_e)
        while s.modal:
            d.key(pygame.K_RETURN)
    pygame.display.quit()


def test_every_opponent_on_the_new_game_screen_says_what_it_is_like():
    from game.ui.screens import OPPONENT_HINTS, OPPONENTS
    assert set(OPPONENT_HINTS) == {key for key, _ in OPPONENTS}
    assert all(hint and len(hint) < 110 for hint in OPPONENT_HINTS.values())   # one line beside the label
