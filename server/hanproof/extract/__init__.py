"""Prose extraction: which parts of a document are prose, as paragraphs.

An extractor reads the ORIGINAL text and returns :class:`Paragraph` objects. Each one
holds the text that is analysed and, for every analysed character, its offset in the
original text, so findings map back exactly. Markup that is not prose (emphasis
markers, link destinations) is left out of the analysed text; inline code, URLs and
similar "words that are not Korean prose" are replaced by a placeholder run of ``x``
of the same length (Kiwi reads it as a foreign word), and listed in ``masked`` so that
rules never judge a particle from a placeholder.

One module per format, each returning :class:`Extracted` (paragraphs + suppression
regions); :func:`extract_document` picks one by LSP language id:

=====================  ====================================================
markdown               :mod:`.markdown` (markdown-it-py, source-aligned)
html                   :mod:`.html` (stdlib html.parser)
restructuredtext       :mod:`.rst`
latex                  :mod:`.latex`
asciidoc               :mod:`.asciidoc`
org                    :mod:`.org`
git-commit             :mod:`.gitcommit`
python, javascript…    :mod:`.code` (tokenize / tree-sitter; comments, docstrings,
                       string literals with ``strings=True``)
plaintext, unknown     :mod:`.plaintext`
=====================  ====================================================

Suppression comments (the same words in every format) are described in
:mod:`.suppress`. A paragraph builder never maps an analysed character to a different
original character: text is copied, placeholders are masks, and the only synthetic
characters are single white-space separators.
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
    # hashtags (#맛집, #오늘의_일기) and issue numbers (#123): names, not prose
    r"|(?<![\w&#])#(?=\w)[^\s#.,;:!?()\[\]{}<>\"'`]+"
)


@dataclass(slots=True)
class Paragraph:
    """A unit of analysis (and of caching)."""

    text: str
    start: int                       # original offset of text[0]
    offsets: list[int] | None = None  # per-character original offsets; None when contiguous
    masked: tuple[tuple[int, int], ...] = ()  # placeholder ranges, in analysed-text offsets
    ends: list[int] | None = None    # per-character original END offsets, when a character
                                     # stands for several (NFD jamo composed into a syllable)

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
        if self.ends is not None:
            ends, offs = self.ends, self.offsets
            unbroken = all(ends[k] == offs[k + 1] for k in range(a, b - 1))
            return offs[a], ends[b - 1], unbroken
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
        if self.masked and not _has_prose(text, self.masked):
            return None  # only placeholders: nothing to check
        offs = self.offsets
        masked = self.masked
        # leading and trailing white space is not analysed (and not part of the cache key)
        a = len(text) - len(text.lstrip())
        b = len(text.rstrip())
        if a or b < len(text):
            text = text[a:b]
            offs = offs[a:b]
            masked = [(ms - a, me - a) for ms, me in masked]
        return Paragraph(text=text, start=offs[0], offsets=None if _contiguous(offs) else offs,
                         masked=tuple(masked))


def _has_prose(text: str, masked: list[tuple[int, int]]) -> bool:
    pos = 0
    for ms, me in sorted(masked):
        if text[pos:ms].strip():
            return True
        pos = max(pos, me)
    return bool(text[pos:].strip())


def _contiguous(offs: list[int]) -> bool:
    return offs[-1] - offs[0] == len(offs) - 1 and all(b - a == 1 for a, b in zip(offs, offs[1:]))


def mask_inline(builder: ParagraphBuilder, source: str, start: int, end: int,
                pattern: re.Pattern = URL_RE) -> None:
    """Add source[start:end] as text, with URLs, e-mails and paths masked."""
    pos = start
    for m in pattern.finditer(source, start, end):
        builder.add_text(source, pos, m.start())
        builder.add_mask(m.start(), m.end())
        pos = m.end()
    builder.add_text(source, pos, end)


# Language ids are LSP language ids. Every suffix here is also walked by `hanproof check DIR`.
LANGUAGE_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".mkdn": "markdown", ".mdwn": "markdown",
    ".txt": "plaintext", ".text": "plaintext",
    ".rst": "restructuredtext", ".rest": "restructuredtext",
    ".tex": "latex", ".latex": "latex", ".ltx": "latex",
    ".adoc": "asciidoc", ".asciidoc": "asciidoc", ".asc": "asciidoc",
    ".org": "org",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".py": "python", ".pyi": "python", ".pyw": "python",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".jsx": "javascriptreact",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript",
    ".tsx": "typescriptreact",
    ".java": "java",
    ".go": "go",
    ".rs": "rust",
    ".c": "c", ".h": "c",
    ".cpp": "cpp", ".cc": "cpp", ".cxx": "cpp", ".c++": "cpp", ".hpp": "cpp", ".hh": "cpp",
    ".hxx": "cpp", ".h++": "cpp", ".ipp": "cpp", ".inl": "cpp",
}
# Whole file names (no useful suffix).
LANGUAGE_BY_NAME = {
    "COMMIT_EDITMSG": "git-commit", "MERGE_MSG": "git-commit", "TAG_EDITMSG": "git-commit",
    "SQUASH_MSG": "git-commit", "EDIT_DESCRIPTION": "git-commit",
}
LANGUAGE_ALIASES = {
    "md": "markdown", "gfm": "markdown", "commonmark": "markdown",
    "text": "plaintext", "txt": "plaintext", "plain": "plaintext",
    "rst": "restructuredtext", "rest": "restructuredtext", "restructured-text": "restructuredtext",
    "tex": "latex", "context": "latex",
    "adoc": "asciidoc", "asciidoctor": "asciidoc",
    "orgmode": "org", "org-mode": "org",
    "htm": "html", "xhtml": "html",
    "gitcommit": "git-commit", "git_commit": "git-commit", "commit": "git-commit",
    "py": "python", "python3": "python",
    "js": "javascript", "node": "javascript", "jsx": "javascriptreact",
    "ts": "typescript", "tsx": "typescriptreact",
    "golang": "go", "rs": "rust",
    "c++": "cpp", "cxx": "cpp", "objective-c": "c", "objective-cpp": "cpp", "cuda-cpp": "cpp",
}
CODE_LANGUAGES = ("python", "javascript", "typescript", "javascriptreact", "typescriptreact",
                  "java", "go", "rust", "c", "cpp")
SUPPORTED = ("markdown", "plaintext", "restructuredtext", "latex", "asciidoc", "org", "html",
             "git-commit") + CODE_LANGUAGES


def language_for_path(path: str | Path) -> str:
    p = Path(path)
    by_name = LANGUAGE_BY_NAME.get(p.name)
    if by_name:
        return by_name
    return LANGUAGE_BY_SUFFIX.get(p.suffix.lower(), "plaintext")


def normalize_language(language: str | None) -> str:
    lang = (language or "plaintext").strip().lower()
    lang = LANGUAGE_ALIASES.get(lang, lang)
    return lang if lang in SUPPORTED else "plaintext"


# A paragraph longer than this (after extraction) is cut at line breaks: it is the
# cache unit, and one edit must not invalidate a huge block.
MAX_PARAGRAPH = 3000
_SENTENCE_END = re.compile(r"[.?!\u3002\uff01\uff1f][\"'\u201d\u2019)]*\s")


def split_long(p: Paragraph, limit: int = MAX_PARAGRAPH) -> list[Paragraph]:
    """Cut an over-long paragraph at line breaks (never inside a line or a mask)."""
    if len(p.text) <= limit:
        return [p]
    offs = p.offsets if p.offsets is not None else list(range(p.start, p.start + len(p.text)))
    out: list[Paragraph] = []
    a = 0
    n = len(p.text)
    while a < n:
        b = min(n, a + limit)
        if b < n:
            cut = p.text.rfind("\n", a + 1, b)
            if cut < 0:
                # one huge line: cut after the last sentence end, else at the last space
                ends = [m.end() - 1 for m in _SENTENCE_END.finditer(p.text, a + 1, b)]
                cut = ends[-1] if ends else p.text.rfind(" ", a + 1, b)
            if cut < 0:
                cut = n - 1
            b = cut + 1
        # never split a mask: move b to the end of a mask it falls into
        for ms, me in p.masked:
            if ms < b < me:
                b = me
        a0 = a
        while a < b and p.text[a].isspace():
            a += 1
        e = b
        while e > a and p.text[e - 1].isspace():
            e -= 1
        text = p.text[a:e]
        if text:
            o = offs[a:e]
            masked = tuple((max(ms, a) - a, min(me, e) - a) for ms, me in p.masked if ms < e and a < me)
            out.append(Paragraph(text=text, start=o[0], offsets=None if _contiguous(o) else o, masked=masked))
        a = max(b, a0 + 1)
    return out


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


# Tests set this to see extractor errors; otherwise a failing extractor falls back to
# plain text, because a parser problem must never stop a check.
STRICT = False


def _extractor(lang: str, strings: bool):
    if lang == "markdown":
        from .markdown import extract_markdown_document as fn
    elif lang == "html":
        from .html import extract_html_document as fn
    elif lang == "restructuredtext":
        from .rst import extract_rst_document as fn
    elif lang == "latex":
        from .latex import extract_latex_document as fn
    elif lang == "asciidoc":
        from .asciidoc import extract_asciidoc_document as fn
    elif lang == "org":
        from .org import extract_org_document as fn
    elif lang == "git-commit":
        from .gitcommit import extract_git_commit_document as fn
    elif lang in CODE_LANGUAGES:
        from .code import extract_code

        def fn(text: str) -> Extracted:
            return extract_code(text, lang, strings=strings)
    else:
        from .plaintext import extract_plaintext_document as fn
    return fn


_JAMO = re.compile("[\u1100-\u11ff]")


def compose_jamo(p: Paragraph) -> Paragraph:
    """Hangul written as conjoining jamo (NFD, as some macOS tools and old files do) is
    analysed as syllables; each syllable keeps the original offsets of its jamo."""
    text = p.text
    if not _JAMO.search(text):
        return p
    chars: list[str] = []
    offs: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        o = ord(c)
        syl = None
        j = i
        if 0x1100 <= o <= 0x1112 and i + 1 < n and 0x1161 <= ord(text[i + 1]) <= 0x1175:
            syl = 0xAC00 + ((o - 0x1100) * 21 + ord(text[i + 1]) - 0x1161) * 28
            j = i + 2
        elif 0xAC00 <= o < 0xAC00 + 11172 and (o - 0xAC00) % 28 == 0:
            syl, j = o, i + 1
        if syl is not None and j < n and 0x11A8 <= ord(text[j]) <= 0x11C2:
            syl += ord(text[j]) - 0x11A7
            j += 1
        if syl is None or j == i + 1 and syl == o:
            chars.append(c)
            offs.append(p.orig(i))
            ends.append(p.orig(i) + 1 if p.ends is None else p.ends[i])
            i += 1
            continue
        chars.append(chr(syl))
        offs.append(p.orig(i))
        ends.append(p.orig(j - 1) + 1 if p.ends is None else p.ends[j - 1])
        i = j
    # placeholders are ASCII and never composed: map their ranges through the offsets
    new_masked = []
    if p.masked:
        orig_to_new = {o: idx for idx, o in enumerate(offs)}
        for ms, me in p.masked:
            a = orig_to_new.get(p.orig(ms))
            b = orig_to_new.get(p.orig(me - 1))
            if a is not None and b is not None:
                new_masked.append((a, b + 1))
    return Paragraph("".join(chars), offs[0] if offs else p.start, offs, tuple(new_masked), ends)


def extract_document(text: str, language: str = "plaintext", *, strings: bool = False) -> Extracted:
    """Paragraphs to analyse and regions where findings are suppressed.

    `strings`: also check string literals in source code (off by default).
    """
    lang = normalize_language(language)
    try:
        ex = _extractor(lang, strings)(text)
    except (Exception, RecursionError):
        if STRICT or lang == "plaintext":
            raise
        from .plaintext import extract_plaintext_document
        ex = extract_plaintext_document(text)
    return Extracted([compose_jamo(q) for p in ex.paragraphs for q in split_long(p)], ex.suppressions)


def extract(text: str, language: str = "plaintext", *, strings: bool = False) -> list[Paragraph]:
    return extract_document(text, language, strings=strings).paragraphs
