"""Missing spaces between words, with Kiwi.space() as the candidate generator (issue #5):
the `kiwi-space` `[[check]]` (lexicon/spacing-general.toml).

On correct text Kiwi.space() changes about half of all sentences (mostly compounds and
auxiliary verbs written together, which 한글 맞춤법 제47–50항 allow), so it is never the
verdict by itself. A place is flagged only when all of this holds:

1. Cheap trigger, from the tokens the engine already has: inside one word of Hangul
   only (no Latin, digits, symbols, masked text, proper nouns or words Kiwi guessed), an
   adverb (MAG), a pronoun of two syllables or more (NP) or an adjective in -게 is
   attached to a verb or adjective (VV, VA) or to a noun that takes -하다 (NNG +
   XSV/XSA): 같이가자, 열심히공부했다, 여기앉아, 늦게잤더니; or such a pronoun attached
   to an adverb or another pronoun (이거진짜, 너어디야; not 그것참); or a verb, noun,
   pronoun, determiner or adverb after a connective ending the lexicon lists (가서봐,
   끝나면연락해, 몰라서편의점); or a noun of two syllables or more after a verb's or an
   adjective's modifier (어제본영화, 발표할자료, 많은도움; an adjective's modifier makes many
   compounds, 검은자위, 큰집, so there any of the word's five best readings that is one noun
   leaves it, at point 3); or any adverb, determiner, pronoun or noun after one of the
   adverbs the lexicon lists (너무많이, 아직옷도), and such an adverb after a noun (날씨너무);
   or a bound noun after a modifier, determiner or number before a verb or adjective
   (줄알았어, 적있어; not 척, 듯, 만 … before 하다, which may be written together). Left
   alone: the words the lexicon lists in `joined_words` (놀고먹다); stems that form
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
gain of 0 and drop every hit). `kiwi-space-particle` (on by default) takes a particle as
the left side and any word after it (내가먹었어, 학생들에게과제, 음식을잘), with the
exclusions its class lists; `kiwi-space-object`
(on by default) takes a noun before one of the verbs the lexicon lists (밥먹고, 수업끝나면).

The hit covers the two morphemes with the fix "left right", the same span and fix as the
pattern rule spacing.adverb-verb gives, so the engine keeps one finding where both fire.

The `kiwi-join` check (KiwiJoinCheck, at the end) does the reverse: a stray blank inside a
word before a particle, an ending, the copula or the suffixes -들/-님 (친구 들이, 쉬웠 다,
선생 님이). Its hit has the same shape as the pattern rules' (spacing.stem-ending-detached,
particle-detached-sure, copula-detached): the two morphemes, the blank removed.
"""
# hanproof-disable-file spacing, grammar.gwa-wa, grammar.b-irregular -- this module quotes missing spaces, misspelt particles and old -롭다 spellings on purpose
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Iterator

from ..analysis import LRU
from . import Hit, Rule
from ..hangul import final_index
from ..textindex import word_before, word_bounds
from .matchers import sentence_bounds

_COMPOUND_MARGIN = 1e9
_WORD_MARGIN = 5.0   # a one-stem reading of the joined word this close to the best: a word
# the particles kiwi-space-particle takes as the left side, and what they may follow
_PARTICLES = ("JKS", "JKO", "JKB", "JKG", "JC", "JX")
_PARTICLE_HOST = ("NNG", "NP", "NNB", "XSN", "NR")
# the particle 이 is also the copula (군인이노라) and the end of prefixes and old compound
# verbs (들이쌓다, 들이켜다): only after a noun of two syllables or more, not before 나
# (the particle 이나) or the old copula endings
_AMBIGUOUS_PARTICLES = frozenset({"이"})
# one-syllable words that are also particles or endings: Kiwi reads 요번만은 as 만 + 은 (a
# noun) and 저는요 as 는 + 요 (a determiner)
_PARTICLE_LIKE = frozenset("은 는 이 가 을 를 요 도 만 의 에 와 과 로 나 야 여 아 죠 지 네 다 게 고 며 서 랑 들".split())
# and 한, which after an adverb is mostly 하다's modifier misread as a determiner (뭉글뭉글한)
_PARTICLE_LIKE_OR_HAN = _PARTICLE_LIKE | {"한"}
_COPULA_ENDINGS = ("노라", "로다", "니라", "도다", "올시다", "로구나", "라")
_PRED = ("VV", "VA")
_VERB_STEMS = ("VV", "XSV")
_PRED_STEMS = _VERB_STEMS + ("VA", "XSA")
# and the auxiliaries and the copulas: what an ending can close
_ENDING_HOSTS = _PRED_STEMS + ("VX", "VCP", "VCN")
_AUX_BOUND_NOUNS = frozenset("척 체 듯 만 법 뻔 성 양 수 듯이".split())
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


