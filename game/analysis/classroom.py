"""The class summary: the finished games of a class, side by side with the computer and with history.

``python main.py class SAVE... [--out DIR] [--json]`` and the Class screen both use this module::

    tables, unreadable = read_class(["usb/class-7b"])          # saves, or folders of them (searched deeply)
    summary = summarise(tables, unreadable, computer_games=100)  # the figures (the JSON of --json)
    md, png = write_summary(summary, tables, "usb/class-7b")     # summary.md and summary.png

Each save is loaded and replayed as ``load`` does (so a table's figures are exactly what ``simulate`` or
``replay`` print for it). Unfinished, damaged and password-protected saves are listed with their reason
and skipped. Games of different scenarios are summed per scenario; each scenario is set against the
computer's distribution of the same scenario (``game.analysis.explore.explore``, default levels) and against what
really happened: the real decisions in the scenario's dates and the game played by the "as in history"
computer on both sides.
"""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from game.files import paths
from game.engine import Scenario, State
from game.errors import UserError
from game.present.labels import plural

COMPUTER_GAMES = 100          # a modest Monte Carlo: about two seconds per scenario
COMPUTER_SEED = 1941
MAX_FILES = 2000              # a class, not a disk: stop searching a folder after this many saves


@dataclass(frozen=True)
class Table:
    """One finished game of the class (one table of players)."""

    file: Path
    scenario: Scenario
    state: State
    log: list
    players: dict[str, str]
    figures: dict[str, Any]        # ``game.play.match.summary`` of the final state, as simulate/replay print it


def find_saves(sources: Sequence[str | Path]) -> tuple[list[Path], list[dict[str, str]]]:
    """The save files named, or found in the folders named (with their subfolders, in name order), and
    the sources that are neither."""
    files: list[Path] = []
    missing = []
    for source in sources:
        p = Path(source).expanduser()
        if p.is_dir():
            try:
                found = sorted(f for f in p.rglob("*.json") if f.is_file() and not f.name.startswith("."))
            except OSError as e:
                missing.append({"file": str(p), "reason": f"cannot be read ({e.strerror or e})"})
                continue
            files += found[:MAX_FILES]
        elif p.is_file():
            files.append(p)
        else:
            missing.append({"file": str(p), "reason": "no such file or folder"})
    unique = list(dict.fromkeys(files))
    return unique, missing


def read_class(sources: Sequence[str | Path]) -> tuple[list[Table], list[dict[str, str]]]:
    """The finished games among ``sources``, and every file that could not be used with its reason."""
    from game.play.match import summary
    from game.play.saves import SaveError, load_save
    files, unreadable = find_saves(sources)
    tables = []
    for f in files:
        try:
            save = load_save(f)
        except SaveError as e:
            reason = str(e)
            if reason.startswith(f"{f}: "):   # the file is named in its own column
                reason = reason[len(str(f)) + 2:]
            unreadable.append({"file": str(f), "reason": reason})
            continue
        if not save.state.over:
            unreadable.append({"file": str(f), "reason": f"not finished ({save.turns} of {save.scenario.turns} "
                                                         f"turns played)"})
            continue
        tables.append(Table(f, save.scenario, save.state, save.log, dict(save.players), summary(save.state)))
    return tables, unreadable


