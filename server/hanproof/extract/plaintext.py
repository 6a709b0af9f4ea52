"""Plain text: paragraphs separated by blank lines; URLs, e-mails and paths masked."""
from __future__ import annotations

import re

from . import Paragraph, ParagraphBuilder, mask_inline

BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:(?:\r\n|\r|\n)[ \t\f\v]*)+")
LINE = re.compile(r"[^\r\n]+")
# A paragraph longer than this is analysed line by line: editing one line of a long
# block must not change the cache key of the rest.
MAX_BLOCK = 2000


def blocks(text: str):
    pos = 0
    for m in BLANK_LINES.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def extract_plaintext(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for a, b in blocks(text):
        if b - a > MAX_BLOCK:
            ranges = [(m.start(), m.end()) for m in LINE.finditer(text, a, b)]
        else:
            ranges = [(a, b)]
        for s, e in ranges:
            pb = ParagraphBuilder()
            mask_inline(pb, text, s, e)
            p = pb.build()
            if p is not None:
                out.append(p)
    return out
