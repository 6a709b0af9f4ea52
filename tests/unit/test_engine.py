"""The engine as a library: offsets, masking, dictionaries, caching, Markdown."""
from hanproof.config import Config
from hanproof.engine import Engine, check
from hanproof.fixes import fix_until_stable as _fix_until_stable


def spans(text, findings):
    return [(f.rule, text[f.start:f.end]) for f in findings]


def test_check_entry_point_and_finding_fields():
    text = "몇일 뒤에 만나요."
    (f,) = check(text)
    assert (f.rule, f.category, f.severity, f.start, f.end) == ("spelling.myeochil", "spelling", "error", 0, 2)
    assert f.suggestions == ("며칠",)
    assert f.message and "\n" not in f.message
    assert "제27항" in f.norm and f.explanation


def test_offsets_are_code_points_after_emoji_and_crlf(engine):
    text = "😀😀 첫 줄\r\n\r\n🇰🇷 몇일 뒤에 할께요.\r\n"
    fs = engine.check(text)
    assert spans(text, fs) == [("spelling.myeochil", "몇일"), ("spelling.lge", "할께요")]


def test_markdown_code_and_urls_are_not_checked(engine):
    text = "# 몇일\n\n`몇일`은 코드, https://x.org/몇일 주소, [링크 몇일](http://a.b/몇일)\n\n```\n몇일\n```\n\n    몇일 들여쓰기\n"
    fs = engine.check(text, "markdown")
    got = [(text[f.start:f.end], f.start) for f in fs]
    assert got == [("몇일", 2), ("몇일", text.index("링크 몇일") + 3)]


def test_particle_after_placeholder_is_not_judged(engine):
    # "`config`를": the placeholder is not a Korean noun, so 을/를 is never judged from it
    assert engine.check("`table`를 열었다.", "markdown") == []
    assert engine.check("https://example.com을 열었다.") == []


def test_suggestions_dropped_when_span_crosses_removed_markup(engine):
    text = "할**수** 있다"
    fs = engine.check(text, "markdown")
    assert [(f.rule, f.suggestions) for f in fs] == [("spacing.bound-noun-su", ())]
    assert text[fs[0].start:fs[0].end] == "할**수"


def test_user_words_and_dictionary_files(engine, tmp_path):
    text = "몇일 뒤에 봐요."
    assert engine.check(text, config=Config(words=frozenset({"몇일"}))) == []
    d = tmp_path / "words.txt"
    d.write_text("몇일\n", encoding="utf-8")
    assert engine.check(text, config=Config(dictionaries=(d,))) == []
    assert engine.check(text, config=Config(words=frozenset({"다른말"})))


def test_select_ignore_and_severity_override(engine):
    text = "몇일 뒤에 할수 있다."
    assert {f.rule for f in engine.check(text, config=Config(select=("spacing",)))} == {"spacing.bound-noun-su"}
    assert {f.rule for f in engine.check(text, config=Config(ignore=("spelling",)))} == {"spacing.bound-noun-su"}
    # the same word in a word list still speaks when only the specific rule is ignored
    assert {f.rule for f in engine.check(text, config=Config(ignore=("spelling.myeochil",)))} == {"spacing.bound-noun-su", "spelling.common"}
    fs = engine.check(text, config=Config(severity=(("spacing", "hint"),)))
    assert {f.rule: f.severity for f in fs} == {"spelling.myeochil": "error", "spacing.bound-noun-su": "hint"}


def test_unchanged_paragraphs_are_not_analysed_again():
    e = Engine()
    text = "첫 문단에 몇일.\n\n둘째 문단.\n\n셋째 문단에 할께요."
    e.check(text)
    before = e.stats["analysed"]
    edited = text.replace("둘째 문단.", "둘째 문단을 고쳤다.")
    fs = e.check(edited)
    assert e.stats["analysed"] - before == 1
    assert spans(edited, fs) == [("spelling.myeochil", "몇일"), ("spelling.lge", "할께요")]


def test_check_many_matches_check(engine):
    docs = [("몇일 뒤", "plaintext", Config()), ("# 할께요", "markdown", Config())]
    assert engine.check_many(docs) == [engine.check(t, l, c) for t, l, c in docs]


def test_long_blocks_are_split_by_line():
    from hanproof.extract import extract
    text = "\n".join(["가나다라마바사 " * 20] * 30)
    ps = extract(text)
    assert len(ps) == 30


