"""spacing.kiwi-space and spacing.kiwi-space-particle (on by default) and
spacing.kiwi-space-particle-verb (opt-in): missing spaces proposed by Kiwi.space() and
confirmed by re-analysis (issue #5); spacing.kiwi-join (on by default): stray blanks inside
a word, the other half of the issue."""
# hanproof-disable-file spacing -- these tests quote missing spaces on purpose
import pytest

from hanproof.config import Config
from hanproof.rules import spacecheck

NO_PARTICLE_VERB = Config(ignore=("spacing.kiwi-space-particle-verb",))
NO_PARTICLE = Config(ignore=("spacing.kiwi-space-particle",))

# the pattern rule spacing.adverb-verb gives the same finding for its own adverbs; without
# it the check must find those too
NO_PATTERN = Config(ignore=("spacing.adverb-verb",))


def kiwi(engine, text, config=None):
    return [(text[f.start:f.end], f.rule, f.suggestions[:1])
            for f in engine.check(text, config=config) if f.rule.startswith("spacing.kiwi-space")]


def spacing(engine, text, config=None):
    return [(text[f.start:f.end], f.rule) for f in engine.check(text, config=config) if f.category == "spacing"]


@pytest.mark.parametrize("text, span, fix", [
    ("체하지 않게 천천히먹어.", "천천히먹", "천천히 먹"),
    ("택시가 방금왔어요.", "방금왔", "방금 왔"),
    ("시험 때문에 열심히공부했다.", "열심히공부", "열심히 공부"),
    ("우리 언제만날까?", "언제만날", "언제 만날"),
    ("왜울어, 무슨 일 있어?", "왜울", "왜 울"),
    ("날씨가 참좋네요.", "참좋", "참 좋"),
    ("내일 시험이니까 일찍자야지.", "일찍자", "일찍 자"),
    ("오늘은 집에서 푹쉬어.", "푹쉬", "푹 쉬"),
    ("여기앉아서 기다려.", "여기앉", "여기 앉"),            # a pronoun
    ("어제 늦게잤더니 피곤하다.", "늦게잤", "늦게 잤"),      # an adjective in -게
    ("그는 쉽게말해 천재다.", "쉽게말", "쉽게 말"),
    ("점심을 너무많이 먹었다.", "너무많이", "너무 많이"),     # a listed adverb before an adverb
    ("실물이 훨씬더 예쁘다.", "훨씬더", "훨씬 더"),
    ("나 아직옷도 못 갈아입었어.", "아직옷", "아직 옷"),       # and before a noun
    ("이거진짜 맛있다.", "이거진짜", "이거 진짜"),           # a pronoun before an adverb
    ("너어디야? 벌써 도착했는데.", "너어디", "너 어디"),     # and before a pronoun
])
def test_flags_an_adverb_written_together_with_the_verb(engine, text, span, fix):
    assert kiwi(engine, text) == [(span, "spacing.kiwi-space", (fix,))]
    assert kiwi(engine, text.replace(span, fix)) == []


@pytest.mark.parametrize("text, span, fix", [
    ("길을 몰라서편의점 직원에게 물었다.", "몰라서편의점", "몰라서 편의점"),   # an ending before a noun
    ("비가 오는데우산 챙겼어?", "오는데우산", "오는데 우산"),
    ("푹 쉬었더니몸살이 다 나았다.", "쉬었더니몸살", "쉬었더니 몸살"),
    ("반장은 공부도 잘하고성격도 좋다.", "하고성격", "하고 성격"),           # -고 only before a noun
    ("다 같이 먹으러가자.", "먹으러가", "먹으러 가"),                       # -러 before a verb
    ("어제 만난동생이 연락했다.", "난동생", "난 동생"),                     # a verb's modifier before a noun
    ("정부는 새로 도입한제도를 점검한다.", "한제도", "한 제도"),             # (from the modifier's syllable)
    ("글 잘 읽었습니다. 많은도움이 됐어요.", "은도움", "은 도움"),           # and an adjective's
    ("지난해 같은기간보다 늘었다.", "은기간", "은 기간"),
    ("이게 뭔지알아?", "뭔지알", "뭔지 알"),                                # -ㄴ지 before a verb
    ("걔가 왜 화났는지모르겠어.", "화났는지모르", "화났는지 모르"),
])
def test_flags_a_word_written_together_with_the_ending_before_it(engine, text, span, fix):
    assert kiwi(engine, text) == [(span, "spacing.kiwi-space", (fix,))]
    assert kiwi(engine, text.replace(span, fix)) == []


