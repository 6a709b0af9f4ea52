#!/usr/bin/env python3
"""Language server latency: initialize, cold check of a ~200 KB Markdown file, edit → diagnostics.

    python bench/lsp_latency.py [--size 200000] [--edits 10] [--corpus FILE]

Starts `python -m hanproof serve` over stdio with a small JSON-RPC client of its own,
and prints a table. It asserts nothing. Measured:

* initialize round trip (from process start, and request → response);
* analyser ready: `initialized` → the server's "ready" log message (Kiwi loading);
* didOpen → first diagnostics and → complete diagnostics (cold: nothing cached; a long
  cold check publishes partial results as it goes; "complete" is when a
  textDocument/diagnostic request for that version is answered);
* a one-line edit in the middle → its diagnostics, median of N, with debounce 0 and
  with the default debounce (150 ms);
* in-process, per edit: whole-document extraction vs the language server's chunked
  extraction, and the check of the edited document with a warm cache.
"""
from __future__ import annotations

import argparse
import json
import queue
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "clean" / "koconovel_dev.txt"
ERRORS = ["몇일 뒤에 다시 만나요.", "내일 할께요.", "그러면 안 되요.", "나도 할수 있다.", "금새 끝났다."]


def build_document(corpus: Path, size: int, seed: int = 1) -> str:
    lines = [ln.strip() for ln in corpus.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rnd = random.Random(seed)
    out: list[str] = ["# 벤치마크 문서", ""]
    i = n = 0
    total = 0
    while total < size:
        if n % 20 == 0:
            out += [f"## 제{n // 20 + 1}장", ""]
        k = rnd.randint(2, 5)
        para = lines[i % len(lines):i % len(lines) + k]
        i += k
        if n % 9 == 4:
            para[-1] += " " + ERRORS[n % len(ERRORS)]
        out += para + [""]
        n += 1
        total = sum(len(x.encode("utf-8")) + 1 for x in out)
    return "\n".join(out)


class Client:
    def __init__(self, cmd: list[str], settings: dict):
        self.t_start = time.perf_counter()
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.settings = settings
        self.q: queue.Queue = queue.Queue()
        self.id = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        f = self.p.stdout
        while True:
            line = f.readline()
            if not line:
                self.q.put((time.perf_counter(), None))
                return
            if line.startswith(b"Content-Length:"):
                n = int(line.split(b":")[1])
                while f.readline() not in (b"\r\n", b""):
                    pass
                msg = json.loads(f.read(n))
                now = time.perf_counter()
                if "method" in msg and "id" in msg:  # a request from the server
                    result = None
                    if msg["method"] == "workspace/configuration":
                        result = [self.settings for _ in msg["params"]["items"]]
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
                    continue
                self.q.put((now, msg))

    def send(self, obj) -> None:
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        with self.lock:
            self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.p.stdin.flush()

    def request(self, method: str, params) -> int:
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        return self.id

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, pred, timeout: float = 300.0):
        end = time.perf_counter() + timeout
        while True:
            t, m = self.q.get(timeout=max(0.001, end - time.perf_counter()))
            if m is None:
                raise EOFError("the server exited")
            if pred(m):
                return t, m


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=200_000, help="document size in UTF-8 bytes")
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()

    text = build_document(args.corpus, args.size)
    lines = text.split("\n")
    uri = "file:///bench/benchmark.md"
    rows: list[tuple[str, str]] = []

    settings = {"debounce": 0}
    c = Client([sys.executable, "-m", "hanproof", "serve"], settings)
    t0 = time.perf_counter()
    rid = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": True},
        "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": False}},
        "textDocument": {"publishDiagnostics": {"versionSupport": True}}}})
    t1, _ = c.wait(lambda m: m.get("id") == rid)
    rows.append(("initialize: process start → response", f"{(t1 - c.t_start) * 1000:.0f} ms"))
    rows.append(("initialize: request written → response", f"{(t1 - t0) * 1000:.0f} ms"))
    ti = time.perf_counter()
    c.notify("initialized", {})
    tr, _ = c.wait(lambda m: m.get("method") == "window/logMessage" and "ready in" in m["params"]["message"])
    rows.append(("analyser ready after `initialized` (Kiwi load)", f"{(tr - ti) * 1000:.0f} ms"))

    # cold check of the whole document
    to = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    tf, first = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    rid = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
    tc, full = c.wait(lambda m: m.get("id") == rid)
    cold = tc - to
    n_diag = len(full["result"]["items"])
    rows.append((f"didOpen → first diagnostics ({len(text.encode()):,} B, {len(text):,} chars, cold)",
                 f"{(tf - to) * 1000:.0f} ms ({len(first['params']['diagnostics'])} diagnostics)"))
    rows.append(("didOpen → complete diagnostics (cold full check)", f"{cold * 1000:.0f} ms ({n_diag} diagnostics)"))

    def edit_round(n: int, tag: str) -> list[float]:
        times = []
        version = c_version[0]
        mid = len(lines) // 2
        while not lines[mid].strip() or lines[mid].startswith("#"):
            mid += 1
        for i in range(n):
            version += 1
            new = f"{tag}{i}번째 수정으로 몇일 뒤에 고친 줄. " + lines[mid]
            old = lines[mid]
            change = {"range": {"start": {"line": mid, "character": 0},
                                "end": {"line": mid, "character": utf16_len(old)}}, "text": new}
            lines[mid] = new
            ts = time.perf_counter()
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                "contentChanges": [change]})
            te, _ = c.wait(lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"].get("version") == v)
            times.append(te - ts)
            time.sleep(0.05)
        c_version[0] = version
        return times

    c_version = [1]
    edit_round(2, "준비")  # warm up the edit path (first edit touches lazy code paths)
    fast = edit_round(args.edits, "가")
    rows.append((f"one-line edit → diagnostics, debounce 0 (median of {args.edits})",
                 f"{statistics.median(fast) * 1000:.1f} ms (min {min(fast) * 1000:.1f}, max {max(fast) * 1000:.1f})"))
    # the default debounce
    settings.pop("debounce")
    c.notify("workspace/didChangeConfiguration", {"settings": None})
    time.sleep(1.0)
    while not c.q.empty():
        c.q.get()
    slow = edit_round(args.edits, "나")
    rows.append((f"one-line edit → diagnostics, debounce 150 ms (median of {args.edits})",
                 f"{statistics.median(slow) * 1000:.1f} ms (min {min(slow) * 1000:.1f}, max {max(slow) * 1000:.1f})"))
    rows.append(("edit latency (debounce 0) / cold full check",
                 f"{statistics.median(fast) / cold * 100:.1f} % (target ≤ 10 %)"))
    rid = c.request("shutdown", None)
    c.wait(lambda m: m.get("id") == rid)
    c.notify("exit", None)
    c.p.wait(30)

    # in-process breakdown of one edit (same document)
    from hanproof.engine import Engine
    from hanproof.extract import extract_document
    from hanproof.lsp.chunks import ChunkedText

    doc = "\n".join(lines)
    ct = ChunkedText("markdown")
    chunks = ct.update(doc, None)
    mid = len(lines) // 2 + 3
    a = sum(len(x) + 1 for x in lines[:mid])

    def timeit(fn, n=5):
        best = float("inf")
        for _ in range(n):
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        return best

    t_whole = timeit(lambda: extract_document(doc, "markdown"))
    ins = "몇일 "
    doc2 = doc[:a] + ins + doc[a:]
    t_chunk = timeit(lambda: ct.update(doc2, chunks, [(a, a, len(ins))]))
    eng = Engine()
    ex = extract_document(doc, "markdown")
    eng.check(doc, "markdown", extracted=ex)
    t_warm = timeit(lambda: eng.check(doc, "markdown", extracted=ex), 3)
    rows.append(("in-process: whole-document extraction (markdown-it)", f"{t_whole * 1000:.1f} ms"))
    rows.append(("in-process: chunked extraction after a one-line edit", f"{t_chunk * 1000:.1f} ms"))
    rows.append(("in-process: check with every paragraph cached", f"{t_warm * 1000:.1f} ms"))

    w = max(len(k) for k, _ in rows)
    print(f"{'measure':<{w}}  value")
    print(f"{'-' * w}  {'-' * 30}")
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
