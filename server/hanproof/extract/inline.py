"""Shared helpers: emitting pieces of the original text into a ParagraphBuilder.

A *piece* is ``(kind, start, end)`` over the original text:

``text``  analysed as is;  ``mask``  replaced by a same-length placeholder;
``skip``  left out (markup);  ``space``  left out but a single space is analysed in
its place (a separator such as ``~`` in LaTeX or ``&nbsp;``).

Formats scan a range with a regular expression of named alternatives; each handler
returns the pieces of its match; what no piece covers is text.
"""
from __future__ import annotations

import html
import re
from typing import Callable, Iterable

from . import URL_RE, ParagraphBuilder

Piece = tuple[str, int, int]

ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
HANGUL_RE = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def has_hangul(s: str, a: int = 0, b: int | None = None) -> bool:
    return HANGUL_RE.search(s, a, len(s) if b is None else b) is not None


def emit(pb: ParagraphBuilder, text: str, segments: Iterable[tuple[int, int]],
         pieces: Iterable[Piece] = ()) -> None:
    """Add the segments (sorted, non-overlapping) with pieces applied.

    Between two segments that are not adjacent a line break is analysed (mapped to the
    end of the first one)."""
    pieces = sorted((p for p in pieces if p[2] > p[1]), key=lambda p: (p[1], p[2]))
    k = 0
    prev_end = None
    for s, e in segments:
        if e <= s:
            continue
        if prev_end is not None and s > prev_end:
            ch = "\n" if text[prev_end:prev_end + 1] in ("\n", "\r") else " "
            pb.add_break(prev_end, ch)
        pos = s
        while k < len(pieces) and pieces[k][2] <= s:
            k += 1
        j = k
        while j < len(pieces) and pieces[j][1] < e:
            kind, ps, pe = pieces[j]
            ps, pe = max(ps, s), min(pe, e)
            if ps < pos:
                ps = pos
            if pe > ps:
                pb.add_text(text, pos, ps)
                _emit_piece(pb, text, kind, ps, pe)
                pos = pe
            j += 1
        pb.add_text(text, pos, e)
        prev_end = e


def _emit_piece(pb: ParagraphBuilder, text: str, kind: str, s: int, e: int) -> None:
    if kind == "text":
        pb.add_text(text, s, e)
    elif kind == "mask":
        pb.add_mask(s, e)
    elif kind == "space":
        pb.add_break(s, " ")
    # skip: nothing


def scan(rx: re.Pattern, handlers: dict[str, Callable], text: str, a: int, b: int) -> list[Piece]:
    """Pieces of text[a:b] from the matches of rx (named alternatives → handlers)."""
    out: list[Piece] = []
    for m in rx.finditer(text, a, b):
        h = handlers.get(m.lastgroup)
        if h is None:
            continue
        out.extend(h(m))
    return out


def url_pieces(text: str, a: int, b: int) -> list[Piece]:
    return [("mask", m.start(), m.end()) for m in URL_RE.finditer(text, a, b)]


def entity_pieces(text: str, a: int, b: int) -> list[Piece]:
    """HTML character references: a space-like one becomes a space, the rest are masked."""
    out = []
    for m in ENTITY_RE.finditer(text, a, b):
        dec = html.unescape(m.group())
        if dec == m.group():
            continue
        out.append(("space" if dec.isspace() else "mask", m.start(), m.end()))
    return out


def lines(text: str, a: int = 0, b: int | None = None):
    """(start, content_end, next_start) of every line in text[a:b]."""
    b = len(text) if b is None else b
    pos = a
    while pos < b:
        nl = text.find("\n", pos, b)
        if nl < 0:
            yield pos, b, b
            return
        e = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        yield pos, e, nl + 1
        pos = nl + 1


class LineDocument:
    """Shared state of the line-based extractors (AsciiDoc, Org): the text, its lines,
    the paragraphs so far, the suppression collector, and the pending prose segments that
    `flush` turns into one paragraph with the format's inline markup (`inner`)."""

    def __init__(self, text: str):
        from .suppress import SuppressionCollector

        self.text = text
        self.L = list(lines(text))
        self.out: list = []
        self.col = SuppressionCollector(text)
        self.segs: list[tuple[int, int]] = []

    def inner(self, text: str, a: int, b: int) -> list[Piece]:
        raise NotImplementedError

    def flush(self) -> None:
        segs, self.segs = self.segs, []
        if not segs:
            return
        pb = ParagraphBuilder()
        emit(pb, self.text, segs, self.inner(self.text, segs[0][0], segs[-1][1]))
        p = pb.build()
        if p is not None:
            self.out.append(p)

    def single(self, a: int, b: int) -> None:
        self.flush()
        if b > a:
            self.segs = [(a, b)]
            self.flush()

    def line(self, i: int) -> str:
        s, e, _ = self.L[i]
        return self.text[s:e]
