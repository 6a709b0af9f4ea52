"""reStructuredText: a line-based extractor with exact positions.

docutils builds a tree but loses exact source positions, so the document is read line
by line here:

* paragraphs, section titles (adornment lines left out), list items (bullet,
  enumerated, field lists — the field name left out), line blocks, definition lists,
  block quotes, footnote and citation bodies, and the cells of simple and grid tables
  are prose;
* a paragraph ending in ``::`` introduces a literal block, which is skipped (the
  ``::`` itself is left out, or shortened to ``:`` after a word); doctest blocks
  (``>>>``) are skipped;
* explicit markup: comments, hyperlink targets and substitution definitions are
  skipped; directives whose content is prose (admonitions such as ``note`` and
  ``warning``, ``topic``, ``sidebar``, ``rubric``, ``versionadded``…, ``figure``
  captions, ``only``, Sphinx domain directives such as ``py:function``) keep their
  content (and title argument, ``:alt:`` of images); every other directive
  (``code-block``, ``math``, ``raw``, ``toctree``, ``include``, ``csv-table``…) is
  skipped with its whole indented block;
* inline: ````literal````, interpreted text (```x```) and roles are masked, except
  text roles (``:emphasis:``, ``:strong:``, ``:sub:``, ``:sup:``, ``:abbr:``,
  ``:term:``…) and the title of ``:ref:``/``:doc:`` with an explicit title;
  hyperlink references keep their text (``<url>`` left out); substitution references,
  footnote/citation references and URLs are masked; ``*``/``**`` markers, trailing
  ``_`` of references and backslashes of escapes are left out.

Suppression comments are RST comments: ``.. hanproof-disable-next-line spelling``.
"""
from __future__ import annotations

import re
import unicodedata

from . import URL_RE, Extracted, Paragraph, ParagraphBuilder
from .inline import emit, lines as iter_lines, scan
from .suppress import SuppressionCollector, find_directive

ADMONITIONS = {"attention", "caution", "danger", "error", "hint", "important", "note", "tip",
               "warning", "seealso", "todo", "admonition-todo"}
TITLED = {"admonition", "topic", "sidebar", "rubric", "table", "list-table", "glossary"}
VERSIONED = {"versionadded", "versionchanged", "deprecated", "versionremoved"}
ARGLESS_PROSE = {"epigraph", "highlights", "pull-quote", "compound", "container", "only",
                 "ifconfig", "centered", "hlist", "line-block", "tab", "tabs", "tab-set",
                 "tab-item", "card", "dropdown", "class", "div", "cssclass"}
IMAGES = {"image", "figure"}

_BULLET = re.compile(r"[-*+\u2022\u2023\u2043][ \t]+(?=\S)")
_ENUM = re.compile(r"(?:\d+|[A-Za-z]|#|[ivxlcdm]+|[IVXLCDM]+)[.)][ \t]+(?=\S)"
                   r"|\((?:\d+|[A-Za-z]|#|[ivxlcdm]+|[IVXLCDM]+)\)[ \t]+(?=\S)")
_FIELD = re.compile(r":(?![ \t])(?:[^:\\\n]|\\.)+?(?<![ \t]):(?:[ \t]+|$)")
_LINE_BLOCK = re.compile(r"\|(?:[ \t]+|$)")
_ADORN = re.compile(r"([!-/:-@\[-`{-~])\1{2,}[ \t]*$")
_SIMPLE_BORDER = re.compile(r"[ \t]*=+(?:[ \t]+=+)+[ \t]*$")
_GRID = re.compile(r"[ \t]*\+[-=]")
_DIRECTIVE = re.compile(r"\.\.[ \t]+([\w][\w:.+-]*)[ \t]*::(?=[ \t]|$)[ \t]*")
_SUBST_DEF = re.compile(r"\.\.[ \t]+\|[^|]+\|")
_TARGET = re.compile(r"\.\.[ \t]+_")
_CITATION = re.compile(r"\.\.[ \t]+\[(?:\d+|#[\w-]*|\*|[A-Za-z][\w.-]*)\](?:[ \t]+|$)")
_OPTION = re.compile(r"[ \t]*:([\w-]+):(?:[ \t]+|$)")

TEXT_ROLES = {"emphasis", "strong", "sub", "sup", "subscript", "superscript", "title-reference",
              "title", "t", "abbr", "term", "dfn", "guilabel", "menuselection", "rfc", "pep"}
LINK_ROLES = {"ref", "doc", "numref", "any", "download", "term", "keyword", "option"}