def _left_alone_adverb(form: str) -> bool:
    """An adverb the kiwi-space checks leave alone on either side of the blank: one of
    _ADVERBS, or of one syllable and not in _SHORT (the particle check takes the ones its
    `adverbs` list names all the same)."""
    return form in _ADVERBS or (len(form) == 1 and form not in _SHORT)


# one-syllable pronouns that start no verb (나 starts 나가다, 나오다, 나서다 …)
_SHORT_NP = frozenset("뭐 너".split())
_OPENING = "\"'“‘(「『《〈<["
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
        return _blank_insertions(sentence, out) or frozenset()
    return _spaced.get_or(sentence, make)


def _blank_insertions(src: str, out: str) -> frozenset[int] | None:
    """Where `out` inserts a blank into `src` (the offsets in src it comes before); None
    when it changes anything but blanks. Blanks of `src` that `out` drops are passed over:
    Kiwi.space() with reset_whitespace=False still drops blanks it finds wrong (피곤 했어요
    → 피곤했어요)."""
    ins = set()
    i = j = 0
    while i < len(src) or j < len(out):
        if i < len(src) and j < len(out) and src[i] == out[j]:
            i += 1
            j += 1
        elif j < len(out) and out[j].isspace():
            ins.add(i)
            j += 1
        elif i < len(src) and src[i].isspace():
            i += 1
        else:
            return None
    return frozenset(ins)


def _one_word(analyzer, word: str, gap: int, margin: float = _WORD_MARGIN) -> bool:
    """Kiwi, reading `word` alone, finds among its best readings one whose stem or noun runs
    across offset `gap` (잘살다: 잘살/VV; 마주보다: 마주보/VV), within `margin` of the best
    score."""
    def make():
        res = analyzer.analyze(word, top_n=5)
        if not res:
            return False
        best = res[0][1]
        for toks, score in res:
            if best - score > margin:
                break
            if any(t.start < gap < t.end and t.tag[:1] in "NVMX" for t in toks):
                return True
        return False
    return _words.get_or((word, gap, margin), make)


def _same_reading(analyzer, before: str, after: str) -> bool:
    a = [(t.form, t.tag) for t in analyzer.tokenize(before)]
    b = [(t.form, t.tag) for t in analyzer.tokenize(after)]
    return a == b


def _made_noun(toks, k: int) -> bool:
    """The verb toks[k] is made a noun with -기/-음 (바로가기, 다시보기: names of menus)."""
    return k + 1 < len(toks) and toks[k + 1].tag == "ETN"


@lru_cache(maxsize=8)
def _prefixes(words: frozenset) -> tuple[str, ...]:
    """A word list as the tuple str.startswith takes, built once per list."""
    return tuple(words)