def test_word_list_fix_changes_the_particle_when_the_final_consonant_changes(engine):
    text = "케잌을 먹고 로보트가 왔다. 싱가폴로 갔다."
    fs = engine.check(text)
    got = [(text[f.start:f.end], f.suggestions[0]) for f in fs]
    assert got == [("케잌을", "케이크를"), ("로보트가", "로봇이"), ("싱가폴", "싱가포르")]


def test_particle_for():
    from hanproof.hangul import particle_for
    assert [particle_for(w, p) for w, p in [("케이크", "을"), ("로봇", "가"), ("서울", "으로"), ("집", "로"), ("책", "와")]] == ["를", "이", "로", "으로", "과"]


def test_language_model_confirmation_keeps_only_clear_cases(engine):
    assert [f.rule for f in engine.check("손가락으로 달을 가르쳤다.")] == ["spelling.garikida"]
    assert engine.check("학생들에게 수학을 가르쳤다.") == []
    fs = engine.check("하던지 말던지 마음대로 해.")
    assert [f.suggestions[0] for f in fs] == ["든지", "든지"]


def test_suppressing_a_rule_silences_the_place_not_just_the_rule(engine):
    text = "<!-- hanproof-disable-next-line spelling.myeochil -->\n몇일 뒤에 봐요.\n\n몇일 뒤에 봐요.\n"
    fs = engine.check(text, "markdown")
    assert [(f.rule, f.start) for f in fs] == [("spelling.myeochil", text.rindex("몇일"))]


def test_string_literals_are_checked_only_when_configured(engine):
    code = 'x = "몇일 뒤"  # 할께요\n'
    assert [f.rule for f in engine.check(code, "python")] == ["spelling.lge"]
    fs = engine.check(code, "python", Config(strings=True))
    assert sorted(f.rule for f in fs) == ["spelling.lge", "spelling.myeochil"]


def test_nfd_hangul_is_checked_and_maps_back_to_the_jamo(engine):
    import unicodedata
    from hanproof.fixes import apply_fixes
    text = "가나 `코드`를 " + unicodedata.normalize("NFD", "몇일 뒤에 할께요") + " 몇일."
    fs = engine.check(text, "markdown")
    assert [(f.rule, unicodedata.normalize("NFC", text[f.start:f.end])) for f in fs] == [
        ("spelling.myeochil", "몇일"), ("spelling.lge", "할께요"), ("spelling.myeochil", "몇일")]
    assert fs[0].end - fs[0].start == 6  # six jamo
    fixed = apply_fixes(text, fs)[0]
    assert unicodedata.normalize("NFC", fixed) == "가나 `코드`를 며칠 뒤에 할게요 며칠."
    assert unicodedata.normalize("NFD", " 뒤에 ") in fixed  # text outside the fixes is untouched


def test_each_plaintext_line_is_analysed_on_its_own(engine):
    # Kiwi reads a line break as a space: joined, "있은 싣으며" is a modifier and a noun
    text = "있은\n싣으며\n"
    assert ("grammar.conjugation", "싣으며") in spans(text, engine.check(text))
    assert spans("싣으며", engine.check("싣으며")) == [("grammar.conjugation", "싣으며")]


def test_conjugation_compares_a_predicate_with_its_own_endings_only(engine):
    # 가져갈테니 = 가져가 + -ㄹ, then 터 + 이다 + -니 (테니); rendering the bound noun with the
    # verb gave 가져갈터니, a wrong fix. Only the spacing is wrong here.
    text = "우산 가져갈테니 걱정 마."
    assert spans(text, engine.check(text)) == [("spacing.bound-noun-teo", "갈테")]
    text = "그는 짐을 싣었다."
    assert spans(text, engine.check(text)) == [("grammar.conjugation", "싣었다")]


def test_stem_list_fixes_keep_the_writers_full_form_only_where_it_was_written(engine):
    from hanproof.fixes import fix_until_stable
    for text, want in [("날씨가 개여서 좋다.", "날씨가 개서 좋다."),            # after ㅐ: contracted
                       ("너무 설레여서 잠이 안 왔다.", "너무 설레서 잠이 안 왔다."),
                       ("답변을 되뇌였다.", "답변을 되뇌었다."),                # after ㅚ: 되뇄다 reads oddly
                       ("사진 촬영을 삼가해 주세요.", "사진 촬영을 삼가 주세요.")]:  # 해 is 하- + -여
        assert fix_until_stable(engine.check, text, engine.check(text))[0] == want


def test_hashtags_and_issue_numbers_are_not_checked(engine):
    text = "오늘 #오랫만 #맛집 모임, 이슈 #12 참고. 오랫만에 왔다."
    assert spans(text, engine.check(text)) == [("spelling.oraenman", "오랫만")]
    assert engine.check(text)[0].start == text.index("오랫만에")


