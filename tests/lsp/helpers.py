"""Helpers for the end-to-end language server tests (pytest-lsp over stdio).

The `engine` fixture (expected findings) comes from tests/conftest.py.

Each test module starts one server (module-scoped fixture): a start loads Kiwi (a few
seconds). The client records every publishDiagnostics with its version, applies
workspace/applyEdit requests to its own copy of the documents and accepts dynamic
registrations, like an editor would.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from hanproof.textindex import LineIndex

SERVER_CMD = [sys.executable, "-m", "hanproof", "serve"]
TIMEOUT = 60


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = {}        # uri -> [(version, diagnostics)]
    client.texts = {}            # uri -> text as the client has it
    client.versions = {}         # uri -> version
    client.apply_requests = []   # ApplyWorkspaceEditParams received
    client.registrations = []    # Registration received
    client.changed = None        # asyncio.Event, created in the loop

    def on_publish(c: LanguageClient, params: types.PublishDiagnosticsParams):
        c.diagnostics[params.uri] = params.diagnostics
        c.published.setdefault(params.uri, []).append((params.version, params.diagnostics))
        _poke(c)

    def on_apply_edit(c: LanguageClient, params: types.ApplyWorkspaceEditParams):
        c.apply_requests.append(params)
        for uri, edits in edits_of(params.edit).items():
            if uri not in c.texts:
                return types.ApplyWorkspaceEditResult(applied=False, failure_reason=f"unknown {uri}")
            c.texts[uri] = apply_edits(c.texts[uri], edits, c.encoding)
        _poke(c)
        return types.ApplyWorkspaceEditResult(applied=True)

    def on_register(c: LanguageClient, params: types.RegistrationParams):
        c.registrations.extend(params.registrations)

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish
    features[types.WORKSPACE_APPLY_EDIT] = on_apply_edit
    features[types.CLIENT_REGISTER_CAPABILITY] = on_register
    register_lsp_features(client, features)
    client.encoding = "utf-16"
    _fix_code_action_union(client.protocol._converter)
    return client


def _fix_code_action_union(converter) -> None:
    """lsprotocol structures every code action that carries a `command` as a Command
    (it only checks that the key exists). Editors look at its type: so do we."""
    from typing import Union

    def hook(obj, _):
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, types.Command)
        return converter.structure(obj, types.CodeAction)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], hook)


def _poke(c: LanguageClient) -> None:
    if c.changed is not None:
        c.changed.set()


def edits_of(edit: types.WorkspaceEdit) -> dict[str, list[types.TextEdit]]:
    out: dict[str, list[types.TextEdit]] = {}
    for uri, edits in (edit.changes or {}).items():
        out.setdefault(uri, []).extend(edits)
    for dc in edit.document_changes or []:
        out.setdefault(dc.text_document.uri, []).extend(dc.edits)
    return out


def apply_edits(text: str, edits, encoding: str) -> str:
    """Apply non-overlapping TextEdits (positions in the given encoding), as editors do."""
    idx = LineIndex(text)
    spans = []
    for e in edits:
        a = idx.offset(e.range.start.line, e.range.start.character, encoding)
        b = idx.offset(e.range.end.line, e.range.end.character, encoding)
        spans.append((a, b, e.new_text))
    for a, b, new in sorted(spans, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:a] + new + text[b:]
    return text


def to_range(index: LineIndex, start: int, end: int, encoding: str) -> types.Range:
    l1, c1 = index.position(start, encoding)
    l2, c2 = index.position(end, encoding)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def expected(engine, text: str, language: str, encoding: str, config=None) -> list[tuple]:
    """What the server must publish: a from-scratch Engine().check, as (range, code)."""
    idx = LineIndex(text)
    out = []
    for f in engine.check(text, language, config):
        r = to_range(idx, f.start, f.end, encoding)
        out.append(((r.start.line, r.start.character, r.end.line, r.end.character), f.rule))
    return sorted(out)


def got(diags) -> list[tuple]:
    return sorted(((d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
                   d.code) for d in diags)


class Session:
    """A client plus the documents it has open."""

    def __init__(self, client: LanguageClient, root: Path):
        self.client = client
        self.root = root

    @property
    def encoding(self) -> str:
        return self.client.encoding

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.client.texts[uri] = text
        self.client.versions[uri] = version
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def change(self, uri: str, *edits: tuple[int, int, str]) -> int:
        """One didChange with several incremental changes, each (start, end, new text) in
        code points of the text as it is when that change applies."""
        text = self.client.texts[uri]
        changes = []
        for a, b, new in edits:
            idx = LineIndex(text)
            changes.append(types.TextDocumentContentChangePartial(range=to_range(idx, a, b, self.encoding), text=new))
            text = text[:a] + new + text[b:]
        self.client.texts[uri] = text
        self.client.versions[uri] += 1
        v = self.client.versions[uri]
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=v), content_changes=changes))
        return v

    def replace_all(self, uri: str, text: str) -> int:
        self.client.texts[uri] = text
        self.client.versions[uri] += 1
        v = self.client.versions[uri]
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=v),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return v

    async def wait_for(self, predicate, timeout: float = TIMEOUT):
        c = self.client
        if c.changed is None:
            c.changed = asyncio.Event()
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            v = predicate()
            if v:
                return v
            left = end - loop.time()
            if left <= 0:
                raise AssertionError("timed out waiting")
            c.changed.clear()
            try:
                await asyncio.wait_for(c.changed.wait(), min(left, 0.5))
            except asyncio.TimeoutError:
                pass

    async def diagnostics(self, uri: str, version: int | None = None, after: int = 0):
        """The first publication for `version` (default: the current one) after `after`
        publications of this uri."""
        version = self.client.versions.get(uri) if version is None else version

        def find():
            for v, d in self.client.published.get(uri, [])[after:]:
                if v == version:
                    return (d,)
            return None

        return (await self.wait_for(find))[0]

    def count(self, uri: str) -> int:
        return len(self.client.published.get(uri, []))

    async def code_actions(self, uri: str, start: int, end: int, diags=None, only=None):
        idx = LineIndex(self.client.texts[uri])
        return await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=to_range(idx, start, end, self.encoding),
            context=types.CodeActionContext(diagnostics=list(diags or []), only=only)))

    def apply(self, uri: str, action: types.CodeAction) -> str:
        edits = edits_of(action.edit)[uri]
        return apply_edits(self.client.texts[uri], edits, self.encoding)


def capabilities(profile: str, encoding: str | None = None, pull: bool = False) -> types.ClientCapabilities:
    from pytest_lsp import client_capabilities
    caps = client_capabilities(profile)
    if encoding is not None:
        caps.general = caps.general or types.GeneralClientCapabilities()
        caps.general.position_encodings = [encoding]
    if pull:
        caps.text_document.diagnostic = types.DiagnosticClientCapabilities(dynamic_registration=False)
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps
