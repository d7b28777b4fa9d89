"""Scripted events agree with the game they fire in: their words follow what is true in this game (Sorge
reports what Japan is really doing; Tokyo's deadline does not say it gave up when the attack is ordered)."""
import itertools

import pytest

from game.ai import LEVELS
from game.engine import Orders, new_game, resolve
from game.engine.orders import WAR_ACTIONS, split_orders
from game.engine.resolve import order_context
from game.play.match import ai_orders
from game.scenario import load


def play_to(state, day, japan=None, soviet=None):
    """Resolve turns with the given orders until the turn whose days contain ``day``; its events."""
    japan, soviet = japan or Orders(), soviet or Orders()
    while True:
        start = state.date
        state, events = resolve(state, {"japan": japan, "soviet": soviet}, state.seed)
        if (day - start).days < state.scenario.days_per_turn:
            return state, events


def fired(events, event_id):
    return next(e for e in events if e.kind == "scripted" and e.data["id"] == event_id)


def test_sorge_reports_no_attack_only_while_japan_waits(state):
    import datetime as dt
    sept = dt.date(1941, 9, 14)
    _, events = play_to(state, sept)
    assert "no attack" in fired(events, "sorge_september").title
    s, _ = play_to(state, dt.date(1941, 8, 31), japan=Orders(posture="mobilise"))
    _, events = play_to(s, sept)
    assert "keeps growing" in fired(events, "sorge_september").title
    _, events = play_to(state, sept, japan=Orders(posture="strike_south"))
    assert "turned south" in fired(events, "sorge_september").title


def test_an_attack_ordered_the_same_turn_changes_sorges_words(state):
    import datetime as dt
    # Mobilised long enough to strike (the rules ask for preparation), then the attack is ordered in the
    # turn that holds 14 September.
    s, _ = play_to(state, dt.date(1941, 8, 31), japan=Orders(posture="mobilise"))
    s, events = resolve(s, {"japan": Orders(posture="strike_north"), "soviet": Orders()}, s.seed)
    sorge = fired(events, "sorge_september")
    assert "chosen war" in sorge.title and s.war.declared_by == "japan"
    assert any(e.kind == "war_declared" for e in events)   # the same report orders the attack


def test_tokyos_deadline_says_it_gave_up_only_without_a_war(state):
    import datetime as dt
    day = dt.date(1941, 8, 9)
    _, events = play_to(state, day)
    quiet = fired(events, "decision_day")
    assert quiet.title == "Tokyo's deadline for the northern decision" and "gave up" in quiet.note
    s, _ = play_to(state, dt.date(1941, 7, 27), japan=Orders(posture="mobilise"))
    _, events = resolve(s, {"japan": Orders(posture="strike_north"), "soviet": Orders()}, s.seed)
    ordered = fired(events, "decision_day")
    assert "already ordered" in ordered.title and ordered.note.startswith("In history")


# The default words of these events claim something of the game; they may fire only when it is true.
# Events fire as a turn begins to be resolved: the claims are about the state then and the orders given.
def japan_prepares(s, orders):
    """Japan at war, having ordered the attack, mobilised (as an intelligence report would see it at the
    turn's start) or turning south."""
    return (s.war.declared_by is not None or orders["japan"].posture in WAR_ACTIONS or s.at_war()
            or s.sides["japan"].stance == "mobilise" or s.sides["japan"].south
            or orders["japan"].posture == "strike_south")


CLAIMS = {
    "sorge_september": lambda s, o: not japan_prepares(s, o),
    "sorge_october": lambda s, o: not japan_prepares(s, o),
    "decision_day": lambda s, o: s.war.declared_by is None and not any(p.posture in WAR_ACTIONS for p in o.values()),
    "typhoon": lambda s, o: not s.front.moscow_fell,
    "counteroffensive": lambda s, o: not s.front.moscow_fell,
    "volga_reached": lambda s, o: s.front.km >= 480,
    "harbin_falls": lambda s, o: s.owners["hsinking"] == "soviet",
    "smolensk_line": lambda s, o: s.front.km < 650,
}


@pytest.mark.parametrize("scenario_id", ["historical_1941", "moscow_falls_1941", "stalingrad_1942",
                                         "august_storm_1945", "smolensk_holds_1941"])
def test_no_scripted_event_contradicts_the_game_it_fires_in(scenario_id):
    """Many seeded games, every pair of computer levels: whenever an event fires with its default words,
    what those words claim is true; Sorge's 'no attack' never comes with Japan at war, mobilised or
    having ordered the attack."""
    sc = load(scenario_id)
    # Every Japanese level against every Soviet one up to Sorge's last report (the strongest Soviet level,
    # slow, once); elsewhere a few pairs, each up to the last dated event with a claim.
    claimed = [e for e in sc.events if e["id"] in CLAIMS and "date" in e]
    if scenario_id == "historical_1941":
        pairs = [(j, s) for j, s in itertools.product(LEVELS, LEVELS) if s != "hard"] + [("historical", "hard")]
        claimed = [e for e in claimed if e["id"].startswith("sorge")]
    else:
        pairs = [("easy", "easy"), ("normal", "normal"), ("historical", "historical"), ("hard", "normal")]
    last = max((e["date"] for e in claimed), default=sc.end)
    checked = 0
    for i, (lj, ls) in enumerate(pairs):
        state = new_game(sc, 100 + i)
        while not state.over and state.date <= last:
            orders = {"japan": ai_orders(state, "japan", lj), "soviet": ai_orders(state, "soviet", ls)}
            before = state
            state, events = resolve(state, orders, state.seed)
            orders = {side: split_orders(order_context(before, side), o)[0] for side, o in orders.items()}
            for e in events:
                if e.kind != "scripted" or e.data["id"] not in CLAIMS:
                    continue
                checked += 1
                if e.data["variant"] is not None:
                    continue   # other words, for a game where the default ones would not be true
                assert CLAIMS[e.data["id"]](before, orders), (scenario_id, lj, ls, before.turn, e.title)
    assert checked > 0
