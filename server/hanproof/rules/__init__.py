"""Rules: loaded from lexicon/ data (TOML rules, TSV word lists), run over shared tokens."""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Any

from ..hangul import final_index, particle_for


@dataclass(frozen=True, slots=True)
class Example:
    """A `bad` example: text, the spans that must be flagged, the text after fixing."""

    text: str
    spans: tuple[tuple[int, int], ...]
    fixed: str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A raw match in analysed-paragraph offsets, before configuration is applied."""

    rule: int          # index into Registry.rules
    start: int
    end: int
    suggestions: tuple[str, ...]
    message: str
    explanation: str


@dataclass(slots=True)
class Entry:
    """One row of a word list."""

    wrong: str
    rights: tuple[str, ...]
    example: str
    note: str
    line: int


@dataclass(slots=True)
class Rule:
    id: str
    category: str
    severity: str
    message: str
    explanation: str
    norm: str
    enabled: bool
    kind: str                       # pattern | words | stems
    file: str
    line: int
    matcher: Any = None
    bad: list[Example] = field(default_factory=list)
    good: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    index: int = -1

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    def matches_selector(self, sel: str) -> bool:
        """A selector is a rule id, a category, or an id prefix (`spelling.` / `spelling.*`)."""
        sel = sel.strip()
        if not sel:
            return False
        if sel in ("*", "all", "ALL"):
            return True
        if sel == self.id or sel == self.category:
            return True
        if sel.endswith("*"):
            return self.id.startswith(sel[:-1])
        if sel.endswith("."):
            return self.id.startswith(sel)
        return False

    def format_message(self, match: str, fix: str, wrong: str = "", right: str = "", note: str = "") -> str:
        return _fill(self.message, match=match, fix=fix, wrong=wrong or match, right=right or fix, note=note)


# a placeholder, its closing quote and the particle after it: '{match}'이 아니라, '{right}'(으)로
_PLACED = re.compile(r"\{(\w+)\}('?)(이\(가\)|은\(는\)|을\(를\)|\(으\)로|으로|이|가|은|는|을|를|과|와|로)(?![가-힣])")
_NEUTRAL = {"이(가)": "이", "은(는)": "은", "을(를)": "을", "(으)로": "으로"}


def _fill(template: str, **values: str) -> str:
    """Fill {match}, {fix} … and make the particle after each one agree with its value
    ('잡어'가 아니라, '잡아'로); after a value that does not end in a Hangul syllable the
    template's particle stays as written."""
    def placed(m: re.Match) -> str:
        key, quote, particle = m.groups()
        if key not in values:
            return m.group(0)
        value = values[key]
        chosen = particle_for(value, _NEUTRAL.get(particle, particle))
        if final_index(value[-1:] or " ") < 0:
            chosen = particle
        return "{" + key + "}" + quote + chosen

    out = _PLACED.sub(placed, template)
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out
