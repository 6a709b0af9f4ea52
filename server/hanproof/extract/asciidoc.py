"""AsciiDoc: a line-based extractor with exact positions.

* prose: paragraphs, section titles (``== …``), the document title, block titles
  (``.Title``), list items (``*``, ``-``, ``.``, ``1.``, checklists, callouts ``<1>``),
  description lists (``term:: definition``), admonition paragraphs (``NOTE: …``), the
  content of example (``====``), sidebar (``****``), quote (``____``) and open (``--``)
  blocks, table cells (``|===``), image alt text;
* skipped: listing (``----``), literal (``....``), passthrough (``++++``), comment
  (``////``) and fenced (```` ``` ````) blocks; any block styled ``[source]``,
  ``[listing]``, ``[literal]``, ``[stem]``, ``[latexmath]``, ``[pass]``,
  ``[comment]``, diagrams…; indented literal paragraphs; attribute entries
  (``:name: value``); the author and revision lines; block attribute lines and
  anchors; ``//`` comments; block macros (``include::``, ``toc::``, ``ifdef::``…);
  CSV/DSV tables;
* inline: monospace (```x```), passthroughs (``+x+``, ``pass:[…]``), ``stem:[…]``,
  ``kbd:[…]``, ``btn:[…]``, ``menu:…[…]``, inline images, attribute references
  (``{name}``), cross references without text and URLs without text are masked;
  links and cross references with text keep the text; footnotes keep their text;
  ``*``/``_``/``#``/``^``/``~`` markers, role prefixes, anchors, escapes and the
  ``+`` of hard line breaks are left out.

Suppression comments: ``// hanproof-disable-next-line spelling`` etc.
"""
from __future__ import annotations

import re

from . import URL_RE, Extracted, Paragraph
from .inline import LineDocument, scan
from .suppress import find_directive

SKIP_STYLES = {"source", "listing", "literal", "stem", "latexmath", "asciimath", "pass",
               "comment", "plantuml", "graphviz", "ditaa", "mermaid", "a2s", "blockdiag",
               "seqdiag", "actdiag", "nwdiag", "svgbob", "vega", "wavedrom", "gnuplot",
               "d2", "tikz", "bytefield", "erd", "meme", "pikchr", "structurizr", "umlet",
               "csv", "tsv", "dsv"}
SKIP_DELIMS = re.compile(r"(-{4,}|\.{4,}|\+{4,}|/{4,}|`{3,}[\w+-]*)[ \t]*$")
PROSE_DELIMS = re.compile(r"(={4,}|\*{4,}|_{4,}|--)[ \t]*$")
TABLE_DELIM = re.compile(r"([|!,:])={3,}[ \t]*$")

_ATTR_ENTRY = re.compile(r":!?[\w][\w-]*!?:(?:[ \t]|$)")
_BLOCK_ATTR = re.compile(r"\[(?P<body>[^\]]*)\][ \t]*$")
_ANCHOR_LINE = re.compile(r"\[\[[^\]]*\]\][ \t]*$")
_TITLE = re.compile(r"(=+|#+)[ \t]+(?=\S)")
_BLOCK_TITLE = re.compile(r"\.(?=[^\s.])")
_MACRO = re.compile(r"([a-zA-Z][\w-]*)::(\S*?)\[(.*)\][ \t]*$")
_LIST = re.compile(r"[ \t]*(?:\*{1,5}|-|\.{1,5}|\d+\.|[a-zA-Z]\.|[ivxIVX]+\)|<(?:\d+|\.)>)[ \t]+"
                   r"(?:\[[ xX*]\][ \t]+)?(?=\S)")
_DLIST = re.compile(r"(?P<term>[^\s:;](?:.*?\S)?)(?P<sep>:{2,4}|;;)(?:[ \t]+|$)")
_ADMONITION = re.compile(r"(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+")
_BREAK = re.compile(r"(?:<<<|'{3,}|-{3}|\*{3}|- - -|\* \* \*)[ \t]*$")
_COMMENT = re.compile(r"//(?!/)")

