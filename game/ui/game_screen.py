"""The game screen: the map with counters, the top bar and the side panel, and the turn's pop-ups.

It reads only the view the session hands it, builds the human's orders in a ``Draft`` (every change
checked with ``view.problems``, so an illegal action is refused with its reason), and submits them.
Every action works by mouse and by keyboard (see ``key``).
"""
from __future__ import annotations

import math

import pygame

from game.engine import SIDES, Move, Orders, View
from game.labels import goal, posture_refusals, stavka_enabled

from . import theme
from .app import App, Screen
from .counters import CounterArt, spread, thousands
from .draft import Draft, posture_label
from .mapview import MapView
from .overlays import briefing_items, dim, draw_events_box, draw_handoff, event_items, opening_events
from .panel import Layout, draw_panel, draw_topbar
from .widgets import Buttons

NUMBER_KEYS = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6, pygame.K_7, pygame.K_8,
               pygame.K_9, pygame.K_0]
KEYPAD_KEYS = [pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4, pygame.K_KP5, pygame.K_KP6, pygame.K_KP7,
               pygame.K_KP8, pygame.K_KP9, pygame.K_KP0]
PAN_STEP = 90
DRAG_THRESHOLD = 6


class GameScreen(Screen):
    def __init__(self, app: App, session, briefing: bool = False):
        """``briefing``: a new game, so each side on screen first gets the opening briefing (a loaded or
        rewound game does not)."""
        super().__init__(app)
        self.session = session
        self.map: MapView | None = None
        self.setup_geometry()
        self.modal: str | None = None          # "handoff", "briefing", "events", "menu" or None
        self.handed: set[tuple[str, int]] = set()          # hot-seat hand-offs done (side, turn)
        self.shown_events: set[tuple[str, int]] = set()    # turn reports seen (side, turn)
        self.to_brief: set[str] = set(SIDES) if briefing else set()
        self.briefed: dict[str, set[str]] = {}             # side -> ids of the scripted events its briefing showed
        self.message, self.message_is_error = "", False
        self.hover: str | None = None
        self.hover_note: str | None = None   # why the disabled button under the mouse is closed
        self.selected: str | None = None
        self._drag: tuple[int, int] | None = None
        self._dragged = False
        self._panel: pygame.Surface | None = None
        self._layout_key = None
        self._counter_rects: dict[tuple[str, str], pygame.Rect] = {}
        self._popup: tuple | None = None   # (modal, view, content): the pop-up's content is drawn every frame
        self.new_view()

    def fit_scale(self, size: tuple[int, int]) -> float:
        from .panel import FIT_HEIGHT, FIT_WIDTH
        return min(size[1] / FIT_HEIGHT, size[0] / FIT_WIDTH)

    def setup_geometry(self) -> None:
        """Layout, counter art and map for the app's current scale and palette."""
        t = self.app.text
        self._geometry_key = (t.scale, theme.PALETTE["name"], self.app.size)
        self.layout = Layout.for_size(self.app.size, t)
        self.art = CounterArt(t)
        self._layout_key = None
        if self.map is not None:
            self.map = None
            self.make_map()

    def make_map(self) -> None:
        if self.map is None:
            names = {rid: r.name for rid, r in self.view.board.regions.items()}
            vp = {rid: r.vp for rid, r in self.view.board.regions.items()}
            self.map = MapView(self.app.geography, self.layout.map, self.app.text, names, vp)

    # --- the session ------------------------------------------------------------------------------
    def new_view(self) -> None:
        """Fetch the view of the side now on screen and decide which pop-up comes first."""
        s = self.session
        self.view: View = s.view_for_current_player()
        self.read_only = s.current_side is None and not s.over
        self.draft = Draft(self.view) if s.current_side else None
        self.selected = None
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
                content = self.view.title, briefing_items(self.view)
            else:
                content = self.events_title(), event_items(self.report_events(), self.view)
            self._popup = (self.modal, self.view, content)
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
        self.app.show(EndScreen(self.app, self.view, self.session.log, self.session))

    def end_turn(self) -> None:
        s = self.session
        if s.over:
            return self.finish()
        if self.read_only:
            s.advance()
        else:
            try:
                s.submit(s.current_side, self.draft.orders)
            except ValueError as e:   # the draft is checked at every change, so this is a safeguard
                return self.say(str(e), error=True)
        self.new_view()
        if self.app.screen is self:
            self.build_widgets()

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
        chosen = self.draft.orders.posture or self.view.own["stance"]
        for p, b in self.posture_buttons.items():
            if b.is_enabled:   # (unselect() would paint a disabled button as enabled again)
                b.select() if p == chosen else b.unselect()

    def close_modal(self) -> None:
        was, side = self.modal, self.view.side
        key = (side, self.view.turn)
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

    # --- saves, rewind, explorer, settings ------------------------------------------------------------
    def save(self) -> None:
        from game.saves import SaveError
        try:
            path = self.session.save()
        except SaveError as e:
            self.say(f"Not saved: {e}", error=True)
        else:
            self.say(f"Saved (orders of {len(self.session.log)} turns) to {path}")
        if self.modal == "menu":
            self.modal = None
            self.build_widgets()
        self.dirty()

    def open_load(self) -> None:
        from .files import LoadScreen
        self.app.show(LoadScreen(self.app, self))

    def open_rewind(self) -> None:
        from .files import RewindScreen
        if not self.session.log:
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
        self.selected = unit
        if unit:
            u = self.view.units[unit]
            n = len(self.view.destinations(unit))
            self.say(f"{u.name}: {n} regions in reach. Click one or press its number." if n else
                     f"{u.name} cannot move this turn.")
        self.dirty()

    def cycle_unit(self, step: int) -> None:
        order = self.units_in_order()
        if not order:
            return self.say("You have no units on the map.", error=True)
        i = order.index(self.selected) + step if self.selected in order else (0 if step > 0 else -1)
        self.select(order[i % len(order)])

    def destinations(self) -> list[str]:
        """The selected unit's legal targets, in the order their number keys follow (by name)."""
        if not self.selected or self.read_only or self.view.over:
            return []
        names = self.view.board.regions
        return sorted(self.view.destinations(self.selected), key=lambda r: names[r].name)

    def order_move(self, region: str) -> None:
        if not self.selected or not self.draft:
            return
        name = self.view.board.regions[region].name
        why = self.draft.move(self.selected, region)
        if why:
            self.say(f"Cannot move there: {why}.", error=True)
        else:
            unit = self.view.units[self.selected].name
            cancelled = self.draft.move_of(self.selected) is None
            self.say(f"{unit}: move order cancelled." if cancelled else f"{unit} will move to {name}.")
        self.dirty()

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

    def set_posture(self, posture: str) -> None:
        if not self.draft:
            return
        why = self.draft.posture(posture)
        if why:
            self.say(f"Cannot choose {posture_label(posture)}: {why}.", error=True)
        else:
            self.say(f"Posture this turn: {posture_label(self.draft.orders.posture or self.view.own['stance'])}.")
        self.refresh_posture_buttons()
        self.dirty()

    def cycle_posture(self) -> None:
        if not self.draft:
            return
        ps = list(self.view.postures)
        current = self.draft.orders.posture or self.view.own["stance"]
        i = ps.index(current) if current in ps else -1
        closed = []
        for step in range(1, len(ps) + 1):   # the next open posture; the closed ones passed are named
            p = ps[(i + step) % len(ps)]
            if p in self.refusals:
                closed.append(f"{posture_label(p)} ({self.refusals[p]})")
                continue
            self.set_posture(p)
            break
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

    def reset_view(self) -> None:
        self.map.reset()
        self._layout_key = None

    # --- events -----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if self.buttons.handle(event, arrows=self.modal == "menu"):
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
            self.zoom(1 if event.y > 0 else -1, getattr(event, "pos", None) or pygame.mouse.get_pos())
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
            if self.map.rect.collidepoint(event.pos):
                self._drag, self._dragged = event.pos, False
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
                self.click(event.pos)

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
        if k == pygame.K_TAB:
            self.cycle_unit(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.select(self.selected) if self.selected else self.cycle_unit(1)
        elif k == pygame.K_ESCAPE:
            if self.selected:
                self.selected = None
                self.say("")
                self.dirty()
            else:
                self.open_menu()
        elif k in NUMBER_KEYS or k in KEYPAD_KEYS:
            i = NUMBER_KEYS.index(k) if k in NUMBER_KEYS else KEYPAD_KEYS.index(k)
            targets = self.destinations()
            if not self.selected:
                self.say("Select a unit first (Tab), then press the number of a highlighted region.", error=True)
            elif i < len(targets):
                self.order_move(targets[i])
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

    def click(self, pos: tuple[int, int]) -> None:
        hit = self.counter_at(pos)
        if hit and hit[0] == self.view.side and not self.read_only:
            stack = self.stack(hit[1])
            if self.selected in stack:   # clicking the stack again picks its next unit
                self.select(stack[(stack.index(self.selected) + 1) % len(stack)])
            else:
                self.select(stack[0])
            return
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

    def hover_at(self, pos: tuple[int, int]) -> None:
        self.hover = self.map.region_at(pos)
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
            parts.append(("enemy " + thousands(est["men"][0])) if est["exact"] else
                         f"enemy ~{thousands(est['men'][0])} ({thousands(est['men'][1])}-{thousands(est['men'][2])})")
        return " · ".join(parts)

    # --- counters ---------------------------------------------------------------------------------
    def stack(self, region: str) -> list[str]:
        units = [u for u in self.view.units.values() if u.region == region]
        return [u.id for u in sorted(units, key=lambda u: (-u.men, u.id))]

    def counters(self) -> list[tuple[tuple[str, str], pygame.Surface]]:
        v = self.view
        out = []
        if self.modal == "handoff":   # the next player's screen stays hidden
            return out
        for rid in sorted({u.region for u in v.units.values()}):
            stack = [v.units[u] for u in self.stack(rid)]
            men = sum(u.men for u in stack)
            out.append(((v.side, rid), self.art.own(v.side, stack[0].kind, men, len(stack),
                                                    all(u.supplied for u in stack))))
        for rid, est in sorted(v.enemy.items()):
            out.append(((v.enemy_side, rid), self.art.enemy(v.enemy_side, est["men"], est["exact"])))
        return out

    def layout_counters(self, items) -> dict[tuple[str, str], pygame.Rect]:
        key = (self.map.z, tuple((k, s.get_size()) for k, s in items))
        if key != self._layout_key:
            m = self.map
            boxes = []
            for k, surf in items:
                lx, ly = m.to_layer(*m.geo["regions"][k[1]]["label"])
                boxes.append((k, (lx, ly), surf.get_size()))
            self._counter_layer_rects = spread(boxes, obstacles=m.label_boxes())
            self._layout_key = key
        dx, dy = self.map.rect.x - self.map.offset[0], self.map.rect.y - self.map.offset[1]
        return {k: r.move(round(dx), round(dy)) for k, r in self._counter_layer_rects.items()}

    def counter_at(self, pos) -> tuple[str, str] | None:
        for k, r in reversed(list(self._counter_rects.items())):
            if r.collidepoint(pos) and self.map.rect.collidepoint(pos):
                return k
        return None

    def counter_rect(self, side: str, region: str) -> pygame.Rect | None:
        """Where a counter is on screen (for tests and tooltips)."""
        return self._counter_rects.get((side, region))

    def unit_rect(self, unit: str) -> pygame.Rect | None:
        return self.counter_rect(self.view.side, self.view.units[unit].region)

    # --- drawing ----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t, lay = self.app.text, self.layout
        if self.modal == "handoff":
            draw_handoff(t, surface, self.session_side_name(), self.session.current_side)
            return
        self.map.draw(surface, self.view.owners)
        clip = surface.get_clip()
        surface.set_clip(self.map.rect)
        targets = self.destinations()
        if self.selected:
            self.map.draw_region_outline(surface, self.view.units[self.selected].region, theme.INK, max(2, t.px(3)))
        for rid in targets:
            self.map.draw_region_outline(surface, rid, theme.HIGHLIGHT, max(3, t.px(4)))
        if self.draft:
            for m in self.draft.orders.moves:
                self.arrow(surface, self.map.anchor(self.view.units[m.unit].region), self.map.anchor(m.to))
        items = self.counters()
        self._counter_rects = self.layout_counters(items)
        for k, surf in items:
            r = self._counter_rects[k]
            anchor = self.map.anchor(k[1])
            if not r.inflate(6, 6).collidepoint(anchor):
                pygame.draw.line(surface, theme.INK, r.center, anchor, 2)
                pygame.draw.circle(surface, theme.INK, anchor, 4)
            surface.blit(surf, r)
        if self.selected:
            r = self._counter_rects.get((self.view.side, self.view.units[self.selected].region))
            if r:
                pygame.draw.rect(surface, theme.HIGHLIGHT, r.inflate(8, 8), 4, border_radius=t.px(8))
        for i, rid in enumerate(targets[:10]):
            self.number_badge(surface, self.map.city(rid), (i + 1) % 10)
        self.draw_status(surface)
        surface.set_clip(clip)
        if self._panel is None:
            self._panel = pygame.Surface(surface.get_size())
            draw_topbar(t, self._panel, lay, self.view)
            draw_panel(t, self._panel, lay, self.view, self.draft, self.selected, self.read_only)
        surface.blit(self._panel, lay.top, lay.top)
        surface.blit(self._panel, lay.panel, lay.panel)
        if self.modal in ("events", "briefing"):
            dim(surface)
            self.report_links: list = []   # (rect, region) of the report's battles: a click shows the place
            draw_events_box(t, surface, *self.popup(), t.px(56), links=self.report_links)
        elif self.modal == "menu":
            dim(surface)

    def session_side_name(self) -> str | None:
        side = self.session.current_side
        return self.view.side_names.get(side, side) if side else None

    def events_title(self) -> str:
        v = self.view
        if v.over:
            return "The final turn"
        if v.turn == 0:
            return "The situation"
        start = v.date.fromordinal(v.date.toordinal() - v.days_per_turn)
        return f"Turn {v.turn} report: {start:%d %b} - {v.date.fromordinal(v.date.toordinal() - 1):%d %b %Y}"

    def draw_status(self, surface: pygame.Surface) -> None:
        t = self.app.text
        text = self.message
        colour = (255, 170, 160) if self.message_is_error else (245, 245, 245)
        if self.hover_note:
            text, colour = self.hover_note, (255, 200, 120)
        elif not text and self.hover:
            text, colour = self.region_text(self.hover), (220, 220, 220)
        if not text:
            text = "Click a counter of yours or press Tab · E ends the turn · H help"
            colour = (200, 200, 200)
        lab = t.render(text[:300], 17, colour, bold=self.message_is_error, width=self.map.rect.w - t.px(24))
        # Only as wide as its text, so the southern edge of the map (Korea) stays visible beside it.
        bar = pygame.Rect(self.map.rect.x, self.map.rect.bottom - lab.get_height() - t.px(12),
                          min(self.map.rect.w, lab.get_width() + t.px(24)), lab.get_height() + t.px(12))
        shade = pygame.Surface(bar.size, pygame.SRCALPHA)
        shade.fill((16, 18, 22, 200))
        surface.blit(shade, bar)
        surface.blit(lab, (bar.x + t.px(12), bar.y + t.px(6)))

    def number_badge(self, surface: pygame.Surface, pos, n: int) -> None:
        t = self.app.text
        r = t.px(13)
        centre = (pos[0] + t.px(16), pos[1] - t.px(16))
        pygame.draw.circle(surface, theme.INK, centre, r + 2)
        pygame.draw.circle(surface, theme.HIGHLIGHT, centre, r)
        lab = t.render(str(n), 17, theme.INK, bold=True)
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
