"""End to end with the VS Code capability profile (UTF-16, push diagnostics).

One server for the module. Workspace folders: main/ (most tests), words/ (add word),
rules/ (disable rule), so tests that write workspace files do not affect the others.
"""
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
    root = tmp_path_factory.mktemp("vscode")
    for name in ("main", "words", "rules"):
        (root / name).mkdir()
    caps = capabilities("visual_studio_code")
    lsp_client.set_configuration({"hanproof": {}})
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=caps, root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=(root / n).as_uri(), name=n) for n in ("main", "words", "rules")]))
    lsp_client.encoding = "utf-16"
    lsp_client.init_result = result
    lsp_client.session = Session(lsp_client, root / "main")
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


def S(client) -> Session:
    return client.session


async def test_initialize_result(client):
    caps = client.init_result.capabilities
    assert caps.position_encoding in (types.PositionEncodingKind.Utf16, "utf-16")
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.hover_provider
    kinds = {getattr(k, "value", k) for k in caps.code_action_provider.code_action_kinds}
    assert {"quickfix", "source.fixAll.hanproof"} <= kinds
    assert {"hanproof.addWord", "hanproof.disableRule", "hanproof.fixAll"} <= set(caps.execute_command_provider.commands)
    assert caps.diagnostic_provider is None  # VS Code 1.65 has no pull diagnostics: push
    assert client.init_result.server_info.name == "hanproof"


async def test_emoji_before_hangul_utf16(client, engine):
    s = S(client)
    uri = s.uri("emoji.txt")
    s.open(uri, "😀😀 몇일 뒤에", "plaintext")
    diags = await s.diagnostics(uri)
    d = [x for x in diags if x.code == "spelling.myeochil"]
    assert len(d) == 1
    assert (d[0].range.start.line, d[0].range.start.character, d[0].range.end.character) == (0, 5, 7)
    assert got(diags) == expected(engine, "😀😀 몇일 뒤에", "plaintext", "utf-16")
    # everything a code action needs travels with the diagnostic
    assert d[0].source == "hanproof"
    assert d[0].severity == types.DiagnosticSeverity.Error
    assert d[0].code_description.href.endswith("/docs/rules.md#spellingmyeochil")
    assert d[0].data["rule"] == "spelling.myeochil" and d[0].data["text"] == "몇일"
    assert d[0].data["suggestions"][0] == "며칠" and d[0].data["version"] == 1


async def test_kiwi_loading_progress(client):
    # the loading progress was created, begun and ended (the client supports it)
    ends = [t for t, vals in client.progress_reports.items()
            if vals and isinstance(vals[0], types.WorkDoneProgressBegin) and isinstance(vals[-1], types.WorkDoneProgressEnd)]
    assert ends


async def test_crlf(client, engine):
    s = S(client)
    uri = s.uri("crlf.md")
    text = "첫 줄입니다.\r\n\r\n둘째 줄에 😀 몇일 뒤에 할께요.\r\n셋째 줄도 그러면 안 되요.\r\n"
    s.open(uri, text)
    diags = await s.diagnostics(uri)
    assert got(diags) == expected(engine, text, "markdown", "utf-16")
    d = {x.code: x for x in diags}
    r = d["grammar.dwaeyo"].range
    assert (r.start.line, r.start.character, r.end.line, r.end.character) == (3, 12, 3, 14)
    r = d["spelling.myeochil"].range
    assert (r.start.line, r.start.character) == (2, 9)


async def test_incremental_edits(client, engine):
    s = S(client)
    uri = s.uri("edits.md")
    text = ("# 제목\n\n첫 문단입니다. 몇일 뒤에 봐요.\n둘째 줄입니다.\n\n"
            "두 번째 문단은 깨끗합니다.\n\n- 목록 항목 할께요\n- 다른 항목\n\n마지막 문단.\n")
    s.open(uri, text)
    assert got(await s.diagnostics(uri)) == expected(engine, text, "markdown", "utf-16")

    def t():
        return client.texts[uri]

    steps = [
        # insert an error into a clean paragraph
        lambda: [(t().index("깨끗합니다") , t().index("깨끗합니다"), "나도 할수 있고 ")],
        # delete an error
        lambda: [(t().index("몇일 "), t().index("몇일 ") + 3, "")],
        # split a paragraph in two
        lambda: [(t().index("둘째 줄"), t().index("둘째 줄"), "\n")],
        # join two paragraphs (remove the blank line)
        lambda: [(t().index("\n\n두 번째"), t().index("\n\n두 번째") + 1, "")],
        # several changes in one notification, one at the very start, one at the end
        lambda: [(0, 0, "서문에 몇일.\n\n"), (len(t()) + len("서문에 몇일.\n\n"), len(t()) + len("서문에 몇일.\n\n"),
                                             "\n끝에 추가한 문단이 되요.\n")],
        # replace across paragraphs
        lambda: [(t().index("제목"), t().index("마지막"), "새 문단 😀 몇일\n\n")],
    ]
    for step in steps:
        v = s.change(uri, *step())
        diags = await s.diagnostics(uri, v)
        assert got(diags) == expected(engine, t(), "markdown", "utf-16"), t()
    # a whole-document change
    v = s.replace_all(uri, "완전히 새 글. 그러면 안 되요.\n")
    assert got(await s.diagnostics(uri, v)) == expected(engine, t(), "markdown", "utf-16")