@pytest.mark.parametrize("text", [
    "다들 밥을 먹고들 한편 부러운 모양이었다.",   # the plural 들 after an ending
    "\"겁나게 맛있어부러.\" 동생이 말했다.",      # -어 is not taken (dialect auxiliary 부러)
    "짐을 들고오다가 넘어졌다.",                 # -고 before a verb makes compound verbs
    "놀고먹는 사람은 없다.",
    "편지를 주고받았다.",
    "눈에 흰자위뿐이요, 검은자위가 없다.",        # an adjective's modifier makes compounds
    "작은아버지께서 큰집에 오셨다.",
    "어린아이가 큰소리로 울었다.",
    "관내 착한가게 235곳이 후원했다.",
    "폐하께 죽을죄를 지었습니다.",                # and so does a one-syllable noun
    "너무너무 보고 싶었다.",                      # a listed adverb repeated
    "오늘 될는지는 알 수 없어. 오늘내일하니까.",     # adverbs not listed (오늘내일하다 is a word)
    "그럼 송모에게 본남편이 있었단 말인가?",       # a one-syllable verb + -ㄴ: Kiwi misreads 본-
    "라디오 '열린세상 오늘'과의 인터뷰에서",       # a title in quotes
    "먹어보니 생각보다 맛있더라.",
    "저번 주에 주문한 스케줄러가 아직도 배송 준비 중이라고만 떠요.",  # a noun + 가, misread as -러 가다
])
def test_connective_ending_leaves_compounds_and_auxiliaries_alone(engine, text):
    assert [f for f in kiwi(engine, text) if f[1] == "spacing.kiwi-space"] == []


def test_same_finding_as_the_pattern_rule_is_reported_once(engine):
    text = "주말에 같이가자."
    assert kiwi(engine, text, NO_PATTERN) == [("같이가", "spacing.kiwi-space", ("같이 가",))]
    assert spacing(engine, text) == [("같이가", "spacing.adverb-verb")]
    assert kiwi(engine, "빨리와, 영화 시작한다.", NO_PATTERN) == [("빨리와", "spacing.kiwi-space", ("빨리 와",))]


@pytest.mark.parametrize("text", [
    "우리나라 경제가 회복세를 보인다.",     # one noun
    "먹어보니 생각보다 맛있더라.",          # auxiliary after -어 (제47항)
    "동생이 결국 울어버렸다.",
    "그는 창밖을 내다보았다.",              # compound verbs
    "시위대가 길을 가로막았다.",
    "화살이 과녁을 빗나갔다.",
    "마음을 바로잡았다.",                   # adverb + verb that is one word
    "그는 형 못지않게 빨랐다.",
    "친구와 같이하면 일이 더 즐겁다.",       # -하다
    "잘생긴 배우가 주인공으로 나왔다.",
    "이런 기회는 다시없다.",
    "그 회사는 오래가지 못했다.",
    "드라마 다시보기",                      # verbs made nouns: names of menus
    "영상을 빨리감기로 넘겼다.",
    "불빛이 얼른거리는 것이 보였다.",         # sound and motion words
    "샘이 쫄쫄거린다.",
    "땀이 등줄기로 쪽 내리흘렀다.",          # prefixes
    "사과 2개와 배 3개를 샀다.",            # digits and counters
    "Python으로 간단한 스크립트를 짜 봤다.",  # Latin
    "김철수 씨가 발표를 맡았다.",            # names
    "서울특별시교육청은 새 학기 일정을 발표했다.",
    "그는 좀처럼 화를 내지 않는다.",
    "여보게, 방에 들어오게그려.",           # -게 after a verb: an ending, not an adverb
    "그 사람을 오게 했다.",
    "그는 나를 빤히 쳐다보았다.",
    "여보, 그것참 좋은 말이오.",             # an interjection of its own
])
def test_leaves_compounds_auxiliaries_and_names_alone(engine, text):
    assert kiwi(engine, text) == []


