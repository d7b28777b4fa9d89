"""The after-action report: what happened in the game, beside what happened in 1941.

``build_report(final, log)`` turns the final (revealed) view of a finished game into a ``Report`` (plain
data: the outcome in a few sentences, three charts, the decisions timeline). ``render_report(report)``
draws it with pygame on an off-screen Surface, which the game can show as it is; ``write_report`` exports
it as PNG + Markdown into a folder (default: the reports folder in the player's data folder).

``final`` may be the finished game's ``View`` (either side's: once the game is over both see all) or the
final ``State`` (turned into a view here). ``log`` is the orders log, optional: without it the Soviet
transfers west are left out of the timeline.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from game.files import paths
from game.present.labels import front_axis_title, front_enabled, goal, scenario_end
from game.engine import View, player_view
from game.engine.records import HistoryRecord

HISTORY_DIR = paths.data_dir("assets") / "history"

# Okabe-Ito colours: distinct for colour-blind readers; every series also differs by line style or marker.
SOVIET = (0, 114, 178)
JAPAN = (213, 94, 0)
REAL = (90, 90, 90)
OIL = (230, 159, 0)
INK = (25, 25, 30)
PAPER = (250, 248, 242)
GRID = (215, 212, 205)
MUTED = (100, 100, 105)

POSTURE_WORDS = {
    "mobilise": "Mobilises", "stand_down": "Stands down", "wait": "Waits",
    "strike_north": "STRIKES NORTH", "strike_south": "Strikes south", "declare_war": "DECLARES WAR",
    "hold": "Holds",
}


@dataclass(frozen=True)
class Series:
    label: str
    colour: tuple[int, int, int]
    points: tuple[tuple[dt.date, float], ...]
    dashed: bool = False
    marker: str | None = None          # "circle" | "square" | None: a shape as well as a colour


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str
    series: tuple[Series, ...]
    reference: tuple[float, str] | None = None    # a horizontal line (value, label), e.g. Moscow


@dataclass(frozen=True)
class TimelineRow:
    turn: int
    date: dt.date
    japan: tuple[str, ...]
    soviet: tuple[str, ...]
    history: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    scenario_id: str
    title: str
    outcome: str
    outcome_title: str
    winner: str
    score: dict[str, int]
    side_names: dict[str, str]
    sentences: tuple[str, ...]
    charts: tuple[Chart, ...]
    timeline: tuple[TimelineRow, ...]
    table: tuple[dict[str, Any], ...] = field(default=())   # figures turn by turn, for the Markdown
    in_1941: bool = False                                    # compared with the real 1941-42 line
    front: bool = True                                       # the scenario has a Western front


# --- history data --------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def real_front() -> tuple[tuple[dt.date, float], ...]:
    data = tomllib.loads((HISTORY_DIR / "front_1941.toml").read_text(encoding="utf-8"))
    return tuple((p["date"], float(p["km"])) for p in data["points"])


@lru_cache(maxsize=None)
def real_decisions() -> tuple[dict[str, Any], ...]:
    data = tomllib.loads((HISTORY_DIR / "decisions_1941.toml").read_text(encoding="utf-8"))
    return tuple(data["events"])


def real_front_km(day: dt.date) -> float | None:
    """The real front on ``day`` (linear between the data points), None outside them."""
    pts = real_front()
    if not pts or day < pts[0][0] or day > pts[-1][0]:
        return None
    for (d0, k0), (d1, k1) in zip(pts, pts[1:]):
        if d0 <= day <= d1:
            span = (d1 - d0).days or 1
            return k0 + (k1 - k0) * (day - d0).days / span
    return pts[-1][1]


# --- building the report -------------------------------------------------------------------------------

def build_report(final: Any, log: Sequence[dict[str, Any]] | None = None) -> Report:
    """The report of a finished game. Raises ValueError if the game is not over yet."""
    view: View = final if isinstance(final, View) else player_view(final, "japan")
    if view.result is None or view.revealed is None:
        raise ValueError("the after-action report needs a finished game")
    hist = view.revealed
    names = view.side_names
    start = dt.date.fromisoformat(hist[0].date)
    days = view.days_per_turn
    # history[i] is the end of turn i-1; the last turn ends on the scenario's last day, not past it
    last_day = scenario_end(view)
    when = [min(start + dt.timedelta(days=days * i), last_day) for i in range(len(hist))]

    fe = Series(f"{names['soviet']} Far East (thousand men)", SOVIET,
                tuple((d, h.men.get("soviet", 0) / 1000) for d, h in zip(when, hist)), marker="circle")
    ja = Series(f"{names['japan']}: Kwantung and Korea armies", JAPAN,
                tuple((d, h.men.get("japan", 0) / 1000) for d, h in zip(when, hist)), marker="square")
    strength = Chart("Far East strength", "thousand men", (fe, ja))

    front = Series("Front in this game", SOVIET, tuple((d, h.front_km) for d, h in zip(when, hist)),
                   marker="circle")
    last = when[-1]
    real_points = tuple(p for p in real_front() if when[0] <= p[0] <= last)   # only when the game spans 1941
    real = (Series("Real front, 1941-42", REAL, real_points, dashed=True),) if len(real_points) >= 2 else ()
    place, goal_km = goal(view), view.front.moscow_km   # the collapse city, if the front has one
    front_chart = Chart(front_axis_title(view), "km", (front, *real),
                        reference=(goal_km, place) if place and goal_km else None)
    has_front = front_enabled(view)
    front_moves = any(h.front_km for h in hist)
    charts = [strength, front_chart] if has_front and (front_moves or real) else [strength]
    oil_points = tuple((d, h.oil["japan"]) for d, h in zip(when, hist) if h.oil.get("japan") is not None)
    if oil_points:
        charts.append(Chart(f"{names['japan']}'s oil reserve", "months of peacetime use",
                            (Series("Oil reserve", OIL, oil_points, marker="square"),)))

    timeline = _timeline(view, hist, when, log)
    table = tuple({
        "turn": i, "date": when[i + 1].isoformat(), "soviet_men": h.men.get("soviet", 0),
        "japan_men": h.men.get("japan", 0), "front_km": h.front_km,
        "real_front_km": real_front_km(when[i + 1]), "japan_oil": h.oil.get("japan"),
    } for i, h in enumerate(hist[1:]))
    result = view.result
    return Report(
        scenario_id=view.scenario_id, title=view.title, outcome=result.outcome, outcome_title=result.title,
        winner=result.winner, score=dict(result.score), side_names=dict(names),
        sentences=tuple(_sentences(view, hist, when, log)),
        charts=tuple(charts), timeline=timeline, table=table, in_1941=overlaps_1941(when), front=has_front,
    )


def _sent_west(log: Sequence[dict[str, Any]] | None, i: int) -> float:
    if not log or i >= len(log):
        return 0.0
    total = 0.0
    for t in (log[i].get("soviet") or {}).get("transfers", []) or []:
        if isinstance(t, (list, tuple)) and len(t) == 2 and isinstance(t[1], (int, float)):
            total += float(t[1])
    return total


def _timeline(view: View, hist: Sequence[HistoryRecord], when: list[dt.date],
              log: Sequence[dict[str, Any]] | None) -> tuple[TimelineRow, ...]:
    names = view.side_names
    plan = (view.ai.get("historical") or {}).get("soviet") or {}
    real_transfers = [(t["date"], t["divisions"]) for t in plan.get("transfers", [])]
    rows = []
    for i, rec in enumerate(hist[1:]):
        begin, end = when[i], when[i + 1]
        prev = hist[i]
        japan, soviet = [], []
        for side, out in (("japan", japan), ("soviet", soviet)):
            action = rec.actions.get(side)
            if action:
                out.append(POSTURE_WORDS.get(action, action.replace("_", " ").capitalize()))
        if rec.at_war and not prev.at_war:
            (japan if view.revealed and _declared_by(view) == "japan" else soviet).append("War begins")
        sent = _sent_west(log, i)
        if sent:
            soviet.append(f"Sends {sent:g} division{'s' if sent != 1 else ''} west")
        history = [e["text"] for e in real_decisions() if begin <= e["date"] < end]
        real_sent = sum(d for day, d in real_transfers if begin <= day < end)
        if real_sent:
            history.append(f"{names['soviet']} sends {real_sent:g} division{'s' if real_sent != 1 else ''} west")
        rows.append(TimelineRow(i, begin, tuple(japan), tuple(soviet), tuple(history)))
    return tuple(rows)


def _declared_by(view: View) -> str | None:
    return view.war.declared_by


def _first(hist: Sequence[HistoryRecord], when: list[dt.date], test) -> dt.date | None:
    for i, rec in enumerate(hist[1:]):
        if test(rec):
            return when[i]
    return None


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def overlaps_1941(when: Sequence[dt.date]) -> bool:
    """Whether the game's dates fall in the 1941-42 window the history data describes."""
    return bool(when) and when[0] <= dt.date(1942, 3, 31) and when[-1] >= dt.date(1941, 6, 22)