async def test_outdated_versions_are_never_published(client, engine):
    s = S(client)
    uri = s.uri("burst.md")
    s.open(uri, "가나다.\n")
    await s.diagnostics(uri)
    before = s.count(uri)
    for i in range(6):  # faster than the debounce
        s.change(uri, (0, 0, f"몇일 {i} "))
    final = client.versions[uri]
    diags = await s.diagnostics(uri, final, after=before)
    await asyncio.sleep(0.6)
    assert [v for v, _ in client.published[uri][before:]] == [final]
    assert got(diags) == expected(engine, client.texts[uri], "markdown", "utf-16")


async def test_hover(client):
    s = S(client)
    uri = s.uri("hover.md")
    s.open(uri, "오늘은 몇일 뒤에 만나요.\n\n깨끗한 문장입니다.\n")
    await s.diagnostics(uri)
    h = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=5)))
    assert h is not None and h.contents.kind == types.MarkupKind.Markdown
    v = h.contents.value
    assert "몇일" in v and "며칠" in v
    assert "어원이 분명하지 않아" in v          # explanation
    assert "한글 맞춤법 제27항" in v           # norm and article
    assert "틀린 예" in v and "바른 예" in v   # a wrong and a right example
    assert (h.range.start.line, h.range.start.character, h.range.end.character) == (0, 4, 6)
    none = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=1)))
    assert none is None


async def test_quickfix_replace_and_fix_all(client):
    s = S(client)
    uri = s.uri("fix.md")
    text = "몇일 뒤에 할께요.\n"
    s.open(uri, text)
    diags = await s.diagnostics(uri)
    d = next(x for x in diags if x.code == "spelling.myeochil")
    actions = await s.code_actions(uri, 0, 2, [d])
    replace = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.edit is not None
               and a.title.startswith("'")]
    assert replace and replace[0].is_preferred
    assert s.apply(uri, replace[0]) == "며칠 뒤에 할께요.\n"
    assert replace[0].diagnostics and replace[0].diagnostics[0].code == "spelling.myeochil"
    # fix-all (for fix-on-save): only the requested kind comes back
    fix_all = await s.code_actions(uri, 0, 0, [], only=["source.fixAll"])
    assert [a.kind for a in fix_all] == ["source.fixAll.hanproof"]
    assert s.apply(uri, fix_all[0]) == "며칠 뒤에 할게요.\n"
    only_quick = await s.code_actions(uri, 0, 2, [d], only=[types.CodeActionKind.QuickFix])
    assert all(a.kind == types.CodeActionKind.QuickFix for a in only_quick)


async def test_fix_all_of_one_rule(client):
    s = S(client)
    uri = s.uri("rulefix.md")
    text = "몇일 뒤에 봐요.\n\n다음 몇일 동안 할께요.\n"
    s.open(uri, text)
    diags = await s.diagnostics(uri)
    d = next(x for x in diags if x.code == "spelling.myeochil")
    actions = await s.code_actions(uri, 0, 2, [d])
    rule_all = [a for a in actions if "모두 고치기" in a.title and a.kind == types.CodeActionKind.QuickFix]
    assert len(rule_all) == 1
    assert s.apply(uri, rule_all[0]) == "며칠 뒤에 봐요.\n\n다음 며칠 동안 할께요.\n"