def test_code_is_not_read(engine):
    md = "설명은 `천천히먹어` 변수에 있다.\n"
    assert [f for f in engine.check(md, "markdown") if f.rule.startswith("spacing.kiwi")] == []


def test_particle_before_a_verb_is_on_and_can_be_turned_off(engine):
    text = "그 케이크 내가먹었어."
    assert kiwi(engine, text) == [("가먹", "spacing.kiwi-space-particle-verb", ("가 먹",))]
    assert kiwi(engine, text, NO_PARTICLE_VERB) == []
    assert kiwi(engine, "공부가 생각보다어렵다.") == [("보다어렵", "spacing.kiwi-space-particle-verb", ("보다 어렵",))]
    assert kiwi(engine, "주민 참여를 늘리고 이를위해 예산을 쓴다.") == [("를위해", "spacing.kiwi-space-particle-verb", ("를 위해",))]
    assert kiwi(engine, "제품에 이상이있을 경우 연락 주세요.") == [("이있", "spacing.kiwi-space-particle-verb", ("이 있",))]
    assert kiwi(engine, "내 동생은 게임만하고 공부는 안 해.") == [("만하", "spacing.kiwi-space-particle-verb", ("만 하",))]
    # the particle (으)로써 is no 로 + 쓰다
    assert kiwi(engine, "세제 대신 식초로써 묵은 때를 벗기는 방법이다.") == []
    # before a noun it is on by default, and can be turned off
    assert kiwi(engine, "선생님은 학생들에게과제 기한을 알렸다.", NO_PARTICLE) == []


@pytest.mark.parametrize("text, span, fix", [
    ("선생님은 학생들에게과제 기한을 알렸다.", "에게과제", "에게 과제"),         # after a noun suffix, before a noun
    ("이번 여름에는 바다보다는계곡으로 가자.", "는계곡", "는 계곡"),            # the last of two particles
    ("대통령은 국무회의에서경제 회복을 강조했다.", "에서경제", "에서 경제"),     # after a compound noun
    ("미안한데 나는 매운 음식을잘 못 먹어.", "을잘", "을 잘"),                  # adverbs listed in the lexicon
    ("그 가수의새 앨범이 나왔다.", "의새", "의 새"),                            # a determiner after 의
    ("경찰은 목격자와주변 상인들을 조사했다.", "와주변", "와 주변"),            # the joining particle 와
    ("동아리 선배가 나에게책 한 권을 줬다.", "에게책", "에게 책"),              # a one-syllable noun
])
def test_particle_before_a_noun_adverb_or_determiner(engine, text, span, fix):
    assert kiwi(engine, text) == [(span, "spacing.kiwi-space-particle", (fix,))]


@pytest.mark.parametrize("text", [
    "문호는 난수를 얼마 위로하다가 돌아갔다.",     # 위로하다, not 위 + 로 + 하다
    "일복을 원망이나 있는 듯이 가리킨다.",        # the particle 이나
    "눈에서 닭의똥 같은 눈물이 떨어졌다.",        # a compound with 의
    "요번만은 그의 왼손이 눈에 띄었다.",          # 은 read as a noun
    "\"저는요. 어렸을 때 이런 것을 좋아했어요.\"",  # 요 read as a determiner
    "해가 기우는군.",                          # the ending -는군
    "그는 잘생긴 얼굴로 웃었다.",
    "세상에서 제일 빠른 닭은 후다닥이래.",     # copula + hearsay 이래, not 이렇다
])
def test_particle_check_leaves_alone(engine, text):
    assert kiwi(engine, text) == []


