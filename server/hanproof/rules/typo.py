"""Typos in words Kiwi cannot analyse: two `[[check]]`s (lexicon/typo.toml).

Most words are never looked at twice. A word becomes a suspect only when Kiwi's analysis
of it contains a noun that Kiwi does not know (it guesses an unknown noun for what it
cannot read; known or not is one cached Kiwi look-up per distinct noun) or one of the
misspelt morphemes that Kiwi's own typo dictionary lists (엇 for 었, 겟 for 겠, 괜찬 for
괜찮). Words with Latin letters, digits or symbols (names, URLs, #tags, code), quoted
words, words with or next to a proper noun or another unknown word, and words before a
title (씨, 님, 선생 …) are left alone: those are names. User dictionary words are dropped
by the engine.

Candidates for an unknown word come from Kiwi's typo model (the same Kiwi instance:
`typos=` is a per-call argument since kiwipiepy 0.23, no second model and no extra memory)
and from two swapped keystrokes (하낟 → 한다); the opt-in `typo_edits` check adds other
keyboard slips (a key dropped, doubled or hit next to the right one) and sound-alike jamo
(ㅐ/ㅔ, ㄴ/ㄹ, ㅈ/ㅊ, finals pronounced alike). A candidate counts only if Kiwi reads it
without unknown words or proper nouns and it scores far better than the word as written;
a candidate that is only a sound-symbolic or 사이시옷 variant of the word means the word is
fine. The rest are ranked by the score gain (Kiwi's language model stands in for word
frequency) less the rapidfuzz distance of the jamo strings, and the best is kept only if
the whole sentence reads much better with it and clearly better than with the next one.
"""
# hanproof-disable-file spelling, grammar.conjugation -- this module quotes misspellings on purpose
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import ClassVar, Iterator

from rapidfuzz.distance import Levenshtein

from ..analysis import LRU
from ..hangul import SBASE, decompose
from . import Hit, Rule
from ..textindex import word_after, word_before, word_bounds
from .matchers import sentence_bounds

# after the word: punctuation, and chat emoticons in jamo (ㅠㅠ, ㅋㅋ, ^^)
_CORE = re.compile(r"([\"'“‘(\[「『《〈<]*)([가-힣]+)([.,!?…:;\"'”’)\]」』》〉>~·^ㄱ-ㅣ-]*)$")
# a noun right after these is a person's name or title, not a word to correct
_TITLE_NEXT = re.compile(r"(씨|님|군|양|옹|선생|교수|박사|작가|기자|감독|선수|의원|장관|대표|회장|사장|총장|"
                         r"대통령|총리|왕|공|경|스님|신부|목사)(님|이|가|은|는|을|를|의|에게|께서|도|과|와)?"
                         r"[.,!?…\"'”’)]*$")
_MIMETIC = re.compile(r"거리|대[다고며는니어었]")
# ㅎ-irregular adjectives with ㅓ/ㅜ in the stem take ㅔ before -어 (시퍼렇다 → 시퍼레, 허옇다 →
# 허예, 누렇다 → 누레, 벌겋다 → 벌게, 뿌옇다 → 뿌예, 꺼멓다 → 꺼메): Kiwi reads these right forms
# as unknown and would "correct" them to ㅐ
_H_IRREGULAR_E = re.compile(r"(퍼레|허예|누레|[벌뻘]게|[뿌부]예|[꺼거]메)[서도졌져지요]")
_MAX_SYLLABLES = 8      # longer words are compounds or names: not judged
_WORD_GAIN = 6.0        # the candidate, alone, must score this much better than the word
_ODD_GAIN = 3.0         # a morpheme from Kiwi's typo dictionary: the sentence must gain this
_AMBIGUOUS = 2.0        # the best candidate must beat the next by this much
# Kiwi's typo dictionary: misspellings it reads as allomorphs of the right morpheme
_RIGHT = {("엇", "EP"): "었", ("겟", "EP"): "겠", ("괜찬", "VA"): "괜찮", ("편찬", "VA"): "편찮",
          ("귀찬", "VA"): "귀찮", ("하찬", "VA"): "하찮"}

