"""Load and validate lexicon/: TOML rule files and the TSV word lists they name.

Every problem is reported as `file:line: message`; nothing loads half-validated.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

from ..hangul import compat_to_conjoining
from ..model import CATEGORIES, normalize_severity
from . import Entry, Example, Rule
from .matchers import Fix, PatternMatcher, StemListMatcher, WordListMatcher
from .pattern import PatternError, expand_classes, expand_gaps, gap_sides, parse_morphs, parse_pattern

ID_RE = re.compile(r"^[a-z]+\.[a-z0-9][a-z0-9_.-]*$")
RULE_KEYS = {"id", "category", "severity", "message", "explanation", "norm", "enabled",
             "pattern", "mark", "fix", "fix_sub", "fix_morphs", "fix_form", "confirm", "extend_endings", "followed_by", "keep_nouns", "noun_margin", "fused", "after_tags", "derived_verb", "not_in_sentence", "in_sentence", "exceptions", "bad", "good"}
CHECK_KEYS = {"id", "category", "severity", "message", "explanation", "norm", "enabled",
              "check", "confirm", "bad", "good"}
# word lists a check may take, for the checks that declare them as fields
CHECK_LISTS = ("verbs", "short_verbs", "adjectives", "endings", "endings_before_nouns", "endings_before_hada", "standalone_adverbs", "joined_words", "acronyms", "units", "stems", "adverbs", "right_tags")
CHECK_KEYS |= set(CHECK_LISTS)
LIST_KEYS = {"id", "category", "severity", "message", "explanation", "norm", "enabled",
             "file", "match", "good"}


class LexiconError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def default_lexicon_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    for cand in (here / "lexicon", here.parent.parent / "lexicon"):
        if cand.is_dir() and any(cand.glob("*.toml")):
            return cand
    raise LexiconError([f"lexicon not found (looked in {here / 'lexicon'} and {here.parent.parent / 'lexicon'})"])


def parse_example(src: str) -> Example:
    """'그러면 안 [되요]. => 그러면 안 돼요.' → text, marked spans, fixed text."""  # hanproof: ignore
    fixed = None
    if " => " in src:
        src, fixed = src.split(" => ", 1)
    text, spans, pos = [], [], 0
    out_len = 0
    for m in re.finditer(r"\[([^\[\]]+)\]", src):
        text.append(src[pos:m.start()])
        out_len += m.start() - pos
        spans.append((out_len, out_len + len(m.group(1))))
        text.append(m.group(1))
        out_len += len(m.group(1))
        pos = m.end()
    text.append(src[pos:])
    return Example("".join(text), tuple(spans), fixed)


def _table_lines(raw: str, header: str) -> list[int]:
    rx = re.compile(r"^[ \t]*\[\[[ \t]*" + re.escape(header) + r"[ \t]*\]\]", re.M)
    return [raw.count("\n", 0, m.start()) + 1 for m in rx.finditer(raw)]


class _Problems(list):
    def add(self, where: str, msg: str) -> None:
        self.append(f"{where}: {msg}")


def _common(d: dict, defaults: dict, where: str, problems: _Problems, keys: set[str]) -> dict | None:
    for k in d:
        if k not in keys:
            problems.add(where, f"unknown key '{k}' (allowed: {', '.join(sorted(keys))})")
    rid = d.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        problems.add(where, f"'id' must look like 'category.name' (lowercase), got {rid!r}")
        return None
    cat = d.get("category", defaults.get("category"))
    if cat not in CATEGORIES:
        problems.add(where, f"rule {rid}: 'category' must be one of {', '.join(CATEGORIES)}, got {cat!r}")
        return None
    sev = normalize_severity(d.get("severity", defaults.get("severity", "warning")))
    if sev is None:
        problems.add(where, f"rule {rid}: 'severity' must be error, warning, information or hint")
        return None
    msg = d.get("message")
    if not isinstance(msg, str) or not msg.strip() or "\n" in msg.strip():
        problems.add(where, f"rule {rid}: 'message' must be one line of text")
        return None
    expl = d.get("explanation", "")
    if not isinstance(expl, str):
        problems.add(where, f"rule {rid}: 'explanation' must be text")
        return None
    return {"id": rid, "category": cat, "severity": sev, "message": msg.strip(),
            "explanation": " ".join(expl.split()), "norm": str(d.get("norm", "")),
            "enabled": bool(d.get("enabled", True))}


def _fixes(d: dict, rid: str, where: str, problems: _Problems) -> list[Fix]:
    fixes: list[Fix] = []
    fx = d.get("fix")
    if fx is not None:
        for t in ([fx] if isinstance(fx, str) else fx):
            if not isinstance(t, str):
                problems.add(where, f"rule {rid}: 'fix' must be text or a list of texts")
                continue
            fixes.append(Fix("text", t))
    sub = d.get("fix_sub")
    if sub is not None:
        # [regex, replacement], or a list of them: each gives one suggestion, in order
        pairs = [sub] if isinstance(sub, list) and sub and isinstance(sub[0], str) else sub
        if not (isinstance(pairs, list) and pairs and all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs)):
            problems.add(where, f"rule {rid}: 'fix_sub' must be [regex, replacement] or a list of them")
        else:
            for rx, repl in pairs:
                try:
                    fixes.append(Fix("sub", (re.compile(rx), repl)))
                except re.error as e:
                    problems.add(where, f"rule {rid}: bad fix_sub regex: {e}")
    form = d.get("fix_form")
    if form is not None:
        if not (isinstance(form, list) and len(form) in (3, 4) and isinstance(form[0], int)
                and all(isinstance(x, str) for x in form[1:])):
            problems.add(where, f"rule {rid}: 'fix_form' must be [token number, regex, replacement, optional new tag]")
        else:
            try:
                from ..hangul import compat_to_conjoining
                fixes.append(Fix("form", (form[0] - 1 if form[0] > 0 else form[0], re.compile(compat_to_conjoining(form[1])),
                                          compat_to_conjoining(form[2]), form[3] if len(form) == 4 else None)))
            except re.error as e:
                problems.add(where, f"rule {rid}: bad fix_form regex: {e}")
    morphs = d.get("fix_morphs")
    if morphs is not None:
        for m in ([morphs] if isinstance(morphs, str) else morphs):
            try:
                fixes.append(Fix("morphs", tuple(parse_morphs(m))))
            except PatternError as e:
                problems.add(where, f"rule {rid}: fix_morphs: {e}")
    return fixes


def _examples(d: dict, rid: str, where: str, problems: _Problems, need_bad: bool) -> tuple[list[Example], list[str]]:
    bad_src = d.get("bad", [])
    good = d.get("good", [])
    if isinstance(bad_src, str):
        bad_src = [bad_src]
    if isinstance(good, str):
        good = [good]
    bad = []
    for b in bad_src:
        ex = parse_example(b)
        if not ex.spans:
            problems.add(where, f"rule {rid}: bad example has no [marked] span: {b!r}")
        bad.append(ex)
    if need_bad and not bad:
        problems.add(where, f"rule {rid}: needs at least one 'bad' example (text with the flagged span in [brackets])")
    if not good:
        problems.add(where, f"rule {rid}: needs at least one 'good' example (text that must not be flagged)")
    return bad, list(good)


_SET_NAME = re.compile(r"@([a-z][a-z0-9_]*)")


def _word_sets(data: dict, raw: str, rel: str, problems: _Problems) -> dict[str, str]:
    """The file's `[words]` table: name -> a list of forms, used in patterns as `@name`."""
    out: dict[str, str] = {}
    m = re.search(r"^\[words\]", raw, re.M)
    at = f"{rel}:{raw.count(chr(10), 0, m.start()) + 1 if m else 1}"
    table = data.get("words", {})
    if not isinstance(table, dict):
        problems.add(at, "'words' must be a table of name = [\"form\", …]")
        return out
    for name, forms in table.items():
        ok = (re.fullmatch(r"[a-z][a-z0-9_]*", name) and isinstance(forms, list) and forms
              and all(isinstance(f, str) and re.fullmatch(r"\*?[^\s|/+~_@{}<>!^*]+\*?", f) for f in forms))
        if not ok:
            problems.add(at, f"words.{name}: a lower-case name and a non-empty list of forms "
                                     "(no blanks, |, /, +, ~, _, @ or braces; * only at either end) are needed")
            continue
        if len(set(forms)) != len(forms):
            dup = sorted({f for f in forms if forms.count(f) > 1})
            problems.add(at, f"words.{name}: listed twice: {', '.join(dup)}")
        out[name] = "|".join(forms)
    return out


