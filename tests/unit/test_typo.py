"""spelling.typo (on by default) and spelling.typo-edits (opt-in): words Kiwi cannot read."""
import pytest

from hanproof.config import Config
from hanproof.rules import typo

EDITS = Config(enable=("spelling.typo-edits",))


def typos(engine, text, config=None):
    return [(text[f.start:f.end], f.rule, f.suggestions[:1])
            for f in engine.check(text, config=config) if f.rule.startswith("spelling.typo")]


@pytest.mark.parametrize("text, word, fix", [
    ("그 사람 참 괴씸하다.", "괴씸하다", "괘씸하다"),          # Kiwi's typo model: ㅚ/ㅙ
    ("지진이 일어나는 매커니즘은 복잡하다.", "매커니즘은", "메커니즘은"),
    ("오늘 선생님이 숙재를 내주셨다.", "숙재를", "숙제를"),
    ("어제 시험에 합격햇다.", "합격햇다", "합격했다"),        # Kiwi's typo dictionary: 엇 → 었
    ("그 사람은 벌써 가버렷다.", "가버렷다", "가버렸다"),
    ("내일 다시 오겟습니다.", "오겟습니다", "오겠습니다"),
    ("오늘은 너무 귀찬아요.", "귀찬아요", "귀찮아요"),
    ("오나전 좋아.", "오나전", "완전"),                       # two keys swapped
    ("그 영화 진짜 재밋었어.", "재밋었어", "재밌었어"),       # shift key missed (ㅆ)
])
def test_flags_typo_with_the_right_suggestion(engine, text, word, fix):
    # spelling.eot-typo also takes 엇 → 었 (and the typo guess gives way to it): off here
    only_typo = Config(ignore=("spelling.eot-typo",))
    assert typos(engine, text, only_typo) == [(word, "spelling.typo", (fix,))]
    fixed = text.replace(word, fix)
    assert typos(engine, fixed, only_typo) == []


def test_the_past_ending_slip_is_fixed_whichever_rule_finds_it(engine):
    from hanproof.fixes import fix_until_stable
    for text, want in (("어제 시험에 합격햇다.", "어제 시험에 합격했다."),
                       ("위치가 일부 변경되엇습니다.", "위치가 일부 변경됐습니다.")):
        fixed, _ = fix_until_stable(engine.check, text, engine.check(text))
        assert fixed == want


def test_a_correction_is_never_two_words_run_together(engine):
    # swapping keys in 됩니더 gives 된비더, which Kiwi reads as 반영된 + 비 + 더 and scores
    # better: a one-word correction that is two words is no correction
    assert typos(engine, "설정 변경 내용은 운영 서버에 반영됩니더.") == []
    assert typo._no_one_word([t for t in engine.analyzer.tokenize("반영된비더")])
    assert not typo._no_one_word([t for t in engine.analyzer.tokenize("반영됩니다")])


def test_a_correction_never_puts_a_noun_right_after_a_stem(engine):
    # moving the final ㅆ of 떼웠는데도 gives 떼원쓴데도, which Kiwi reads as 떼- + 원 + 쓰- +
    # -ㄴ데도 and scores better: no word has a stem right before a noun
    assert typos(engine, "면세점 구경을 하면서 시간을 떼웠는데도 시간이 안 갔다.") == []
    assert typo._no_one_word([t for t in engine.analyzer.tokenize("떼원쓴데도")])
    assert not typo._no_one_word([t for t in engine.analyzer.tokenize("때웠는데도")])


def test_a_correction_is_not_pieced_together_from_one_syllable_nouns(engine):
    # swapping the final ㅊ of 되찿았다 with the next ㅇ gives 되창찼다, which Kiwi reads as
    # 되 + 창 + 차- and scores better than the unknown word
    assert typos(engine, "지역 상권이 활기를 되찿았다.") == []
    assert typo._no_one_word([t for t in engine.analyzer.tokenize("되창찼다")])
    assert not typo._no_one_word([t for t in engine.analyzer.tokenize("되찾았다")])


def test_opt_in_edits_find_keyboard_slips(engine):
    text = "기차가 방금 출발핬다."
    assert typos(engine, text) == []                      # not on by default
    assert typos(engine, text, EDITS) == [("출발핬다", "spelling.typo-edits", ("출발했다",))]
    assert typos(engine, "낙뇌 때문에 정전이 되었다.", EDITS) == [("낙뇌", "spelling.typo-edits", ("낙뢰",))]