def test_inside_a_longer_word_after_a_particle_or_an_adverb(engine):
    # a run typed without any blank: the junction after the particle 에 is found too
    got = kiwi(engine, "나지금집에가는중")
    assert ("에가", "spacing.kiwi-space-particle-verb", ("에 가",)) in got
    # the default check alone, after an adverb inside a longer word: 진짜 + 너무 + 피곤하다
    # (진짜 is one of the listed adverbs taken before another adverb)
    assert kiwi(engine, "진짜너무피곤하다") == [("진짜너무", "spacing.kiwi-space", ("진짜 너무",)),
                                          ("너무피곤", "spacing.kiwi-space", ("너무 피곤",))]
    # but not where the morpheme before the left side does not end a word (a noun)
    assert kiwi(engine, "우리나라경제가 회복세를 보인다.") == []


def test_kiwi_space_is_asked_once_per_sentence(engine, monkeypatch):
    calls = []
    kiwi_obj = engine.analyzer.kiwi
    real = kiwi_obj.space

    class Spy:
        def __getattr__(self, name):
            return getattr(kiwi_obj, name)

        def space(self, *a, **k):
            calls.append(a[0])
            return real(*a, **k)

    monkeypatch.setattr(type(engine.analyzer), "kiwi", property(lambda self: Spy()))
    spacecheck._spaced.data.clear()
    sentence = "그는 천천히먹고 천천히걸었다."
    assert spacecheck._insertions(engine.analyzer, sentence) == spacecheck._insertions(engine.analyzer, sentence)
    assert calls == [sentence]
    # a sentence with no adverb glued to a verb is never given to Kiwi.space()
    calls.clear()
    engine.check("우리나라 경제가 회복세를 보인다. 먹어보니 생각보다 맛있더라.", config=Config(select=("spacing.kiwi-space",)))
    assert calls == []


# spacing.kiwi-join: a stray blank inside a word before a particle, an ending, the copula
# or a noun suffix, found with Kiwi.space() and confirmed by re-analysis

def by_rule(engine, text, rule):
    return [(text[f.start:f.end], f.suggestions[:1]) for f in engine.check(text) if f.rule == rule]


def join(engine, text):
    return by_rule(engine, text, "spacing.kiwi-join")


@pytest.mark.parametrize("text, span, fix", [
    ("친구 들이 벌써 다 모였다.", "친구 들", "친구들"),
    ("담임 선생 님이 교실에 들어오셨다.", "선생 님", "선생님"),
    ("이 문제는 생각보다 쉬웠 다.", "웠 다", "웠다"),   # the span of the morphemes
    ("날씨가 좋 으면 산책하자.", "좋 으면", "좋으면"),
    ("친구 들은 모두 왔다.", "친구 들", "친구들"),   # 들은 before an adverb: the suffix
    ("아이 들을 데리고 갔다.", "아이 들", "아이들"),
    ("그 사람 들 진짜 이상해.", "사람 들", "사람들"),   # a bare 들 before an adverb
    ("어제 늦게 잤 거든.", "잤 거든", "잤거든"),
    ("우리 도 갈래.", "우리 도", "우리도"),
    ("시민들은 새 제도 가 현실을 반영하지 못한다고 지적했다.", "제도 가", "제도가"),
    ("농가 의 피해 규모가 크다.", "농가 의", "농가의"),
])
def test_join_flags_a_stray_blank_before_a_suffix_particle_or_ending(engine, text, span, fix):
    assert join(engine, text) == [(span, (fix,))]
    assert join(engine, text.replace(span, fix)) == []


@pytest.mark.parametrize("text", [
    "책을 읽어 보았다.",            # an auxiliary verb
    "그가 떠난 지 삼 년이 되었다.",  # a bound noun after a modifier
    "나는 웃을 뿐이었다.",
    "십 년 만에 고향에 왔다.",
    "먹을 만큼 덜어 가.",
    "이 일은 할 수 있다.",
    "책상 위에 책이 한 권 있다.",   # two nouns
    "혜정은 신문 들은 손을 비추어 보았다.",   # 들다, not the suffix -들
    "책 들은 채로 잠이 들었다.",              # 들은 before a noun: 들다 or 듣다
    "노래 들을 때가 제일 좋다.",
    "그때 비용 이 모두 나왔다.",     # 이 alone: left alone
    "바람 같이 스며들었다.",          # 같이 is also an adverb
    "짐 들 사람 있어?",               # 들다 before a noun
    "전날 부터 눈이 내렸다.",          # 부터/까지/만 apart: the opt-in pattern rules judge them
    "명언 만이 빛난다.",
])
def test_join_leaves_spaced_words_alone(engine, text):
    assert join(engine, text) == []


