"""Checks that data cannot express, each declared in the lexicon as a `[[check]]` table
(id, message, explanation, examples) and implemented here."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import ClassVar, Iterator

from ..hangul import SBASE, final_index, is_syllable, particle_for
from . import Hit, Rule
from .matchers import sentence_bounds

PREDICATES = ("VV", "VA", "VX", "XSV", "XSA")
_HANGUL_RUN = re.compile(r"[가-힣]+")
_VOWEL_ENDING_START = ("아", "어", "았", "었", "으", "여", "였")
# short stems used before consonant endings only (표준어 규정 제16항 붙임): before a vowel the
# full stem is written (갖다 → 가져, 머물다 → 머물러, 서툴다 → 서툴러, 딛다 → 디뎌)
_FULL_STEM = {"갖": "가지", "머물": "머무르", "서둘": "서두르", "서툴": "서투르", "딛": "디디"}
# ㄹ-final stems drop ㄹ or 으 before endings in 으 (길다 → 기니까, 살다 → 살면); not the verbs
# whose ㄷ-irregular twins are spelt with ㄹ + 으 (듣다 → 들으니, 걷다 → 걸으면, 묻다 → 물으면,
# 싣다 → 실으니, 붇다 → 불으면, 깨닫다 → 깨달으니, 일컫다 → 일컬으니, 눋다 → 눌으면)
_L_TWIN = frozenset({"들", "걸", "물", "실", "불", "깨달", "일컬", "눌", "길"})


def _vowel_index(ch: str) -> int:
    return (ord(ch) - SBASE) % 588 // 28 if is_syllable(ch) else -1


def _obligatory(form: str, xtag: str) -> bool:
    """Stems whose shape must change before a vowel ending: irregular stems (돕다 → 도와,
    싣다 → 실어, 파랗다 → 파래), stems in ㅡ (슬프다 → 슬퍼) and 르 (누르다 → 눌러)."""
    if xtag.endswith("-I") or form == "푸":  # 푸다 is the one 우-irregular verb (퍼, 펐다)
        return True
    last = form[-1:]
    if not last:
        return False
    return (_vowel_index(last) == 18 and final_index(last) == 0) or last == "르"


def _drops_eu(stem, ending) -> bool:
    """A ㄹ-final stem before an ending in 으 or the modifier -을, which the stem's ㄹ must
    absorb (길다 → 기니까, 살다 → 살면, 거닐다 → 거닐 계획); not a verb that may be the
    ㄷ-irregular twin (들으니, 걸으면, 들을)."""
    return final_index(stem.form[-1:]) == 8 \
        and (ending.form.startswith("으") or (ending.form == "을" and ending.tag == "ETM")) \
        and (stem.tag == "VA" or stem.form not in _L_TWIN)


@dataclass(slots=True)
class ConjugationCheck:
    confirm: float | None = None
    """Inflected forms that Kiwi recognises but would write differently: re-render each
    predicate with its endings (Kiwi.join) and compare with the text. A difference of the
    same length is a misspelt inflection (싣었다 → 실었다, 도웠다 → 도왔다, 얇어 → 얇아); a
    shorter rendering is kept only where the change is obligatory (슬프었다 → 슬펐다), since
    contractions such as 되어/돼 and 하여/해 are optional."""

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        toks = ctx.tokens
        if not toks:
            return
        starts = [t.start for t in toks]
        text = ctx.text
        for m in _HANGUL_RUN.finditer(text):
            a, b = m.span()
            i0 = bisect.bisect_left(starts, a)
            i1 = bisect.bisect_left(starts, b)
            group = toks[i0:i1]
            preds = [k for k, t in enumerate(group) if t.tag in PREDICATES]
            if not preds or group[-1].end > b or ctx.is_masked(a, b):
                continue
            for n, k in enumerate(preds):
                nxt = preds[n + 1] if n + 1 < len(preds) else len(group)
                seg = group[k:nxt]
                if len(seg) < 2 or not seg[1].tag.startswith("E"):
                    continue
                # the predicate and its own endings only: in 가져갈 테니 written together
                # (the bound noun 터 + 이다 after 가져가 + ㄹ) Kiwi would render 터니
                j = 1
                while j < len(seg) and seg[j].tag.startswith("E"):
                    j += 1
                if j < len(seg):
                    if seg[j].start < seg[j - 1].end:
                        continue   # the next word shares the ending's syllable: nothing to cut
                    nxt = k + j
                    seg = seg[:j]
                # a predicate sharing a syllable with the word before is a contraction
                # (아니란다 = 아니라고 한다, 있잖아 = 있지 않아): nothing to compare
                if any(t.end > seg[0].start for t in group[:k]) or seg[0].end <= seg[0].start:
                    continue
                # ㅎ-irregular adjectives keep ㅎ before -네 too (그렇네 / 그러네, 2015)
                if seg[0].xtag.endswith("-I") and final_index(seg[0].form[-1:]) == 27 \
                        and seg[1].form.startswith("네"):
                    continue
                s0 = seg[0].start
                s1 = group[nxt].start if nxt < len(group) else b
                if s1 <= s0:
                    continue
                surface = text[s0:s1]
                # 곱다 'numb with cold' is regular (손이 곱아): Kiwi knows only the ㅂ-irregular
                # 곱다 'pretty', so a regular form of it is no error
                if seg[0].form == "곱" and surface[1:2] in ("아", "았"):
                    continue
                morphs = [(t.form, t.xtag) for t in seg]
                full = _FULL_STEM.get(seg[0].form)
                if full and seg[1].form[:1] in _VOWEL_ENDING_START:
                    morphs[0] = (full, seg[0].tag)
                try:
                    rendered = ctx.analyzer.join(morphs).replace(" ", "")
                except Exception:
                    continue
                if rendered == surface or not rendered:
                    continue
                if len(rendered) == len(surface):
                    # the stem and the first syllable of the ending may change, not the rest
                    # (끄을려 is not 끄려고)
                    if any(x != y for x, y in zip(surface[len(seg[0].form) + 1:], rendered[len(seg[0].form) + 1:])):
                        continue
                elif len(rendered) < len(surface) and (_obligatory(seg[0].form, seg[0].xtag)
                                                       or _drops_eu(seg[0], seg[1])):
                    diverge = next(i for i, (x, y) in enumerate(zip(surface, rendered)) if x != y) \
                        if any(x != y for x, y in zip(surface, rendered)) else len(rendered)
                    if diverge > len(seg[0].form):
                        continue  # the difference is in the endings (시어 / 셔): optional
                else:
                    continue
                # a double final typed without shift (알앗어 = 알았어): spelling.shift-typo
                if shift_fix(ctx, m.group(), a):
                    continue
                base = seg[0].form + "다"
                suggestions = (rendered,)
                if seg[0].form == "잇" and surface.startswith("잇"):
                    # 잇다 → 이었다, but 잇+었다 is far more often 있었다 with one stroke
                    # missing (맛잇었어): the sentence that reads better comes first
                    typo = "있" + surface[1:]
                    a, z = sentence_bounds(text, s0, s1)
                    score = ctx.analyzer.score
                    if score(text[a:s0] + typo + text[s1:z]) >= score(text[a:s0] + rendered + text[s1:z]):
                        suggestions = (typo, rendered)
                        base = "있다"
                yield Hit(rule.index, s0, s1, suggestions,
                          rule.format_message(surface, suggestions[0], base, suggestions[0]),
                          rule.explanation)


# Sino-Korean readings, for the particle after a numeral written in digits: 2를 (이를), 3을 (삼을)
_DIGIT = {"1": "일", "2": "이", "3": "삼", "4": "사", "5": "오", "6": "육", "7": "칠", "8": "팔", "9": "구"}
_PLACE = {1: "십", 2: "백", 3: "천"}
_MYRIAD = {1: "만", 2: "억", 3: "조", 4: "경"}
_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_PARTICLE_TAGS = ("JKO", "JKS", "JKC", "JX", "JC", "JKB")
# the last syllable of each digit read in English (제로, 원, 투, 쓰리, 포, 파이브, 식스, 세븐, 에잇, 나인)
_ENGLISH_DIGIT = dict(zip("0123456789", "로 원 투 리 포 브 스 븐 잇 인".split()))
_SCORE = re.compile(r"[0-9]{1,2}[-–]([0-9]{1,2})")


def number_reading_end(number: str) -> str | None:
    """The last syllable of a numeral read in Sino-Korean: 2 → 이, 10 → 십, 2.5 → 오,
    1,000 → 천, 30000 → 만. None when it is not a plain number."""
    if not _NUMBER.fullmatch(number):
        return None
    number = number.replace(",", "")
    if "." in number:
        return _DIGIT.get(number[-1], "영")   # digits after the point are read one by one
    stripped = number.rstrip("0")
    if not stripped:
        return "영"
    zeros = len(number) - len(stripped)
    if zeros == 0:
        return _DIGIT[stripped[-1]]
    if zeros % 4:
        return _PLACE[zeros % 4]
    return _MYRIAD.get(zeros // 4)


@dataclass(slots=True)
class NumberParticleCheck:
    confirm: float | None = None
    """A particle right after a number in digits agrees with the number read in
    Sino-Korean (2를, 3을, 10을, 1로, 3으로), and a score with its last number (2-1로).
    After letters or symbols attached before it (MP3, A4, v2) the reading is not settled:
    only a single digit after capitals is judged, where its Korean and English readings
    call for the same particle (T1이, A4를; see `label_readings`)."""

    TAGS: ClassVar[tuple[str, ...]] = ("SN", "W_SERIAL")

    def starts_word(self, toks, i: int, text: str) -> bool:
        """toks[i] begins the word (after a blank, Hangul or an opening bracket or quote)."""
        a = toks[i].start
        return a == 0 or text[a - 1].isspace() or is_syllable(text[a - 1]) or text[a - 1] in "(\"'“‘「『[<"

    def reading(self, toks, i: int, text: str) -> str | None:
        """The last syllable of toks[i] read aloud, or None when the reading is not settled."""
        # a number right after a name is a label read in any language (아이폰 6가, 윈도 10을)
        if i > 0 and toks[i - 1].tag in ("NNP", "SL", "SH"):
            return None
        word = text[toks[i].start:toks[i].end]
        if toks[i].tag == "W_SERIAL":
            # a score (2-1로, 3-0으로) is read with its last number; other serials (phone
            # numbers, dates, model numbers) are left alone
            m = _SCORE.fullmatch(word)
            return number_reading_end(m.group(1)) if m else None
        return number_reading_end(word)

    def label_readings(self, toks, i: int, text: str) -> tuple[str, ...] | None:
        """A single digit right after capital letters (T1, A4, G7) is read in Korean or in
        English: both readings, so that the particle is judged only where they agree (T1이:
        일 and 원; not MP3, 삼 or 쓰리)."""
        if self.TAGS != NumberParticleCheck.TAGS or i == 0:
            return None
        word, prev = text[toks[i].start:toks[i].end], toks[i - 1]
        if len(word) != 1 or prev.tag != "SL" or prev.end != toks[i].start:
            return None
        letters = text[prev.start:prev.end]
        if not (1 <= len(letters) <= 4 and letters.isupper()) or not self.starts_word(toks, i - 1, text):
            return None
        return (_DIGIT.get(word, "영"), _ENGLISH_DIGIT[word])

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        toks = ctx.tokens
        text = ctx.text
        for i in range(len(toks) - 1):
            t, p = toks[i], toks[i + 1]
            if t.tag not in self.TAGS or not p.tag.startswith(_PARTICLE_TAGS) or p.start != t.end:
                continue
            surface = text[p.start:p.end]
            if surface != p.form or ctx.is_masked(t.start, p.end):
                continue
            if self.starts_word(toks, i, text):
                readings = self.reading(toks, i, text)
            else:
                readings = self.label_readings(toks, i, text)
            if readings is None:
                continue
            if isinstance(readings, str):
                readings = (readings,)
            wants = {particle_for(r, surface) for r in readings}
            if len(wants) != 1:
                continue
            want = wants.pop()
            if want == surface:
                continue
            # the word must end with the particle (2를 더하면), not run on into more Hangul
            # that Kiwi split oddly (2이다 is the copula)
            if p.end < len(text) and is_syllable(text[p.end]) and not (i + 2 < len(toks) and toks[i + 2].start == p.end
                                                                     and toks[i + 2].tag.startswith(("J", "E"))):
                continue
            yield Hit(rule.index, p.start, p.end, (want,),
                      rule.format_message(surface, want, text[t.start:t.end], want), rule.explanation)


# how each capital letter is read on its own: only the last one's final consonant matters
_LETTER_NAMES = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                         "에이 비 씨 디 이 에프 지 에이치 아이 제이 케이 엘 엠 엔 오 피 큐 알 에스 티 유 브이 "
                         "더블유 엑스 와이 제트".split()))
def acronym_reading_end(word: str) -> str | None:
    """How an acronym in capitals read letter by letter ends (PDF → 에프, URL → 엘)."""
    if not word or not all(c in _LETTER_NAMES for c in word):
        return None
    return _LETTER_NAMES[word[-1]]


@dataclass(slots=True)
class AcronymParticleCheck(NumberParticleCheck):
    """A particle right after an acronym read letter by letter agrees with the name of its
    last letter (PDF를, URL을, SQL로, HTML은). Only the acronyms the lexicon lists
    (`acronyms`): others may be read as a word (RAM, NASA, JSON) or as the name they stand
    for (WSJ은, read 월스트리트저널은).
    An entry `name=reading` gives the reading of a Latin word that is read as a word (Excel=엑셀,
    iPhone=아이폰): the particle agrees with that reading."""

    TAGS: ClassVar[tuple[str, ...]] = ("SL",)
    acronyms: frozenset = frozenset()

    def reading(self, toks, i: int, text: str) -> str | None:
        word = text[toks[i].start:toks[i].end]
        if word in self.acronyms:
            return acronym_reading_end(word)
        return _listed_readings(self.acronyms).get(word)


@dataclass(slots=True)
class UnitParticleCheck(NumberParticleCheck):
    """A particle right after a unit written as a symbol after a number agrees with the
    unit read aloud (20%를: 퍼센트; 5km를: 킬로미터; 3g을: 그램). Only the units the lexicon
    lists as `unit=reading` (`units`), whose readings all end alike (% is 퍼센트 or 프로,
    km is 킬로미터 or 킬로); kg (킬로그램 or 킬로) is not settled."""

    TAGS: ClassVar[tuple[str, ...]] = ("SW", "SL")
    units: frozenset = frozenset()

    def starts_word(self, toks, i: int, text: str) -> bool:
        return i > 0 and toks[i - 1].tag == "SN" and toks[i - 1].end == toks[i].start \
            and NumberParticleCheck.starts_word(self, toks, i - 1, text)

    def reading(self, toks, i: int, text: str) -> str | None:
        return _listed_readings(self.units).get(text[toks[i].start:toks[i].end])


@functools.lru_cache(maxsize=8)
def _listed_readings(entries: frozenset) -> dict[str, str]:
    """The lexicon's `name=reading` entries (units, words) as a mapping."""
    return {name: read for name, _, read in (e.partition("=") for e in entries) if read}