@dataclass(slots=True)
class KiwiSpaceCheck:
    confirm: float | None = None
    """An adverb, a pronoun or an adjective in -게 written together with the verb after it
    (같이가자 → 같이 가자, 여기앉아 → 여기 앉아, 늦게잤다 → 늦게 잤다): Kiwi.space()
    proposes the blank, and the re-analysis and the word read alone must agree (see the
    module). `confirm` is accepted like every check's but must stay unset."""

    LEFT: ClassVar[tuple[str, ...]] = ("MAG", "NP", "EC")
    endings: frozenset = frozenset()
    """Connective endings (Kiwi forms) after which a verb written together is taken too
    (가서봐 → 가서 봐, 끝나면연락해 → 끝나면 연락해), and a noun, pronoun, determiner or
    adverb (몰라서편의점 → 몰라서 편의점): the lexicon lists them."""
    standalone_adverbs: frozenset = frozenset()
    """Adverbs (너무, 아주, 훨씬, 벌써) taken before another adverb, a determiner, a
    pronoun or a noun too: they never form one word with the word after them."""
    endings_before_hada: frozenset = frozenset()
    """Connective endings after which 하다 written together is taken (하려고했는데, 오라고했는데:
    -려고 하다, -라고 하다 are two words); 하다 is left out after the other endings."""
    endings_before_nouns: frozenset = frozenset()
    """Connective endings taken only before a noun, pronoun, determiner or adverb (-고: 잘하고
    성격도; before a verb it makes compound verbs such as 놀고먹다)."""
    joined_words: frozenset = frozenset()
    """The starts of words the dictionary lists that join a connective ending and a verb
    (놀고먹다, 갈고닦다, 물고늘어지다) or two adverbs (오늘내일하다) but that Kiwi does not
    know: left alone."""

    @staticmethod
    def _predicate_start(toks, i: int) -> int:
        """The first morpheme of the predicate the ending toks[i] closes: back over its stem,
        pre-final endings and a noun before -하다 (먹었는데, 공부해서, 도입한)."""
        k = i - 1
        # adjacent, or fused into one syllable (화났: 화나 + 었)
        while k > 0 and toks[k - 1].end >= toks[k].start \
                and not toks[k - 1].tag.startswith(("J", "M", "S")) \
                and (not toks[k - 1].tag.startswith("E") or toks[k - 1].tag == "EP"):
            k -= 1
        return k

    def _head(self, toks, i: int, text: str):
        """The start of the left word when toks[i] and toks[i + 1] are a pair this check
        takes (the module's point 1), else None."""
        left, right = toks[i], toks[i + 1]
        n = len(toks)
        if left.tag == "ETM":
            # a verb's or an adjective's modifier before a noun of two syllables or more
            # (어제본영화, 듣는노래, 발표할자료, 많은도움); a one-syllable noun (죽을죄, 죽을힘,
            # 볼일) makes compounds
            if right.tag != "NNG" or len(right.form) < 2 or i == 0 or toks[i - 1].end < left.start:
                return None
            k = self._predicate_start(toks, i)
            if not any(t.tag in _PRED_STEMS for t in toks[k:i]):
                return None
            # a one-syllable verb fused with -ㄴ/-ㄹ is often the start of another word that
            # Kiwi misreads (본남편, 할아범); a title in quotes is a name ('열린세상')
            if left.end - toks[k].start < 2 or (toks[k].start > 0 and text[toks[k].start - 1] in _OPENING):
                return None
            return toks[k]
        if left.tag == "NNB" and right.tag in _PRED:
            # a bound noun before a verb or adjective (줄알았어, 적있어, 바있다, 대로했는데,
            # 거같아, 한 권있다); not the bound nouns that make auxiliaries with 하다/싶다, which may be
            # written together (척하다, 듯하다, 만하다: 제47항), nor 수, which the pattern
            # rules take with the modifier before it (할수있다)
            if left.form in _AUX_BOUND_NOUNS:
                return None
            # 채하다 is 체하다 misspelt (spelling.che-hada), not a blank left out
            if left.form == "채" and right.form == "하":
                return None
            # and only after what a bound noun follows (a modifier, a determiner or a
            # number): 데생기다 (be ill-formed) is a word
            if i == 0 or toks[i - 1].tag not in ("ETM", "MM", "NR", "SN"):
                return None
            return left
        if left.tag == "NNG" and right.tag == "MAG" and right.form in self.standalone_adverbs:
            # a noun of two syllables or more before such an adverb (날씨너무, 영화진짜,
            # 월급벌써), its particle left out; not 같이, after a noun the particle (동생같이)
            if len(left.form) < 2 or right.form == "같이":
                return None
            return left
        if left.tag not in self.LEFT:
            return None
        if right.tag in _PRED:
            if right.form in _STEMS and not (left.tag == "EC" and right.form == "하" and left.form in self.endings_before_hada):
                return None
            if _made_noun(toks, i + 1):
                return None
            # 이래/이랬 after a word ending in a consonant is the copula with hearsay -래
            # (닭은 후다닥이래 'is called 후다닥'), which Kiwi reads as 이렇다
            if right.form == "이렇" and text.startswith(("이래", "이랬"), right.start) \
                    and final_index(text[right.start - 1]) > 0:
                return None
        elif right.tag in ("MAG", "NP") and left.tag == "NP":
            # a pronoun before an adverb or a pronoun (이거진짜, 너어디야); not the
            # interjection 그것참, not a repeated word
            if right.form in _ADVERBS or right.form == "참" or right.form == left.form \
                    or (len(right.form) == 1 and right.form not in _SHORT and right.form not in _SHORT_NP):
                return None
        elif left.tag == "MAG" and right.tag in ("MAG", "MM", "NP", "NNG") and left.form in self.standalone_adverbs:
            # such an adverb before another adverb, a determiner, a pronoun or a noun
            # (너무많이, 아주오래된 → 아주 오래된, 훨씬더, 아직옷도); not a word repeated
            # (너무너무)
            if right.form == left.form or (len(right.form) == 1 and right.form in _PARTICLE_LIKE_OR_HAN):
                return None
        elif left.tag == "EC" and right.tag in ("NNG", "NP", "MM", "MAG"):
            # a connective ending before a noun, pronoun, determiner or adverb (몰라서편의점,
            # 오는데우산, 와서그런지): not a one-syllable word that is also a particle or an
            # ending (하고들), not the adverbs left out above
            if len(right.form) == 1 and right.form in _PARTICLE_LIKE:
                return None
            if right.tag == "MAG" and _left_alone_adverb(right.form):
                return None
        elif right.tag == "NNG":
            nxt = toks[i + 2] if i + 2 < n else None
            if nxt is None or nxt.tag not in ("XSV", "XSA") or nxt.start != right.end:
                return None
        else:
            return None
        if left.tag == "MAG":
            if _left_alone_adverb(left.form):
                return None
            return left
        if left.tag == "NP":
            if len(left.form) < 2 and left.form not in _SHORT_NP:
                return None
            return left
        if left.tag == "EC":
            if i == 0 or toks[i - 1].end < left.start:
                return None
            if left.form == "게" and toks[i - 1].tag == "VA":
                return toks[i - 1]
            if left.form not in self.endings and not (right.tag not in _PRED and left.form in self.endings_before_nouns):
                return None
            k = self._predicate_start(toks, i)
            # an ending right after a bare noun is a misreading of the noun and a particle
            # (스케줄러가 read as 스케줄 + -러 + 가다), not a blank left out
            if not any(t.tag in _ENDING_HOSTS for t in toks[k:i]):
                return None
            return toks[k]
        return None

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        toks = ctx.tokens
        text = ctx.text
        for i in range(len(toks) - 1):
            left, right = toks[i], toks[i + 1]
            p = left.end
            if p != right.start or p <= left.start:
                continue
            # the left morpheme as written (an ending may have lost its vowel: 가서 = 가 +
            # 어서; a modifier ending may be the final of the stem's syllable: 본 = 보 + ㄴ),
            # so the blank goes right after it
            if text[left.start:p] != left.form and not (left.tag == "EC" and text[p - 1] == left.form[-1]) \
                    and not (left.tag == "ETM" and left.form in ("ᆫ", "ᆯ") and p - left.start == 1):
                continue
            head = self._head(toks, i, text)
            if head is None:
                continue
            h = toks.index(head)
            if self.joined_words and "".join(t.form for t in toks[h:i + 2]).startswith(_prefixes(self.joined_words)):
                continue
            adjective_modifier = left.tag == "ETM" and not any(t.tag in _VERB_STEMS for t in toks[h:i])
            # the whole word: Hangul only, no name, no guessed word, nothing masked
            a, b = word_bounds(text, left.start, p)
            m = _CORE.match(text, a, b)
            if m is None:
                continue
            ca, cb = m.span(1)
            if ctx.is_masked(a, b):
                continue
            if ca != head.start:
                # inside a longer word only where the morpheme before ends a word of its own
                # (a particle, an ending or an adverb: 나지금집에가는 → 집에 가는)
                k = toks.index(head) if head in toks else -1
                before = toks[k - 1] if k > 0 else None
                if before is None or before.end != head.start or before.start < ca \
                        or not (before.tag.startswith(("J", "E")) or before.tag == "MAG"):
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
            # an adjective's modifier makes many compound nouns (검은자위, 큰집, 작은아버지):
            # any of the whole word's five best readings that is one noun there leaves it
            if _one_word(analyzer, core, p - ca, _COMPOUND_MARGIN if adjective_modifier else _WORD_MARGIN):
                continue
            if left.tag == "MAG" and right.tag in _PRED and _one_word(analyzer, left.form + right.form + "다", len(left.form)):
                continue
            spaced = sentence[:p - s0] + " " + sentence[p - s0:]
            if not _same_reading(analyzer, sentence.strip(), spaced.strip()):
                continue
            end = max(right.end, p + 1)
            # 늦게잤 → 늦게 잤; a modifier from its own syllable, as spacing.modifier-noun marks
            # it (좋은사람 → 은 사람, 본영화 → 본 영화), so that an adverb's hit before the stem
            # (진짜좋은사람: 진짜 좋) does not overlap it
            start = head.start if left.tag == "EC" else left.start
            surface = text[start:end]
            fix = text[start:p] + " " + text[p:end]
            yield Hit(rule.index, start, end, (fix,), rule.format_message(surface, fix), rule.explanation)