def test_join_is_confirmed_when_kiwi_also_drops_another_blank(engine):
    # Kiwi.space() drops the blank of 피곤 했 as well: the blank under test is still judged
    assert spacecheck._blank_insertions("피곤 했어요", "피곤했어요") == frozenset()
    assert spacecheck._blank_insertions("가나 다", "가 나다") == frozenset({1})
    assert spacecheck._blank_insertions("가나다", "가나라") is None
    text = "어제 너무 피곤 했 어요."
    assert join(engine, text) == [("했 어요", ("했어요",))]


def test_join_gives_the_pattern_rules_finding_once(engine):
    text = "여기 있 어요."
    found = [(text[f.start:f.end], f.suggestions[:1]) for f in engine.check(text) if f.category == "spacing"]
    assert found == [("있 어요", ("있어요",))]


def test_join_calls_kiwi_only_for_a_suspicious_blank(engine, monkeypatch):
    calls = []
    real = spacecheck._join_confirmed
    monkeypatch.setattr(spacecheck, "_join_confirmed", lambda *a: calls.append(a[1:]) or real(*a))
    join(engine, "우리나라 경제가 살아나고 있다.")
    assert calls == []
    join(engine, "오늘 회의는 취소되 었습니다.")
    assert calls and calls[0][1] == len("오늘 회의는 취소되")


def object_check(engine, text):
    return by_rule(engine, text, "spacing.kiwi-space-object")


@pytest.mark.parametrize("text, span, fix", [
    ("지금 밥먹는 중이야.", "밥먹", "밥 먹"),
    ("사진찍자, 여기 예쁘다.", "사진찍", "사진 찍"),
    ("너 감기걸렸다며?", "감기걸렸", "감기 걸렸"),
    ("오늘 날씨 좋다, 산책갈래?", "산책갈", "산책 갈"),
])
def test_object_check_flags_a_noun_written_together_with_a_listed_verb(engine, text, span, fix):
    assert object_check(engine, text) == [(span, (fix,))]
    assert object_check(engine, text.replace(span, fix)) == []


@pytest.mark.parametrize("text", [
    "서울시는 경찰와 합동 단속을 벌였다.",   # 와 after a consonant: the particle 과 misspelt
    "어제 동생와 같이 영화 봤어.",
    "이번 이사가 제일 힘들었다.",            # a bare 가: the subject particle
    "그는 스승을 본받았다.",                 # 받다 is not listed (-받다 is a suffix)
    "피곤해서 뒤보는 것도 잊었다.",           # 보다 only after nouns of two syllables
    "모든 국민은 주거의 자유를 침해받지 아니한다.",
])
def test_object_check_leaves_particles_suffixes_and_compounds_alone(engine, text):
    assert object_check(engine, text) == []


def test_chae_before_hada_is_left_to_the_spelling_rule(engine):
    # 채하다 is 체하다 misspelt, not 채 + 하다 run together: the spacing check stays out of
    # the way and the fix is the spelling one
    text = "나 봤으면서 못 본 채하지 마."
    rules = [f.rule for f in engine.check(text)]
    assert "spelling.che-hada" in rules and "spacing.kiwi-space" not in rules
    from hanproof.fixes import fix_until_stable
    fixed, _ = fix_until_stable(engine.check, text, engine.check(text))
    assert fixed == "나 봤으면서 못 본 체하지 마."
    # a bound noun before another verb is still split (입은채있다 → 입은 채 있다)
    assert any(f.rule.startswith("spacing") for f in engine.check("옷을 입은채있었다."))
