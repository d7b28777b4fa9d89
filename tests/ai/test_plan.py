"""Fixed-plan opponents (LEVEL plan:FILE): what a plan orders when, how bad files fail, and the command line."""
from __future__ import annotations

import datetime as dt
import json
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import plan as plans
from game.ai import tactics
from game.ai.plan import FixedPlan, PlanError, Step, check_plan, load_plan, make_plan, plan_orders
from game.ai.policies import policy_for
from game.engine import Orders, new_game, player_view, resolve
from game.analysis.explore import explore
from game.play.match import ai_orders, play_ai_game
from game.scenario import load

ROOT = Path(__file__).resolve().parents[2]
PLAN_DIR = ROOT / "scenarios" / "plans"
SHIPPED = sorted(PLAN_DIR.glob("*.toml"))
START = dt.date(1941, 6, 22)


@pytest.fixture(scope="module")
def historical():
    return load("historical_1941")


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


# --- which step is in force -------------------------------------------------------------------------
def test_a_dated_step_holds_from_the_turn_containing_its_date():
    p = FixedPlan("japan", "t", (Step(turn=0, posture="mobilise"), Step(date=dt.date(1941, 8, 3),
                                                                       posture="strike_north")))
    # 3 August is day 42 after 22 June: the fourth two-week turn (turn 3, 3-16 August)
    assert [p.in_force(t, START, 14)[0] for t in range(6)] == ["mobilise"] * 3 + ["strike_north"] * 3


def test_a_key_left_out_keeps_the_earlier_value_and_the_later_step_wins_a_tie():
    p = FixedPlan("soviet", "t", (Step(turn=0, send_west="demand"), Step(turn=3, posture="declare_war"),
                                  Step(turn=3, send_west=2.0), Step(turn=5, send_west="none")))
    assert p.in_force(0, START, 14) == (None, "demand")
    assert p.in_force(3, START, 14) == ("declare_war", 2.0)
    assert p.in_force(4, START, 14) == ("declare_war", 2.0)
    assert p.in_force(9, START, 14) == ("declare_war", "none")


def test_steps_in_any_order_and_dates_before_the_start_count_from_turn_0():
    p = FixedPlan("japan", "t", (Step(turn=4, posture="strike_south"), Step(date=dt.date(1900, 1, 1),
                                                                           posture="mobilise")))
    assert p.in_force(0, START, 14)[0] == "mobilise"
    assert p.in_force(3, START, 14)[0] == "mobilise"
    assert p.in_force(4, START, 14)[0] == "strike_south"


def test_no_step_yet_means_no_posture(historical):
    p = make_plan("japan", "late", (5, {"posture": "mobilise"}))
    view = player_view(new_game(historical, 1), "japan")
    assert plan_orders(p, view).posture is None


# --- what it orders ----------------------------------------------------------------------------------
def test_a_stance_is_ordered_only_while_the_stance_differs(historical):
    state = new_game(historical, 1)
    p = make_plan("japan", "mobilise", (0, {"posture": "mobilise"}))
    first = plan_orders(p, player_view(state, "japan"))
    assert first.posture == "mobilise"
    state, _ = resolve(state, {"japan": first, "soviet": Orders()})
    assert state.sides["japan"].stance == "mobilise"
    assert plan_orders(p, player_view(state, "japan")).posture is None


@pytest.mark.parametrize("side, action, done", [
    ("japan", "strike_north", lambda s: s.war.declared_by == "japan"),
    ("japan", "strike_south", lambda s: s.sides["japan"].south),
    ("soviet", "declare_war", lambda s: s.war.declared_by == "soviet"),
])
def test_a_one_off_action_is_asked_for_every_turn_until_it_happens_then_never_again(historical, side, action,
                                                                                     done):
    """The engine may refuse the action for a while (e.g. a preparation time); the plan keeps asking."""
    prepare = {"posture": "mobilise"} if side == "japan" else {"posture": "alert", "send_west": "none"}
    p = make_plan(side, action, (0, prepare), (1, {"posture": action}))
    other = "soviet" if side == "japan" else "japan"
    state = new_game(historical, 5)
    asked = []
    happened_at = None
    while not state.over and state.turn < 12:
        orders = plan_orders(p, player_view(state, side))
        asked.append(orders.posture == action)
        state, _ = resolve(state, {side: orders, other: Orders()})
        if happened_at is None and done(state):
            happened_at = state.turn - 1
    assert happened_at is not None, f"{action} never took effect in 12 turns"
    assert not asked[0]                                    # turn 0: the first step (no action yet)
    assert all(asked[1:happened_at + 1])                   # asked each turn until it took effect ...
    assert not any(asked[happened_at + 1:])                # ... and not after