@dataclass(slots=True)
class KiwiSpaceParticleCheck(KiwiSpaceCheck):
    """A particle written together with the word after it (내가먹었어 → 내가 먹었어,
    학생들에게과제 → 학생들에게 과제, 바다보다는계곡으로 → 바다보다는 계곡으로, 음식을잘 →
    음식을 잘): the left side is the last of one or more particles after a noun, a pronoun,
    a bound noun or a noun suffix (the blank goes after the last particle); the right side
    a verb or adjective, a noun, an adverb, a determiner or a pronoun. Confirmed like every
    kiwi-space hit (Kiwi.space() puts the blank there, the joined word is no word of its
    own, the spaced sentence reads the same). Left alone, because Kiwi then often misreads
    a word as noun + particle:

    - stems that join adverbs into words (`_STEMS`) unless the lexicon lists them in
      `stems` (있다, 되다, 같다 … after a particle are always words of their own); 하다
      only after 을/를 and the particles 은/는/도/만 (위로하다 is no 위 + 로 + 하다);
    - the adverbs `_ADVERBS` and one-syllable adverbs, unless listed in `adverbs` (안, 못,
      잘 after a particle);
    - a right side of one syllable that is also a particle or an ending (요번만은, 저는요),
      a noun of one syllable after 의 (닭의똥 is a compound), and a noun or determiner of
      one syllable that ends the word after 은/는/을/를, which are also endings (기우는군);
    - the particle 이 after a noun of one syllable (들이쌓다), before 나 (이나) and before
      the old copula endings (군인이노라)."""

    LEFT: ClassVar[tuple[str, ...]] = _PARTICLES
    stems: frozenset = frozenset()
    adverbs: frozenset = frozenset()
    right_tags: frozenset = frozenset()
    """The tags the word after the particle may have (VV, VA, NNG, MAG, MM, NP); empty: all
    of them. The lexicon splits the check in two: before a noun, adverb, determiner or
    pronoun (on by default) and before a verb or adjective (opt-in: the clean samples have
    real slips of it, 이를위해, 허점을노리고)."""

    def _head(self, toks, i: int, text: str):
        left, right = toks[i], toks[i + 1]
        if left.tag not in self.LEFT or (self.right_tags and right.tag not in self.right_tags):
            return None
        # back over the particles before it (에게도, 보다는) to the noun they follow, and
        # over the nouns of a compound (국무회의에서경제 → 국무회의에서 경제)
        j = i
        while j > 0 and toks[j - 1].tag.startswith("J") and toks[j - 1].end == toks[j].start:
            j -= 1
        if j == 0 or toks[j - 1].tag not in _PARTICLE_HOST or toks[j - 1].end != toks[j].start:
            return None
        k = j - 1
        while k > 0 and toks[k - 1].end == toks[k].start and toks[k - 1].tag in _PARTICLE_HOST + ("XPN",):
            k -= 1
        noun = toks[k]
        if left.form in _AMBIGUOUS_PARTICLES:
            if len(toks[j - 1].form) < 2 or right.form == "나" or text.startswith(_COPULA_ENDINGS, right.start):
                return None
        if right.tag in _PRED:
            if right.form in _STEMS and right.form not in self.stems \
                    and not (right.form == "하" and left.tag in ("JKO", "JX")):
                return None
            # the old spelling of a -롭다 adjective (풍요로와지도록, 자유로와서), which Kiwi
            # reads as noun + 로 + 오다: grammar.b-irregular corrects it to 풍요로워; a blank
            # there would be a wrong fix
            if left.form == "로" and right.form == "오" and text.startswith("와", right.start):
                return None
            # the particle (으)로써 (식초로써 닦다), which Kiwi may read as 로 + 쓰다
            if left.form in ("로", "으로") and right.form == "쓰" and text.startswith("써", right.start):
                return None
            return noun
        if right.tag not in ("NNG", "MAG", "MM", "NP"):
            return None
        # a one-syllable pronoun with a particle of its own (그건내가, 엄마가너를, 이번엔제가)
        # is a word: the particle settles it
        own_particle = right.tag == "NP" and i + 2 < len(toks) and toks[i + 2].tag.startswith("J") \
            and toks[i + 2].start == right.end
        if len(right.form) == 1 and not own_particle:
            at_end = right.end >= len(text) or not "가" <= text[right.end] <= "힣"
            if right.form in _PARTICLE_LIKE or (right.tag == "NNG" and left.tag == "JKG") \
                    or (at_end and right.tag != "MAG" and left.form in ("은", "는", "을", "를")):
                return None
        if right.tag == "MAG" and right.form not in self.adverbs and _left_alone_adverb(right.form):
            return None
        return noun


