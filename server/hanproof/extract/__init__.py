"""Prose extraction: which parts of a document are prose, as paragraphs.

An extractor reads the ORIGINAL text and returns :class:`Paragraph` objects. Each one
holds the text that is analysed and, for every analysed character, its offset in the
original text, so findings map back exactly. Markup that is not prose (emphasis
markers, link destinations) is left out of the analysed text; inline code, URLs and
similar "words that are not Korean prose" are replaced by a placeholder run of ``x``
of the same length (Kiwi reads it as a foreign word), and listed in ``masked`` so that
rules never judge a particle from a placeholder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER = "x"

# URLs, e-mail addresses, file paths: never prose.
URL_RE = re.compile(
    r"(?:(?:https?|ftp|file)://|www\.)[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]}。、]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
    r"|(?<![\w/])(?:~|\.{1,2})?/(?:[\w.@+-]+/)*[\w.@+-]+"
    r"|[A-Za-z]:\\(?:[\w .@+-]+\\)*[\w.@+-]*"
)


@dataclass(slots=True)
class Paragraph:
    """A unit of analysis (and of caching)."""

    text: str
    start: int                       # original offset of text[0]
    offsets: list[int] | None = None  # per-character original offsets; None when contiguous
    masked: tuple[tuple[int, int], ...] = ()  # placeholder ranges, in analysed-text offsets

    def orig(self, i: int) -> int:
        """Original offset of analysed offset i (i may equal len(text))."""
        if self.offsets is None:
            return self.start + i
        if i < len(self.offsets):
            return self.offsets[i]
        return self.offsets[-1] + 1 if self.offsets else self.start

    def orig_span(self, a: int, b: int) -> tuple[int, int, bool]:
        """Original (start, end) of analysed [a, b) and whether it is one unbroken run."""
        if self.offsets is None:
            return self.start + a, self.start + b, True
        if b <= a:
            o = self.orig(a)
            return o, o, True
        s, e = self.offsets[a], self.offsets[b - 1] + 1
        return s, e, (e - s) == (b - a)

    def is_masked(self, a: int, b: int | None = None) -> bool:
        b = a + 1 if b is None else b
        return any(ms < b and a < me for ms, me in self.masked)


class ParagraphBuilder:
    """Collects pieces of the original text into one analysed paragraph."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.masked: list[tuple[int, int]] = []

    def add_text(self, source: str, start: int, end: int) -> None:
        if end <= start:
            return
        self.chars.append(source[start:end])
        self.offsets.extend(range(start, end))

    def add_mask(self, start: int, end: int) -> None:
        if end <= start:
            return
        a = len(self.offsets)
        self.chars.append(PLACEHOLDER * (end - start))
        self.offsets.extend(range(start, end))
        self.masked.append((a, a + end - start))

    def add_break(self, offset: int, char: str = "\n") -> None:
        self.chars.append(char)
        self.offsets.append(offset)

    def build(self) -> Paragraph | None:
        text = "".join(self.chars)
        if not text.strip():
            return None
        offs = self.offsets
        contiguous = offs[-1] - offs[0] == len(offs) - 1
        return Paragraph(text=text, start=offs[0], offsets=None if contiguous else offs,
                         masked=tuple(self.masked))


def mask_inline(builder: ParagraphBuilder, source: str, start: int, end: int,
                pattern: re.Pattern = URL_RE) -> None:
    """Add source[start:end] as text, with URLs, e-mails and paths masked."""
    pos = start
    for m in pattern.finditer(source, start, end):
        builder.add_text(source, pos, m.start())
        builder.add_mask(m.start(), m.end())
        pos = m.end()
    builder.add_text(source, pos, end)


LANGUAGE_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".txt": "plaintext", ".text": "plaintext",
}
LANGUAGE_ALIASES = {"md": "markdown", "text": "plaintext", "txt": "plaintext", "plain": "plaintext"}
SUPPORTED = ("markdown", "plaintext")


def language_for_path(path: str | Path) -> str:
    return LANGUAGE_BY_SUFFIX.get(Path(path).suffix.lower(), "plaintext")


def normalize_language(language: str | None) -> str:
    lang = (language or "plaintext").lower()
    lang = LANGUAGE_ALIASES.get(lang, lang)
    return lang if lang in SUPPORTED else "plaintext"


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings starting in [start, end) are dropped; `rules` None means every rule,
    otherwise rule ids, categories or id prefixes (see Rule.matches_selector)."""

    start: int
    end: int
    rules: frozenset[str] | None = None

    def covers(self, offset: int, rule) -> bool:
        if not (self.start <= offset < self.end):
            return False
        return self.rules is None or any(rule.matches_selector(s) for s in self.rules)


@dataclass(slots=True)
class Extracted:
    paragraphs: list[Paragraph]
    suppressions: list[Suppression] = field(default_factory=list)


def extract_document(text: str, language: str = "plaintext") -> Extracted:
    """Paragraphs to analyse and regions where findings are suppressed."""
    lang = normalize_language(language)
    if lang == "markdown":
        from .markdown import extract_markdown
        return Extracted(extract_markdown(text))
    from .plaintext import extract_plaintext
    return Extracted(extract_plaintext(text))


def extract(text: str, language: str = "plaintext") -> list[Paragraph]:
    return extract_document(text, language).paragraphs