@pytest.mark.parametrize("side, action", [("japan", "strike_north"), ("soviet", "declare_war")])
def test_a_decision_that_needs_a_stance_takes_the_stance_first(historical, side, action):
    """historical_1941: strike north needs 3 turns mobilised, a Soviet declaration 2 turns on alert."""
    rule = historical.rules["postures"][action]
    need, turns = rule["prepare_stance"], rule["prepare_turns"]
    other = "soviet" if side == "japan" else "japan"
    p = make_plan(side, "at once", (0, {"posture": action}))
    state = new_game(historical, 6)
    ordered = []
    while state.war.declared_by is None and state.turn < 10:
        orders = plan_orders(p, player_view(state, side))
        ordered.append(orders.posture)
        state, _ = resolve(state, {side: orders, other: Orders()})
    assert ordered[0] == need                        # the stance first ...
    assert ordered[1:] == [action] * turns           # ... then the decision, asked until the rules allow it
    assert state.war.declared_by == side


@pytest.mark.parametrize("send", ["none", "demand", "all", 2])
def test_send_west_uses_the_normal_players_transfers(historical, send):
    state = new_game(historical, 3)
    # play a few turns so that Stavka demands something
    for _ in range(3):
        state, _ = resolve(state, {"japan": Orders(), "soviet": Orders()})
    view = player_view(state, "soviet")
    assert view.stavka_demand and view.stavka_demand > 0
    orders = plan_orders(make_plan("soviet", "s", (0, {"send_west": send})), view)
    sent = sum(t.divisions for t in orders.transfers)
    expected = {"none": 0, "demand": view.stavka_demand, "all": sum(u.divisions for u in view.units.values()),
                2: 2}[send]
    assert [(t.unit, t.divisions) for t in orders.transfers] == \
        [(t.unit, t.divisions) for t in tactics.pick_transfers(view, expected)]
    assert sent <= expected
    if send == "all":
        demand_only = sum(t.divisions for t in tactics.pick_transfers(view, view.stavka_demand))
        assert sent >= demand_only
    assert not view.problems(orders)
    assert not {t.unit for t in orders.transfers} & {m.unit for m in orders.moves}


def test_a_plan_plays_a_whole_game_with_only_legal_moves_and_transfers(historical):
    rejected = []
    state, _ = play_ai_game(historical, 11, {
        "japan": load_plan(PLAN_DIR / "japan_north_3aug.toml"),
        "soviet": make_plan("soviet", "all", (0, {"send_west": "all"}))},
        on_turn=lambda s: rejected.extend(e.title for e in s.last_events if e.kind == "order_rejected"))
    assert state.over and state.war.declared_by == "japan"
    assert not [t for t in rejected if "posture" not in t]


def test_japans_1941_plan_mobilises_in_july_and_strikes_south_in_december(historical):
    p = load_plan(PLAN_DIR / "japan_history_1941.toml")
    state, _ = play_ai_game(historical, 2, {"japan": p, "soviet": "historical"})
    actions = {h.turn: h.actions.get("japan") for h in state.history[1:]}
    first_day = {h.turn: dt.date.fromisoformat(h.date) for h in state.history[1:]}   # of the turn resolved

    def holds(turn: int, day: dt.date) -> bool:
        return first_day[turn] <= day < first_day[turn] + dt.timedelta(days=14)

    mobilised_on = next(t for t, a in sorted(actions.items()) if a == "mobilise")
    assert holds(mobilised_on, dt.date(1941, 7, 7))
    assert state.sides["japan"].stance == "mobilise"
    if state.war.declared_by is None:   # unless the USSR opened a war first, Japan went south in December
        south = next(t for t, a in sorted(actions.items()) if a == "strike_south")
        assert holds(south, dt.date(1941, 12, 7))
        assert state.sides["japan"].south


def test_policy_for_reads_a_plan_file_and_gives_the_same_orders_as_the_plan_object(historical):
    path = PLAN_DIR / "japan_north_3aug.toml"
    state = new_game(historical, 4)
    by_file = ai_orders(state, "japan", f"plan:{path}")
    by_object = ai_orders(state, "japan", load_plan(path))
    assert by_file == by_object and by_file.posture == "mobilise"
    with pytest.raises(PlanError, match="side: expected 'soviet'"):
        policy_for("soviet", f"plan:{path}")


