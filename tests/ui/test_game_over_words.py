"""Words that follow the state of the game: once it is over, the enemy's forces read as exact and the score
box gives the final result; at war, the panel says why the posture changes little."""
import pygame

from game.engine import player_view
from game.play.saves import load_save
from game.ui.game_screen import GameScreen
from game.ui.mapinfo import score_lines
from game.ui.panel import band_text

from ui_driver import open_app

GOLDEN = "tests/golden/historical_1941_seed7.json"


def test_the_score_box_gives_the_final_result():
    state = load_save(GOLDEN).state
    for side in ("japan", "soviet"):
        v = player_view(state, side)
        lines = score_lines(v)
        assert lines[0].startswith("Final score:") and lines[1] == f"Game over: {v.result.title}"
        assert not any("If it ended now" in x or "estimated" in x for x in lines)
        assert band_text(v.enemy_totals.men).endswith("(exact)")


def test_the_score_box_speaks_of_now_during_play(play):
    d = play()
    lines = score_lines(d.screen.view)
    assert lines[1].startswith("If it ended now:")
    assert band_text(d.screen.view.enemy_totals.men).startswith("~")


def test_the_last_screen_of_a_played_game_says_exact_not_estimate():
    """The tutorial played as Japan to its end by key presses: the last screen gives the USSR's forces as
    exact, where every turn before gave an estimate."""
    d = open_app("play", "--scenario", "khalkhin_gol_1939", "--japan", "human", "--soviet", "ai:easy", "--seed", "3")
    d.close_briefing()
    for _ in range(60):
        s = d.screen
        if not isinstance(s, GameScreen):
            break
        if s.view.over:
            d.app.text._cache.clear()   # only what the final screen draws
            s.dirty()
            d.step(2)
            drawn = {k[0] for k in d.app.text._cache if isinstance(k[0], str)}
            assert any(x.startswith("USSR: ") and x.endswith("men (exact)") for x in drawn), sorted(drawn)
            assert not any("(estimate)" in x for x in drawn)
            break
        d.key(pygame.K_RETURN if s.modal else pygame.K_e)
    else:
        raise AssertionError("the tutorial did not end")
    pygame.display.quit()


def test_at_war_the_panel_says_why_the_posture_buttons_change_little(play):
    note = "At war it changes neither oil use nor call-ups."
    d = play()
    assert not d.screen.view.war.at_war and note not in {k[0] for k in d.app.text._cache}
    pygame.display.quit()
    d = play("--scenario", "x_hour_1941")
    if not d.screen.view.war.at_war:   # the X-hour falls at the end of the first turn
        d.key(pygame.K_e)
        d.step(2)
        while d.screen.modal:
            d.key(pygame.K_RETURN)
    assert d.screen.view.war.at_war
    assert note in {k[0] for k in d.app.text._cache}
