"""HTML: text nodes and alt/title attributes; script, style, code, pre, comments skipped."""
from __future__ import annotations

from .extract_helpers import assert_roundtrip, texts

DOC = """\
<!DOCTYPE html>
<html lang="ko">
<head>
<title>제목에서 몇일 뒤에</title>
<style>p::before { content: "몇일 뒤에"; }</style>
<script>const s = "제가 할께요"; if (a < b) { x = "<p>할수</p>"; }</script>
</head>
<body>
<h1>머리말 금새 왔다</h1>
<p title="문단 제목에서 그러면 되요">본문에서 <b>제가</b> 할께요. <code>몇일</code>을 쓰고
<a href="https://example.com/몇일">링크에서 할수 있다</a>.<br>둘째 줄에서 금새 왔다.</p>
<pre>
미리 서식 몇일 뒤에
</pre>
<!-- 주석 몇일 뒤에 -->
<ul><li>항목에서 그러면 되요</li><li>둘째 항목</li></ul>
<img src="몇일.png" alt="그림에서 금새 왔다">
<table><tr><td>셀에서 할수 있다</td><td>&lt;몇일&gt;</td></tr></table>
<textarea>입력 몇일 뒤에</textarea>
</body>
</html>
"""


def test_html_errors_at_exact_offsets(chk):
    chk.expect(DOC, "html", [
        ("제목에서 몇일", "몇일"),
        ("머리말 금새", "금새"),
        ("제목에서 그러면 되요", "되요"),
        ("</b> 할께요", "할께요"),
        ("링크에서 할수", "할수"),
        ("줄에서 금새", "금새"),
        ("항목에서 그러면 되요", "되요"),
        ("그림에서 금새", "금새"),
        ("셀에서 할수", "할수"),
        ("&lt;몇일", "몇일"),  # text between masked entities: still prose, offsets exact
    ])


def test_html_paragraphs():
    got = texts(DOC, "html")
    assert "본문에서 제가 할께요. xx을 쓰고\n링크에서 할수 있다.\n둘째 줄에서 금새 왔다." in got
    assert "항목에서 그러면 되요" in got and "둘째 항목" in got
    assert not any("content" in t or "const" in t or "미리 서식" in t or "주석" in t or "입력" in t for t in got)
    assert_roundtrip(DOC, "html")


def test_html_entities_masked_or_space():
    doc = "<p>A&amp;B 그리고&nbsp;공백 &#44032; &copy 끝 &bogus; 문자</p>"
    p = assert_roundtrip(doc, "html")[0]
    assert p.text == "AxxxxxB 그리고 공백 xxxxxxxx xxxxx 끝 &bogus; 문자"


def test_html_inline_code_masks_particle(chk):
    doc = "<p><code>설정</code>를 바꾸고 <kbd>Ctrl</kbd>을 누른다. <img src=a.png>를 본다.</p>"
    assert chk.flagged(doc, "html") == set()
    assert texts(doc, "html") == ["xx를 바꾸고 xxxx을 누른다. xxxxxxxxxxxxxxx를 본다."]


def test_html_suppression(chk):
    doc = ("<!-- hanproof-disable-next-line spelling -->\n<p>몇일 뒤에 만나요.</p>\n"
           "<p>몇일 뒤에 <!-- hanproof-disable-line --> 만나요.</p>\n"
           "<!-- hanproof-disable grammar -->\n<p>그러면 되요. 몇일 뒤에 봐요.</p>\n<!-- hanproof-enable grammar -->\n"
           "<p>다시 그러면 되요.</p>\n")
    chk.expect(doc, "html", [("몇일 뒤에 봐요", "몇일"), ("다시 그러면 되요", "되요")])


def test_html_malformed_never_fails():
    for doc in ["<p>열린 태그 <b>몇일", "<<<>>> &&& <!-- 닫히지 않은", "<p title='x>본문</p>", "</p></div>텍스트"]:
        assert_roundtrip(doc, "html")
