"""The orders a human is building for this turn, checked against their view at every change, with undo."""
from __future__ import annotations

from game.engine import Move, Orders, Transfer, View
from game.engine.forces import transfer_share
from game.present.labels import plural as labels_plural


class Draft:
    def __init__(self, view: View):
        self.view = view
        self.orders = Orders()
        self._undo: list[Orders] = []

    def _try(self, new: Orders) -> str | None:
        """Adopt ``new`` if it is legal; otherwise keep the old orders and return why not."""
        problems = self.view.problems(new)
        if problems:
            return problems[0][1]
        self._undo.append(self.orders)
        self.orders = new
        return None

    def move(self, unit: str, region: str) -> str | None:
        """Order a move (replacing the unit's earlier move); moving to where it stands cancels it."""
        others = tuple(m for m in self.orders.moves if m.unit != unit)
        if region == self.view.units[unit].region:
            if len(others) == len(self.orders.moves):
                return "the unit is already there"
            return self._try(Orders(self.orders.posture, others, self.orders.transfers))
        return self._try(Orders(self.orders.posture, others + (Move(unit, region),), self.orders.transfers))

    def move_stack(self, units: list[str], region: str) -> str | None:
        """One order for several units of one region: a move each (one undo step for all); ordering them to
        where they stand cancels their moves."""
        chosen = set(units)
        others = tuple(m for m in self.orders.moves if m.unit not in chosen)
        if all(self.view.units[u].region == region for u in units):
            if len(others) == len(self.orders.moves):
                return "the units are already there" if len(units) > 1 else "the unit is already there"
            return self._try(Orders(self.orders.posture, others, self.orders.transfers))
        return self._try(Orders(self.orders.posture, others + tuple(Move(u, region) for u in units),
                                self.orders.transfers))

    def transfer(self, unit: str) -> str | None:
        """Send one more division of ``unit`` west (or what is left of it, if less)."""
        have = self.view.units[unit].divisions - self.sent(unit)
        amount = 1.0 if have >= 1.0 or have <= 0 else round(have, 2)
        sent = self.sent(unit) + amount
        others = tuple(t for t in self.orders.transfers if t.unit != unit)
        return self._try(Orders(self.orders.posture, self.orders.moves, others + (Transfer(unit, sent),)))

    def posture(self, posture: str | None) -> str | None:
        if posture == self.view.own.stance:
            posture = None   # choosing the standing stance again is no order at all
        if posture == self.orders.posture:
            return None
        return self._try(Orders(posture, self.orders.moves, self.orders.transfers))

    def undo(self) -> bool:
        if not self._undo:
            return False
        self.orders = self._undo.pop()
        return True

    def sent(self, unit: str) -> float:
        return sum(t.divisions for t in self.orders.transfers if t.unit == unit)

    def divisions_sent(self) -> float:
        return sum(t.divisions for t in self.orders.transfers)

    def move_of(self, unit: str) -> str | None:
        return next((m.to for m in self.orders.moves if m.unit == unit), None)

    def lines(self) -> list[str]:
        """The orders in words, for the orders list: the moves of one stack to one region as one line."""
        v = self.view
        out = []
        if self.orders.posture:
            out.append(f"Posture: {posture_label(self.orders.posture)}")
        groups: dict[tuple[str, str], list[str]] = {}
        for m in self.orders.moves:
            groups.setdefault((v.units[m.unit].region, m.to), []).append(m.unit)
        for (origin, to), units in groups.items():
            who = v.units[units[0]].name if len(units) == 1 else plural(len(units), "unit")
            out.append(f"Move {who}: {v.board.regions[origin].name} to {v.board.regions[to].name}")
        for t in self.orders.transfers:
            men, tanks, aircraft = transfer_share(v.units[t.unit], t.divisions, v.rules)
            out.append(f"Send west: {t.divisions:g} div. of {v.units[t.unit].name}: {men:,} men, "
                       f"{plural(tanks, 'tank')}, {aircraft} aircraft")
        return out

    def leaving(self) -> tuple[int, int, int]:
        """Men, tanks and aircraft all the transfers take west (the engine's own rule)."""
        v = self.view
        parts = [transfer_share(v.units[t.unit], t.divisions, v.rules) for t in self.orders.transfers]
        return tuple(sum(p[i] for p in parts) for i in range(3))


plural = labels_plural   # one spelling of counts for the whole game ('1 unit', '3 units', '1.5 divisions')


POSTURE_LABELS = {"wait": "Wait", "mobilise": "Mobilise", "stand_down": "Stand down", "hold": "Hold",
                  "strike_north": "Strike north", "declare_war": "Declare war", "strike_south": "Strike south"}


def posture_label(posture: str | None) -> str:
    return POSTURE_LABELS.get(posture or "", (posture or "none").replace("_", " ").capitalize())
