from hanproof.extract import Paragraph, extract
from hanproof.segment import bounded


def test_long_single_line_is_cut_at_sentence_ends_and_maps_back():
    sentence = "이것은 아주 긴 한 줄짜리 문서의 문장입니다. "
    text = sentence * 2000 + "끝에 몇일."
    ps = bounded(extract(text), limit=500)
    assert len(ps) > 100
    assert all(len(p.text) <= 500 for p in ps)
    assert "".join(p.text for p in ps).replace(" ", "") == text.replace(" ", "")
    for p in ps[:5] + ps[-5:]:
        assert all(text[p.orig(i)] == p.text[i] for i in range(len(p.text)))
        assert p.text.rstrip().endswith(("다.", "몇일."))


def test_text_without_sentence_ends_is_cut_at_spaces_or_hard():
    text = "가나다 " * 3000
    ps = bounded([Paragraph(text, 0)], limit=1000)
    assert all(len(p.text) <= 1000 for p in ps)
    assert "".join(p.text for p in ps) == text
    blob = "가" * 2500
    ps = bounded([Paragraph(blob, 10)], limit=1000)
    assert [len(p.text) for p in ps] == [1000, 1000, 500] and ps[1].start == 1010


def test_masks_and_offsets_follow_the_slices():
    p = Paragraph("ab xx cd", 5, [5, 6, 7, 20, 21, 22, 23, 24], ((3, 5),))
    out = bounded([p], limit=4)
    assert [q.text for q in out] == ["ab ", "xx ", "cd"]
    assert out[1].masked == ((0, 2),) and out[1].orig(0) == 20
    assert out[2].offsets is None and out[2].start == 23


def test_engine_finds_errors_in_a_huge_single_line(engine):
    text = "평범한 문장입니다. " * 20000 + "몇일 뒤에 봐요."
    fs = engine.check(text)
    assert [(f.rule, text[f.start:f.end]) for f in fs] == [("spelling.myeochil", "몇일")]
