"""The wire level, with a bare JSON-RPC client: malformed input never stops the server,
every request gets a response, stdout carries only LSP messages, initialize is fast.

These sessions never send `initialized`, so Kiwi is not loaded: they are quick.
"""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

from .helpers import SERVER_CMD


class RawClient:
    def __init__(self):
        self.p = subprocess.Popen(SERVER_CMD, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.q: queue.Queue = queue.Queue()
        self.garbage: list[bytes] = []
        self.id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self.p.stderr.read, daemon=True).start()

    def _read(self):
        f = self.p.stdout
        while True:
            line = f.readline()
            if not line:
                self.q.put(None)
                return
            if not line.startswith(b"Content-Length:"):
                self.garbage.append(line)
                continue
            n = int(line.split(b":")[1])
            while True:
                h = f.readline()
                if h in (b"\r\n", b""):
                    break
                if not h.startswith(b"Content-Type:"):
                    self.garbage.append(h)
            self.q.put(json.loads(f.read(n)))

    def raw(self, body: bytes) -> None:
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def send(self, obj) -> None:
        self.raw(json.dumps(obj).encode("utf-8"))

    def request(self, method, params=None) -> int:
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        return self.id

    def response(self, rid, timeout=20):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                m = self.q.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if m is None:
                raise EOFError("server exited")
            if m.get("id") == rid and "method" not in m:
                return m
        raise TimeoutError(f"no response to {rid}")

    def initialize(self, **caps):
        rid = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": caps})
        return self.response(rid)

    def close(self):
        try:
            self.p.kill()
        except OSError:
            pass
        self.p.wait(10)


def test_initialize_is_fast_and_stdout_is_clean():
    c = RawClient()
    try:
        t0 = time.monotonic()
        r = c.initialize()
        elapsed = time.monotonic() - t0  # process start, imports and the round trip
        assert "result" in r and r["result"]["capabilities"]["positionEncoding"] == "utf-16"
        assert elapsed < 3.0, elapsed  # ~0.5 s here; Kiwi is not loaded before `initialized`
        rid = c.request("shutdown")
        assert c.response(rid) == {"jsonrpc": "2.0", "id": rid, "result": None}
        c.send({"jsonrpc": "2.0", "method": "exit"})
        assert c.p.wait(20) == 0
        assert c.garbage == []
    finally:
        c.close()


def test_malformed_messages_never_stop_the_server():
    c = RawClient()
    try:
        # a request before initialize: ServerNotInitialized
        rid = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x"}, "position": {"line": 0, "character": 0}})
        assert c.response(rid)["error"]["code"] == -32002
        c.initialize()
        c.raw(b"{not json")                          # unparsable body
        c.raw(b"[1, 2, 3]")                          # not an object
        c.raw(b"42")
        c.raw(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"bogus": 1}}')  # bad notification
        c.raw(b'{"jsonrpc": "2.0", "method": "no/such/notification", "params": {}}')
        c.p.stdin.write(b"Content-Length: abc\r\n\r\n")  # a broken header
        c.p.stdin.flush()
        # invalid params: an error response with the request's id
        rid = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x"}})
        err = c.response(rid)["error"]
        assert err["code"] == -32602 and "position" in err["message"]
        rid = c.request("textDocument/codeAction", {"textDocument": {"uri": 5}, "range": None, "context": {}})
        assert c.response(rid)["error"]["code"] == -32602
        # an object without "jsonrpc"
        c.send({"id": 77, "method": "textDocument/hover", "params": {}})
        assert c.response(77)["error"]["code"] == -32600
        # unknown method
        rid = c.request("hanproof/unknown", {})
        assert c.response(rid)["error"]["code"] == -32601
        # unknown document
        rid = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nope.md"},
                                               "position": {"line": 0, "character": 0}})
        assert c.response(rid)["error"]["code"] == -32602
        # still answering
        rid = c.request("shutdown")
        assert "result" in c.response(rid)
        # after shutdown, requests get an error
        rid = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nope.md"},
                                               "position": {"line": 0, "character": 0}})
        assert c.response(rid)["error"]["code"] == -32600
        c.send({"jsonrpc": "2.0", "method": "exit"})
        assert c.p.wait(20) == 0
        assert c.garbage == []
    finally:
        c.close()


def test_exit_without_shutdown_is_an_error_exit():
    c = RawClient()
    try:
        c.initialize()
        c.send({"jsonrpc": "2.0", "method": "exit"})
        assert c.p.wait(20) == 1
    finally:
        c.close()


def test_serve_help():
    out = subprocess.run([sys.executable, "-m", "hanproof", "serve", "--help"], capture_output=True, timeout=60)
    assert out.returncode == 0 and b"--tcp" in out.stdout
