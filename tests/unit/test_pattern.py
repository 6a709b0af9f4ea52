import pytest

from hanproof.analysis import Tok
from hanproof.rules.pattern import PatternError, expand_classes, parse_morphs, parse_pattern


def toks(text, spec):
    out = []
    for form, tag, s, e in spec:
        out.append(Tok(form, tag, s, e))
    return text, out


def test_attached_and_spaced_joins():
    text, ts = toks("할 수", [("하", "VV", 0, 1), ("ᆯ", "ETM", 0, 1), ("수", "NNB", 2, 3)])
    assert not parse_pattern("*/ETM + 수/NNB").match_at(ts, 1, text)
    assert parse_pattern("*/ETM _ 수/NNB").match_at(ts, 1, text)
    assert parse_pattern("*/ETM ~ 수/NNB").match_at(ts, 1, text)


def test_compat_jamo_prefix_tag_prefix_and_surface():
    text, ts = toks("할께요", [("하", "VV", 0, 1), ("ᆯ께요", "EF", 0, 3)])
    assert parse_pattern("ㄹ께*/E*").match_at(ts, 1, text)
    assert parse_pattern("ㄹ께*/E*{께}").match_at(ts, 1, text)
    assert not parse_pattern("ㄹ께*/E*{게}").match_at(ts, 1, text)
    assert not parse_pattern("ㄹ게*/E*").match_at(ts, 1, text)


def test_negative_context_and_excluded_forms():
    text, ts = toks("무엇인지", [("무엇", "NP", 0, 2), ("이", "VCP", 2, 3), ("ᆫ", "ETM", 2, 3), ("지", "NNB", 3, 4)])
    assert parse_pattern("ㄴ/ETM + 지/NNB").match_at(ts, 2, text)
    assert not parse_pattern("!이/VCP + ㄴ/ETM + 지/NNB").match_at(ts, 2, text)
    assert not parse_pattern("^무엇/NP").match_at(ts, 0, text)
    assert parse_pattern("^누구/NP").match_at(ts, 0, text)


def test_final_consonant_classes():
    import re
    rx = re.compile(expand_classes("<받침>$"))
    assert rx.search("책") and not rx.search("나")
    assert re.search(expand_classes("<ㄹ받침>$"), "서울") and not re.search(expand_classes("<ㄹ받침>$"), "집")


@pytest.mark.parametrize("bad", ["", "되", "되/VV +", "+ 되/VV", "되/VV 요/EF", "되/vv", "되/VV{[}", "!되/VV"])
def test_bad_patterns_raise(bad):
    with pytest.raises(PatternError):
        parse_pattern(bad)


def test_parse_morphs():
    assert parse_morphs("되/VV + 어요/EF") == [("되", "VV"), ("어요", "EF")]
    assert parse_morphs("$1 + 려고/EC") == [("$1", "$"), ("려고", "EC")]
    with pytest.raises(PatternError):
        parse_morphs("되")


def test_noun_margin_skips_words_that_may_be_one_noun():
    from types import SimpleNamespace as NS

    from hanproof.rules import matchers
    from hanproof.rules.matchers import Context, _noun_reading

    readings = {
        # 선채: 서+ㄴ+채 first, the noun 선채 0.7 below
        "선채": [([NS(tag="VV"), NS(tag="ETM"), NS(tag="NNB")], -22.6), ([NS(tag="NNG")], -23.3)],
        # 누운채: the one-noun reading is far below
        "누운채": [([NS(tag="VV-I"), NS(tag="ETM"), NS(tag="NNB")], -20.3), ([NS(tag="NNG")], -32.6)],
        # 켠채: no one-noun reading at all
        "켠채": [([NS(tag="VV"), NS(tag="ETM"), NS(tag="NNB")], -20.1)],
    }
    analyzer = NS(analyze=lambda w, top_n: readings[w])
    ctx = Context("후일 선채로 썼다. 누운채로 켠채로", [], (), analyzer)
    matchers._READINGS.clear()
    assert _noun_reading(ctx, 3, 5, 3.0)           # 선채
    assert not _noun_reading(ctx, 3, 5, 0.5)
    assert not _noun_reading(ctx, 11, 14, 3.0)     # 누운채
    assert not _noun_reading(ctx, 16, 18, 3.0)     # 켠채
    matchers._READINGS.clear()


