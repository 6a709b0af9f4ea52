"""Property: incremental edits give the findings of a from-scratch check, without exceptions.

In process, no server: a :class:`hanproof.lsp.documents.Document` receives random
``didChange`` content changes (line/character positions in UTF-16, UTF-8 or code points,
converted with :class:`hanproof.textindex.LineIndex` exactly as the server does; ranges
may cross paragraph boundaries; several changes per notification). Between
notifications the server's extraction is simulated the way ``_run_check`` drives it:
``extraction_job()`` is captured at one version, may run only after further edits have
arrived (the worker thread races the event loop), and its chunks are installed with
``install_chunks``; checks run ``engine.check(text, lang, config, extracted=ex)``.

Every extraction must equal the whole-document extraction of the text it was captured
from, and its findings (rule, start, end, suggestions) must equal ``engine.check(text,
lang)`` from scratch. The document's text must equal the same edits applied to a Python
string. Fragments: Korean sentences with and without errors, Markdown syntax, blank
lines, CRLF and lone CR, emoji, NFD Hangul and lone conjoining jamo.
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from lsprotocol import types

from hanproof.config import Config
from hanproof.lsp.chunks import extract_whole
from hanproof.lsp.documents import Document
from hanproof.textindex import LineIndex

NFD = unicodedata.normalize("NFD", "몇일 뒤에 할께요")

FRAGMENTS = [
    # sentences, with and without errors
    "몇일 뒤에 다시 만나요.", "내가 할께요.", "그러면 안 되요.", "나도 할수 있다.",
    "오늘은 날씨가 맑습니다.", "며칠 뒤에 봐요.", "몇일", "할께요", "되요", "할수 있다",
    "뒤에 ", "가", "다.",
    # Markdown
    "# ", "## 제목 ", "- ", "1. ", "> ", "```", "```\n", "~~~\n", "`code`", "[링크](http://example.com)",
    "**굵게**", "<!-- 주석 -->", "---\n", "    ",
    # line breaks
    "\n", "\n\n", "\r\n", "\r\n\r\n", "\r",
    # beyond the BMP, NFD Hangul, lone conjoining jamo
    "😀", "😀😀 ", NFD, "\u1100\u1161", "\u11af", "\u1100", "\u1161\u11af",
    " ", "",
]

fragment = st.sampled_from(FRAGMENTS)
fragments = st.lists(fragment, min_size=0, max_size=3).map("".join)
block = st.lists(fragment, min_size=0, max_size=5).map("".join)


@st.composite
def start_text(draw):
    """Blocks separated by blank lines (so the document splits into chunks), or not."""
    blocks = draw(st.lists(block, min_size=0, max_size=7))
    sep = st.sampled_from(["\n\n", "\n\n", "\r\n\r\n", "\n\n\n", "\n", "\r\r", "\n \n"])
    out = ""
    for i, b in enumerate(blocks):
        out += (draw(sep) if i else "") + b
    return out + draw(st.sampled_from(["", "\n", "\r\n"]))


CONFIG = Config()


def ex_key(ex):
    paras = sorted((p.start, p.text, tuple(p.offsets) if p.offsets is not None else None, p.masked,
                    tuple(p.ends) if getattr(p, "ends", None) is not None else None)
                   for p in ex.paragraphs)
    supps = sorted((s.start, s.end, tuple(sorted(s.rules)) if s.rules else ()) for s in ex.suppressions)
    return paras, supps


def f_key(findings):
    return sorted((f.rule, f.start, f.end, tuple(f.suggestions)) for f in findings)


def snap(text: str, o: int) -> int:
    """Never between the CR and the LF of a CRLF (no LSP position names that place)."""
    if 0 < o < len(text) and text[o - 1] == "\r" and text[o] == "\n":
        return o - 1
    return o


def verify(engine, text: str, lang: str, job) -> tuple:
    """Run a captured extraction job (of `text`) and compare with from-scratch results."""
    installable, ex = job(False)
    assert ex_key(ex) == ex_key(extract_whole(text, lang)), "incremental extraction differs"
    inc = engine.check(text, lang, CONFIG, extracted=ex)
    scratch = engine.check(text, lang)
    assert f_key(inc) == f_key(scratch), "incremental findings differ"
    event(f"chunks: {'several' if len(installable[2]) > 1 else 'one'}")  # --hypothesis-show-statistics
    event(f"findings: {'some' if scratch else 'none'}")
    return installable


def run_edits(engine, lang: str, data) -> None:
    enc = data.draw(st.sampled_from(["utf-16", "utf-8", "utf-32"]), label="encoding")
    text = data.draw(start_text(), label="start")
    doc = Document("untitled:prop", lang, 1, text)
    ref = text
    pending: list = []  # captured (text, job), run in order like the server's per-document jobs

    def run_oldest():
        t, job = pending.pop(0)
        doc.install_chunks(verify(engine, t, lang, job))

    # the server checks the opened document first
    if data.draw(st.booleans(), label="check on open"):
        pending.append((doc.text, doc.extraction_job()))
        run_oldest()

    n_steps = data.draw(st.integers(1, 8), label="notifications")
    for step in range(n_steps):
        version = step + 2
        changes = []
        for _ in range(data.draw(st.integers(1, 3), label="changes")):
            idx = LineIndex(ref)
            n = len(ref)
            a = snap(ref, data.draw(st.integers(0, n), label="a"))
            kind = data.draw(st.sampled_from(["insert", "short", "long"]), label="kind")
            if kind == "insert":
                b = a
            elif kind == "short":
                b = snap(ref, min(n, a + data.draw(st.integers(0, 6), label="len")))
            else:  # anywhere after a: across lines and paragraphs
                b = snap(ref, data.draw(st.integers(a, n), label="b"))
            new = data.draw(fragments, label="new")
            la, ca = idx.position(a, enc)
            lb, cb = idx.position(b, enc)
            if b == idx.line_end(lb) and data.draw(st.booleans(), label="past line end"):
                cb += data.draw(st.integers(1, 4), label="extra")  # clamped to the line end
            changes.append(types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=la, character=ca),
                                  end=types.Position(line=lb, character=cb)),
                text=new))
            ref = ref[:a] + new + ref[b:]
        doc.apply_changes(changes, version, enc)
        assert doc.text == ref
        assert doc.version == version
        what = data.draw(st.sampled_from(["none", "check", "capture", "run"]), label="server")
        if what == "check":  # capture now and run everything in order
            pending.append((doc.text, doc.extraction_job()))
            while pending:
                run_oldest()
        elif what == "capture":  # the job runs after later edits arrived
            pending.append((doc.text, doc.extraction_job()))
        elif what == "run" and pending:
            run_oldest()
    # the final check, after the edits settle
    pending.append((doc.text, doc.extraction_job()))
    while pending:
        run_oldest()
    if doc.chunks_version != doc.version:
        # its install was refused (an earlier job, captured from the same chunks, installed
        # first): the next check starts from those chunks and installs
        pending.append((doc.text, doc.extraction_job()))
        run_oldest()
    assert doc.chunks_version == doc.version
    event(f"final text has jamo: {any(0x1100 <= ord(c) <= 0x11ff for c in doc.text)}")
    event(f"final text has CR: {chr(13) in doc.text}")
    note(f"final text {doc.text!r}")


@pytest.mark.parametrize("lang", ["markdown", "plaintext"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_incremental_edits_equal_from_scratch(engine, lang, data):
    run_edits(engine, lang, data)


# ---------------------------------------------------------------- sanity (not vacuous)
def _change(doc: Document, version: int, enc: str, l1: int, c1: int, l2: int, c2: int, new: str) -> None:
    doc.apply_changes([types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2)),
        text=new)], version, enc)


def _check(engine, doc: Document):
    installable, ex = doc.extraction_job()(False)
    doc.install_chunks(installable)
    return engine.check(doc.text, doc.language_id, CONFIG, extracted=ex)


def test_known_edit_sequence(engine):
    doc = Document("untitled:known", "markdown", 1, "뒤에 봐요.")
    assert _check(engine, doc) == []
    _change(doc, 2, "utf-16", 0, 0, 0, 0, "몇일 ")
    assert doc.text == "몇일 뒤에 봐요."
    fs = _check(engine, doc)
    assert [(f.rule, f.start, f.end, f.suggestions[:1]) for f in fs] == [("spelling.myeochil", 0, 2, ("며칠",))]

    # after an emoji (two UTF-16 units, one code point) on the second line of a CRLF text
    doc = Document("untitled:known2", "plaintext", 1, "첫 줄.\r\n😀 뒤에 봐요.")
    _check(engine, doc)
    _change(doc, 2, "utf-16", 1, 3, 1, 3, "몇일 ")
    assert doc.text == "첫 줄.\r\n😀 몇일 뒤에 봐요."
    fs = _check(engine, doc)
    start = doc.text.index("몇일")
    assert start == 8
    assert [(f.rule, f.start, f.end) for f in fs] == [("spelling.myeochil", start, start + 2)]


def test_chunks_are_reused_and_nfd_maps_back(engine):
    """The incremental path really is incremental, and NFD findings cover the jamo."""
    paras = ["첫 문단은 깨끗합니다.", "둘째 문단도 깨끗합니다.", "셋째 문단 역시 깨끗합니다."]
    doc = Document("untitled:chunks", "markdown", 1, "\n\n".join(paras) + "\n")
    assert _check(engine, doc) == []
    before = list(doc.chunks)
    assert len(before) == 3
    # insert NFD "몇일 뒤에 할께요" inside the second paragraph (line 2, after "둘째 ")
    _change(doc, 2, "utf-16", 2, 3, 2, 3, NFD + " ")
    fs = _check(engine, doc)
    assert len(doc.chunks) == 3
    assert doc.chunks[0] is before[0]                # untouched
    assert doc.chunks[2].paras is before[2].paras    # moved, not re-extracted
    at = doc.text.index(NFD[:2])
    got = [(f.rule, unicodedata.normalize("NFC", doc.text[f.start:f.end])) for f in fs]
    assert got == [("spelling.myeochil", "몇일"), ("spelling.lge", "할께요")]
    assert fs[0].start == at and fs[0].end - fs[0].start == len(unicodedata.normalize("NFD", "몇일"))
    assert f_key(fs) == f_key(engine.check(doc.text, "markdown"))
