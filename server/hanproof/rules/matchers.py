"""Matchers: turn a rule's data into hits over one analysed paragraph."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..analysis import LRU
from ..hangul import decompose, final_index, is_hangul, particle_for
from . import Entry, Hit, Rule, _fill
from ..textindex import word_bounds
from .pattern import Pattern, gap_ok

# quotes and brackets that open an eojeol, taken off before a rule's exceptions are matched
_OPENING_MARKS = re.compile(r"^[^\w\s]+")


@dataclass(slots=True)
class Context:
    """Everything rules read about one paragraph: its text, tokens and mask."""

    text: str
    tokens: list
    masked: tuple[tuple[int, int], ...]
    analyzer: object
    _starts: dict | None = None

    @property
    def token_starts(self) -> dict[int, int]:
        """Offset → index of the first token starting there."""
        if self._starts is None:
            d: dict[int, int] = {}
            for i, t in enumerate(self.tokens):
                d.setdefault(t.start, i)
            self._starts = d
        return self._starts

    def is_masked(self, a: int, b: int) -> bool:
        return any(ms < b and a < me for ms, me in self.masked)


# ---------------------------------------------------------------- fixes
_SYLLABLES = re.compile(r"[가-힣]+")


def _sharing_last_syllable(ctx: Context, last, end: int, taken, particles_only: bool = False) -> list:
    """(form, tag) of the morphemes that start inside `last` … `end` and are not in `taken`:
    those Kiwi fused into the last flagged syllable (…기 + ㄹ = …길)."""
    return [(t.form, t.tag) for t in ctx.tokens
            if last.start <= t.start < end and all(t is not x for x in taken)
            and (not particles_only or t.tag.startswith("J"))]


@dataclass(frozen=True, slots=True)
class Fix:
    kind: str                       # text | sub | morphs | form
    value: object

    def render(self, ctx: Context, toks: list, span: tuple[int, int],
               marked: list | None = None, plen: int | None = None) -> str | None:
        """The fix for the matched tokens `toks`; `plen` is the length of the pattern that
        matched (token numbers below 0 count back from its end)."""
        surface = ctx.text[span[0]:span[1]]
        if self.kind == "text":
            out = self.value  # type: ignore[assignment]
            out = out.replace("{match}", surface)
            for n, t in enumerate(toks, 1):
                out = out.replace("{%d}" % n, ctx.text[t.start:t.end])
            return out
        if self.kind == "sub":
            rx, repl = self.value  # type: ignore[misc]
            out, n = rx.subn(repl, surface, count=1)
            return out if n else None
        if self.kind == "morphs":
            morphs = []
            for form, tag in self.value:  # type: ignore[union-attr]
                if form.startswith("$"):
                    k = int(form[1:]) - 1
                    if not 0 <= k < len(toks):
                        return None
                    if tag == "$":
                        tag = toks[k].tag
                    form = toks[k].form
                morphs.append((form, tag))
            # a morpheme that shares the flagged span's last syllable (…기 + ㄹ = …길)
            # is rewritten with it, or the fix would drop it
            if toks:
                morphs += _sharing_last_syllable(ctx, toks[-1], span[1], toks)
            return ctx.analyzer.join(morphs)
        if self.kind == "form":
            # re-render the matched morphemes with one morpheme's form rewritten
            k, rx, repl, new_tag = self.value  # type: ignore[misc]
            if k < 0:
                k += len(toks) if plen is None else plen
            if not 0 <= k < len(toks):
                return None
            new, n = rx.subn(repl, toks[k].form, count=1)
            if not n:
                return None
            # with `mark`, only the flagged morphemes are re-rendered (the verb, not its object)
            seq = marked if marked is not None and any(t is toks[k] for t in marked) else toks
            morphs = [(new, new_tag or t.tag) if t is toks[k] else (t.form, t.tag)
                      for t in seq if t is not toks[k] or new]
            # a particle fused into the last flagged syllable (낳길 = 낳 + 기 + ㄹ) is
            # rendered with it, or the fix would drop it (낫기 for 낫길)
            last = max(seq, key=lambda t: t.start)
            morphs += _sharing_last_syllable(ctx, last, min(span[1], last.end), seq, particles_only=True)
            rendered = ctx.analyzer.join(morphs)
            # the morphemes may not cover the whole flagged span: keep what lies outside them
            a = min(t.start for t in seq)
            b = max(t.end for t in seq)
            if a > span[0] or b < span[1]:
                return None
            # Kiwi contracts a one-syllable stem in ㅣ with -어 (띠 + 었 → 뗬다), which is
            # allowed but rarely written: keep the writer's syllables with the stem
            # rewritten (띠었다). Longer stems are written contracted (맞혔다, 가리켰다).
            old = toks[k].form
            if len(rendered) < len(surface) and len(new) == len(old) == 1 and old in surface \
                    and toks[k].tag.startswith("V") and _SYLLABLES.fullmatch(new + old):
                return surface.replace(old, new, 1)
            # the text may have fused the last morpheme with what follows (줄려다가 is 주 +
            # -ㄹ려고 + 하- + -다가, so the flagged 줄려 lacks the 고): drop the same tail
            # from the fix (주려), or it would read 주려고다가
            written = ctx.analyzer.join([(t.form, t.tag) for t in seq])
            if written != surface and written.startswith(surface):
                extra = written[len(surface):]
                if not rendered.endswith(extra):
                    return None
                rendered = rendered[:-len(extra)]
            return rendered
        return None


# ---------------------------------------------------------------- patterns
@dataclass(slots=True)
class PatternMatcher:
    patterns: tuple[Pattern, ...]     # alternatives; the first that matches wins
    mark: tuple[int, ...] | None     # 0-based indices of the tokens to flag; None = all
    fixes: tuple[Fix, ...]
    exceptions: tuple[re.Pattern, ...] = ()
    confirm: float | None = None        # Kiwi score gain the first fix must bring
    extend_endings: bool = False         # flag (and re-render) the endings after the match too
    followed_by: re.Pattern | None = None  # text right after the flagged span must match
    keep_nouns: bool = False             # skip a word that is one noun on its own (난수, 일수)
    noun_margin: float | None = None     # skip a word that may be one noun on its own (선채)
    fused: str | None = None             # the fix joins two words into one stem of this tag (→ 배고파)
    after_tags: tuple[str, ...] = ()     # a morpheme with one of these tags comes earlier in the sentence
    derived_verb: bool = False           # the span written solid reads as noun + -하다/-되다 (고립됐고)
    not_in_sentence: re.Pattern | None = None  # skip the match when this occurs in its sentence
    in_sentence: re.Pattern | None = None      # keep the match only when this occurs in its sentence

    def hit_at(self, rule: Rule, ctx: Context, i: int, pattern: Pattern) -> Hit | None:
        if not pattern.match_at(ctx.tokens, i, ctx.text):
            return None
        n = len(pattern)
        if self.extend_endings:
            j = i + n
            while j < len(ctx.tokens) and ctx.tokens[j].tag.startswith("E") and \
                    gap_ok("attached", ctx.text, ctx.tokens[j - 1], ctx.tokens[j]):
                j += 1
            n = j - i
        toks = ctx.tokens[i:i + n]
        if self.mark is None:
            marked = toks
        else:
            marked = [toks[k if k >= 0 else len(pattern) + k] for k in self.mark] \
                + (toks[len(pattern):] if self.extend_endings else [])
        start = min(t.start for t in marked)
        end = max(t.end for t in marked)
        if end <= start or ctx.is_masked(start, end):
            return None
        if self.followed_by is not None and not self.followed_by.match(ctx.text, end):
            return None
        if self.after_tags or self.not_in_sentence is not None or self.in_sentence is not None:
            a, b = sentence_bounds(ctx.text, start, end)
            if self.after_tags and not any(t.start >= a and t.tag.startswith(self.after_tags)
                                           for t in ctx.tokens[:i]):
                return None
            if self.not_in_sentence is not None and self.not_in_sentence.search(ctx.text, a, b):
                return None
            if self.in_sentence is not None and not self.in_sentence.search(ctx.text, a, b):
                return None
        if self.exceptions:
            # an exception is a regex over the eojeol(s) around the match, without the quotes
            # or brackets that open it (so that ^한번 holds in "한번 …")
            a, b = word_bounds(ctx.text, start, end)
            window = _OPENING_MARKS.sub("", ctx.text[a:b])
            if any(rx.search(window) for rx in self.exceptions):
                return None
        if self.keep_nouns and _lexical_noun(ctx, start, end):
            return None
        if self.noun_margin is not None and _noun_reading(ctx, start, end, self.noun_margin):
            return None
        if self.derived_verb and not _derived_verb(ctx, start, end):
            return None
        surface = ctx.text[start:end]
        sugg: list[str] = []
        for fx in self.fixes:
            s = fx.render(ctx, toks, (start, end), None if self.mark is None else marked, len(pattern))
            if s is not None and s != surface and s not in sugg:
                sugg.append(s)
        if self.fixes and not sugg:
            # the fix renders the text as it stands (들은 = 듣- + -은: nothing is wrong) or
            # does not apply to what was matched: no finding without a correction
            return None
        fix0 = sugg[0] if sugg else ""
        if self.fused is not None and not (sugg and _fuses(ctx, start, end, fix0, self.fused)):
            return None
        message = rule.format_message(surface, fix0)
        if "{" in message:
            # {1}, {2} … in a message: the texts of the pattern tokens, as in `fix`
            message = _fill(message, **{str(k): ctx.text[t.start:t.end] for k, t in enumerate(toks, 1)})
        return Hit(rule.index, start, end, tuple(sugg), message, rule.explanation)


_NOUN_TAGS = ("NNG", "NNP")


def _fuses(ctx: Context, start: int, end: int, fix: str, tag: str = "V") -> bool:
    """The fix removes a blank, and Kiwi, reading the joined word again, finds one stem whose
    tag starts with `tag` (V: a verb or adjective) across the place where the blank was (배 고파요 → 배고파요 is 배고프/VA +
    어요, while 주홍빛 같아서 → 주홍빛같아서 stays 주홍빛/NNG + 같/VA: no reason to join; a
    guessed noun such as 엑실 in 엑실없는 does not count either)."""
    span = ctx.text[start:end]
    gap = next((k for k, c in enumerate(span) if c.isspace()), None)
    if gap is None:
        return False
    a, b = word_bounds(ctx.text, start, end)
    if fix != span[:gap] + span[gap:].lstrip():
        return False
    joined = ctx.text[a:start] + fix + ctx.text[end:b]
    pos = start - a + gap
    return any(t.start < pos < t.end and t.tag.startswith(tag) for t in ctx.analyzer.tokenize(joined))


_READINGS = LRU(50_000)   # word → how far below the best its best one-word reading scores


def _noun_reading(ctx: Context, start: int, end: int, margin: float) -> bool:
    """Kiwi, reading the word that ends at `end` on its own, finds it may be one word: among
    its best analyses there is a single noun, pronoun or adverb (NNG, NNP, NP, MAG) whose
    score is within `margin` of the best.
    선채 (a noun, 先綵) scores 0.7 below 서+ㄴ+채 (선 채로 'standing'): too close to call;
    누운 채, read without the blank as one noun, is 12 points below. A softer test than
    keep_nouns, which asks only whether the best analysis is one noun."""
    word = _hangul_word(ctx.text, start, end)
    if len(word) < 2:
        return False
    gap = _READINGS.get_or(word, lambda: _noun_gap(ctx.analyzer, word))
    return gap <= margin


def _noun_gap(analyzer, word: str) -> float:
    """How far below Kiwi's best analysis of `word` its best one-word reading scores
    (infinite: no such reading among the top 10)."""
    res = analyzer.analyze(word, top_n=10)
    if not res:
        return float("inf")
    best = res[0][1]
    for toks, score in res:
        if len(toks) == 1 and toks[0].tag.split("-")[0] in _WORD_TAGS:
            return best - score
    return float("inf")


_DERIVED = LRU(50_000)   # (word, gap) → whether it reads as noun + -하다/-되다 there


def _derived_verb(ctx: Context, start: int, end: int) -> bool:
    """The flagged span, a noun and 하다/되다 with a blank between, written solid with the rest
    of its word, reads in Kiwi's best analysis as that noun and the suffix -하다/-되다 (XSV,
    XSA) right at the blank: 고립됐고 is 고립 + -되다, 재현한 is 재현 + -하다. A noun that makes
    no verb does not (의사됐다 is 의사 + the verb 되다, 'became a doctor'; 한참 is an adverb)."""
    text = ctx.text
    blank = text.find(" ", start, end)
    if blank < 0:
        return False
    b = end
    while b < len(text) and "가" <= text[b] <= "힣":
        b += 1
    head = text[start:blank]
    joined = head + re.sub(r"\s+", "", text[blank:b])

    def make():
        res = ctx.analyzer.analyze(joined, top_n=1)
        if not res:
            return False
        toks = res[0][0]
        gap = len(head)
        return any(t.tag == "NNG" and t.start + t.len == gap and u.start == gap
                   and u.tag.split("-")[0] in ("XSV", "XSA")
                   for t, u in zip(toks, toks[1:]))
    return _DERIVED.get_or((joined, len(head)), make)


# one word of its own: a noun, a pronoun (그곳) or an adverb (어느덧)
_WORD_TAGS = ("NNG", "NNP", "NP", "MAG")
# 있다/없다 right after the word, or after a particle on 수 (수 + 밖에/가/도 + 없다)
_BEFORE_ITDA = re.compile(r"(?:밖에|도|는|가|조차|마저|만)?\s*(있|없)")


def _hangul_word(text: str, start: int, end: int) -> str:
    """The Hangul syllables before `start` in the same word, through `end`."""
    a = start
    while a > 0 and "가" <= text[a - 1] <= "힣":
        a -= 1
    return text[a:end]


def _lexical_noun(ctx: Context, start: int, end: int) -> bool:
    """The word holding [start, end) is, on its own, one noun in Kiwi's dictionary (난수,
    일수, 간수): splitting it as modifier + bound noun is then only a guess from context.
    A following 있다/없다 settles it the other way: 수 is then the bound noun."""
    if _BEFORE_ITDA.match(ctx.text, end):
        return False
    word = _hangul_word(ctx.text, start, end)
    if len(word) < 2:
        return False
    toks = ctx.analyzer.tokenize(word)
    return len(toks) == 1 and toks[0].tag in _NOUN_TAGS


_SENT_END = re.compile(r"[.?!。？！]+[\"'”’)\]]*\s+|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from the previous sentence end to the next."""
    a = 0
    for m in _SENT_END.finditer(text, 0, start):
        a = m.end()
    m = _SENT_END.search(text, end)
    b = m.end() if m else len(text)
    return a, b


