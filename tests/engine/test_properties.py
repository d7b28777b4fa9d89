"""Invariants of the rules under random play (hypothesis)."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import SIDES, Move, Orders, Transfer, new_game, resolve, state_hash
from game.engine.resolve import order_context
from game.engine.orders import POSTURES, reachable

MEN_CAUSES = {"battle", "transfer", "mobilisation", "attrition"}


def random_orders(state, side, draw):
    ctx = order_context(state, side)
    moves, transfers = [], []
    for uid in sorted(ctx.units):
        choice = draw(st.integers(0, 4))
        dest = sorted(reachable(ctx, ctx.units[uid][0]))
        if choice == 1 and dest:
            moves.append(Move(uid, draw(st.sampled_from(dest))))
        elif choice == 2 and ctx.can_transfer and ctx.units[uid][1] > 0:
            transfers.append(Transfer(uid, ctx.units[uid][1] * draw(st.sampled_from([0.25, 0.5, 1.0]))))
    posture = draw(st.sampled_from([None, *POSTURES]))
    # Also send some nonsense now and then: it must be rejected, not break anything.
    if draw(st.booleans()):
        moves.append(Move(draw(st.sampled_from(sorted(state.units))), draw(st.sampled_from(sorted(state.owners)))))
    return Orders(posture=posture, moves=tuple(moves), transfers=tuple(transfers))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), data=st.data())
def test_random_play_keeps_the_invariants(scenario, seed, data):
    state = new_game(scenario, seed)
    turns = data.draw(st.integers(1, 21))
    for _ in range(turns):
        if state.over:
            break
        before = {s: sum(u.men for u in state.units_of(s)) for s in SIDES}
        orders = {s: random_orders(state, s, data.draw) for s in SIDES}
        state, events = resolve(state, orders, seed)
        # No negative strength anywhere.
        for u in state.units.values():
            assert u.men >= 0 and u.tanks >= 0 and u.aircraft >= 0 and u.divisions >= 0, u
        # Every region has exactly one owner, one of the two sides.
        assert set(state.owners) == set(scenario.board.regions)
        assert set(state.owners.values()) <= set(SIDES)
        # Men change only through battle, transfer, mobilisation and attrition, each in the events.
        delta = {s: 0 for s in SIDES}
        for e in events:
            if "men" in e.data:
                assert e.data["cause"] in MEN_CAUSES
                for s, d in e.data["men"].items():
                    delta[s] += d
        after = {s: sum(u.men for u in state.units_of(s)) for s in SIDES}
        assert after == {s: before[s] + delta[s] for s in SIDES}
        # Oil never goes below empty.
        assert state.sides["japan"].oil >= 0


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**40), data=st.data())
def test_same_seed_and_orders_give_the_same_game_bit_for_bit(scenario, seed, data):
    log = []
    a = new_game(scenario, seed)
    for _ in range(data.draw(st.integers(1, 8))):
        orders = {s: random_orders(a, s, data.draw) for s in SIDES}
        log.append(orders)
        a, _ = resolve(a, orders, seed)
    b = new_game(scenario, seed)
    for orders in log:
        b, _ = resolve(b, orders, seed)
    assert state_hash(a) == state_hash(b)


def test_the_seed_changes_the_game(scenario):
    a, b = new_game(scenario, 1), new_game(scenario, 2)
    for _ in range(3):
        a, _ = resolve(a, {}, 1)
        b, _ = resolve(b, {}, 2)
    assert state_hash(a) != state_hash(b)
    assert a.front.km != b.front.km
