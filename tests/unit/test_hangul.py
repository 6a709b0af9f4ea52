from hanproof.hangul import add_final, compat_to_conjoining, conjoining_to_compat, final_index, has_final, is_hangul


def test_final_consonants():
    assert has_final("책") is True
    assert has_final("나") is False
    assert has_final("a") is None
    assert final_index("칼") == 8
    assert add_final("하", "ㄹ") == "할"


def test_jamo_conversion_roundtrip():
    assert compat_to_conjoining("ㄹ께요") == "\u11af께요"
    assert conjoining_to_compat("\u11af께요") == "ㄹ께요"
    assert is_hangul("ㄱ") and is_hangul("\u11af") and is_hangul("한") and not is_hangul("x")
