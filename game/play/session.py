"""One game being played in the window: the state, who plays which side, and the orders log.

The UI never sees the state. It asks the session for the view of the side now planning, builds orders
against that view, and submits them. When every human side has submitted, the session asks the computer
for the other sides' orders (``game.play.match.ai_orders``) and resolves the turn.

What a save needs is kept in plain attributes: ``scenario``, ``seed``, ``players`` and ``log`` (one entry
per resolved turn, in the JSON form of ``game.play.match``), so a game can be rebuilt with ``replay`` and
rewound by cutting the log. Saving, loading, autosaving and branching go through ``game.play.saves``;
``save_path`` is the file this line of play belongs to (None until it is saved or loaded).

The window holds a session as a ``GameSession``: the narrow interface below is all it may ask.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from game.play import saves
from game.engine import SIDES, Orders, Scenario, State, View, new_game, player_view, state_hash
from game.play.match import OrdersLog, ai_orders, play_turn, replay


def parse_player(text: str) -> tuple[str, str | None]:
    """"human" -> ("human", None); "ai:hard" -> ("ai", "hard"); "ai" -> ("ai", "normal")."""
    kind, _, level = text.partition(":")
    if kind == "human":
        return "human", None
    if kind == "ai":
        return "ai", level or "normal"
    raise ValueError(f"expected human or ai:LEVEL, found {text!r}")


class GameSession(Protocol):
    """All the window may ask of a game in play, and nothing more.

    The UI sees the game through views of one side (the other side's only once the game is over), hands
    in orders, saves, goes back, and reads who plays and whether it is over. The state itself, the orders
    handed in so far and the orders log of both sides stay inside the session while the game runs (the
    log is handed out only at the end, for the after-action report). tests/ui/test_session_interface.py
    checks that the UI modules ask for nothing else.
    """

    @property
    def scenario(self) -> Scenario: ...            # the published scenario (title, start, events as written)
    @property
    def players(self) -> dict[str, str]: ...
    @property
    def human_sides(self) -> tuple[str, ...]: ...
    @property
    def hot_seat(self) -> bool: ...
    @property
    def current_side(self) -> str | None: ...
    @property
    def viewer(self) -> str: ...
    @property
    def turn(self) -> int: ...
    @property
    def turns_played(self) -> int: ...
    @property
    def over(self) -> bool: ...
    @property
    def state_hash(self) -> str: ...
    @property
    def save_path(self) -> Path | None: ...
    @property
    def unsaved(self) -> bool: ...
    @property
    def autosave_error(self) -> str | None: ...

    def view_for_current_player(self) -> View: ...
    def view_for(self, side: str) -> View: ...
    def submit(self, side: str, orders: Orders) -> bool: ...
    def advance(self) -> bool: ...
    def play_ai_turns(self, turns: int, level: str = "normal") -> None: ...
    def save(self, path: str | Path | None = None) -> Path: ...
    def has_password(self, side: str) -> bool: ...
    def password_ok(self, side: str, password: str) -> bool: ...
    def past_turns(self) -> list[tuple[int, dt.date]]: ...
    def branch(self, turn: int) -> "saves.Branch": ...
    def rewind(self, turn: int) -> None: ...
    def final_log(self) -> OrdersLog: ...


# The names of ``GameSession``: the only attributes the UI may read of a session.
UI_INTERFACE = frozenset(name for name in vars(GameSession) if not name.startswith("_"))


class Session:
    def __init__(self, scenario: Scenario, seed: int, players: dict[str, str], log: OrdersLog | None = None,
                 *, autosave: bool = False, save_path: Path | None = None, state: State | None = None,
                 game_id: str | None = None, passwords: dict[str, str] | None = None, keys: dict | None = None):
        """``autosave``: write ``game.play.saves.autosave`` after every resolved turn (the window does; tests
        and screenshots do not). ``state``: the state after ``log`` when the caller has it (a loaded save).
        ``game_id``: the line of play this continues (its autosaves); a new game gets a new one.
        ``passwords`` (hot-seat, side -> password; empty ones are ignored): that side's orders are sealed in
        every save of the unfinished game, and the hand-off asks for it. ``keys``: the same, already derived
        (a loaded save)."""
        for side in SIDES:
            parse_player(players.get(side, "ai:normal"))   # reject bad player strings early
        self.scenario = scenario
        self.seed = seed
        self.players = {side: players.get(side, "ai:normal") for side in SIDES}
        self.log: OrdersLog = list(log or [])
        if state is None:
            state = replay(scenario, seed, self.log) if self.log else new_game(scenario, seed)
        self._state = state
        self._submitted: dict[str, Orders] = {}
        self.autosave_enabled = autosave
        self.save_path = Path(save_path) if save_path else None
        self.last_autosave: Path | None = None
        self.autosave_error: str | None = None   # the last failure to write after a turn, for the UI to show
        self.branch_of: dict | None = None       # where this line branched off (kept in its saves)
        self.game_id = game_id or saves.new_game_id()
        from game.play.seal import derive
        self.keys = dict(keys or {})
        self.keys.update({side: derive(pw) for side, pw in (passwords or {}).items() if pw and side in SIDES})
        self._saved_log: OrdersLog | None = list(self.log) if save_path else None   # what save_path holds

    @classmethod
    def load(cls, path: str | Path, autosave: bool = False, passwords: dict[str, str] | None = None) -> "Session":
        """Continue a saved game; raises ``game.play.saves.SaveError`` (one line) and changes nothing
        (``SaveLocked`` when a protected save needs ``passwords``)."""
        save = saves.load_save(path, passwords)
        from game.ai.plan import PlanError, check_players
        try:   # a computer player following a plan file needs that file to play on
            check_players(save.players, save.scenario)
        except PlanError as e:
            raise saves.SaveError(save.path, f"key 'players': {e}") from None
        # An autosave rotates away: saving the continued game goes to a new file of its own.
        own = None if save.path.name.startswith("autosave-") else save.path
        session = cls(save.scenario, save.seed, save.players, save.log, autosave=autosave, save_path=own,
                      state=save.state, game_id=save.game, keys=save.keys)
        session.branch_of = save.branch_of
        return session

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

    @property
    def turns_played(self) -> int:
        """Turns resolved so far (the length of the orders log)."""
        return len(self.log)

    def final_log(self) -> OrdersLog:
        """Both sides' orders of every turn, for the after-action report: only once the game is over."""
        if not self.over:
            raise ValueError("the orders log is hidden until the game is over")
        return list(self.log)

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

    # --- saves ------------------------------------------------------------------------------------
    @property
    def state_hash(self) -> str:
        return state_hash(self._state)

    def save(self, path: str | Path | None = None) -> Path:
        """Save the game (orders of the turns resolved so far) to ``path``, else to ``save_path``, else to
        a new file in the saves folder. Raises ``game.play.saves.SaveError``; returns the file written."""
        target = Path(path) if path else self.save_path or saves.new_save_path(self.scenario.id)
        saves.write_save(target, self.scenario, self.seed, self.players, self.log, state=self._state,
                         branch_of=self.branch_of, game=self.game_id, keys=self.keys)
        self.save_path = target
        self._saved_log = list(self.log)
        return target

    def has_password(self, side: str) -> bool:
        """True if ``side`` set a password: its hand-off asks for it while the game is unfinished."""
        return side in self.keys

    def password_ok(self, side: str, password: str) -> bool:
        return side in self.keys and self.keys[side].matches(password)

    @property
    def unsaved(self) -> bool:
        """True when the game as it stands is in no save file of the player's; leaving then asks first.
        Autosaves count only for a finished game (nothing more will be played in it)."""
        if not self.log or self._saved_log == self.log:
            return False
        return not self.over or self.last_autosave is None or self.autosave_error is not None

    def branch(self, turn: int) -> "saves.Branch":
        """Go back to the start of ``turn`` and play on in a new file; the line so far stays in its own save.
        The branch's file is written at once and kept up to date after every turn (no Ctrl+S needed)."""
        b = saves.branch(self.scenario, self.seed, self.players, self.log, turn, original=self.save_path,
                         game=self.game_id, keys=self.keys)
        self.rewind(turn)
        self.save_path = b.path
        self.branch_of = {"file": b.original.name, "turn": turn}
        self.game_id = b.game or saves.new_game_id()
        self._saved_log = list(self.log)
        return b

    def past_turns(self) -> list[tuple[int, dt.date]]:
        """(turn, the day it began) for every turn one can go back to: 0 (the opening) up to now."""
        step = dt.timedelta(days=self.scenario.days_per_turn)
        return [(k, self.scenario.start + k * step) for k in range(len(self.log) + 1)]

    def view_for(self, side: str) -> View:
        """Another side's view: only once the game is over (then both sides see everything)."""
        if side != self.viewer and not self.over:
            raise ValueError("the other side's view is hidden until the game is over")
        return player_view(self._state, side)

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
        if self.autosave_enabled:
            self._autosave()

    def _autosave(self) -> None:
        """The autosave of this game's line, and a branch's own file brought up to date. A failure (read-only
        folder, full disk, a file where the folder should be) must not stop the game: the UI shows it."""
        errors = []
        try:
            self.last_autosave = saves.autosave(self.scenario, self.seed, self.players, self.log,
                                                state=self._state, game=self.game_id, keys=self.keys)
        except (saves.SaveError, OSError) as e:
            errors.append(str(e))
        if self.branch_of and self.save_path:
            try:
                self.save()
            except (saves.SaveError, OSError) as e:
                errors.append(str(e))
        self.autosave_error = " · ".join(errors) or None