# --- files: shipped, bad, fuzzed ---------------------------------------------------------------------
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_plan_loads_and_fits_the_historical_scenario(path, historical):
    p = load_plan(path)
    assert p.title and p.steps
    check_plan(p, historical, p.side)


def test_the_shipped_examples_are_there():
    names = {p.stem for p in SHIPPED}
    assert {"japan_history_1941", "japan_north_3aug"} <= names


@pytest.mark.parametrize("text, needle", [
    ('title = "x"\n[[steps]]\nturn = 0\nposture = "wait"\n', "side: expected one of 'japan', 'soviet', found nothing"),
    ('side = "china"\ntitle = "x"\n[[steps]]\nturn = 0\nposture = "wait"\n', "side: expected one of"),
    ('side = "japan"\ntitle = "x"\n[[steps]]\nturn = 0\nposture = "fly"\n', "steps[0].posture: expected one of"),
    ('side = "japan"\ntitle = "x"\n[[steps]]\ndate = "1941-08-03"\nposture = "wait"\n',
     "steps[0].date: expected a date like 1941-06-22, found '1941-08-03'"),
    ('side = "japan"\ntitle = "x"\n[[steps]]\ndate = 1941-13-03\nposture = "wait"\n', "TOML syntax error"),
    ('side = "soviet"\ntitle = "x"\n[[steps]]\nturn = 0\nsend_west = -1\n', "steps[0].send_west: expected 'demand'"),
    ('side = "soviet"\ntitle = "x"\n[[steps]]\nturn = 0\nsend_west = "lots"\n', "found 'lots'"),
    ('side = "soviet"\ntitle = "x"\n[[steps]]\nturn = -1\nsend_west = 1\n', "steps[0].turn: expected a whole number"),
    ('side = "soviet"\ntitle = "x"\n[[steps]]\nturn = 0\ndate = 1941-07-01\nsend_west = 1\n',
     "steps[0]: expected a step with exactly one of turn"),
    ('side = "soviet"\ntitle = "x"\n[[steps]]\nturn = 0\n', "steps[0]: expected a step that sets posture"),
    ('side = "soviet"\ntitle = "x"\nspeed = 2\n[[steps]]\nturn = 0\nsend_west = 1\n', "speed: expected no such key"),
    ('side = "soviet"\ntitle = "x"\n[[steps]]\nturn = 0\nsend_west = 1\nwhen = 2\n', "steps[0].when: expected no such"),
    ('side = "soviet"\ntitle = "x"\nsteps = []\n', "steps: expected a list (at least 1)"),
    ("", "empty"),
])
def test_a_bad_plan_file_gets_one_line_naming_file_key_found_and_expected(tmp_path, text, needle):
    path = write(tmp_path, text)
    with pytest.raises(PlanError) as e:
        load_plan(path)
    msg = str(e.value)
    assert msg.startswith(f"{path}: ") and "\n" not in msg
    assert needle in msg


@pytest.mark.parametrize("text, needle", [
    ('side = "japan"\ntitle = "x"\n[[steps]]\nturn = 2\nposture = "hold"\n',
     "steps[0].posture: expected a posture historical_1941 allows japan (wait, mobilise"),
    ('side = "japan"\ntitle = "x"\n[[steps]]\nturn = 0\nposture = "wait"\n[[steps]]\nturn = 1\nsend_west = 1\n',
     "steps[1].send_west: expected no send_west: in historical_1941 Stavka does not command japan"),
])
def test_binding_to_a_scenario_names_the_plan_file_and_the_step(tmp_path, historical, text, needle):
    path = write(tmp_path, text)
    with pytest.raises(PlanError) as e:
        check_plan(load_plan(path), historical, "japan")
    assert str(e.value).startswith(str(path)) and needle in str(e.value)


def test_a_plan_for_the_wrong_side_is_refused(historical):
    p = load_plan(PLAN_DIR / "japan_north_3aug.toml")
    with pytest.raises(PlanError, match=r"japan_north_3aug.toml: side: expected 'soviet'.*found 'japan'"):
        check_plan(p, historical, "soviet")


def test_a_posture_the_scenario_does_not_open_to_the_side_is_refused_there_only():
    p = load_plan(PLAN_DIR / "japan_north_3aug.toml")
    with pytest.raises(PlanError, match="august_storm_1945 allows japan"):
        check_plan(p, load("august_storm_1945"), "japan")


