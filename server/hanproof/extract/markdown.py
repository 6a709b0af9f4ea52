"""Markdown (CommonMark + GFM tables, strikethrough, footnotes, front matter, math).

Block structure comes from markdown-it-py (with source line maps); each inline block
(paragraph, heading, table cell, footnote paragraph…) becomes one paragraph. For each
one the *source view* is rebuilt from the original lines (container prefixes such as
``>`` and list markers left out), and the parser's inline tokens are aligned with it
character by character:

* text (link text and image alt text included) is kept; a backslash escape keeps the
  escaped character only; an entity reference (``&amp;``) is masked, or analysed as
  one space when it stands for white space (``&nbsp;``) — a token that cannot be
  aligned exactly is left out rather than mis-mapped;
* inline code, math, autolinks, bare URLs and footnote references are masked, so a
  particle after them is never judged;
* emphasis markers, inline HTML and link destinations/titles are left out;
* fenced and indented code, HTML blocks, front matter (YAML ``---`` and TOML
  ``+++``) and math blocks are never analysed.

Suppression comments are HTML comments (``<!-- hanproof-disable-next-line … -->``),
as blocks or inline; see :mod:`hanproof.extract.suppress`.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from . import URL_RE, Extracted, Paragraph, ParagraphBuilder
from .inline import ENTITY_RE
from .suppress import SuppressionCollector, find_directive

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_GAP = set(" \t*_~[]!\\")
_ATX_OPEN = re.compile(r"#{1,6}")
_TICKS = re.compile(r"`+")
_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\r?\n.*?^\+\+\+[ \t]*$", re.S | re.M)


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


def _blank_toml_front_matter(text: str) -> str:
    m = _TOML_FRONT.match(text)
    if not m:
        return text
    blank = re.sub(r"[^\r\n]", " ", m.group())
    return blank + text[m.end():]


def _cell_regex(content: str) -> re.Pattern:
    # GFM: `\|` in a cell is a literal pipe; the parser's content has the backslash removed
    return re.compile("".join(r"\\?\|" if c == "|" else re.escape(c) for c in content))


class _Inline:
    """One inline block: its source view and the walk over its tokens."""

    def __init__(self, src: str, segments: list[tuple[int, int]], col: SuppressionCollector):
        self.src = src
        self.col = col
        chars: list[str] = []
        smap: list[int] = []
        for k, (s, e) in enumerate(segments):
            if k:
                # the line break between two content lines: mapped to the previous line end
                chars.append("\n")
                smap.append(segments[k - 1][1])
            chars.append(src[s:e])
            smap.extend(range(s, e))
        self.sv = "".join(chars)
        self.smap = smap
        self.pb = ParagraphBuilder()
        self.cur = 0
        self.urls = [(m.start(), m.end()) for m in URL_RE.finditer(self.sv)]

    # ------------------------------------------------------------ output
    def put(self, kind: str, i: int, j: int) -> None:
        """Emit view range [i, j) as kind (text/mask/space), split into original runs."""
        if j <= i:
            return
        if kind == "space":
            self.pb.add_break(self.smap[i], " ")
            return
        if kind == "text" and self.urls:
            pos = i
            for us, ue in self.urls:
                if ue <= pos or us >= j:
                    continue
                self._runs("text", pos, max(pos, us))
                self._runs("mask", max(pos, us), min(j, ue))
                pos = min(j, ue)
            self._runs("text", pos, j)
            return
        self._runs(kind, i, j)

    def _runs(self, kind: str, i: int, j: int) -> None:
        smap = self.smap
        while i < j:
            k = i + 1
            while k < j and smap[k] == smap[k - 1] + 1:
                k += 1
            s, e = smap[i], smap[k - 1] + 1
            if kind == "mask":
                self.pb.add_mask(s, e)
            else:
                self.pb.add_text(self.src, s, e)
            i = k

    # ------------------------------------------------------------ search
    def find(self, needle: str, start: int | None = None) -> int:
        """Position of needle at or after cur, with only markup characters skipped."""
        sv = self.sv
        p = self.cur if start is None else start
        while p <= len(sv):
            if sv.startswith(needle, p):
                return p
            if p < len(sv) and sv[p] in _GAP:
                p += 1
                continue
            return -1
        return -1

    def align(self, tok: str):
        sv = self.sv
        p = self.cur
        while p < len(sv):
            res = self._align_at(tok, p)
            if res is not None:
                return res
            if sv[p] in _GAP:
                p += 1
                continue
            return None
        return None

    def _align_at(self, tok: str, p: int):
        sv = self.sv
        if sv.startswith(tok, p):
            return [("text", p, p + len(tok))], p + len(tok)
        n = len(sv)
        i, j = p, 0
        pieces: list[tuple[str, int, int]] = []

        def push(kind, a, b):
            if pieces and pieces[-1][0] == kind == "text" and pieces[-1][2] == a:
                pieces[-1] = ("text", pieces[-1][1], b)
            else:
                pieces.append((kind, a, b))

        while j < len(tok):
            if i >= n:
                return None
            c = sv[i]
            if c == "\\" and i + 1 < n and sv[i + 1] in _ASCII_PUNCT and tok[j] == sv[i + 1]:
                push("text", i + 1, i + 2)
                i += 2
                j += 1
                continue
            if c == "&":
                m = ENTITY_RE.match(sv, i)
                if m:
                    dec = html.unescape(m.group())
                    if dec != m.group() and tok.startswith(dec, j):
                        push("space" if dec.isspace() else "mask", i, m.end())
                        i = m.end()
                        j += len(dec)
                        continue
            if c == tok[j]:
                push("text", i, i + 1)
                i += 1
                j += 1
                continue
            return None
        return pieces, i

    def skip_destination(self) -> None:
        """After a link's text: skip `](dest "title")`, `][ref]`, `[]` or `]`."""
        sv, cur = self.sv, self.cur
        if sv.startswith("](", cur):
            i = cur + 2
            n = len(sv)
            while i < n and sv[i] in " \t\n":
                i += 1
            if i < n and sv[i] == "<":
                while i < n and sv[i] != ">":
                    i += 2 if sv[i] == "\\" else 1
                i += 1
            else:
                depth = 0
                while i < n and not sv[i].isspace():
                    c = sv[i]
                    if c == "\\":
                        i += 2
                        continue
                    if c == "(":
                        depth += 1
                    elif c == ")":
                        if depth == 0:
                            break
                        depth -= 1
                    i += 1
            while i < n and sv[i] in " \t\n":
                i += 1
            if i < n and sv[i] in "\"'(":
                close = ")" if sv[i] == "(" else sv[i]
                i += 1
                while i < n and sv[i] != close:
                    i += 2 if sv[i] == "\\" else 1
                i += 1
                while i < n and sv[i] in " \t\n":
                    i += 1
            if i < n and sv[i] == ")":
                self.cur = i + 1
            return
        if sv.startswith("][", cur):
            j = sv.find("]", cur + 2)
            if j >= 0:
                self.cur = j + 1
            return
        if sv.startswith("]", cur):
            self.cur = cur + 1

    # ------------------------------------------------------------ walk
    def walk(self, children) -> None:
        autolink = False
        for child in children:
            t = child.type
            if autolink and t != "link_close":
                continue
            if t == "text":
                if not child.content:
                    continue
                res = self.align(child.content)
                if res is None:
                    continue
                pieces, end = res
                for kind, a, b in pieces:
                    self.put(kind, a, b)
                self.cur = end
            elif t == "code_inline":
                run = child.markup or "`"
                p = self.find(run)
                if p < 0:
                    continue
                q = -1
                for m in _TICKS.finditer(self.sv, p + len(run)):
                    if len(m.group()) == len(run):
                        q = m.start()
                        break
                if q < 0:
                    continue
                self.put("mask", p, q + len(run))
                self.cur = q + len(run)
            elif t in ("math_inline", "math_inline_double"):
                mk = child.markup or "$"
                p = self.find(mk)
                if p < 0:
                    continue
                q = p + len(mk) + len(child.content)
                if not self.sv.startswith(mk, q):
                    q = self.sv.find(mk, p + len(mk))
                    if q < 0:
                        continue
                self.put("mask", p, q + len(mk))
                self.cur = q + len(mk)
            elif t in ("softbreak", "hardbreak"):
                nl = self.sv.find("\n", self.cur)
                if nl >= 0 and not self.sv[self.cur:nl].strip(" \t\\"):
                    self.pb.add_break(self.smap[nl], "\n")
                    self.cur = nl + 1
            elif t in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
                if child.markup:
                    p = self.find(child.markup)
                    if p >= 0:
                        self.cur = p + len(child.markup)
            elif t == "link_open":
                if child.markup == "autolink":
                    p = self.find("<")
                    q = self.sv.find(">", p + 1) if p >= 0 else -1
                    if p >= 0 and q >= 0:
                        self.put("mask", p, q + 1)
                        self.cur = q + 1
                    autolink = True
                elif child.markup == "linkify":
                    autolink = False  # the URL itself is a text token, masked by URL_RE
                else:
                    p = self.find("[")
                    if p >= 0:
                        self.cur = p + 1
            elif t == "link_close":
                if not autolink and child.markup not in ("autolink", "linkify"):
                    self.skip_destination()
                autolink = False
            elif t == "image":
                p = self.find("![")
                if p < 0:
                    continue
                self.cur = p + 2
                self.walk(child.children or [])
                self.skip_destination()
            elif t == "html_inline":
                raw = child.content
                p = self.find(raw)
                if p < 0:
                    continue
                self.cur = p + len(raw)
                if raw.startswith("<!--") and "hanproof" in raw:
                    s, e = self.smap[p], self.smap[p + len(raw) - 1] + 1
                    if self.src.startswith("<!--", s) and self.src.endswith("-->", s, e):
                        m = find_directive(self.src, s + 4, e - 3)
                        if m:
                            self.col.add_match(m, s, e)
            elif t == "footnote_ref":
                p = self.find("[^")
                if p < 0:
                    continue
                q = self.sv.find("]", p)
                if q < 0:
                    continue
                self.put("mask", p, q + 1)
                self.cur = q + 1


