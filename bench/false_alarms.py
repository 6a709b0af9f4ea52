#!/usr/bin/env python3
"""List what hanproof flags in clean text (every finding there is a false alarm, or a real slip).

    python bench/false_alarms.py ../shared/data/dev/clean/*.txt [--rule ID] [--show N] [--enable RULE,...]

Prints, per file, findings per 10,000 characters and a count per rule, then examples.
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from hanproof.config import Config  # noqa: E402
from hanproof.engine import Engine  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--rule", help="only show examples of this rule (prefix)")
    ap.add_argument("--show", type=int, default=5, help="examples per rule")
    ap.add_argument("--enable", default="", help="comma-separated opt-in rules to add")
    args = ap.parse_args()
    engine = Engine()
    config = Config(enable=tuple(filter(None, args.enable.split(","))))
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        findings = engine.check(text, "plaintext", config)
        chars = sum(len(l) for l in text.splitlines() if l.strip())
        per_rule = collections.Counter(f.rule for f in findings)
        print(f"{path.name}: {len(findings)} findings, {len(findings) * 10000 / max(1, chars):.2f} per 10k chars")
        for rule, n in per_rule.most_common():
            print(f"  {n:5d}  {rule}")
        shown = collections.Counter()
        for f in findings:
            if args.rule and not f.rule.startswith(args.rule):
                continue
            if shown[f.rule] >= args.show:
                continue
            shown[f.rule] += 1
            ls = text.rfind("\n", 0, f.start) + 1
            le = text.find("\n", f.end)
            le = len(text) if le < 0 else le
            a, b = max(ls, f.start - 30), min(le, f.end + 30)
            print(f"    {f.rule}: …{text[a:f.start]}[{text[f.start:f.end]}]{text[f.end:b]}… → {f.suggestions[:1]}")


if __name__ == "__main__":
    main()
