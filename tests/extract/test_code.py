"""Source code: comments and docstrings; string literals only on request."""
from __future__ import annotations

import pytest

from .extract_helpers import assert_roundtrip, texts
from hanproof.extract import code as code_mod

PY = '''\
#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""모듈 설명에서 몇일 뒤에.

예시::

    코드 = "제가 할께요"

>>> f("할수 있다")
"""
import os  # 끝 주석에서 그러면 되요

# 첫 줄 주석에서 금새 왔다
# 둘째 줄 `몇일`을 본다
#
# 새 문단에서 할수 있다


def f(x: int = 1, *, y: str = "몇일") -> str:
    """함수 설명에서 제가 할께요.

    Args:
        x: 인자 설명에서 그러면 되요
    """
    s = "문자열에서 몇일 뒤에"
    t = f"포맷 {x}에서 할수 있다"
    return s + "#몇일"  # hanproof: ignore


class A:
    \'\'\'클래스 설명에서 금새 왔다\'\'\'

    def g(self):
        x = 1
        "문장이지만 독스트링이 아님 몇일"
        return x


async def h():
    r"""비동기 함수에서 \\몇일 뒤에"""
'''


# errors in comments and docstrings: found whether string literals are read or not
PY_DOC_ERRORS = [
    ("설명에서 몇일", "몇일"),
    ("주석에서 그러면 되요", "되요"),
    ("주석에서 금새", "금새"),
    ("새 문단에서 할수", "할수"),
    ("함수 설명에서 제가 할께요", "할께요"),
    ("인자 설명에서 그러면 되요", "되요"),
    ("클래스 설명에서 금새", "금새"),
    ("\\몇일 뒤에", "몇일"),
]


def test_python_comments_and_docstrings(chk):
    chk.expect(PY, "python", PY_DOC_ERRORS)


def test_python_strings_on_request(chk):
    chk.expect(PY, "python", PY_DOC_ERRORS + [
        ('y: str = "몇일', "몇일"),
        ("문자열에서 몇일", "몇일"),
        ("}에서 할수", "할수"),
        ("아님 몇일", "몇일"),
    ], strings=True)


def test_python_paragraphs():
    got = texts(PY, "python")
    assert "첫 줄 주석에서 금새 왔다\n 둘째 줄 xxxx을 본다" in got
    assert "새 문단에서 할수 있다" in got
    assert not any("coding" in t or "usr/bin" in t or "코드 =" in t or "f(" in t for t in got)
    assert_roundtrip(PY, "python")
    assert_roundtrip(PY, "python", strings=True)


def test_python_broken_source_does_not_fail():
    for src in ['def f(:\n    """열린 독스트링', "# 주석 몇일\nx = (1,\n", "\tif x:\n  y", '"""끝없는']:
        assert_roundtrip(src, "python")
    assert texts("# 주석 몇일\nx = (1,\n", "python") == ["주석 몇일"]


JS = """\
/**
 * 문서 주석에서 몇일 뒤에.
 * @param {number} x 인자에서 그러면 되요
 * @example
 * f("제가 할께요")
 */
function f(x) {
  // 줄 주석에서 금새 왔다
  // 이어지는 줄에서 할수 있다
  const s = "문자열에서 몇일 뒤에"; // 끝 주석에서 제가 할께요
  const t = `템플릿 ${x}에서 할수 있다`;
  return s; /* 블록에서 그러면 되요 */
}
"""


@pytest.mark.parametrize("lang", ["javascript", "typescript", "javascriptreact", "typescriptreact"])
def test_js_family(chk, lang):
    expected = [
        ("주석에서 몇일", "몇일"),
        ("인자에서 그러면 되요", "되요"),
        ("줄 주석에서 금새", "금새"),
        ("줄에서 할수", "할수"),
        ("끝 주석에서 제가 할께요", "할께요"),
        ("블록에서 그러면 되요", "되요"),
    ]
    chk.expect(JS, lang, expected)
    chk.expect(JS, lang, expected + [("문자열에서 몇일", "몇일"), ("}에서 할수", "할수")], strings=True)
    assert_roundtrip(JS, lang, strings=True)


def test_jsx_text_is_a_string(chk):
    src = "const a = <div title=\"제목 몇일\">본문에서 {x} 할수 있다</div>; // 주석 금새 왔다\n"
    chk.expect(src, "typescriptreact", [("주석 금새", "금새")])
    chk.expect(src, "typescriptreact", [("주석 금새", "금새"), ("제목 몇일", "몇일"), ("} 할수", "할수")],
               strings=True)


JAVA = """\
/** 클래스 문서에서 몇일 뒤에. {@link Foo}를 본다. */
public class A {
    // 필드 설명에서 그러면 되요
    private String s = "문자열에서 금새 왔다";
    /* 블록
     * 둘째 줄에서 할수 있다
     */
    void f() {}  // hanproof-disable-line
}
"""

GO = """\
package main

import "몇일"

// main 함수에서 몇일 뒤에
// 이어서 그러면 되요
func main() {
\ts := "문자열에서 금새 왔다" // 끝에서 할수 있다
\tr := `원시 문자열에서 제가 할께요`
}
"""

RUST = """\
//! 크레이트 문서에서 몇일 뒤에
/// 함수 문서에서 그러면 되요
///
/// ```
/// let x = "금새 왔다";
/// ```
fn main() {
    // 주석에서 할수 있다
    let s = "문자열에서 제가 할께요";
    let r = r#"원시에서 몇일 뒤에"#;
}
"""

C = """\
#include "몇일.h"
/* 블록 주석에서 몇일 뒤에
 * 둘째 줄에서 그러면 되요
 */
int main(void) { const char *s = "문자열에서 금새 왔다"; return 0; } // 끝에서 할수 있다
"""