@dataclass(slots=True)
class KiwiSpaceObjectCheck(KiwiSpaceCheck):
    """A noun written together with the verb it is the object or subject of, the particle
    left out as in speech (밥먹고 → 밥 먹고, 감기걸렸다며 → 감기 걸렸다며, 수업끝나면 →
    수업 끝나면). Only the verbs the lexicon lists (`verbs`), which seldom make compound
    verbs with a noun that Kiwi does not know; after a noun of one syllable (밥, 약, 비)
    only those in `short_verbs` (보다 makes 맛보다, 뒤보다, 선보다). 와 after a noun
    ending in a consonant is taken for a misspelt particle 과 (경찰와), not for 오다; a bare
    가 for the subject particle. Confirmed like every kiwi-space hit. The adjectives in
    `adjectives` are taken too, after a noun of two syllables or more only (기분좋아 → 기분
    좋아; 배고프다, 값싸다 are words)."""

    verbs: frozenset = frozenset()
    short_verbs: frozenset = frozenset()
    adjectives: frozenset = frozenset()

    def _head(self, toks, i: int, text: str):
        left, right = toks[i], toks[i + 1]
        if left.tag != "NNG" or not ((right.tag == "VV" and right.form in self.verbs)
                                     or (right.tag == "VA" and right.form in self.adjectives)):
            return None
        if len(left.form) < 2 and right.form not in self.short_verbs:
            return None
        surface = text[right.start:right.end]
        if right.form == "오" and surface.startswith("와") and final_index(text[left.end - 1]) > 0:
            return None
        nxt = toks[i + 2] if i + 2 < len(toks) else None
        if right.form == "가" and surface == "가" and (nxt is None or nxt.start > right.end):
            return None
        if _made_noun(toks, i + 1):
            return None
        return left


