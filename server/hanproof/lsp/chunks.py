"""Incremental extraction for the language server.

Re-extracting a whole document after every keystroke costs more than analysing the
paragraph that changed (a 200 KB Markdown file takes ~50 ms to parse, one paragraph
~5 ms to analyse). So an open document is kept as a list of *chunks*: runs of top-level
blocks that extract independently, each with its paragraphs (and suppressions) stored
relative to the chunk start. An edit marks the chunks it touches as dirty and shifts
the ones after it; only the dirty region is extracted again.

A chunk boundary is a position where extracting the two sides separately gives exactly
what extracting the whole document gives. For Markdown that is the start of a
top-level block (from the parser's own line map) at column 0, after a blank line (ended
by ``\n``: the extractors' ``^`` does not see a lone CR as a line start), and not a
line that could open front matter when parsed on its own (``-…``, ``+++``). A
re-extracted region is accepted only if it ends cleanly: no top-level fence, HTML
block, front matter or ``$$`` math block runs on past its last non-blank line, and no
unclosed ``$$`` or front matter opener that a closer further down could complete
(otherwise it would swallow the next chunk in the real document); else the region
grows, and at the end of the document it stays one chunk. For plain text a boundary is
the end of a run of blank lines, as in the plain-text extractor.

Whole-document features make chunking unsafe, so these documents are always extracted
whole: Markdown link reference or footnote definitions (``]:``), and suppression
regions (``hanproof-disable`` … ``hanproof-enable``, ``hanproof-disable-file``). A
chunk that mentions ``hanproof`` never ends at a boundary (``disable-next-line``
reaches the next non-blank line, across blank lines).

Only ``markdown`` and ``plaintext`` are chunked; every other language is extracted whole
each time. tests/lsp/test_chunks.py checks that chunked extraction equals whole-document
extraction, from scratch and after random edits.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from .. import extract as _extract_mod
from ..extract import Extracted, Paragraph, extract_document, normalize_language
from ..textindex import LineIndex

CHUNKED_LANGUAGES = ("markdown", "plaintext")

# a region directive or a whole-file directive anywhere: extract the whole document
_REGION_DIRECTIVE = re.compile(r"hanproof-(?:disable-file|disable(?![\w-])|enable)", re.I)
_PLAIN_BLANK_RUN = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:(?:\r\n|\r|\n)[ \t\f\v]*)+")
_PLAIN_BLANK_TAIL = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:(?:\r\n|\r|\n)[ \t\f\v]*)+\Z")
_NEWLINES = re.compile(r"\r\n?")
# blocks that run on across blank lines until their closing line
_SPANNING = ("fence", "html_block", "front_matter", "math_block", "math_block_label")
_MATH_OPENER = re.compile(r"[ \t>*+\-0-9.)]*\$\$")


Extraction = Extracted  # paragraphs and suppression regions


def extract_whole(text: str, language: str, strings: bool = False) -> Extracted:
    """The engine's own extraction of a whole text (`strings`: string literals in code)."""
    if strings:
        return extract_document(text, language, strings=True)
    return extract_document(text, language)


# ---------------------------------------------------------------- shifting
def shift_paragraph(p: Paragraph, delta: int) -> Paragraph:
    if delta == 0:
        return p
    offs = p.offsets
    return Paragraph(text=p.text, start=p.start + delta,
                     offsets=None if offs is None else [o + delta for o in offs],
                     masked=p.masked, ends=None if p.ends is None else [o + delta for o in p.ends])


def shift_suppression(s, delta: int):
    if delta == 0:
        return s
    return replace(s, start=s.start + delta, end=s.end + delta)


class Chunk:
    """[start, end) of the current text; paragraphs/suppressions relative to start."""

    __slots__ = ("start", "end", "paras", "supps", "dirty", "_abs")

    def __init__(self, start: int, end: int, paras: Sequence[Paragraph] = (), supps: Sequence = (),
                 dirty: bool = False):
        self.start = start
        self.end = end
        self.paras = tuple(paras)
        self.supps = tuple(supps)
        self.dirty = dirty
        self._abs: tuple[list[Paragraph], list] | None = None

    def moved(self, delta: int) -> "Chunk":
        return Chunk(self.start + delta, self.end + delta, self.paras, self.supps, self.dirty)

    def absolute(self) -> tuple[list[Paragraph], list]:
        if self._abs is None:
            self._abs = ([shift_paragraph(p, self.start) for p in self.paras],
                         [shift_suppression(s, self.start) for s in self.supps])
        return self._abs

    def __repr__(self) -> str:
        return f"Chunk({self.start}, {self.end}, {len(self.paras)}p{', dirty' if self.dirty else ''})"


