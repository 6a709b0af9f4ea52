"""The loaded rule set and the one loop that runs it over a paragraph."""
from __future__ import annotations

from pathlib import Path

from . import Hit, Rule
from .matchers import Context, PatternMatcher


class Registry:
    def __init__(self, rules: list[Rule], fingerprint: str, lexdir: Path):
        self.rules = rules
        self.fingerprint = fingerprint
        self.lexdir = lexdir
        self.by_id = {}
        self._by_form: dict[str, list[tuple[Rule, object]]] = {}
        self._generic: list[tuple[Rule, object]] = []
        self._lists: list[Rule] = []
        for i, r in enumerate(rules):
            r.index = i
            self.by_id[r.id] = r
            if isinstance(r.matcher, PatternMatcher):
                for pat in r.matcher.patterns:
                    forms = pat.specs[0].exact_forms
                    if forms is None:
                        self._generic.append((r, pat))
                    else:
                        for f in forms:
                            self._by_form.setdefault(f, []).append((r, pat))
            else:
                self._lists.append(r)

    def __len__(self) -> int:
        return len(self.rules)

    def run(self, ctx: Context, only: set[int] | None = None) -> list[Hit]:
        """Every rule over one paragraph; `only` restricts to some rule indexes (tests)."""
        hits: list[Hit] = []
        tokens = ctx.tokens
        by_form = self._by_form
        generic = self._generic
        for i, tok in enumerate(tokens):
            cands = by_form.get(tok.form)
            for group in (cands, generic):
                if not group:
                    continue
                for r, pat in group:
                    if only is not None and r.index not in only:
                        continue
                    h = r.matcher.hit_at(r, ctx, i, pat)
                    if h is not None:
                        hits.append(h)
        for r in self._lists:
            if only is not None and r.index not in only:
                continue
            hits.extend(r.matcher.find(r, ctx))
        # one hit per rule and span
        seen = set()
        out = []
        for h in sorted(hits, key=lambda h: (h.start, h.end, h.rule)):
            k = (h.rule, h.start, h.end)
            if k not in seen:
                seen.add(k)
                out.append(h)
        return out
