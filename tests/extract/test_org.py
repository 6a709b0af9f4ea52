"""Org: source/example blocks, drawers, keywords, ~code~ and =verbatim= are not prose."""
from __future__ import annotations

from .extract_helpers import assert_roundtrip, texts

DOC = """\
#+TITLE: 문서 제목에서 몇일 뒤에
#+AUTHOR: 그러면 되요
#+OPTIONS: toc:nil 몇일
#+TODO: TODO WAIT | DONE

* TODO [#A] 제목에서 금새 왔다 [1/2] :태그:몇일:
:PROPERTIES:
:ID: 몇일 뒤에
:END:
SCHEDULED: <2024-01-01 Mon>

본문에서 제가 할께요. ~몇일 뒤에~ 코드와 =할수 있다= 축자는 괜찮고 *굵게 그러면 되요* 그리고
[[https://example.com/몇일][링크에서 할수 있다]] 와 [[https://example.com/몇일]] 와 src_python{할께요} 끝.[fn:1]

# 주석에서 몇일 뒤에
#+BEGIN_SRC python
x = "몇일 뒤에"  # 할께요
#+END_SRC

#+begin_example
예제 블록 할수 있다
#+end_example

#+BEGIN_QUOTE
인용에서 금새 왔다
#+END_QUOTE

- 목록에서 몇일 뒤에
- [X] 체크에서 제가 할께요
- 용어에서 몇일 :: 정의에서 그러면 되요
1. 번호에서 할수 있다

| 머리에서 몇일 뒤에 | 둘째 |
|------------------+------|
| 셀에서 금새 왔다   | 끝   |

: 고정폭 몇일 뒤에

[fn:1] 각주에서 제가 할께요

** WAIT 하위 제목에서 그러면 되요
"""


def test_org_errors_at_exact_offsets(chk):
    chk.expect(DOC, "org", [
        ("제목에서 몇일", "몇일"),
        ("제목에서 금새", "금새"),
        ("본문에서 제가 할께요", "할께요"),
        ("굵게 그러면 되요", "되요"),
        ("링크에서 할수", "할수"),
        ("인용에서 금새", "금새"),
        ("목록에서 몇일", "몇일"),
        ("체크에서 제가 할께요", "할께요"),
        ("용어에서 몇일", "몇일"),
        ("정의에서 그러면 되요", "되요"),
        ("번호에서 할수", "할수"),
        ("머리에서 몇일", "몇일"),
        ("셀에서 금새", "금새"),
        ("각주에서 제가 할께요", "할께요"),
        ("하위 제목에서 그러면 되요", "되요"),
    ])


def test_org_texts():
    got = texts(DOC, "org")
    assert "제목에서 금새 왔다" in got          # TODO, priority, cookie and tags left out
    assert "하위 제목에서 그러면 되요" in got
    assert not any("toc:nil" in t or ":ID:" in t or "SCHEDULED" in t or "고정폭" in t or "주석" in t for t in got)
    assert_roundtrip(DOC, "org")


def test_org_inline_masks():
    doc = "앞 ~cfg~를 보고 =x=을 쓰고 $x$를 보고 [[https://a.b]]를 누르고 /기울임/ 끝 <2024-01-01 Mon>에"
    p = assert_roundtrip(doc, "org")[0]
    assert p.text == "앞 xxxxx를 보고 xxx을 쓰고 xxx를 보고 xxxxxxxxxxxxxxx를 누르고 기울임 끝 xxxxxxxxxxxxxxxx에"


def test_org_suppression(chk):
    doc = ("# hanproof-disable-next-line spelling\n몇일 뒤에 만나요.\n\n"
           "# hanproof-disable-file grammar\n그러면 되요.\n\n할수 있다.\n")
    chk.expect(doc, "org", [("할수 있다", "할수")])
