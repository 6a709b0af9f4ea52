"""Org mode: a line-based extractor with exact positions.

* prose: paragraphs, headline titles (stars, TODO keyword, priority cookie,
  statistics cookies, ``COMMENT`` and tags left out), list items (``-``, ``+``,
  indented ``*``, ``1.``, ``1)``; checkboxes left out), description list terms and
  definitions (``- term :: definition``), table cells, footnote definitions, the
  values of ``#+TITLE:``, ``#+SUBTITLE:``, ``#+CAPTION:`` and ``#+DESCRIPTION:``, the
  content of ``QUOTE``, ``VERSE``, ``CENTER`` and custom blocks;
* skipped: ``#+BEGIN_SRC``/``EXAMPLE``/``EXPORT``/``COMMENT`` and dynamic blocks
  (case-insensitive), every other ``#+KEYWORD:`` line, ``# comments``, drawers
  (``:PROPERTIES:`` … ``:END:``, ``:LOGBOOK:``…), planning lines (``SCHEDULED:``,
  ``DEADLINE:``, ``CLOSED:``), fixed-width lines (``: text``), table rules, horizontal
  rules, ``\\begin{…}`` LaTeX environments;
* inline: ``~code~`` and ``=verbatim=``, links without a description
  (``[[url]]``), plain URLs, timestamps, inline LaTeX (``$…$``, ``\\(…\\)``), macros
  (``{{{x}}}``), inline source blocks (``src_lang{…}``), footnote references and
  entities (``\\alpha``) are masked; ``[[url][description]]`` keeps the description;
  ``*bold*``, ``/italic/``, ``_underline_``, ``+strike+`` markers and ``<<target>>``
  brackets are left out.

Suppression comments are Org comments: ``# hanproof-disable-next-line spelling``.
"""
from __future__ import annotations

import re

from . import URL_RE, Extracted, Paragraph
from .inline import LineDocument, scan
from .suppress import find_directive

PROSE_BLOCKS = {"quote", "verse", "center"}
SKIP_BLOCKS = {"src", "example", "export", "comment", "latex", "html", "ascii"}
PROSE_KEYWORDS = {"title", "subtitle", "caption", "description"}
TODO_DEFAULT = {"TODO", "DONE"}

_BEGIN = re.compile(r"[ \t]*#\+begin_(\S+)", re.I)
_DYN_BEGIN = re.compile(r"[ \t]*#\+begin:", re.I)
_KEYWORD = re.compile(r"[ \t]*#\+(\w[\w-]*)(?:\[[^\]]*\])?:[ \t]*", re.I)
_COMMENT = re.compile(r"[ \t]*#(?:[ \t]|$)")
_HEADLINE = re.compile(r"(\*+)[ \t]+")
_DRAWER = re.compile(r"[ \t]*:([\w-]+):[ \t]*$")
_PLANNING = re.compile(r"[ \t]*(?:SCHEDULED|DEADLINE|CLOSED):")
_FIXED = re.compile(r"[ \t]*:(?:[ \t]|$)")
_HRULE = re.compile(r"[ \t]*-{5,}[ \t]*$")
_TABLE = re.compile(r"[ \t]*\|")
_LIST = re.compile(r"[ \t]*(?:[-+]|(?<=[ \t])\*|\d+[.)]|[a-zA-Z][.)])[ \t]+"
                   r"(?:\[@\d+\][ \t]+)?(?:\[[ xX-]\][ \t]+)?")
_LIST_STAR = re.compile(r"[ \t]+\*[ \t]+(?:\[[ xX-]\][ \t]+)?")
_DESC = re.compile(r"(?P<term>.*?\S)[ \t]+::(?:[ \t]+|$)")
_FOOTDEF = re.compile(r"\[fn:[\w-]+\][ \t]*")
_LATEX_ENV = re.compile(r"[ \t]*\\begin\{([^}]+)\}")