async def test_ignore_here_inserts_a_comment(client):
    s = S(client)
    # Markdown: an HTML comment line above, with the document's line ending
    uri = s.uri("ignore.md")
    text = "첫 줄.\r\n  몇일 뒤에 봐요.\r\n"
    s.open(uri, text)
    diags = await s.diagnostics(uri)
    d = next(x for x in diags if x.code == "spelling.myeochil")
    actions = await s.code_actions(uri, text.index("몇일"), text.index("몇일") + 2, [d])
    ign = next(a for a in actions if a.title.startswith("이 줄에서"))
    new = s.apply(uri, ign)
    assert new == "첫 줄.\r\n  <!-- hanproof-disable-next-line spelling.myeochil -->\r\n  몇일 뒤에 봐요.\r\n"
    # applied, the finding is gone (the engine honours the comment)
    v = s.replace_all(uri, new)
    assert not [x for x in await s.diagnostics(uri, v) if x.code == "spelling.myeochil"]
    # Python: a line comment above a comment line
    uri = s.uri("ignore.py")
    text = "x = 1\n    # 몇일 뒤에 고친다\n"
    s.open(uri, text, "python")
    diags = await s.diagnostics(uri)
    d = next(x for x in diags if x.code == "spelling.myeochil")
    a = text.index("몇일")
    actions = await s.code_actions(uri, a, a + 2, [d])
    ign = next(x for x in actions if x.title.startswith("이 줄에서"))
    assert s.apply(uri, ign) == "x = 1\n    # hanproof-disable-next-line spelling.myeochil\n    # 몇일 뒤에 고친다\n"
    # plain text has no comments: the directive alone on its line is the marker
    uri = s.uri("ignore.txt")
    s.open(uri, "몇일 뒤에\n", "plaintext")
    diags = await s.diagnostics(uri)
    actions = await s.code_actions(uri, 0, 2, diags)
    ign = next(x for x in actions if x.title.startswith("이 줄에서"))
    assert s.apply(uri, ign) == "hanproof-disable-next-line spelling.myeochil\n몇일 뒤에\n"
    # in a Python string (not a comment line) there is no place for a comment: no action
    uri = s.uri("ignore2.py")
    text = 'x = 1\n\n\ndef f():\n    """몇일 뒤에 고친다."""\n'
    s.open(uri, text, "python")
    diags = [x for x in await s.diagnostics(uri) if x.code == "spelling.myeochil"]
    if diags:  # docstrings are prose for the code extractor
        a = text.index("몇일")
        actions = await s.code_actions(uri, a, a + 2, diags)
        assert not [x for x in actions if x.title.startswith("이 줄에서")]


async def test_fix_all_command_applies_edit(client):
    s = S(client)
    uri = s.uri("cmdfix.md")
    s.open(uri, "몇일 뒤에 할께요.\n")
    await s.diagnostics(uri)
    res = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="hanproof.fixAll", arguments=[{"uri": uri}]))
    assert res == {"applied": True, "fixed": 2}
    assert client.texts[uri] == "며칠 뒤에 할게요.\n"


async def test_add_word(client):
    root = client.root / "words"
    s = Session(client, root)
    uri = s.uri("doc.md")
    s.open(uri, "몇일 뒤에 카톡해.\n")
    diags = await s.diagnostics(uri)
    d = next(x for x in diags if x.code == "spelling.myeochil")
    actions = await s.code_actions(uri, 0, 2, [d])
    add = next(a for a in actions if a.command is not None and a.command.command == "hanproof.addWord")
    before = s.count(uri)
    res = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=add.command.command, arguments=add.command.arguments))
    assert res["added"] is True
    words = root / ".hanproof-words.txt"
    assert words.read_text(encoding="utf-8").splitlines() == ["몇일"]
    # the documents are checked again: the word is no longer flagged
    diags = await s.diagnostics(uri, after=before)
    assert not [x for x in diags if x.code == "spelling.myeochil"]
    # concurrent calls lose no entry
    new = ["가나", "다라", "마바", "사아", "자차"]
    await asyncio.gather(*[client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="hanproof.addWord", arguments=[{"uri": uri, "word": w}])) for w in new])
    assert sorted(words.read_text(encoding="utf-8").splitlines()) == sorted(["몇일"] + new)
    # adding again is a no-op
    res = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="hanproof.addWord", arguments=[{"uri": uri, "word": "몇일"}]))
    assert res["added"] is False


