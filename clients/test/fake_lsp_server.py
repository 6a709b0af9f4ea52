#!/usr/bin/env python3
"""A stand-in for `hanproof serve` used by the editor-client tests.

It speaks just enough LSP over stdio for a client to attach, and writes what it
receives as JSON lines to the file named by $HANPROOF_FAKE_LOG (or argv[1]):

  {"event": "initialize", "rootUri": ..., "workspaceFolders": ...}
  {"event": "configuration", "result": [...]}      # answer to workspace/configuration
  {"event": "didOpen", "uri": ..., "languageId": ...}
  {"event": "didChangeConfiguration", "settings": ...}
  {"event": "executeCommand", "command": ..., "arguments": [...]}

Environment switches for failure tests: HANPROOF_FAKE_CRASH=1 exits with code 3
before reading anything; HANPROOF_FAKE_EXIT_AFTER_INIT=1 exits with code 4 right
after the `initialized` notification.

Standard library only; no part of the real server is used.
"""

from __future__ import annotations

import json
import os
import sys

LOG = os.environ.get("HANPROOF_FAKE_LOG") or (sys.argv[1] if len(sys.argv) > 1 else os.devnull)


def log(event: str, **data) -> None:
    with open(LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps({"event": event, **data}, ensure_ascii=False) + "\n")


def read_message(stream):
    headers = {}
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.decode("ascii").strip()
        if not line:
            break
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    return json.loads(stream.read(length).decode("utf-8"))


def send(stream, message: dict) -> None:
    body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


def main() -> int:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    if os.environ.get("HANPROOF_FAKE_CRASH"):
        sys.stderr.write("hanproof-fake: crashing on purpose at startup\n")
        return 3
    while True:
        msg = read_message(stdin)
        if msg is None:
            return 0
        method = msg.get("method")
        params = msg.get("params") or {}
        if method is None:  # a response to one of our requests
            if msg.get("id") == "cfg-1":
                log("configuration", result=msg.get("result"), error=msg.get("error"))
            continue
        if method == "initialize":
            log(
                "initialize",
                rootUri=params.get("rootUri"),
                workspaceFolders=params.get("workspaceFolders"),
                processId=params.get("processId"),
            )
            send(stdout, {
                "id": msg["id"],
                "result": {
                    "capabilities": {
                        "textDocumentSync": 1,
                        "executeCommandProvider": {"commands": ["hanproof.fixAll"]},
                    },
                    "serverInfo": {"name": "hanproof-fake", "version": "0"},
                },
            })
        elif method == "initialized":
            if os.environ.get("HANPROOF_FAKE_EXIT_AFTER_INIT"):
                log("exit-after-init")
                sys.stderr.write("hanproof-fake: exiting after initialization on purpose\n")
                return 4
            send(stdout, {
                "id": "cfg-1",
                "method": "workspace/configuration",
                "params": {"items": [{"section": "hanproof"}]},
            })
        elif method == "textDocument/didOpen":
            doc = params.get("textDocument", {})
            log("didOpen", uri=doc.get("uri"), languageId=doc.get("languageId"))
        elif method == "workspace/didChangeConfiguration":
            log("didChangeConfiguration", settings=params.get("settings"))
        elif method == "workspace/didChangeWatchedFiles":
            log("didChangeWatchedFiles", changes=params.get("changes"))
        elif method == "workspace/executeCommand":
            log("executeCommand", command=params.get("command"), arguments=params.get("arguments"))
            send(stdout, {"id": msg["id"], "result": None})
        elif method == "shutdown":
            log("shutdown")
            send(stdout, {"id": msg["id"], "result": None})
        elif method == "exit":
            return 0
        elif "id" in msg:  # any other request: answer so that clients do not wait
            send(stdout, {"id": msg["id"], "result": None})


if __name__ == "__main__":
    sys.exit(main())