_INLINE = re.compile(
    r"(?P<lit>``(?=\S).{1,2000}?``(?!`))"
    r"|(?P<rolepre>:[A-Za-z][\w.+:-]*:`(?:[^`\\]|\\.)+`)"
    r"|(?P<rolepost>`(?:[^`\\]|\\.)+`:[A-Za-z][\w.+:-]*:)"
    r"|(?P<ref>`(?:[^`\\]|\\.)+`__?)"
    r"|(?P<target>_`(?:[^`\\]|\\.)+`)"
    r"|(?P<interp>`(?:[^`\\]|\\.)+`)"
    r"|(?P<fnref>\[(?:\d+|#[\w-]*|\*|[A-Za-z][\w.-]*)\]_)"
    r"|(?P<subst>\|(?=\S)[^|\n]*(?<=\S)\|(?:__?)?)"
    r"|(?P<strong>(?<![\w*])\*\*(?=\S)(?:.{1,1000}?)(?<=[^\s\\])\*\*(?![\w*]))"
    r"|(?P<em>(?<![\w*])\*(?=[^\s*])(?:.{1,1000}?)(?<=[^\s\\])\*(?![\w*]))"
    r"|(?P<url>" + URL_RE.pattern + ")"
    r"|(?P<wref>(?<=\w)__?(?=[\s.,;:!?)\]'\"\u2019\u201d]|$))"
    r"|(?P<esc>\\[\s\S])", re.S)
_EMBED = re.compile(r"(?s)(.*?)\s*<([^<>]*)>$")


def _role_body(m, name_start: int, name_end: int, body_start: int, body_end: int):
    """Pieces of a role: text roles and titled links keep their text, others are masked."""
    role = m.string[name_start:name_end].lower().split(":")[-1]
    body = m.string[body_start:body_end]
    if role in TEXT_ROLES or role in LINK_ROLES:
        e = _EMBED.match(body)
        if e and e.group(1):
            tail = body_start + e.end(1)
            return ([("skip", m.start(), body_start)] + _inner(m.string, body_start, tail)
                    + [("skip", tail, m.end())])
        if role in TEXT_ROLES:
            return ([("skip", m.start(), body_start)] + _inner(m.string, body_start, body_end)
                    + [("skip", body_end, m.end())])
    return [("mask", m.start(), m.end())]


def _inner(text: str, a: int, b: int):
    return scan(_INLINE, _HANDLERS, text, a, b)


def _h_rolepre(m):
    s = m.string
    tick = s.index("`", m.start())
    return _role_body(m, m.start() + 1, tick - 1, tick + 1, m.end() - 1)


def _h_rolepost(m):
    s = m.string
    close = s.rindex("`", m.start(), m.end())
    return _role_body(m, close + 2, m.end() - 1, m.start() + 1, close)


def _h_ref(m):
    s = m.string
    close = s.rindex("`", m.start(), m.end())
    body_start = m.start() + 1
    e = _EMBED.match(s, body_start, close)
    if e and e.group(1):
        tail = body_start + len(e.group(1))
        return [("skip", m.start(), body_start)] + _inner(s, body_start, tail) + [("skip", tail, m.end())]
    if e:  # `<url>`_ alone
        return [("mask", m.start(), m.end())]
    return [("skip", m.start(), body_start)] + _inner(s, body_start, close) + [("skip", close, m.end())]


def _h_target(m):
    return [("skip", m.start(), m.start() + 2)] + _inner(m.string, m.start() + 2, m.end() - 1) + \
        [("skip", m.end() - 1, m.end())]


def _h_markers(n):
    def h(m):
        return [("skip", m.start(), m.start() + n)] + _inner(m.string, m.start() + n, m.end() - n) + \
            [("skip", m.end() - n, m.end())]
    return h


def _h_esc(m):
    if m.group()[1].isspace():
        return [("skip", m.start(), m.end())]
    return [("skip", m.start(), m.start() + 1)]


_HANDLERS = {
    "lit": lambda m: [("mask", m.start(), m.end())],
    "rolepre": _h_rolepre,
    "rolepost": _h_rolepost,
    "ref": _h_ref,
    "target": _h_target,
    "interp": lambda m: [("mask", m.start(), m.end())],
    "fnref": lambda m: [("mask", m.start(), m.end())],
    "subst": lambda m: [("mask", m.start(), m.end())],
    "strong": _h_markers(2),
    "em": _h_markers(1),
    "url": lambda m: [("mask", m.start(), m.end())],
    "wref": lambda m: [("skip", m.start(), m.end())],
    "esc": _h_esc,
}


def _indent(text: str, s: int, e: int) -> int:
    i = s
    while i < e and text[i] in " \t":
        i += 1
    return i - s


