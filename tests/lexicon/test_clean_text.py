"""Correct professional text stays silent with the default rules (precision first).

`tricky_clean.txt` and `clean_pro.txt` are correct sentences, each built around a form a
careless checker could flag (로써, 반듯이, 할 만하다, 데 of place, 지 of time, 대로 after a
noun, compounds, auxiliary verbs either way, Latin names with particles …). They were
written by helpers that had not seen the rules; see bench/data/README.md.
"""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


@pytest.mark.parametrize("name", ["tricky_clean.txt", "clean_pro.txt"])
def test_correct_sentences_get_no_finding(engine, name):
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) >= 300
    flagged = []
    for ln in lines:
        found = engine.check(ln)
        if found:
            flagged.append((ln, [(f.rule, ln[f.start:f.end]) for f in found]))
    assert flagged == []