# ---------------------------------------------------------------------------------------
# kiwi-join: a stray blank inside a word (친구 들, 했 습니다, 학생 이다, 선생 님)
#
# Kiwi reads a blank as a soft boundary: with the blank it often already reads the right
# side as a particle, an ending, the copula or a noun suffix. That reading is the cheap
# trigger (no Kiwi call). A blank is flagged only when
# 1. the morphemes on both sides are Hangul, known to Kiwi, no name, nothing masked, and the
#    left one can take the right one (a stem or pre-final ending before an ending; a noun,
#    pronoun or particle before a particle, the copula or a suffix) — never after a
#    modifier ending (떠난 지, 할 뿐: bound nouns), never an auxiliary or a content word on
#    the right (those are never J/E/VCP/XSN);
# 2. the first morpheme after the blank is one of the forms in _FIRST, which never start a
#    word (이/가 alone, 만, 의, 같이, 하고, 든, 나, 지, 기, 고 are also nouns, verbs, adverbs
#    or bound nouns and stay out), and the whole word after the blank is particles,
#    endings, the copula and suffixes only (의형인, 만친, 지도 are words of their own);
# 3. Kiwi.space() on the sentence with the blank removed does not put it back. This is, for
#    this one blank, what Kiwi.space(reset_whitespace=True) removing it means; Analyzer.space
#    keeps the blanks it is given, so the blank is taken out first;
# 4. re-analysis: the sentence without the blank reads as exactly the same morphemes.
# Kiwi is called only for a blank that passes 1 and 2 (on the four clean dev files: once in
# 11,642 lines), once per sentence and blank (cached).
# ---------------------------------------------------------------------------------------