def _sentences(view: View, hist: Sequence[HistoryRecord], when: list[dt.date],
               log: Sequence[dict[str, Any]] | None) -> list[str]:
    names = view.side_names
    real = overlaps_1941(when)

    def history(text: str) -> str:
        return f" (in 1941: {text})" if real else ""

    result = view.result
    out = [result.explanation]

    mobilised = _first(hist, when, lambda r: r.actions.get("japan") == "mobilise")
    north = _first(hist, when, lambda r: r.actions.get("japan") == "strike_north")
    south = _first(hist, when, lambda r: r.actions.get("japan") == "strike_south")
    declared = _first(hist, when, lambda r: r.actions.get("soviet") == "declare_war")
    opened_at_war = bool(view.rules["war"].get("at_war"))   # 1939, 1945: the war was on from the first day
    japan = [f"mobilised on {_day(mobilised)}"] if mobilised else [] if opened_at_war else ["never mobilised"]
    if north:
        japan.append(f"struck north on {_day(north)}")
    if south:
        japan.append(f"struck south on {_day(south)}")
    if not north and not south:
        japan.append("was at war from the first day" if opened_at_war else "never went to war")
    out.append(f"{names['japan']} {' and '.join(japan)}"
               + history("mobilised 7 Jul, gave up the north 9 Aug, struck south 7 Dec") + ".")
    if declared:
        out.append(f"The {names['soviet']} declared war on {_day(declared)}.")

    fe = [h.men.get("soviet", 0) for h in hist]
    text = (f"The Soviet Far East went from {fe[0] / 1000:,.0f} to {fe[-1] / 1000:,.0f} thousand men "
            f"(lowest {min(fe) / 1000:,.0f} thousand)")
    if log:
        sent = sum(_sent_west(log, i) for i in range(len(log)))
        if sent or real:
            text += f" and sent {sent:g} division{'' if sent == 1 else 's'} west" + history("18 by 5 December")
    out.append(text + ".")

    kms = [h.front_km for h in hist]
    if not front_enabled(view) or not any(kms):
        return out + _oil_sentence(names, hist)
    peak = max(range(len(kms)), key=kms.__getitem__)
    place = goal(view)
    fate = f"; {place} {'fell' if view.front.moscow_fell else 'held'}" if place else ""
    out.append(f"The German front peaked at {kms[peak]:,.0f} km on {_day(when[peak])} and ended at "
               f"{kms[-1]:,.0f} km{fate}" + history("about 970 km on 5 December, then pushed back") + ".")
    return out + _oil_sentence(names, hist)


