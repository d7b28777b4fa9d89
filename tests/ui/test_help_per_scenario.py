"""The help opened from a game describes that scenario's choices: no Stavka or strike south in the 1939
tutorial, the alert and the declaration of war for the USSR of 1941."""
import pygame


def help_sections(d) -> dict[str, str]:
    d.key(pygame.K_h)
    assert type(d.screen).__name__ == "HowToScreen"
    return dict(d.screen.sections)


def test_the_tutorials_help_speaks_only_of_what_the_tutorial_has(play):
    d = play("--scenario", "khalkhin_gol_1939", "--soviet", "human", "--japan", "ai:normal")
    sections = help_sections(d)
    text = " ".join(sections.values())
    assert "Stavka" not in text and "strike south" not in text and "strike north" not in text
    assert "fixed" in sections["USSR"] and "fixed" in sections["Japan"]
    d.key(pygame.K_ESCAPE)
    assert type(d.screen).__name__ == "GameScreen"


def test_the_1941_help_lists_every_choice_of_each_side(play):
    d = play("--soviet", "human", "--japan", "ai:normal")
    sections = help_sections(d)
    assert all(w in sections["USSR"] for w in ("hold", "alert", "declare war", "Stavka"))
    assert all(w in sections["Japan"] for w in ("wait", "mobilise", "stand down", "strike north", "strike south"))
    assert "Stavka" not in sections["Japan"]
