"""The scenario-dependent words of the game screen: they live in ``game.labels`` (the after-action report
uses them too) and are imported from here by the screen's modules."""
from game.labels import (PACT_SIGNED, days_left, front_axis_title, front_enabled, goal, milestone_label,
                         posture_refusals, stavka_enabled, tokyo_test, war_status)

__all__ = ["PACT_SIGNED", "days_left", "front_axis_title", "front_enabled", "goal", "milestone_label",
           "posture_refusals", "stavka_enabled", "tokyo_test", "war_status"]