def count(figures: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Winners, outcomes, attack rate and attack turns of games given by their ``summary`` figures."""
    winners = Counter({"japan": 0, "soviet": 0, "draw": 0})
    winners.update(f["winner"] for f in figures)
    attacked = [f for f in figures if f["japan_attacked"]]
    return {
        "games": len(figures),
        "winners": dict(winners),
        "outcomes": dict(sorted(Counter(f["outcome"] for f in figures).items())),
        "japan_attack_rate": round(len(attacked) / len(figures), 4) if figures else 0.0,
        "attack_turns": [f["attack_turn"] for f in figures],
    }


def summarise(tables: Sequence[Table], unreadable: Sequence[dict[str, str]] = (),
              computer_games: int = COMPUTER_GAMES, progress=None) -> dict[str, Any]:
    """The class's figures (overall and per scenario), with the computer's and history's beside them.
    ``progress(text)`` is told what is being computed (the Class screen shows it)."""
    out = count([t.figures for t in tables])
    out["files"] = [str(t.file) for t in tables]
    out["unreadable"] = list(unreadable)
    out["scenarios"] = {}
    by_scenario: dict[str, list[Table]] = {}
    for t in tables:
        by_scenario.setdefault(t.scenario.id, []).append(t)
    for sid, group in sorted(by_scenario.items()):
        scenario = group[0].scenario
        block = count([t.figures for t in group])
        block["title"] = scenario.title
        from game.present.labels import outcome_names
        block["outcome_names"] = outcome_names(scenario.outcomes)
        block["files"] = [str(t.file) for t in group]
        block["tables"] = [table_line(t) for t in group]
        if progress:
            progress(f"{scenario.title}: the computer plays {plural(computer_games, 'game')}")
        block["computer"] = computer(scenario, computer_games)
        block["history"] = history(scenario)
        out["scenarios"][sid] = block
    return out


def table_line(t: Table) -> dict[str, Any]:
    """One table's result and key decisions beside history (from the after-action report's timeline)."""
    from game.analysis.report import build_report
    report = build_report(t.state, t.log)
    decisions = [{"turn": row.turn + 1, "date": row.date.isoformat(), "japan": list(row.japan),
                  "soviet": list(row.soviet), "history": list(row.history)}
                 for row in report.timeline if row.japan or row.soviet or row.history]
    f = t.figures
    return {"file": t.file.name, "players": t.players, "outcome": f["outcome"], "outcome_title": f["outcome_title"],
            "winner": f["winner"], "score": f["score"], "japan_attacked": f["japan_attacked"],
            "attack_turn": f["attack_turn"], "decisions": decisions}


def computer(scenario: Scenario, games: int) -> dict[str, Any] | None:
    """The computer's distribution for the scenario (``explore``, default levels), or None for 0 games."""
    if games <= 0:
        return None
    from game.analysis.explore import explore
    r = explore(scenario, games, seed=COMPUTER_SEED, workers=1)
    return {"games": r["games"], "winners": r["winners"], "outcomes": r["outcomes"],
            "japan_attack_rate": r["japan_attack_rate"], "attack_turn_histogram": r["attack_turn_histogram"],
            "levels": r["levels"], "seed": COMPUTER_SEED}


def history(scenario: Scenario) -> dict[str, Any]:
    """What really happened: the real decisions within the scenario's dates, and the game the "as in
    history" computer plays on both sides (the model's version of the real course)."""
    from game.play.match import play_ai_game, summary
    from game.analysis.report import real_decisions
    state, _ = play_ai_game(scenario, COMPUTER_SEED, {"japan": "historical", "soviet": "historical"})
    f = summary(state)
    real = [{"date": e["date"].isoformat(), "side": e.get("side"), "text": e["text"]}
            for e in real_decisions() if scenario.start <= e["date"] <= scenario.end]
    return {"outcome": f["outcome"], "outcome_title": f["outcome_title"], "winner": f["winner"],
            "japan_attacked": f["japan_attacked"], "attack_turn": f["attack_turn"], "decisions": real}


# --- the files -------------------------------------------------------------------------------------------