_WA = re.compile(r"[가-힣]*?(?P<pre>[가-힣])(?P<wa>[와왔])[가-힣]*")


@dataclass(slots=True)
class BIrregularCheck:
    confirm: float | None = None
    """ㅂ-irregular stems take -어 (가깝다 → 가까워, 고맙다 → 고마웠다); only 돕다 and 곱다
    take -아 (도와, 고와). The suffix -롭다 is ㅂ-irregular too (자유로워, 풍요로워졌다). A
    word with 와/왔 after a syllable without a final consonant is a candidate when, with
    워/웠 instead, Kiwi reads an ㅂ-irregular stem right there; the language model must
    then prefer it (`confirm`), which keeps the particle 와 (아까와 같이, 바다와 하늘)
    alone. Kiwi misreads the misspelt word (가까와 → 가 + 까 + 오 + 아; 자유로와 → 자유 +
    로 + 오 + 아), so the pattern language cannot catch it."""

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        text = ctx.text
        if "와" not in text and "왔" not in text:
            return
        for m in _HANGUL_RUN.finditer(text):
            a, b = m.span()
            word = m.group()
            k = next((i for i in range(1, len(word)) if word[i] in "와왔" and final_index(word[i - 1]) == 0), None)
            if k is None or ctx.is_masked(a, b):
                continue
            cand = word[:k] + ("워" if word[k] == "와" else "웠") + word[k + 1:]
            toks = ctx.analyzer.tokenize(cand)
            # an ㅂ-irregular stem (not 돕다, 곱다) whose last syllable is the one before 워
            if not any(t.xtag.endswith("-I") and t.tag in ("VA", "VV", "XSA") and t.form.endswith(_B_FINALS)
                       and t.form[-1:] not in ("돕", "곱") and t.start <= k - 1 < t.end
                       for t in toks):
                continue
            fixed = cand[:k + 1]
            yield Hit(rule.index, a, a + k + 1, (fixed,),
                      rule.format_message(word[:k + 1], fixed), rule.explanation)


_B_FINALS = tuple(chr(c) for c in range(0xAC00, 0xAC00 + 11172) if (c - 0xAC00) % 28 == 17)


# (particle forms to look at, what may follow them in the same word)
_GWA_AFTER = ("", "의", "는", "도", "만", "은")


@dataclass(slots=True)
class GwaWaCheck:
    confirm: float | None = None
    """A particle that disagrees with the final consonant before it, where Kiwi misreads
    the word so that the pattern rules never see a particle: 친구과 (과 read as a noun),
    선생님와 (와 as 오- + -아), 책가, 친구이, 집로, 사람는. The other form is tried and
    kept when Kiwi then reads that particle there and the language model agrees
    (`confirm`): nouns ending in the same syllable (영어과, 마을, 나이) stay alone."""

    FORMS: ClassVar[tuple[str, ...]] = ("과", "와")
    FIRST: ClassVar[str] = "과와"    # first syllables of FORMS
    AFTER: ClassVar[tuple[str, ...]] = _GWA_AFTER
    TAGS: ClassVar[tuple[str, ...]] = ("JC", "JKB")

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        text = ctx.text
        if not any(f in text for f in self.FIRST):
            return
        for m in _HANGUL_RUN.finditer(text):
            a, b = m.span()
            word = m.group()
            for k in range(1, len(word)):
                if word[k] not in self.FIRST:
                    continue
                form = next((f for f in self.FORMS if word.startswith(f, k)
                             and word[k + len(f):] in self.AFTER), None)
                if form is None:
                    continue
                want = particle_for(word[:k], form)
                if want == form or ctx.is_masked(a, b):
                    continue
                cand = word[:k] + want + word[k + len(form):]
                toks = ctx.analyzer.tokenize(cand)
                if not any(t.form == want and t.tag.startswith(self.TAGS) and t.start == k for t in toks):
                    continue
                yield Hit(rule.index, a + k, a + k + len(form), (want,),
                          rule.format_message(form, want), rule.explanation)
                break


@dataclass(slots=True)
class ParticleMisreadCheck(GwaWaCheck):
    """The same for 는 after a final consonant at the end of a word (사람 + 는 → 사람은).
    The other particles were tried and left out: after a vowel 이/은/을 end many nouns and
    verb forms (누이, 나은, 그을), and after a consonant 가/로 are suffixes (늪가, 도덕가,
    세종로)."""

    FORMS: ClassVar[tuple[str, ...]] = ("는",)
    FIRST: ClassVar[str] = "는"
    AFTER: ClassVar[tuple[str, ...]] = ("",)
    TAGS: ClassVar[tuple[str, ...]] = ("JX",)

# endings that join a main verb to its auxiliary (해 주었다, 하고 있다, 가지 않았다): the
# honorific -시- goes on the auxiliary
_AUX_EC = ("어", "아", "여", "게", "지", "고")
# endings of purpose (보러 왔다, 사려고 갔다): the verb of going carries the honorific
_PURPOSE_EC = ("러", "으러", "려고", "으려고", "고자")
# endings of orders and suggestions
_IMPERATIVE_EF = frozenset({"어라", "아라", "여라", "라", "으라", "거라", "너라", "렴", "으렴", "려무나", "자", "세", "게"})
# endings that quote a clause before the verb of saying (-다고 했다, -냐고 물었다)
_QUOTING_EC = frozenset({"다고", "라고", "냐고", "자고", "ᆫ다고", "는다고", "으라고", "으냐고", "느냐고"})
# endings of an embedded quote or a clause with a subject of its own: the honorific is not
# the subject's any more
_EMBEDDING_EC = _QUOTING_EC | {"라며", "다며", "다는", "라는"}
# predicates whose honorific form is another word (먹다 → 드시다, 자다 → 주무시다, 있다 → 계시다)
_HONORIFIC_STEM = {"먹": "드시", "자": "주무시", "있": "계시"}
# predicates that are honorific already, or take no -시- for a person (모시다, 뵙다, 여쭙다 honour
# the object; 드리다 too)
_NO_SI = frozenset({"계시", "주무시", "드시", "잡수시", "모시", "뵙", "뵈", "여쭙", "여쭈", "드리", "돌아가시"})


