"""Every example of every rule: `bad` is flagged exactly and fixes as shown; `good` is not flagged."""
from __future__ import annotations

import pytest

from hanproof.rules.loader import load_lexicon
from hanproof.rules.selftest import check_rule, rule_findings

RULES = load_lexicon().rules


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_rule_examples(engine, rule_id):
    rule = engine.registry.by_id[rule_id]
    assert rule.bad or rule.entries, "every rule needs bad examples"
    assert rule.good, "every rule needs good examples"
    assert check_rule(engine, rule) == []


def test_at_least_thirty_rules_and_every_match_kind():
    kinds = {r.kind for r in RULES}
    assert len(RULES) >= 30
    assert {"pattern", "words", "stems"} <= kinds


def test_good_examples_are_clean_for_every_rule(engine):
    """No rule fires on another rule's good examples or fixed texts (rules must agree)."""
    problems = []
    for r in RULES:
        texts = list(r.good) + [ex.fixed for ex in r.bad if ex.fixed]
        for t in texts:
            found = engine.check(t)
            if found:
                problems.append((r.id, t, [(f.rule, t[f.start:f.end]) for f in found]))
    assert problems == []


def test_selftest_detects_a_broken_example(engine):
    """The example runner itself must fail on a wrong expectation."""
    from dataclasses import replace

    from hanproof.rules import Example

    rule = engine.registry.by_id["spelling.myeochil"]
    broken = replace(rule, bad=[Example("몇일 뒤", ((0, 2),), "며칠 후")], good=["몇일 뒤"])
    broken.index = rule.index
    problems = check_rule(engine, broken)
    assert any("expected" in p for p in problems)
    assert any("good example flagged" in p for p in problems)
    assert rule_findings(engine, "몇일 뒤", rule)