def _expand_sets(src: str, sets: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        if m.group(1) not in sets:
            raise PatternError(f"unknown word set @{m.group(1)} (define it under [words] in this file)")
        return sets[m.group(1)]
    return _SET_NAME.sub(sub, src)


def _load_rule(d: dict, defaults: dict, file: str, line: int, problems: _Problems,
               sets: dict[str, str] | None = None) -> Rule | None:
    where = f"{file}:{line}"
    base = _common(d, defaults, where, problems, RULE_KEYS)
    if base is None:
        return None
    rid = base["id"]
    srcs = d.get("pattern", "")
    srcs = [srcs] if isinstance(srcs, str) else srcs
    if not isinstance(srcs, list) or not srcs or not all(isinstance(x, str) for x in srcs):
        problems.add(where, f"rule {rid}: 'pattern' must be a pattern or a list of patterns")
        return None
    try:
        srcs = [_expand_sets(x, sets or {}) for x in srcs]
    except PatternError as e:
        problems.add(where, f"rule {rid}: pattern: {e}")
        return None
    try:
        patterns = tuple(parse_pattern(p) for x in srcs for p in expand_gaps(x))
    except PatternError as e:
        problems.add(where, f"rule {rid}: pattern: {e}")
        return None
    # token numbers count from the start (1, 2 …) or from the end (-1 is the last); with a
    # <N-M> gap, only the tokens on the near side of the gap can be reached
    shortest = min(len(p) for p in patterns)
    before = after = shortest
    for x in srcs:
        sides = gap_sides(x)
        if sides is not None:
            before, after = min(before, sides[0]), min(after, sides[1])

    def reachable(k) -> bool:
        return isinstance(k, int) and (1 <= k <= before or -after <= k <= -1)

    mark = d.get("mark")
    if mark is not None:
        mark = [mark] if isinstance(mark, int) else mark
        if not all(reachable(k) for k in mark):
            problems.add(where, f"rule {rid}: 'mark' must list token numbers 1..{before} or -{after}..-1"
                                + (" (counted from the end after a <N-M> gap)" if before < shortest else ""))
            return None
        mark = tuple(k - 1 if k > 0 else k for k in mark)
    form = d.get("fix_form")
    if isinstance(form, list) and form and isinstance(form[0], int) and not reachable(form[0]):
        problems.add(where, f"rule {rid}: 'fix_form' token number must be 1..{before} or -{after}..-1")
        return None
    exc = []
    for x in d.get("exceptions", []):
        try:
            exc.append(re.compile(expand_classes(x)))
        except re.error as e:
            problems.add(where, f"rule {rid}: bad exception regex {x!r}: {e}")
    fixes = _fixes(d, rid, where, problems)
    bad, good = _examples(d, rid, where, problems, need_bad=True)
    confirm = d.get("confirm")
    if confirm is not None and (isinstance(confirm, bool) or not isinstance(confirm, (int, float))):
        problems.add(where, f"rule {rid}: 'confirm' must be a number (the score margin)")
        confirm = None
    if confirm is not None and not fixes:
        problems.add(where, f"rule {rid}: 'confirm' needs a fix to compare with")
    noun_margin = d.get("noun_margin")
    if noun_margin is not None and (isinstance(noun_margin, bool) or not isinstance(noun_margin, (int, float))):
        problems.add(where, f"rule {rid}: 'noun_margin' must be a number (a score margin)")
        noun_margin = None
    noun_margin = float(noun_margin) if noun_margin is not None else None
    fused = d.get("fused")
    if fused is not None and not (isinstance(fused, bool) or (isinstance(fused, str) and re.fullmatch(r"[A-Z]+", fused))):
        problems.add(where, f"rule {rid}: 'fused' must be true or a tag prefix such as \"VA\"")
        fused = None
    fused = ("V" if fused else None) if isinstance(fused, bool) else fused
    after_tags = d.get("after_tags", [])
    if not (isinstance(after_tags, list) and all(isinstance(x, str) and re.fullmatch(r"[A-Z]+", x) for x in after_tags)):
        problems.add(where, f"rule {rid}: 'after_tags' must be a list of tags or tag prefixes such as [\"JKS\", \"JX\"]")
        after_tags = []
    # regexes over the text around a match: right after it, or anywhere in its sentence
    context_rx = {}
    for key in ("followed_by", "not_in_sentence", "in_sentence"):
        rx = d.get(key)
        if rx is not None:
            try:
                rx = re.compile(expand_classes(str(rx)))
            except re.error as e:
                problems.add(where, f"rule {rid}: bad {key} regex: {e}")
                rx = None
        context_rx[key] = rx
    return Rule(kind="pattern", file=file, line=line, bad=bad, good=good,
                matcher=PatternMatcher(patterns, mark, tuple(fixes), tuple(exc),
                                       float(confirm) if confirm is not None else None,
                                       bool(d.get("extend_endings", False)), context_rx["followed_by"],
                                       bool(d.get("keep_nouns", False)), noun_margin, fused,
                                       tuple(after_tags), bool(d.get("derived_verb", False)),
                                       context_rx["not_in_sentence"], context_rx["in_sentence"]), **base)


def read_tsv(path: Path, rel: str, problems: _Problems, morph: bool) -> list[Entry]:
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    header_seen = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if not header_seen:
            header_seen = True
            if [c.strip() for c in cols[:2]] != ["wrong", "right"]:
                problems.add(f"{rel}:{n}", "the first row must be the header: wrong<TAB>right<TAB>example<TAB>note")
                return []
            continue
        where = f"{rel}:{n}"
        cols += [""] * (4 - len(cols))
        wrong, right, example, note = (c.strip() for c in cols[:4])
        if not wrong or not right:
            problems.add(where, "both 'wrong' and 'right' are required")
            continue
        rights = tuple(r.strip() for r in right.split("|") if r.strip())
        if morph:
            try:
                parse_morphs(wrong)
                for r in rights:
                    parse_morphs(r)
            except PatternError as e:
                problems.add(where, f"{e}")
                continue
        if wrong in rights:
            problems.add(where, f"'{wrong}' is listed as its own correction")
            continue
        if wrong in seen:
            problems.add(where, f"'{wrong}' is already listed at line {seen[wrong]}")
            continue
        surface_wrong = wrong.split("/")[0] if morph else wrong
        if not example:
            problems.add(where, f"'{wrong}': an example sentence is required")
            continue
        if not morph and example.count(surface_wrong) != 1:
            problems.add(where, f"the example must contain '{surface_wrong}' exactly once")
            continue
        seen[wrong] = n
        entries.append(Entry(wrong, rights, example, note, n))
    if not header_seen:
        problems.add(f"{rel}:1", "empty list (a header row wrong<TAB>right<TAB>example<TAB>note is required)")
    return entries


def _load_check(d: dict, defaults: dict, file: str, line: int, problems: _Problems) -> Rule | None:
    from .builtin import BUILTIN

    where = f"{file}:{line}"
    base = _common(d, defaults, where, problems, CHECK_KEYS)
    if base is None:
        return None
    name = d.get("check")
    if name not in BUILTIN:
        problems.add(where, f"check {base['id']}: 'check' must be one of {', '.join(sorted(BUILTIN))}, got {name!r}")
        return None
    bad, good = _examples(d, base["id"], where, problems, need_bad=True)
    confirm = d.get("confirm")
    if confirm is not None and (isinstance(confirm, bool) or not isinstance(confirm, (int, float))):
        problems.add(where, f"check {base['id']}: 'confirm' must be a number (the score margin)")
        return None
    options = {}
    for key in CHECK_LISTS:
        if key not in d:
            continue
        v = d[key]
        if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
            problems.add(where, f"check {base['id']}: '{key}' must be a list of words")
            return None
        if key not in getattr(BUILTIN[name], "__dataclass_fields__", {}):
            problems.add(where, f"check {base['id']}: the check '{name}' takes no '{key}'")
            return None
        options[key] = frozenset(compat_to_conjoining(x) for x in v)
    matcher = BUILTIN[name](confirm=float(confirm) if confirm is not None else None, **options)
    return Rule(kind="check", file=file, line=line, bad=bad, good=good, matcher=matcher, **base)


def _list_example(e: Entry) -> Example:
    """The bad example of a word-list row: the wrong word (and the particle after it when the
    correction changes which particle fits, as in 케잌을 → 케이크를) and the fixed sentence."""
    from ..hangul import PARTICLE_PAIRS, is_hangul, particle_for
    from .matchers import _final_class

    a = e.example.index(e.wrong)
    b = a + len(e.wrong)
    right = e.rights[0]
    after = e.example[b:]
    repl = right
    if _final_class(right) != _final_class(e.wrong):
        forms = sorted({f for pair in PARTICLE_PAIRS for f in pair}, key=len, reverse=True)
        for f in forms:
            if after.startswith(f) and (len(after) == len(f) or not is_hangul(after[len(f)])):
                if particle_for(right, f) != f:
                    b += len(f)
                    repl = right + particle_for(right, f)
                break
    return Example(e.example, ((a, b),), e.example[:a] + repl + e.example[b:])


def _load_list(d: dict, defaults: dict, lexdir: Path, file: str, line: int, problems: _Problems) -> Rule | None:
    where = f"{file}:{line}"
    base = _common(d, defaults, where, problems, LIST_KEYS)
    if base is None:
        return None
    rid = base["id"]
    fname = d.get("file")
    kind = d.get("match", "words")
    if kind not in ("words", "stems"):
        problems.add(where, f"list {rid}: 'match' must be 'words' or 'stems'")
        return None
    if not isinstance(fname, str) or not (lexdir / fname).is_file():
        problems.add(where, f"list {rid}: 'file' must name a TSV file in the lexicon folder, got {fname!r}")
        return None
    rel = f"{lexdir.name}/{fname}"
    entries = read_tsv(lexdir / fname, rel, problems, morph=(kind == "stems"))
    good = d.get("good", [])
    good = [good] if isinstance(good, str) else list(good)
    if kind == "words":
        matcher = WordListMatcher.build(entries)
        bad = []
        for e in entries:
            bad.append(_list_example(e))
            good.append(bad[-1].fixed)
    else:
        table = {}
        for e in entries:
            wf, wt = parse_morphs(e.wrong)[0]
            table[(wf, wt)] = (e, tuple(parse_morphs(r)[0] for r in e.rights))
        matcher = StemListMatcher(table)
        bad = [Example(e.example, (), None) for e in entries]
    return Rule(kind=kind, file=file, line=line, matcher=matcher, bad=bad, good=good,
                entries=entries, **base)


def load_lexicon(lexdir: Path | None = None):
    from .registry import Registry

    lexdir = Path(lexdir) if lexdir else default_lexicon_dir()
    problems = _Problems()
    rules: list[Rule] = []
    digest = hashlib.sha256()
    files = sorted(lexdir.glob("*.toml"))
    if not files:
        raise LexiconError([f"{lexdir}: no .toml rule files"])
    for path in files:
        rel = f"{lexdir.name}/{path.name}"
        raw = path.read_text(encoding="utf-8")
        digest.update(raw.encode())
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as e:
            m = re.search(r"line (\d+)", str(e))
            problems.add(f"{rel}:{m.group(1) if m else 1}", f"TOML syntax error: {e}")
            continue
        defaults = {k: data[k] for k in ("category", "severity") if k in data}
        for k in data:
            if k not in ("category", "severity", "words", "rule", "list", "check"):
                problems.add(f"{rel}:1", f"unknown top-level key '{k}' (allowed: category, severity, words, rule, list, check)")
        sets = _word_sets(data, raw, rel, problems)
        for key in ("rule", "list", "check"):
            tables = data.get(key, [])
            lines = _table_lines(raw, key)
            for n, d in enumerate(tables):
                line = lines[n] if n < len(lines) else 1
                if key == "rule":
                    r = _load_rule(d, defaults, rel, line, problems, sets)
                elif key == "check":
                    r = _load_check(d, defaults, rel, line, problems)
                else:
                    r = _load_list(d, defaults, lexdir, rel, line, problems)
                    if r is not None:
                        digest.update((lexdir / d["file"]).read_bytes())
                if r is not None:
                    rules.append(r)
    ids: dict[str, str] = {}
    for r in rules:
        if r.id in ids:
            problems.add(r.location, f"duplicate rule id '{r.id}' (first at {ids[r.id]})")
        ids.setdefault(r.id, r.location)
    if problems:
        raise LexiconError(list(problems))
    return Registry(rules, digest.hexdigest()[:16], lexdir)
