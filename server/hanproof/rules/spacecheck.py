"""Missing spaces between words, with Kiwi.space() as the candidate generator (issue #5):
the `kiwi-space` `[[check]]` (lexicon/spacing-general.toml).

On correct text Kiwi.space() changes about half of all sentences (mostly compounds and
auxiliary verbs written together, which 한글 맞춤법 제47–50항 allow), so it is never the
verdict by itself. A place is flagged only when all of this holds:

1. Cheap trigger, from the tokens the engine already has: inside one word of Hangul
   only (no Latin, digits, symbols, masked text, proper nouns or words Kiwi guessed), an
   adverb (MAG), a pronoun of two syllables or more (NP) or an adjective in -게 is
   attached to a verb or adjective (VV, VA) or to a noun that takes -하다 (NNG +
   XSV/XSA): 같이가자, 열심히공부했다, 여기앉아, 늦게잤더니. Left alone: stems that form
   many words with an adverb (하다, 되다, 시키다, 당하다, 나다, 살다, 잡다, 생기다, 있다,
   없다 …) and the -거리다/-대다 of sound and motion words (얼른거리다, 나풀대다); adverbs
   that are prefixes or parts of compounds (내리-, 휘-, 가로-, 마주-, 바로-) and the negation
   and degree adverbs the pattern rules already judge (안, 못, 잘, 더, 좀); one-syllable
   adverbs except a few common ones (왜, 참, 꼭, 푹 …); verbs made nouns with -기/-음
   (바로가기, 다시보기); words shorter than three syllables.
2. Kiwi.space() on the sentence (once per sentence, cached) inserts a space right there.
3. The word, read alone, has no reading among Kiwi's best ones with one stem across the
   place (잘살다, 바로잡다, 가만있다, 마주보다 are words), nor does its dictionary form.
4. Re-analysis: the sentence with the space reads as the same morphemes.

There is no language-model margin: Kiwi scores morphemes, not blanks, so a sentence and
the same sentence with a blank inserted score exactly the same whenever point 4 holds.
For the same reason `confirm` must stay unset (the registry's confirmation would see a
gain of 0 and drop every hit). The opt-in `kiwi-space-particle` also takes a particle
after a noun as the left side (내가먹었어, 생각보다어렵다).

Only insertions are flagged; stray spaces inside a word are left to the pattern rules.
The hit covers the two morphemes with the fix "left right", the same span and fix as the
pattern rule spacing.adverb-verb gives, so the engine keeps one finding where both fire.
"""
# hanproof-disable-file spacing -- this module quotes missing spaces on purpose
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Iterator

from ..analysis import LRU
from . import Hit, Rule
from ..textindex import word_bounds
from .matchers import sentence_bounds

_WORD_MARGIN = 5.0   # a one-stem reading of the joined word this close to the best: a word
_PARTICLES = ("JKS", "JKO", "JKB", "JX")
_NOMINAL = ("NNG", "NP", "NNB")
_PRED = ("VV", "VA")
# stems that join adverbs into words of their own far too often (잘하다, 안되다, 잘나다,
# 잘살다, 바로잡다, 다시없다, 가만있다, 못지않다 …); the existing pattern rules cover the rest
_STEMS = frozenset("하 되 시키 당하 나 살 잡 없 있 생기 빠지 나가 말 지 않 못하 받 드리 주 가지 내 들 오르 내리 보이 "
                   "지나 넘 서 두 놓 이 아니 같 거리 대 일 세 차 치 이르 비".split())
# adverbs that are also prefixes, nouns or parts of many compounds (가만있다, 마주치다, 막가다)
_ADVERBS = frozenset("안 못 잘 다 더 덜 막 가만 마주 도로 그만 바로 앞서 뒤 곧 또 좀 제일 "
                     "이리 그리 저리 요리 조리 어찌 어떻게 이렇게 그렇게 저렇게 아니 "
                     "내리 치 휘 들이 가로 세로 넘 즉 한참 가득 마구".split())
# one-syllable adverbs are often the first part of a compound verb or a sound word (통틀다,
# 쪽 빠지다, 휘감다): only these common ones are taken
_SHORT = frozenset("왜 참 꼭 푹 늘 꽤 퍽 쭉".split())
_CORE = re.compile(r"[\"'“‘(\[「『《〈<]*([가-힣]+)[.,!?…:;\"'”’)\]」』》〉>~]*$")


_spaced = LRU(50_000)   # sentence → offsets where Kiwi.space() inserts a blank
_words = LRU(50_000)    # (word, offset) → whether a one-stem reading spans the offset


def _insertions(analyzer, sentence: str) -> frozenset[int]:
    """Offsets in `sentence` before which Kiwi.space() puts a blank (insertions only)."""
    def make():
        try:
            out = analyzer.space(sentence)
        except Exception:
            return frozenset()
        pos, i = set(), 0
        for ch in out:
            if i < len(sentence) and ch == sentence[i]:
                i += 1
            elif ch.isspace():
                pos.add(i)
            else:
                return frozenset()   # not a pure insertion: nothing to trust
        return frozenset(pos) if i == len(sentence) else frozenset()
    return _spaced.get_or(sentence, make)


