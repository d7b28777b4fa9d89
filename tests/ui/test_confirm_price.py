"""The question before an irreversible decision says what it costs, in the scenario's own words: declaring
war tells the USSR that it breaks the Neutrality Pact and what that pays Japan."""
import pygame

from tests.conftest import NO_GATES


def dialog_text(d) -> str:
    return " ".join(k[0] for k in d.app.text._cache if isinstance(k[0], str) and "cannot be taken back" in k[0])


def test_declaring_war_names_its_price(play):
    d = play("--scenario", NO_GATES, "--japan", "ai:normal", "--soviet", "human")
    d.click_button("Declare war")
    assert d.screen.modal == "confirm"
    text = dialog_text(d)
    assert "Neutrality Pact" in text and "Japan gains 6 points" in text, text
    d.key(pygame.K_ESCAPE)
    assert d.screen.modal is None and d.screen.draft.orders.posture != "declare_war"


def test_a_decision_without_a_price_names_none(play):
    d = play("--scenario", NO_GATES)
    d.click_button("Strike north")
    text = dialog_text(d)
    assert "War with USSR begins" in text and "price" not in text and "gains" not in text, text
