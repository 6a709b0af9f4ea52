"""Pull diagnostics: a client that supports textDocument/diagnostic and refresh gets pull only."""
from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

from .helpers import SERVER_CMD, Session, capabilities, expected, got, make_client

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_CMD, client_factory=make_client))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("pull")
    lsp_client.set_configuration({"hanproof": {}})
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities("visual_studio_code", encoding="utf-8", pull=True), root_uri=root.as_uri()))
    lsp_client.encoding = "utf-8"
    lsp_client.init_result = result
    lsp_client.session = Session(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


async def pull(client, uri, previous=None):
    return await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous))


async def test_pull_only(client, engine):
    assert client.init_result.capabilities.diagnostic_provider is not None
    s = client.session
    uri = s.uri("a.md")
    text = "😀 몇일 뒤에 할께요.\n"
    s.open(uri, text)
    report = await pull(client, uri)  # waits for the analyser, then answers
    assert report.kind == "full"
    assert got(report.items) == expected(engine, text, "markdown", "utf-8")
    again = await pull(client, uri, report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id
    # an edit: the next pull has the new result
    s.change(uri, (0, 0, "그러면 안 되요. "))
    report2 = await pull(client, uri, report.result_id)
    assert report2.kind == "full" and report2.result_id != report.result_id
    assert got(report2.items) == expected(engine, client.texts[uri], "markdown", "utf-8")
    await asyncio.sleep(0.3)
    assert uri not in client.published  # nothing pushed to a pull client


async def test_refresh_after_configuration_change(client):
    s = client.session
    uri = s.uri("b.md")
    s.open(uri, "그러면 안 되요.\n")
    report = await pull(client, uri)
    assert "grammar.dwaeyo" in {d.code for d in report.items}
    before = client.diagnostic_refresh_count
    client.set_configuration({"hanproof": {"ignore": ["grammar"]}})
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await s.wait_for(lambda: client.diagnostic_refresh_count > before)
    report = await pull(client, uri, report.result_id)
    assert report.kind == "full" and "grammar.dwaeyo" not in {d.code for d in report.items}


async def test_pull_unknown_document(client):
    with pytest.raises(JsonRpcException):
        await pull(client, client.session.uri("nope.md"))