# jamo of Hangul syllables (index order of Unicode composition)
_L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_V = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_T = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
# keystrokes of compound vowels and finals on a two-set keyboard
_KEYS = {"ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
         "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
         "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ"}
_JOIN = {v: k for k, v in _KEYS.items()}


def _split(ch: str) -> tuple[int, int, int]:
    o = ord(ch) - SBASE
    return o // 588, o % 588 // 28, o % 28


def _syl(l: int, v: int, t: int) -> str:
    return chr(SBASE + l * 588 + v * 28 + t)


def _keystrokes(word: str) -> str:
    out = []
    for ch in word:
        l, v, t = _split(ch)
        out.append(_L[l] + _KEYS.get(_V[v], _V[v]) + (_KEYS.get(_T[t], _T[t]) if t else ""))
    return "".join(out)


def _compose(keys: str) -> str | None:
    """Two-set keyboard composition of a keystroke string; None if it leaves loose jamo."""
    out = []
    i, n = 0, len(keys)
    while i < n:
        c = keys[i]
        if c not in _L or i + 1 >= n or keys[i + 1] in _L:
            return None
        i += 1
        v = keys[i]
        i += 1
        if i < n and keys[i] not in _L and (v + keys[i]) in _JOIN:
            v = _JOIN[v + keys[i]]
            i += 1
        if v not in _V:
            return None
        t = ""
        # a consonant is a final unless a vowel follows it
        if i < n and keys[i] in _L and (i + 1 >= n or keys[i + 1] in _L):
            t = keys[i]
            i += 1
            if i < n and keys[i] in _L and (i + 1 >= n or keys[i + 1] in _L) and (t + keys[i]) in _JOIN:
                t = _JOIN[t + keys[i]]
                i += 1
        if t and t not in _T:
            return None
        out.append(_syl(_L.index(c), _V.index(v), _T.index(t) if t else 0))
    return "".join(out)