def _gain(ctx: Context, a: int, b: int, hits: list[Hit]) -> float:
    out, pos = [], a
    for h in hits:
        out.append(ctx.text[pos:h.start])
        out.append(h.suggestions[0])
        pos = h.end
    out.append(ctx.text[pos:b])
    orig = ctx.text[a:b].strip()
    cand = "".join(out).strip()
    if not orig or not cand:
        return float("-inf")
    return ctx.analyzer.score(cand) - ctx.analyzer.score(orig)


def confirm_hits(ctx: Context, hits: list[Hit], margin: float) -> list[Hit]:
    """Keep the hits whose first fix Kiwi's language model prefers by at least `margin`.

    Hits of one rule in one sentence are judged together first (a pair such as -던지 …
    -던지 is only clearly wrong once both are fixed), then one by one.
    """
    groups: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        groups.setdefault(sentence_bounds(ctx.text, h.start, h.end), []).append(h)
    kept = []
    for (a, b), group in groups.items():
        group.sort(key=lambda h: h.start)
        if len(group) > 1 and _gain(ctx, a, b, group) >= margin:
            kept.extend(group)
            continue
        kept.extend(h for h in group if _gain(ctx, a, b, [h]) >= margin)
    return kept


# ---------------------------------------------------------------- word lists
_BOUNDARY_TAGS = ("J", "E", "VCP", "XS", "NNG", "NNB")


