#!/usr/bin/env python3
"""Batch throughput and memory: `hanproof check` against Kiwi tokenising the same text.

Both are whole processes, measured in the same run (wall time, peak RSS), median of N.
Prints numbers; asserts nothing.

    python bench/throughput.py [--kb 600] [--runs 3] [--source FILE]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "dev" / "clean" / "koconovel_dev.txt"

KIWI_ONLY = """
import sys
from kiwipiepy import Kiwi
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
kiwi = Kiwi()
n = sum(len(r) for r in kiwi.tokenize(lines))
print(n, file=sys.stderr)
"""


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{cmd[:3]} failed with {code}")
    return dt, ru.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", type=int, default=600, help="size of the prose sample in KB (UTF-8)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--files", type=int, default=30, help="files for the --jobs scaling run")
    args = ap.parse_args()

    text = args.source.read_text(encoding="utf-8")
    data = text.encode("utf-8")[: args.kb * 1024].decode("utf-8", errors="ignore")
    data = data[: data.rfind("\n") + 1]
    hanproof = [str(Path(sys.executable).parent / "hanproof")]
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.txt"
        sample.write_text(data, encoding="utf-8")
        kiwi_cmd = [sys.executable, "-c", KIWI_ONLY, str(sample)]
        check_cmd = hanproof + ["check", "--no-config", "--format", "json", "-o", str(Path(tmp) / "out.json"), str(sample)]
        fix_cmd = hanproof + ["fix", "--no-config", str(sample)]
        results = {"kiwi tokenize only": [], "hanproof check": [], "hanproof fix": []}
        for _ in range(args.runs):
            results["kiwi tokenize only"].append(run(kiwi_cmd))
            results["hanproof check"].append(run(check_cmd))
            results["hanproof fix"].append(run(fix_cmd))
        # --jobs scaling: the same prose split into many files
        folder = Path(tmp) / "many"
        folder.mkdir()
        lines = text.splitlines()
        per = max(1, len(lines) // args.files)
        for i in range(args.files):
            (folder / f"f{i:03d}.txt").write_text("\n".join(lines[i * per:(i + 1) * per]) + "\n", encoding="utf-8")
        many_kb = sum(p.stat().st_size for p in folder.iterdir()) / 1024
        jobs = {n: [] for n in (1, 2)}
        for _ in range(args.runs):
            for n in jobs:
                jobs[n].append(run(hanproof + ["check", "--no-config", "-q", "--jobs", str(n), "--format", "json",
                                               "-o", str(Path(tmp) / "many.json"), str(folder)]))
    size_kb = len(data.encode("utf-8")) / 1024
    print(f"sample: {size_kb:.0f} KB, {len(data):,} characters, {data.count(chr(10)):,} lines; median of {args.runs} runs")
    base_t = statistics.median(t for t, _ in results["kiwi tokenize only"])
    base_m = statistics.median(m for _, m in results["kiwi tokenize only"])
    print(f"{'process':<22}{'seconds':>9}{'× kiwi':>8}{'peak MB':>9}{'× kiwi':>8}{'KB/s':>8}")
    for name, rs in results.items():
        t = statistics.median(x for x, _ in rs)
        m = statistics.median(x for _, x in rs)
        print(f"{name:<22}{t:9.2f}{t / base_t:8.2f}{m:9.0f}{m / base_m:8.2f}{size_kb / t:8.0f}")
    t1 = statistics.median(t for t, _ in jobs[1])
    t2 = statistics.median(t for t, _ in jobs[2])
    print(f"\n--jobs on {args.files} files, {many_kb:.0f} KB: --jobs 1 {t1:.2f} s, --jobs 2 {t2:.2f} s, "
          f"speed-up {t1 / t2:.2f}x (each process loads its own analyser)")


if __name__ == "__main__":
    main()