def _one_word(analyzer, word: str, gap: int) -> bool:
    """Kiwi, reading `word` alone, finds among its best readings one whose stem or noun runs
    across offset `gap` (잘살다: 잘살/VV; 마주보다: 마주보/VV), close to the best score."""
    def make():
        res = analyzer.analyze(word, top_n=5)
        if not res:
            return False
        best = res[0][1]
        for toks, score in res:
            if best - score > _WORD_MARGIN:
                break
            if any(t.start < gap < t.end and t.tag[:1] in "NVMX" for t in toks):
                return True
        return False
    return _words.get_or((word, gap), make)


def _same_reading(analyzer, before: str, after: str) -> bool:
    a = [(t.form, t.tag) for t in analyzer.tokenize(before)]
    b = [(t.form, t.tag) for t in analyzer.tokenize(after)]
    return a == b


@dataclass(slots=True)
class KiwiSpaceCheck:
    confirm: float | None = None
    """An adverb, a pronoun or an adjective in -게 written together with the verb after it
    (같이가자 → 같이 가자, 여기앉아 → 여기 앉아, 늦게잤다 → 늦게 잤다): Kiwi.space()
    proposes the blank, and the re-analysis and the word read alone must agree (see the
    module). `confirm` is accepted like every check's but must stay unset."""

    LEFT: ClassVar[tuple[str, ...]] = ("MAG", "NP", "EC")

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        toks = ctx.tokens
        text = ctx.text
        n = len(toks)
        lefts = self.LEFT
        for i in range(n - 1):
            left, right = toks[i], toks[i + 1]
            if left.tag not in lefts or left.end != right.start or left.end <= left.start:
                continue
            p = left.end
            if right.tag in _PRED:
                if right.form in _STEMS:
                    continue
                nxt = toks[i + 2] if i + 2 < n else None
                if nxt is not None and nxt.tag == "ETN":   # 바로가기, 다시보기, 미리보기
                    continue
            elif right.tag == "NNG":
                nxt = toks[i + 2] if i + 2 < n else None
                if nxt is None or nxt.tag not in ("XSV", "XSA") or nxt.start != right.end:
                    continue
            else:
                continue
            if text[left.start:p] != left.form:
                continue
            if left.tag == "MAG":
                if left.form in _ADVERBS or (len(left.form) == 1 and left.form not in _SHORT):
                    continue
                head = left
            elif left.tag == "NP":
                if len(left.form) < 2:
                    continue
                head = left
            elif left.tag == "EC":
                if left.form != "게" or i == 0 or toks[i - 1].tag != "VA" or toks[i - 1].end < left.start:
                    continue
                head = toks[i - 1]
            elif i == 0 or toks[i - 1].tag not in _NOMINAL or toks[i - 1].end != left.start:
                continue
            else:
                head = toks[i - 1]
            # the whole word: Hangul only, no name, no guessed word, nothing masked
            a, b = word_bounds(text, left.start, p)
            m = _CORE.match(text, a, b)
            if m is None:
                continue
            ca, cb = m.span(1)
            if ca != head.start or ctx.is_masked(a, b):
                continue
            word = [t for t in toks if t.start < cb and t.end > ca]
            if any(t.tag in ("NNP", "SL", "SN", "SH") or t.oov for t in word):
                continue
            if len(text[p:cb]) < 1 or len(text[ca:cb]) < 3:
                continue
            s0, s1 = sentence_bounds(text, ca, cb)
            sentence = text[s0:s1]
            analyzer = ctx.analyzer
            if p - s0 not in _insertions(analyzer, sentence):
                continue
            core = text[ca:cb]
            if _one_word(analyzer, core, p - ca):
                continue
            if left.tag == "MAG" and right.tag in _PRED and _one_word(analyzer, left.form + right.form + "다", len(left.form)):
                continue
            spaced = sentence[:p - s0] + " " + sentence[p - s0:]
            if not _same_reading(analyzer, sentence.strip(), spaced.strip()):
                continue
            end = max(right.end, p + 1)
            start = head.start if left.tag == "EC" else left.start   # 늦게잤 → 늦게 잤
            surface = text[start:end]
            fix = text[start:p] + " " + text[p:end]
            yield Hit(rule.index, start, end, (fix,), rule.format_message(surface, fix), rule.explanation)


@dataclass(slots=True)
class KiwiSpaceParticleCheck(KiwiSpaceCheck):
    """KiwiSpaceCheck, and also a particle after a noun written together with the verb
    after it (내가먹었어 → 내가 먹었어, 생각보다어렵다 → 생각보다 어렵다). Finds real slips in
    news (이를위해, 허점을노리고) but also misreads old compound verbs (들이쌓다), so it is
    opt-in."""

    LEFT: ClassVar[tuple[str, ...]] = KiwiSpaceCheck.LEFT + _PARTICLES