# hanproof-disable -- the comment quotes misspelt words on purpose
# -하다/-되다 or the copula right after a listed wrong form (폭팔했어, 궁굼해, 쉽상이다):
# Kiwi, not knowing the wrong word, may read its last syllable with what follows (폭파 + ㄹ +
# 하다, 쉽 + 상이 + 하다), so its boundary is not asked
_HADA_AFTER = re.compile(r"하|했|해|한|할|함|합|되|됐|돼|된|될|됨|됩|이(다|야|었|에|라|고|지|네|죠|잖)|입니|인데|인지|인가")
# hanproof-enable
# hanproof-disable -- the comment quotes misspelt words on purpose
# the rest of the word is one or two particles (썬글라스랑, 캠프화이어를): Kiwi, not knowing a
# misspelt loanword, may read it with its particle as one unknown name
# hanproof-enable
_PARTICLES_REST = re.compile(
    r"(?:이랑|랑|하고|이나|나|을|를|이|가|은|는|도|만|의|에|에서|에게|한테|로|으로|와|과|까지|부터|"
    r"보다|처럼|마저|조차|라도|이라도){1,2}(?![가-힣])")


@dataclass(slots=True)
class WordListMatcher:
    """Surface words: the wrong form starts an eojeol and ends at a morpheme boundary."""

    entries: dict[str, Entry]
    regex: re.Pattern

    @classmethod
    def build(cls, entries: list[Entry]) -> "WordListMatcher":
        d = {e.wrong: e for e in entries}
        alts = sorted(d, key=len, reverse=True)
        rx = re.compile("|".join(re.escape(w) for w in alts)) if alts else re.compile(r"(?!x)x")
        return cls(d, rx)

    def _ends_word(self, ctx: Context, a: int, b: int) -> bool:
        """Whether the text from a ends at b: the end of the word, or a morpheme boundary
        where a particle, an ending, the copula or a suffix starts."""
        text = ctx.text
        if b < len(text) and is_hangul(text[b]) and not (b - a > 1 and _HADA_AFTER.match(text, b)) \
                and not (b - a > 2 and _PARTICLES_REST.match(text, b)):
            i = ctx.token_starts.get(b)
            if i is None or not ctx.tokens[i].tag.startswith(_BOUNDARY_TAGS):
                return False
            # no token may straddle the boundary
            if any(t.start < b < t.end for t in ctx.tokens[max(0, i - 3):i]):
                return False
        return True

    def find(self, rule: Rule, ctx: Context) -> Iterator[Hit]:
        text = ctx.text
        n = len(text)
        for m in self.regex.finditer(text):
            a, b = m.span()
            if a > 0 and is_hangul(text[a - 1]):
                continue
            # hanproof-disable -- the comment quotes a misspelt word on purpose
            # the longest entry found here may not end at a boundary (희안하다 in 희안하다고,
            # where 다고 is one ending): a shorter entry at the same place may (희안)
            # hanproof-enable
            while b > a and not (text[a:b] in self.entries and self._ends_word(ctx, a, b)):
                b -= 1
            if b == a or ctx.is_masked(a, b):
                continue
            e = self.entries[text[a:b]]
            end, rights = b, e.rights
            # a correction that changes the final consonant changes the particle after it
            if b < n and any(_final_class(r) != _final_class(e.wrong) for r in e.rights):
                i = ctx.token_starts.get(b)
                if i is not None and ctx.tokens[i].tag.startswith("J"):
                    tok = ctx.tokens[i]
                    form = text[tok.start:tok.end]
                    if any(particle_for(r, form) != form for r in e.rights):
                        end = tok.end
                        rights = tuple(r + particle_for(r, form) for r in e.rights)
            yield Hit(rule.index, a, end, rights,
                      rule.format_message(e.wrong, e.rights[0], e.wrong, e.rights[0], e.note),
                      _explain(rule.explanation, e))


