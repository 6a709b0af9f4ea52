from pathlib import Path

import pytest

from hanproof.rules.loader import LexiconError, load_lexicon, parse_example

GOOD_RULE = '''
[[rule]]
id = "spelling.test"
category = "spelling"
message = "m"
pattern = "몇/MM ~ 일/NNB"
fix = "며칠"
bad = ["[몇일] 뒤 => 며칠 뒤"]
good = ["며칠 뒤"]
'''


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def problems(tmp_path) -> list[str]:
    with pytest.raises(LexiconError) as e:
        load_lexicon(tmp_path)
    return e.value.problems


def engine_with(engine, tmp_path, category: str, body: str):
    """An engine over a lexicon of one test rule of the category, sharing the session's analyzer."""
    from hanproof.engine import Engine
    write(tmp_path, "a.toml", f'[[rule]]\nid = "{category}.test"\ncategory = "{category}"\nmessage = "m"\n{body}')
    return Engine(tmp_path, analyzer=engine.analyzer)


def test_parse_example():
    ex = parse_example("그러면 안 [되요]. => 그러면 안 돼요.")
    assert ex.text == "그러면 안 되요." and ex.spans == ((6, 8),) and ex.fixed == "그러면 안 돼요."
    ex = parse_example("[a] b [c]")
    assert ex.text == "a b c" and ex.spans == ((0, 1), (4, 5)) and ex.fixed is None


def test_valid_lexicon_loads(tmp_path):
    write(tmp_path, "a.toml", GOOD_RULE)
    reg = load_lexicon(tmp_path)
    assert [r.id for r in reg.rules] == ["spelling.test"]
    assert reg.rules[0].location.endswith("a.toml:2")


def test_errors_name_file_and_line(tmp_path):
    write(tmp_path, "a.toml", GOOD_RULE + '''
[[rule]]
id = "spelling.broken"
category = "spelling"
message = "m"
pattern = "몇/MM +"
bad = ["[x]"]
good = ["y"]

[[rule]]
id = "spelling.noexamples"
category = "nonsense"
message = "m"
pattern = "몇/MM"
''')
    ps = problems(tmp_path)
    assert any(p.startswith(f"{tmp_path.name}/a.toml:11:") and "pattern" in p for p in ps), ps
    assert any(p.startswith(f"{tmp_path.name}/a.toml:19:") and "category" in p for p in ps), ps


def test_rule_without_examples_does_not_load(tmp_path):
    write(tmp_path, "a.toml", '[[rule]]\nid = "spelling.x"\ncategory = "spelling"\nmessage = "m"\npattern = "몇/MM"\n')
    ps = problems(tmp_path)
    assert any("bad" in p for p in ps) and any("good" in p for p in ps)


def test_toml_syntax_error_has_line(tmp_path):
    write(tmp_path, "a.toml", GOOD_RULE + "\n[[rule]\nid = 3\n")
    ps = problems(tmp_path)
    assert len(ps) == 1 and f"{tmp_path.name}/a.toml:" in ps[0] and "TOML" in ps[0]


def test_duplicate_ids_and_unknown_keys(tmp_path):
    write(tmp_path, "a.toml", GOOD_RULE + GOOD_RULE.replace('fix = "며칠"', 'fix = "며칠"\ncolour = "red"'))
    ps = problems(tmp_path)
    assert any("duplicate rule id" in p for p in ps)
    assert any("unknown key 'colour'" in p for p in ps)


def test_tsv_lists_validate_rows(tmp_path):
    write(tmp_path, "l.toml", '[[list]]\nid = "loanword.t"\ncategory = "loanword"\nmessage = "{wrong} → {right}"\nfile = "w.tsv"\ngood = ["메시지"]\n')
    write(tmp_path, "w.tsv", "wrong\tright\texample\tnote\n메세지\t메시지\t메세지를 보냈다.\t\n메세지\t메시지\t또 메세지\t\n컨텐츠\t\t\t\n쥬스\t주스\t주스를 마셨다\t\n")
    ps = problems(tmp_path)
    rel = f"{tmp_path.name}/w.tsv"
    assert any(p.startswith(f"{rel}:3:") and "already listed" in p for p in ps), ps
    assert any(p.startswith(f"{rel}:4:") and "required" in p for p in ps), ps
    assert any(p.startswith(f"{rel}:5:") and "exactly once" in p for p in ps), ps


def test_after_tags_must_be_a_list_of_tags(tmp_path):
    write(tmp_path, "a.toml", GOOD_RULE.replace('fix = "며칠"', 'fix = "며칠"\nafter_tags = "JKS"'))
    assert any("after_tags" in p for p in problems(tmp_path))