def _is_honorific(t) -> bool:
    """A predicate that is honorific itself (계시다, 드시다), or -시- on its own or inside an
    ending (-세요, -셔요, -십시오)."""
    if not t.tag.startswith("E"):
        return t.form in _NO_SI or (t.tag in PREDICATES and t.form.endswith("시"))
    return t.form in ("시", "으시") or t.form.startswith(("세", "으세", "셔", "으셔", "십", "으십"))


@dataclass(slots=True)
class HonorificSubjectCheck:
    confirm: float | None = None
    """A subject honoured with the particle 께서 whose predicate lacks the honorific -시-
    (할머니께서 시장에 갔다 → 가셨다). Predicates are followed from 께서 (past a quoted clause,
    to the verb that reports it) through auxiliaries and -러/-려고 to the one that ends its
    clause. Anything that makes the subject of that predicate unsure stops the check: a
    modifier ending (만든 음식), another subject (이/가) before or after 께서, a quote, a
    nominalised clause, an order (then 께서 is a slip for 께), or -시- anywhere later in the
    sentence."""

    def find(self, rule: Rule, ctx) -> Iterator[Hit]:
        text = ctx.text
        if "께서" not in text:
            return
        toks = ctx.tokens
        n = len(toks)
        for i, t in enumerate(toks):
            if t.form != "께서" or t.tag != "JKS":
                continue
            # another subject earlier in the sentence (제가 사장님께서 …): 께서 is then a slip
            # for 께, and the predicate is that subject's
            h = i - 1
            while h >= 0 and toks[h].tag != "SF" and not (toks[h].tag == "JKS" and toks[h].form in ("이", "가")):
                h -= 1
            if h >= 0 and toks[h].tag == "JKS":
                continue
            k = i + 1
            if k < n and toks[k].tag == "JX":      # 께서는, 께서도
                k += 1
            # a quoted clause (수업은 휴강한다고) has a subject and a topic of its own: go on
            # from the verb that reports it (했어), which is the honoured subject's
            q = k
            while q < n and toks[q].tag != "SF" and not (toks[q].tag == "EC" and toks[q].form in _QUOTING_EC):
                q += 1
            if q < n and toks[q].tag == "EC":
                k = q + 1
            found = None
            while k < n:
                u = toks[k]
                if u.tag in ("SF", "SS", "JKQ", "ETN", "ETM", "JKS", "JKC", "VCP", "VCN") or \
                        (u.tag == "JX" and u.form in ("은", "는", "ᆫ")):
                    break
                if u.tag in ("VA", "XSA"):     # an adjective: a state, not the subject's act
                    break
                # the listener before a noun (선생님께서 너 수업 끝나고 … 오래): a clause of its
                # own with the particles dropped, whose predicate is not the honoured subject's
                # (not 우리 집, 제 방: the speaker's)
                if u.tag == "NP" and u.form in ("너", "니", "네", "너희", "당신", "자네") and \
                        k + 1 < n and toks[k + 1].tag == "NNG":
                    break
                if u.tag in PREDICATES:
                    j = k + 1
                    while j < n and toks[j].tag.startswith("E"):
                        j += 1
                    ends = toks[k + 1:j]
                    if not ends:
                        break
                    if any(_is_honorific(x) for x in (u, *ends)):
                        break
                    last = ends[-1]
                    if last.tag == "ETM" or (last.tag == "EC" and last.form in _EMBEDDING_EC):
                        break
                    if last.tag == "EC" and j < n and (last.form in _PURPOSE_EC or
                                                       (last.form in _AUX_EC and toks[j].tag == "VX")):
                        k = j
                        continue
                    # Any other connective (좋아해서 … 사 가요, 가서 … 샀다) may hand the
                    # sentence to another subject: the predicate before it is the one to mend.
                    # An order or a suggestion has the listener for its subject, and 께서 is
                    # then a slip for 께 (사돈어른께서 안부 전해라); a bare -어/-아 (전해, 가)
                    # may be an order too, but not with a tense (왔어).
                    bare = last.tag == "EF" and last.form in ("어", "아", "여") and \
                        not any(e.tag == "EP" for e in ends)
                    if last.tag in ("EF", "EC") and last.form not in _IMPERATIVE_EF and not bare:
                        found = (k, j)
                    break
                k += 1
            if found is None:
                continue
            # the honorific anywhere later in the sentence (맞히면 … 주신다고, 놓아 주세요):
            # the clause without it may have a subject of its own
            z = found[1]
            while z < n and toks[z].tag != "SF":
                z += 1
            if any(_is_honorific(e) for e in toks[i + 1:z]):
                continue
            k, j = found
            stem = toks[k]
            # 말하다 after 말씀 (말씀하다) and nouns + 하다: the whole word is rewritten
            w0 = k - 1 if stem.tag == "XSV" and k > 0 and toks[k - 1].end == stem.start else k
            s0, s1 = toks[w0].start, toks[j - 1].end
            if s1 <= s0 or ctx.is_masked(s0, s1) or any(c in text[toks[i].end:s1] for c in "\"'“”‘’「」"):
                continue
            if stem.form == "있" and stem.tag == "VA":
                continue
            first = (_HONORIFIC_STEM.get(stem.form, stem.form), stem.xtag if stem.form not in _HONORIFIC_STEM else "VV")
            morphs = [first] + ([] if stem.form in _HONORIFIC_STEM else [("시", "EP")]) + \
                [(e.form, e.xtag) for e in toks[k + 1:j]]
            try:
                word = ctx.analyzer.join(morphs)
            except Exception:
                continue
            head = text[s0:stem.start] if w0 < k else ""
            fixed = head + word
            if not word or fixed == text[s0:s1]:
                continue
            yield Hit(rule.index, s0, s1, (fixed,), rule.format_message(text[s0:s1], fixed), rule.explanation)


from .typo import ShiftTypoCheck, TypoCheck, TypoEditsCheck, shift_fix  # noqa: E402
from .spacecheck import KiwiJoinCheck, KiwiSpaceCheck, KiwiSpaceObjectCheck, KiwiSpaceParticleCheck  # noqa: E402

BUILTIN = {"conjugation": ConjugationCheck, "number-particle": NumberParticleCheck, "acronym-particle": AcronymParticleCheck, "unit-particle": UnitParticleCheck, "b-irregular": BIrregularCheck, "gwa-wa": GwaWaCheck, "particle-misread": ParticleMisreadCheck, "honorific-subject": HonorificSubjectCheck, "typo": TypoCheck, "typo_edits": TypoEditsCheck, "shift-typo": ShiftTypoCheck,
           "kiwi-space": KiwiSpaceCheck, "kiwi-space-particle": KiwiSpaceParticleCheck,
           "kiwi-space-object": KiwiSpaceObjectCheck, "kiwi-join": KiwiJoinCheck}