def _segments(src: str, lines: list[tuple[int, int]], tok, parent, cursors: dict[int, int]):
    """Original (start, end) of each content line of an inline token, or None."""
    if not tok.map:
        return None
    first = tok.map[0]
    content = tok.content
    ptype = parent.type if parent is not None else ""
    segs: list[tuple[int, int]] = []
    if ptype in ("th_open", "td_open"):
        if first >= len(lines):
            return None
        ls, le = lines[first]
        m = _cell_regex(content).search(src, cursors.get(first, ls), le)
        if not m:
            return None
        cursors[first] = m.end()
        return [(m.start(), m.end())]
    if ptype == "heading_open" and parent.markup.startswith("#"):
        if first >= len(lines):
            return None
        ls, le = lines[first]
        m = _ATX_OPEN.search(src, ls, le)
        if not m:
            return None
        at = src.find(content, m.end(), le)
        if at < 0:
            return None
        return [(at, at + len(content))]
    # paragraphs and setext headings: each content line is the end of its source line
    for i, cline in enumerate(content.split("\n")):
        ln = first + i
        if ln >= len(lines):
            return None
        ls, le = lines[ln]
        stripped = cline.lstrip(" \t")
        if not stripped:
            segs.append((le, le))
            continue
        at = src.rfind(stripped, ls, le)
        if at < 0:
            return None
        segs.append((at, le))
    return segs