async def test_disable_rule(client):
    root = client.root / "rules"
    cfg = root / "hanproof.toml"
    cfg.write_text('# 프로젝트 설정\nwords = ["카톡"]\n\n[severity]\nspacing = "hint"\n', encoding="utf-8")
    s = Session(client, root)
    uri = s.uri("doc.md")
    s.open(uri, "내가 할께요.\n")
    diags = await s.diagnostics(uri)
    d = next(x for x in diags if x.code == "spelling.lge")
    actions = await s.code_actions(uri, 3, 6, [d])
    dis = next(a for a in actions if a.command is not None and a.command.command == "hanproof.disableRule")
    before = s.count(uri)
    res = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=dis.command.command, arguments=dis.command.arguments))
    assert res["changed"] is True
    assert cfg.read_text(encoding="utf-8") == (
        '# 프로젝트 설정\nwords = ["카톡"]\nignore = ["spelling.lge"]\n\n[severity]\nspacing = "hint"\n')
    diags = await s.diagnostics(uri, after=before)
    assert not [x for x in diags if x.code == "spelling.lge"]
    # a second rule is appended to the same list
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="hanproof.disableRule", arguments=[{"uri": uri, "rule": "grammar.dwaeyo"}]))
    assert 'ignore = ["spelling.lge", "grammar.dwaeyo"]' in cfg.read_text(encoding="utf-8")


async def test_configuration_change(client, engine):
    from hanproof.config import from_mapping
    s = S(client)
    uri = s.uri("config.md")
    text = "몇일 뒤에 봐요. 그러면 안 되요.\n"
    s.open(uri, text)
    diags = await s.diagnostics(uri)
    assert {x.code for x in diags} >= {"spelling.myeochil", "grammar.dwaeyo"}
    settings = {"ignore": ["grammar.dwaeyo"], "severity": {"spelling": "hint"}}
    client.set_configuration({"hanproof": settings})
    before = s.count(uri)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    diags = await s.diagnostics(uri, after=before)
    assert "grammar.dwaeyo" not in {x.code for x in diags}
    assert next(x for x in diags if x.code == "spelling.myeochil").severity == types.DiagnosticSeverity.Hint
    assert got(diags) == expected(engine, text, "markdown", "utf-16", from_mapping(settings, "test"))
    # back to defaults
    client.set_configuration({"hanproof": {}})
    before = s.count(uri)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    diags = await s.diagnostics(uri, after=before)
    assert "grammar.dwaeyo" in {x.code for x in diags}


async def test_project_file_reload(client):
    s = S(client)
    uri = s.uri("project.md")
    s.open(uri, "나도 할수 있다. 몇일 뒤에.\n")
    diags = await s.diagnostics(uri)
    assert "spacing.bound-noun-su" in {x.code for x in diags}
    # the client watches hanproof.toml (registered dynamically) and reports the change
    assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)
    cfg = client.root / "main" / "hanproof.toml"
    cfg.write_text('ignore = ["spacing"]\n', encoding="utf-8")
    before = s.count(uri)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=cfg.as_uri(), type=types.FileChangeType.Created)]))
    diags = await s.diagnostics(uri, after=before)
    assert "spacing.bound-noun-su" not in {x.code for x in diags}
    assert "spelling.myeochil" in {x.code for x in diags}
    # saving the config file in the editor also reloads it
    cfg.unlink()
    before = s.count(uri)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=cfg.as_uri())))
    diags = await s.diagnostics(uri, after=before)
    assert "spacing.bound-noun-su" in {x.code for x in diags}


async def test_did_close_clears(client):
    s = S(client)
    uri = s.uri("close.md")
    s.open(uri, "몇일 뒤에.\n")
    assert await s.diagnostics(uri)
    before = s.count(uri)
    s.close(uri)
    await s.wait_for(lambda: s.count(uri) > before)
    assert list(client.published[uri][-1][1]) == []


async def test_invalid_requests_get_errors(client):
    s = S(client)
    missing = s.uri("never-opened.md")
    pos = types.Position(line=0, character=0)
    rng = types.Range(start=pos, end=pos)
    with pytest.raises(JsonRpcException):
        await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=missing), position=pos))
    with pytest.raises(JsonRpcException):
        await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=missing), range=rng,
            context=types.CodeActionContext(diagnostics=[])))
    with pytest.raises(JsonRpcException):
        await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=missing)))
    uri = s.uri("range.md")
    s.open(uri, "몇일 뒤에.\n")
    await s.diagnostics(uri)
    with pytest.raises(JsonRpcException):  # line out of range
        await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=99, character=0)))
    # a column past the end of a line is clamped to it (LSP)
    h = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=999)))
    assert h is None
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(command="hanproof.nope"))
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="hanproof.addWord", arguments=[{"uri": uri}]))
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="hanproof.addWord", arguments=[{"uri": uri, "word": "두 줄\n단어"}]))
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="hanproof.disableRule", arguments=[{"uri": uri, "rule": "no.such-rule"}]))
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="hanproof.fixAll", arguments=[{"uri": missing}]))
    # still alive and well
    h = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=1)))
    assert h is not None and "며칠" in h.contents.value