def _final_class(word: str) -> tuple[bool, bool]:
    """What particle choice depends on: a final consonant at all, and whether it is ㄹ."""
    fi = final_index(word[-1:]) if word else -1
    return fi > 0, fi == 8


def _explain(base: str, e: Entry) -> str:
    text = _fill(base, wrong=e.wrong, right=e.rights[0], note=e.note)
    if e.note and "{note}" not in base:
        text = f"{text} ({e.note})" if text else e.note
    return text


_OE, _IEUNG = "\u116c", "\u110b"   # the vowel ㅚ of a stem ending; ㅇ starting the ending's syllable
_AE, _E = "\u1162", "\u1166"        # the vowels ㅐ and ㅔ


# hanproof-disable -- the docstring quotes misspelt words on purpose
def _uncontracted(ctx: Context, stem: str, tail: list, surface: str, joined: str) -> str | None:
    """Kiwi contracts a stem in ㅚ with -어/-었 (되뇌 + 었다 → 되뇄다). Both forms are right
    (한글 맞춤법 제35항 붙임 2), but the contraction reads oddly, so where the text kept the
    ending's syllable (되뇌였다) the full form comes first: the stem, then the endings. The
    text must have kept a syllable of its own for the ending, not a contraction of a wrong
    stem (삼가해 is 삼가하- + -여). After ㅐ and ㅔ the full form is kept only where the text
    wrote the ending's own syllable 어/었 (헤메었어요 → 헤매었어요); a 여/였 there belongs to a
    wrong stem in 이 (설레여 → 설레, 개여서 → 개서), and the contraction stays."""
    # hanproof-enable
    if not tail or len(joined) >= len(surface) or not tail[0].form.startswith(("어", "었", "아", "았")):
        return None
    after = surface[len(stem):len(stem) + 1]
    vowel = decompose(stem[-1:])[1:]
    kept_ending = vowel in (_AE, _E) and after in ("어", "었") and surface[:len(stem) - 1] == stem[:-1]
    if not kept_ending and (vowel != _OE or decompose(after)[:1] != _IEUNG):
        return None
    rest = ctx.analyzer.join([(x.form, x.tag) for x in tail])
    full = stem + rest
    return full if len(full) == len(surface) else None


