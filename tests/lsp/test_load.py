"""Load: 20 open documents receiving 200 edits per second for 10 seconds.

One server (VS Code capability profile, UTF-16, push diagnostics). Each Markdown document
gets an incremental didChange every 100 ms (round-robin, 200 per second in all, paced in
real time, never waiting for diagnostics): a few characters inserted, deleted or
replaced somewhere, sometimes an error word or a paragraph break. Meanwhile the server
must answer hover requests promptly. Afterwards every document's last publication must
carry its final version and equal a from-scratch check of the final text; the debounce
must have coalesced the edits (far fewer publications than edits); the server's
resident memory (VmRSS from /proc) must stay bounded.
"""
from __future__ import annotations

import asyncio
import os
import random
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from .helpers import SERVER_CMD, Session, capabilities, expected, got, make_client

pytestmark = pytest.mark.asyncio(loop_scope="module")

N_DOCS = 20
RATE = 200          # didChange notifications per second, all documents together
DURATION = 10.0     # seconds of edits
SETTLE = 60         # at most this long for the final diagnostics
RSS_GROWTH_MB = 300  # bound on the server's memory growth during the flood
HOVER_LATENCY = 2.0  # seconds, for a request during the flood
PAUSE_P = 0.04      # after an edit, a document pauses (its turns go to the others) …
PAUSE = 0.25        # … for longer than the debounce, so checks also run during the flood

ERRORS = ["몇일 ", "할께요. ", "되요. ", "할수 있다. "]
CHARS = "가나다라마바사아자차카타파하은는이가을를에서도 .,"

PARAGRAPHS = [
    "오늘은 날씨가 맑아서 공원에 갔습니다. 몇일 뒤에 다시 오기로 했어요.",
    "내일은 제가 발표를 할께요. 준비는 거의 끝났습니다.",
    "그렇게 하면 안 되요. 다른 방법을 찾아 봅시다.",
    "누구나 연습하면 할수 있다. 포기하지 않는 것이 중요합니다.",
    "이 문단에는 틀린 곳이 없습니다. 문장이 차분하게 이어집니다.",
    "회의는 세 시에 시작합니다. 늦지 않게 와 주세요.",
]


def document(i: int) -> str:
    r = random.Random(i)
    paras = [f"# 문서 {i}"] + r.sample(PARAGRAPHS, 4)
    return "\n\n".join(paras) + "\n"