CPP = C + 'auto r = R"x(원시에서 제가 할께요)x"; // 씨쁠쁠에서 금새 왔다\n'


def test_java(chk):
    chk.expect(JAVA, "java", [("문서에서 몇일", "몇일"), ("설명에서 그러면 되요", "되요"), ("줄에서 할수", "할수")])
    chk.expect(JAVA, "java", [("문서에서 몇일", "몇일"), ("설명에서 그러면 되요", "되요"), ("줄에서 할수", "할수"),
                              ("문자열에서 금새", "금새")], strings=True)
    assert "클래스 문서에서 몇일 뒤에. xxxxxxxxxxx를 본다." in texts(JAVA, "java")


def test_go(chk):
    chk.expect(GO, "go", [("함수에서 몇일", "몇일"), ("이어서 그러면 되요", "되요"), ("끝에서 할수", "할수")])
    chk.expect(GO, "go", [("함수에서 몇일", "몇일"), ("이어서 그러면 되요", "되요"), ("끝에서 할수", "할수"),
                          ("문자열에서 금새", "금새"), ("원시 문자열에서 제가 할께요", "할께요")], strings=True)
    assert "main 함수에서 몇일 뒤에\n 이어서 그러면 되요" in texts(GO, "go")


def test_rust(chk):
    chk.expect(RUST, "rust", [("문서에서 몇일", "몇일"), ("함수 문서에서 그러면 되요", "되요"), ("주석에서 할수", "할수")])
    chk.expect(RUST, "rust", [("문서에서 몇일", "몇일"), ("함수 문서에서 그러면 되요", "되요"), ("주석에서 할수", "할수"),
                              ("문자열에서 제가 할께요", "할께요"), ("원시에서 몇일", "몇일")], strings=True)


@pytest.mark.parametrize("lang", ["c", "cpp"])
def test_c_family(chk, lang):
    chk.expect(C, lang, [("주석에서 몇일", "몇일"), ("줄에서 그러면 되요", "되요"), ("끝에서 할수", "할수")])
    chk.expect(C, lang, [("주석에서 몇일", "몇일"), ("줄에서 그러면 되요", "되요"), ("끝에서 할수", "할수"),
                         ("문자열에서 금새", "금새")], strings=True)
    assert texts(C, lang)[0] == "블록 주석에서 몇일 뒤에\n 둘째 줄에서 그러면 되요"


def test_cpp_raw_string(chk):
    chk.expect(CPP, "cpp", [("주석에서 몇일", "몇일"), ("줄에서 그러면 되요", "되요"), ("끝에서 할수", "할수"),
                            ("씨쁠쁠에서 금새", "금새"), ("문자열에서 금새", "금새"), ("원시에서 제가 할께요", "할께요")],
               strings=True)


def test_non_ascii_byte_offsets(chk):
    # tree-sitter offsets are UTF-8 bytes: many multi-byte characters before the comment
    src = 'const s = "가나다라마바사아자차카타파하😀😀";\n// 주석에서 몇일 뒤에\n'
    chk.expect(src, "javascript", [("주석에서 몇일", "몇일")])


def test_code_suppression(chk):
    src = ("// hanproof-disable-next-line spelling\n// 몇일 뒤에 만나요\n"
           "// 그러면 되요 hanproof: ignore\n"
           "/* hanproof-disable spacing */\n// 할수 있다\n/* hanproof-enable */\n// 다시 할수 있다\n")
    chk.expect(src, "javascript", [("다시 할수", "할수")])
    assert not any("hanproof" in t for t in texts(src, "javascript"))
    py = "# hanproof-disable-file grammar\n# 그러면 되요\nx = '몇일'  # hanproof: ignore\n# 금새 왔다\n"
    chk.expect(py, "python", [("금새 왔다", "금새")], strings=True)


def test_missing_grammar_falls_back_to_plaintext(monkeypatch, chk):
    monkeypatch.setattr(code_mod, "_grammar", lambda lang: None)
    src = "// 주석에서 몇일 뒤에\nlet x = 1; // https://example.com/몇일\n"
    chk.expect(src, "rust", [("주석에서 몇일", "몇일")])


def test_python_docstring_rules():
    src = ('def f():\n    f"""포맷 문자열은 독스트링이 아님"""\n\n'
           'def g():\n    b"""바이트"""\n\n'
           'def h(): "한 줄 독스트링"\n\n'
           'x = 1\n"""모듈 중간 문자열"""\n')
    assert texts(src, "python") == ["한 줄 독스트링"]
    assert "포맷 문자열은 독스트링이 아님" in texts(src, "python", strings=True)
    assert "모듈 중간 문자열" in texts(src, "python", strings=True)


def test_comment_markup_masked():
    src = "/**\n * 설명 `코드`를 {@code x}로 <b>굵게</b> [링크](http://x.y) @return 값\n */\n"
    assert texts(src, "java") == ["설명 xxxx를 xxxxxxxxx로 굵게 링크 xxxxxxx 값"]


def test_module_paths_are_not_strings():
    js = 'import x from "몇일";\nexport { y } from "몇일2";\nconst a = require("몇일3");\nconst b = f("문자열 몇일");\n'
    assert texts(js, "javascript", strings=True) == ["문자열 몇일"]
    go = 'package m\nimport "몇일"\ntype T struct {\n\tA int `json:"몇일"`\n}\nvar s = "문자열 몇일"\n'
    assert texts(go, "go", strings=True) == ["문자열 몇일"]
    rs = 'use 몇일::x;\nfn f() { let s = "문자열 몇일"; }\n'
    assert texts(rs, "rust", strings=True) == ["문자열 몇일"]