def _oil_sentence(names: dict[str, str], hist: Sequence[HistoryRecord]) -> list[str]:
    out = []
    oil = [h.oil.get("japan") for h in hist if h.oil.get("japan") is not None]
    if oil:
        out.append(f"{names['japan']}'s oil went from {oil[0]:.1f} to {oil[-1]:.1f} months of peacetime use.")
    return out


# --- drawing -------------------------------------------------------------------------------------------

def _pygame():
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")   # keep stdout clean for --json callers
    import pygame
    return pygame


@lru_cache(maxsize=None)
def _font(size: int, bold: bool = False):
    pygame = _pygame()
    if not pygame.font.get_init():
        pygame.font.init()
    try:
        import pygame_gui
        path = Path(pygame_gui.__file__).parent / "data" / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
        if path.is_file():
            return pygame.font.Font(path, size)
    except ImportError:
        pass
    f = pygame.font.Font(None, int(size * 1.3))   # the default font runs small
    f.set_bold(bold)
    return f


def _wrap(text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if font.size(trial)[0] <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = max(span, 1e-9) / ticks
    mag = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 10 ** -len(str(int(1 / raw)))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _dashed(surface, colour, points, width: int, dash: int = 12, gap: int = 8) -> None:
    pygame = _pygame()
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        if length == 0:
            continue
        pos = 0.0
        while pos < length:
            a, b = pos / length, min(pos + dash, length) / length
            pygame.draw.line(surface, colour, (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                             (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b), width)
            pos += dash + gap


def _marker(surface, colour, kind: str | None, x: float, y: float, r: int = 5) -> None:
    pygame = _pygame()
    if kind == "circle":
        pygame.draw.circle(surface, colour, (x, y), r)
    elif kind == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))