def apply_edit(chunks: list[Chunk], a: int, b: int, new_len: int) -> list[Chunk]:
    """Chunks after replacing old [a, b) with new_len characters: the chunks the edit
    touches (ends included) merge into one dirty chunk; later ones move."""
    delta = new_len - (b - a)
    out: list[Chunk] = []
    merged: Chunk | None = None
    for c in chunks:
        if c.end < a:
            out.append(c)
        elif c.start > b:
            out.append(c.moved(delta))
        elif merged is None:
            merged = Chunk(c.start, c.end + delta, dirty=True)
            out.append(merged)
        else:
            merged.end = c.end + delta
    if merged is None:  # no chunks at all (cannot happen for a consistent list)
        out.append(Chunk(a, a + new_len, dirty=True))
    return out


# ---------------------------------------------------------------- boundaries
def _line_start_before(text: str, end: int) -> int:
    """Start of the line whose content ends at `end` (end is at a line break or len)."""
    return max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1


def _prev_line_end(text: str, b: int) -> int:
    """Content end of the line before the line starting at b (b > 0, at a line start)."""
    e = b - 1
    if text[e] == "\n" and e > 0 and text[e - 1] == "\r":
        e -= 1
    return e


def markdown_boundary_ok(text: str, b: int) -> bool:
    """Whether a chunk may start at b in a Markdown text (before the parser's verdict)."""
    n = len(text)
    if b <= 0 or b >= n:
        return False
    c = text[b]
    if c in " \t\r\n" or text[b - 1] != "\n":
        return False  # (never after a lone CR: the extractors' `^` does not see it as a line start)
    if c == "-" or text.startswith("+++", b):
        # front matter: the plugin opens it on any first line starting with '-' (even a
        # list item whose text starts with dashes), the extractor on a '+++' line
        return False
    e = _prev_line_end(text, b)
    s = _line_start_before(text, e)
    return not text[s:e].strip(" \t")  # the line before must be blank


def plaintext_boundary_ok(text: str, b: int) -> bool:
    n = len(text)
    if b <= 0 or b >= n or text[b] in "\r\n \t\f\v" or text[b - 1] != "\n":
        return False
    return _PLAIN_BLANK_TAIL.search(text, max(0, b - 512), b) is not None


def _markdown_blocks(region: str, at_doc_start: bool):
    """Top-level block tokens of a region (block parse only), or None if unavailable."""
    try:
        from ..extract.markdown import _parser  # the extractor's own parser configuration
        md = _parser()
        src = region
        if at_doc_start and src.startswith("+++"):
            blank = getattr(_extract_mod.markdown, "_blank_toml_front_matter", None)
            if blank is None:
                return None
            src = blank(src)
        src = _NEWLINES.sub("\n", src).replace("\0", "\ufffd")
        tokens: list = []
        md.block.parse(src, md, {}, tokens)
        return [t for t in tokens if t.level == 0 and t.map and t.nesting >= 0]
    except Exception:
        return None


def _markdown_region(text: str, s: int, e: int) -> tuple[Extraction, list[int], bool] | None:
    """Extract text[s:e] alone: (relative extraction, candidate boundaries, clean end)."""
    region = text[s:e]
    blocks = _markdown_blocks(region, s == 0)
    if blocks is None:
        return None
    ex = extract_whole(region, "markdown")
    starts = LineIndex(region).starts
    nlines = len(starts)
    # last non-blank line of the region
    last = nlines - 1
    while last >= 0:
        a = starts[last]
        z = starts[last + 1] if last + 1 < nlines else len(region)
        if region[a:z].strip(" \t\r\n"):
            break
        last -= 1
    clean = True
    covered = []
    for t in blocks:
        if t.type in _SPANNING and t.map[1] > last + 1:
            clean = False
        if t.type in _SPANNING or t.type == "code_block":
            covered.append(t.map)
    if clean and "$$" in region:
        # `$$` math blocks may contain blank lines, and an opener whose closer lies beyond
        # the region is not a block at all when the region is parsed alone
        for k, a in enumerate(starts):
            z = starts[k + 1] if k + 1 < nlines else len(region)
            if _MATH_OPENER.match(region, a, z) and not any(m0 <= k < m1 for m0, m1 in covered):
                clean = False
                break
    if s == 0 and region[:1] in ("-", "+"):
        # front matter whose closing line may come later (an edit further down can close
        # it). The YAML plugin opens on a first line starting with '-' that has '--' in it
        # (even inside a list item), the extractor's TOML front matter on '+++'.
        line0 = region[:starts[1]] if nlines > 1 else region
        if region[0] == "-" and "--" in line0 and not any(t.type == "front_matter" for t in blocks):
            clean = False
        if region.startswith("+++"):
            toml = getattr(getattr(_extract_mod, "markdown", None), "_TOML_FRONT", None)
            if toml is None or not toml.match(region):
                clean = False
    cands = sorted({starts[t.map[0]] for t in blocks if 0 < t.map[0] < nlines})
    return ex, cands, clean


def _plaintext_region(text: str, s: int, e: int) -> tuple[Extraction, list[int], bool]:
    region = text[s:e]
    ex = extract_whole(region, "plaintext")
    cands = [m.end() for m in _PLAIN_BLANK_RUN.finditer(region) if m.end() < len(region)]
    return ex, cands, True


