"""Findings → LSP pieces, in process (no server): ranges, suppression comments, hovers."""
from __future__ import annotations

import pytest
from lsprotocol import types

from hanproof.lsp.convert import COMMENT_STYLE, hover_markdown, suppression_edit, to_diagnostics
from hanproof.lsp.server import _eul, _ro
from hanproof.model import Finding
from hanproof.textindex import LineIndex

from .helpers import apply_edits


@pytest.mark.parametrize("encoding, cols", [("utf-16", (5, 7)), ("utf-8", (9, 15)), ("utf-32", (3, 5))])
def test_ranges_after_astral_characters(encoding, cols):
    text = "첫 줄\r\n😀😀 몇일 뒤에\r\n"
    a = text.index("몇일")
    f = Finding("spelling.myeochil", "spelling", "error", a, a + 2, "msg", suggestions=("며칠",))
    (d,) = to_diagnostics(text, [f], encoding, 7)
    assert (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) == (1, *cols[:1], 1, cols[1])
    assert d.severity == types.DiagnosticSeverity.Error and d.code == "spelling.myeochil" and d.source == "hanproof"
    assert d.data == {"rule": "spelling.myeochil", "suggestions": ["며칠"], "text": "몇일", "version": 7, "span": [a, a + 2]}
    assert d.message == "msg → '며칠'"


CASES = {
    "markdown": "첫 줄입니다.\n몇일 뒤에 봐요.\n",
    "html": "<p>첫 줄.\n몇일 뒤에 봐요.</p>\n",
    "restructuredtext": "첫 줄입니다.\n몇일 뒤에 봐요.\n",
    "latex": "첫 줄입니다.\n몇일 뒤에 봐요.\n",
    "asciidoc": "첫 줄입니다.\n몇일 뒤에 봐요.\n",
    "org": "첫 줄입니다.\n몇일 뒤에 봐요.\n",
    "git-commit": "제목\n\n몇일 뒤에 고친다\n",
    "plaintext": "첫 줄입니다.\n몇일 뒤에 봐요.\n",
    "python": "x = 1\n# 몇일 뒤에 고친다\n",
    "javascript": "x = 1;\n// 몇일 뒤에 고친다\n",
    "typescript": "let x = 1;\n  // 몇일 뒤에 고친다\n",
    "java": "int x;\n// 몇일 뒤에 고친다\n",
    "go": "var x = 1\n// 몇일 뒤에 고친다\n",
    "rust": "fn x() {}\n    // 몇일 뒤에 고친다\n",
    "c": "int x;\n// 몇일 뒤에 고친다\n",
    "cpp": "int x;\r\n// 몇일 뒤에 고친다\r\n",
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_ignore_here_comment_suppresses(engine, language):
    text = CASES[language]
    (f,) = [f for f in engine.check(text, language) if f.rule == "spelling.myeochil"]
    edit = suppression_edit(text, LineIndex(text), language, f.rule, f.start, "utf-16")
    new = apply_edits(text, [edit], "utf-16")
    prefix, suffix, _ = COMMENT_STYLE[language]
    assert f"{prefix}hanproof-disable-next-line spelling.myeochil{suffix}" in new
    assert new.replace("\r\n", "\n").count("\n") == text.replace("\r\n", "\n").count("\n") + 1
    assert not [x for x in engine.check(new, language) if x.rule == "spelling.myeochil"], new


def test_hover_for_a_word_list_entry(engine):
    rule = engine.registry.by_id["loanword.common"]
    text = "쌀쌀해서 가디건을 걸쳤다."
    (f,) = [f for f in engine.check(text, "plaintext") if f.rule == "loanword.common"]
    md = hover_markdown(f, rule, text[f.start:f.end])
    assert "✗ 틀린 예: 쌀쌀해서 **가디건**을 걸쳤다." in md and "✓ 바른 예: 쌀쌀해서 카디건을 걸쳤다." in md
    plain = hover_markdown(f, rule, text[f.start:f.end], markdown=False)
    assert "**" not in plain and "틀린 예: 쌀쌀해서 가디건을 걸쳤다." in plain


def test_particles_in_titles():
    assert [_ro(w) for w in ("며칠", "할게요", "물", "책", "abc")] == ["로", "로", "로", "으로", "(으)로"]
    assert [_eul(w) for w in ("몇일", "가디건", "abc")] == ["을", "을", "을(를)"]
    assert _eul("할께요") == "를"


def test_editor_language_ids():
    from hanproof.lsp.chunks import ChunkedText
    from hanproof.lsp.convert import known_language
    # Neovim sends filetypes; unknown languages are read as plain text but get no comments
    assert [known_language(x) for x in ("tex", "rst", "gitcommit", "text", "json")] == \
        ["latex", "restructuredtext", "git-commit", "plaintext", None]
    assert [ChunkedText(x).kind for x in ("markdown", "text", "json", "latex")] == \
        ["markdown", "plaintext", "plaintext", None]
    idx_text = "// 몇일\n"
    from hanproof.lsp.convert import suppression_edit
    from hanproof.textindex import LineIndex
    assert suppression_edit(idx_text, LineIndex(idx_text), "json", "x.y", 3, "utf-16") is None
