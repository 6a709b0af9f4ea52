"""Markdown: prose is checked at exact offsets; code, markup and comments are not."""
from __future__ import annotations

from .extract_helpers import assert_roundtrip, texts

DOC = """\
---
title: 몇일 뒤에 만나요
---
# 제목에서 몇일 뒤에

Setext 제목 금새 왔다
======================

본문에서 제가 할께요. `몇일 뒤에` 코드는 괜찮고 `config`를 보면 그러면 되요.
**굵게 할수 있다** 그리고 [링크 몇일 뒤에](https://example.com/몇일 "제목 몇일") 끝.

- 목록 할수 있다
  > 인용 안에서 금새 왔다
  > `인라인
  > 몇일` 코드

1. 번호 목록에서 제가 할께요

| 머리 \\| 몇일 뒤에 | 둘 |
|---|---|
| 셀에서 그러면 되요 | `할수` 코드 |

![그림 설명 금새 왔다](img/몇일.png)

```python
x = "몇일 뒤에"  # 할께요
```

    들여쓴 코드 몇일 뒤에

<div>
HTML 블록 몇일 뒤에
</div>

<!-- 주석 몇일 뒤에 -->

$$
몇일 뒤에
$$

수식 $몇일$을 본다. 자동 링크 <https://example.com/몇일>를 본다. 각주[^1]를 본다.

[^1]: 각주에서 제가 할께요.

[ref]: https://example.com/몇일 "참조 몇일"
"""


def test_markdown_errors_at_exact_offsets(chk):
    chk.expect(DOC, "markdown", [
        ("제목에서 몇일", "몇일"),
        ("제목 금새", "금새"),
        ("제가 할께요. `", "할께요"),
        ("그러면 되요.\n", "되요"),
        ("**굵게 할수", "할수"),
        ("[링크 몇일", "몇일"),
        ("목록 할수", "할수"),
        ("인용 안에서 금새", "금새"),
        ("번호 목록에서 제가 할께요", "할께요"),
        ("\\| 몇일 뒤에", "몇일"),
        ("셀에서 그러면 되요", "되요"),
        ("그림 설명 금새", "금새"),
        ("각주에서 제가 할께요", "할께요"),
    ])


def test_markdown_paragraph_units():
    got = texts(DOC, "markdown")
    assert got[0] == "제목에서 몇일 뒤에"
    assert "Setext 제목 금새 왔다" in got
    assert "머리 | 몇일 뒤에" in got          # escaped pipe: the backslash is left out
    assert "둘" in got and "셀에서 그러면 되요" in got
    assert not any("HTML 블록" in t or "주석" in t or "x = " in t or "들여쓴" in t for t in got)
    assert not any("title:" in t for t in got)


def test_markdown_masks_inline_code_urls_math_footnotes():
    doc = "`config`를 보고 $x$를 본다. <https://a.b/c>를 본다. 각주[^1]를 https://x.y/z 본다.\n\n[^1]: 내용"
    paras = assert_roundtrip(doc, "markdown")
    p = paras[0]
    assert p.text == "xxxxxxxx를 보고 xxx를 본다. xxxxxxxxxxxxxxx를 본다. 각주xxxx를 xxxxxxxxxxxxx 본다."
    assert len(p.masked) == 5


def test_markdown_link_text_kept_destination_left_out():
    doc = '[링크 텍스트](<a b> "제목 (괄호)")와 [참조][r]와 [바로]와 ![대체 *텍스트*](x.png)\n\n[r]: http://x\n[바로]: http://y\n'
    assert texts(doc, "markdown") == ["링크 텍스트와 참조와 바로와 대체 텍스트"]


def test_markdown_escapes_and_entities():
    doc = "별표 \\*아님\\* &amp; 그리고&nbsp;공백 &copy; &#44032;"
    p = assert_roundtrip(doc, "markdown")[0]
    assert p.text == "별표 *아님* xxxxx 그리고 공백 xxxxxx xxxxxxxx"
    # the escaped star maps to the star, not the backslash
    i = p.text.index("*")
    assert doc[p.orig(i)] == "*" and doc[p.orig(i) - 1] == "\\"


def test_markdown_hard_and_soft_breaks():
    doc = "첫 줄  \n둘째 줄\\\n셋째 줄\n넷째 줄"
    p = assert_roundtrip(doc, "markdown")[0]
    assert p.text == "첫 줄\n둘째 줄\n셋째 줄\n넷째 줄"


def test_markdown_nested_containers():
    doc = "> - 인용 속 목록\n>   이어지는 줄\n>\n>   > 깊은 인용\n>   > 둘째\n"
    got = texts(doc, "markdown")
    assert got == ["인용 속 목록\n이어지는 줄", "깊은 인용\n둘째"]
    assert_roundtrip(doc, "markdown")


