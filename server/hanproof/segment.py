"""Bounded paragraphs: no unit of analysis (and of caching) grows without limit.

Extractors produce one paragraph per prose block; a block with no line breaks can be
megabytes long (a minified file, a 10 MB single-line text). Such paragraphs are cut at
sentence ends, or failing that at white space, into pieces of at most MAX_CHARS.
"""
from __future__ import annotations

import re

from .extract import Paragraph

MAX_CHARS = 3000
_SENTENCE_END = re.compile(r"[.?!。？！…]+[\"'”’)\]]*\s+")


def _cut_points(text: str, limit: int) -> list[int]:
    cuts, start, n = [], 0, len(text)
    while n - start > limit:
        window_end = start + limit
        best = -1
        for m in _SENTENCE_END.finditer(text, start + limit // 3, window_end):
            best = m.end()
        if best < 0:
            ws = text.rfind(" ", start + limit // 3, window_end)
            best = ws + 1 if ws >= 0 else window_end
        cuts.append(best)
        start = best
    return cuts


def _slice(p: Paragraph, a: int, b: int) -> Paragraph:
    masked = tuple((max(ms, a) - a, min(me, b) - a) for ms, me in p.masked if ms < b and a < me)
    if p.offsets is None:
        return Paragraph(p.text[a:b], p.start + a, None, masked)
    offs = p.offsets[a:b]
    if p.ends is not None:
        return Paragraph(p.text[a:b], offs[0], offs, masked, p.ends[a:b])
    contiguous = offs[-1] - offs[0] == len(offs) - 1
    return Paragraph(p.text[a:b], offs[0], None if contiguous else offs, masked)


def bounded(paragraphs: list[Paragraph], limit: int = MAX_CHARS) -> list[Paragraph]:
    if all(len(p.text) <= limit for p in paragraphs):
        return paragraphs
    out: list[Paragraph] = []
    for p in paragraphs:
        if len(p.text) <= limit:
            out.append(p)
            continue
        pos = 0
        for c in _cut_points(p.text, limit) + [len(p.text)]:
            if p.text[pos:c].strip():
                out.append(_slice(p, pos, c))
            pos = c
    return out
