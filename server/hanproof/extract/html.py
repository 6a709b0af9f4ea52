"""HTML: text nodes plus the alt/title/aria-label/placeholder attributes.

The stdlib ``html.parser`` (with ``convert_charrefs=False``, so every text chunk is
the raw source and ``getpos()`` gives its exact position) drives the walk:

* a block element (``p``, ``li``, ``h1``, ``td``, ``div``…) starts and ends a
  paragraph; text in inline elements (``b``, ``a``, ``span``…) stays in its
  paragraph with the tags left out; ``<br>`` is a line break;
* ``script``, ``style``, ``pre``, ``textarea``, ``svg`` and ``math`` are skipped, and
  so are comments; inline ``code``/``kbd``/``samp``/``tt``/``var`` and ``<img>`` in
  running text are masked (a particle after them is never judged);
* character references: one that stands for white space (``&nbsp;``) is analysed as
  a space, every other one is masked — the analysed text never contains a decoded
  character that is not in the source;
* attribute values are paragraphs of their own.

Suppression comments: ``<!-- hanproof-disable-next-line … -->`` etc.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from . import Extracted, Paragraph, ParagraphBuilder
from .inline import emit, entity_pieces, url_pieces
from .suppress import SuppressionCollector, find_directive

BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
    "legend", "li", "main", "menu", "nav", "ol", "optgroup", "option", "p", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "button", "label",
    "select", "iframe", "object", "video", "audio", "canvas", "noscript", "meta", "link",
}
SKIP = {"script", "style", "pre", "textarea", "svg", "math", "xmp", "listing", "plaintext"}
CODE = {"code", "kbd", "samp", "tt", "var"}
MASKED_VOID = {"img", "input", "object", "embed"}
PROSE_ATTRS = {"alt", "title", "aria-label", "placeholder", "aria-description"}

_ATTR_RE = re.compile(
    r"""[\s/]([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`=<]+)))?""")
_ENTITY_AT = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_BLANK = re.compile(r"\n[ \t\r\f]*\n")


class _Walker(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.out: list[Paragraph] = []
        self.col = SuppressionCollector(text)
        self.pb = ParagraphBuilder()
        self.skip: list[str] = []
        self.code: list[str] = []

    # ------------------------------------------------------------ positions
    def _pos(self) -> int:
        line, col = self.getpos()
        if line - 1 < len(self.starts):
            return self.starts[line - 1] + col
        return len(self.text)

    # ------------------------------------------------------------ output
    def flush(self) -> None:
        p = self.pb.build()
        if p is not None:
            self.out.append(p)
        self.pb = ParagraphBuilder()

    def _text(self, a: int, b: int) -> None:
        """Text in running prose: masked inside inline code, URLs masked, split at blank lines."""
        if self.code:
            self.pb.add_mask(a, b)
            return
        pos = a
        for m in _BLANK.finditer(self.text, a, b):
            emit(self.pb, self.text, [(pos, m.start())], url_pieces(self.text, pos, m.start()))
            self.flush()
            pos = m.end()
        emit(self.pb, self.text, [(pos, b)], url_pieces(self.text, pos, b))

    def _attributes(self, tag_start: int, raw: str) -> None:
        for m in _ATTR_RE.finditer(raw):
            if m.group(1).lower() not in PROSE_ATTRS:
                continue
            for g in (2, 3, 4):
                if m.group(g) is not None:
                    a, b = tag_start + m.start(g), tag_start + m.end(g)
                    pb = ParagraphBuilder()
                    emit(pb, self.text, [(a, b)], entity_pieces(self.text, a, b) + url_pieces(self.text, a, b))
                    p = pb.build()
                    if p is not None:
                        self.out.append(p)

    # ------------------------------------------------------------ events
    def handle_starttag(self, tag, attrs):
        self._start(tag, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, closed=True)

    def _start(self, tag: str, closed: bool) -> None:
        off = self._pos()
        raw = self.get_starttag_text() or ""
        if self.skip:
            if tag in SKIP and not closed:
                self.skip.append(tag)
            return
        if tag in BLOCK:
            self.flush()
        if tag == "br":
            self.pb.add_break(off, "\n")
        elif tag in MASKED_VOID and self.text.startswith(raw, off) and raw:
            self.pb.add_mask(off, off + len(raw))
        if raw and self.text.startswith(raw, off):
            self._attributes(off, raw)
        if tag in SKIP and not closed:
            self.skip.append(tag)
        elif tag in CODE and not closed:
            self.code.append(tag)

    def handle_endtag(self, tag):
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in CODE and tag in self.code:
            while self.code and self.code.pop() != tag:
                pass
        if tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if self.skip or not data:
            return
        off = self._pos()
        if self.text.startswith(data, off):
            self._text(off, off + len(data))

    def _reference(self) -> None:
        if self.skip:
            return
        off = self._pos()
        m = _ENTITY_AT.match(self.text, off)
        if not m:
            return
        raw = m.group()
        dec = html.unescape(raw)
        if dec == raw:
            self._text(off, m.end())
        elif dec.isspace() and not self.code:
            self.pb.add_break(off, " ")
        else:
            self.pb.add_mask(off, m.end())

    def handle_entityref(self, name):
        self._reference()

    def handle_charref(self, name):
        self._reference()

    def handle_comment(self, data):
        if "hanproof" not in data:
            return
        off = self._pos()
        if not self.text.startswith("<!--", off):
            return
        end = off + 4 + len(data)
        m = find_directive(self.text, off + 4, end)
        if m:
            self.col.add_match(m, off, min(len(self.text), end + 3))


def extract_html_document(text: str) -> Extracted:
    w = _Walker(text)
    try:
        w.feed(text)
        w.close()
    except Exception:  # never fail a check because of malformed input
        pass
    w.flush()
    return Extracted(w.out, w.col.result())


def extract_html(text: str) -> list[Paragraph]:
    return extract_html_document(text).paragraphs
