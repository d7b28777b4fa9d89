"""Scenario files: TOML in, validated ``Scenario`` out (with ``extends``)."""
from .loader import SCENARIO_DIR, ScenarioError, load

__all__ = ["SCENARIO_DIR", "ScenarioError", "load"]
