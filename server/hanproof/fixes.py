"""Applying suggestions: non-overlapping, line breaks never touched."""
from __future__ import annotations

from typing import Callable, Iterable

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


FIX_PASSES = 3


# hanproof-disable -- the docstring quotes misspelt words on purpose
def fix_until_stable(check: Callable[[str], list[Finding]], text: str, findings: list[Finding],
                     passes: int = FIX_PASSES) -> tuple[str, list[Finding]]:
    """Apply the fixes, then, while a pass changed the text, check the result again and apply
    what is found (at most `passes` passes in all). Fixes that touch one word cannot all be
    applied at once (어떻할꺼야: 어떻 → 어떡 and 할꺼 → 할 거), and a fix can bring out the
    next error (착하드라구요 → 착하더라구요 → 착하더라고요). Returns the text and every
    finding applied (offsets of the pass that applied it)."""
    # hanproof-enable
    fixed, applied = apply_fixes(text, findings)
    total = list(applied)
    for _ in range(passes - 1):
        if not applied:
            break
        fixed, applied = apply_fixes(fixed, check(fixed))
        total += applied
    return fixed, total
