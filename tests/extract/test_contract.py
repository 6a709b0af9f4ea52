"""The extraction contract: languages, paragraphs, offsets, suppression semantics."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .extract_helpers import assert_roundtrip
from hanproof.extract import (LANGUAGE_BY_SUFFIX, SUPPORTED, Paragraph, ParagraphBuilder, Suppression,
                              extract_document, language_for_path, normalize_language, split_long)
from hanproof.extract.suppress import SuppressionCollector, find_directive, parse_selectors

LSP_IDS = ["markdown", "plaintext", "restructuredtext", "latex", "asciidoc", "org", "html", "git-commit",
           "python", "javascript", "typescript", "javascriptreact", "typescriptreact", "java", "go",
           "rust", "c", "cpp"]


def test_every_lsp_language_is_supported():
    for lang in LSP_IDS:
        assert lang in SUPPORTED
        assert normalize_language(lang) == lang
        assert normalize_language(lang.upper()) == lang


@pytest.mark.parametrize("alias,lang", [("md", "markdown"), ("rst", "restructuredtext"), ("tex", "latex"),
                                        ("adoc", "asciidoc"), ("py", "python"), ("ts", "typescript"),
                                        ("tsx", "typescriptreact"), ("gitcommit", "git-commit"),
                                        ("c++", "cpp"), ("whatever", "plaintext"), (None, "plaintext"),
                                        ("", "plaintext")])
def test_aliases(alias, lang):
    assert normalize_language(alias) == lang


@pytest.mark.parametrize("name,lang", [("a.md", "markdown"), ("a.txt", "plaintext"), ("a.rst", "restructuredtext"),
                                       ("a.tex", "latex"), ("a.adoc", "asciidoc"), ("a.org", "org"),
                                       ("a.HTML", "html"), ("a.py", "python"), ("a.js", "javascript"),
                                       ("a.jsx", "javascriptreact"), ("a.ts", "typescript"),
                                       ("a.tsx", "typescriptreact"), ("A.java", "java"), ("a.go", "go"),
                                       ("a.rs", "rust"), ("a.c", "c"), ("a.h", "c"), ("a.cpp", "cpp"),
                                       ("a.hpp", "cpp"), ("COMMIT_EDITMSG", "git-commit"), ("a.xyz", "plaintext")])
def test_language_for_path(name, lang):
    assert language_for_path(name) == lang


def test_walked_suffixes_cover_every_format():
    assert set(LANGUAGE_BY_SUFFIX.values()) == set(SUPPORTED) - {"git-commit"}


def test_builder_offsets_and_masks():
    src = "앞 `코드`를 본다"
    pb = ParagraphBuilder()
    pb.add_text(src, 0, 2)
    pb.add_mask(2, 6)
    pb.add_text(src, 6, 10)
    p = pb.build()
    assert p.text == "앞 xxxx를 본다" and p.offsets is None and p.masked == ((2, 6),)
    pb = ParagraphBuilder()
    pb.add_text(src, 0, 2)
    pb.add_text(src, 6, 10)
    p = pb.build()
    assert p.text == "앞 를 본다" and p.offsets == [0, 1, 6, 7, 8, 9]
    assert p.orig_span(0, 3) == (0, 7, False)


def test_builder_trims_and_drops_placeholder_only():
    pb = ParagraphBuilder()
    pb.add_text("  본문  ", 0, 6)
    p = pb.build()
    assert p.text == "본문" and p.start == 2
    pb = ParagraphBuilder()
    pb.add_mask(0, 4)
    assert pb.build() is None


def test_builder_duplicate_offsets_are_not_contiguous():
    pb = ParagraphBuilder()
    pb.add_text("abcd", 0, 2)
    pb.add_break(1, " ")
    pb.add_text("abcd", 3, 4)
    p = pb.build()
    assert p.offsets == [0, 1, 1, 3]


def test_split_long_paragraph_at_line_breaks():
    text = "\n".join("가" * 99 for _ in range(100))
    pb = ParagraphBuilder()
    pb.add_text(text, 0, len(text))
    parts = split_long(pb.build(), limit=1000)
    assert len(parts) > 1 and all(len(p.text) <= 1000 for p in parts)
    assert "".join(p.text + "\n" for p in parts).rstrip("\n") == text
    for p in parts:
        assert all(text[p.orig(i)] == c for i, c in enumerate(p.text))


def test_long_markdown_block_is_split():
    doc = "\n".join("긴 문단의 한 줄입니다." * 3 for _ in range(500))
    ex = extract_document(doc, "markdown")
    assert len(ex.paragraphs) > 1


# ------------------------------------------------------------------ suppressions
def test_parse_selectors():
    assert parse_selectors("") is None
    assert parse_selectors(" spelling, spacing.bound-noun-su  grammar.*") == frozenset(
        {"spelling", "spacing.bound-noun-su", "grammar.*"})
    assert parse_selectors("spelling -- 고유명사라서") == frozenset({"spelling"})
    assert parse_selectors("-- 이유만") is None


def test_find_directive_positions():
    s = "x = 1  # noqa  hanproof: ignore spelling"
    assert find_directive(s, s.index("#") + 1) is None
    m = find_directive(s, s.index("#") + 1, anywhere=True)
    assert m and m.group("ignore") and parse_selectors(m.group("args")) == frozenset({"spelling"})
    assert find_directive(" hanproof-disable-next-line a") .group("kind") == "disable-next-line"
    assert find_directive("hanproof-disabled") is None
    assert find_directive("myhanproof-disable") is None


def test_collector_semantics():
    text = "l0\n\n  \nl3 target\nl4\nl5\nl6\n"
    starts = [0, 3, 4, 7, 17, 20, 23]
    col = SuppressionCollector(text)
    col.add("disable-next-line", None, 0, 2)            # skips blank lines → l3
    col.add("disable-line", frozenset({"a"}), 17, 19)   # l4
    col.add("disable", frozenset({"x", "y"}), 20, 22)   # l5 …
    col.add("enable", frozenset({"x"}), 23, 25)         # … x ends at l6, y goes on
    out = col.result()
    assert Suppression(starts[3], starts[4], None) in out
    assert Suppression(starts[4], starts[5], frozenset({"a"})) in out
    assert Suppression(20, 23, frozenset({"x", "y"})) in out
    assert Suppression(23, len(text) + 1, frozenset({"y"})) in out
    col = SuppressionCollector(text)
    col.add("disable-file", None, 17, 19)
    assert col.result() == [Suppression(0, len(text) + 1, None)]


def test_suppression_covers_rule_selectors(engine):
    r = engine.registry.by_id["spelling.myeochil"]
    assert Suppression(0, 10, frozenset({"spelling"})).covers(5, r)
    assert Suppression(0, 10, frozenset({"spelling."})).covers(5, r)
    assert not Suppression(0, 10, frozenset({"grammar"})).covers(5, r)
    assert not Suppression(0, 10, None).covers(10, r)


# ------------------------------------------------------------------ robustness
SAMPLES = {
    "markdown": "# 제목\n\n본문 `코드`와 [링크](http://x) *강조* &amp;\n\n| a | b |\n|---|---|\n| 셀 | 칸 |\n",
    "html": "<p>본문 <b>굵게</b> &amp; <code>x</code></p><img alt='그림'>",
    "restructuredtext": "제목\n====\n\n본문 ``코드`` *강조*::\n\n   리터럴\n\n- 항목\n",
    "latex": "\\section{제목} 본문 \\emph{강조} $x$ % 주석\n\n\\begin{itemize}\\item 항목\\end{itemize}",
    "asciidoc": "= 제목\n\n본문 `코드` *강조*\n\n----\n코드\n----\n",
    "org": "* 제목\n본문 ~코드~ *강조* [[u][설명]]\n#+BEGIN_SRC\nx\n#+END_SRC\n",
    "python": "# 주석\ndef f():\n    '''독스트링'''\n",
    "javascript": "// 주석\nconst s = '문자열';\n/* 블록 */\n",
    "git-commit": "제목\n\n본문\n# 주석\n",
    "plaintext": "문단 https://x.y\n\n다음",
}

_chars = st.sampled_from(list("가나다 몇일\n\n`*_[]()<>!#&;:|\\/$%{}~=+-.'\"@^x")) | st.characters(
    blacklist_categories=("Cs",))


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_samples_roundtrip(lang):
    assert_roundtrip(SAMPLES[lang], lang)


@pytest.mark.parametrize("lang", LSP_IDS)
@settings(max_examples=60, deadline=None)
@given(text=st.text(_chars, max_size=120))
def test_random_text_never_fails_and_maps_exactly(lang, text):
    assert_roundtrip(text, lang, strings=True)


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_mutated_samples_roundtrip(lang, data):
    base = SAMPLES[lang]
    i = data.draw(st.integers(0, len(base)))
    j = data.draw(st.integers(i, len(base)))
    ins = data.draw(st.text(_chars, max_size=12))
    assert_roundtrip(base[:i] + ins + base[j:], lang, strings=True)


def test_paragraph_type():
    p = Paragraph("ab", 5)
    assert p.orig(0) == 5 and p.orig(2) == 7


def test_split_long_single_line_at_sentence_ends():
    text = "이것은 문장입니다. " * 1000
    pb = ParagraphBuilder()
    pb.add_text(text, 0, len(text))
    parts = split_long(pb.build(), limit=500)
    assert len(parts) > 10 and all(len(p.text) <= 500 and p.text.endswith("다.") for p in parts)


def test_failing_extractor_falls_back_to_plaintext(monkeypatch):
    import hanproof.extract as ex
    from hanproof.extract import html as html_mod

    def boom(text):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(html_mod, "extract_html_document", boom)
    with pytest.raises(RuntimeError):
        extract_document("<p>본문</p>", "html")
    monkeypatch.setattr(ex, "STRICT", False)
    fallback = extract_document("<p>본문</p>", "html").paragraphs
    assert [p.text for p in fallback] == [p.text for p in extract_document("<p>본문</p>", "plaintext").paragraphs]