def draw_chart(surface, rect, chart: Chart) -> None:
    """Draw one line chart inside ``rect`` (title, axes, grid, series, legend)."""
    pygame = _pygame()
    x, y, w, h = rect
    title_font, label_font, legend_font = _font(24, True), _font(17), _font(18)
    surface.blit(title_font.render(chart.title, True, INK), (x, y))
    legend_h = len(chart.series) * 26 + 6
    plot = pygame.Rect(x + 64, y + 62, w - 76, h - 62 - 32 - legend_h)
    surface.blit(label_font.render(chart.unit, True, MUTED), (x, y + 34))

    points = [p for s in chart.series for p in s.points]
    if not points:
        return
    d0 = min(p[0] for p in points)
    d1 = max(p[0] for p in points)
    values = [p[1] for p in points] + ([chart.reference[0]] if chart.reference else [])
    top = max(values) * 1.08 or 1.0
    step = _nice_step(top)
    top = step * (int(top / step) + (1 if top % step else 0))
    span_days = max((d1 - d0).days, 1)

    def px(day: dt.date, value: float) -> tuple[float, float]:
        return (plot.left + plot.width * (day - d0).days / span_days,
                plot.bottom - plot.height * max(value, 0) / top)

    pygame.draw.rect(surface, (255, 255, 255), plot)
    v = 0.0
    while v <= top + 1e-9:
        yy = px(d0, v)[1]
        pygame.draw.line(surface, GRID, (plot.left, yy), (plot.right, yy), 1)
        label = label_font.render(f"{v:,.0f}" if step >= 1 else f"{v:g}", True, MUTED)
        surface.blit(label, (plot.left - 8 - label.get_width(), yy - label.get_height() / 2))
        v += step
    month = dt.date(d0.year, d0.month, 1)
    while month <= d1:
        if month >= d0:
            xx = px(month, 0)[0]
            pygame.draw.line(surface, GRID, (xx, plot.top), (xx, plot.bottom), 1)
            if (month.month % 2 == 1 or span_days < 200) and span_days >= 62:
                text = f"{month:%b}" + (f" {month:%y}" if month.month == 1 or month == dt.date(d0.year, d0.month, 1)
                                        else "")
                label = label_font.render(text, True, MUTED)
                surface.blit(label, (xx - label.get_width() / 2, plot.bottom + 6))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if span_days < 62:   # too short for month labels: date the two ends
        for day in (d0, d1):
            label = label_font.render(f"{day.day} {day:%b}", True, MUTED)
            xx = min(max(px(day, 0)[0] - label.get_width() / 2, plot.left), plot.right - label.get_width())
            surface.blit(label, (xx, plot.bottom + 6))
    if chart.reference:
        value, name = chart.reference
        yy = px(d0, value)[1]
        _dashed(surface, INK, [(plot.left, yy), (plot.right, yy)], 1, 4, 4)
        label = label_font.render(name, True, INK)
        surface.blit(label, (plot.left + 6, yy - label.get_height() - 1))
    for s in chart.series:
        pts = [px(d, val) for d, val in s.points]
        if len(pts) >= 2:
            if s.dashed:
                _dashed(surface, s.colour, pts, 4)
            else:
                pygame.draw.lines(surface, s.colour, False, pts, 4)
        for p in pts:
            _marker(surface, s.colour, s.marker, *p)
    pygame.draw.rect(surface, INK, plot, 1)

    ly = plot.bottom + 34
    for s in chart.series:
        if s.dashed:
            _dashed(surface, s.colour, [(x + 4, ly + 11), (x + 44, ly + 11)], 4, 9, 5)
        else:
            pygame.draw.line(surface, s.colour, (x + 4, ly + 11), (x + 44, ly + 11), 4)
        _marker(surface, s.colour, s.marker, x + 24, ly + 11)
        surface.blit(legend_font.render(s.label, True, INK), (x + 54, ly))
        ly += 26