@dataclass(slots=True)
class StemListMatcher:
    """Wrong stems: every inflection is caught and re-rendered with the right stem."""

    entries: dict[tuple[str, str], tuple[Entry, tuple[tuple[str, str], ...]]]

    def find(self, rule: Rule, ctx: Context) -> Iterator[Hit]:
        toks = ctx.tokens
        text = ctx.text
        for i, t in enumerate(toks):
            hit = self.entries.get((t.form, t.tag))
            if hit is None:
                continue
            entry, rights = hit
            j = i + 1
            while j < len(toks) and (toks[j].tag.startswith("E")) and gap_ok("attached", text, toks[j - 1], toks[j]):
                j += 1
            tail = toks[i + 1:j]
            start = t.start
            end = max([t.end] + [x.end for x in tail])
            if ctx.is_masked(start, end):
                continue
            surface = text[start:end]
            sugg = []
            for form, tag in rights:
                s = ctx.analyzer.join([(form, tag)] + [(x.form, x.tag) for x in tail])
                full = _uncontracted(ctx, form, tail, surface, s)
                for x in (full, s):
                    if x and x != surface and x not in sugg:
                        sugg.append(x)
            if not sugg:
                continue
            yield Hit(rule.index, start, end, tuple(sugg),
                      rule.format_message(surface, sugg[0], entry.wrong.split("/")[0] + "다",
                                          rights[0][0] + "다", entry.note),
                      _explain(rule.explanation, entry))
