"""reStructuredText: literal blocks, directives, roles and inline literals are not prose."""
from __future__ import annotations

from .extract_helpers import assert_roundtrip, texts

DOC = """\
==================
제목에서 몇일 뒤에
==================

소제목 금새 왔다
----------------

본문에서 제가 할께요. ``몇일 뒤에`` 코드와 :code:`할수 있다` 역할은 괜찮고
:emphasis:`강조에서 그러면 되요` 그리고 *기울임 금새 왔다* 와 **굵게 할수 있다**.
링크 `텍스트에서 몇일 뒤에 <https://example.com/몇일>`_ 와 :ref:`참조 제목 할수 있다 <label>`.
:ref:`몇일` 과 `기본 역할 몇일` 과 |몇일| 과 [#]_ 는 가려진다.

예시는 다음과 같다::

    리터럴 블록 몇일 뒤에
    제가 할께요

- 목록에서 그러면 되요
- 둘째 항목
  이어지는 줄에서 할수 있다

:필드: 필드 값에서 금새 왔다

| 줄 블록에서 몇일 뒤에
| 둘째 줄

.. note:: 노트에서 제가 할께요

   노트 본문에서 그러면 되요

.. code-block:: python

   x = "몇일 뒤에"  # 할께요

.. math::

   몇일 뒤에

.. 주석에서 몇일 뒤에
   이어지는 주석 할수 있다

.. _target: https://example.com/몇일

.. [#] 각주에서 할수 있다

.. image:: 몇일.png
   :alt: 그림에서 금새 왔다
   :width: 100

=============  ============
머리에서 몇일    둘째 칸
=============  ============
셀에서 되요     ``몇일``
=============  ============

>>> print("몇일 뒤에")
몇일 뒤에
"""


def test_rst_errors_at_exact_offsets(chk):
    chk.expect(DOC, "restructuredtext", [
        ("제목에서 몇일", "몇일"),
        ("소제목 금새", "금새"),
        ("제가 할께요. ``", "할께요"),
        ("강조에서 그러면 되요", "되요"),
        ("기울임 금새", "금새"),
        ("굵게 할수", "할수"),
        ("텍스트에서 몇일", "몇일"),
        ("참조 제목 할수", "할수"),
        ("목록에서 그러면 되요", "되요"),
        ("줄에서 할수", "할수"),
        ("필드 값에서 금새", "금새"),
        ("줄 블록에서 몇일", "몇일"),
        ("노트에서 제가 할께요", "할께요"),
        ("노트 본문에서 그러면 되요", "되요"),
        ("각주에서 할수", "할수"),
        ("그림에서 금새", "금새"),
        ("머리에서 몇일", "몇일"),
        ("셀에서 되요", "되요"),
    ])


def test_rst_paragraph_texts():
    got = texts(DOC, "restructuredtext")
    assert "예시는 다음과 같다:" in got            # `::` after a word becomes `:`
    assert not any("리터럴" in t or "x = " in t or "주석" in t or "print" in t for t in got)
    assert "둘째 칸" in got
    assert_roundtrip(DOC, "restructuredtext")


def test_rst_inline_pieces():
    doc = "앞 ``코드``를 :func:`f`를 `링크 <http://x>`_ 와 참조_ 와 \\*별\\* 와 [1]_ 끝."
    p = assert_roundtrip(doc, "restructuredtext")[0]
    assert p.text == "앞 xxxxxx를 xxxxxxxxx를 링크 와 참조 와 *별* 와 xxxx 끝."


def test_rst_expanded_literal_and_quoted():
    doc = "문단.\n\n::\n\n    리터럴 몇일\n\n다음 문단 ::\n\n  또 리터럴\n\n끝 문단."
    assert texts(doc, "restructuredtext") == ["문단.", "다음 문단", "끝 문단."]


def test_rst_unknown_directive_skipped_prose_directive_kept():
    doc = ".. toctree::\n   :maxdepth: 2\n\n   몇일\n\n.. warning::\n   :class: x\n\n   경고 본문\n\n.. versionadded:: 1.2\n   새 기능 설명\n"
    assert texts(doc, "restructuredtext") == ["경고 본문", "새 기능 설명"]


def test_rst_grid_table():
    doc = "+--------+------+\n| 칸 하나 | 둘   |\n+========+======+\n| 몇일   | 넷   |\n+--------+------+\n"
    assert texts(doc, "restructuredtext") == ["칸 하나", "둘", "몇일", "넷"]


def test_rst_suppression(chk):
    doc = (".. hanproof-disable-next-line spelling\n\n몇일 뒤에 만나요.\n\n"
           ".. hanproof-disable grammar\n\n그러면 되요.\n\n.. hanproof-enable\n\n다시 그러면 되요.\n\n"
           ".. hanproof-disable-file spacing\n\n할수 있다. 금새 왔다.\n")
    chk.expect(doc, "restructuredtext", [("다시 그러면 되요", "되요"), ("금새 왔다", "금새")])
    assert not any("hanproof" in t for t in texts(doc, "restructuredtext"))