_INLINE = re.compile(
    r"(?P<code>``(?=\S).{1,2000}?``|(?<![\w`])`(?=[^`\s])[^`\n]{0,1000}?`(?![A-Za-z0-9_`]))"
    r"|(?P<pass>\+\+\+.{1,2000}?\+\+\+|\+\+(?=\S).{1,2000}?\+\+|(?<![\w+])\+(?=[^+\s])[^+\n]{0,1000}?(?<=\S)\+(?![A-Za-z0-9_+]))"
    r"|(?P<passmacro>pass:[a-z,]*\[(?:[^\]\\]|\\.)*\])"
    r"|(?P<macro>(?:(?:stem|latexmath|asciimath|kbd|btn|indexterm2?):"
    r"|(?:anchor|icon|menu|image):[^\s\[]+)\[(?:[^\]\\]|\\.)*\])"
    r"|(?P<footnote>footnote(?::[\w-]+)?:\[(?:[^\]\\]|\\.)*\])"
    r"|(?P<xref><<[^<>,\n]+(?:,[ \t]*[^<>\n]*)?>>)"
    r"|(?P<xrefm>xref:[^\s\[]+\[(?:[^\]\\]|\\.)*\])"
    r"|(?P<link>(?:link:[^\s\[]+|(?:https?|ftp|irc)://[^\s\[]+|mailto:[^\s\[]+)\[(?:[^\]\\]|\\.)*\])"
    r"|(?P<url>" + URL_RE.pattern + r")"
    r"|(?P<attr>\{[\w][\w-]*\})"
    r"|(?P<anchor>\[\[[^\]\n]*\]\]|\[#[^\]\n]*\](?![#*_`]))"
    r"|(?P<role>\[[.#][^\]\n]*\](?=[#*_`]))"
    r"|(?P<strong>\*\*(?=\S).{1,1000}?(?<=\S)\*\*|(?<![\w*])\*(?=[^\s*])[^*\n]{0,1000}?(?<=\S)\*(?![\w*]))"
    r"|(?P<em>__(?=\S).{1,1000}?(?<=\S)__|(?<![\w_])_(?=[^\s_])[^_\n]{0,1000}?(?<=\S)_(?![\w_]))"
    r"|(?P<mark>##(?=\S).{1,1000}?(?<=\S)##|(?<![\w#])#(?=[^\s#])[^#\n]{0,1000}?(?<=\S)#(?![\w#]))"
    r"|(?P<sup>\^(?=\S)[^^\s]+\^)"
    r"|(?P<sub>(?<!\S)~(?=\S)[^~\s]+~)"
    r"|(?P<esc>\\(?=[*_`#+{\[^~<\\]))"
    r"|(?P<hardbreak>(?<=[ \t])\+(?=[ \t]*(?:\r?\n|$)))", re.S)


def _inner(text, a, b):
    return scan(_INLINE, _HANDLERS, text, a, b)


def _markers(m):
    g = m.group()
    c = g[0]
    k = 2 if len(g) > 4 and g.startswith(c * 2) and g.endswith(c * 2) else 1
    s, e = m.start(), m.end()
    return [("skip", s, s + k)] + _inner(m.string, s + k, e - k) + [("skip", e - k, e)]


def _bracketed_text(m):
    """`target[text]`: text kept, the rest left out; no text → masked."""
    s, e = m.start(), m.end()
    open_ = m.string.index("[", s)
    body_s, body_e = open_ + 1, e - 1
    body = m.string[body_s:body_e]
    # attributes after the text (`text,role=x`, `window=_blank`) are not prose
    cut = re.search(r",\s*\w+=|\^$", body)
    if cut:
        body_e = body_s + cut.start()
    if not m.string[body_s:body_e].strip() or "=" in m.string[body_s:body_e] and not cut:
        return [("mask", s, e)]
    return [("skip", s, body_s)] + _inner(m.string, body_s, body_e) + [("skip", body_e, e)]


