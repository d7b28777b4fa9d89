"""Every source a scenario file cites is listed in docs/sources.md, so a teacher can look each figure up."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_ID = re.compile(r"\bS\d+[a-z]?\b")


def _cited() -> dict[str, str]:
    """Each source id cited in a bracket ([S34], [S2a, S37]) of a scenario or plan file, and one file citing it."""
    cited: dict[str, str] = {}
    for path in sorted((ROOT / "scenarios").rglob("*.toml")):
        for bracket in re.findall(r"\[([^\]\n]*)\]", path.read_text(encoding="utf-8")):
            for sid in SOURCE_ID.findall(bracket):
                cited.setdefault(sid, path.name)
    return cited


def _listed() -> set[str]:
    """The ids docs/sources.md gives an entry: "- S59 ..." or, for a second part, "...; S2b ..."."""
    text = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    return set(re.findall(r"(?:^- |; )(S\d+[a-z]?) ", text, re.MULTILINE))


def test_every_cited_source_is_listed():
    cited, listed = _cited(), _listed()
    assert len(cited) > 40            # the scenarios do cite their figures
    missing = {sid: where for sid, where in cited.items() if sid not in listed}
    assert not missing, f"cited but not in docs/sources.md: {missing}"
