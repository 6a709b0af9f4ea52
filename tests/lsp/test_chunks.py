"""Chunked (incremental) extraction must equal whole-document extraction.

Random Markdown and plain-text documents built from tricky pieces (fences in and out of
lists, HTML blocks spanning blank lines, front matter, suppression comments, CRLF…),
checked from scratch and after random edits that insert, delete, split and join.
"""
from __future__ import annotations

import random

import pytest

from hanproof.extract import extract_document
from hanproof.lsp.chunks import ChunkedText, extract_whole
from hanproof.lsp.documents import Document
from hanproof.textindex import LineIndex

SENTENCES = [
    "몇일 뒤에 다시 만나요.", "내가 할께요.", "그러면 안 되요.", "나도 할수 있다.",
    "오늘은 날씨가 맑습니다.", "`code` 뒤에 조사를 붙였다.", "[링크](http://example.com)를 눌러요.",
    "*강조*와 **굵게** 쓴 문장.", "URL http://a.b/c 가 있다.", "😀😀 몇일 뒤에",
]

MD_PIECES = [
    lambda r: r.choice(SENTENCES),
    lambda r: "# " + r.choice(SENTENCES),
    lambda r: "## 제목 " + r.choice(SENTENCES),
    lambda r: "- " + r.choice(SENTENCES),
    lambda r: "1. " + r.choice(SENTENCES),
    lambda r: "  " + r.choice(SENTENCES),
    lambda r: "    들여쓴 코드 몇일",
    lambda r: "> " + r.choice(SENTENCES),
    lambda r: "```",
    lambda r: "~~~",
    lambda r: "```python",
    lambda r: "  ```",
    lambda r: "- ```",
    lambda r: "<!-- 주석 몇일",
    lambda r: "끝 -->",
    lambda r: "<!-- hanproof-disable-next-line spelling -->",
    lambda r: "hanproof-disable-next-line spelling",
    lambda r: "<pre>",
    lambda r: "</pre>",
    lambda r: "<div>",
    lambda r: "</div>",
    lambda r: "---",
    lambda r: "+++",
    lambda r: "***",
    lambda r: "| 가 | 나 |",
    lambda r: "|---|---|",
    lambda r: "$$",
    lambda r: "$$ x $$",
    lambda r: "===",
    lambda r: "\t탭으로 시작 몇일",
    lambda r: "",
    lambda r: "",
    lambda r: "",
    lambda r: "   ",
]


def random_doc(r: random.Random, n: int, newline: str) -> str:
    lines = [r.choice(MD_PIECES)(r) for _ in range(n)]
    if r.random() < 0.1:
        lines = ["---", "title: 몇일", "---"] + lines
    return newline.join(lines) + (newline if r.random() < 0.7 else "")


def key(ex):
    paras = sorted((p.start, p.text, tuple(p.offsets) if p.offsets is not None else None, p.masked)
                   for p in ex.paragraphs)
    supps = sorted((s.start, s.end, tuple(sorted(s.rules)) if s.rules else ()) for s in ex.suppressions)
    return paras, supps


def chunked(text: str, lang: str):
    ct = ChunkedText(lang)
    chunks = ct.update(text, None)
    return chunks, ChunkedText.extraction(chunks)


@pytest.mark.parametrize("lang", ["markdown", "plaintext"])
def test_from_scratch_equals_whole(lang):
    r = random.Random(1234 if lang == "markdown" else 99)
    split_docs = 0
    for _ in range(600):
        text = random_doc(r, r.randint(1, 40), r.choice(["\n", "\n", "\r\n", "\r"]))
        chunks, ex = chunked(text, lang)
        assert key(ex) == key(extract_whole(text, lang)), text
        assert chunks[0].start == 0 and chunks[-1].end == len(text)
        assert all(a.end == b.start for a, b in zip(chunks, chunks[1:]))
        split_docs += len(chunks) > 1
    assert split_docs > 100  # chunking actually happens


def random_edit(r: random.Random, text: str) -> tuple[int, int, str]:
    n = len(text)
    kind = r.random()
    a = r.randint(0, n)
    if kind < 0.3:  # insert
        return a, a, r.choice(["\n", "\n\n", "몇일", "```\n", "- ", "<!--", "-->", " ", "\r\n", "# ", "---\n",
                               r.choice(SENTENCES) + "\n\n"])
    if kind < 0.55:  # delete
        b = min(n, a + r.randint(1, 30))
        return a, b, ""
    if kind < 0.75:  # split a paragraph: blank line at a line end/middle
        return a, a, "\n\n"
    if kind < 0.9:  # join: delete a blank line
        i = text.find("\n\n", a)
        if i >= 0:
            return i, i + 1, ""
        return a, a, ""
    b = min(n, a + r.randint(0, 20))
    return a, b, r.choice(SENTENCES)


