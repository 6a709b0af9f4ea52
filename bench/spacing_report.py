#!/usr/bin/env python3
"""Per-rule, per-pattern counts of the spacing rules (default and opt-in) on dev files.

    python bench/spacing_report.py ../shared/data/dev/pairs/*.tsv ../shared/data/dev/clean/*.txt \
        [--rule PREFIX] [--show N] [--only-default] [--by-key N] [--lexicon DIR] [--hide-zero]

Every spacing rule runs (opt-in ones too). For each file it prints how often each rule
fires, marked `*` when the rule is on by default, split by the morpheme at the place
where the fix changes the spacing (which bound noun, particle, counter …), then a summary
table: rule × file.

Inputs
  *.tsv  pair files (`wrong<TAB>right<TAB>type<TAB>source`): only rows typed spacing or
         mixed; the `wrong` side is checked (hits there are wanted) and the `right` side
         too (hits there are false alarms, reported as `right:`).
  *.txt  clean text, one sentence per line: every hit is a false alarm or a real slip.
"""
from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from hanproof.engine import Engine  # noqa: E402
from hanproof.hangul import conjoining_to_compat  # noqa: E402
from hanproof.rules.matchers import Context  # noqa: E402

# rules whose interesting morpheme sits before the changed blank (the particle or ending
# the next word should be separated from)
LEFT_KEYED = ("spacing.after-particle", "spacing.after-ending")


def read_lines(path: Path) -> dict[str, list[str]]:
    """Texts to check, by side: 'wrong'/'right' for pair files, 'clean' for text files."""
    if path.suffix == ".tsv":
        out = {"wrong": [], "right": []}
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if (row.get("type") or "") not in ("spacing", "mixed"):
                    continue
                out["wrong"].append(row["wrong"])
                for r in (row.get("right") or "").split("|")[:1]:
                    if r:
                        out["right"].append(r)
        return out
    return {"clean": [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]}


def change_point(surface: str, fix: str) -> int:
    """Offset in `surface` where the first suggestion starts to differ."""
    i = 0
    while i < len(surface) and i < len(fix) and surface[i] == fix[i]:
        i += 1
    return i


def key_of(rule_id: str, text: str, toks, start: int, surface: str, fix: str) -> str:
    p = start + change_point(surface, fix)
    while p < len(text) and text[p].isspace():
        p += 1
    right = next((t for t in toks if t.start >= p), None)
    left = None
    for t in toks:
        if t.end <= p and t.start < p:
            left = t
    tok = left if rule_id.startswith(LEFT_KEYED) else right
    if tok is None:
        return "?"
    return f"{conjoining_to_compat(tok.form)}/{tok.tag}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--rule", default="spacing.", help="rule id prefix (default: all spacing rules)")
    ap.add_argument("--show", type=int, default=0, help="examples per rule and file")
    ap.add_argument("--only-default", action="store_true", help="only rules on by default")
    ap.add_argument("--by-key", type=int, default=8, help="sub-pattern counts shown per rule (0: none)")
    ap.add_argument("--lexicon", type=Path, help="another lexicon directory (to try rules out)")
    ap.add_argument("--hide-zero", action="store_true", help="leave rules without hits out of the summary")
    args = ap.parse_args()
    engine = Engine(lexicon_dir=args.lexicon)
    rules = [r for r in engine.registry.rules
             if r.id.startswith(args.rule) and (r.enabled or not args.only_default)]
    only = {r.index for r in rules}
    an = engine.analyzer
    grand: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path in args.files:
        for side, lines in read_lines(path).items():
            chars = sum(len(l) for l in lines)
            counts: collections.Counter = collections.Counter()
            keys: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
            examples: dict[str, list[str]] = collections.defaultdict(list)
            for line, toks in zip(lines, an.tokenize_many(lines)):
                ctx = Context(line, toks, (), an)
                for h in engine.registry.run(ctx, only=only):
                    rid = engine.registry.rules[h.rule].id
                    surface = line[h.start:h.end]
                    fix = h.suggestions[0] if h.suggestions else surface
                    counts[rid] += 1
                    keys[rid][key_of(rid, line, toks, h.start, surface, fix)] += 1
                    if len(examples[rid]) < args.show:
                        a, b = max(0, h.start - 25), min(len(line), h.end + 25)
                        examples[rid].append(f"…{line[a:h.start]}[{surface}]{line[h.end:b]}… → {fix}")
            label = f"{path.name}" + (f" ({side})" if side != "clean" else "")
            total_default = sum(n for rid, n in counts.items() if engine.registry.by_id[rid].enabled)
            print(f"{label}: {len(lines)} lines, {chars} chars; default rules {total_default} hits, "
                  f"all spacing rules {sum(counts.values())} hits")
            for r in rules:
                n = counts.get(r.id, 0)
                if not n:
                    continue
                grand[f"{r.id}"][path.stem[:12] + ("" if side == "clean" else ":" + side[0])] += n
                mark = "*" if r.enabled else " "
                line_keys = ", ".join(f"{k} {c}" for k, c in keys[r.id].most_common(args.by_key)) if args.by_key else ""
                more = len(keys[r.id]) - args.by_key
                if args.by_key and more > 0:
                    line_keys += f", … ({more} more)"
                print(f"  {mark} {n:5d}  {r.id}" + (f"   [{line_keys}]" if line_keys else ""))
                for ex in examples[r.id]:
                    print(f"           {ex}")
    # summary table: rule × file
    cols = sorted({c for v in grand.values() for c in v})
    if cols:
        print("\nsummary (* = on by default)")
        print("  " + "rule".ljust(40) + "".join(c.rjust(15) for c in cols))
        for r in rules:
            if r.id in grand or not args.hide_zero:
                mark = "*" if r.enabled else " "
                print(f"{mark} " + r.id.ljust(40) + "".join(str(grand[r.id].get(c, 0)).rjust(15) for c in cols))


if __name__ == "__main__":
    main()