def extract_markdown_document(text: str) -> Extracted:
    src = _blank_toml_front_matter(text)
    try:
        tokens = _parser().parse(src)
    except Exception:  # a parser failure must never stop checking: fall back to plain text
        from .plaintext import extract_plaintext_document
        return extract_plaintext_document(text)
    lines = _source_lines(src)
    col = SuppressionCollector(text)
    cursors: dict[int, int] = {}
    out: list[Paragraph] = []
    for k, tok in enumerate(tokens):
        if tok.type == "html_block":
            if tok.map and "hanproof" in tok.content:
                a = lines[tok.map[0]][0] if tok.map[0] < len(lines) else len(src)
                b = lines[tok.map[1] - 1][1] if 0 < tok.map[1] <= len(lines) else len(src)
                for m in _COMMENT_RE.finditer(src, a, b):
                    d = find_directive(src, m.start(1), m.end(1))
                    if d:
                        col.add_match(d, m.start(), m.end())
            continue
        if tok.type != "inline":
            continue
        parent = tokens[k - 1] if k else None
        segs = _segments(src, lines, tok, parent, cursors)
        if not segs:
            continue
        il = _Inline(src, segs, col)
        il.walk(tok.children or [])
        p = il.pb.build()
        if p is not None:
            out.append(p)
    max_nesting = _parser().options.get("maxNesting", 20)
    if tokens and max(t.level for t in tokens) >= max_nesting - 2:
        out.extend(_lost_lines(src, lines, tokens))
    return Extracted(out, col.result())


_CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open",
               "footnote_open", "footnote_block_open"}
_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|#{1,6}(?=[ \t])))*[ \t]*")
_REF_DEF = re.compile(r"[ \t]{0,3}\[[^\]]+\]:")


def _lost_lines(src: str, lines: list[tuple[int, int]], tokens) -> list[Paragraph]:
    """markdown-it stops at its nesting limit and drops the rest of the block: lines no
    leaf token covers are checked as plain text (container markers left out)."""
    from . import mask_inline

    covered = [False] * len(lines)
    for t in tokens:
        if t.map and t.type not in _CONTAINERS:
            for ln in range(t.map[0], min(t.map[1], len(lines))):
                covered[ln] = True
    out: list[Paragraph] = []
    pb = ParagraphBuilder()
    for ln, (ls, le) in enumerate(lines):
        m = _PREFIX.match(src, ls, le)
        body = m.end() if m else ls
        if covered[ln] or body >= le or _REF_DEF.match(src, ls, le):
            p = pb.build()
            if p is not None:
                out.append(p)
            pb = ParagraphBuilder()
            continue
        if pb.chars:
            pb.add_break(pb.offsets[-1] + 1, "\n")  # the line end after the previous line
        mask_inline(pb, src, body, le)
    p = pb.build()
    if p is not None:
        out.append(p)
    return out


def extract_markdown(text: str) -> list[Paragraph]:
    return extract_markdown_document(text).paragraphs
