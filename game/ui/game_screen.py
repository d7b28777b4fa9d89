"""The game screen: the map with counters, the top bar and the side panel, and the turn's pop-ups.

It reads only the view the session hands it, builds the human's orders in a ``Draft`` (every change
checked with ``view.problems``, so an illegal action is refused with its reason), and submits them.
Every action works by mouse and by keyboard (see ``key``).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Generator, Iterator

import pygame

from game.engine import SIDES, Move, Orders, View
from game.present.labels import goal, posture_refusals, report_dates, stavka_enabled

from . import background, theme
from .app import App, Screen
from .counters import CounterArt, finish, place_steps, thousands
from .draft import Draft, plural, posture_label
from .mapinfo import (attack_lines, cut_regions, objectives, outcome_lines, region_facts, score_lines,
                      score_part_lines, supply_cause)
from .mapview import ZOOMS, MapView
from .overlays import Scroll, briefing_items, dim, draw_events_box, draw_handoff, event_items, opening_events
from .panel import Layout, draw_panel, draw_topbar
from .widgets import Buttons

if TYPE_CHECKING:   # the window sees a game only through this interface
    from game.play.session import GameSession

NUMBER_KEYS = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6, pygame.K_7, pygame.K_8,
               pygame.K_9, pygame.K_0]
KEYPAD_KEYS = [pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4, pygame.K_KP5, pygame.K_KP6, pygame.K_KP7,
               pygame.K_KP8, pygame.K_KP9, pygame.K_KP0]
# Targets past the tenth get letters that no shortcut of the game screen uses (and no look-alike of 0 or 1).
TARGET_LETTERS = "CDFJKMNQRVWXYZ"
PAN_STEP = 90
DRAG_THRESHOLD = 6
# Decisions that cannot be taken back once the turn ends: each asks for confirmation and says what follows.
IRREVERSIBLE = ("strike_north", "strike_south", "declare_war")


def target_labels(n: int) -> list[tuple[str, tuple[int, ...]]]:
    """Badge text and keys of ``n`` targets: 1-9, 0, then letters; any beyond those are clicked (a dot)."""
    out = [(str((i + 1) % 10), (NUMBER_KEYS[i], KEYPAD_KEYS[i])) for i in range(min(n, 10))]
    out += [(c, (getattr(pygame, f"K_{c.lower()}"),)) for c in TARGET_LETTERS[:max(0, n - 10)]]
    return out + [("•", ())] * max(0, n - len(out))


def consequences(view: View, posture: str) -> str:
    """What follows from an irreversible decision, in the scenario's numbers."""
    name = view.side_names
    enemy = name.get(view.enemy_side, view.enemy_side)
    follows = what_follows(view, posture, enemy)
    if not follows:
        return ""
    return follows + price(view, posture) + " Once you end this turn it cannot be taken back."


def price(view: View, posture: str) -> str:
    """The scenario's price of a decision (points to the enemy, reserves drawn from Moscow), if it has one."""
    rule = view.rules.get("postures", {}).get(posture) or {}
    if not (rule.get("vp") or rule.get("front_soviet")):
        return ""
    if rule.get("price_text"):
        return " " + rule["price_text"]
    gains = ", ".join(f"{view.side_names.get(s, s)} gains {plural(p, 'point')}" for s, p in rule.get("vp", {}).items())
    return f" It has a price: {gains or 'the western front is weakened'}."


def what_follows(view: View, posture: str, enemy: str) -> str:
    if posture in ("strike_north", "declare_war"):
        oil = view.rules.get("oil", {}).get(view.side)
        burn = (f" Oil then burns at the war rate of {plural(oil['burn_per_month']['war'], 'month')} a "
                "month." if oil else "")
        return (f"War with {enemy} begins at X-hour, the start of next turn: your units may then enter "
                f"{enemy}-held regions and attack, and {enemy} may attack yours.{burn} {enemy} learns of it "
                "only when the first blows fall.")
    if posture == "strike_south":
        oil = view.rules.get("oil", {}).get(view.side, {})
        v = view.rules["victory"]
        delay = oil.get("south_delay_turns")
        flow = (f" The oil of the south starts to flow after {plural(delay, 'turn')}." if delay else "")
        return (f"You commit to the war in the Pacific: reinforcements for the north stop for the rest of the "
                f"game.{flow} It is worth {plural(v['south_vp'], 'victory point')}.")
    return ""