def rss_kb(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) of a process in kB; None without /proc (not Linux)."""
    if not os.path.exists(f"/proc/{pid}/status"):
        return None
    vals = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":", 1)
                vals[k] = int(v.split()[0])
    return vals["VmRSS"], vals["VmHWM"]


def random_edit(r: random.Random, text: str) -> tuple[int, int, str]:
    """(start, end, new text) in code points of the current text."""
    n = len(text)
    a = r.randint(0, n)
    k = r.random()
    if n > 1500 and k < 0.6:  # keep the documents a few paragraphs long
        return a, min(n, a + r.randint(5, 40)), ""
    if k < 0.35:    # type a few characters
        return a, a, "".join(r.choice(CHARS) for _ in range(r.randint(1, 3)))
    if k < 0.55:    # delete a few
        return a, min(n, a + r.randint(1, 4)), ""
    if k < 0.75:    # replace a few
        return a, min(n, a + r.randint(1, 4)), "".join(r.choice(CHARS) for _ in range(r.randint(1, 3)))
    if k < 0.87:    # an error word
        return a, a, r.choice(ERRORS)
    if k < 0.93:    # a paragraph break
        return a, a, "\n\n"
    if k < 0.97:    # join two paragraphs
        i = text.find("\n\n", a)
        return (i, i + 2, " ") if i >= 0 else (a, a, "")
    return a, a, "😀"  # two UTF-16 code units


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_CMD, client_factory=make_client))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("load")
    lsp_client.set_configuration({"hanproof": {}})
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities("visual_studio_code"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="load")]))
    enc = result.capabilities.position_encoding
    lsp_client.encoding = getattr(enc, "value", enc)
    lsp_client.session = Session(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


async def hover_timed(client: LanguageClient, uri: str, line: int, character: int):
    t = time.monotonic()
    res = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))
    return time.monotonic() - t, res


async def test_load(client, engine):
    s: Session = client.session
    assert client.encoding == "utf-16"
    loop = asyncio.get_running_loop()
    test_start = loop.time()

    uris = [s.uri(f"doc{i:02}.md") for i in range(N_DOCS)]
    for i, uri in enumerate(uris):
        s.open(uri, document(i))
    # a document nobody edits: hovering it must not wait for the flood
    idle = s.uri("idle.md")
    s.open(idle, "몇일 뒤에 봐요.\n")
    for uri in uris + [idle]:
        diags = await s.diagnostics(uri, 1)
        assert got(diags) == expected(engine, client.texts[uri], "markdown", "utf-16")

    pid = client._server.pid  # the server's asyncio subprocess (pygls' JsonRPCClient._server)
    mem_start = rss_kb(pid)
    before = {uri: s.count(uri) for uri in uris}

    # ---------------------------------------------------------------- the flood
    r = random.Random(20240601)
    edits = {uri: 0 for uri in uris}
    paused_until = {uri: 0.0 for uri in uris}
    hovers = []  # (kind, task of (latency, result))
    total = int(RATE * DURATION)
    hover_at = {int(total * f) for f in (0.3, 0.6, 0.9)}
    sent = 0
    turn = 0
    t0 = loop.time()
    while True:
        now = loop.time()
        if now - t0 >= DURATION:
            break
        due = min(int((now - t0) * RATE) + 1, total)
        while sent < due:
            # round-robin, skipping documents that are pausing
            for k in range(N_DOCS):
                uri = uris[(turn + k) % N_DOCS]
                if paused_until[uri] <= now:
                    turn += k + 1
                    break
            else:
                uri = uris[turn % N_DOCS]
                turn += 1
            s.change(uri, random_edit(r, client.texts[uri]))
            edits[uri] += 1
            if r.random() < PAUSE_P:
                paused_until[uri] = now + PAUSE
            if sent in hover_at:
                hovers.append(("idle", loop.create_task(hover_timed(client, idle, 0, 1))))
                hovers.append(("busy", loop.create_task(hover_timed(client, uri, 0, 0))))
            sent += 1
        await asyncio.sleep(0.004)
    t_end = loop.time()
    flood = t_end - t0
    during = {uri: s.count(uri) - before[uri] for uri in uris}  # published while editing

    # ---------------------------------------------------------------- settle
    finals = {uri: (client.versions[uri], client.texts[uri]) for uri in uris}

    def settled():
        for uri in uris:
            pubs = client.published.get(uri) or []
            if not pubs or pubs[-1][0] != finals[uri][0]:
                return False
        return True

    await s.wait_for(settled, SETTLE)
    settle = loop.time() - t_end
    want = {uri: expected(engine, text, "markdown", "utf-16") for uri, (_, text) in finals.items()}
    await asyncio.sleep(0.5)  # nothing may follow the final publication
    results = [(kind, await task) for kind, task in hovers]
    mem_end = rss_kb(pid)

    publishes = {uri: len(client.published[uri]) - before[uri] for uri in uris}
    n_findings = sum(len(w) for w in want.values())
    print(f"\nload: {sent} edits in {flood:.1f} s ({sent / flood:.0f}/s) over {N_DOCS} documents, "
          f"{min(edits.values())}-{max(edits.values())} edits per document")
    print(f"load: {sum(publishes.values())} publications after the edits began "
          f"({min(publishes.values())}-{max(publishes.values())} per document, "
          f"{sum(during.values())} of them during the edits); "
          f"all final diagnostics {settle:.2f} s after the last edit, {n_findings} findings in all")
    print("load: hover latency during the edits: "
          + ", ".join(f"{k} {lat * 1000:.0f} ms ({'answer' if res else 'null'})" for k, (lat, res) in results))
    if mem_start and mem_end:
        print(f"load: server VmRSS {mem_start[0] / 1024:.0f} MB after the first diagnostics, "
              f"{mem_end[0] / 1024:.0f} MB at the end (peak VmHWM {mem_end[1] / 1024:.0f} MB)")
    print(f"load: the test took {loop.time() - test_start:.1f} s")

    # the rate was real
    assert sent == total
    assert flood < DURATION + 1.0
    # final diagnostics: final version, equal to a from-scratch check of the final text
    for uri in uris:
        version, text = finals[uri]
        assert client.versions[uri] == version and client.texts[uri] == text
        last_version, diags = client.published[uri][-1]
        assert last_version == version
        assert got(diags) == want[uri], (uri, text)
        # versions never go backwards (results for outdated versions are dropped)
        vs = [v for v, _ in client.published[uri][before[uri]:]]
        assert vs == sorted(vs), (uri, vs)
    assert n_findings > N_DOCS  # the documents really have findings to compare
    assert settle < 5.0
    # checks did run during the flood (the pauses), and the debounce coalesced the edits
    assert sum(during.values()) > 0
    for uri in uris:
        assert publishes[uri] <= edits[uri] // 5, (uri, publishes[uri], edits[uri])
    # responsive during the flood: the idle document at once; the edited one within the
    # server's wait for the current version (ACTION_WAIT, 3 s) plus slack
    for kind, (lat, res) in results:
        if kind == "idle":
            assert lat < HOVER_LATENCY, results
            assert res is not None and "며칠" in res.contents.value
        else:
            assert lat < 5.0, results
    # memory stays bounded
    if mem_start and mem_end:
        assert mem_end[0] < mem_start[0] + RSS_GROWTH_MB * 1024, (mem_start, mem_end)