@pytest.mark.parametrize("lang", ["markdown", "plaintext"])
def test_edits_equal_whole(lang):
    r = random.Random(7 if lang == "markdown" else 8)
    for _ in range(150):
        text = random_doc(r, r.randint(5, 40), "\n" if r.random() < 0.8 else "\r\n")
        ct = ChunkedText(lang)
        chunks = ct.update(text, None)
        for _step in range(12):
            edits = []
            for _k in range(r.randint(1, 3)):
                a, b, new = random_edit(r, text)
                text = text[:a] + new + text[b:]
                edits.append((a, b, len(new)))
            chunks = ct.update(text, chunks, edits)
            assert chunks[0].start == 0 and chunks[-1].end == len(text)
            assert all(x.end == y.start for x, y in zip(chunks, chunks[1:]))
            assert key(ChunkedText.extraction(chunks)) == key(extract_whole(text, lang)), text


def test_whole_document_fallbacks():
    text = "가나다.\n\n[a]: http://x\n\n라마바.\n"
    chunks, _ = chunked(text, "markdown")
    assert len(chunks) == 1
    text = "가나다.\n\n<!-- hanproof-disable -->\n\n라마바.\n\n<!-- hanproof-enable -->\n\n끝.\n"
    chunks, _ = chunked(text, "markdown")
    assert len(chunks) == 1
    # disable-next-line: the comment and the next block stay together
    text = "가나다.\n\n<!-- hanproof-disable-next-line -->\n\n몇일 뒤에.\n\n끝.\n"
    chunks, _ = chunked(text, "markdown")
    assert any("hanproof" in text[c.start:c.end] and "몇일" in text[c.start:c.end] for c in chunks)
    # other languages are never chunked
    chunks, _ = chunked("가.\n\n나.\n\n다.\n", "latex")
    assert len(chunks) == 1


def test_document_changes_utf16_utf8_crlf():
    text = "😀😀 몇일 뒤에\r\n둘째 줄\r\n"
    for enc, col in (("utf-16", 5), ("utf-8", 9), ("utf-32", 3)):
        from lsprotocol import types as t
        d = Document("file:///tmp/x.md", "markdown", 1, text)
        # replace 몇일 with 며칠
        end = col + (2 if enc != "utf-8" else 6)
        ch = t.TextDocumentContentChangePartial(
            range=t.Range(start=t.Position(line=0, character=col), end=t.Position(line=0, character=end)),
            text="며칠")
        d.apply_changes([ch], 2, enc)
        assert d.text == "😀😀 며칠 뒤에\r\n둘째 줄\r\n", enc
        # insert at the end of line 1 (past its end: clamped before \r\n)
        ch = t.TextDocumentContentChangePartial(
            range=t.Range(start=t.Position(line=1, character=99), end=t.Position(line=1, character=99)), text="!")
        d.apply_changes([ch], 3, enc)
        assert d.text == "😀😀 며칠 뒤에\r\n둘째 줄!\r\n", enc
        # join the lines: delete the CRLF
        idx = LineIndex(d.text)
        l0 = idx.position(idx.line_end(0), enc)
        ch = t.TextDocumentContentChangePartial(
            range=t.Range(start=t.Position(line=l0[0], character=l0[1]), end=t.Position(line=1, character=0)),
            text=" ")
        d.apply_changes([ch], 4, enc)
        assert d.text == "😀😀 며칠 뒤에 둘째 줄!\r\n", enc
        assert [e[1:] for e in d.edit_log][-1][0] == len("😀😀 며칠 뒤에")


def test_document_incremental_chunks_install():
    d = Document("file:///tmp/x.md", "markdown", 1, "가.\n\n나.\n\n다.\n")
    job = d.extraction_job()
    inst, ex = job()
    d.install_chunks(inst)
    assert len(d.chunks) == 3 and d.chunks_version == 1
    from lsprotocol import types as t
    d.apply_changes([t.TextDocumentContentChangePartial(
        range=t.Range(start=t.Position(line=2, character=0), end=t.Position(line=2, character=0)), text="몇일 ")], 2,
        "utf-16")
    inst, ex = d.extraction_job()()
    d.install_chunks(inst)
    assert d.chunks_version == 2 and d.edit_log == []
    assert key(ex) == key(extract_whole(d.text, "markdown"))


def test_strings_setting_is_passed_to_whole_extraction():
    text = 'x = "몇일 뒤에 만나요"\n# 주석\n'
    d = Document("file:///tmp/x.py", "python", 1, text)
    for strings in (True, False, True):
        inst, ex = d.extraction_job()(strings)
        d.install_chunks(inst)
        assert key(ex) == key(extract_document(text, "python", strings=strings))