@pytest.mark.parametrize("text", [
    "그 사람 참 괘씸하다.",
    "나는 아침에 밥을 먹었다.",
    "그가 부탁한 말을 하렷다.",                      # the old ending -렷다, not 엇
    "춘수는 병원을 나섰다.",                         # a character's name
    "최충국 씨는 흰 수염을 쓰다듬었다.",              # a name before a title
    "가이우스 옥타비우스 투리누스는 로마의 황제였다.",  # foreign names side by side
    "아스날과의 경기에서 메시가 골을 넣었다.",
    "토끼가 귀를 쫑긋 세웠다.",
    "모깃소리같이 중얼거렸다.",                       # 사이시옷
    "물결이 차르럭거리며 흘렀다.",                    # a sound word in -거리다
    "직열 회로를 구성했다.",                          # no single clear correction: no guess
    "The Kiwi analyzer reads 괴씸X and v2.0 and #괴씸 and https://example.com/괴씸",
    "「괴씸」이라는 제목의 책",                        # quoted: a title
])
def test_silent_on_correct_text_names_latin_and_titles(engine, text):
    assert typos(engine, text, EDITS) == []


def test_user_dictionary_words_are_never_flagged(engine):
    text = "오늘 선생님이 숙재를 내주셨다."
    assert typos(engine, text)
    assert typos(engine, text, Config(words=frozenset({"숙재"}))) == []


def test_masked_code_is_not_checked(engine):
    assert typos(engine, "`괴씸하다`는 예시입니다.", None) == []
    assert [f.rule for f in engine.check("`괴씸하다`는 예시, 괴씸하다", "markdown")
            if f.rule == "spelling.typo"] == ["spelling.typo"]


def test_keystroke_composition():
    assert typo._keystrokes("완전") == "ㅇㅗㅏㄴㅈㅓㄴ"
    assert typo._compose("ㅇㅗㅏㄴㅈㅓㄴ") == "완전"
    assert typo._compose("ㅇㅗㄴㅏㅈㅓㄴ") == "오나전"
    assert typo._compose("ㄱㅏㅂㅅㅇㅣ") == "값이"
    assert typo._compose("ㅏ") is None
    assert "한다" in typo._edits("하낟", range(1, 2), False)
    assert "완전" in typo._edits("오나전", range(0, 3), False)


# ---------------------------------------------------------------- spelling.shift-typo

def shift(engine, text):
    return [(text[f.start:f.end], f.rule, f.suggestions[:1]) for f in engine.check(text)
            if f.rule in ("spelling.shift-typo", "grammar.conjugation")]


@pytest.mark.parametrize("text, word, fix", [
    ("나 지금 집에 잇어, 좀 이따 전화할게", "잇어", "있어"),
    ("내일 시간 잇으면 같이 영화 보자", "잇으면", "있으면"),
    ("이제 다 됫어, 너 먼저 들어가", "됫어", "됐어"),           # 됫 → 됐, not 됬
    ("이 집 국물이 진짜 맛잇어요", "맛잇어요", "맛있어요"),
    ("여기 떡볶이 진짜 맛잇는데 양도 많아", "맛잇는데", "맛있는데"),  # ㅆ fuses 맛 + 있다
    ("그럴 줄 알앗어.", "알앗어", "알았어"),                    # not 알앗아 (conjugation yields)
    ("진짜 맛잇었어ㅋㅋ", "맛잇었어", "맛있었어"),               # jamo emoticons after the word
])
def test_shift_typo_finds_a_missed_double_final(engine, text, word, fix):
    assert shift(engine, text) == [(word, "spelling.shift-typo", (fix,))]
    assert shift(engine, text.replace(word, fix)) == []


@pytest.mark.parametrize("text, found", [
    ("두 줄을 잇었다.", [("잇었다", "grammar.conjugation", ("이었다",))]),  # 잇다 takes an object
    ("두 다리를 잇는 공사가 끝났다.", []),
    ("감기가 다 낫는다.", []),
    ("병이 낫다.", []),
    ("쌀 한 됫박을 샀다.", []),
    ("형을 배반한 아우도 아우렷다.", []),                     # the old ending -렷다
    ("김잇어 씨가 왔다.", []),
])
def test_shift_typo_leaves_a_right_final_s_alone(engine, text, found):
    assert shift(engine, text) == found