def _h_xref(m):
    s, e = m.start(), m.end()
    comma = m.string.find(",", s, e)
    if comma < 0:
        return [("mask", s, e)]
    a = comma + 1
    while a < e - 2 and m.string[a] in " \t":
        a += 1
    if a >= e - 2:
        return [("mask", s, e)]
    return [("skip", s, a)] + _inner(m.string, a, e - 2) + [("skip", e - 2, e)]


def _h_footnote(m):
    s, e = m.start(), m.end()
    open_ = m.string.index("[", s, e)
    return [("mask", s, open_ + 1)] + _inner(m.string, open_ + 1, e - 1) + [("skip", e - 1, e)]


_HANDLERS = {
    "code": lambda m: [("mask", m.start(), m.end())],
    "pass": lambda m: [("mask", m.start(), m.end())],
    "passmacro": lambda m: [("mask", m.start(), m.end())],
    "macro": lambda m: [("mask", m.start(), m.end())],
    "footnote": _h_footnote,
    "xref": _h_xref,
    "xrefm": _bracketed_text,
    "link": _bracketed_text,
    "url": lambda m: [("mask", m.start(), m.end())],
    "attr": lambda m: [("mask", m.start(), m.end())],
    "anchor": lambda m: [("skip", m.start(), m.end())],
    "role": lambda m: [("skip", m.start(), m.end())],
    "strong": _markers,
    "em": _markers,
    "mark": _markers,
    "sup": _markers,
    "sub": _markers,
    "esc": lambda m: [("skip", m.start(), m.end())],
    "hardbreak": lambda m: [("skip", m.start(), m.end())],
}