def render_report(report: Report, width: int = 1600):
    """The report drawn on an off-screen ``pygame.Surface`` ``width`` pixels wide (height to fit)."""
    pygame = _pygame()
    margin, gap = 44, 36
    inner = width - 2 * margin
    canvas = pygame.Surface((width, 6000))
    canvas.fill(PAPER)
    y = margin

    def text(line: str, font, colour=INK, x: int = margin) -> None:
        nonlocal y
        surf = font.render(line, True, colour)
        canvas.blit(surf, (x, y))
        y += font.get_linesize()

    text(f"After-action report: {report.title}", _font(38, True))
    y += 6
    names = report.side_names
    winner = "a draw" if report.winner == "draw" else f"{names.get(report.winner, report.winner)} wins"
    score = ", ".join(f"{names.get(side, side)} {pts}" for side, pts in report.score.items())
    text(f"{report.outcome_title}: {winner} ({score})", _font(30, True), JAPAN if report.winner == "japan"
         else SOVIET if report.winner == "soviet" else INK)
    y += 8
    body, strong = _font(22), _font(22, True)
    for i, sentence in enumerate(report.sentences):   # the rules' explanation first, in bold
        for line in _wrap(sentence, strong if i == 0 else body, inner):
            text(line, strong if i == 0 else body)
    y += gap

    n = len(report.charts)
    chart_w = (inner - gap * (n - 1)) // max(n, 1)
    chart_h = 430
    for i, chart in enumerate(report.charts):
        draw_chart(canvas, (margin + i * (chart_w + gap), y, chart_w, chart_h), chart)
    y += chart_h + gap

    with_history = any(row.history for row in report.timeline)
    text("Decisions, turn by turn" + (", beside what really happened" if with_history else ""), _font(28, True))
    y += 6
    side_w = 300 if with_history else (inner - 190) // 2
    cols = [("Turn   Date", 190), (f"{names.get('japan', 'Japan')} (this game)", side_w),
            (f"{names.get('soviet', 'USSR')} (this game)", side_w)]
    if with_history:
        cols.append(("What really happened", inner - 190 - 2 * side_w))
    head, cell = _font(20, True), _font(19)
    xs = [margin]
    for _, w in cols[:-1]:
        xs.append(xs[-1] + w)
    pygame.draw.rect(canvas, (232, 228, 218), (margin - 6, y - 2, inner + 12, head.get_linesize() + 6))
    for (name, _), x in zip(cols, xs):
        canvas.blit(head.render(name, True, INK), (x, y))
    y += head.get_linesize() + 8
    for k, row in enumerate(report.timeline):
        cells = [[f"{row.date.day} {row.date:%b %Y}"], list(row.japan), list(row.soviet), list(row.history)]
        wrapped = [[ln for item in c for ln in _wrap(item, cell, w - 14)] for c, (_, w) in zip(cells, cols)]
        height = max(1, *(len(c) for c in wrapped)) * cell.get_linesize() + 4
        if k % 2:
            pygame.draw.rect(canvas, (240, 237, 229), (margin - 6, y - 2, inner + 12, height))
        number = head.render(str(row.turn + 1), True, MUTED)
        canvas.blit(number, (xs[0] + 28 - number.get_width(), y))
        for lines, x, ci in zip(wrapped, xs, range(len(cols))):
            colour = (MUTED if ci == 0 else JAPAN if ci == 1 else SOVIET if ci == 2 else INK)
            for j, ln in enumerate(lines):
                bold = ci in (1, 2) and any(word.isupper() and len(word) > 2 for word in ln.split())
                canvas.blit((_font(19, True) if bold else cell).render(ln, True, colour),
                            (x + (44 if ci == 0 else 0), y + j * cell.get_linesize()))
        y += height
    y += 14
    for line in [] if not report.in_1941 else _wrap("Sources in brackets: see docs/sources.md. The real front line is "
                      "a rounded reading of the dates of Minsk, Smolensk, Vyazma and the Moscow counter-offensive.",
                      _font(16), inner):
        text(line, _font(16), MUTED)
    y += margin
    return canvas.subsurface((0, 0, width, min(y, canvas.get_height()))).copy()