def test_after_tags_needs_the_tag_earlier_in_the_sentence(engine, tmp_path):
    e = engine_with(engine, tmp_path, "grammar", '''
pattern = "*/NN*{<무받침>$} + 이/VCP{^$} + 에요/EF"
after_tags = ["JKS", "JX"]
mark = [3]
fix = "예요"
bad = ["저는 의사[에요]. => 저는 의사예요."]
good = ["학교에요.", "학교예요. 저는 의사예요."]
''')
    text = "학교에요. 저는 의사에요."
    assert [text[f.start:f.end] for f in e.check(text)] == ["에요"]
    assert e.check(text)[0].start == text.index("의사에요") + 2


def test_not_in_sentence_skips_only_the_sentence_with_the_cue(engine, tmp_path):
    e = engine_with(engine, tmp_path, "grammar", '''
pattern = "*/VV|EP + 었|았/EP + 데/EF"
not_in_sentence = "보니"
mark = [-1]
fix = "대"
bad = ["문을 닫았[데]. => 문을 닫았대."]
good = ["가 보니 문을 닫았데."]
''')
    text = "가 보니 문을 닫았데. 그 가게 문을 닫았데."
    found = e.check(text)
    assert [f.start for f in found] == [text.rindex("데")]


def test_in_sentence_keeps_only_the_sentence_with_the_cue(engine, tmp_path):
    e = engine_with(engine, tmp_path, "spacing", '''
pattern = "잘/MAG _ 못/MAG + 하/VV + 었/EP"
in_sentence = "미안"
mark = [1, 2, 3]
fix_sub = ["잘 못", "잘못"]
bad = ["미안해, 내가 [잘 못했]어. => 미안해, 내가 잘못했어."]
good = ["발표를 잘 못했어."]
''')
    text = "발표를 잘 못했어. 미안해, 내가 잘 못했어."
    assert [f.start for f in e.check(text)] == [text.rindex("잘 못")]


def test_not_in_sentence_must_be_a_valid_regex(tmp_path):
    write(tmp_path, "a.toml", GOOD_RULE.replace('fix = "며칠"', 'fix = "며칠"\nnot_in_sentence = "(보니"'))
    assert any("not_in_sentence" in p for p in problems(tmp_path))


