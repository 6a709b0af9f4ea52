"""Applying suggestions: non-overlapping, line breaks never touched."""
from __future__ import annotations

from typing import Iterable

from .model import Finding


def fixable(f: Finding, text: str) -> bool:
    if not f.suggestions:
        return False
    s = f.suggestions[0]
    span = text[f.start:f.end]
    return ("\n" not in span and "\r" not in span and "\n" not in s and "\r" not in s
            and 0 <= f.start <= f.end <= len(text))


def select_fixes(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """The fixes to apply together: first suggestions, leftmost first, no overlaps."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if not fixable(f, text):
            continue
        if f.start < last_end or (f.start == last_end and chosen and f.start == f.end):
            continue
        chosen.append(f)
        last_end = max(last_end, f.end)
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    chosen = select_fixes(text, findings)
    out, pos = [], 0
    for f in chosen:
        out.append(text[pos:f.start])
        out.append(f.suggestions[0])
        pos = f.end
    out.append(text[pos:])
    return "".join(out), chosen
