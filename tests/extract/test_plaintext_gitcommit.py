"""Plain text and git commit messages."""
from __future__ import annotations

from .extract_helpers import assert_roundtrip, texts

TXT = """\
첫 문단에서 몇일 뒤에 만나요.
주소 https://example.com/몇일 와 메일 hong.gil@example.com 과 경로 /usr/share/몇일 은 가려진다.

hanproof-disable-next-line spelling
둘째 문단에서 금새 왔다.

셋째 문단에서 그러면 되요.
이 줄은 hanproof-disable-next-line 을 언급할 뿐이다 할수 있다.
"""


def test_plaintext(chk):
    chk.expect(TXT, "plaintext", [("첫 문단에서 몇일", "몇일"), ("그러면 되요", "되요"), ("뿐이다 할수", "할수")])
    assert not any(t.startswith("hanproof") for t in texts(TXT, "plaintext"))
    assert_roundtrip(TXT, "plaintext")


def test_unknown_language_is_plaintext(chk):
    chk.expect("몇일 뒤에 만나요.", "no-such-language", [("몇일", "몇일")])


def test_plaintext_region_and_file_directives(chk):
    doc = "hanproof-disable grammar\n그러면 되요.\nhanproof-enable\n다시 그러면 되요.\n\nhanproof-disable-file spacing\n할수 있다.\n"
    chk.expect(doc, "plaintext", [("다시 그러면 되요", "되요")])


def test_plaintext_long_block_is_split_by_lines():
    doc = "\n".join(f"{i}번째 줄입니다." for i in range(400))
    assert len(texts(doc, "plaintext")) == 400


COMMIT = """\
기능 추가: 설정에서 몇일 단위를 쓴다

본문에서 `할께요` 코드는 괜찮고 제가 할께요.
https://example.com/몇일 참고.

    들여쓴 출력 그러면 되요
Signed-off-by: 몇일 <a@example.com>
# 주석에서 금새 왔다
# hanproof-disable-next-line grammar
이 줄은 그러면 되요.
마지막 줄에서 할수 있다.
# ------------------------ >8 ------------------------
# 가위 아래는 보지 않는다 몇일
diff --git a/x b/x
+몇일 뒤에
"""


def test_git_commit(chk):
    chk.expect(COMMIT, "git-commit", [("설정에서 몇일", "몇일"), ("제가 할께요", "할께요"), ("줄에서 할수", "할수")])
    got = texts(COMMIT, "git-commit")
    assert got[0] == "기능 추가: 설정에서 몇일 단위를 쓴다"
    assert_roundtrip(COMMIT, "git-commit")


def test_git_commit_language_from_file_name():
    from hanproof.extract import language_for_path

    assert language_for_path(".git/COMMIT_EDITMSG") == "git-commit"
    assert language_for_path("/repo/.git/MERGE_MSG") == "git-commit"


def test_plaintext_sentence_starting_with_directive_word_is_prose(chk):
    doc = "hanproof-disable-next-line 는 다음 줄을 끕니다. 할수 있다.\n몇일 뒤에 만나요.\n"
    chk.expect(doc, "plaintext", [("끕니다. 할수", "할수"), ("몇일 뒤에", "몇일")])
    doc = "hanproof-disable-next-line spelling -- 고유명사\n몇일 뒤에 만나요.\n"
    chk.expect(doc, "plaintext", [])