# ---------------------------------------------------------------- the chunked document
class ChunkedText:
    """Chunk bookkeeping for one document. Not thread-safe by itself: `update` is a pure
    function of its arguments and returns the new chunk list; the caller installs it."""

    def __init__(self, language: str):
        self.language = language
        kind = normalize_language(language)  # what the engine will make of the id (unknown → plaintext)
        self.kind = kind if kind in CHUNKED_LANGUAGES else None

    @property
    def chunked(self) -> bool:
        return self.kind is not None

    def boundary_ok(self, text: str, b: int) -> bool:
        if self.kind == "markdown":
            return markdown_boundary_ok(text, b)
        return plaintext_boundary_ok(text, b)

    def _whole_only(self, text: str) -> bool:
        if self.kind is None:
            return True
        if self.kind == "markdown" and "]:" in text:
            return True
        return "hanproof-" in text and _REGION_DIRECTIVE.search(text) is not None

    def update(self, text: str, chunks: list[Chunk] | None,
               edits: Sequence[tuple[int, int, int]] = (), strings: bool = False) -> list[Chunk]:
        """The chunk list for `text`, given the list for the text before `edits`
        ((start, end, new length) in order) — None to start from scratch. `strings` is
        the `strings` setting (string literals of source code; only whole extraction)."""
        if chunks is None:
            chunks = [Chunk(0, len(text), dirty=True)]
        else:
            for a, b, n in edits:
                chunks = apply_edit(chunks, a, b, n)
        if chunks[-1].end != len(text) or chunks[0].start != 0:
            chunks = [Chunk(0, len(text), dirty=True)]
        if self._whole_only(text):
            if len(chunks) == 1 and not chunks[0].dirty:
                return chunks
            ex = extract_whole(text, self.language, strings)
            return [Chunk(0, len(text), ex.paragraphs, ex.suppressions)]
        if not any(c.dirty for c in chunks):
            return chunks
        out: list[Chunk] = []
        i, n = 0, len(chunks)
        while i < n:
            c = chunks[i]
            if not c.dirty:
                out.append(c)
                i += 1
                continue
            j = i
            while j + 1 < n and chunks[j + 1].dirty:
                j += 1
            s, e = c.start, chunks[j].end
            while s > 0 and not self.boundary_ok(text, s):
                s = out.pop().start
            while True:
                while e < len(text) and not self.boundary_ok(text, e):
                    j += 1
                    e = chunks[j].end
                if self.kind == "markdown":
                    res = _markdown_region(text, s, e)
                    if res is None:  # parser internals unavailable: whole document
                        ex = extract_whole(text, self.language)
                        return [Chunk(0, len(text), ex.paragraphs, ex.suppressions)]
                else:
                    res = _plaintext_region(text, s, e)
                ex, cands, clean = res
                bounds = self._bounds(text, s, e, cands)
                # a piece that mentions hanproof (a suppression comment) must not end at a
                # boundary: `disable-next-line` reaches across blank lines
                if e < len(text) and "hanproof" in text[bounds[-2]:e].lower():
                    clean = False
                if clean or e >= len(text):
                    break
                j += 1
                e = chunks[j].end
            if not clean:
                # something still open at the end of the document (an unclosed fence, front
                # matter, math): a later edit may close it, so keep it all in one chunk
                bounds = [s, e]
            out.extend(self._split(s, e, ex, bounds))
            i = j + 1
        return out

    def _bounds(self, text: str, s: int, e: int, cands: list[int]) -> list[int]:
        bounds = [s]
        for c in cands:
            b = s + c
            if self.boundary_ok(text, b) and "hanproof" not in text[bounds[-1]:b].lower():
                bounds.append(b)
        bounds.append(e)
        return bounds

    def _split(self, s: int, e: int, ex: Extraction, bounds: list[int]) -> list[Chunk]:
        pieces: list[Chunk] = []
        paras = sorted(ex.paragraphs, key=lambda p: p.start)
        supps = sorted(ex.suppressions, key=lambda x: x.start)
        pi = si = 0
        for a, b in zip(bounds, bounds[1:]):
            ra, rb = a - s, b - s
            ps = []
            while pi < len(paras) and (paras[pi].start < rb or b == e):
                ps.append(shift_paragraph(paras[pi], -ra))
                pi += 1
            ss = []
            while si < len(supps) and (supps[si].start < rb or b == e):
                ss.append(shift_suppression(supps[si], -ra))
                si += 1
            pieces.append(Chunk(a, b, ps, ss))
        return pieces

    @staticmethod
    def extraction(chunks: list[Chunk]) -> Extraction:
        paras: list[Paragraph] = []
        supps: list = []
        for c in chunks:
            p, s = c.absolute()
            paras.extend(p)
            supps.extend(s)
        return Extraction(paras, supps)