def test_fused_needs_one_stem_across_the_removed_blank():
    from types import SimpleNamespace as NS

    from hanproof.rules.matchers import Context, _fuses

    readings = {
        "배고파요": [Tok("배고프", "VA", 0, 3), Tok("어요", "EF", 2, 4)],
        "주홍빛같아서": [Tok("주홍빛", "NNG", 0, 3), Tok("같", "VA", 3, 4), Tok("아서", "EC", 4, 6)],
        "엑실없는": [Tok("엑실", "NNG", 0, 2), Tok("없", "VA", 2, 3), Tok("는", "ETM", 3, 4)],
    }
    an = NS(tokenize=lambda w: readings[w])
    ctx = Context("너무 배 고파요 주홍빛 같아서 엑 실없는", [], (), an)
    assert _fuses(ctx, 3, 6, "배고", "VA")
    assert not _fuses(ctx, 3, 6, "배 고", "VA")          # the fix must only drop the blank
    assert not _fuses(ctx, 9, 14, "주홍빛같", "VA")
    assert not _fuses(ctx, 17, 20, "엑실없", "V")


def test_message_placeholders_are_token_texts():
    from hanproof.rules import Rule
    from hanproof.rules.matchers import Context, Fix, PatternMatcher

    text, ts = toks("할수", [("하", "VV", 0, 1), ("ᆯ", "ETM", 0, 1), ("수", "NNB", 1, 2)])
    pat = parse_pattern("*/ETM + 수/NNB")
    rule = Rule(id="spacing.test", category="spacing", severity="warning",
                message="의존 명사 '{2}'는 띄어 씁니다: {match} → {fix}", explanation="", norm="",
                enabled=True, kind="pattern", file="t", line=1)
    m = PatternMatcher((pat,), None, (Fix("text", "{1} {2}"),))
    hit = m.hit_at(rule, Context(text, ts, (), None), 1, pat)
    assert hit is not None and hit.message == "의존 명사 '수'는 띄어 씁니다: 할수 → 할 수"


def test_gap_expands_into_one_pattern_per_length():
    from hanproof.rules.pattern import expand_gaps
    assert expand_gaps("되/VV + 요/EF") == ["되/VV + 요/EF"]
    assert expand_gaps("*/VV + 던지/EC ~ <1-3> ~ 던지/EC") == [
        "*/VV + 던지/EC ~ */* ~ 던지/EC",
        "*/VV + 던지/EC ~ */* ~ */* ~ 던지/EC",
        "*/VV + 던지/EC ~ */* ~ */* ~ */* ~ 던지/EC"]
    for bad in ("<1-3> ~ 던지/EC", "던지/EC ~ <1-3>", "a/NNG ~ <3-1> ~ b/NNG", "a/NNG ~ <0-2> ~ b/NNG",
                "a/NNG ~ <1-2> ~ b/NNG ~ <1-2> ~ c/NNG", "a/NNG ~ <x> ~ b/NNG"):
        with pytest.raises(PatternError):
            expand_gaps(bad)


def test_gap_matches_only_the_lengths_it_allows(engine):
    from hanproof.rules.pattern import expand_gaps
    text = "밥을 먹던지 잠을 푹 자던지 해."
    ts = engine.analyzer.tokenize(text)
    i = next(k for k, t in enumerate(ts) if t.form == "먹")
    def hits(src):
        return any(parse_pattern(p).match_at(ts, i, text) for p in expand_gaps(src))
    assert hits("먹/VV + 던지/EC ~ <1-3> ~ 자/VV + 던지/EC")
    assert not hits("먹/VV + 던지/EC ~ <1-2> ~ 자/VV + 던지/EC")