def test_markdown_atx_closing_and_crlf():
    doc = "## 제목 몇일 ##\r\n\r\n본문 첫 줄\r\n둘째 줄\r\n"
    got = texts(doc, "markdown")
    assert got == ["제목 몇일", "본문 첫 줄\r둘째 줄"] or got == ["제목 몇일", "본문 첫 줄\n둘째 줄"]
    assert_roundtrip(doc, "markdown")


def test_markdown_toml_front_matter_and_html_inline():
    doc = "+++\ntitle = \"몇일\"\n+++\n\n<b>굵게</b> 본문 <span title='x'>안쪽</span>\n"
    assert texts(doc, "markdown") == ["굵게 본문 안쪽"]


def test_markdown_inline_code_particle_not_judged(chk):
    # a particle after masked text is never judged from the placeholder
    doc = "`설정`를 바꾸고 `x`을 본다. [링크](http://a.b)를 누른다."
    assert chk.flagged(doc, "markdown") == set()


def test_markdown_offsets_survive_masks(chk):
    doc = "`몇일` &amp; [몇일](http://x/몇일) 그리고 몇일 뒤에 만나요."
    chk.expect(doc, "markdown", [("[몇일]", "몇일"), ("그리고 몇일", "몇일")])


def test_markdown_large_document_is_many_paragraphs():
    doc = "\n\n".join(f"문단 {i} 내용입니다." for i in range(500))
    assert len(texts(doc, "markdown")) == 500


def test_markdown_suppression_comments(chk):
    doc = (
        "<!-- hanproof-disable-next-line spelling -->\n"
        "몇일 뒤에 만나요.\n\n"
        "<!-- hanproof-disable-next-line grammar.dwaeyo, spacing.bound-noun-su -->\n"
        "그래서 되요. 할수 있다.\n\n"
        "<!-- hanproof-disable-next-line grammar -->\n"
        "몇일 뒤에 그러면 되요.\n\n"
        "제가 할께요. <!-- hanproof-disable-line -->\n\n"
        "<!-- hanproof-disable spacing -->\n"
        "할수 있다. 금새 왔다.\n\n"
        "<!-- hanproof-enable -->\n"
        "이제 할수 있다.\n"
    )
    chk.expect(doc, "markdown", [("몇일 뒤에 그러면", "몇일"), ("금새 왔다", "금새"), ("이제 할수", "할수")])
    assert not any("hanproof" in t for t in texts(doc, "markdown"))


def test_markdown_disable_file(chk):
    doc = "몇일 뒤에 만나요.\n\n<!-- hanproof-disable-file spelling -->\n\n그러면 되요.\n"
    chk.expect(doc, "markdown", [("그러면 되요", "되요")])


def test_markdown_directive_in_code_is_not_a_directive(chk):
    doc = "```\n<!-- hanproof-disable-file -->\n```\n\n몇일 뒤에 만나요.\n"
    chk.expect(doc, "markdown", [("몇일 뒤에", "몇일")])


def test_markdown_multiline_comment_directive(chk):
    doc = "<!--\n  hanproof-disable-next-line spelling\n-->\n몇일 뒤에 만나요.\n\n몇일 뒤에 봐요.\n"
    chk.expect(doc, "markdown", [("몇일 뒤에 봐요", "몇일")])


def test_markdown_nested_images_links_and_tables_in_quotes():
    assert texts("[![그림 대체](i.png) 링크](http://x) 끝", "markdown") == ["그림 대체 링크 끝"]
    assert texts("[링크 `코드` 텍스트](u)를 본다", "markdown") == ["링크 xxxx 텍스트를 본다"]
    assert texts("> | 인용 | 표 |\n> |---|---|\n> | 셀 | 칸 |\n", "markdown") == ["인용", "표", "셀", "칸"]
    assert texts("| `x \\| y` 셀 | 둘 |\n|---|---|\n", "markdown") == ["xxxxxxxx 셀", "둘"]


def test_markdown_beyond_the_nesting_limit_is_still_checked(chk):
    doc = "> " * 3000 + "몇일 뒤에\n\n" + "- " * 2000 + "제가 할께요\n\n# 끝에 몇일 뒤\n\n[r]: http://x\n"
    assert_roundtrip(doc, "markdown")
    chk.expect(doc, "markdown", [("몇일 뒤에", "몇일"), ("제가 할께요", "할께요"), ("끝에 몇일", "몇일")])
    doc = "> " * 25 + "깊은 인용\n\n보통 문단\n"
    assert texts(doc, "markdown") == ["보통 문단", "깊은 인용"]
