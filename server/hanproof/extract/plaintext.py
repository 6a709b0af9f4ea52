"""Plain text (.txt and every unknown type).

Every line is analysed on its own. Plain text is mostly written one sentence, item or
paragraph per line (editors wrap it softly), and Kiwi reads a line break as a plain
space: two words of a word list would be analysed as one phrase, so a word at the
start of a line was judged by the end of the line before it. Lines also keep cache
keys small: editing one line never changes the key of another. URLs, e-mail addresses
and file paths are masked.

Suppression: plain text has no comment syntax, so a line consisting only of a
directive is one (and is never analysed)::

    hanproof-disable-next-line spelling.myeochil
    hanproof-disable spelling … hanproof-enable
    hanproof-disable-file

(the words of :mod:`hanproof.extract.suppress`; ``hanproof-disable-line`` makes no
sense on a line of its own and is only removed). A directive must start its line and
be followed only by selectors (rule ids, categories, prefixes) and an optional
``-- reason``: a sentence that merely mentions a directive is prose.
"""
from __future__ import annotations

import re

from . import Extracted, Paragraph, ParagraphBuilder, mask_inline
from .suppress import SuppressionCollector, find_directive, parse_selectors

BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:(?:\r\n|\r|\n)[ \t\f\v]*)+")
LINE = re.compile(r"[^\r\n]+")
_SELECTOR = re.compile(r"[A-Za-z0-9_.*-]+")
_DIRECTIVE_LINE = re.compile(r"^[ \t]*hanproof-(?:disable|enable)[^\r\n]*$", re.M)


def _selectors_only(args: str) -> bool:
    """A directive line holds selectors (and a `-- reason`), not a sentence."""
    sels = parse_selectors(args)
    return sels is None or all(_SELECTOR.fullmatch(x) for x in sels)


def blocks(text: str):
    pos = 0
    for m in BLANK_LINES.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _paragraphs(text: str, a: int, b: int, out: list[Paragraph]) -> None:
    for m in LINE.finditer(text, a, b):
        s, e = m.span()
        pb = ParagraphBuilder()
        mask_inline(pb, text, s, e)
        p = pb.build()
        if p is not None:
            out.append(p)


def extract_plaintext_document(text: str) -> Extracted:
    out: list[Paragraph] = []
    col = SuppressionCollector(text)
    directives = []
    if "hanproof-" in text:
        for m in _DIRECTIVE_LINE.finditer(text):
            d = find_directive(text, m.start(), m.end())
            if d is not None and _selectors_only(d.group("args")):
                directives.append((m.start(), m.end()))
                col.add_match(d, m.start(), m.end())
    for a, b in blocks(text):
        # directive lines split a block and are left out
        pos = a
        for ds, de in directives:
            if de <= a or ds >= b:
                continue
            _paragraphs(text, pos, ds, out)
            pos = de
        _paragraphs(text, pos, b, out)
    return Extracted(out, col.result())


def extract_plaintext(text: str) -> list[Paragraph]:
    return extract_plaintext_document(text).paragraphs