def test_a_typo_guess_gives_way_to_a_rule_that_names_the_norm(engine):
    # the typo check alone flags 젓까락으로 (the whole word); the word list flags 젓까락
    text = "젓까락으로 반찬을 집었다."
    alone = engine.check(text, "plaintext", Config(select=("spelling.typo",)))
    assert [f.rule for f in alone] == ["spelling.typo"]
    fs = engine.check(text)
    assert [(f.rule, text[f.start:f.end]) for f in fs] == [("spelling.common", "젓까락")]


def test_message_particles_agree_with_the_filled_in_words():
    from hanproof.rules import _fill
    t = "'{match}'이 아니라 '{fix}'(으)로 씁니다."
    assert _fill(t, match="잡어", fix="잡아") == "'잡어'가 아니라 '잡아'로 씁니다."
    assert _fill(t, match="먹엇", fix="먹었") == "'먹엇'이 아니라 '먹었'으로 씁니다."
    assert _fill(t, match="갈", fix="길") == "'갈'이 아니라 '길'로 씁니다."      # ㄹ takes 로
    # no Hangul syllable at the end: the particle stays as the author wrote it
    assert _fill(t, match="MP3", fix="A4") == "'MP3'이 아니라 'A4'(으)로 씁니다."
    assert _fill("'{1}'은(는) '{fix}'처럼", **{"1": "할수", "fix": "할 수"}) == "'할수'는 '할 수'처럼"
    # a particle-like syllable that starts a longer word is left alone
    assert _fill("'{fix}'이다", fix="나무") == "'나무'이다"


def test_finding_messages_use_the_right_particle(engine):
    [f] = engine.check("손 잡어.")
    assert "'잡어'가 아니라 '잡아'로" in f.message


def test_replacements_maps_a_span_through_an_edit():
    from hanproof.engine import _replacements
    src, dst = "먹던지 잠을 자던지", "먹든지 잠을 자든지"
    assert _replacements(src, dst, 1, 3) == {"든지"}
    assert _replacements(src, dst, 8, 10) == {"든지"}
    assert _replacements(src, dst, 0, 3) == {"먹든지"}
    # a blank inserted right at the span's edge may belong to either side
    assert _replacements("할수있다", "할 수 있다", 1, 3) == {"수 있", " 수 있"}
    # an edit crossing the span's edge: nothing to compare
    assert _replacements("abcd", "aXd", 1, 2) == set()


def test_a_finding_inside_a_longer_one_with_the_same_change_gives_way(engine):
    # spelling.deunji flags each -던지 and spelling.deunji-pair the whole pair, whose fix
    # makes both changes: one diagnostic
    text = "밥을 먹던지 잠을 자던지 알아서 해."
    fs = engine.check(text)
    assert [(f.rule, text[f.start:f.end], f.suggestions[0]) for f in fs] == \
        [("spelling.deunji-pair", "먹던지 잠을 자던지", "먹든지 잠을 자든지")]
    # a different change at the inner place keeps both
    from hanproof.engine import _drop_contained
    from hanproof.model import Finding
    outer = Finding("a", "spacing", "warning", 0, 6, "m", suggestions=("할 수 있다",))
    inner = Finding("b", "spelling", "warning", 1, 2, "m", suggestions=("슈",))
    assert _drop_contained([outer, inner], "할수 있다") == [outer, inner]
    same = Finding("b", "spacing", "warning", 0, 2, "m", suggestions=("할 수",))
    assert _drop_contained([outer, same], "할수 있다") == [outer]
    # never in favour of a milder one
    hint = Finding("a", "spacing", "hint", 0, 6, "m", suggestions=("할 수 있다",))
    assert _drop_contained([hint, same], "할수 있다") == [hint, same]


def test_a_counter_attached_to_the_noun_before_it_is_not_half_fixed(engine):
    # splitting only 한|개 would leave 사과한 개: the counter rule leaves the word alone
    text = "사과한개만 줘."
    assert not [f for f in engine.check(text) if f.rule == "spacing.counter"]
    assert [f.rule for f in engine.check("사과 한개만 줘.")] == ["spacing.counter"]


def fix_until_stable(engine, text):
    return _fix_until_stable(engine.check, text, engine.check(text))[0]