def test_gap_patterns_load_and_mark_counts_from_the_end_after_the_gap(tmp_path):
    write(tmp_path, "a.toml", GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"몇/MM ~ <1-2> ~ 일/NNB"'))
    (rule,) = [r for r in load_lexicon(tmp_path).rules if r.id == "spelling.test"]
    assert [p.source for p in rule.matcher.patterns] == ["몇/MM ~ */* ~ 일/NNB", "몇/MM ~ */* ~ */* ~ 일/NNB"]
    for ok in ("mark = 1", "mark = -1", "mark = [1, -1]"):
        write(tmp_path, "a.toml", GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"몇/MM ~ <1-2> ~ 일/NNB"\n' + ok))
        load_lexicon(tmp_path)   # no LexiconError
    # token 2 lies inside the gap in one expansion and after it in the other
    for bad in ("mark = 2", "mark = -2", "mark = 0"):
        write(tmp_path, "a.toml", GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"몇/MM ~ <1-2> ~ 일/NNB"\n' + bad))
        assert any("'mark' must list token numbers 1..1 or -1..-1" in p for p in problems(tmp_path)), bad
    write(tmp_path, "a.toml", GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"몇/MM ~ <1-2> ~ 일/NNB"\nfix_form = [2, "a", "b"]'))
    assert any("'fix_form' token number" in p for p in problems(tmp_path))
    write(tmp_path, "a.toml", GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"몇/MM ~ <2> ~ 일/NNB"'))
    assert any("bad gap '<2>'" in p for p in problems(tmp_path))


def test_negative_mark_and_fix_form_point_at_the_same_token_in_every_alternative(engine, tmp_path):
    write(tmp_path, "a.toml", '''
[[rule]]
id = "spelling.test"
category = "spelling"
message = "m"
pattern = ["마트/NNG + 에/JKB _ 들리/VV", "마트/NNG + 에/JKB _ <1-2> _ 들리/VV"]
mark = -1
extend_endings = true
fix_form = [-1, "들리", "들르"]
bad = ["마트에 [들렸다]. => 마트에 들렀다.", "마트에 잠깐 [들렸다가] 왔다. => 마트에 잠깐 들렀다가 왔다."]
good = ["마트에 들렀다."]
''')
    from hanproof.engine import Engine
    e = Engine(tmp_path, analyzer=engine.analyzer)
    for text, want in (("마트에 들렸다.", ("들렸다", "들렀다")),
                       ("마트에 잠깐 들렸다가 왔다.", ("들렸다가", "들렀다가")),
                       ("마트에 오늘 잠깐 들렸어.", ("들렸어", "들렀어"))):
        (f,) = e.check(text)
        assert (text[f.start:f.end], f.suggestions[0]) == want


CHECK = '''
[[check]]
id = "spacing.test"
category = "spacing"
check = "kiwi-space-object"
message = "m"
verbs = ["먹"]
bad = ["[밥먹]고 => 밥 먹고"]
good = ["밥 먹고"]
'''


def test_check_word_lists_are_validated(tmp_path):
    write(tmp_path, "a.toml", CHECK)
    (rule,) = [r for r in load_lexicon(tmp_path).rules if r.id == "spacing.test"]
    assert rule.matcher.verbs == frozenset({"먹"})
    write(tmp_path, "a.toml", CHECK.replace('verbs = ["먹"]', 'verbs = "먹"'))
    assert any("'verbs' must be a list of words" in p for p in problems(tmp_path))
    write(tmp_path, "a.toml", CHECK.replace('"kiwi-space-object"', '"kiwi-space"'))
    assert any("the check 'kiwi-space' takes no 'verbs'" in p for p in problems(tmp_path))


def test_word_sets_expand_in_patterns_of_their_file(tmp_path):
    rule = GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"@counts/MM ~ 일/NNB"')
    write(tmp_path, "a.toml", '[words]\ncounts = ["몇", "며"]\n' + rule)
    (r,) = load_lexicon(tmp_path).rules
    assert [p.source for p in r.matcher.patterns] == ["몇|며/MM ~ 일/NNB"]
    # alternatives and exclusion around a set name
    write(tmp_path, "a.toml", '[words]\ncounts = ["몇", "며"]\n' + rule.replace("@counts/", "^@counts|한/"))
    (r,) = load_lexicon(tmp_path).rules
    assert [p.source for p in r.matcher.patterns] == ["^몇|며|한/MM ~ 일/NNB"]


def test_word_sets_are_validated(tmp_path):
    rule = GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"@counts/MM ~ 일/NNB"')
    write(tmp_path, "a.toml", rule)   # no [words] table in this file
    assert any("a.toml:2: rule spelling.test: pattern: unknown word set @counts" in p for p in problems(tmp_path))
    write(tmp_path, "a.toml", 'category = "spelling"\n\n[words]\ncounts = ["몇", "몇 개"]\n' + rule)
    assert any("/a.toml:3: words.counts:" in p for p in problems(tmp_path))
    write(tmp_path, "a.toml", '[words]\ncounts = ["몇", "며", "몇"]\n' + rule)
    assert any("words.counts: listed twice: 몇" in p for p in problems(tmp_path))
    write(tmp_path, "a.toml", '[words]\nCounts = []\n' + rule)
    assert any("words.Counts:" in p for p in problems(tmp_path))


def test_fix_sub_may_list_several_substitutions(engine, tmp_path):
    rule = GOOD_RULE.replace('fix = "며칠"', 'fix_sub = [["몇일$", "며칠"], ["몇 일", "며칠"]]')
    write(tmp_path, "a.toml", rule.replace('bad = ["[몇일] 뒤 => 며칠 뒤"]', 'bad = ["[몇일] 뒤 => 며칠 뒤", "[몇 일] 뒤 => 며칠 뒤"]'))
    from hanproof.engine import Engine
    e = Engine(tmp_path, analyzer=engine.analyzer)
    assert [f.suggestions[0] for f in e.check("몇일 뒤, 몇 일 뒤")] == ["며칠", "며칠"]
    for bad in ('fix_sub = [["몇일"]]', 'fix_sub = []', 'fix_sub = [["(", "x"]]'):
        write(tmp_path, "a.toml", GOOD_RULE.replace('fix = "며칠"', bad))
        assert any("fix_sub" in p for p in problems(tmp_path)), bad


def test_word_sets_take_prefix_and_suffix_forms(tmp_path):
    rule = GOOD_RULE.replace('"몇/MM ~ 일/NNB"', '"@counts/MM ~ 일/NNB"')
    write(tmp_path, "a.toml", '[words]\ncounts = ["몇", "*세"]\n' + rule)
    (r,) = load_lexicon(tmp_path).rules
    assert [p.source for p in r.matcher.patterns] == ["몇|*세/MM ~ 일/NNB"]
    write(tmp_path, "a.toml", '[words]\ncounts = ["몇", "회*복"]\n' + rule)
    assert any("words.counts:" in p for p in problems(tmp_path))
