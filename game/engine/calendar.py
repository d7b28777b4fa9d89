"""Turns, dates and seasons."""
from __future__ import annotations

import datetime as dt

SEASONS = ("summer", "autumn", "winter", "spring")


def turn_date(start: dt.date, days_per_turn: int, turn: int) -> dt.date:
    """The first day of a turn (turn 0 starts on the scenario's start date)."""
    return start + dt.timedelta(days=days_per_turn * turn)


def total_turns(start: dt.date, end: dt.date, days_per_turn: int) -> int:
    """How many turns fit between start and end (the last turn may run past the end date)."""
    days = (end - start).days + 1
    return max(1, -(-days // days_per_turn))


def season_of(date: dt.date, seasons_by_month: dict[int, str]) -> str:
    return seasons_by_month[date.month]
