from hanproof.textindex import LineIndex


def test_lines_with_mixed_line_ends():
    t = "가나\r\n다\n라마\r바"
    idx = LineIndex(t)
    assert idx.starts == [0, 4, 6, 9]
    assert [idx.line_text(i) for i in range(4)] == ["가나", "다", "라마", "바"]
    assert idx.position(t.index("마")) == (2, 1)
    assert idx.offset(2, 1) == t.index("마")


def test_utf16_and_utf8_columns_after_emoji():
    t = "😀😀 몇일"
    idx = LineIndex(t)
    off = t.index("몇")
    assert off == 3
    assert idx.position(off, "utf-16") == (0, 5)   # two surrogate pairs + space
    assert idx.position(off, "utf-8") == (0, 9)    # 4 + 4 + 1 bytes
    assert idx.position(off, "utf-32") == (0, 3)
    for enc in ("utf-16", "utf-8", "utf-32"):
        line, col = idx.position(off, enc)
        assert idx.offset(line, col, enc) == off


def test_offsets_clamp_past_line_end_and_document_end():
    idx = LineIndex("가\n나")
    assert idx.offset(0, 99) == 1
    assert idx.offset(5, 0) == 3
    assert idx.position(99) == (1, 1)


def test_roundtrip_every_offset():
    t = "a😀가\r\n\r\n🇰🇷 한국\n끝"
    idx = LineIndex(t)
    for off in range(len(t) + 1):
        if off > 0 and t[off - 1] == "\r" and off < len(t) and t[off] == "\n":
            continue  # between \r and \n is not a position
        for enc in ("utf-16", "utf-8", "utf-32"):
            assert idx.offset(*idx.position(off, enc), enc) == off, (off, enc)
