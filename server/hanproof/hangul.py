"""Hangul helpers: syllable decomposition, final consonants, jamo conversions."""
from __future__ import annotations

import unicodedata

SBASE, SCOUNT = 0xAC00, 11172
LCOUNT, VCOUNT, TCOUNT = 19, 21, 28
NCOUNT = VCOUNT * TCOUNT

# compatibility jamo (ㄱ…) → conjoining final jamo (ᆨ…), as Kiwi writes endings such as ᆯ, ᆫ, ᆸ니다
_COMPAT_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
COMPAT_TO_FINAL = {c: chr(0x11A8 + i) for i, c in enumerate(_COMPAT_FINALS)}
FINAL_TO_COMPAT = {v: k for k, v in COMPAT_TO_FINAL.items()}


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and SBASE <= ord(ch) < SBASE + SCOUNT


def is_hangul(ch: str) -> bool:
    o = ord(ch)
    return (SBASE <= o < SBASE + SCOUNT) or (0x1100 <= o <= 0x11FF) or (0x3131 <= o <= 0x318E) or (0xA960 <= o <= 0xA97F) or (0xD7B0 <= o <= 0xD7FF)


def final_index(ch: str) -> int:
    """Index of the final consonant of a syllable (0 = none, 8 = ㄹ), -1 if not a syllable."""
    if not is_syllable(ch):
        return -1
    return (ord(ch) - SBASE) % TCOUNT


def has_final(ch: str) -> bool | None:
    i = final_index(ch)
    return None if i < 0 else i > 0


def compat_to_conjoining(form: str) -> str:
    """Authors write endings with ㄹ, ㄴ, ㅂ; Kiwi uses conjoining finals (ᆯ, ᆫ, ᆸ)."""
    return "".join(COMPAT_TO_FINAL.get(c, c) for c in form)


def conjoining_to_compat(form: str) -> str:
    return "".join(FINAL_TO_COMPAT.get(c, c) for c in form)


def decompose(text: str) -> str:
    """Jamo decomposition (NFD of syllables) for fuzzy comparison."""
    return unicodedata.normalize("NFD", text)


def compose(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def add_final(syllable: str, final_compat: str) -> str:
    """'하' + 'ㄹ' → '할'."""
    if not is_syllable(syllable) or final_index(syllable) != 0:
        raise ValueError(syllable)
    t = _COMPAT_FINALS.index(final_compat) + 1
    return chr(ord(syllable) + t)


# particles whose form depends on the final consonant of the word before:
# (after a consonant, after a vowel); 으로/로 also takes 로 after ㄹ
PARTICLE_PAIRS = [("을", "를"), ("이", "가"), ("은", "는"), ("과", "와"), ("으로", "로"), ("이나", "나"),
                  ("이랑", "랑"), ("이며", "며"), ("이야", "야"), ("이든지", "든지"), ("이라도", "라도"),
                  ("이든", "든"), ("으로서", "로서"), ("으로써", "로써"), ("으로부터", "로부터"), ("아", "야")]
_BY_FORM = {}
for _c, _v in PARTICLE_PAIRS:
    _BY_FORM[_c] = (_c, _v)
    _BY_FORM[_v] = (_c, _v)


def particle_for(word: str, particle: str) -> str:
    """The allomorph of `particle` that agrees with the last syllable of `word`.

    >>> particle_for("케이크", "을")
    '를'
    """
    pair = _BY_FORM.get(particle)
    if pair is None or not word:
        return particle
    last = word[-1]
    fi = final_index(last)
    if fi < 0:
        return particle
    cons, vowel = pair
    if cons.startswith("으로"):
        return vowel if fi in (0, 8) else cons
    return cons if fi > 0 else vowel
