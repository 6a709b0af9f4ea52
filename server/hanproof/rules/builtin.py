"""Checks that data cannot express, each declared in the lexicon as a `[[check]]` table
(id, message, explanation, examples) and implemented here."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from ..hangul import SBASE, final_index, is_syllable
from . import Hit, Rule

PREDICATES = ("VV", "VA", "VX", "XSV", "XSA")
_HANGUL_RUN = re.compile(r"[가-힣]+")


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
                try:
                    rendered = ctx.analyzer.join([(t.form, t.xtag) for t in seg]).replace(" ", "")
                except Exception:
                    continue
                if rendered == surface or not rendered:
                    continue
                if len(rendered) == len(surface):
                    # the stem and the first syllable of the ending may change, not the rest
                    # (끄을려 is not 끄려고)
                    if any(x != y for x, y in zip(surface[len(seg[0].form) + 1:], rendered[len(seg[0].form) + 1:])):
                        continue
                elif len(rendered) < len(surface) and _obligatory(seg[0].form, seg[0].xtag):
                    diverge = next(i for i, (x, y) in enumerate(zip(surface, rendered)) if x != y) \
                        if any(x != y for x, y in zip(surface, rendered)) else len(rendered)
                    if diverge > len(seg[0].form):
                        continue  # the difference is in the endings (시어 / 셔): optional
                else:
                    continue
                base = seg[0].form + "다"
                yield Hit(rule.index, s0, s1, (rendered,),
                          rule.format_message(surface, rendered, base, rendered),
                          rule.explanation)


from .typo import TypoCheck, TypoEditsCheck  # noqa: E402

BUILTIN = {"conjugation": ConjugationCheck, "typo": TypoCheck, "typo_edits": TypoEditsCheck}
