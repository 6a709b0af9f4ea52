"""docs/rules.md is generated from the lexicon and is what diagnostics link to."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hanproof.docs import github_anchor, render
from hanproof.output import rule_url
from hanproof.rules.loader import load_lexicon

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"


def test_rules_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render(), \
        "docs/rules.md is out of date: run `python -m hanproof.docs > docs/rules.md`"


def test_module_prints_the_document():
    out = subprocess.run([sys.executable, "-m", "hanproof.docs"], capture_output=True, check=True).stdout
    assert out.decode("utf-8") == render()


def test_every_rule_url_points_at_its_heading():
    registry = load_lexicon()
    text = render(registry)
    headings = re.findall(r"^#{1,6} (.+)$", text, re.M)
    anchors = [github_anchor(h) for h in headings]
    # GitHub appends -1, -2 … to repeated anchors: every anchor must be unique
    assert len(anchors) == len(set(anchors))
    for r in registry.rules:
        assert r.id in headings
        url = rule_url(r.id)
        assert url.startswith("https://github.com/hanproof/hanproof/blob/main/docs/rules.md#")
        assert url.split("#", 1)[1] == github_anchor(r.id), r.id


def test_github_anchor_algorithm():
    assert github_anchor("spelling.myeochil") == "spellingmyeochil"
    assert github_anchor("spacing.bound-noun-su") == "spacingbound-noun-su"
    assert github_anchor("맞춤법 (spelling)") == "맞춤법-spelling"
    assert github_anchor("외래어 표기 (loanword)") == "외래어-표기-loanword"
    assert github_anchor("Foo_Bar: baz!") == "foo_bar-baz"
