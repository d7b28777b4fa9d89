"""One game being played in the window: the state, who plays which side, and the orders log.

The UI never sees the state. It asks the session for the view of the side now planning, builds orders
against that view, and submits them. When every human side has submitted, the session asks the computer
for the other sides' orders (``game.match.ai_orders``) and resolves the turn.

What a save needs is kept in plain attributes: ``scenario``, ``seed``, ``players`` and ``log`` (one entry
per resolved turn, in the JSON form of ``game.match``), so a game can be rebuilt with ``replay`` and
rewound by cutting the log.
"""
from __future__ import annotations

from game.engine import SIDES, Orders, Scenario, View, new_game, player_view
from game.match import OrdersLog, ai_orders, play_turn, replay


def parse_player(text: str) -> tuple[str, str | None]:
    """"human" -> ("human", None); "ai:hard" -> ("ai", "hard"); "ai" -> ("ai", "normal")."""
    kind, _, level = text.partition(":")
    if kind == "human":
        return "human", None
    if kind == "ai":
        return "ai", level or "normal"
    raise ValueError(f"expected human or ai:LEVEL, found {text!r}")


class Session:
    def __init__(self, scenario: Scenario, seed: int, players: dict[str, str], log: OrdersLog | None = None):
        for side in SIDES:
            parse_player(players.get(side, "ai:normal"))   # reject bad player strings early
        self.scenario = scenario
        self.seed = seed
        self.players = {side: players.get(side, "ai:normal") for side in SIDES}
        self.log: OrdersLog = list(log or [])
        self._state = replay(scenario, seed, self.log) if self.log else new_game(scenario, seed)
        self._submitted: dict[str, Orders] = {}

    # --- who plays ----------------------------------------------------------------------------
    @property
    def human_sides(self) -> tuple[str, ...]:
        return tuple(s for s in SIDES if parse_player(self.players[s])[0] == "human")

    @property
    def hot_seat(self) -> bool:
        """Two humans at one computer: the UI hides each side's screen behind a hand-off screen."""
        return len(self.human_sides) > 1

    @property
    def current_side(self) -> str | None:
        """The human side whose orders are awaited this turn (None when the game is over or all are AI)."""
        if self.over:
            return None
        return next((s for s in self.human_sides if s not in self._submitted), None)

    @property
    def viewer(self) -> str:
        """The side whose screen is shown: the one planning, else the first human, else Japan."""
        return self.current_side or (self.human_sides[0] if self.human_sides else SIDES[0])

    # --- the game -----------------------------------------------------------------------------
    @property
    def turn(self) -> int:
        return self._state.turn

    @property
    def over(self) -> bool:
        return self._state.over

    def view_for_current_player(self) -> View:
        """Everything the side on screen may know (when the game is over, everything)."""
        return player_view(self._state, self.viewer)

    def submit(self, side: str, orders: Orders) -> bool:
        """Hand in one human side's orders; returns True when this completed and resolved the turn.

        Raises ValueError naming the first illegal part, so nothing illegal is ever logged.
        """
        if side != self.current_side:
            raise ValueError(f"it is not {side}'s turn to give orders")
        problems = player_view(self._state, side).problems(orders)
        if problems:
            what, why = problems[0]
            raise ValueError(f"{what}: {why}")
        self._submitted[side] = orders
        if self.current_side is None:
            self._resolve()
            return True
        return False

    def advance(self) -> bool:
        """Resolve a turn in which no human plays (computer against computer)."""
        if self.over or self.current_side is not None:
            return False
        self._resolve()
        return True

    def play_ai_turns(self, turns: int, level: str = "normal") -> None:
        """Let the computer play every side for ``turns`` turns (screenshots, demonstrations)."""
        for _ in range(turns):
            if self.over:
                return
            orders = {side: ai_orders(self._state, side, self._level(side, level)) for side in SIDES}
            self._state = play_turn(self._state, orders, self.log)
            self._submitted = {}

    def rewind(self, turn: int) -> None:
        """Go back to the start of ``turn`` (0 = the first), dropping the later orders from the log."""
        if not 0 <= turn <= len(self.log):
            raise ValueError(f"expected a turn from 0 to {len(self.log)}, found {turn}")
        self.log = self.log[:turn]
        self._state = replay(self.scenario, self.seed, self.log)
        self._submitted = {}

    def _level(self, side: str, fallback: str) -> str:
        kind, level = parse_player(self.players[side])
        return level if kind == "ai" and level else fallback

    def _resolve(self) -> None:
        orders = dict(self._submitted)
        for side in SIDES:
            if side not in orders:
                orders[side] = ai_orders(self._state, side, self._level(side, "normal"))
        self._state = play_turn(self._state, orders, self.log)
        self._submitted = {}
