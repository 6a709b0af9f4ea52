"""End to end with the Neovim capability profile (0.11: UTF-8 positions negotiated).

Neovim supports pull diagnostics but not workspace/diagnostic/refresh, so the server
pushes to it. Settings come in `initializationOptions` here.
"""
from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from .helpers import SERVER_CMD, Session, capabilities, expected, got, make_client

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_CMD, client_factory=make_client))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("neovim")
    caps = capabilities("neovim")
    assert caps.general.position_encodings[0] == "utf-8"
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=caps, root_uri=root.as_uri(),
        initialization_options={"hanproof": {"severity": {"spacing": "information"}}}))
    enc = result.capabilities.position_encoding
    lsp_client.encoding = getattr(enc, "value", enc)
    lsp_client.init_result = result
    lsp_client.session = Session(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


async def test_negotiated_utf8_and_push(client):
    caps = client.init_result.capabilities
    assert client.encoding == "utf-8"
    assert caps.diagnostic_provider is None  # pull without refresh: push instead


async def test_emoji_before_hangul_utf8(client, engine):
    s = client.session
    uri = s.uri("emoji.md")
    s.open(uri, "😀😀 몇일 뒤에")
    diags = await s.diagnostics(uri)
    d = next(x for x in diags if x.code == "spelling.myeochil")
    # 😀 is 4 bytes, the space 1, each Hangul syllable 3
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (0, 9, 15)
    assert got(diags) == expected(engine, "😀😀 몇일 뒤에", "markdown", "utf-8")


async def test_crlf_and_edits_utf8(client, engine):
    from hanproof.config import from_mapping
    cfg = from_mapping({"severity": {"spacing": "information"}}, "test")
    s = client.session
    uri = s.uri("crlf.md")
    text = "😀 첫 줄.\r\n\r\n둘째 문단 몇일 뒤에 할께요.\r\n나도 할수 있다.\r\n"
    s.open(uri, text)
    diags = await s.diagnostics(uri)
    assert got(diags) == expected(engine, text, "markdown", "utf-8", cfg)
    # initializationOptions settings apply
    assert next(x for x in diags if x.code == "spacing.bound-noun-su").severity == types.DiagnosticSeverity.Information
    t = lambda: client.texts[uri]  # noqa: E731
    for edit in ([(t().index("둘째"), t().index("둘째"), "😀😀 그러면 안 되요. ")],
                 [(t().index("\r\n나도"), t().index("\r\n나도") + 2, "\r\n\r\n")],      # split
                 [(t().index("첫 줄.") + 4, t().index("둘째") - 4, "")],                 # join
                 [(len(t()), len(t()), "끝 😀 몇일\r\n")]):
        v = s.change(uri, *edit)
        assert got(await s.diagnostics(uri, v)) == expected(engine, t(), "markdown", "utf-8", cfg), t()


async def test_code_action_round_trip_utf8(client):
    s = client.session
    uri = s.uri("fix.md")
    text = "😀 몇일 뒤에 할께요.\n"
    s.open(uri, text)
    diags = await s.diagnostics(uri)
    actions = await s.code_actions(uri, 0, len(text) - 1, diags)
    preferred = [a for a in actions if a.is_preferred]
    assert [s.apply(uri, a) for a in preferred] == ["😀 며칠 뒤에 할께요.\n", "😀 몇일 뒤에 할게요.\n"]
    fix_all = await s.code_actions(uri, 0, 0, [], only=["source.fixAll.hanproof"])
    assert s.apply(uri, fix_all[0]) == "😀 며칠 뒤에 할게요.\n"


async def test_hover_utf8(client):
    s = client.session
    uri = s.uri("hover.md")
    s.open(uri, "😀 그러면 안 되요.\n")
    await s.diagnostics(uri)
    h = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=19)))
    assert h is not None and "돼요" in h.contents.value and "한글 맞춤법 제35항" in h.contents.value
    assert (h.range.start.character, h.range.end.character) == (19, 25)  # 4+1+9+1+3+1 bytes before 되
