#!/usr/bin/env python3
"""Accuracy of hanproof's fixes on the evaluation data in bench/data/ (or any files given).

Scoring (our implementation of the usual grammatical-error-correction measures):
  - edits: character diff between the input and the output, adjacent changes merged;
  - detection: a system edit counts when it touches a word (eojeol) that a gold edit touches;
  - correction: a system edit counts when it equals a gold edit exactly;
  - F0.5 weighs precision twice as much as recall;
  - clean files: every edit is a false alarm, reported per 10,000 characters;
  - rows typed usage/disputed/style are skipped; whitespace-only edits are ignored in rows
    that are not typed spacing or mixed.
Runs the engine in-process (one Kiwi). Prints a table; asserts nothing.

    python bench/accuracy.py [FILES...] [--show N]
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))

from hanproof.engine import Engine  # noqa: E402
from hanproof.fixes import fix_until_stable  # noqa: E402

SKIP = {"usage", "disputed", "style"}


def diff_edits(a: str, b: str) -> set[tuple[int, int, str]]:
    out, run = set(), []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops + [("equal", len(a), len(a), len(b), len(b))]:
        if tag != "equal":
            run.append((i1, i2, j1, j2))
        elif run:
            out.add((run[0][0], run[-1][1], b[run[0][2]:run[-1][3]]))
            run = []
    return out


def words_touched(text: str, e: tuple[int, int, str]) -> set[int]:
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    s, t, _ = e
    hit = {i for i, (a, b) in enumerate(spans) if (a < t and s < b) or (s == t and a <= s <= b)}
    return hit or {i for i, (a, b) in enumerate(spans) if b == s or a == t} or {-1}


@dataclass
class Tally:
    gold: int = 0
    sys: int = 0
    det_gold: int = 0
    det_sys: int = 0
    cor: int = 0
    rows: int = 0
    clean_chars: int = 0
    clean_edits: int = 0

    def f05(self, p: float, r: float) -> float:
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        if self.clean_chars:
            return f"{name:<34}{self.rows:>6}   false alarms {self.clean_edits:>4}  = {self.clean_edits * 1e4 / self.clean_chars:5.2f} per 10k chars"
        dp = self.det_sys / self.sys if self.sys else 0
        dr = self.det_gold / self.gold if self.gold else 0
        cp = self.cor / self.sys if self.sys else 0
        cr = self.cor / self.gold if self.gold else 0
        return (f"{name:<34}{self.rows:>6}   detection P {dp:.3f} R {dr:.3f} F0.5 {self.f05(dp, dr):.3f}"
                f"   correction P {cp:.3f} R {cr:.3f} F0.5 {self.f05(cp, cr):.3f}")


def fix_lines(engine: Engine, lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    fixed, _ = fix_until_stable(engine.check, text, engine.check(text))   # as `hanproof fix` does
    out = fixed.split("\n")
    assert len(out) == len(lines)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print N rows per file where the output misses the gold")
    args = ap.parse_args()
    files = args.files or sorted((ROOT / "bench" / "data").glob("*.tsv")) + sorted((ROOT / "bench" / "data").glob("*.txt"))
    engine = Engine()
    for path in files:
        raw = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        if path.suffix == ".tsv":
            rows = []
            for l in raw[1:]:
                c = (l.split("\t") + ["", "", ""])[:3]
                if c[2].split(":")[0] not in SKIP and c[1]:
                    rows.append((c[0], c[1].split("|"), c[2].split(":")[0]))
            outs = fix_lines(engine, [r[0] for r in rows])
            by: dict[str, Tally] = {}
            shown = 0
            for (wrong, rights, kind), out in zip(rows, outs):
                keep_space = kind in ("spacing", "mixed")
                sys_e = {e for e in diff_edits(wrong, out) if keep_space or (e[2] + wrong[e[0]:e[1]]).strip()}
                best = max(rights, key=lambda r: len(sys_e & {e for e in diff_edits(wrong, r)}))
                gold_e = {e for e in diff_edits(wrong, best) if keep_space or (e[2] + wrong[e[0]:e[1]]).strip()}
                for t in (by.setdefault(kind, Tally()), by.setdefault("all", Tally())):
                    t.rows += 1
                    t.gold += len(gold_e)
                    t.sys += len(sys_e)
                    t.cor += len(gold_e & sys_e)
                    gw = [words_touched(wrong, e) for e in gold_e]
                    sw = [words_touched(wrong, e) for e in sys_e]
                    all_s = set().union(*sw) if sw else set()
                    all_g = set().union(*gw) if gw else set()
                    t.det_gold += sum(1 for w in gw if w & all_s)
                    t.det_sys += sum(1 for w in sw if w & all_g)
                if args.show and shown < args.show and out not in rights:
                    shown += 1
                    print(f"    {wrong}  →  {out}   (want {' | '.join(rights)})")
            print(by.pop("all").line(path.name))
            for k, t in sorted(by.items()):
                print("  " + t.line(k))
        else:
            outs = fix_lines(engine, raw)
            t = Tally(rows=len(raw), clean_chars=sum(map(len, raw)))
            for line, out in zip(raw, outs):
                if line != out:
                    t.clean_edits += len(diff_edits(line, out))
                    if args.show and t.clean_edits <= args.show:
                        print(f"    {line}\n    → {out}")
            print(t.line(path.name))


if __name__ == "__main__":
    main()
