"""Helpers for the extraction tests (imported by the test modules)."""
from __future__ import annotations

import unicodedata

from hanproof.extract import extract_document

# The five errors the starter rules catch, each with its rule id.
ERRORS = {
    "몇일": "spelling.myeochil",
    "할께요": "spelling.lge",
    "되요": "grammar.dwaeyo",
    "할수": "spacing.bound-noun-su",
    "금새": "spelling.geumse",
}


class Checker:
    def __init__(self, engine):
        self.engine = engine

    def findings(self, text: str, language: str, strings: bool = False):
        from hanproof.engine import DEFAULT_CONFIG

        ex = extract_document(text, language, strings=strings)
        hits = self.engine.paragraph_hits(ex.paragraphs)
        return self.engine.findings_for(text, ex.paragraphs, hits, DEFAULT_CONFIG, ex.suppressions)

    def flagged(self, text: str, language: str, strings: bool = False) -> set[tuple[str, int]]:
        """{(word, start)} of every finding whose span is one of the five test errors."""
        out = set()
        for f in self.findings(text, language, strings):
            word = text[f.start:f.end]
            if word in ERRORS:
                out.add((word, f.start))
            else:
                assert f.rule not in ERRORS.values(), (f.rule, word, f.start)
        return out

    def expect(self, text: str, language: str, snippets: list[tuple[str, str]], strings: bool = False) -> None:
        """Exactly the errors at `snippets` are flagged: (unique snippet, error word in it)."""
        want = {(w, at(text, snip, w)) for snip, w in snippets}
        got = self.flagged(text, language, strings)
        assert got == want, f"\nmissing: {sorted(want - got)}\nunexpected: {sorted(got - want)}"


def at(text: str, snippet: str, word: str) -> int:
    """Offset of `word` inside the only occurrence of `snippet` in text."""
    i = text.find(snippet)
    assert i >= 0, f"snippet not found: {snippet!r}"
    assert text.find(snippet, i + 1) < 0, f"snippet not unique: {snippet!r}"
    j = snippet.find(word)
    assert j >= 0, (snippet, word)
    return i + j


def assert_roundtrip(text: str, language: str, strings: bool = False) -> list:
    """Every analysed character that is not a placeholder or a separator is the
    original character at its mapped offset; masks are same-length runs of 'x'."""
    ex = extract_document(text, language, strings=strings)
    for p in ex.paragraphs:
        offs = [p.orig(i) for i in range(len(p.text))]
        assert all(b > a for a, b in zip(offs, offs[1:])), "offsets must increase"
        for i, c in enumerate(p.text):
            if p.is_masked(i):
                assert c == "x"
                continue
            if c.isspace():
                continue
            if p.ends is not None and p.ends[i] - offs[i] > 1:
                # a syllable composed from jamo (NFD, or a syllable + a final jamo)
                src = text[offs[i]:p.ends[i]]
                assert unicodedata.normalize("NFC", src) == c, (p.text, i, c, src)
                continue
            assert text[offs[i]] == c, (p.text, i, c, text[offs[i]])
        for ms, me in p.masked:
            assert p.text[ms:me] == "x" * (me - ms)
            # a mask covers a same-length contiguous original range
            assert p.orig(me - 1) - p.orig(ms) == me - ms - 1 or p.offsets is not None
    return ex.paragraphs


def texts(text: str, language: str, strings: bool = False) -> list[str]:
    return [p.text for p in extract_document(text, language, strings=strings).paragraphs]
