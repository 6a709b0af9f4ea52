"""The rules reference, generated from the lexicon: ``python -m hanproof.docs > docs/rules.md``.

Every rule has a heading that is exactly its id, so that GitHub's heading anchor is what
:func:`hanproof.output.rule_url` links to (the language server's ``codeDescription``,
SARIF ``helpUri``): GitHub lower-cases the heading text, drops punctuation other than
``-`` and ``_`` (so ``spelling.myeochil`` → ``#spellingmyeochil``) and turns spaces into
``-``. tests/lsp/test_rules_doc.py checks that the committed file is up to date and
that every anchor matches.
"""
from __future__ import annotations

import re
import sys
import unicodedata

from .model import CATEGORIES, CATEGORY_LABELS

HEADER = """# hanproof 규칙 목록

<!-- 이 파일은 만들어진 것입니다. 고치려면 lexicon/을 고친 뒤
     `python -m hanproof.docs > docs/rules.md`를 실행하세요. -->
<!-- hanproof-disable-file -- 틀린 예를 일부러 모아 둔 문서입니다 -->

hanproof가 검사하는 규칙 {n}개입니다. 규칙 id나 분류 이름은 설정 파일(`hanproof.toml`,
`pyproject.toml`의 `[tool.hanproof]`)과 편집기 설정의 `select`, `enable`, `ignore`,
`[severity]`에 씁니다. 기본으로 꺼진 규칙은 `enable`로 켭니다.

```toml
ignore = ["style", "spelling.myeochil"]
enable = ["spacing.aux-verb"]

[severity]
spacing = "hint"
```

문서 안에서는 주석으로 끌 수 있습니다: `<!-- hanproof-disable-next-line spelling.myeochil -->`.
"""


def github_anchor(heading: str) -> str:
    """GitHub's anchor for a heading text (github-slugger): lower case, punctuation and
    symbols removed (letters, digits, marks, '-', '_' and spaces kept), spaces → '-'."""
    out = []
    for ch in heading.strip().lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_":
            out.append(ch)
        elif unicodedata.category(ch)[0] in "LNM":
            out.append(ch)
    return "".join(out)


def _esc(s: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#~])", r"\\\1", s)


def _marked(text: str, spans) -> str:
    out, pos = [], 0
    for a, b in spans:
        span = text[a:b]
        out.append(_esc(text[pos:a]))
        out.append(f"**{_esc(span)}**" if span and span.strip() == span else f"[{_esc(span)}]")
        pos = b
    out.append(_esc(text[pos:]))
    return "".join(out)


def _cell(s: str) -> str:
    return _esc(s).replace("\n", " ")


def render(registry=None) -> str:
    if registry is None:
        from .rules.loader import load_lexicon
        registry = load_lexicon()
    rules = list(registry.rules)
    by_cat = {c: [r for r in rules if r.category == c] for c in CATEGORIES}
    lines = [HEADER.format(n=len(rules)).rstrip(), ""]
    lines += ["## 분류", "", "| 분류 | 규칙 |", "|---|---|"]
    for c in CATEGORIES:
        if by_cat[c]:
            title = f"{CATEGORY_LABELS.get(c, c)} ({c})"
            ids = ", ".join(f"[{r.id}](#{github_anchor(r.id)})" for r in by_cat[c])
            lines.append(f"| [{title}](#{github_anchor(title)}) | {ids} |")
    lines.append("")
    for c in CATEGORIES:
        if not by_cat[c]:
            continue
        lines += [f"## {CATEGORY_LABELS.get(c, c)} ({c})", ""]
        for r in by_cat[c]:
            lines += _rule(r)
    return "\n".join(lines).rstrip() + "\n"


def _rule(r) -> list[str]:
    out = [f"### {r.id}", ""]
    msg = r.message.replace("{match}", "…").replace("{wrong}", "…").replace("{fix}", "…") \
        .replace("{right}", "…").replace("{note}", "")
    out += [_esc(msg), ""]
    facts = [f"분류: {CATEGORY_LABELS.get(r.category, r.category)} (`{r.category}`)",
             f"심각도: `{r.severity}`",
             "기본: 켜짐" if r.enabled else "기본: 꺼짐 (`enable`로 켭니다)"]
    if r.norm:
        facts.append(f"규범: {_esc(r.norm)}")
    out += [f"- {f}" for f in facts] + [""]
    if r.explanation:
        out += [_esc(r.explanation), ""]
    if r.entries:
        out += [f"낱말 목록 ({len(r.entries)}개):", "", "| 틀린 말 | 바른 말 | 예문 | 참고 |", "|---|---|---|---|"]
        for e in r.entries:
            wrong = e.wrong.split("/")[0] if r.kind == "stems" else e.wrong
            rights = ", ".join(x.split("/")[0] if r.kind == "stems" else x for x in e.rights)
            out.append(f"| {_cell(wrong)} | {_cell(rights)} | {_cell(e.example)} | {_cell(e.note)} |")
        out.append("")
        return out
    if r.bad:
        out += ["틀린 예 → 고친 예:", ""]
        for ex in r.bad:
            fixed = f" → {_esc(ex.fixed)}" if ex.fixed else ""
            out.append(f"- ✗ {_marked(ex.text, ex.spans)}{fixed}")
        out.append("")
    if r.good:
        out += ["바른 예 (잡지 않음):", ""]
        out += [f"- ✓ {_esc(g)}" for g in r.good]
        out.append("")
    return out


def main() -> int:
    sys.stdout.buffer.write(render().encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