_ENDING_LEFT = frozenset(("VV", "VA", "VX", "EP", "VCP", "XSV", "XSA"))
_NOUN_LEFT = frozenset(("NNG", "NP", "NNB", "XSN", "ETN"))
_JOINED = LRU(50_000)   # (sentence, offset of the blank) → whether removing it is confirmed
_HANGUL = re.compile(r"[가-힣]+$")
# the first morpheme after the blank: only forms that never start a word of their own
# (이, 만, 같이, 하고, 든, 나, 지, 기, 리, 게 … are also nouns, verbs or adverbs, or bound
# nouns after a verb: left alone; 가, 과, 와, 의, 로, which could be verbs or nouns too, are
# taken because Kiwi reads them as particles there and the confirmation below must agree:
# none of them fires on the clean files, 이 does, 인식 이는 being a name). 부터, 까지 and
# 만 written apart are slips that the clean news sample has too (전날 부터, 명언 만이): the
# opt-in pattern rules judge them
_FIRST = {
    "E": frozenset("었 았 였 겠 었었 았었 였었 습니다 습니까 습니다만 는데 는데요 는다 는다고 는구나 는지 "
                   "어요 아요 여요 어서 아서 으면 으니까 으니 으며 으려고 으러 어야 아야 어도 아도 "
                   "으세요 세요 네요 지만 잖아 잖아요 다 거든 거든요 고 고요 는데도 니까 죠 지요 던데 "
                   "더라 더라고 냐 냐고".split()),
    "J": frozenset("에 에게 에게서 에게는 에게도 에서 에서는 에서도 한테 한테서 께서 께 께서는 에는 에도 "
                   "을 를 은 는 으로 으로는 으로써 로써 처럼 마저 조차 밖에 에다 에다가 이랑 랑 도 가 과 와 의 로".split()),
    "XSN": frozenset("들 님".split()),
    "VCP": frozenset(["이"]),
}
_FUNCTIONAL = ("J", "E", "VCP", "XSN", "SF", "SP", "SS", "SE", "SO")


def _right_kind(tag: str) -> str | None:
    if tag.startswith("E") and tag != "ETM" or tag == "EP":
        return "E"
    if tag.startswith("J") or tag in ("VCP", "XSN"):
        return tag[:1] if tag.startswith("J") else tag
    return None


