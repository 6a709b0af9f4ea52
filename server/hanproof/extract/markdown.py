"""Markdown (CommonMark + GFM tables, strikethrough, footnotes, front matter, math).

Block structure comes from markdown-it-py's parser (with source line maps); each
inline block (paragraph, heading, table cell, …) becomes one paragraph. Inside it the
parser's inline tokens decide what is prose: text and link/image text are kept;
inline code, math, autolinks and bare URLs are masked; markup, HTML and link
destinations are left out. Code blocks, HTML blocks, front matter and math blocks are
never analysed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import Paragraph, ParagraphBuilder, URL_RE

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(dollarmath_plugin, double_inline=True)
    return md


def _source_lines(text: str) -> list[tuple[int, int]]:
    """(start, end-of-content) of every line of the original text."""
    out = []
    for m in _LINE_RE.finditer(text):
        if m.start() == len(text) and out:
            break
        s = m.start()
        e = m.end()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        out.append((s, e))
        if m.end() == len(text):
            break
    return out


def _skip_destination(content: str, cur: int) -> int:
    """After a link's text: skip `](dest "title")`, `][ref]` or `]`."""
    if content.startswith("](", cur):
        depth, i = 0, cur + 2
        while i < len(content):
            c = content[i]
            if c == "\\":
                i += 2
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    return i + 1
                depth -= 1
            i += 1
        return cur
    if content.startswith("][", cur):
        j = content.find("]", cur + 2)
        return j + 1 if j >= 0 else cur
    if content.startswith("]", cur):
        return cur + 1
    return cur


def _inline_paragraph(text: str, lines: list[tuple[int, int]], token, cursors: dict[int, int]) -> Paragraph | None:
    first = token.map[0] if token.map else None
    if first is None:
        return None
    content = token.content
    # map every content character to its original offset, line by line
    cmap: list[int] = []
    for i, cline in enumerate(content.split("\n")):
        ln = first + i
        if ln >= len(lines):
            return None
        ls, le = lines[ln]
        src = text[ls:le]
        at = src.find(cline, cursors.get(ln, 0)) if cline else cursors.get(ln, 0)
        if at < 0:
            return None
        cursors[ln] = at + len(cline)
        cmap.extend(range(ls + at, ls + at + len(cline)))
        cmap.append(le)  # the line break after this content line
    pb = ParagraphBuilder()

    def add_text(a: int, b: int, mask: bool = False) -> None:
        # content[a:b] lies on one line, so its original offsets are contiguous
        if b <= a:
            return
        s, e = cmap[a], cmap[b - 1] + 1
        if mask:
            pb.add_mask(s, e)
            return
        pos = s
        for m in URL_RE.finditer(text, s, e):
            pb.add_text(text, pos, m.start())
            pb.add_mask(m.start(), m.end())
            pos = m.end()
        pb.add_text(text, pos, e)

    cur = 0
    autolink = False
    children = token.children or []
    for child in children:
        t = child.type
        if t == "text":
            if not child.content:
                continue
            at = content.find(child.content, cur)
            if at < 0:
                continue
            add_text(at, at + len(child.content), mask=autolink)
            cur = at + len(child.content)
        elif t in ("code_inline", "math_inline", "math_inline_double"):
            at = content.find(child.content, cur)
            if at < 0:
                continue
            add_text(at, at + len(child.content), mask=True)
            cur = at + len(child.content)
            # skip the closing delimiter so it is not searched again
            if child.markup and content.startswith(child.markup, cur):
                cur += len(child.markup)
        elif t in ("softbreak", "hardbreak"):
            at = content.find("\n", cur)
            if at >= 0:
                pb.add_break(cmap[at])
                cur = at + 1
        elif t == "link_open":
            autolink = child.markup in ("autolink", "linkify")
            if autolink:
                at = content.find("<", cur)
                cur = at + 1 if at >= 0 and child.markup == "autolink" else cur
            else:
                at = content.find("[", cur)
                cur = at + 1 if at >= 0 else cur
        elif t == "link_close":
            if autolink:
                at = content.find(">", cur)
                cur = at + 1 if at >= 0 and child.markup == "autolink" else cur
            else:
                cur = _skip_destination(content, cur)
            autolink = False
        elif t == "image":
            at = content.find("![", cur)
            if at < 0:
                continue
            cur = at + 2
            alt = child.content
            if alt:
                a = content.find(alt, cur)
                if a >= 0:
                    add_text(a, a + len(alt))
                    cur = a + len(alt)
            cur = _skip_destination(content, cur)
        elif t in ("html_inline", "footnote_ref"):
            needle = child.content if t == "html_inline" else "[^"
            at = content.find(needle, cur)
            if at < 0:
                continue
            cur = at + len(needle)
            if t == "footnote_ref":
                j = content.find("]", cur)
                cur = j + 1 if j >= 0 else cur
    return pb.build()


SKIPPED_BLOCKS = {"fence", "code_block", "html_block", "front_matter", "math_block",
                  "math_block_eqno", "hr"}


def extract_markdown(text: str) -> list[Paragraph]:
    try:
        tokens = _parser().parse(text)
    except Exception:  # a parser failure must never stop checking: fall back to plain text
        from .plaintext import extract_plaintext
        return extract_plaintext(text)
    lines = _source_lines(text)
    cursors: dict[int, int] = {}
    out: list[Paragraph] = []
    for tok in tokens:
        if tok.type != "inline":
            continue
        p = _inline_paragraph(text, lines, tok, cursors)
        if p is not None:
            out.append(p)
    return out