class _AsciiDoc(LineDocument):
    def __init__(self, text: str):
        super().__init__(text)
        self.style: str | None = None

    def inner(self, text: str, a: int, b: int):
        return _inner(text, a, b)

    def skip_until(self, i: int, delim: str) -> int:
        """Skip from line i (after an opening delimiter) past the matching closing line."""
        while i < len(self.L):
            if self.line(i).rstrip() == delim:
                return i + 1
            i += 1
        return i

    def skip_paragraph(self, i: int) -> int:
        while i < len(self.L) and self.line(i).strip():
            i += 1
        return i

    def run(self) -> Extracted:
        L = self.L
        i = 0
        # document header: `= Title`, then author and revision lines
        while i < len(L) and (not self.line(i).strip() or _COMMENT.match(self.line(i))
                              or _ATTR_ENTRY.match(self.line(i))):
            i = self.comment_or_attr(i)
        if i < len(L) and re.match(r"=[ \t]+\S", self.line(i)):
            s, e, _ = L[i]
            self.single(s + 2, e)
            i += 1
            header_lines = 0
            while i < len(L) and self.line(i).strip():
                ln = self.line(i)
                if _ATTR_ENTRY.match(ln) or _COMMENT.match(ln):
                    i = self.comment_or_attr(i)
                    continue
                if header_lines >= 2:
                    break
                header_lines += 1
                i += 1
        while i < len(L):
            i = self.step(i)
        self.flush()
        return Extracted(self.out, self.col.result())

    def comment_or_attr(self, i: int) -> int:
        s, e, _ = self.L[i]
        ln = self.text[s:e]
        m = _COMMENT.match(ln)
        if m:
            d = find_directive(self.text, s + 2, e)
            if d:
                self.col.add_match(d, s, e)
            return i + 1
        if _ATTR_ENTRY.match(ln):
            i += 1
            # a value continued with ` \` or ` +`
            while ln.rstrip().endswith((" \\", " +")) and i < len(self.L):
                ln = self.line(i)
                i += 1
            return i
        return i + 1

    def step(self, i: int) -> int:
        text, L = self.text, self.L
        s, e, _ = L[i]
        ln = text[s:e]
        st = ln.strip()
        if not st:
            self.flush()
            return i + 1
        if _COMMENT.match(ln) or (_ATTR_ENTRY.match(ln) and not self.segs):
            self.flush()
            return self.comment_or_attr(i)
        if SKIP_DELIMS.match(ln) or TABLE_DELIM.match(ln) or PROSE_DELIMS.match(ln):
            self.flush()
        if not self.segs:
            m = SKIP_DELIMS.match(ln)
            if m:
                self.style = None
                delim = ln.rstrip()
                if delim.startswith("```"):
                    delim = "```"
                    j = i + 1
                    while j < len(L) and not self.line(j).rstrip().startswith("```"):
                        j += 1
                    return j + 1
                return self.skip_until(i + 1, delim)
            m = TABLE_DELIM.match(ln)
            if m:
                style, self.style = self.style, None
                return self.table(i + 1, ln.rstrip(), m.group(1), style in SKIP_STYLES)
            m = PROSE_DELIMS.match(ln)
            if m:
                style, self.style = self.style, None
                if style in SKIP_STYLES:
                    return self.skip_until(i + 1, ln.rstrip())
                return i + 1
            if _ANCHOR_LINE.match(ln):
                return i + 1
            m = _BLOCK_ATTR.match(ln)
            if m and ln.startswith("["):
                body = m.group("body").strip()
                first = body.split(",")[0].strip()
                self.style = first.lstrip(".#%").split("#")[0].split(".")[0].lower() or None
                return i + 1
            if _BREAK.match(ln):
                return i + 1
            m = _MACRO.match(ln)
            if m:
                self.style = None
                if m.group(1) == "image":
                    attrs = m.group(3)
                    alt = attrs.split(",")[0]
                    if alt.strip() and "=" not in alt:
                        a = s + m.start(3)
                        self.single(a, a + len(alt))
                return i + 1
            style, self.style = self.style, None
            if style in SKIP_STYLES:
                return self.skip_paragraph(i)
            if ln[0] in " \t" and not _LIST.match(ln):
                return self.skip_paragraph(i)  # literal paragraph
            m = _TITLE.match(ln)
            if m and len(m.group(1)) <= 6:
                end = e
                t = text[s:e].rstrip()
                mk = m.group(1)
                if t.endswith(" " + mk):
                    end = s + len(t) - len(mk)
                self.single(s + m.end(), end)
                return i + 1
            m = _BLOCK_TITLE.match(ln)
            if m:
                self.single(s + 1, e)
                return i + 1
            m = _ADMONITION.match(ln)
            if m:
                self.segs = [(s + m.end(), e)]
                return i + 1
        if st == "+":
            self.flush()  # list continuation
            return i + 1
        m = _LIST.match(ln)
        if m:
            self.flush()
            self.segs = [(s + m.end(), e)]
            return i + 1
        m = _DLIST.match(ln)
        if m and not _MACRO.match(ln) and "://" not in m.group("term"):
            self.flush()
            self.single(s + m.start("term"), s + m.end("term"))
            if s + m.end() < e:
                self.segs = [(s + m.end(), e)]
            return i + 1
        a = s
        while a < e and text[a] in " \t":
            a += 1
        self.segs.append((a, e))
        return i + 1

    def table(self, i: int, delim: str, sep: str, skip: bool) -> int:
        text, L = self.text, self.L
        self.flush()
        if sep in ",:" or skip:
            return self.skip_until(i, delim)
        while i < len(L):
            s, e, _ = L[i]
            ln = text[s:e]
            if ln.rstrip() == delim:
                return i + 1
            # cells: split at unescaped separators; a cell spec (`2+`, `a`, `.3+^`) may precede them
            bars = [k for k, c in enumerate(ln) if c == sep and (k == 0 or ln[k - 1] != "\\")]
            if not bars:
                # continuation of the previous cell
                self.single(s, e)
            for k, b in enumerate(bars):
                start = s + b + 1
                end = s + (bars[k + 1] if k + 1 < len(bars) else len(ln))
                if k + 1 < len(bars):
                    spec = re.search(r"[ \t](?:\d+\*)?(?:\d*(?:\.\d+)?\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?$",
                                     text[start:end])
                    if spec and spec.end() - spec.start() > 1:
                        end = start + spec.start()
                self.single(start, end)
            i += 1
        return i


def extract_asciidoc_document(text: str) -> Extracted:
    return _AsciiDoc(text).run()


def extract_asciidoc(text: str) -> list[Paragraph]:
    return extract_asciidoc_document(text).paragraphs