class _RST:
    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text = text
        self.L = list(iter_lines(text, start, len(text) if end is None else end))
        self.out: list[Paragraph] = []
        self.col = SuppressionCollector(text)
        self.segs: list[tuple[int, int]] = []
        self.para_col = 0          # column where the current paragraph's text starts
        self.literal_col: int | None = None  # a literal block indented deeper than this follows
        self.field_para = False    # the current paragraph is a field list body

    # ------------------------------------------------------------ paragraphs
    def flush(self) -> None:
        segs = self.segs
        self.segs = []
        self.field_para = False
        if not segs:
            return
        text = self.text
        pieces = []
        ls, le = segs[-1]
        body = text[ls:le].rstrip()
        if body.endswith("::"):
            self.literal_col = self.para_col
            end = ls + len(body)
            if body == "::" or (len(body) > 2 and body[-3].isspace()):
                pieces.append(("skip", end - 2, end))
            else:
                pieces.append(("skip", end - 1, end))
            segs[-1] = (ls, end)
        a, b = segs[0][0], segs[-1][1]
        pieces = scan(_INLINE, _HANDLERS, text, a, b) + pieces
        pieces = _drop_overlaps(pieces)
        pb = ParagraphBuilder()
        emit(pb, text, segs, pieces)
        p = pb.build()
        if p is not None:
            self.out.append(p)

    def start(self, s: int, e: int, col: int) -> None:
        self.flush()
        self.para_col = col
        self.add(s, e)

    def add(self, s: int, e: int) -> None:
        if e > s:
            self.segs.append((s, e))

    def single(self, s: int, e: int) -> None:
        """A paragraph of its own (a table cell, a title argument)."""
        self.flush()
        while s < e and self.text[s] in " \t":
            s += 1
        while e > s and self.text[e - 1] in " \t":
            e -= 1
        if e > s:
            self.segs = [(s, e)]
            lit = self.literal_col
            self.flush()
            self.literal_col = lit

    # ------------------------------------------------------------ blocks
    def skip_block(self, i: int, base: int) -> int:
        """Skip lines that are blank or indented deeper than `base`; returns the next line."""
        text, L = self.text, self.L
        last = i
        while i < len(L):
            s, e, _ = L[i]
            if text[s:e].strip():
                if _indent(text, s, e) <= base:
                    break
                last = i + 1
            i += 1
        return last

    def run(self) -> Extracted:
        text, L = self.text, self.L
        i = 0
        while i < len(L):
            s, e, _ = L[i]
            line = text[s:e]
            stripped = line.strip()
            if not stripped:
                self.flush()
                i += 1
                continue
            ind = _indent(text, s, e)
            ts = s + ind  # text start
            if self.literal_col is not None and not self.segs:
                base = self.literal_col
                self.literal_col = None
                if ind > base:
                    i = self.skip_block(i, base)
                    continue
                if ind == base and stripped[0] in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~":
                    while i < len(L) and text[L[i][0]:L[i][1]].strip():
                        i += 1
                    continue
            if stripped.startswith("..") and (stripped == ".." or stripped[2] in " \t"):
                i = self.explicit(i, s, e, ind)
                continue
            if _SIMPLE_BORDER.match(line):
                self.flush()
                i = self.simple_table(i)
                continue
            if _GRID.match(line):
                self.flush()
                i = self.grid_table(i)
                continue
            if _ADORN.match(stripped) and len(stripped) >= 3:
                self.flush()
                i += 1
                continue
            if stripped.startswith(">>>"):
                self.flush()
                while i < len(L) and text[L[i][0]:L[i][1]].strip():
                    i += 1
                continue
            m = (_BULLET.match(text, ts, e) or _ENUM.match(text, ts, e))
            if m:
                self.start(m.end(), e, m.end() - s)
                i += 1
                continue
            m = _FIELD.match(text, ts, e)
            if m and (not self.segs or self.field_para):
                self.start(m.end(), e, ind)
                self.field_para = True
                i += 1
                continue
            m = _LINE_BLOCK.match(text, ts, e)
            if m:
                if not self.segs:
                    self.para_col = ind
                self.add(m.end(), e)
                i += 1
                continue
            if not self.segs:
                self.para_col = ind
            self.add(ts, e)
            i += 1
        self.flush()
        return Extracted(self.out, self.col.result())

    def explicit(self, i: int, s: int, e: int, ind: int) -> int:
        """`.. ` explicit markup at line i; returns the next line to read."""
        text = self.text
        self.flush()
        ts = s + ind
        m = _DIRECTIVE.match(text, ts, e)
        if m and not _SUBST_DEF.match(text, ts, e):
            return self.directive(i, m, ind, e)
        m = _CITATION.match(text, ts, e)
        if m:
            self.start(m.end(), e, ind + 3)
            return i + 1
        if _SUBST_DEF.match(text, ts, e) or _TARGET.match(text, ts, e):
            return self.skip_block(i + 1, ind)
        # a comment (possibly a suppression directive)
        d = find_directive(text, ts + 2, e)
        if d:
            self.col.add_match(d, ts, e)
        if text[ts:e].strip() == ".." and (i + 1 >= len(self.L) or not text[self.L[i + 1][0]:self.L[i + 1][1]].strip()):
            return i + 1  # an empty comment ends at the blank line
        return self.skip_block(i + 1, ind)

    def directive(self, i: int, m, ind: int, e: int) -> int:
        text, L = self.text, self.L
        name = m.group(1).lower()
        arg_s = m.end()
        domain = ":" in name
        if not (name in ADMONITIONS or name in TITLED or name in VERSIONED or name in ARGLESS_PROSE
                or name in IMAGES or domain):
            return self.skip_block(i + 1, ind)
        # argument
        if name in ADMONITIONS:
            if arg_s < e:
                self.start(arg_s, e, arg_s - L[i][0])
        elif name in TITLED:
            self.single(arg_s, e)
        elif name in VERSIONED:
            v = re.match(r"\S+[ \t]*", text[arg_s:e])
            if v and arg_s + v.end() < e:
                self.start(arg_s + v.end(), e, arg_s + v.end() - L[i][0])
        i += 1
        # options
        while i < len(L):
            s2, e2, _ = L[i]
            if not text[s2:e2].strip():
                break
            ind2 = _indent(text, s2, e2)
            if ind2 <= ind:
                return i
            o = _OPTION.match(text, s2, e2)
            if not o:
                if name in ADMONITIONS or name in VERSIONED:
                    break  # continuation of the argument paragraph
                break
            self.flush()
            if o.group(1).lower() in ("alt", "caption", "title") and name in IMAGES | TITLED:
                self.single(o.end(), e2)
            i += 1
            # an option value may continue on deeper-indented lines
            while i < len(L):
                s3, e3, _ = L[i]
                if not text[s3:e3].strip() or _indent(text, s3, e3) <= ind2 or _OPTION.match(text, s3, e3):
                    break
                i += 1
        if name == "image":
            return self.skip_block(i, ind)
        return i

    def simple_table(self, i: int) -> int:
        text, L = self.text, self.L
        s, e, _ = L[i]
        cols = [(m.start(), m.end()) for m in re.finditer(r"=+", text[s:e])]
        borders = 1
        i += 1
        while i < len(L):
            s, e, _ = L[i]
            line = text[s:e]
            if _SIMPLE_BORDER.match(line) or re.fullmatch(r"[ \t]*=+[ \t]*", line):
                borders += 1
                i += 1
                nxt_blank = i >= len(L) or not text[L[i][0]:L[i][1]].strip()
                if borders >= 2 and nxt_blank:
                    return i
                continue
            if re.fullmatch(r"[ \t]*-+(?:[ \t]+-+)*[ \t]*", line) or not line.strip():
                i += 1
                continue
            # columns are display columns: wide (CJK) characters take two
            at = _char_at_columns(line, [cs for cs, _ in cols])
            for k in range(len(cols)):
                a = s + at[k]
                b = e if k == len(cols) - 1 else s + at[k + 1]
                if a < b:
                    self.single(a, b)
            i += 1
        return i

    def grid_table(self, i: int) -> int:
        text, L = self.text, self.L
        while i < len(L):
            s, e, _ = L[i]
            line = text[s:e]
            st = line.strip()
            if not st or st[0] not in "+|":
                break
            if st[0] == "|":
                bars = [s + k for k, c in enumerate(line) if c == "|"]
                for a, b in zip(bars, bars[1:]):
                    self.single(a + 1, b)
            i += 1
        return i


def _char_at_columns(line: str, columns: list[int]) -> list[int]:
    """For each display column, the index of the first character at or after it."""
    out = []
    col = 0
    i = 0
    for c in columns:
        while i < len(line) and col < c:
            col += 2 if unicodedata.east_asian_width(line[i]) in "WF" else 1
            i += 1
        out.append(i)
    return out


def _drop_overlaps(pieces):
    out = []
    end = -1
    for p in sorted(pieces, key=lambda p: (p[1], -p[2])):
        if p[1] >= end or p[2] <= p[1]:
            out.append(p)
            end = max(end, p[2])
    return out


def extract_rst_document(text: str) -> Extracted:
    return _RST(text).run()


def extract_rst(text: str) -> list[Paragraph]:
    return extract_rst_document(text).paragraphs
