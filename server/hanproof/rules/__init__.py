"""Rules: loaded from lexicon/ data (TOML rules, TSV word lists), run over shared tokens."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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


def _fill(template: str, **values: str) -> str:
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out
