"""Run every rule's own examples: `bad` must be flagged exactly and fix as shown, `good` must not."""
from __future__ import annotations

from ..fixes import apply_fixes
from ..model import Finding
from . import Rule


def rule_findings(engine, text: str, rule: Rule) -> list[Finding]:
    from ..extract import extract
    from .matchers import Context

    out = []
    paragraphs = extract(text, "plaintext")
    tokens = engine.analyzer.tokenize_many([p.text for p in paragraphs])
    for p, toks in zip(paragraphs, tokens):
        for h in engine.registry.run(Context(p.text, toks, p.masked, engine.analyzer), only={rule.index}):
            s, e, _ = p.orig_span(h.start, h.end)
            out.append(Finding(rule.id, rule.category, rule.severity, s, e, h.message, h.explanation, h.suggestions, rule.norm))
    return out


def check_rule(engine, rule: Rule) -> list[str]:
    """Problems with one rule's examples (empty when all pass)."""
    problems = []
    where = rule.location
    for ex in rule.bad:
        found = rule_findings(engine, ex.text, rule)
        if rule.kind == "stems":
            if not found:
                problems.append(f"{where}: {rule.id}: not flagged: {ex.text!r}")
                continue
            fixed, _ = apply_fixes(ex.text, found)
            again = rule_findings(engine, fixed, rule)
            if again:
                problems.append(f"{where}: {rule.id}: the fixed text {fixed!r} is still flagged")
            continue
        spans = sorted((f.start, f.end) for f in found)
        if rule.kind == "words":
            # only this entry's span matters; the list may legitimately hold other words
            spans = [s for s in spans if s in ex.spans]
        if sorted(ex.spans) != spans:
            got = [ex.text[a:b] for a, b in spans]
            want = [ex.text[a:b] for a, b in ex.spans]
            problems.append(f"{where}: {rule.id}: in {ex.text!r} expected {want}, flagged {got}")
            continue
        if ex.fixed is not None:
            fixed, _ = apply_fixes(ex.text, [f for f in found if (f.start, f.end) in ex.spans])
            if fixed != ex.fixed:
                problems.append(f"{where}: {rule.id}: fixing {ex.text!r} gave {fixed!r}, expected {ex.fixed!r}")
    for g in rule.good:
        found = rule_findings(engine, g, rule)
        if found:
            problems.append(f"{where}: {rule.id}: good example flagged: {g!r} at {[g[f.start:f.end] for f in found]}")
    return problems


def check_all(engine) -> list[str]:
    problems = []
    for r in engine.registry.rules:
        problems.extend(check_rule(engine, r))
    return problems
