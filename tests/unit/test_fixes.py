from hanproof.fixes import apply_fixes
from hanproof.model import Finding


def f(s, e, sugg, rule="x.y"):
    return Finding(rule, "spelling", "error", s, e, "m", suggestions=tuple(sugg))


def test_non_overlapping_leftmost_wins_and_text_outside_kept():
    text = "가나다라마"
    new, applied = apply_fixes(text, [f(1, 3, ["X"]), f(2, 4, ["Y"]), f(4, 5, ["Z"])])
    assert new == "가X라Z"
    assert [(a.start, a.end) for a in applied] == [(1, 3), (4, 5)]


def test_line_breaks_never_touched_and_findings_without_suggestions_skipped():
    text = "가\n나 다"
    new, applied = apply_fixes(text, [f(0, 3, ["가나"]), f(2, 3, []), f(3, 4, ["\n"]), f(4, 5, ["라"])])
    assert new == "가\n나 라"
    assert len(applied) == 1


def test_fix_until_stable_rechecks_while_a_pass_changed_the_text():
    from hanproof.fixes import fix_until_stable
    seen = []

    def check(text):             # a checker that finds one more A each time
        seen.append(text)
        i = text.find("A")
        return [f(i, i + 1, ["b"])] if i >= 0 else []

    new, applied = fix_until_stable(check, "AAA", [f(0, 1, ["b"]), f(0, 1, ["c"])])
    assert new == "bbb" and len(applied) == 3 and seen == ["bAA", "bbA"]
    # the number of passes is bounded, and a clean first pass checks nothing again
    new, applied = fix_until_stable(check, "AAAAA", check("AAAAA"), passes=2)
    assert new == "bbAAA" and len(applied) == 2
    seen.clear()
    assert fix_until_stable(check, "xyz", []) == ("xyz", []) and seen == []