STEP_VALUES = st.one_of(
    st.integers(-5, 30), st.floats(allow_nan=True), st.booleans(), st.text(max_size=8),
    st.sampled_from(["wait", "mobilise", "stand_down", "hold", "strike_north", "strike_south", "declare_war",
                     "demand", "none", "all", dt.date(1941, 8, 3), dt.date(1900, 1, 1), dt.date(2999, 1, 1)]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
STEP_KEYS = st.sampled_from(["turn", "date", "posture", "send_west", "when", ""])
RAW_PLANS = st.fixed_dictionaries({}, optional={
    "side": st.one_of(st.sampled_from(["japan", "soviet", "china", ""]), STEP_VALUES),
    "title": st.one_of(st.text(max_size=10), STEP_VALUES),
    "note": STEP_VALUES,
    "extra": STEP_VALUES,
    "steps": st.one_of(STEP_VALUES, st.lists(st.one_of(
        st.dictionaries(STEP_KEYS, STEP_VALUES, max_size=4), STEP_VALUES), max_size=4)),
})
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(RAW_PLANS)
def test_fuzzed_plans_load_and_play_or_fail_with_one_clean_line(historical, raw):
    try:
        p = plans.parse(raw, "fuzz.toml")
        check_plan(p, historical, p.side)
    except PlanError as e:
        msg = str(e)
        assert msg.startswith("fuzz.toml: ") and "\n" not in msg and len(msg) < 600, msg
        return
    state = new_game(historical, 1)
    for _ in range(3):
        orders = {s: (ai_orders(state, s, p) if s == p.side else Orders()) for s in ("japan", "soviet")}
        assert not [why for what, why in player_view(state, p.side).problems(orders[p.side])
                    if not what.startswith("posture")]
        state, _ = resolve(state, orders)


def _toml(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v)
    return str(v)


@FUZZ
@given(st.sampled_from(SHIPPED), st.data())
def test_shipped_plans_with_a_line_changed_load_or_fail_cleanly(tmp_path_factory, path, data):
    lines = path.read_text().splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    action = data.draw(st.sampled_from(["drop", "garble", "value"]))
    if action == "drop":
        del lines[i]
    elif action == "garble":
        lines[i] = data.draw(st.text(alphabet=string.printable, max_size=20))
    else:
        key = lines[i].partition("=")[0].strip() or "turn"
        lines[i] = f"{key} = {_toml(data.draw(st.one_of(st.integers(-3, 40), st.text(max_size=5), st.booleans())))}"
    target = tmp_path_factory.mktemp("plan") / path.name
    target.write_text("\n".join(lines) + "\n")
    try:
        p = load_plan(target)
    except PlanError as e:
        assert str(e).startswith(str(target)) and "\n" not in str(e)
        return
    try:
        tomllib.loads(target.read_text())
    except tomllib.TOMLDecodeError:
        pytest.fail("the loader accepted a file that is not TOML")
    assert p.steps


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_plan_or_one_line(tmp_path_factory, blob):
    target = tmp_path_factory.mktemp("bytes") / "p.toml"
    target.write_bytes(blob)
    try:
        load_plan(target)
    except PlanError as e:
        assert "\n" not in str(e)


# --- explore keys and the command line -----------------------------------------------------------------
def test_explore_reports_japanese_men_and_divisions_sent_west(historical):
    r = explore(historical, 2, seed=5, workers=1, levels={
        "japan": make_plan("japan", "wait", (0, {"posture": "wait"})),
        "soviet": make_plan("soviet", "two", (0, {"send_west": 2}))})
    assert len(r["japan_men_median"]) == historical.turns
    assert r["japan_men_median"][0] > 300_000
    # two divisions a turn while the Far East can spare them: far more than nothing, at most 2 a turn
    assert 2 <= r["soviet_divisions_sent_west_median"] <= 2 * historical.turns
    assert r["soviet_men_sent_west_median"] > 0
    none = explore(historical, 1, seed=5, workers=1, levels={
        "soviet": make_plan("soviet", "none", (0, {"send_west": "none"}))})
    assert none["soviet_divisions_sent_west_median"] == 0 and none["soviet_men_sent_west_median"] == 0


def cli(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_simulate_and_replay_with_a_plan_opponent(tmp_path):
    save = tmp_path / "g.json"
    out = cli("simulate", "--scenario", "historical_1941", "--seed", "3", "--json", "--save", str(save),
              "--japan-ai", "plan:scenarios/plans/japan_north_3aug.toml")
    assert out.returncode == 0, out.stderr
    game = json.loads(out.stdout)
    assert game["japan_ai"] == "plan:scenarios/plans/japan_north_3aug.toml"
    assert game["japan_attacked"]
    assert json.loads(save.read_text())["players"]["japan"] == "ai:plan:scenarios/plans/japan_north_3aug.toml"
    again = cli("replay", str(save), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["state_hash"] == game["state_hash"]


def test_explore_takes_plans_for_both_sides():
    out = cli("explore", "--scenario", "historical_1941", "--games", "2", "--workers", "1", "--json",
              "--japan-ai", "plan:scenarios/plans/japan_history_1941.toml",
              "--soviet-ai", "plan:scenarios/plans/soviet_send_all.toml")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["levels"]["soviet"] == "plan:scenarios/plans/soviet_send_all.toml"
    assert {"japan_men_median", "soviet_divisions_sent_west_median", "soviet_far_east_men_median"} <= set(r)


@pytest.mark.parametrize("command", ["simulate", "explore"])
def test_a_bad_plan_on_the_command_line_is_one_line_and_exit_1(tmp_path, command):
    bad = write(tmp_path, 'side = "soviet"\ntitle = "x"\n[[steps]]\nturn = 0\nsend_west = -3\n')
    extra = ["--games", "2"] if command == "explore" else []
    out = cli(command, "--scenario", "historical_1941", *extra, "--soviet-ai", f"plan:{bad}")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and f"{bad}: steps[0].send_west" in out.stderr and "-3" in out.stderr
    wrong_side = cli(command, "--scenario", "historical_1941", *extra,
                     "--soviet-ai", "plan:scenarios/plans/japan_north_3aug.toml")
    assert wrong_side.returncode == 1 and "side: expected 'soviet'" in wrong_side.stderr
    missing = cli(command, "--scenario", "historical_1941", *extra, "--japan-ai", f"plan:{tmp_path}/nope.toml")
    assert missing.returncode == 1 and "no such file" in missing.stderr


@pytest.mark.parametrize("flag", [["simulate", "--scenario", "historical_1941", "--japan-ai", "plan:"],
                                  ["simulate", "--scenario", "historical_1941", "--soviet-ai", "genius"],
                                  ["play", "--japan", "ai:plan:"]])
def test_a_malformed_level_is_a_usage_error(flag):
    out = cli(*flag)
    assert out.returncode == 2 and "plan:FILE" in out.stderr


def test_play_refuses_a_bad_plan_before_the_window_opens(tmp_path):
    out = cli("play", "--japan", "ai:plan:scenarios/plans/soviet_send_all.toml", "--soviet", "human")
    assert out.returncode == 1 and "side: expected 'japan'" in out.stderr


def test_a_save_with_a_plan_opponent_loads_into_a_session_and_plays_on(tmp_path):
    from game.play.saves import SaveError
    from game.play.session import Session
    plan_file = tmp_path / "north.toml"
    plan_file.write_text((PLAN_DIR / "japan_north_3aug.toml").read_text())
    save = tmp_path / "g.json"
    session = Session(load("historical_1941"), 9, {"japan": f"ai:plan:{plan_file}", "soviet": "human"})
    session.submit("soviet", Orders())   # the plan plays Japan's turn
    assert session.turn == 1
    session.save(save)
    loaded = Session.load(save)
    assert loaded.players["japan"] == f"ai:plan:{plan_file}" and loaded.state_hash == session.state_hash
    loaded.submit("soviet", Orders())
    assert loaded.turn == 2
    plan_file.unlink()
    plans._cached.cache_clear()
    with pytest.raises(SaveError, match="key 'players'.*no such file"):
        Session.load(save)


def test_check_validates_plan_files_as_plans(tmp_path):
    bad = write(tmp_path, 'side = "japan"\ntitle = "x"\n[[steps]]\nturn = 0\nposture = "fly"\n')
    out = cli("check", *[str(p) for p in SHIPPED], "scenarios/historical_1941.toml")
    assert out.returncode == 0 and out.stdout.count(": ok") == len(SHIPPED) + 1, out.stderr
    out = cli("check", str(bad))
    assert out.returncode == 1 and f"{bad}: steps[0].posture: expected one of" in out.stderr


def test_a_deeply_nested_plan_is_one_line(tmp_path):
    path = write(tmp_path, 'side = "japan"\ntitle = "x"\nnote = ' + "[" * 400 + "]" * 400 + "\n")
    with pytest.raises(PlanError) as e:
        load_plan(path)
    assert "nested" in str(e.value) and "\n" not in str(e.value)
