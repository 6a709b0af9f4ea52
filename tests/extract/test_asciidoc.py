"""AsciiDoc: listing/literal blocks, attributes, comments and passthroughs are not prose."""
from __future__ import annotations

from .extract_helpers import assert_roundtrip, texts

DOC = """\
= 문서 제목에서 몇일 뒤에
홍길동 <hong@example.com>
v1.0, 2024-01-01: 그러면 되요
:toc:
:description: 속성에서 몇일 뒤에

// 주석에서 제가 할께요
== 절 제목에서 금새 왔다

본문에서 제가 할께요. `몇일 뒤에` 코드와 +할수 있다+ 패스스루는 괜찮고 *굵게 그러면 되요* 그리고
https://example.com/몇일[링크에서 할수 있다] 와 <<id,참조에서 금새 왔다>> 와 {몇일} 속성.
각주footnote:[각주에서 몇일 뒤에] 끝. pass:[제가 할께요] kbd:[몇일] stem:[할수]

[source,python]
----
x = "몇일 뒤에"  # 할께요
----

....
리터럴 블록 할수 있다
....

++++
<p>그러면 되요</p>
++++

////
주석 블록 몇일 뒤에
////

[NOTE]
====
예제 블록에서 그러면 되요
====

[stem]
++++
금새
++++

[source]
할수 있다 문단 코드

NOTE: 노트에서 할수 있다

* 목록에서 몇일 뒤에
** 하위 목록에서 금새 왔다
. 번호 목록에서 제가 할께요
용어에서 몇일:: 정의에서 그러면 되요

 들여쓴 리터럴 문단 몇일 뒤에

.블록 제목에서 할수 있다
|===
|머리에서 몇일 뒤에 |둘째
|셀에서 금새 왔다 2+|합친 셀에서 할수 있다
|===

image::몇일.png[그림에서 그러면 되요,300]
include::몇일.adoc[]
"""


def test_asciidoc_errors_at_exact_offsets(chk):
    chk.expect(DOC, "asciidoc", [
        ("제목에서 몇일", "몇일"),
        ("절 제목에서 금새", "금새"),
        ("본문에서 제가 할께요", "할께요"),
        ("굵게 그러면 되요", "되요"),
        ("링크에서 할수", "할수"),
        ("참조에서 금새", "금새"),
        ("각주에서 몇일", "몇일"),
        ("예제 블록에서 그러면 되요", "되요"),
        ("노트에서 할수", "할수"),
        ("목록에서 몇일", "몇일"),
        ("하위 목록에서 금새", "금새"),
        ("번호 목록에서 제가 할께요", "할께요"),
        ("용어에서 몇일", "몇일"),
        ("정의에서 그러면 되요", "되요"),
        ("블록 제목에서 할수", "할수"),
        ("머리에서 몇일", "몇일"),
        ("셀에서 금새", "금새"),
        ("합친 셀에서 할수", "할수"),
        ("그림에서 그러면 되요", "되요"),
    ])


def test_asciidoc_texts():
    got = texts(DOC, "asciidoc")
    assert not any("홍길동" in t or "속성에서" in t or "주석" in t or "리터럴" in t or "x = " in t for t in got)
    assert "둘째" in got
    assert_roundtrip(DOC, "asciidoc")


def test_asciidoc_inline_masks():
    doc = "앞 `cfg`를 보고 {attr}을 쓰고 <<sec>>을 보고 https://a.b[]를 누르고 *굵게* 끝 +\n다음 줄"
    p = assert_roundtrip(doc, "asciidoc")[0]
    assert p.text == "앞 xxxxx를 보고 xxxxxx을 쓰고 xxxxxxx을 보고 xxxxxxxxxxxxx를 누르고 굵게 끝 \n다음 줄"


def test_asciidoc_suppression(chk):
    doc = ("// hanproof-disable-next-line spelling\n몇일 뒤에 만나요.\n\n"
           "// hanproof-disable\n그러면 되요.\n// hanproof-enable\n\n다시 그러면 되요.\n")
    chk.expect(doc, "asciidoc", [("다시 그러면 되요", "되요")])