def _join_confirmed(analyzer, sentence: str, p: int) -> bool:
    """The blank at offset `p` of `sentence`: Kiwi.space() leaves it out once removed, and
    the sentence without it reads as the same morphemes."""
    def make():
        joined = sentence[:p] + sentence[p + 1:]
        try:
            out = analyzer.space(joined)
        except Exception:
            return False
        inserted = _blank_insertions(joined, out)
        if inserted is None or p in inserted:   # the blank put back before joined[p]
            return False
        return _same_reading(analyzer, sentence, joined)
    return _JOINED.get_or((sentence, p), make)


@dataclass(slots=True)
class KiwiJoinCheck:
    confirm: float | None = None
    """A blank inside a word before a particle, an ending, the copula or a noun suffix
    (친구 들이 → 친구들이, 했 습니다 → 했습니다, 학생 이다 → 학생이다): Kiwi reads the
    right side as such with the blank, Kiwi.space() drops the blank, and the sentence
    without it reads the same (see above). `confirm` must stay unset: the sentence with and
    without the blank score the same whenever the re-analysis agrees."""

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        toks = ctx.tokens
        text = ctx.text
        for i in range(1, len(toks)):
            left, right = toks[i - 1], toks[i]
            p = left.end
            if right.start != p + 1 or text[p] != " ":
                continue
            kind = _right_kind(right.tag)
            if kind is None:
                continue
            if kind == "E":
                if left.tag not in _ENDING_LEFT:
                    continue
            elif kind == "J":
                if left.tag not in _NOUN_LEFT and not left.tag.startswith("J"):
                    continue
            elif kind == "XSN":
                if left.tag not in ("NNG", "NP", "XSN"):   # 손님 들이
                    continue
            elif left.tag not in _NOUN_LEFT:   # VCP
                continue
            if text[right.start:right.end] != right.form or right.form not in _FIRST[kind]:
                continue
            if right.form == "다" and left.tag != "EP":   # 쉬웠 다 (a word never ends in 었)
                continue
            a, _ = word_bounds(text, p - 1)
            _, b = word_bounds(text, p + 1)
            # the left word: Hangul only; nothing masked; no name, Latin, number or guessed
            # morpheme on either side; no modifier ending on the left (떠난 지, 할 뿐)
            if not _HANGUL.match(text, a, p) or not "가" <= text[p + 1] <= "힣" or ctx.is_masked(a, b):
                continue
            around = [t for t in toks if t.start < b and t.end > a]
            if any(t.tag in ("NNP", "SL", "SN", "SH") or t.oov or (t.tag == "ETM" and t.end <= p)
                   for t in around):
                continue
            # the right word is particles, endings, the copula and suffixes only
            rw = [t for t in around if t.start > p]
            if not rw or any(not t.tag.startswith(_FUNCTIONAL) for t in rw) or rw[0] is not right:
                continue
            if kind == "VCP" and b - p - 1 < 2:
                continue
            if right.form == "들" and (prev := word_before(text, a)) and text[prev[1] - 1] in ",·、":
                # 국어, 영어, 수학 들을: after a list 들 is the bound noun of listing, apart
                continue
            if right.form == "들" and (len(rw) < 2 or rw[1].form in ("은", "을", "ᆫ", "ᆯ")):
                # 신문 들은 사람, 짐 들 사람: the verbs 들다 and 듣다 as well, whose modifier
                # form needs a noun after it; before an adverb or a verb it can only be the
                # suffix (친구 들은 모두 왔다, 그 사람 들 진짜 이상해)
                after = next((t for t in toks if t.start >= b), None)
                if after is None or not after.tag.startswith(("MAG", "MAJ", "V")):
                    continue
            # the right word: Hangul up to trailing punctuation
            m = _CORE.match(text, p + 1, b)
            if m is None or m.start(1) != p + 1:
                continue
            s0, s1 = sentence_bounds(text, p, p + 1)
            sentence = text[s0:s1]
            if not _join_confirmed(ctx.analyzer, sentence, p - s0):
                continue
            start = left.start
            end = right.end
            surface = text[start:end]
            fix = text[start:p] + text[p + 1:end]
            yield Hit(rule.index, start, end, (fix,), rule.format_message(surface, fix), rule.explanation)
