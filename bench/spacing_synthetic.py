#!/usr/bin/env python3
"""Missing-space recall on synthetic errors: one blank taken out of correct sentences.

    python bench/spacing_synthetic.py FILE... [--per-line 1] [--seed 0] [--show N] [--enable RULES]

FILE: correct text, one sentence per line (*.txt), or pair files (*.tsv: the `right` side
of rows typed `none`). For each line, up to `--per-line` blanks between two Hangul words are
chosen (seeded), each taken out in a copy of the line, and the copy goes through
`hanproof fix` (the engine in-process, the same passes). Each case counts as

  restored   the fix gives the original line back
  touched    the fix inserts a blank at that place (maybe with other changes)
  missed     no blank there

and `other` counts copies where the fix changed something else too. The cases are split by
the morphemes on both sides of the removed blank in Kiwi's reading of the original (the
last morpheme of the left word → the first of the right word, coarse classes), so the
table says which kinds of run-together words the checker finds.

The real errors people make are not uniform over blanks, and some joined forms are allowed
(auxiliary verbs, compound nouns, 제47–49항), so these numbers measure recall by kind of
place, not the recall to expect on human text; 'allowed' marks the classes where the joined
form is often correct too.
"""
from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from hanproof.config import Config  # noqa: E402
from hanproof.engine import Engine  # noqa: E402
from hanproof.fixes import fix_until_stable  # noqa: E402

HANGUL_WORD = re.compile(r"[가-힣]")


_BOTH = {"NNB": "bound noun", "NP": "pronoun", "MAG": "adverb", "MAJ": "adverb", "MM": "determiner",
         "NNG": "noun", "NNP": "noun", "NR": "noun"}
_LEFT = {**_BOTH, "EC": "ending", "EF": "ending", "ETM": "modifier", "XSN": "noun", "ETN": "noun"}
_RIGHT = {**_BOTH, "VV": "verb", "VA": "verb", "VX": "auxiliary"}


def left_class(tag: str) -> str:
    """The kind of the last morpheme before the blank."""
    if tag.startswith("J"):
        return "particle"
    return _LEFT.get(tag) or ("stem" if tag[:1] in "XV" else "other")


def right_class(tag: str) -> str:
    """The kind of the first morpheme after the blank."""
    return _RIGHT.get(tag, "other")


# joins the norms also allow written together (auxiliary verbs, 제47항) or that are often
# one word (noun + noun compounds, 제49–50항)
ALLOWED = {("ending", "auxiliary"), ("noun", "noun"), ("modifier", "auxiliary")}


def read(path: Path) -> list[str]:
    if path.suffix == ".tsv":
        out = []
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            p = line.split("\t")
            if len(p) >= 3 and p[2] == "none":
                out.append(p[1])
        return out
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--per-line", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="missed cases to print per class")
    ap.add_argument("--enable", default="", help="comma-separated opt-in rules to add")
    args = ap.parse_args(argv)

    engine = Engine()
    config = Config(enable=tuple(x for x in args.enable.split(",") if x))
    rng = random.Random(args.seed)
    stats = collections.defaultdict(collections.Counter)
    missed = collections.defaultdict(list)
    lines = [ln for f in args.files for ln in read(f)]
    for line in lines:
        if engine.check(line, config=config):
            continue   # the line itself is flagged: not a clean baseline
        blanks = [m.start() for m in re.finditer(r" ", line)
                  if m.start() > 0 and HANGUL_WORD.match(line[m.start() - 1])
                  and m.start() + 1 < len(line) and HANGUL_WORD.match(line[m.start() + 1])]
        if not blanks:
            continue
        toks = engine.analyzer.tokenize(line)
        for b in rng.sample(blanks, min(args.per_line, len(blanks))):
            before = [t for t in toks if t.end <= b]
            after = [t for t in toks if t.start > b]
            if not before or not after:
                continue
            key = (left_class(before[-1].tag), right_class(after[0].tag))
            joined = line[:b] + line[b + 1:]
            fixed, _ = fix_until_stable(lambda t: engine.check(t, config=config), joined,
                                        engine.check(joined, config=config))
            st = stats[key]
            st["cases"] += 1
            if fixed == line:
                st["restored"] += 1
                st["touched"] += 1
            else:
                # a blank inserted at the place: the text before b is unchanged up to it
                if fixed[:b] == line[:b] and fixed[b:b + 1] == " ":
                    st["touched"] += 1
                    st["other"] += 1
                else:
                    missed[key].append((joined, fixed))
                    if fixed != joined:
                        st["other"] += 1
    total = collections.Counter()
    print(f"{'left → right':28} {'cases':>6} {'restored':>9} {'touched':>8} {'other':>6}")
    for key, st in sorted(stats.items(), key=lambda kv: -kv[1]["cases"]):
        total.update(st)
        mark = "  (allowed joined too)" if key in ALLOWED else ""
        print(f"{key[0] + ' → ' + key[1]:28} {st['cases']:6} {st['restored'] / st['cases']:9.2f} "
              f"{st['touched'] / st['cases']:8.2f} {st['other']:6}{mark}")
    if total["cases"]:
        print(f"{'all':28} {total['cases']:6} {total['restored'] / total['cases']:9.2f} "
              f"{total['touched'] / total['cases']:8.2f} {total['other']:6}")
        strict = collections.Counter()
        for key, st in stats.items():
            if key not in ALLOWED:
                strict.update(st)
        if strict["cases"]:
            print(f"{'all but allowed joins':28} {strict['cases']:6} {strict['restored'] / strict['cases']:9.2f} "
                  f"{strict['touched'] / strict['cases']:8.2f} {strict['other']:6}")
    if args.show:
        for key, cases in sorted(missed.items(), key=lambda kv: -len(kv[1])):
            print(f"\n{key[0]} → {key[1]}: {len(cases)} missed")
            for joined, fixed in cases[:args.show]:
                print(f"  in : {joined}\n  out: {fixed}" if fixed != joined else f"  in : {joined}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