# --- export --------------------------------------------------------------------------------------------

def report_markdown(report: Report, png_name: str | None = None) -> str:
    """The report as Markdown (tables of the figures and the decisions)."""
    lines = [f"# After-action report: {report.title}", ""]
    score = ", ".join(f"{report.side_names.get(side, side)} {pts}" for side, pts in report.score.items())
    lines += [f"**Outcome: {report.outcome_title}** (`{report.outcome}`; winner: {report.winner}; score: {score})",
              ""]
    lines += [" ".join(report.sentences), ""]
    if png_name:
        lines += [f"![Charts and timeline]({png_name})", ""]
    front = "Front (km) | Real front (km) | " if report.front else ""   # no columns for a front not played
    lines += ["## Figures turn by turn", "",
              f"| Turn | Date (end) | Soviet Far East men | Japanese men | {front}Japanese oil (months) |",
              "|---:|---|---:|---:|" + ("---:|---:|" if report.front else "") + "---:|"]
    for r in report.table:
        real = f"{r['real_front_km']:,.0f}" if r["real_front_km"] is not None else "-"
        oil = f"{r['japan_oil']:.1f}" if r["japan_oil"] is not None else "-"
        km = f"{r['front_km']:,.0f} | {real} | " if report.front else ""
        lines.append(f"| {r['turn'] + 1} | {r['date']} | {r['soviet_men']:,} | {r['japan_men']:,} | {km}{oil} |")
    lines += ["", "## Decisions beside history", "", "| Turn | Date | Japan | USSR | What really happened |",
              "|---:|---|---|---|---|"]
    for row in report.timeline:
        cell = lambda items: "; ".join(items).replace("|", "/") or "-"   # noqa: E731
        lines.append(f"| {row.turn + 1} | {row.date.isoformat()} | {cell(row.japan)} | {cell(row.soviet)} | "
                     f"{cell(row.history)} |")
    lines += ["", "Sources in brackets are listed in the game's docs/sources.md.", ""]
    return "\n".join(lines)


def write_report(final: Any, folder: str | Path | None = None, *, log: Sequence[dict[str, Any]] | None = None,
                 name: str | None = None, width: int = 1600) -> tuple[Path, Path]:
    """Export the report of a finished game as PNG and Markdown; returns ``(png_path, md_path)``.

    ``folder`` defaults to the reports folder in the player's data folder; ``name`` (file stem) defaults
    to a fresh ``report-<scenario>-NNN``. Writes are atomic; an ``OSError`` (full disk, no permission)
    propagates with the old files untouched.
    """
    report = final if isinstance(final, Report) else build_report(final, log)
    folder = Path(folder) if folder is not None else paths.reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if name is None:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", f"report-{report.scenario_id}")
        n = 1
        while (folder / f"{stem}-{n:03d}.png").exists() or (folder / f"{stem}-{n:03d}.md").exists():
            n += 1
        name = f"{stem}-{n:03d}"
    png, md = folder / f"{name}.png", folder / f"{name}.md"
    pygame = _pygame()
    buffer = io.BytesIO()
    pygame.image.save(render_report(report, width), buffer, "png")
    paths.atomic_write(png, buffer.getvalue())
    paths.atomic_write(md, report_markdown(report, png.name).encode("utf-8"))
    return png, md