async def test_large_document_progress_and_partial_results(client, engine):
    s = S(client)
    uri = s.uri("large.md")
    paras = [f"{i}번째 문단입니다. 오늘은 날씨가 맑고 바람이 {i % 7}번 붑니다. " + ("몇일 뒤에 다시 만나요." if i % 5 == 0 else "")
             for i in range(650)]
    text = "\n\n".join(paras) + "\n"
    assert len(text) > 25000
    tokens_before = set(client.progress_reports)
    s.open(uri, text)
    first = await s.diagnostics(uri)
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    want = expected(engine, text, "markdown", "utf-16")
    assert got(report.items) == want
    await s.wait_for(lambda: got(client.published[uri][-1][1]) == want)
    # partial results came first: a prefix of the final ones, same version
    assert len(client.published[uri]) >= 2 and all(v == 1 for v, _ in client.published[uri])
    assert set(got(first)) < set(want)
    # and a progress with begin, reports, end
    new = [vals for t, vals in client.progress_reports.items() if t not in tokens_before]
    assert any(isinstance(v[0], types.WorkDoneProgressBegin) and "검사" in (v[0].message or "")
               and any(isinstance(x, types.WorkDoneProgressReport) for x in v)
               and isinstance(v[-1], types.WorkDoneProgressEnd) for v in new if v)
    # an edit in the middle of the (now cached) document is checked at once
    mid = text.index("\n\n325번째") + 2
    v = s.change(uri, (mid, mid, "그러면 안 되요. "))
    diags = await s.diagnostics(uri, v)
    assert got(diags) == expected(engine, client.texts[uri], "markdown", "utf-16")


async def test_debounce_setting(client):
    loop = asyncio.get_running_loop()
    s = S(client)
    uri = s.uri("debounce.md")
    s.open(uri, "가나다.\n")
    await s.diagnostics(uri)
    client.set_configuration({"hanproof": {"debounce": 800}})
    before = s.count(uri)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await s.diagnostics(uri, after=before)
    t0 = loop.time()
    v = s.change(uri, (0, 0, "몇일 "))
    diags = await s.diagnostics(uri, v)
    assert loop.time() - t0 >= 0.75
    assert "spelling.myeochil" in {d.code for d in diags}
    client.set_configuration({"hanproof": {}})
    before = s.count(uri)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await s.diagnostics(uri, after=before)
    t0 = loop.time()
    v = s.change(uri, (0, 0, "또 "))
    await s.diagnostics(uri, v)
    assert loop.time() - t0 < 0.75


async def test_concurrent_disable_rule_loses_no_entry(client):
    import tomllib
    root = client.root / "rules-concurrent"
    root.mkdir(parents=True, exist_ok=True)
    (root / "hanproof.toml").write_text("# 이 폴더의 설정\n", encoding="utf-8")  # the file the actions edit
    s = Session(client, root)
    uri = s.uri("doc.md")
    s.open(uri, "내가 할께요.\n")
    await s.diagnostics(uri)
    rules = ["spelling.lge", "grammar.dwaeyo", "spacing.bound-noun-su", "spelling.myeochil", "standard.seolgeoji"]
    await asyncio.gather(*[client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="hanproof.disableRule", arguments=[{"uri": uri, "rule": r}])) for r in rules])
    data = tomllib.loads((root / "hanproof.toml").read_text(encoding="utf-8"))
    assert sorted(data["ignore"]) == sorted(rules)


async def test_edits_for_a_closed_document_do_not_break_the_server(client):
    s = S(client)
    uri = s.uri("closed-then-edited.md")
    s.open(uri, "몇일 뒤에.\n")
    await s.diagnostics(uri)
    s.close(uri)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=7),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="할께요.\n")]))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=8),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=5, character=0), end=types.Position(line=9, character=3)),
            text="x")]))
    other = s.uri("after-closed-edit.md")
    s.open(other, "내가 할께요.\n")
    diags = await s.diagnostics(other)
    assert [d.code for d in diags] == ["spelling.lge"]