_INLINE = re.compile(
    r"(?P<link>\[\[(?:[^\]\\]|\\.)+\](?:\[(?:[^\]]|\](?!\]))*\])?\])"
    r"|(?P<code>(?<![A-Za-z0-9~=])(?P<cm>[~=])(?=\S)[^\n]{0,1000}?(?<=\S)(?P=cm)(?![A-Za-z0-9_~=]))"
    r"|(?P<src>src_[\w+-]+(?:\[[^\]\n]*\])?\{[^}\n]*\})"
    r"|(?P<macro>\{\{\{.{1,1000}?\}\}\})"
    r"|(?P<time>[<\[]\d{4}-\d{2}-\d{2}[^>\]\n]*[>\]](?:--[<\[]\d{4}-\d{2}-\d{2}[^>\]\n]*[>\]])?)"
    r"|(?P<fnref>\[fn:[\w-]*(?::[^\]]*)?\])"
    r"|(?P<cookie>\[\d*%\]|\[\d*/\d*\])"
    r"|(?P<math>\$\$.{1,2000}?\$\$|(?<![A-Za-z0-9_$])\$(?=[^\s$])[^$\n]{0,1000}?(?<=[^\s$])\$(?![A-Za-z0-9_$])"
    r"|\\\(.{1,2000}?\\\)|\\\[.{1,2000}?\\\])"
    r"|(?P<target><<<?[^<>\n]+>>>?)"
    r"|(?P<emph>(?<![A-Za-z0-9*/_+])(?P<em>[*/_+])(?=[^\s*/_+])(?:[^\n]{0,1000}?)(?<=\S)(?P=em)"
    r"(?![A-Za-z0-9_*/+]))"
    r"|(?P<url>" + URL_RE.pattern + r")"
    r"|(?P<entity>\\[a-zA-Z]+(?:\{\})?)"
    r"|(?P<hardbreak>\\\\(?=[ \t]*(?:\r?\n|$)))", re.S)


def _inner(text, a, b):
    return scan(_INLINE, _HANDLERS, text, a, b)


def _h_link(m):
    s, e = m.start(), m.end()
    g = m.group()
    k = g.find("][")
    if k < 0:
        return [("mask", s, e)]
    a, b = s + k + 2, e - 2
    return [("skip", s, a)] + _inner(m.string, a, b) + [("skip", b, e)]


def _h_emph(m):
    s, e = m.start(), m.end()
    return [("skip", s, s + 1)] + _inner(m.string, s + 1, e - 1) + [("skip", e - 1, e)]


def _h_target(m):
    s, e = m.start(), m.end()
    k = 3 if m.group().startswith("<<<") else 2
    return [("skip", s, s + k)] + _inner(m.string, s + k, e - k) + [("skip", e - k, e)]


_MASK = lambda m: [("mask", m.start(), m.end())]  # noqa: E731
_HANDLERS = {
    "link": _h_link,
    "code": _MASK,
    "src": _MASK,
    "macro": _MASK,
    "time": _MASK,
    "fnref": _MASK,
    "cookie": lambda m: [("skip", m.start(), m.end())],
    "math": _MASK,
    "target": _h_target,
    "url": _MASK,
    "entity": _MASK,
    "emph": _h_emph,
    "hardbreak": lambda m: [("skip", m.start(), m.end())],
}


class _Org(LineDocument):
    def __init__(self, text: str):
        super().__init__(text)
        self.todo = set(TODO_DEFAULT)
        for m in re.finditer(r"^[ \t]*#\+(?:TODO|SEQ_TODO|TYP_TODO):(.*)$", text, re.M | re.I):
            for w in m.group(1).split():
                w = re.sub(r"\(.*\)$", "", w)
                if w and w != "|":
                    self.todo.add(w)

    def inner(self, text: str, a: int, b: int):
        return _inner(text, a, b)

    def skip_to(self, i: int, rx: re.Pattern) -> int:
        while i < len(self.L):
            if rx.match(self.line(i)):
                return i + 1
            i += 1
        return i

    def run(self) -> Extracted:
        i = 0
        while i < len(self.L):
            i = self.step(i)
        self.flush()
        return Extracted(self.out, self.col.result())

    def step(self, i: int) -> int:
        text = self.text
        s, e, _ = self.L[i]
        ln = text[s:e]
        if not ln.strip():
            self.flush()
            return i + 1
        m = _BEGIN.match(ln)
        if m:
            self.flush()
            kind = m.group(1).lower()
            end_rx = re.compile(r"[ \t]*#\+end_" + re.escape(kind) + r"\b", re.I)
            if kind in SKIP_BLOCKS:
                return self.skip_to(i + 1, end_rx)
            return i + 1  # quote, verse, center, custom blocks: their content is prose
        if re.match(r"[ \t]*#\+end_", ln, re.I):
            self.flush()
            return i + 1
        if _DYN_BEGIN.match(ln):
            self.flush()
            return self.skip_to(i + 1, re.compile(r"[ \t]*#\+end:?", re.I))
        m = _KEYWORD.match(ln)
        if m:
            self.flush()
            if m.group(1).lower() in PROSE_KEYWORDS:
                self.single(s + m.end(), e)
            return i + 1
        if _COMMENT.match(ln):
            self.flush()
            k = ln.index("#") + 1
            d = find_directive(text, s + k, e)
            if d:
                self.col.add_match(d, s, e)
            return i + 1
        m = _LATEX_ENV.match(ln)
        if m:
            self.flush()
            return self.skip_to(i + 1, re.compile(r"[ \t]*\\end\{" + re.escape(m.group(1)) + r"\}"))
        m = _HEADLINE.match(ln)
        if m:
            self.flush()
            self.headline(s + m.end(), e)
            return i + 1
        m = _DRAWER.match(ln)
        if m and m.group(1).upper() != "END":
            self.flush()
            return self.skip_to(i + 1, re.compile(r"[ \t]*:END:[ \t]*$", re.I))
        if _PLANNING.match(ln) or _FIXED.match(ln) or _HRULE.match(ln):
            self.flush()
            return i + 1
        if _TABLE.match(ln):
            self.flush()
            st = ln.strip()
            if st.startswith("|-") or st.startswith("|+"):
                return i + 1
            bars = [k for k, c in enumerate(ln) if c == "|" and (k == 0 or ln[k - 1] != "\\")]
            for a, b in zip(bars, bars[1:]):
                self.single(s + a + 1, s + b)
            if bars and ln[bars[-1] + 1:].strip():
                self.single(s + bars[-1] + 1, e)
            return i + 1
        m = _FOOTDEF.match(ln)
        if m:
            self.flush()
            self.segs = [(s + m.end(), e)]
            return i + 1
        m = _LIST.match(ln) or _LIST_STAR.match(ln)
        if m:
            self.flush()
            a = s + m.end()
            d = _DESC.match(text, a, e)
            if d and ln.lstrip()[0] in "-+*":
                self.single(a, d.end("term"))
                a = d.end()
            if a < e:
                self.segs = [(a, e)]
            return i + 1
        a = s
        while a < e and text[a] in " \t":
            a += 1
        self.segs.append((a, e))
        return i + 1

    def headline(self, a: int, e: int) -> None:
        text = self.text
        # TODO keyword, COMMENT, priority cookie
        m = re.match(r"(\S+)[ \t]+", text[a:e])
        if m and m.group(1) in self.todo:
            a += m.end()
        m = re.match(r"COMMENT(?:[ \t]+|$)", text[a:e])
        if m:
            a += m.end()
        m = re.match(r"\[#[A-Za-z0-9]\][ \t]*", text[a:e])
        if m:
            a += m.end()
        # tags at the end
        t = re.search(r"[ \t]+:(?:[\w@#%]+:)+[ \t]*$", text[a:e])
        if t:
            e = a + t.start()
        self.single(a, e)


def extract_org_document(text: str) -> Extracted:
    return _Org(text).run()


def extract_org(text: str) -> list[Paragraph]:
    return extract_org_document(text).paragraphs