class GameScreen(Screen):
    def __init__(self, app: App, session: GameSession, briefing: bool = False):
        """``briefing``: a new game, so each side on screen first gets the opening briefing (a loaded or
        rewound game does not)."""
        super().__init__(app)
        self.session = session
        self.map: MapView | None = None
        self._boxes: dict[tuple, pygame.Surface] = {}          # tooltip, legend and score boxes, drawn once
        self.setup_geometry()
        self.modal: str | None = None          # "handoff", "briefing", "events", "menu" or None
        self.handed: set[tuple[str, int]] = set()          # hot-seat hand-offs done (side, turn)
        self.shown_events: set[tuple[str, int]] = set()    # turn reports seen (side, turn)
        self.to_brief: set[str] = set(SIDES) if briefing else set()
        self.briefed: dict[str, set[str]] = {}             # side -> ids of the scripted events its briefing showed
        self.message, self.message_is_error = "", False
        self.thinking: background.Thinking | None = None   # End turn, while the computer thinks
        self.hover: str | None = None
        self.hover_pos: tuple[int, int] | None = None
        self.hover_note: str | None = None   # why the disabled button under the mouse is closed
        self.selection: list[str] = []       # the chosen units, all of one region (the first leads)
        self.confirming: str | None = None   # the irreversible posture the confirmation dialog asks about
        self.legend_choice: bool | None = None   # the player's G; by default the legend shows on the first turn
        self.orders_top = 0                  # first line of the orders list shown (it scrolls)
        self._drag: tuple[int, int] | None = None
        self._dragged = False
        self._panel: pygame.Surface | None = None
        self._unit_rows: dict[str, pygame.Rect] = {}
        self._layout_key = None
        self._counter_rects: dict[tuple[str, str], pygame.Rect] = {}
        self._marks: dict[tuple[str, str], pygame.Rect] = {}   # badges and markers: (kind, region) -> rect
        self._leaders: dict[str, tuple] = {}   # target -> (badge centre, point in the region): layer pixels
        self._layouts: dict = {}               # layout key -> (counters, marks, leaders), see layout_map
        self._ahead: background.Ahead | None = None   # work done ahead between frames, see work_ahead
        self._popup: tuple | None = None   # (modal, view, content): the pop-up's content is drawn every frame
        self.popup_scroll = Scroll()         # how far the briefing or turn report is scrolled
        self.new_view()

    @property
    def selected(self) -> str | None:
        """The leading selected unit (None when nothing is selected)."""
        return self.selection[0] if self.selection else None

    def fit_scale(self, size: tuple[int, int]) -> float:
        from .panel import FIT_HEIGHT, FIT_WIDTH
        return min(size[1] / FIT_HEIGHT, size[0] / FIT_WIDTH)

    def setup_geometry(self) -> None:
        """Layout, counter art and map for the app's current size, scale and palette."""
        t = self.app.text
        self._geometry_key = (t.scale, theme.PALETTE["name"], self.app.size)
        self.layout = Layout.for_size(self.app.size, t)
        self.art = CounterArt(t)
        self._layout_key = None
        self._boxes.clear()
        self._panel = None
        if self.map is not None:
            self.map = None
            self.make_map()

    def resize(self, size: tuple[int, int]) -> None:
        """Lay the screen out again for a window of ``size`` (the app calls this after the window changed
        size and set its new scale); the map keeps its zoom where it can."""
        z = self.map.z if self.map else 0
        self.setup_geometry()
        if z and self.map:
            self.map.zoom(z)
        self.build_widgets()

    def make_map(self) -> None:
        if self.map is None:
            names = {rid: r.name for rid, r in self.view.board.regions.items()}
            vp = {rid: r.vp for rid, r in self.view.board.regions.items()}
            self.map = MapView(self.app.geography, self.layout.map, self.app.text, names, vp,
                               frozenset(objectives(self.view)))

    # --- the session ------------------------------------------------------------------------------
    def new_view(self) -> None:
        """Fetch the view of the side now on screen and decide which pop-up comes first."""
        s = self.session
        self.view: View = s.view_for_current_player()
        self.read_only = s.current_side is None and not s.over
        self.draft = Draft(self.view) if s.current_side else None
        self.selection = []
        self.confirming = None
        self.orders_top = 0
        self._boxes.clear()
        self.hover_note = None
        self.message, self.message_is_error = "", False
        if s.autosave_error:
            self.say(f"Autosave failed: {s.autosave_error}", error=True)
        self.make_map()
        self.modal = self.next_popup()
        self.dirty()

    def next_popup(self) -> str | None:
        """The pop-up still owed to the side on screen, in order: the hot-seat hand-off (hiding the other
        player's screen), the opening briefing, the turn report (the last one names the outcome)."""
        s = self.session
        key = (self.view.side, self.view.turn)
        if s.hot_seat and key not in self.handed and (s.current_side or s.over):   # over: both may look now
            return "handoff"
        if self.view.side in self.to_brief and not s.over:
            return "briefing"
        if key not in self.shown_events and (self.report_events() or s.over):
            return "events"
        return None

    def report_events(self):
        """The events of the turn report: this side's; once the game is over, both sides' (all revealed).
        Scripted events this side's briefing already showed are not repeated."""
        briefed = set().union(*self.briefed.values()) if self.session.over else self.briefed.get(self.view.side, set())
        if not self.session.over:
            return tuple(e for e in self.view.events if not self._briefed(e, briefed))
        seen, out = set(), []
        for side in self.view.side_names:
            for e in self.session.view_for(side).events:
                key = (e.kind, e.title, e.text)
                if key not in seen and not self._briefed(e, briefed):
                    seen.add(key)
                    out.append(e)
        return tuple(out)

    @staticmethod
    def _briefed(event, ids: set[str]) -> bool:
        return event.kind == "scripted" and event.data.get("id") in ids

    def popup(self) -> tuple[str, list[tuple[str, str, str]]]:
        """Title and (title, text, note) items of the briefing or the turn report (kept while the pop-up is
        open: the final report reads both sides' views, too slow to build every frame)."""
        if self._popup is None or self._popup[0] != self.modal or self._popup[1] is not self.view:
            if self.modal == "briefing":
                content = self.view.title, briefing_items(self.view) + objective_items(self.view)
            else:
                content = self.events_title(), event_items(self.report_events(), self.view)
            self._popup = (self.modal, self.view, content)
            self.popup_scroll = Scroll()   # a new pop-up opens at its top
        return self._popup[2]

    def skip_popups(self) -> None:
        """Straight to the map (screenshots)."""
        key = (self.view.side, self.view.turn)
        self.handed.add(key)
        self.shown_events.add(key)
        self.to_brief.clear()
        self.modal = None
        self.build_widgets()
        self.dirty()

    def finish(self) -> None:
        from .screens import EndScreen
        self.app.show(EndScreen(self.app, self.view, self.session.final_log(), self.session))

    def end_turn(self) -> None:
        s = self.session
        if s.over:
            return self.finish()
        if self.thinking:
            return
        side, orders = s.current_side, self.draft.orders if self.draft else None
        self.thinking = background.start(self.app, s.advance if self.read_only else lambda: s.submit(side, orders))
        if self.thinking.done:
            self.turn_done()

    def turn_done(self) -> None:
        """The turn is resolved (the computer may have thought in the background): show the new view."""
        thinking, self.thinking = self.thinking, None
        try:
            thinking.result()
        except ValueError as e:   # the draft is checked at every change, so this is a safeguard
            return self.say(str(e), error=True)
        self.new_view()
        if self.app.screen is self:
            self.build_widgets()

    def update(self, dt: float) -> None:
        if self.thinking and self.thinking.done:
            self.turn_done()

    def animating(self) -> bool:
        return self.thinking is not None

    # --- widgets ----------------------------------------------------------------------------------
    def enter(self) -> None:
        if self._geometry_key != (self.app.text.scale, theme.PALETTE["name"], self.app.size):
            self.setup_geometry()
            self.dirty()
        self.build_widgets()

    def build_widgets(self) -> None:
        """(Re)create the buttons for the current pop-up or the plain game screen."""
        app, t, lay = self.app, self.app.text, self.layout
        app.manager.clear_and_reset()
        self.buttons = Buttons(app.manager)
        self.legend_button = None
        self.posture_buttons = {}
        self.refusals: dict[str, str] = {}
        if self.modal == "handoff":
            r = pygame.Rect(0, 0, t.px(360), t.px(64))
            r.center = (app.size[0] // 2, app.size[1] // 2 + t.px(60))
            label = "We are ready (Enter)" if self.session.over else "I am ready (Enter)"
            self.buttons.add(r, label, self.close_modal, (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE),
                             object_id="#end_turn")
            return
        if self.modal in ("events", "briefing"):
            box = draw_events_box(t, pygame.Surface(app.size), *self.popup(),
                                  t.px(56))   # a dry run on scratch paper: where the box and its button go
            r = pygame.Rect(0, 0, t.px(280), t.px(56))
            r.midbottom = (box.centerx, box.bottom - t.px(16))
            self.buttons.add(r, "Continue (Enter)", self.close_modal,
                             (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE),
                             object_id="#end_turn")
            return
        if self.modal == "confirm":
            box, _ = self.confirm_box()
            w, h = (box.w - t.px(60)) // 2, t.px(52)
            y = box.bottom - h - t.px(20)
            self.buttons.add(pygame.Rect(box.x + t.px(20), y, w, h), f"{posture_label(self.confirming)} (Y)",
                             self.confirm, (pygame.K_y, pygame.K_RETURN, pygame.K_KP_ENTER), object_id="#end_turn")
            self.buttons.add(pygame.Rect(box.right - t.px(20) - w, y, w, h), "Cancel (Esc)", self.cancel_confirm,
                             (pygame.K_ESCAPE, pygame.K_n))
            return
        if self.modal == "menu":
            from .screens import HowToScreen, MenuScreen
            w, h, gap = t.px(380), t.px(50), t.px(8)
            items = [("Resume (Esc)", self.close_modal, (pygame.K_ESCAPE, pygame.K_F10)),
                     ("Save (S)", self.save, (pygame.K_s,)),
                     ("Load a saved game (L)", self.open_load, (pygame.K_l,)),
                     ("Go back to a turn (B)", self.open_rewind, (pygame.K_b,)),
                     ("What-if explorer (W)", self.open_explorer, (pygame.K_w,)),
                     ("Settings (O)", self.open_settings, (pygame.K_o,)),
                     ("How to play (H)", lambda: app.show(HowToScreen(app, self)), (pygame.K_h,)),
                     ("Leave to main menu (M)", lambda: app.leave(MenuScreen(app)), (pygame.K_m,)),
                     ("Quit (Q)", app.quit, (pygame.K_q,))]
            x = app.size[0] // 2 - w // 2
            y = app.size[1] // 2 - (len(items) * (h + gap)) // 2
            for i, (label, action, keys) in enumerate(items):
                self.buttons.add(pygame.Rect(x, y + i * (h + gap), w, h), label, action, keys)
            self.buttons.move_focus(1)
            return
        # The plain game screen.
        top = lay.top
        self.buttons.add(pygame.Rect(lay.panel.right - t.px(150), top.y + t.px(14), t.px(136), t.px(46)),
                         "Menu", self.open_menu, (pygame.K_F10,), focusable=False)
        self.buttons.add(pygame.Rect(lay.panel.right - t.px(296), top.y + t.px(14), t.px(136), t.px(46)),
                         "Help (H)", self.open_help, (pygame.K_h, pygame.K_F1), focusable=False)
        zr = pygame.Rect(lay.map.x + t.px(12), lay.map.y + t.px(12), t.px(44), t.px(44))
        self.buttons.add(zr, "+", lambda: self.zoom(1), (), focusable=False, tooltip="Zoom in (+ or wheel)")
        self.buttons.add(zr.move(0, t.px(50)), "-", lambda: self.zoom(-1), (), focusable=False,
                         tooltip="Zoom out (- or wheel)")
        self.buttons.add(zr.move(0, t.px(100)), "All", self.reset_view, (pygame.K_HOME,), object_id="#small_button",
                         focusable=False, tooltip="The whole map (Home)")
        lr = pygame.Rect(0, 0, t.px(120), t.px(34))
        lr.bottomright = (lay.map.right - t.px(10), lay.map.bottom - t.px(10))
        self.legend_button = self.buttons.add(lr, "Legend (G)", self.toggle_legend, (pygame.K_g,),
                                              object_id="#small_button", focusable=False)
        half = (lay.actions.w - t.px(10)) // 2
        undo = self.buttons.add(pygame.Rect(lay.actions.x, lay.actions.y, half - t.px(40), lay.actions.h),
                                "Undo (U)", self.undo, (pygame.K_u,), focusable=False)
        label = "Next turn (E)" if self.read_only else "End turn (E)"
        self.buttons.add(pygame.Rect(lay.actions.x + half - t.px(30), lay.actions.y, half + t.px(30), lay.actions.h),
                         label, self.end_turn, (pygame.K_e,), object_id="#end_turn", focusable=False)
        if self.read_only or self.view.over:
            undo.disable()
            return
        postures = list(self.view.postures)
        extra = 1 if self.view.stavka_demand is not None else 0
        rows = [3] * (len(postures) // 3) + ([len(postures) % 3] if len(postures) % 3 else [])
        rects = lay.decision_buttons([1] * extra + rows, t)
        if extra:
            self.transfer_button = self.buttons.add(rects[0], "Send 1 div. west (T)", self.transfer_selected, (),
                                                    object_id="#small_button", focusable=False)
            rects = rects[1:]
        self.refusals = posture_refusals(self.view)
        for p, r in zip(postures, rects):
            self.posture_buttons[p] = self.buttons.add(r, posture_label(p), lambda p=p: self.set_posture(p), (),
                                                       object_id="#small_button", focusable=False,
                                                       enabled=p not in self.refusals)
        self.refresh_posture_buttons()

    def refresh_posture_buttons(self) -> None:
        if not self.draft:
            return
        chosen = self.draft.orders.posture or self.view.own.stance
        for p, b in self.posture_buttons.items():
            if b.is_enabled:   # (unselect() would paint a disabled button as enabled again)
                b.select() if p == chosen else b.unselect()

    def close_modal(self) -> None:
        was, side = self.modal, self.view.side
        key = (side, self.view.turn)
        if was == "handoff" and not self.session.over and self.session.has_password(side) \
                and getattr(self, "unlocked", None) != key:   # a password opens this side (ui/screens.py)
            from .screens import handoff_password
            return handoff_password(self.app, self)
        if was == "handoff":
            self.handed.add(key)
        elif was == "briefing":
            self.to_brief.discard(side)
            self.briefed[side] = {e["id"] for e in opening_events(self.view)}
        elif was == "events":
            self.shown_events.add(key)
        self.modal = self.next_popup() if was != "menu" else None
        if self.session.over and self.modal is None:
            return self.finish()
        self.build_widgets()
        self.dirty()

    def open_menu(self) -> None:
        self.modal = "menu"
        self.build_widgets()

    @property
    def show_legend(self) -> bool:
        return self.legend_choice if self.legend_choice is not None else self.view.turn == 0

    def toggle_legend(self) -> None:
        self.legend_choice = not self.show_legend

    # --- decisions that cannot be undone ---------------------------------------------------------------
    def ask_confirm(self, posture: str) -> None:
        self.confirming = posture
        self.modal = "confirm"
        self.build_widgets()

    def confirm(self) -> None:
        posture, self.confirming = self.confirming, None
        self.modal = None
        self.build_widgets()
        if posture:
            self.set_posture(posture, confirmed=True)

    def cancel_confirm(self) -> None:
        posture, self.confirming = self.confirming, None
        self.modal = None
        self.build_widgets()
        if posture:
            self.say(f"{posture_label(posture)}: not chosen. Your posture this turn stays "
                     f"{posture_label(self.draft.orders.posture or self.view.own.stance)}.")
        self.dirty()

    def confirm_box(self) -> tuple[pygame.Rect, pygame.Surface]:
        """The confirmation dialog's box (centred) and its text, drawn once per question."""
        t = self.app.text
        key = ("confirm", self.confirming, self.app.size)
        if key not in self._boxes:
            w = min(self.app.size[0] - t.px(40), t.px(640))
            title = t.render(f"{posture_label(self.confirming)}?", 26, theme.INK, bold=True)
            body = t.render(consequences(self.view, self.confirming), 18, theme.INK, width=w - t.px(40))
            h = t.px(20) + title.get_height() + t.px(12) + body.get_height() + t.px(24) + t.px(52) + t.px(20)
            surf = pygame.Surface((w, h))
            surf.fill(theme.PAPER)
            pygame.draw.rect(surf, theme.ERROR, surf.get_rect(), max(2, t.px(4)))
            surf.blit(title, (t.px(20), t.px(20)))
            surf.blit(body, (t.px(20), t.px(20) + title.get_height() + t.px(12)))
            self._boxes[key] = surf
        surf = self._boxes[key]
        box = surf.get_rect(center=(self.app.size[0] // 2, self.app.size[1] // 2))
        return box, surf

    # --- saves, rewind, explorer, settings ------------------------------------------------------------
    def save(self) -> None:
        from game.play.saves import SaveError
        try:
            path = self.session.save()
        except SaveError as e:
            self.say(f"Not saved: {e}", error=True)
        else:
            self.say(f"Saved (orders of {plural(self.session.turns_played, 'turn')}) to {path}")
        if self.modal == "menu":
            self.modal = None
            self.build_widgets()
        self.dirty()

    def open_load(self) -> None:
        from .files import LoadScreen
        self.app.show(LoadScreen(self.app, self))

    def open_rewind(self) -> None:
        from .files import RewindScreen
        if not self.session.turns_played:
            return self.say("This is the first turn: there is no earlier turn to go back to.", error=True)
        self.app.show(RewindScreen(self.app, self.session, self))

    def open_explorer(self) -> None:
        from .explorer import ExplorerScreen
        scenario = self.session.scenario
        self.app.show(ExplorerScreen(self.app, self, scenario.source or scenario.id))

    def open_settings(self) -> None:
        from .settings_screen import SettingsScreen
        self.app.show(SettingsScreen(self.app, self))

    def open_help(self) -> None:
        from .screens import HowToScreen
        self.app.show(HowToScreen(self.app, self))

    # --- actions ----------------------------------------------------------------------------------
    def say(self, text: str, error: bool = False) -> None:
        self.message, self.message_is_error = text, error

    def dirty(self) -> None:
        self._panel = None

    def units_in_order(self) -> list[str]:
        v = self.view
        return sorted(v.units, key=lambda u: (v.board.regions[v.units[u].region].name, v.units[u].name))

    def select(self, unit: str | None) -> None:
        """Choose one unit alone (None: nothing)."""
        self.choose([unit] if unit else [])

    def select_stack(self, region: str) -> None:
        """Choose every unit of ours in ``region``: one order then moves them all."""
        self.choose(self.stack(region))

    def toggle(self, unit: str) -> None:
        """Add a unit of the chosen stack to the choice, or take it out (shift/ctrl-click)."""
        if not self.selection or self.view.units[unit].region != self.view.units[self.selection[0]].region:
            return self.select(unit)
        chosen = [u for u in self.selection if u != unit] if unit in self.selection else self.selection + [unit]
        order = self.stack(self.view.units[unit].region)
        self.choose(sorted(chosen, key=order.index))

    def choose(self, units: list[str]) -> None:
        self.selection = list(units)
        if units:
            lead = self.view.units[units[0]]
            n = len(self.view.destinations(units[0]))
            who = lead.name if len(units) == 1 else f"{plural(len(units), 'unit')} at {self.region_name(lead.region)}"
            self.say(f"{who}: {plural(n, 'region')} in reach. Click one or press its key." if n else
                     f"{who}: cannot move this turn.")
        self.dirty()

    def region_name(self, rid: str) -> str:
        return self.view.board.regions[rid].name

    def cycle_unit(self, step: int) -> None:
        order = self.units_in_order()
        if not order:
            return self.say("You have no units on the map.", error=True)
        i = order.index(self.selected) + step if self.selected in order else (0 if step > 0 else -1)
        self.select(order[i % len(order)])

    def destinations(self) -> list[str]:
        """The chosen units' legal targets (they share a region), in the order of their keys (by name)."""
        if not self.selected or self.read_only or self.view.over:
            return []
        names = self.view.board.regions
        return sorted(self.view.destinations(self.selected), key=lambda r: names[r].name)

    def order_move(self, region: str) -> None:
        """One order for the whole choice: every chosen unit moves to ``region`` (or stays, if it is theirs)."""
        if not self.selection or not self.draft:
            return
        why = self.draft.move_stack(self.selection, region)
        if why:
            self.say(f"Cannot move there: {why}.", error=True)
        else:
            lead = self.view.units[self.selected]
            who = lead.name if len(self.selection) == 1 else plural(len(self.selection), "unit")
            cancelled = self.draft.move_of(self.selected) is None
            self.say(f"{who}: move order cancelled." if cancelled else
                     f"{who} will move to {self.region_name(region)}." + self.attack_note(region))
        self.dirty()

    def attack_note(self, region: str) -> str:
        """' An attack: ...' when the move enters a region the enemy holds or stands in."""
        if self.view.owners.get(region) == self.view.side and region not in self.view.enemy:
            return ""
        return " An attack: see the odds in the panel."

    def transfer_selected(self) -> None:
        if not self.draft:
            return
        if self.view.stavka_demand is None:
            if not stavka_enabled(self.view):
                return self.say("Not in this scenario: Stavka asks for no divisions from the Far East.", error=True)
            return self.say("Not allowed: only the side Stavka commands sends divisions west.", error=True)
        if not self.selected:
            return self.say("Select a unit first (click it or press Tab), then send its divisions west.", error=True)
        why = self.draft.transfer(self.selected)
        if why:
            self.say(f"Cannot send it west: {why}.", error=True)
        else:
            u = self.view.units[self.selected]
            place = goal(self.view)
            self.say(f"{self.draft.sent(u.id):g} div. of {u.name} will entrain for the west"
                     + (f" ({place} front)." if place else "."))
        self.dirty()

    def set_posture(self, posture: str, confirmed: bool = False) -> None:
        if not self.draft:
            return
        chosen = self.draft.orders.posture
        if posture in IRREVERSIBLE and not confirmed and chosen != posture and posture not in self.refusals:
            return self.ask_confirm(posture)
        why = self.draft.posture(posture)
        if why:
            self.say(f"Cannot choose {posture_label(posture)}: {why}.", error=True)
        else:
            self.say(f"Posture this turn: {posture_label(self.draft.orders.posture or self.view.own.stance)}.")
        self.refresh_posture_buttons()
        self.dirty()

    def cycle_posture(self) -> None:
        if not self.draft:
            return
        ps = list(self.view.postures)
        current = self.draft.orders.posture or self.view.own.stance
        i = ps.index(current) if current in ps else -1
        closed = []
        for step in range(1, len(ps) + 1):   # the next open posture; the closed ones passed are named
            p = ps[(i + step) % len(ps)]
            if p in self.refusals:
                closed.append(f"{posture_label(p)} ({self.refusals[p]})")
                continue
            if p in IRREVERSIBLE:   # never reached by a key press in passing: its own button, then a question
                continue
            self.set_posture(p)
            break
        grave = [posture_label(p) for p in ps if p in IRREVERSIBLE and p not in self.refusals]
        if grave and not self.message_is_error:
            self.say(f"{self.message} {' and '.join(grave)}: by {'their buttons' if len(grave) > 1 else 'its button'}"
                     " only (it asks first).")
        if closed and not self.message_is_error:
            self.say(f"{self.message} Closed: {'; '.join(closed)}.")

    def undo(self) -> None:
        if self.draft and self.draft.undo():
            self.say("Last order undone.")
        else:
            self.say("Nothing to undo.")
        self.refresh_posture_buttons()
        self.dirty()

    def zoom(self, step: int, anchor=None) -> None:
        if self.map.zoom(step, anchor):
            self._layout_key = None

    def show_region(self, region: str) -> None:
        """Centre the map on a region (zoomed in a step if the whole map is in view) and describe it."""
        if self.map.z == 0:
            self.map.zoom(1, self.map.anchor(region))
        x, y = self.map.anchor(region)
        self.map.pan(self.map.rect.centerx - x, self.map.rect.centery - y)
        self.say(self.region_text(region))
        self.dirty()

    def scroll_popup(self, event: pygame.event.Event) -> bool:
        """The wheel, Up/Down, PgUp/PgDn, Home/End scroll a briefing or report taller than its box."""
        s, line = self.popup_scroll, self.app.text.px(40)
        if event.type == pygame.MOUSEWHEEL:
            dy = -event.y * line
        elif event.type == pygame.KEYDOWN:
            page = max(line, s.page - line)
            dy = {pygame.K_DOWN: line, pygame.K_UP: -line, pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page,
                  pygame.K_END: s.limit, pygame.K_HOME: -s.limit}.get(event.key, 0)
            if not dy:
                return False
        else:
            return False
        if s.by(dy):
            self.dirty()
        return True

    def reset_view(self) -> None:
        self.map.reset()
        self._layout_key = None

    # --- events -----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if self.thinking and not background.lets_through(self, event):
            return
        if self.buttons.handle(event, arrows=self.modal == "menu"):
            return
        if self.modal in ("events", "briefing") and self.scroll_popup(event):
            return
        if self.modal == "events" and event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            region = next((r for rect, r in getattr(self, "report_links", ()) if rect.collidepoint(event.pos)), None)
            if region:
                self.close_modal()
                return self.show_region(region)
        if self.modal:
            return
        if event.type == pygame.KEYDOWN:
            self.key(event)
        elif event.type == pygame.MOUSEWHEEL:
            pos = getattr(event, "pos", None) or pygame.mouse.get_pos()
            if self.layout.orders.collidepoint(pos):
                self.orders_top = max(0, self.orders_top - event.y)
                self.dirty()
            else:
                self.zoom(1 if event.y > 0 else -1, pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
            if self.map.rect.collidepoint(event.pos):
                self._drag, self._dragged = event.pos, False
            elif event.button == 1:
                self.panel_click(event.pos, self.mods(event))
        elif event.type == pygame.MOUSEMOTION:
            if self._drag and (event.buttons[0] or event.buttons[2]):
                dx, dy = event.pos[0] - self._drag[0], event.pos[1] - self._drag[1]
                if self._dragged or abs(dx) + abs(dy) > DRAG_THRESHOLD:
                    self.map.pan(dx, dy)
                    self._drag, self._dragged = event.pos, True
            else:
                self.hover_at(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button in (1, 3):
            start, dragged = self._drag, self._dragged
            self._drag = None
            if start and not dragged and event.button == 1:
                self.click(event.pos, self.mods(event))

    @staticmethod
    def mods(event: pygame.event.Event) -> int:
        """The modifier keys held at a click (posted test events carry their own)."""
        return getattr(event, "mod", None) or pygame.key.get_mods()

    def panel_click(self, pos: tuple[int, int], mods: int = 0) -> None:
        """A click on a unit of the chosen stack in the panel: that unit alone; with Shift or Ctrl, it
        joins or leaves the choice."""
        for uid, r in self._unit_rows.items():
            if r.collidepoint(pos) and uid in self.view.units:
                return self.toggle(uid) if mods & (pygame.KMOD_SHIFT | pygame.KMOD_CTRL) else self.select(uid)

    def widget_click(self, event: pygame.event.Event) -> None:
        """A click on a closed posture button: pygame_gui ignores it, so we say why it is closed."""
        p = None if self.modal else self.closed_posture_at(event.pos)
        if p:
            self.say(f"Cannot choose {posture_label(p)}: {self.refusals[p]}.", error=True)
            self.dirty()

    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        if event.mod & pygame.KMOD_CTRL and k in (pygame.K_s, pygame.K_l, pygame.K_b, pygame.K_r):
            return {pygame.K_s: self.save, pygame.K_l: self.open_load, pygame.K_b: self.open_rewind,
                    pygame.K_r: self.open_rewind}[k]()
        targets = self.destinations()
        keyed = {key: rid for rid, (_, keys) in zip(targets, target_labels(len(targets))) for key in keys}
        if k == pygame.K_TAB:
            self.cycle_unit(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.choose(self.selection) if self.selected else self.cycle_unit(1)
        elif k == pygame.K_a and self.selected:
            self.select_stack(self.view.units[self.selected].region)
        elif k == pygame.K_ESCAPE:
            if self.selected:
                self.selection = []
                self.say("")
                self.dirty()
            else:
                self.open_menu()
        elif k in keyed:
            self.order_move(keyed[k])
        elif k in NUMBER_KEYS or k in KEYPAD_KEYS:
            i = NUMBER_KEYS.index(k) if k in NUMBER_KEYS else KEYPAD_KEYS.index(k)
            if not self.selected:
                self.say("Select a unit first (Tab), then press the key of a highlighted region.", error=True)
            else:
                self.say(f"There is no region number {(i + 1) % 10} for this unit.", error=True)
        elif k == pygame.K_p:
            self.cycle_posture()
        elif k == pygame.K_t:
            self.transfer_selected()
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.zoom(1)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.zoom(-1)
        elif k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            dx = {pygame.K_LEFT: 1, pygame.K_RIGHT: -1}.get(k, 0) * PAN_STEP
            dy = {pygame.K_UP: 1, pygame.K_DOWN: -1}.get(k, 0) * PAN_STEP
            self.map.pan(dx, dy)

    def click(self, pos: tuple[int, int], mods: int = 0) -> None:
        target = self.badge_at(pos)
        if target:
            return self.order_move(target)
        hit = self.counter_at(pos)
        if hit and hit[0] == self.view.side and not self.read_only:
            stack = self.stack(hit[1])
            if mods & (pygame.KMOD_SHIFT | pygame.KMOD_CTRL) and self.selected in stack:
                # one more (or one fewer) of the stack: the next unit not yet chosen joins
                rest = [u for u in stack if u not in self.selection]
                return self.toggle(rest[0] if rest else self.selection[-1])
            if self.selection == stack and len(stack) > 1:   # clicking the whole stack again: its units one by one
                return self.select(stack[0])
            if len(self.selection) == 1 and self.selected in stack:
                i = stack.index(self.selected) + 1
                return self.select(stack[i]) if i < len(stack) else self.select_stack(hit[1])
            return self.select_stack(hit[1])
        region = self.map.region_at(pos)
        if region is None:
            return
        if self.selected and self.draft:
            if region in self.view.destinations(self.selected) or region == self.view.units[self.selected].region:
                return self.order_move(region)
            trial = Orders(self.draft.orders.posture, (Move(self.selected, region),))
            why = next((w for _, w in self.view.problems(trial)), "out of reach")
            return self.say(f"Cannot move there: {why}.", error=True)
        self.say(self.region_text(region))

    def badge_at(self, pos) -> str | None:
        """The target whose key badge is under ``pos`` (a larger mark to hit than a region's corner)."""
        if not self.map.rect.collidepoint(pos):
            return None
        for (kind, rid), r in self._marks.items():
            if kind == "target" and self.map.layer_to_screen(r).inflate(6, 6).collidepoint(pos):
                return rid
        return None

    def hover_at(self, pos: tuple[int, int]) -> None:
        self.hover = self.map.region_at(pos)
        self.hover_pos = pos if self.hover else None
        p = self.closed_posture_at(pos)   # pygame_gui shows no tooltip on a disabled button: we say why
        self.hover_note = f"{posture_label(p)} is closed: {self.refusals[p]}." if p else None

    def closed_posture_at(self, pos: tuple[int, int]) -> str | None:
        return next((p for p, b in self.posture_buttons.items() if p in self.refusals and b.rect.collidepoint(pos)),
                    None)

    def region_text(self, rid: str) -> str:
        v = self.view
        r = v.board.regions[rid]
        owner = v.side_names.get(v.owners[rid], v.owners[rid])
        parts = [r.name, f"held by {owner}", r.terrain]
        if r.vp:
            parts.append(f"{r.vp} victory points")
        if r.fort:
            parts.append(f"fortified ({r.fort})")
        est = v.enemy.get(rid)
        if est:
            parts.append(("enemy " + thousands(est.men[0])) if est.exact else
                         f"enemy ~{thousands(est.men[0])} ({thousands(est.men[1])}-{thousands(est.men[2])})")
        why = supply_cause(v, rid)
        if why:
            parts.append(f"out of supply: {why}")
        return " · ".join(parts)

    # --- counters ---------------------------------------------------------------------------------
    def stack(self, region: str) -> list[str]:
        units = [u for u in self.view.units.values() if u.region == region]
        return [u.id for u in sorted(units, key=lambda u: (-u.men, u.id))]

    def counters(self) -> list[tuple[tuple[str, str], pygame.Surface]]:
        """(side, region) and the counter's picture, for every stack and enemy estimate (kept until the view
        or the zoom changes)."""
        if self.modal == "handoff":   # the next player's screen stays hidden
            return []
        key = (id(self.view), self.map.z, self.art)
        if getattr(self, "_counters", (None,))[0] != key:
            self._counters = (key, self._make_counters())
        return self._counters[1]

    def _make_counters(self) -> list[tuple[tuple[str, str], pygame.Surface]]:
        v = self.view
        out = []
        detail = self.map.z >= 1   # zoomed in, a counter has room for divisions and tanks as well
        compact = self.map.z == 0   # the whole map: strength only, so the place names keep their room
        for rid in sorted({u.region for u in v.units.values()}):
            stack = [v.units[u] for u in self.stack(rid)]
            men = sum(u.men for u in stack)
            extra = ""
            if detail:
                div, tanks = sum(u.divisions for u in stack), sum(u.tanks for u in stack)
                extra = f"{div:.3g} div" + (f" · {tanks} tk" if tanks else "")
            out.append(((v.side, rid), self.art.own(v.side, stack[0].kind, men, len(stack),
                                                    all(u.supplied for u in stack), extra, compact)))
        for rid, est in sorted(v.enemy.items()):
            extra = f"{'' if est.exact else '~'}{est.divisions:g} div" if detail and est.divisions else ""
            out.append(((v.enemy_side, rid), self.art.enemy(v.enemy_side, est.men, est.exact, extra, compact)))
        return out

    def battle_regions(self) -> list[str]:
        return sorted({e.data["region"] for e in self.view.events if e.kind == "battle" and "region" in e.data})

    def layout_map(self, items, targets: list[str]) -> None:
        """Counters inside their regions, then the target badges, battle markers and supply cuts in free
        places of their own regions (layer pixels, recomputed only when something in the key changes)."""
        key = (self.map.z, tuple((k, s.get_size()) for k, s in items), tuple(targets), id(self.view))
        if key != self._layout_key:
            self._counter_layer_rects, self._marks, self._leaders = self._layout(items, targets)
            self._layout_key = key
        self._counter_rects = {k: self.map.layer_to_screen(r) for k, r in self._counter_layer_rects.items()}

    def _layout(self, items, targets: list[str]) -> tuple[dict, dict, dict]:
        """(counters, marks, leaders) at the map's zoom: ``_layout_steps`` at once."""
        return finish(self._layout_steps(items, targets))

    def _layout_steps(self, items, targets: list[str]) -> Generator[None, None, tuple[dict, dict, dict]]:
        """(counters, marks, leaders) at the map's zoom, cached for this view and map: the counters by zoom
        (worked out ahead for every level, see ``ahead``), the marks also by the targets shown."""
        cache = self._layouts
        if cache.get("of") != (id(self.view), id(self.map)):
            cache.clear()
            cache["of"] = (id(self.view), id(self.map))
        m = self.map
        counters_key = ("counters", m.z, tuple((k, s.get_size()) for k, s in items))
        if counters_key not in cache:
            names = m.label_boxes()
            # Own counters first, smaller regions first: those have the fewest places to choose from.
            order = sorted(items, key=lambda it: (it[0][0] != self.view.side, len(m.spots(it[0][1]))))
            cache[counters_key] = yield from place_steps([(k, k[1], s.get_size()) for k, s in order], m.spots,
                                                         m.covers, obstacles=names, hard=self._vital_names())
        counters = cache[counters_key]
        marks_key = ("marks", counters_key, tuple(targets))
        if marks_key not in cache:
            cache[marks_key] = yield from self._place_marks(counters, targets)
        return (counters, *cache[marks_key])

    def _vital_names(self) -> list[pygame.Rect]:
        """The boxes of the names that matter most (victory points, objectives): never covered."""
        vital = {rid for rid, r in self.view.board.regions.items() if r.vp} | set(objectives(self.view))
        return [box for rid, _, _, _, box, _ in self.map.label_layout() if rid in vital]

    def _place_marks(self, counters: dict, targets: list[str]) -> Generator[None, None, tuple[dict, dict]]:
        m, t = self.map, self.app.text
        cuts = sorted(cut_regions(self.view)) if not self.view.over else []
        taken = [(k[1], r) for k, r in counters.items()]
        d, mk = t.px(32), t.px(28)
        marks = [(("target", r), r, (d, d)) for r in targets]
        marks += [(("battle", r), r, (mk, mk)) for r in self.battle_regions()]
        marks += [(("cut", r), r, (mk, mk)) for r in cuts]
        placed = yield from place_steps(marks, m.spots, m.covers, obstacles=m.label_boxes(), taken=taken,
                                        hard=self._vital_names(), share=True)
        # A region too small to show its badge clear of the neighbours' counters gets it beside, with a
        # line to the region: never on another region's counter.
        leaders = {}
        for (kind, rid), r in placed.items():
            if kind == "target" and not m.holds_layer_point(rid, *r.center):
                inside = next((p for p in m.spots(rid)[1:] if m.holds_layer_point(rid, *p)), None)
                if inside:
                    leaders[rid] = (r.center, inside)
        return placed, leaders

    def ahead(self) -> Iterator[int]:
        """Work ahead between frames (``App.work_ahead``): the map layer, counters and their layout of every
        zoom level for this view, the nearest levels first, so a zoom finds them ready. Yields the zoom
        level the next step is for, and runs each step inside ``MapView.at_zoom`` (see background.Ahead)."""
        levels = sorted(range(len(ZOOMS)), key=lambda z: (abs(z - self.map.z), z))
        owners, targets = self.view.owners, self.destinations()
        yield self.map.z
        background.indicator_label(self.app.text, "The computer")   # the End turn frame need not load a font
        for z in levels:
            yield z
            for _ in self.map.layer_steps(owners):
                yield z
            items = self._make_counters()
            for _ in self._layout_steps(items, targets):
                yield z

    def work_ahead(self, until: float) -> bool:
        """Run ``ahead`` until ``until`` (time.perf_counter); whether work is left."""
        if self.modal == "handoff" or self.map is None:
            return False
        key = (id(self.view), id(self.map), id(self.art), tuple(self.destinations()), theme.PALETTE["name"])
        if self._ahead is None or self._ahead.key != key:
            self._ahead = background.Ahead(key, self.ahead(), self.map)
        return self._ahead.run(until)

    def layout_counters(self, items) -> dict[tuple[str, str], pygame.Rect]:
        self.layout_map(items, self.destinations())
        return self._counter_rects

    def counter_at(self, pos) -> tuple[str, str] | None:
        for k, r in reversed(list(self._counter_rects.items())):
            if r.inflate(6, 6).collidepoint(pos) and self.map.rect.collidepoint(pos):
                return k
        return None

    def counter_rect(self, side: str, region: str) -> pygame.Rect | None:
        """Where a counter is on screen (for tests and tooltips)."""
        return self._counter_rects.get((side, region))

    def unit_rect(self, unit: str) -> pygame.Rect | None:
        return self.counter_rect(self.view.side, self.view.units[unit].region)

    def mark_rect(self, kind: str, region: str) -> pygame.Rect | None:
        """Where a target badge ('target'), battle marker ('battle') or supply cut ('cut') is on screen."""
        r = self._marks.get((kind, region))
        return self.map.layer_to_screen(r) if r else None

    # --- drawing ----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t, lay = self.app.text, self.layout
        if self.modal == "handoff":
            draw_handoff(t, surface, self.session_side_name(), self.session.current_side)
            return
        v = self.view
        self.map.draw(surface, v.owners)
        clip = surface.get_clip()
        surface.set_clip(self.map.rect)
        targets = self.destinations()
        if not v.over:   # own regions out of supply: a yellow edge (the tooltip says why)
            for rid, owner in v.owners.items():
                if owner == v.side and rid not in v.supplied:
                    self.map.draw_region_outline(surface, rid, theme.WARN, max(2, t.px(3)))
        if self.selected:
            self.map.draw_region_outline(surface, v.units[self.selected].region, theme.INK, max(2, t.px(3)))
        for rid in targets:
            self.map.draw_region_outline(surface, rid, theme.HIGHLIGHT, max(3, t.px(4)))
        if self.draft:
            for a, b in sorted({(v.units[m.unit].region, m.to) for m in self.draft.orders.moves}):
                self.arrow(surface, self.map.anchor(a), self.map.anchor(b))
        items = self.counters()
        self.layout_map(items, targets)
        for k, surf in items:
            surface.blit(surf, self._counter_rects[k])
        if self.selected:
            r = self._counter_rects.get((v.side, v.units[self.selected].region))
            if r:
                pygame.draw.rect(surface, theme.HIGHLIGHT, r.inflate(8, 8), 4, border_radius=t.px(8))
        labels = dict(zip(targets, (lab for lab, _ in target_labels(len(targets)))))
        shift = (round(self.map.rect.x - self.map.offset[0]), round(self.map.rect.y - self.map.offset[1]))
        for a, b in self._leaders.values():
            a, b = (a[0] + shift[0], a[1] + shift[1]), (b[0] + shift[0], b[1] + shift[1])
            pygame.draw.line(surface, theme.INK, a, b, max(3, t.px(4)))
            pygame.draw.line(surface, theme.HIGHLIGHT, a, b, max(1, t.px(2)))
            pygame.draw.circle(surface, theme.INK, b, max(3, t.px(4)))
        for (kind, rid), r in self._marks.items():
            r = self.map.layer_to_screen(r)
            if kind == "target" and rid in labels:
                self.number_badge(surface, r.center, labels[rid])
            elif kind == "battle":
                battle_marker(surface, r, t)
            elif kind == "cut":
                cut_marker(surface, r, t)
        self.draw_score(surface)
        if self.show_legend and self.legend_button:
            self.draw_legend(surface)
        self.draw_status(surface)
        if self.hover and self.hover_pos and not self._drag and self.modal is None:
            self.draw_tooltip(surface, self.hover, self.hover_pos)
        surface.set_clip(clip)
        if self._panel is None:
            self._panel = pygame.Surface(surface.get_size())
            draw_topbar(t, self._panel, lay, v)
            self._unit_rows, self.orders_top = draw_panel(t, self._panel, lay, v, self.draft, self.selection,
                                                          self.read_only, self.orders_top)
        surface.blit(self._panel, lay.top, lay.top)
        surface.blit(self._panel, lay.panel, lay.panel)
        if self.modal in ("events", "briefing"):
            dim(surface)
            self.report_links: list = []   # (rect, region) of the report's battles: a click shows the place
            draw_events_box(t, surface, *self.popup(), t.px(56), links=self.report_links, scroll=self.popup_scroll)
        elif self.modal == "menu":
            dim(surface)
        elif self.modal == "confirm":
            dim(surface)
            box, surf = self.confirm_box()
            surface.blit(surf, box)
        if self.thinking:
            background.draw_indicator(t, surface, self.map.rect, self.thinking, "The computer")

    def box(self, key, lines: list[tuple[str, str]], width: int) -> pygame.Surface:
        """A shaded box of text lines (style: 'title', 'bad', 'good', 'enemy', 'muted' or ''), drawn once."""
        if key not in self._boxes:
            t = self.app.text
            colours = {"title": (255, 255, 255), "bad": (255, 190, 150), "good": (250, 215, 120),
                       "enemy": (200, 215, 240) if self.view.enemy_side == "japan" else (250, 200, 180),
                       "muted": (190, 190, 190), "": (235, 235, 235)}
            rendered = [t.render(text, 17 if style == "title" else 15, colours.get(style, colours[""]),
                                 bold=style == "title", width=width) for text, style in lines]
            w = max(r.get_width() for r in rendered) + t.px(20)
            h = sum(r.get_height() for r in rendered) + t.px(14)
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            surf.fill((16, 18, 22, 225))
            y = t.px(7)
            for r in rendered:
                surf.blit(r, (t.px(10), y))
                y += r.get_height()
            if len(self._boxes) > 64:
                self._boxes.clear()
            self._boxes[key] = surf
        return self._boxes[key]

    def draw_tooltip(self, surface: pygame.Surface, rid: str, pos) -> None:
        """The region's facts beside the mouse, kept inside the map."""
        t = self.app.text
        lines = None
        if ("tip", rid, tuple(self.selection), self.draft.orders if self.draft else None) not in self._boxes:
            lines = region_facts(self.view, rid)
            if rid in self.destinations():
                lines.append(self.target_line(rid))
                lines += [(x, "" if i else "title") for i, x in enumerate(attack_lines(self.view,
                                                                                      self.attackers(rid), rid))]
        surf = self.box(("tip", rid, tuple(self.selection), self.draft.orders if self.draft else None), lines or [],
                        t.px(400))
        r = surf.get_rect(topleft=(pos[0] + t.px(18), pos[1] + t.px(18)))
        m = self.map.rect
        if r.right > m.right:
            r.right = pos[0] - t.px(12)
        if r.bottom > m.bottom:
            r.bottom = pos[1] - t.px(12)
        r.clamp_ip(m)
        surface.blit(surf, r)

    def attackers(self, rid: str) -> list[str]:
        """The chosen units and those already ordered into ``rid``: who would fight there."""
        ordered = [m.unit for m in self.draft.orders.moves if m.to == rid] if self.draft else []
        return list(self.selection) + [u for u in ordered if u not in self.selection]

    def target_line(self, rid: str) -> tuple[str, str]:
        labels = dict(zip(self.destinations(), (lab for lab, _ in target_labels(len(self.destinations())))))
        key = labels.get(rid, "")
        return (f"Target {key}: click or press {key} to move there" if key and key != "•" else
                "Target: click to move there", "good")

    def draw_score(self, surface: pygame.Surface) -> None:
        """The score now and the result on points if the game ended now, at the map's top right."""
        lines = score_lines(self.view)
        if not lines:
            return
        t = self.app.text
        parts = [(line, "muted") for line in score_part_lines(self.view)]
        surf = self.box("score", [(lines[0], "title"), (lines[1], "")] + parts +
                        [("Gold rings: objectives · H: how to win", "muted")], t.px(420))
        surface.blit(surf, surf.get_rect(topright=(self.map.rect.right - t.px(10), self.map.rect.y + t.px(10))))

    def legend_lines(self) -> list[tuple[pygame.Surface, str]]:
        v, t, art = self.view, self.app.text, self.art
        own, enemy = v.side, v.enemy_side
        rank = t.px(24)

        def icon(draw) -> pygame.Surface:
            surf = pygame.Surface((rank, rank), pygame.SRCALPHA)
            draw(surf, surf.get_rect())
            return surf

        def shrink(surf):
            return pygame.transform.smoothscale_by(surf, min(rank * 1.6 / surf.get_width(), rank / surf.get_height()))

        def ring(surf, r):
            pygame.draw.circle(surf, theme.INK, r.center, r.w // 2 - 1, max(2, t.px(4)))
            pygame.draw.circle(surf, theme.STAR, r.center, r.w // 2 - 2, max(1, t.px(3)))
            pygame.draw.circle(surf, (255, 255, 255), r.center, r.w // 6)
        enemy_name = v.side_names.get(enemy, enemy)
        return [(shrink(art.own(own, "infantry", 45000, 2)), "Yours: exact men; the corner number counts units"),
                (shrink(art.own(own, "infantry", 45000, 1, supplied=False)), "Out of supply (yellow corner)"),
                (shrink(art.enemy(enemy, [45000, 33000, 57000], False)), f"{enemy_name}: estimate ± error (dashed)"),
                (shrink(art.enemy(enemy, [45000, 45000, 45000], True)), f"{enemy_name} in contact: exact"),
                (icon(ring), "Objective of a victory condition"),
                (icon(lambda s, r: MapView._star(s, r.center, r.w // 3)), "Victory points"),
                (icon(lambda s, r: pygame.draw.rect(s, theme.WARN, r.inflate(-4, -4), max(2, t.px(3)))),
                 "Edge of an own region out of supply"),
                (icon(lambda s, r: cut_marker(s, r.inflate(-2, -2), t)), "Enemy-held: cuts your supply"),
                (icon(lambda s, r: battle_marker(s, r.inflate(-2, -2), t)), "Battle last turn"),
                (icon(lambda s, r: self.number_badge(s, r.center, "1")), "Target: press its key or click")]

    def draw_legend(self, surface: pygame.Surface) -> None:
        t = self.app.text
        key = ("legend", self.view.side)
        if key not in self._boxes:
            rows = self.legend_lines()
            pad, gap = t.px(8), t.px(2)
            icon_w = max(i.get_width() for i, _ in rows)
            texts = [t.render(text, 13, (235, 235, 235)) for _, text in rows]
            w = pad * 3 + icon_w + max(x.get_width() for x in texts)
            h = pad * 2 + sum(max(i.get_height(), x.get_height()) + gap for (i, _), x in zip(rows, texts))
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            surf.fill((16, 18, 22, 215))
            y = pad
            for (i, _), x in zip(rows, texts):
                rh = max(i.get_height(), x.get_height())
                surf.blit(i, (pad + (icon_w - i.get_width()) // 2, y + (rh - i.get_height()) // 2))
                surf.blit(x, (pad * 2 + icon_w, y + (rh - x.get_height()) // 2))
                y += rh + gap
            self._boxes[key] = surf
        surf = self._boxes[key]
        b = self.legend_button.rect
        surface.blit(surf, surf.get_rect(bottomright=(b.right, b.y - t.px(6))))

    def session_side_name(self) -> str | None:
        side = self.session.current_side
        return self.view.side_names.get(side, side) if side else None

    def events_title(self) -> str:
        v = self.view
        if v.over:
            return "The final turn"
        if v.turn == 0:
            return "The situation"
        return f"Turn {v.turn} report: {report_dates(v)}"

    def draw_status(self, surface: pygame.Surface) -> None:
        t = self.app.text
        text = self.message
        colour = (255, 170, 160) if self.message_is_error else (245, 245, 245)
        if self.hover_note:
            text, colour = self.hover_note, (255, 200, 120)
        if not text:
            text = ("Click a counter of yours (its whole stack) or press Tab · Shift-click adds one · E ends the turn"
                    " · H help")
            colour = (200, 200, 200)
        room = self.legend_button.rect.x - self.map.rect.x - t.px(36) if self.legend_button else self.map.rect.w
        lab = t.render(text[:300], 17, colour, bold=self.message_is_error, width=room)
        # Only as wide as its text, so the southern edge of the map (Korea) stays visible beside it.
        bar = pygame.Rect(self.map.rect.x, self.map.rect.bottom - lab.get_height() - t.px(12),
                          min(self.map.rect.w, lab.get_width() + t.px(24)), lab.get_height() + t.px(12))
        shade = pygame.Surface(bar.size, pygame.SRCALPHA)
        shade.fill((16, 18, 22, 200))
        surface.blit(shade, bar)
        surface.blit(lab, (bar.x + t.px(12), bar.y + t.px(6)))

    def number_badge(self, surface: pygame.Surface, centre, label: str) -> None:
        """A target's key on the target region itself."""
        t = self.app.text
        r = t.px(15)
        pygame.draw.circle(surface, theme.INK, centre, r + 2)
        pygame.draw.circle(surface, theme.HIGHLIGHT, centre, r)
        lab = t.render(str(label), 18, theme.INK, bold=True)
        surface.blit(lab, lab.get_rect(center=centre))

    def arrow(self, surface: pygame.Surface, a, b) -> None:
        ang = math.atan2(b[1] - a[1], b[0] - a[0])
        tip = (b[0] - 14 * math.cos(ang), b[1] - 14 * math.sin(ang))
        pygame.draw.line(surface, theme.INK, a, tip, 7)
        pygame.draw.line(surface, theme.HIGHLIGHT, a, tip, 4)
        head = [(tip[0] + 12 * math.cos(ang), tip[1] + 12 * math.sin(ang)),
                (tip[0] + 12 * math.cos(ang + 2.5), tip[1] + 12 * math.sin(ang + 2.5)),
                (tip[0] + 12 * math.cos(ang - 2.5), tip[1] + 12 * math.sin(ang - 2.5))]
        pygame.draw.polygon(surface, theme.HIGHLIGHT, head)
        pygame.draw.polygon(surface, theme.INK, head, 2)


def battle_marker(surface: pygame.Surface, r: pygame.Rect, t) -> None:
    """Crossed swords on a red disc: a battle was fought here last turn."""
    pygame.draw.circle(surface, theme.INK, r.center, r.w // 2)
    pygame.draw.circle(surface, theme.ERROR, r.center, r.w // 2 - 2)
    k = r.w // 2 - max(3, r.w // 6)
    w = max(2, t.px(3))
    x, y, white = r.centerx, r.centery, (255, 255, 255)
    pygame.draw.line(surface, white, (x - k, y - k), (x + k, y + k), w)           # the blades
    pygame.draw.line(surface, white, (x + k, y - k), (x - k, y + k), w)
    pygame.draw.line(surface, white, (x - k, y + k // 3), (x - k // 3, y + k), w)   # the hilts
    pygame.draw.line(surface, white, (x + k // 3, y + k), (x + k, y + k // 3), w)


def cut_marker(surface: pygame.Surface, r: pygame.Rect, t) -> None:
    """A yellow diamond with a broken bar: this enemy-held region cuts an own region's supply."""
    c, h = r.center, r.w // 2
    diamond = [(c[0], c[1] - h), (c[0] + h, c[1]), (c[0], c[1] + h), (c[0] - h, c[1])]
    pygame.draw.polygon(surface, theme.WARN, diamond)
    pygame.draw.polygon(surface, theme.INK, diamond, max(2, t.px(2)))
    w = max(2, t.px(3))
    pygame.draw.line(surface, theme.INK, (c[0] - h // 2, c[1]), (c[0] - h // 8, c[1]), w)
    pygame.draw.line(surface, theme.INK, (c[0] + h // 8, c[1]), (c[0] + h // 2, c[1]), w)


def objective_items(view: View) -> list[tuple[str, str, str]]:
    """The victory conditions in the scenario's own words, for the briefing: (title, text, note)."""
    lines = outcome_lines(view)
    if not lines:
        return []
    text = " ".join(f"{title}: {why}" if why else title for title, why in lines)
    return [("How the game is won", text,
             "Objectives are ringed in gold on the map; the score shows at its top right.")]
