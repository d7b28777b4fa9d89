"""The lesson scenario: the 1941 decision window in about 45 minutes, with every rule of historical_1941."""
import dataclasses
import datetime as dt

from game.scenario import load


def test_the_lesson_inherits_every_rule_and_only_ends_sooner():
    """Everything but the length, the words and what Moscow held through December is worth (the lesson ends
    before the counter-offensive has pushed the Germans back) comes from the 1941 scenario."""
    base, lesson = load("historical_1941"), load("lesson_1941")
    assert lesson.start == base.start == dt.date(1941, 6, 22) and lesson.end == dt.date(1941, 12, 31)
    assert lesson.days_per_turn == base.days_per_turn and lesson.turns == 14 < base.turns
    text_or_length = {"id", "title", "summary", "note", "premise", "end", "content_hash", "source", "rules"}
    for f in dataclasses.fields(base):
        if f.name not in text_or_length:
            assert getattr(lesson, f.name) == getattr(base, f.name), f.name
    for table, rules in base.rules.items():
        if table != "victory":
            assert lesson.rules[table] == rules, table
    changed = {k for k, v in lesson.rules["victory"].items() if base.rules["victory"][k] != v}
    assert changed == {"moscow_held_vp"}
    assert lesson.rules["victory"]["moscow_held_vp"] > base.rules["victory"]["moscow_held_vp"]


def test_the_briefing_says_how_long_a_game_takes():
    from game.engine import new_game, player_view
    from game.ui.overlays import briefing_items
    view = player_view(new_game(load("lesson_1941"), 1), "japan")
    first_title, first_text, _ = briefing_items(view)[0]
    assert "14 turns of two weeks" in first_title and "45 minutes" in first_text
