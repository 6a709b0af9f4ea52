"""Particles after numbers in digits agree with the Sino-Korean reading."""
import pytest

from hanproof.rules.builtin import number_reading_end


@pytest.mark.parametrize("number, end", [
    ("2", "이"), ("3", "삼"), ("7", "칠"), ("10", "십"), ("20", "십"), ("100", "백"),
    ("1000", "천"), ("1,000", "천"), ("10000", "만"), ("30000", "만"), ("120000", "만"),
    ("100000000", "억"), ("0", "영"), ("2.5", "오"), ("3.10", "영"), ("13", "삼"),
])
def test_reading_end(number, end):
    assert number_reading_end(number) == end


def test_not_a_plain_number():
    assert number_reading_end("1-2") is None
    assert number_reading_end("3a") is None
    assert number_reading_end("２") is None          # full-width and other scripts' digits
    assert number_reading_end("١٢") is None
    assert number_reading_end("1" + "0" * 20) is None  # beyond 경


def test_engine_flags_the_particle_only(engine):
    text = "3를 빼고 2을 더한 다음 1으로 나눈다. MP3를 듣고 아이폰 6가 나왔다."
    got = [(f.rule, text[f.start:f.end], f.suggestions[0]) for f in engine.check(text)
           if f.rule == "grammar.number-particle"]
    assert got == [("grammar.number-particle", "를", "을"), ("grammar.number-particle", "을", "를"),
                   ("grammar.number-particle", "으로", "로")]


def test_acronym_reading_is_the_name_of_the_last_letter():
    from hanproof.rules.builtin import acronym_reading_end
    assert acronym_reading_end("PDF") == "에프"
    assert acronym_reading_end("URL") == "엘"
    assert acronym_reading_end("HTML") == "엘"
    assert acronym_reading_end("iOS") is None
    assert acronym_reading_end("MP3") is None


def test_only_listed_acronyms_are_judged(engine):
    def found(text):
        return [(text[f.start:f.end], f.suggestions[0]) for f in engine.check(text) if f.rule == "grammar.acronym-particle"]
    assert found("URL를 입력하세요.") == [("를", "을")]
    assert found("PDF을 받았다.") == [("을", "를")]
    # read as what it stands for (월스트리트저널은) or as a word: not listed, not judged
    assert found("WSJ은 덧붙였다.") == []
    assert found("RAM을 늘렸다.") == []


def test_unit_after_a_number_is_read_aloud(engine):
    def found(text):
        return [(text[f.start:f.end], f.suggestions[0]) for f in engine.check(text) if f.rule == "grammar.unit-particle"]
    assert found("시청률이 20%을 넘었다.") == [("을", "를")]          # 퍼센트
    assert found("설탕 3g를 넣고 5km을 달렸다.") == [("를", "을"), ("을", "를")]
    assert found("시청률이 20%를 넘었다.") == []
    # kg is read 킬로그램 or 킬로: both particles stand
    assert found("쌀 10kg을 샀다. 쌀 10kg를 샀다.") == []
    # a unit not after a number is no unit (the letter g, a size L)
    assert found("g를 눌러 저장한다.") == []
    # the number must start the word: a model name such as A4 is not a quantity
    assert found("A4%를 보라.") == []


def test_listed_latin_name_is_read_as_a_word(engine):
    def found(text):
        return [(text[f.start:f.end], f.suggestions[0]) for f in engine.check(text) if f.rule == "grammar.word-particle"]
    assert found("파일은 Excel를 이용해 변환한다.") == [("를", "을")]       # 엑셀
    assert found("링크는 Zoom로 보낼게요.") == [("로", "으로")]             # 줌
    assert found("YouTube를 보다가 Google에서 찾았다.") == []
    # a name the list does not give a reading for is not judged
    assert found("Figma를 켰다. Figma을 켰다.") == []
    # the reading entries are not letter-by-letter acronyms
    assert [f for f in engine.check("Excel를 켰다.") if f.rule == "grammar.acronym-particle"] == []
