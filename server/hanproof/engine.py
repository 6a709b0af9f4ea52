"""The checking engine: extraction → paragraphs → one Kiwi analysis each → every rule.

No pygls here: the CLI, the language server, tests and other programs all use this.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from difflib import SequenceMatcher
import re
import threading
from typing import Iterable

from .analysis import LRU, Analyzer, shared_analyzer
from .config import Config
from .extract import Paragraph, Suppression, extract_document
from .model import SEVERITIES, Finding
from .segment import bounded
from .textindex import word_bounds
from .rules import Hit
from .rules.loader import load_lexicon
from .rules.matchers import Context

DEFAULT_CONFIG = Config()


class Engine:
    def __init__(self, lexicon_dir=None, analyzer: Analyzer | None = None, cache_size: int = 20000):
        self.registry = load_lexicon(lexicon_dir)
        self._default_rules = frozenset(r.index for r in self.registry.rules if r.enabled)
        self.analyzer = analyzer or shared_analyzer()
        self.hits = LRU(cache_size)
        self._words_cache: dict = {}
        self._lock = threading.Lock()
        self.stats = {"paragraphs": 0, "analysed": 0}

    # ------------------------------------------------------------ paragraphs
    def _extra_rules(self, config: Config | None) -> frozenset[int]:
        """Opt-in rules (enabled = false in the lexicon) that this configuration turns on.
        Only those and the rules on by default run: opt-in rules cost nothing until used."""
        if config is None or not (config.select or config.enable):
            return frozenset()
        return frozenset(r.index for r in self.registry.rules if not r.enabled and config.rule_enabled(r))

    def is_cached(self, paragraph: Paragraph, config: Config | None = None) -> bool:
        """Whether checking this paragraph (under this configuration) needs no analysis."""
        return self.hits.get((paragraph.text, paragraph.masked, self._extra_rules(config))) is not None

    def paragraph_hits(self, paragraphs: list[Paragraph], config: Config | None = None) -> list[list[Hit]]:
        """Raw hits per paragraph; paragraphs seen before (same text) are not analysed again."""
        extra = self._extra_rules(config)
        only = self._default_rules | extra
        keys = [(p.text, p.masked, extra) for p in paragraphs]
        out: list[list[Hit] | None] = [self.hits.get(k) for k in keys]
        todo = [i for i, h in enumerate(out) if h is None]
        self.stats["paragraphs"] += len(paragraphs)
        self.stats["analysed"] += len(todo)
        if todo:
            texts = [paragraphs[i].text for i in todo]
            for j, toks in self.analyzer.iter_tokenize(texts):  # rules run while Kiwi works
                i = todo[j]
                p = paragraphs[i]
                ctx = Context(p.text, toks, p.masked, self.analyzer)
                hits = self.registry.run(ctx, only=only)
                self.hits.put(keys[i], hits)
                out[i] = hits
        return out  # type: ignore[return-value]

    # ------------------------------------------------------------ findings
    def findings_for(self, text: str, paragraphs: list[Paragraph], hits: list[list[Hit]],
                     config: Config, suppressions: list[Suppression] = ()) -> list[Finding]:
        rules = self.registry.rules
        enabled = [config.rule_enabled(r) for r in rules]
        words_rx = self._words_regex(config)
        out: list[Finding] = []
        silenced: set = set()  # places a suppression comment silenced: no other rule speaks there
        for p, phits in zip(paragraphs, hits):
            for h in phits:
                if not enabled[h.rule]:
                    continue
                r = rules[h.rule]
                s, e, contiguous = p.orig_span(h.start, h.end)
                if words_rx is not None and _in_dictionary(text, s, e, words_rx):
                    continue
                if suppressions and any(x.covers(s, r) for x in suppressions):
                    silenced.add((s, e, h.suggestions[:1]))
                    continue
                out.append(Finding(
                    rule=r.id, category=r.category, severity=config.severity_for(r),
                    start=s, end=e, message=h.message, explanation=h.explanation,
                    suggestions=h.suggestions if contiguous else (), norm=r.norm))
        if silenced:
            out = [f for f in out if (f.start, f.end, f.suggestions[:1]) not in silenced]
        out.sort(key=lambda f: (f.start, f.end, f.rule))
        return _dedupe(out, self.registry.by_id, text)

    def check(self, text: str, language: str = "plaintext", config: Config | None = None,
              *, extracted=None) -> list[Finding]:
        """`extracted`: what extract_document(text, language) gives (paragraphs and
        suppressions), when the caller already has it — the language server extracts
        incrementally (hanproof.lsp.chunks); None extracts here."""
        config = config or DEFAULT_CONFIG
        ex = extract_document(text, language, strings=config.strings) if extracted is None else extracted
        paragraphs = bounded(ex.paragraphs)
        return self.findings_for(text, paragraphs, self.paragraph_hits(paragraphs, config), config, ex.suppressions)

    def check_many(self, docs: Iterable[tuple[str, str, Config]]) -> list[list[Finding]]:
        """Several documents at once: all their new paragraphs go to Kiwi in one batch."""
        docs = list(docs)
        exs = [extract_document(t, lang, strings=(cfg or DEFAULT_CONFIG).strings) for t, lang, cfg in docs]
        for ex in exs:
            ex.paragraphs = bounded(ex.paragraphs)
        # documents with the same opt-in rules share one batch
        groups: dict[frozenset, list[int]] = {}
        for i, (_, _, cfg) in enumerate(docs):
            groups.setdefault(self._extra_rules(cfg), []).append(i)
        out: list = [None] * len(docs)
        for members in groups.values():
            flat = [p for i in members for p in exs[i].paragraphs]
            flat_hits = self.paragraph_hits(flat, docs[members[0]][2])
            k = 0
            for i in members:
                text, _, cfg = docs[i]
                n = len(exs[i].paragraphs)
                out[i] = self.findings_for(text, exs[i].paragraphs, flat_hits[k:k + n], cfg or DEFAULT_CONFIG,
                                           exs[i].suppressions)
                k += n
        return out

    # ------------------------------------------------------------ dictionary
    def _words_regex(self, config: Config):
        words = config.all_words()
        if not words:
            return None
        rx = self._words_cache.get(words)
        if rx is None:
            rx = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
            if len(self._words_cache) > 32:
                self._words_cache.clear()
            self._words_cache[words] = rx
        return rx


def _dedupe(findings: list[Finding], by_id: dict, text: str) -> list[Finding]:
    """One finding per place: when two rules flag the same word with the same fix, keep the
    more specific one (a pattern rule rather than a word list); a finding inside a longer
    one whose first fix makes the same change there gives way to it (one ending inside a
    pair of endings that another rule corrects together); a fallback check (typos) gives
    way to any other rule that flags an overlapping span, which names the norm."""
    out = _drop_contained(_dedupe_same(findings, by_id), text)
    fallback = [getattr(by_id[f.rule].matcher, "FALLBACK", False) for f in out]
    if not any(fallback):
        return out
    firm = [f for f, fb in zip(out, fallback) if not fb]
    return [f for f, fb in zip(out, fallback)
            if not fb or not any(g.start < f.end and f.start < g.end for g in firm)]


def _drop_contained(findings: list[Finding], text: str) -> list[Finding]:
    """Drop a finding that a longer one at least as severe contains, when the longer one's
    first fix makes the same change there. `findings` are sorted by start: only those
    starting at most the longest span earlier can contain one."""
    longest = max((f.end - f.start for f in findings), default=0)
    starts = [f.start for f in findings]

    def covered(f: Finding) -> bool:
        if not f.suggestions:
            return False
        lo, hi = bisect_left(starts, f.start - longest), bisect_right(starts, f.start)
        return any(f.end <= g.end and (g.start, g.end) != (f.start, f.end) and g.suggestions
                   and SEVERITIES.index(g.severity) <= SEVERITIES.index(f.severity)
                   and f.suggestions[0] in _replacements(text[g.start:g.end], g.suggestions[0],
                                                         f.start - g.start, f.end - g.start)
                   for g in findings[lo:hi])
    return [f for f in findings if not covered(f)]


def _replacements(src: str, dst: str, a: int, b: int) -> set[str]:
    """What `dst` puts in place of src[a:b] when no edit from src to dst crosses a or b
    (an insertion right at a or b may count on either side); empty when one does."""
    equal = [(i1, i2, j1) for tag, i1, i2, j1, _ in
             SequenceMatcher(None, src, dst, autojunk=False).get_opcodes() if tag == "equal"]
    if a == 0:
        heads = {0}
    else:
        heads = {j1 + a - i1 for i1, i2, j1 in equal if i1 <= a <= i2}
    if b == len(src):
        tails = {len(dst)}
    else:
        tails = {j1 + b - i1 for i1, i2, j1 in equal if i1 <= b <= i2}
    return {dst[x:y] for x in heads for y in tails if x <= y}


def _dedupe_same(findings: list[Finding], by_id: dict) -> list[Finding]:
    out: list[Finding] = []
    for f in findings:
        key = (f.suggestions[:1], f.end)
        clash = next((i for i in range(len(out) - 1, -1, -1)
                      if out[i].start == f.start and (out[i].suggestions[:1], out[i].end) == key), None)
        if clash is None:
            out.append(f)
        elif by_id[out[clash].rule].kind != "pattern" and by_id[f.rule].kind == "pattern":
            out[clash] = f
    return out


def _in_dictionary(text: str, s: int, e: int, rx: re.Pattern) -> bool:
    """Whether a user word occurs in the eojeol(s) around [s, e) and overlaps it."""
    a, b = word_bounds(text, s, e)
    for m in rx.finditer(text, a, b):
        if m.start() < e and s < m.end() or (s == e and m.start() <= s <= m.end()):
            return True
    return False


_default: Engine | None = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Engine()
    return _default


def check(text: str, language: str = "plaintext", config: Config | None = None) -> list[Finding]:
    """Check a document; findings carry code-point offsets into `text`."""
    return default_engine().check(text, language, config)