# the two-set keyboard: keys next to each other are slips of the finger
_ROWS = ("ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "ㅋㅌㅊㅍㅠㅜㅡ")
_SHIFT = {"ㅂ": "ㅃ", "ㅈ": "ㅉ", "ㄷ": "ㄸ", "ㄱ": "ㄲ", "ㅅ": "ㅆ", "ㅐ": "ㅒ", "ㅔ": "ㅖ"}


def _neighbours() -> dict[str, set[str]]:
    pos = {}
    for y, (row, off) in enumerate(zip(_ROWS, (0.0, 0.25, 0.75))):
        for x, k in enumerate(row):
            pos[k] = (x + off, y)
    out: dict[str, set[str]] = {k: set() for k in pos}
    for a, (xa, ya) in pos.items():
        for b, (xb, yb) in pos.items():
            if a != b and abs(ya - yb) <= 1 and abs(xa - xb) <= 1.0:
                out[a].add(b)
    for low, high in _SHIFT.items():   # a missed or extra shift
        out[low].add(high)
        out[high] = {low} | {_SHIFT.get(n, n) for n in out[low]}
    return out


_NEAR = _neighbours()
# sounds that are written differently but pronounced alike (or nearly): what people
# mishear and misspell, where the keyboard does not explain the slip
_SOUND_V = ["ㅐㅔ", "ㅒㅖ", "ㅚㅙㅞ", "ㅢㅣ", "ㅢㅔ", "ㅟㅣ", "ㅕㅖ"]
_SOUND_L = ["ㄴㄹ", "ㄱㄲㅋ", "ㄷㄸㅌ", "ㅂㅃㅍ", "ㅅㅆ", "ㅈㅉㅊ"]
_SOUND_T = ["ㄷㅅㅆㅈㅊㅌㅎ", "ㄱㄲㅋㄺㄳ", "ㅂㅍㄼㄿㅄ", "ㄴㄵㄶ", "ㄹㄽㄾㅀ", "ㅁㄻ"]


def _groups(groups: list[str], alphabet: str) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for g in groups:
        for a in g:
            for b in g:
                if a != b:
                    out.setdefault(alphabet.index(a), set()).add(alphabet.index(b))
    return out


_ALIKE_V, _ALIKE_L, _ALIKE_T = _groups(_SOUND_V, _V), _groups(_SOUND_L, _L), _groups(_SOUND_T, _T)


def _edits(word: str, positions: range, full: bool) -> set[str]:
    """Likely slips undone, at the given syllables and their neighbours: two keystrokes
    swapped (하낟 → 한다, 오나전 → 완전) or the shift key missed (재밋어 → 재밌어); with
    `full`, also one key dropped, doubled or replaced by a key next to it, and sound-alike
    jamo (ㅐ/ㅔ, ㄴ/ㄹ, ㅈ/ㅊ, finals pronounced alike)."""
    out = set()
    if not positions:
        return out
    if full:
        for p in positions:
            l, v, t = _split(word[p])
            head, tail = word[:p], word[p + 1:]
            out.update(head + _syl(l2, v, t) + tail for l2 in _ALIKE_L.get(l, ()))
            out.update(head + _syl(l, v2, t) + tail for v2 in _ALIKE_V.get(v, ()))
            if t:
                out.update(head + _syl(l, v, t2) + tail for t2 in _ALIKE_T.get(t, ()))
    a, b = max(0, positions.start - 1), min(len(word), positions.stop + 1)
    pre, mid, post = _keystrokes(word[:a]), _keystrokes(word[a:b]), _keystrokes(word[b:])
    variants = set()
    for i in range(len(mid)):
        if i + 1 < len(mid) and mid[i] != mid[i + 1]:
            variants.add(mid[:i] + mid[i + 1] + mid[i] + mid[i + 2:])  # two keys swapped
        if mid[i] in _SHIFT:
            variants.add(mid[:i] + _SHIFT[mid[i]] + mid[i + 1:])        # shift missed (재밋어)
        if not full:
            continue
        variants.add(mid[:i] + mid[i + 1:])                            # a key too many
        for k in _NEAR.get(mid[i], ()):
            variants.add(mid[:i] + k + mid[i + 1:])                    # the key next to it
        for j in (i, i + 1):                                           # a key missed
            for k in {mid[i]} | _NEAR.get(mid[i], set()):
                variants.add(mid[:j] + k + mid[j:])
    for m in variants:
        w = _compose(pre + m + post)
        # a slip does not hide a stutter: no candidate with a syllable doubled anew (거거)
        if w and not any(w[i] == w[i + 1] for i in range(len(w) - 1)):
            out.add(w)
    out.discard(word)
    return out


_HARMONY = _groups(["ㅏㅓ", "ㅗㅜ", "ㅑㅕ", "ㅛㅠ", "ㅘㅝ", "ㅙㅞ"], _V)
_INTENSITY = _groups(["ㄱㄲㅋ", "ㄷㄸㅌ", "ㅂㅃㅍ", "ㅅㅆ", "ㅈㅉㅊ"], _L)


def _variant(word: str, cand: str) -> bool:
    """Whether the change is one Korean makes on purpose rather than by mistake: a
    sound-symbolic variant of a word's first syllable (쫑긋/쭝긋, 간지럽다/근지럽다,
    주르륵/쭈르륵), or a 사이시옷 (모깃소리, 농삿집) that Kiwi does not know."""
    if len(word) != len(cand):
        return False
    diff = [p for p in range(len(word)) if word[p] != cand[p]]
    for p in diff:
        l1, v1, t1 = _split(word[p])
        l2, v2, t2 = _split(cand[p])
        # ㅅ or ㄷ before the next syllable dropped or swapped (a 사이시옷); ㅅ → ㅆ is a
        # missed shift key (재밋어 → 재밌어), not a variant
        if t1 in (19, 7) and p + 1 < len(word) and t2 in (0, 19, 7) and t2 != t1:
            return True
        if p == 0 and (l1, t1) == (l2, t2) and v2 in _HARMONY.get(v1, ()):
            return True
        if p == 0 and (v1, t1) == (v2, t2) and l2 in _INTENSITY.get(l1, ()):
            return True
    return False


class _Probe:
    """Kiwi's reading of single words, cached for the process: (score, has unknown words,
    has proper nouns, can be no single word)."""

    def __init__(self, size: int = 100_000):
        self.cache: dict[str, tuple[float, bool, bool, bool]] = {}
        self.size = size
        self.lock = threading.Lock()

    def many(self, analyzer, words) -> dict[str, tuple[float, bool, bool, bool]]:
        cache = self.cache
        words = set(words)
        todo = [w for w in words if w not in cache]
        if todo:
            if len(todo) > 64:   # Kiwi's worker threads
                res = [r[0] for r in analyzer.analyze(todo)]
            else:
                res = [analyzer.analyze(w)[0] for w in todo]
            with self.lock:
                if len(cache) > self.size:
                    cache.clear()
                for w, (toks, score) in zip(todo, res):
                    cache[w] = (score, any(t.oov for t in toks), any(t.tag == "NNP" for t in toks),
                                _no_one_word(toks))
        return {w: cache.get(w) or self.many(analyzer, [w])[w] for w in words}


def _no_one_word(toks) -> bool:
    """Whether Kiwi's reading of a candidate can be no single word. A noun, determiner or
    adverb after an ending: Kiwi reads two words run together
    (반영된비더 = 반영된 + 비 + 더), which no correction of one word may be. Nor may a
    reading with a verb or adjective stem right before a noun, with no ending between
    (떼원쓴데도 = 떼- + 원 + 쓰- + -ㄴ데도), which no Korean word is, nor one that Kiwi can
    only piece together from two one-syllable nouns in a row (되창찼다 = 되 + 창 + 차-)."""
    seen_ending = False
    for t in toks:
        if t.tag.startswith("E"):
            seen_ending = True
        elif seen_ending and (t.tag.startswith("N") or t.tag in ("MAG", "MM")):
            return True
    return any((b.tag.startswith("N") and a.tag.startswith(("VV", "VA", "VX")))
               or (_short_noun(a) and _short_noun(b)) for a, b in zip(toks, toks[1:]))


def _short_noun(t) -> bool:
    return t.tag in ("NNG", "NNB") and len(t.form) == 1


_probe = _Probe()
_typo_cache = LRU(50_000)


def _kiwi_typo_candidates(analyzer, word: str) -> tuple[str, ...]:
    """What Kiwi's typo model reads the word as, re-rendered (괴씸하다 → 괘씸하다)."""
    def make() -> tuple[str, ...]:
        try:
            cands = [analyzer.join([(t.form, t.tag) for t in toks])
                     for toks, _ in analyzer.analyze(word, top_n=2, typos="basic")
                     if any(t.typo_cost > 0 for t in toks)]
        except Exception:
            cands = []
        return tuple(c for c in cands if c and c != word and re.fullmatch(r"[가-힣]+", c))
    return _typo_cache.get_or(word, make)


def _eojeol(text: str, pos: int) -> tuple[int, int]:
    """The white-space delimited word around pos."""
    return word_bounds(text, pos)


def _reduplicated(word: str) -> bool:
    n = len(word)
    return any(word[i:i + k] == word[i + k:i + 2 * k] for k in range(1, n // 2 + 1) for i in range(n - 2 * k + 1))


@dataclass(slots=True)
class TypoCheck:
    confirm: float | None = None
    """Words Kiwi cannot read, corrected with Kiwi's own typo model and typo dictionary
    and with two swapped keystrokes (오나전 → 완전): flagged only when the correction is
    clearly better for Kiwi's language model, alone and in the sentence. `confirm`
    overrides the sentence margin."""

    EDITS: ClassVar[bool] = False     # more than swapped keys: dropped, doubled, near keys, sound-alike jamo
    FALLBACK: ClassVar[bool] = True   # where another rule flags the same word, that rule speaks
    MARGIN: ClassVar[float] = 10.0    # sentence score gain a correction must bring

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        toks = ctx.tokens
        # cheap first pass: common nouns (is one unknown? one cached look-up per distinct
        # form) and morphemes from Kiwi's typo dictionary; nothing else is looked at
        nouns = {t.form for t in toks if t.tag == "NNG" and t.oov}
        odd = [t for t in toks if (t.form, t.tag) in _RIGHT]
        if not nouns and not odd:
            return
        probe = _probe.many(ctx.analyzer, nouns)
        unknown = [t for t in toks if t.tag == "NNG" and t.oov and t.end > t.start and probe[t.form][1]]
        if not unknown and not odd:
            return
        text = ctx.text
        words: dict[tuple[int, int], list] = {}
        for t in unknown:
            words.setdefault(_eojeol(text, t.start), []).append(t)
        unknown_words = set(words)
        for t in odd:
            words.setdefault(_eojeol(text, t.start), [])
        names = None
        for (a, b), bad in sorted(words.items()):
            m = _CORE.match(text, a, b)   # Hangul only: Latin, digits, URLs, #tags, code are skipped
            if m is None:
                continue
            ca, cb = m.span(2)
            if ctx.is_masked(ca, cb) or any(t.start < ca or t.end > cb for t in bad):
                continue
            word = text[ca:cb]
            if bad:
                # names and titles: quoted or bracketed words, words next to a proper noun
                # or another unknown word (옥타비우스 투리누스), a word before a title (최충국 씨)
                if len(word) > _MAX_SYLLABLES or _reduplicated(word) or m.group(1):
                    continue
                if names is None:
                    names = {_eojeol(text, t.start) for t in toks if t.tag == "NNP"} | unknown_words
                prev, nxt = word_before(text, a), word_after(text, b)
                if (a, b) in names and any(t.tag == "NNP" for t in toks if a <= t.start < b):
                    continue
                if prev in names or nxt in names:
                    continue
                if nxt and _TITLE_NEXT.match(text, *nxt):
                    continue
                # an unknown root before -거리다/-대다 is a sound or motion word (차르럭거리다)
                if _MIMETIC.match(text, max(t.end for t in bad), cb) \
                        or any(t.form.endswith(("거리", "대")) for t in bad):
                    continue
                if _H_IRREGULAR_E.search(word):
                    continue
                best = self._correct(ctx, word, ca, bad)
            else:
                best = self._retag(ctx, word, ca, cb)
            if best:
                yield Hit(rule.index, ca, cb, tuple(best), rule.format_message(word, best[0]), rule.explanation)

    def _retag(self, ctx, word: str, ca: int, cb: int) -> list[str] | None:
        """A morpheme of Kiwi's typo dictionary (먹엇다): render the word with the right
        morpheme; the rendering must differ from the text in that one syllable only."""
        group = [t for t in ctx.tokens if ca <= t.start and t.end <= cb]
        morphs = [(_RIGHT.get((t.form, t.tag), t.form), t.xtag) for t in group]
        try:
            fixed = ctx.analyzer.join(morphs).replace(" ", "")
        except Exception:
            return None
        if len(fixed) != len(word) or sum(x != y for x, y in zip(fixed, word)) != 1:
            return None
        return _confirm(ctx, word, ca, [fixed], _ODD_GAIN)

    def _correct(self, ctx, word: str, ca: int, bad) -> list[str] | None:
        lo = max(0, min(t.start for t in bad) - ca)
        hi = min(len(word), max(t.end for t in bad) - ca)
        key = (word, lo, hi, self.EDITS)
        cands = _ranked.get(key)
        if cands is None:
            cands = _rank(ctx.analyzer, word, range(lo, hi), self.EDITS)
            if len(_ranked) > 50_000:
                _ranked.clear()
            _ranked[key] = cands
        if not cands:
            return None
        margin = self.confirm if self.confirm is not None else self.MARGIN
        return _confirm(ctx, word, ca, list(cands), margin)


_ranked: dict[tuple, tuple[str, ...]] = {}   # the word-level work, per word (names recur)


def _rank(analyzer, word: str, positions: range, full: bool) -> tuple[str, ...]:
    """Up to five candidates Kiwi reads as known words that score far better than the
    word, best first; none if one of them is a mere variant of the word."""
    cands = set(_kiwi_typo_candidates(analyzer, word)) | _edits(word, positions, full)
    if not cands:
        return ()
    res = _probe.many(analyzer, [word, *cands])
    base = res[word][0]
    wj = decompose(word)
    good = []
    for c in cands:
        score, oov, nnp, split = res[c]
        if oov or nnp or split or score - base < _WORD_GAIN:
            continue
        if _variant(word, c):
            return ()   # a spelling variant of a known word, not a slip
        # Kiwi's score stands in for word frequency; fewer jamo changed is likelier
        good.append((score - base - 2.0 * Levenshtein.distance(wj, decompose(c)), c))
    good.sort(reverse=True)
    return tuple(c for _, c in good[:5])


@dataclass(slots=True)
class TypoEditsCheck(TypoCheck):
    """TypoCheck, and candidates from more keyboard slips (a key dropped, doubled or hit
    next to the right one) and sound-alike jamo: finds more (입학핬다 → 입학했다, 낙뇌 →
    낙뢰) but also takes rare old or dialect words for typos (about 1 per 10,000
    characters of 1930s fiction), so it is opt-in."""

    EDITS: ClassVar[bool] = True


def _confirm(ctx, word: str, ca: int, cands: list[str], margin: float) -> list[str] | None:
    """The best candidate, if it makes the sentence read better by `margin` and clearly
    better than the next one (직열: 직렬? 직영? 지열? — no guess)."""
    analyzer = ctx.analyzer
    text = ctx.text
    a, b = sentence_bounds(text, ca, ca + len(word))
    before = analyzer.score(text[a:b])
    scored = sorted(((analyzer.score(text[a:ca] + c + text[ca + len(word):b]) - before, c) for c in cands),
                    reverse=True)
    if not scored or scored[0][0] < margin:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < _AMBIGUOUS:
        return None
    return [scored[0][1]]


# ---------------------------------------------------------------- ㅆ typed as ㅅ
_SHIFT_WORD_GAIN = 6.0   # the word with ㅆ, alone, must score this much better
_SHIFT_MARGIN = 6.0      # and the sentence must read this much better with it
_SHIFT_FUSED_GAIN = 3.0  # enough when the ㅆ fuses a stem with the syllable before (맛있다),
_SHIFT_FUSED_MARGIN = 2.0  # and then this for the sentence
_SHIFT_T, _SS_T = 19, 20  # final ㅅ, final ㅆ (index in _T)
_shift_cache = LRU(50_000)


# vowels of the syllables a double final ㅆ usually closes: a stem fused with -었-/-았-
# (갔, 섰, 렸, 봤, 줬, 했, 됐) and 겠; 잇 (있) and 됫 (됐) are the others. 것 is too common
# to try (겄 is dialect).
_SHIFT_VOWELS = {0, 1, 4, 5, 6, 9, 10, 14}   # ㅏ ㅐ ㅓ ㅔ ㅕ ㅘ ㅙ ㅝ


def _shift_suspect(ch: str) -> bool:
    if not "가" <= ch <= "힣" or (ord(ch) - SBASE) % 28 != _SHIFT_T:
        return False
    return ch in "잇됫" or (ch != "것" and (ord(ch) - SBASE) % 588 // 28 in _SHIFT_VOWELS)


def shift_candidate(analyzer, word: str) -> tuple[str, float] | None:
    """The word with one final ㅅ typed as it should have been, ㅆ (잇어 → 있어, 맛잇는 →
    맛있는, 알앗어 → 알았어; 됫 → 됐), when Kiwi reads that as known words scoring far
    better than the word as written, with the margin the sentence must then gain; None
    otherwise. Cached per word."""
    def make() -> tuple[str, float] | None:
        cands = []
        for i, ch in enumerate(word):
            if _shift_suspect(ch) and word[i:i + 2] != "렷다":   # the old ending -렷다 (하렷다)
                fixed = "됐" if ch == "됫" else chr(ord(ch) + _SS_T - _SHIFT_T)
                cands.append(word[:i] + fixed + word[i + 1:])
        if not cands:
            return None
        res = _probe.many(analyzer, [word, *cands])
        base = res[word][0]
        scored = [(res[c][0] - base, c) for c in cands if not res[c][1] and not res[c][2]]
        best = max(scored, default=None)
        if best is None or best[0] < _SHIFT_FUSED_GAIN:
            return None
        if best[0] >= _SHIFT_WORD_GAIN:
            return best[1], _SHIFT_MARGIN
        if _fused_stem(analyzer, word, best[1]):
            return best[1], _SHIFT_FUSED_MARGIN
        return None
    return _shift_cache.get_or(word, make)


def _fused_stem(analyzer, word: str, cand: str) -> bool:
    """Whether the ㅆ makes one predicate stem of the syllable and the one before it
    (맛잇는데 → 맛있는데: 맛 + 잇다 becomes the adjective 맛있다)."""
    p = next(i for i, (x, y) in enumerate(zip(word, cand)) if x != y)
    toks = analyzer.analyze(cand)[0][0]
    return any(t.tag in ("VA", "VV") and t.start < p < t.end and len(t.form) >= 2 for t in toks)


def _object_before(toks, pos: int) -> bool:
    """Whether the word before `pos` ends in an object particle (을/를)."""
    prev = next((t for t in reversed(toks) if t.end <= pos), None)
    return prev is not None and prev.tag == "JKO"


def shift_fix(ctx, word: str, ca: int, margin: float | None = None) -> list[str] | None:
    """[the word with ㅆ] if `shift_candidate` has one and the sentence at `ca` reads
    clearly better with it. 잇 after an object stays: 있다 takes none, so 줄을 잇었다 is
    잇다 'join' misconjugated (grammar.conjugation)."""
    found = shift_candidate(ctx.analyzer, word)
    if found is None:
        return None
    cand, need = found
    if "잇" in word and "있" in cand and _object_before(ctx.tokens, ca):
        return None
    return _confirm(ctx, word, ca, [cand], need if margin is None else margin)


@dataclass(slots=True)
class ShiftTypoCheck:
    """ㅆ typed as ㅅ: the shift key missed on a double final (잇어, 됫어, 좋앗다). The word
    with ㅆ must read far better alone and in its sentence; a word Kiwi reads as a name,
    quoted words and words with Latin letters or digits are left alone."""

    confirm: float | None = None

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        text = ctx.text
        if not any(_shift_suspect(ch) for ch in text):
            return
        toks = ctx.tokens
        names = [(t.start, t.end) for t in toks if t.tag == "NNP"]
        for w in re.finditer(r"\S+", text):
            m = _CORE.match(text, *w.span())
            if m is None or m.group(1):
                continue
            ca, cb = m.span(2)
            word = text[ca:cb]
            if not any(_shift_suspect(ch) for ch in word) or len(word) > _MAX_SYLLABLES:
                continue
            if ctx.is_masked(ca, cb) or any(s < cb and ca < e for s, e in names):
                continue
            best = shift_fix(ctx, word, ca, self.confirm)
            if best:
                yield Hit(rule.index, ca, cb, tuple(best), rule.format_message(word, best[0]), rule.explanation)