def summary_markdown(summary: dict[str, Any], png_name: str | None = "summary.png") -> str:
    lines = ["# Class summary", ""]
    n = summary["games"]
    w = summary["winners"]
    lines += [f"{n} finished game{'s' if n != 1 else ''} read. Japan won {w['japan']}, the USSR {w['soviet']}, "
              f"{w['draw']} ended in a draw. Japan attacked in {_pct(summary['japan_attack_rate'])} of them.", ""]
    if png_name:
        lines += [f"![The class beside the computer and history]({png_name})", ""]
    for sid, s in summary["scenarios"].items():
        lines += [f"## {s['title']} (`{sid}`)", ""]
        turns = sorted(t for t in s["attack_turns"] if t is not None)
        when = f" (turns: {', '.join(str(t) for t in turns)})" if turns else ""
        lines += [f"- Tables: {s['games']}; Japan attacked at {sum(1 for t in s['attack_turns'] if t is not None)}"
                  f"{when}: {_pct(s['japan_attack_rate'])}."]
        c, h = s["computer"], s["history"]
        if c:
            lines.append(f"- The computer ({plural(c['games'], 'game')}, levels {c['levels']['japan']} against "
                         f"{c['levels']['soviet']}): Japan attacked in {_pct(c['japan_attack_rate'])}.")
        attack = f"Japan attacked at turn {h['attack_turn']}" if h["japan_attacked"] else "Japan did not attack"
        lines += [f"- History played by the computer: {attack}; {h['outcome_title']} (winner: {h['winner']}).", ""]
        lines += ["| Outcome | Class | Computer | History |", "|---|---:|---:|---|"]
        for outcome in sorted(set(s["outcomes"]) | set(c["outcomes"] if c else {}) | {h["outcome"]}):
            mine = s["outcomes"].get(outcome, 0)
            theirs = f"{_pct(c['outcomes'].get(outcome, 0) / max(1, c['games']))}" if c else "-"
            name = s["outcome_names"].get(outcome, outcome)
            lines.append(f"| {name} (`{outcome}`) | {mine} ({_pct(mine / max(1, s['games']))}) | {theirs} | "
                         f"{'this' if outcome == h['outcome'] else ''} |")
        lines += ["", "### Each table's decisions beside history", ""]
        for t in s["tables"]:
            attack = f"attacked at turn {t['attack_turn']}" if t["japan_attacked"] else "no Japanese attack"
            lines += [f"**{t['file']}**: {t['outcome_title']} (winner: {t['winner']}; {attack})", "",
                      "| Turn | Date | Japan | USSR | What really happened |", "|---:|---|---|---|---|"]
            for d in t["decisions"]:
                cell = lambda items: "; ".join(items).replace("|", "/") or "-"   # noqa: E731
                lines.append(f"| {d['turn']} | {d['date']} | {cell(d['japan'])} | {cell(d['soviet'])} | "
                             f"{cell(d['history'])} |")
            lines.append("")
        if h["decisions"]:
            lines += ["### What really happened", ""]
            lines += [f"- {d['date']}: {d['text']}" for d in h["decisions"]]
            lines.append("")
    if summary["unreadable"]:
        lines += ["## Files not counted", ""]
        lines += [f"- `{u['file']}`: {u['reason']}" for u in summary["unreadable"]]
        lines.append("")
    return "\n".join(lines)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def render_summary(summary: dict[str, Any], width: int = 1400):
    """The summary as a picture: for each scenario the outcomes and the attack turns of the class beside
    the computer's, with history marked."""
    from game.analysis.report import _font, _pygame, _wrap
    pygame = _pygame()
    ink, muted, paper = (28, 30, 34), (110, 110, 110), (242, 237, 226)
    cls, comp, hist = (40, 70, 140), (170, 170, 170), (214, 120, 0)
    blocks = list(summary["scenarios"].items())
    block_h = 470
    head_h = 150
    surface = pygame.Surface((width, head_h + block_h * max(1, len(blocks)) + 30))
    surface.fill(paper)

    def text(s, size, pos, colour=ink, bold=False, anchor="topleft"):
        img = _font(size, bold).render(s, True, colour)
        r = img.get_rect(**{anchor: pos})
        surface.blit(img, r)
        return r

    n, w = summary["games"], summary["winners"]
    text("Class summary", 34, (30, 20), bold=True)
    text(f"{n} finished games · Japan won {w['japan']} · USSR won {w['soviet']} · draws {w['draw']} · "
         f"Japan attacked in {_pct(summary['japan_attack_rate'])}", 20, (32, 70))
    skipped = len(summary["unreadable"])
    legend_y = 104
    for i, (label, colour) in enumerate((("this class", cls), ("the computer", comp), ("history", hist))):
        x = 32 + i * 200
        pygame.draw.rect(surface, colour, (x, legend_y + 4, 22, 16))
        text(label, 18, (x + 30, legend_y))
    if skipped:
        text(f"{skipped} file{'s' if skipped != 1 else ''} not counted (see summary.md)", 18, (width - 30, legend_y),
             muted, anchor="topright")
    if not blocks:
        text("No finished game was found.", 24, (32, head_h + 20), muted)
    for b, (sid, s) in enumerate(blocks):
        top = head_h + b * block_h
        pygame.draw.line(surface, (200, 195, 185), (20, top), (width - 20, top), 2)
        text(f"{s['title']}  ({s['games']} table{'s' if s['games'] != 1 else ''})", 24, (30, top + 12), bold=True)
        c, h = s["computer"], s["history"]
        attack = f"attacked at turn {h['attack_turn']}" if h["japan_attacked"] else "did not attack"
        y = top + 48
        for line in _wrap(f"History (the 'as in history' computer): Japan {attack}; {h['outcome_title']}.",
                          _font(17), width - 60):
            text(line, 17, (30, y), hist)
            y += 22
        # Outcomes: one row per outcome, two bars (class, computer) as shares.
        outcomes = sorted(set(s["outcomes"]) | set(c["outcomes"] if c else {}) | {h["outcome"]})
        left, bar_w = 30, width // 2 - 60
        label_w = 230
        row_h = max(18, min(44, (block_h - 130) // max(1, len(outcomes))))
        y0 = top + 110
        text("Outcomes (share of games)", 18, (left, y0 - 26), bold=True)
        for i, outcome in enumerate(outcomes):
            y = y0 + i * row_h
            label = s["outcome_names"].get(outcome, outcome.replace("_", " "))
            text(label[:30], 15, (left, y + 2), hist if outcome == h["outcome"] else ink, bold=outcome == h["outcome"])
            share_c = s["outcomes"].get(outcome, 0) / max(1, s["games"])
            share_m = (c["outcomes"].get(outcome, 0) / max(1, c["games"])) if c else 0
            full = bar_w - label_w - 50
            bh = max(6, row_h // 2 - 3)
            pygame.draw.rect(surface, cls, (left + label_w, y, max(1, round(full * share_c)), bh))
            pygame.draw.rect(surface, comp, (left + label_w, y + bh + 2, max(1, round(full * share_m)), bh))
            text(_pct(share_c), 13, (left + label_w + round(full * share_c) + 6, y - 1), cls)
        # Attack turns: the class's per turn, and the computer's share per turn.
        x0, gw = width // 2 + 20, width // 2 - 50
        text("When Japan attacked (share of games, by turn)", 18, (x0, y0 - 26), bold=True)
        turns = max([t for t in s["attack_turns"] if t is not None] +
                    [int(k) for k in (c["attack_turn_histogram"] if c else {})] + [1])
        base = top + block_h - 50
        gh = base - y0 - 10
        pygame.draw.line(surface, ink, (x0, base), (x0 + gw, base), 2)
        slot = gw / (turns + 1)
        class_hist = Counter(t for t in s["attack_turns"] if t is not None)
        for t in range(turns + 1):
            x = x0 + t * slot
            share_c = class_hist.get(t, 0) / max(1, s["games"])
            share_m = (c["attack_turn_histogram"].get(str(t), 0) / max(1, c["games"])) if c else 0
            bw = max(2, slot / 2 - 2)
            for dx, share, colour in ((0, share_c, cls), (bw + 1, share_m, comp)):
                hgt = round(gh * share)
                if hgt:
                    pygame.draw.rect(surface, colour, (round(x + dx), base - hgt, round(bw), hgt))
            if turns <= 25 or t % 2 == 0:
                text(str(t), 12, (round(x + bw), base + 4), muted, anchor="midtop")
        if h["japan_attacked"] and h["attack_turn"] is not None:
            x = round(x0 + h["attack_turn"] * slot + slot / 2)
            pygame.draw.line(surface, hist, (x, y0), (x, base), 3)
        elif not any(t is not None for t in s["attack_turns"]) and not (c and c["japan_attack_rate"]):
            text("No attack in any game, as in history", 18, (x0 + 10, y0 + 20), muted)
        text(f"class: Japan attacked in {_pct(s['japan_attack_rate'])}" +
             (f" · computer: {_pct(c['japan_attack_rate'])}" if c else "") +
             f" · history: {'yes' if h['japan_attacked'] else 'no'}", 16, (x0, base + 22), ink)
    return surface


def write_summary(summary: dict[str, Any], out: str | Path) -> tuple[Path, Path]:
    """Write summary.md and summary.png into ``out`` (created if needed); atomic writes.
    Raises ``OSError`` if the folder cannot be written."""
    from game.analysis.report import _pygame
    pygame = _pygame()
    folder = Path(out).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    png, md = folder / "summary.png", folder / "summary.md"
    buffer = io.BytesIO()
    pygame.image.save(render_summary(summary), buffer, "png")
    paths.atomic_write(png, buffer.getvalue())
    paths.atomic_write(md, summary_markdown(summary, png.name).encode("utf-8"))
    return md, png


def run(args) -> int:
    """``python main.py class SAVE... [--out DIR] [--json] [--computer-games N]``."""
    from game.files.console import emit
    out = Path(args.out or ".").expanduser()
    try:   # checked before the work, so a bad --out fails at once
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        from game.files.userfile import os_reason
        raise UserError(f"{out}: --out cannot be used as a folder ({os_reason(e)})") from None
    tables, unreadable = read_class(args.saves)
    if not tables:
        first = f" ({unreadable[0]['file']}: {unreadable[0]['reason']})" if unreadable else ""
        raise UserError(f"{' '.join(map(str, args.saves))}: no finished game found among "
                        f"{len(unreadable)} file{'s' if len(unreadable) != 1 else ''}{first}")
    summary = summarise(tables, unreadable, computer_games=args.computer_games)
    try:
        md, png = write_summary(summary, out)
    except OSError as e:
        from game.files.userfile import os_reason
        raise UserError(f"{out}: the summary cannot be written there ({os_reason(e)})") from None
    summary["written"] = [str(md), str(png)]
    if args.json:
        emit(summary, True)
    else:
        w = summary["winners"]
        print(f"{summary['games']} finished games: Japan {w['japan']}, USSR {w['soviet']}, draws {w['draw']}; "
              f"Japan attacked in {_pct(summary['japan_attack_rate'])}")
        for u in unreadable:
            print(f"not counted: {u['file']}: {u['reason']}")
        print(f"written: {md} and {png}")
    return 0