def test_word_list_falls_back_to_a_shorter_entry_at_the_same_place(engine):
    # the list holds both 희안하다 and 희안; in 희안하다고 the longer entry does not end at a
    # morpheme boundary (다고 is one ending), so the shorter one is taken there
    text = "라인업 보고 희안하다고 생각했다."
    fs = [f for f in engine.check(text) if f.rule == "spelling.common"]
    assert [(text[f.start:f.end], f.suggestions[0]) for f in fs] == [("희안", "희한")]
    text = "그것참 희안하다."
    fs = [f for f in engine.check(text) if f.rule == "spelling.common"]
    assert [(text[f.start:f.end], f.suggestions[0]) for f in fs] == [("희안하다", "희한하다")]


def test_word_list_entry_is_found_before_a_particle_kiwi_reads_into_a_name(engine):
    # Kiwi reads 썬글라스랑 as one unknown name; the rest of the word is the particle 랑,
    # so the listed loanword is still found and only it is replaced
    text = "썬글라스랑 선크림은 필수예요."
    fs = [f for f in engine.check(text) if f.rule == "loanword.common"]
    assert [(text[f.start:f.end], f.suggestions[0]) for f in fs] == [("썬글라스", "선글라스")]
    assert fix_until_stable(engine, text) == "선글라스랑 선크림은 필수예요."


def test_form_fix_keeps_a_tail_fused_with_the_next_word(engine):
    # 먹을려다가 is 먹 + -을려고 + 하- + -다가: the flagged 먹을려 has no 고 of its own,
    # so the fix must not add one (먹으려고다가)
    for text, want in [("밥 먹을려다가 말았어.", "밥 먹으려다가 말았어."),
                       ("공부할려던 참이야.", "공부하려던 참이야."),
                       ("공부를 할려고 했다.", "공부를 하려고 했다.")]:
        assert fix_until_stable(engine, text) == want


def test_stem_list_keeps_the_writers_full_ending_after_ae_and_e(engine):
    # 헤메었어요: the writer kept 었 as a syllable, so the fix keeps it (헤매었어요); a 여
    # after the stem belongs to a wrong stem in 이 and is contracted (설레여서 → 설레서)
    assert fix_until_stable(engine, "한참 헤메었어요.") == "한참 헤매었어요."
    assert fix_until_stable(engine, "한참 헤멨어요.") == "한참 헤맸어요."
    assert fix_until_stable(engine, "마음이 설레여서 잠이 안 와.") == "마음이 설레서 잠이 안 와."


def test_polite_ending_before_a_comma_is_read_as_final(engine):
    # Kiwi tags a comma-spliced 거에요, / 되요, as a connective ending (EC); the rules for
    # the final ending must see it as they do before a full stop
    tags = {t.form: t.tag for t in engine.analyzer.tokenize("그건 예약된 거에요, 죄송해요.")}
    assert tags["에요"] == "EF"
    for text, rule in (("그건 이미 예약된 거에요, 죄송해요.", "grammar.yeyo"),
                       ("네고는 조금 되요, 얼마 생각하세요?", "grammar.dwaeyo")):
        assert rule in [f.rule for f in engine.check(text)], text
    # the connective -요 after 이다 stays a connective
    toks = engine.analyzer.tokenize("이것은 책이요, 저것은 붓이다.")
    assert [t.tag for t in toks if t.form == "요"] == ["EC"]
    assert engine.check("이것은 책이요, 저것은 붓이다.") == []


def test_form_fix_keeps_a_particle_fused_into_the_last_syllable(engine, tmp_path):
    # 낳길 is 낳 + -기 + ㄹ (를): rewriting the stem must not drop the particle (낫기)
    (tmp_path / "a.toml").write_text('''
[[rule]]
id = "spelling.test"
category = "spelling"
message = "m"
pattern = "낳/VV + 기/ETN"
fix_form = [1, "낳", "낫", "VV-I"]
bad = ["얼른 [낳길] 바라. => 얼른 낫길 바라."]
good = ["얼른 낫길 바라."]
''', encoding="utf-8")
    e = Engine(tmp_path, analyzer=engine.analyzer)
    (f,) = e.check("얼른 낳길 바라.")
    assert f.suggestions[0] == "낫길"


def test_rule_exceptions_see_the_word_without_its_opening_quote(engine):
    # spacing.counter-more leaves 한번 (once) alone by an exception anchored at the word's
    # start; a quotation mark or bracket before it must not hide the word
    for text in ('그는 "한번 유출된 정보는 되돌리기 어렵다"고 했다.', "(한번 해 보자.)", "‘한번 가 보자’고 했다."):
        assert [f for f in engine.check(text) if f.rule == "spacing.counter-more"] == [], text
    # the count itself is still flagged inside quotes
    text = '"두번 말 안 해."'
    assert spans(text, [f for f in engine.check(text) if f.rule == "spacing.counter-more"]) == [("spacing.counter-more", "두번")]
