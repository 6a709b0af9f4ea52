"""Morpheme patterns: a small language over Kiwi tokens, written in lexicon TOML.

    pattern = "되/VV + 요/EF"          two tokens, attached (no space between)
    pattern = "*/ETM + 수/NNB"         any form tagged ETM, then 수/NNB attached
    pattern = "않/VX _ 되|하/VV|VX"     `_`: separated by whitespace; `~`: either
    pattern = "ㄹ께*/E*"               form prefix (ㄹ/ㄴ/ㅂ are Kiwi's ᆯ/ᆫ/ᆸ), tag prefix
    pattern = "되/VV{됬}"              {regex}: the token's text in the document must match
    pattern = "!*/MAG _ 않/VX"         !item at either end: the neighbour must NOT match
    pattern = "*/EC ~ <1-6> ~ */EF"   <N-M>: any N to M tokens, joined by `~` (the loader
                                      expands it into one pattern per length)

FORM: `*`, or alternatives `a|b`, each may end (prefix) or start (suffix) with `*`;
`^a|b` means any form except these.
TAG: `*`, or alternatives; `V*` matches every tag starting with V.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..hangul import compat_to_conjoining

JOINS = {"+": "attached", "_": "spaced", "~": "any"}


class PatternError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Spec:
    forms: frozenset | None          # exact forms, None = any
    not_forms: frozenset | None      # forms excluded (`^a|b/TAG`)
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    tags: frozenset | None
    tag_prefixes: tuple[str, ...]
    surface: re.Pattern | None
    text: str

    def match_form_tag(self, f: str, t: str) -> bool:
        """The form and tag conditions alone (no surface check)."""
        if self.not_forms is not None and f in self.not_forms:
            return False
        if self.forms is not None or self.prefixes or self.suffixes:
            if not ((self.forms is not None and f in self.forms)
                    or any(f.startswith(p) for p in self.prefixes)
                    or any(f.endswith(s) for s in self.suffixes)):
                return False
        if self.tags is not None or self.tag_prefixes:
            if not ((self.tags is not None and t in self.tags) or any(t.startswith(p) for p in self.tag_prefixes)):
                return False
        return True

    def match(self, tok, text: str) -> bool:
        if not self.match_form_tag(tok.form, tok.tag):
            return False
        return self.surface is None or bool(self.surface.search(text[tok.start:tok.end]))

    @property
    def exact_forms(self) -> frozenset | None:
        """The forms a token must have, when the spec names them all exactly."""
        if self.forms is not None and not self.prefixes and not self.suffixes:
            return self.forms
        return None


def _syllable_class(pred) -> str:
    """A regex character class of the Hangul syllables whose final-consonant index satisfies pred."""
    ranges, start = [], None
    for o in range(0xAC00, 0xAC00 + 11172 + 1):
        ok = o < 0xAC00 + 11172 and pred((o - 0xAC00) % 28)
        if ok and start is None:
            start = o
        elif not ok and start is not None:
            ranges.append(chr(start) if o - 1 == start else f"{chr(start)}-{chr(o - 1)}")
            start = None
    return "[" + "".join(ranges) + "]"


# Classes usable inside {surface} regexes: syllables by final consonant (받침).
CLASSES = {
    "<받침>": lambda t: t > 0,
    "<무받침>": lambda t: t == 0,
    "<ㄹ받침>": lambda t: t == 8,
    "<ㄴ받침>": lambda t: t == 4,
    "<모음또는ㄹ>": lambda t: t in (0, 8),
    "<ㄹ외받침>": lambda t: t > 0 and t != 8,
    "<모음또는ㄴ>": lambda t: t in (0, 4),
    "<ㄴ외받침>": lambda t: t > 0 and t != 4,
    # voiceless finals (ㄱ ㄷ ㅂ and what sounds as them): 넉넉지, 깨끗지, 섭섭지
    "<안울림받침>": lambda t: t in (1, 2, 3, 7, 17, 18, 19, 20, 22, 23, 24, 25, 26),
    # ㅆ final: the past tense fused into the stem (했, 갔, 됐, 있)
    "<ㅆ받침>": lambda t: t == 20,
    # a vowel or a sonorant final (ㄴ ㄹ ㅁ ㅇ): 고요, 꾸준, 적절, 조용
    "<울림소리>": lambda t: t in (0, 4, 8, 16, 21),
    # any syllable but one ending in ㅅ or ㅆ: 깨끗이, 느긋이 keep -이
    "<ㅅ외>": lambda t: t not in (19, 20),
}
_CLASS_CACHE: dict[str, str] = {}


def expand_classes(rx: str) -> str:
    for name, pred in CLASSES.items():
        if name in rx:
            if name not in _CLASS_CACHE:
                _CLASS_CACHE[name] = _syllable_class(pred)
            rx = rx.replace(name, _CLASS_CACHE[name])
    return rx


_ITEM = re.compile(r"^(?P<form>[^/{}]+)/(?P<tag>[^/{}]+)(?:\{(?P<surface>.*)\})?$")


def parse_spec(item: str) -> Spec:
    m = _ITEM.match(item)
    if not m:
        raise PatternError(f"bad token '{item}': write FORM/TAG, e.g. 되/VV or */ETM")
    forms_s, tags_s, surface_s = m.group("form"), m.group("tag"), m.group("surface")
    forms: set[str] | None = None
    not_forms: frozenset | None = None
    prefixes, suffixes = [], []
    if forms_s.startswith("^"):
        not_forms = frozenset(compat_to_conjoining(a.strip()) for a in forms_s[1:].split("|") if a.strip())
        if not not_forms:
            raise PatternError(f"'^' needs forms to exclude in '{item}'")
    elif forms_s != "*":
        forms = set()
        for alt in forms_s.split("|"):
            alt = compat_to_conjoining(alt.strip())
            if not alt:
                raise PatternError(f"empty form in '{item}'")
            if alt.endswith("*") and len(alt) > 1:
                prefixes.append(alt[:-1])
            elif alt.startswith("*") and len(alt) > 1:
                suffixes.append(alt[1:])
            else:
                forms.add(alt)
    tags: set[str] | None = None
    tag_prefixes = []
    if tags_s != "*":
        tags = set()
        for alt in tags_s.split("|"):
            alt = alt.strip()
            if not re.fullmatch(r"[A-Z_]+\*?", alt):
                raise PatternError(f"bad tag '{alt}' in '{item}'")
            if alt.endswith("*"):
                tag_prefixes.append(alt[:-1])
            else:
                tags.add(alt)
    surface = None
    if surface_s is not None:
        try:
            surface = re.compile(expand_classes(surface_s))
        except re.error as e:
            raise PatternError(f"bad surface regex in '{item}': {e}") from None
    return Spec(frozenset(forms) if forms is not None else None, not_forms, tuple(prefixes), tuple(suffixes),
                frozenset(tags) if tags is not None else None, tuple(tag_prefixes), surface, item)


def gap_ok(join: str, text: str, prev, nxt) -> bool:
    if nxt.start <= prev.end:
        gap = ""
    else:
        gap = text[prev.end:nxt.start]
    if join == "attached":
        return not gap or not any(c.isspace() for c in gap)
    if join == "spaced":
        return bool(gap) and any(c.isspace() for c in gap)
    return True


@dataclass(frozen=True, slots=True)
class Pattern:
    specs: tuple[Spec, ...]
    joins: tuple[str, ...]           # joins[i] sits between specs[i] and specs[i+1]
    before: tuple[str, Spec] | None  # negative context: (join, spec) before the match
    after: tuple[str, Spec] | None   # negative context after the match
    source: str

    def __len__(self) -> int:
        return len(self.specs)

    @property
    def anchor(self) -> int:
        """The most selective token: rules are dispatched on it."""
        def cost(sp: Spec):
            if sp.exact_forms is not None:
                return (0, len(sp.exact_forms))
            if sp.forms is not None or sp.prefixes or sp.suffixes:
                return (1, 0)
            if sp.tags is not None and not sp.tag_prefixes:
                return (2, len(sp.tags))
            return (3, 0)
        return min(range(len(self.specs)), key=lambda i: cost(self.specs[i]))

    def match_at(self, tokens, i: int, text: str) -> bool:
        n = len(self.specs)
        if i + n > len(tokens):
            return False
        for j, spec in enumerate(self.specs):
            tok = tokens[i + j]
            if j and not gap_ok(self.joins[j - 1], text, tokens[i + j - 1], tok):
                return False
            if not spec.match(tok, text):
                return False
        if self.before is not None and i > 0:
            join, spec = self.before
            if gap_ok(join, text, tokens[i - 1], tokens[i]) and spec.match(tokens[i - 1], text):
                return False
        if self.after is not None and i + n < len(tokens):
            join, spec = self.after
            if gap_ok(join, text, tokens[i + n - 1], tokens[i + n]) and spec.match(tokens[i + n], text):
                return False
        return True


_GAP = re.compile(r"^<(\d+)-(\d+)>$")


def expand_gaps(src: str) -> list[str]:
    """'A ~ <1-3> ~ B' → ['A ~ */* ~ B', 'A ~ */* ~ */* ~ B', 'A ~ */* ~ */* ~ */* ~ B']."""
    parts = src.split()
    gaps = [i for i, p in enumerate(parts) if p.startswith("<") and p.endswith(">")]
    if not gaps:
        return [src]
    if len(gaps) > 1:
        raise PatternError(f"one <N-M> gap per pattern, in '{src}'")
    i = gaps[0]
    m = _GAP.match(parts[i])
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)) <= 20:
        raise PatternError(f"bad gap '{parts[i]}' in '{src}': write <N-M> with 1 ≤ N ≤ M ≤ 20")
    if i in (0, len(parts) - 1):
        raise PatternError(f"a gap needs tokens on both sides, in '{src}'")
    head, tail = " ".join(parts[:i]), " ".join(parts[i + 1:])
    return [f"{head} {' ~ '.join(['*/*'] * k)} {tail}" for k in range(int(m.group(1)), int(m.group(2)) + 1)]


def gap_sides(src: str) -> tuple[int, int] | None:
    """How many tokens a pattern has before and after its <N-M> gap (None without one):
    `mark` and `fix_form` reach the tokens before it counting from the start (1, 2 …) and
    those after it counting from the end (-1 is the last)."""
    parts = src.split()
    for i, p in enumerate(parts):
        if _GAP.match(p):
            return i // 2, (len(parts) - 1 - i) // 2
    return None


def parse_pattern(src: str) -> Pattern:
    parts = src.split()
    if not parts:
        raise PatternError("empty pattern")
    items: list[str] = []
    joins: list[str] = []
    expect_item = True
    for p in parts:
        if expect_item:
            if p in JOINS:
                raise PatternError(f"'{p}' where a token was expected in '{src}'")
            items.append(p)
        else:
            if p not in JOINS:
                raise PatternError(f"expected + (attached), _ (spaced) or ~ (either) between tokens, got '{p}' in '{src}'")
            joins.append(JOINS[p])
        expect_item = not expect_item
    if expect_item:
        raise PatternError(f"pattern ends with a join: '{src}'")
    before = after = None
    if items[0].startswith("!"):
        if len(items) < 2:
            raise PatternError("a pattern needs one token that is not negated")
        before = (joins[0], parse_spec(items[0][1:]))
        items, joins = items[1:], joins[1:]
    if items[-1].startswith("!"):
        if len(items) < 2:
            raise PatternError("a pattern needs one token that is not negated")
        after = (joins[-1], parse_spec(items[-1][1:]))
        items, joins = items[:-1], joins[:-1]
    if any(it.startswith("!") for it in items):
        raise PatternError("'!' is allowed only on the first or last token")
    return Pattern(tuple(parse_spec(it) for it in items), tuple(joins), before, after, src)


_MORPH = re.compile(r"^(?P<form>[^/]+)/(?P<tag>[A-Z]+(?:-[IR])?)$")


def parse_morphs(src: str) -> list[tuple[str, str]]:
    """'되/VV + 어요/EF' → [('되','VV'), ('어요','EF')] (compat jamo converted; $N kept)."""
    out = []
    for p in src.split():
        if p in JOINS:
            continue
        if re.fullmatch(r"\$\d+", p):
            out.append((p, "$"))
            continue
        m = _MORPH.match(p)
        if not m:
            raise PatternError(f"bad morpheme '{p}' in '{src}': write FORM/TAG")
        form = m.group("form")
        out.append((form if form.startswith("$") else compat_to_conjoining(form), m.group("tag")))
    if not out:
        raise PatternError("empty morpheme list")
    return out
