"""The loaded rule set and the one loop that runs it over a paragraph."""
from __future__ import annotations

from pathlib import Path

from . import Hit, Rule
from .matchers import Context, PatternMatcher, confirm_hits


class Registry:
    def __init__(self, rules: list[Rule], fingerprint: str, lexdir: Path):
        self.rules = rules
        self.fingerprint = fingerprint
        self.lexdir = lexdir
        self.by_id = {}
        self._patterns: list[tuple[Rule, object]] = []
        self._dispatch: dict[tuple[str, str], tuple] = {}
        self._lists: list[Rule] = []
        for i, r in enumerate(rules):
            r.index = i
            self.by_id[r.id] = r
            if isinstance(r.matcher, PatternMatcher):
                for pat in r.matcher.patterns:
                    self._patterns.append((r, pat, pat.anchor))
            else:
                self._lists.append(r)

    def __len__(self) -> int:
        return len(self.rules)

    def _index(self) -> None:
        """Patterns by the exact forms of their anchor token; the others by anchor tag.
        Built in locals and published with `_by_form` last: `_candidates` takes that
        attribute as the sign that the index exists, and the server's worker threads may
        call it while another thread is still building (a half-built index once raised
        AttributeError for `_tag_cands`)."""
        by_form: dict[str, list] = {}
        by_tag: dict[str, list] = {}
        loose: list = []  # anchors with neither exact forms nor exact tags
        for item in self._patterns:
            spec = item[1].specs[item[2]]
            forms = spec.exact_forms
            if forms is not None:
                for f in forms:
                    by_form.setdefault(f, []).append(item)
            elif spec.tags is not None and not spec.tag_prefixes:
                for t in spec.tags:
                    by_tag.setdefault(t, []).append(item)
            else:
                loose.append(item)
        self._by_tag = by_tag
        self._loose = loose
        self._tag_cands: dict[str, list] = {}
        self._by_form = by_form

    def _candidates(self, form: str, tag: str) -> tuple:
        """The patterns whose anchor token can be (form, tag); cached per pair."""
        key = (form, tag)
        c = self._dispatch.get(key)
        if c is None:
            if not hasattr(self, "_by_form"):
                self._index()
            tc = self._tag_cands.get(tag)
            if tc is None:
                tc = self._by_tag.get(tag, []) + self._loose
                self._tag_cands[tag] = tc
            c = tuple(item for item in self._by_form.get(form, []) + tc
                      if item[1].specs[item[2]].match_form_tag(form, tag))
            if len(self._dispatch) > 200_000:
                self._dispatch.clear()
            self._dispatch[key] = c
        return c

    def run(self, ctx: Context, only: set[int] | None = None) -> list[Hit]:
        """Every rule over one paragraph; `only` restricts to some rule indexes (tests)."""
        hits: list[Hit] = []
        tokens = ctx.tokens
        dispatch = self._dispatch
        for i, tok in enumerate(tokens):
            cands = dispatch.get((tok.form, tok.tag))
            if cands is None:
                cands = self._candidates(tok.form, tok.tag)
            for r, pat, k in cands:
                if k > i or (only is not None and r.index not in only):
                    continue
                h = r.matcher.hit_at(r, ctx, i - k, pat)
                if h is not None:
                    hits.append(h)
        for r in self._lists:
            if only is not None and r.index not in only:
                continue
            hits.extend(r.matcher.find(r, ctx))
        if any(getattr(self.rules[h.rule].matcher, "confirm", None) is not None for h in hits):
            plain, pending = [], {}
            for h in hits:
                if getattr(self.rules[h.rule].matcher, "confirm", None) is not None:
                    pending.setdefault(h.rule, []).append(h)
                else:
                    plain.append(h)
            for ri, group in pending.items():
                plain.extend(confirm_hits(ctx, group, self.rules[ri].matcher.confirm))
            hits = plain
        # one hit per rule and span
        seen = set()
        out = []
        for h in sorted(hits, key=lambda h: (h.start, h.end, h.rule)):
            k = (h.rule, h.start, h.end)
            if k not in seen:
                seen.add(k)
                out.append(h)
        return out
