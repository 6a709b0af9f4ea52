"""Findings → LSP: diagnostics, hovers, code actions and workspace edits.

Ranges always come from :class:`hanproof.textindex.LineIndex` in the negotiated
position encoding. A diagnostic's ``data`` carries what the code actions need (rule id,
suggestions, the original text of the span, the document version, the code-point
span), so no action ever analyses the text again.
"""
from __future__ import annotations

from typing import Iterable

from lsprotocol import types

from ..fixes import select_fixes
from ..model import CATEGORY_LABELS, Finding
from ..output import rule_url
from ..textindex import LineIndex

SOURCE = "hanproof"
FIX_ALL_KIND = "source.fixAll.hanproof"
QUICKFIX = types.CodeActionKind.QuickFix.value

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}

# Suppression comments for "ignore here", by LSP language id: (prefix, suffix, only above
# lines starting with). Code languages get the directive only above a line that is itself
# a line comment (in a docstring or block comment it would be swallowed as text). Plain
# text has no comments: the directive alone on a line is the marker there.
COMMENT_STYLE: dict[str, tuple[str, str, str | None]] = {
    "plaintext": ("", "", None),
    "markdown": ("<!-- ", " -->", None),
    "html": ("<!-- ", " -->", None),
    "restructuredtext": (".. ", "", None),
    "latex": ("% ", "", None),
    "asciidoc": ("// ", "", None),
    "org": ("# ", "", None),
    "git-commit": ("# ", "", None),
    "python": ("# ", "", "#"),
    "javascript": ("// ", "", "//"),
    "typescript": ("// ", "", "//"),
    "javascriptreact": ("// ", "", "//"),
    "typescriptreact": ("// ", "", "//"),
    "java": ("// ", "", "//"),
    "go": ("// ", "", "//"),
    "rust": ("// ", "", "//"),
    "c": ("// ", "", "//"),
    "cpp": ("// ", "", "//"),
}


def known_language(language_id: str | None) -> str | None:
    """The engine's name for an editor's language id (Neovim sends filetypes such as
    `tex`, `rst`, `gitcommit`), None for languages the engine only reads as plain text."""
    from ..extract import LANGUAGE_ALIASES, SUPPORTED
    lang = (language_id or "").strip().lower()
    lang = LANGUAGE_ALIASES.get(lang, lang)
    return lang if lang in SUPPORTED else None


# ---------------------------------------------------------------- diagnostics
def diagnostic_message(f: Finding) -> str:
    msg = f.message
    if f.suggestions and f.suggestions[0] not in msg:
        s = f.suggestions[0]
        msg += f" → '{s}'" if s.strip() == s and s else f" → {s!r}"
    return msg


def to_diagnostics(text: str, findings: Iterable[Finding], encoding: str, version: int | None,
                   index: LineIndex | None = None) -> list[types.Diagnostic]:
    index = index or LineIndex(text)
    out = []
    for f in findings:
        l1, c1 = index.position(f.start, encoding)
        l2, c2 = index.position(f.end, encoding)
        out.append(types.Diagnostic(
            range=types.Range(start=types.Position(line=l1, character=c1),
                              end=types.Position(line=l2, character=c2)),
            severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.rule,
            code_description=types.CodeDescription(href=rule_url(f.rule)),
            source=SOURCE,
            message=diagnostic_message(f),
            data={"rule": f.rule, "suggestions": list(f.suggestions), "text": text[f.start:f.end],
                  "version": version, "span": [f.start, f.end]},
        ))
    return out


# ---------------------------------------------------------------- hover
def _md_escape(s: str) -> str:
    out = []
    for c in s:
        if c in "\\`*_[]<>|#~":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def _example_for(rule, flagged: str, suggestions=()):
    """A wrong example that fits the flagged text, and the right version of it."""
    from ..rules import Example
    if rule.entries:  # word lists: the entry of the flagged word
        for e in rule.entries:
            if flagged and flagged in e.example:
                a = e.example.index(flagged)
                fix = suggestions[0] if suggestions else e.rights[0].split("/")[0]
                return (Example(e.example, ((a, a + len(flagged)),), None),
                        e.example[:a] + fix + e.example[a + len(flagged):])
    if not rule.bad:
        return None, (rule.good[0] if rule.good else None)
    best = rule.bad[0]
    for ex in rule.bad:
        if any(ex.text[a:b] == flagged for a, b in ex.spans):
            best = ex
            break
    right = best.fixed
    if right is None and rule.good:
        right = rule.good[0]
    return best, right


def _mark(ex, bold: bool = True) -> str:
    out, pos = [], 0
    for a, b in ex.spans:
        out.append(_md_escape(ex.text[pos:a]))
        span = ex.text[a:b]
        out.append(f"**{_md_escape(span)}**" if bold and span.strip() == span and span else f"[{_md_escape(span)}]")
        pos = b
    out.append(_md_escape(ex.text[pos:]))
    return "".join(out)


def hover_markdown(f: Finding, rule, flagged: str, markdown: bool = True) -> str:
    """Markdown (or plain text) for one finding: message, explanation, norm, examples."""
    cat = CATEGORY_LABELS.get(f.category, f.category)
    ex, right = _example_for(rule, flagged, f.suggestions) if rule is not None else (None, None)
    norm = f.norm or (rule.norm if rule is not None else "")
    if not markdown:
        lines = [f"{f.message}  [{f.rule} · {cat}]"]
        if f.suggestions:
            lines.append("고칠 말: " + ", ".join(f.suggestions[:3]))
        if f.explanation:
            lines += ["", f.explanation]
        if norm:
            lines += ["", f"규범: {norm}"]
        if ex is not None:
            lines += ["", f"틀린 예: {ex.text}"]
        if right:
            lines.append(f"바른 예: {right}")
        lines += ["", rule_url(f.rule)]
        return "\n".join(lines)
    lines = [f"**{_md_escape(f.message)}**", "",
             f"`{f.rule}` · {cat} · {f.severity}"]
    if f.suggestions:
        lines += ["", "고칠 말: " + ", ".join(f"**{_md_escape(s)}**" if s.strip() == s and s else repr(s)
                                              for s in f.suggestions[:3])]
    if f.explanation:
        lines += ["", _md_escape(f.explanation)]
    if norm:
        lines += ["", f"규범: {_md_escape(norm)}"]
    if ex is not None or right:
        lines.append("")
    if ex is not None:
        lines.append(f"- ✗ 틀린 예: {_mark(ex)}")
    if right:
        lines.append(f"- ✓ 바른 예: {_md_escape(right)}")
    lines += ["", f"[규칙 설명]({rule_url(f.rule)})"]
    return "\n".join(lines)


# ---------------------------------------------------------------- edits
def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit],
                   document_changes: bool) -> types.WorkspaceEdit:
    if document_changes:
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def fix_edits(text: str, index: LineIndex, findings: Iterable[Finding], encoding: str) -> list[types.TextEdit]:
    """TextEdits applying the first suggestion of every fixable finding (no overlaps)."""
    out = []
    for f in select_fixes(text, findings):
        l1, c1 = index.position(f.start, encoding)
        l2, c2 = index.position(f.end, encoding)
        out.append(types.TextEdit(range=types.Range(start=types.Position(line=l1, character=c1),
                                                    end=types.Position(line=l2, character=c2)),
                                  new_text=f.suggestions[0]))
    return out


def suppression_edit(text: str, index: LineIndex, language_id: str, rule: str, offset: int,
                     encoding: str) -> types.TextEdit | None:
    """An edit inserting `hanproof-disable-next-line RULE` on its own line above the line of
    `offset`, in the comment syntax of the language (None where there is none)."""
    style = COMMENT_STYLE.get(known_language(language_id) or "")
    if style is None:
        return None
    prefix, suffix, needs = style
    line = index.line_of(offset)
    content = index.line_text(line)
    stripped = content.lstrip(" \t")
    if needs is not None and not stripped.startswith(needs):
        return None
    indent = content[:len(content) - len(stripped)]
    if line + 1 < len(index.starts):
        nl = text[index.line_end(line):index.starts[line + 1]]
    elif line > 0:
        nl = text[index.line_end(line - 1):index.starts[line]]
    else:
        nl = "\n"
    new = f"{indent}{prefix}hanproof-disable-next-line {rule}{suffix}{nl or chr(10)}"
    pos = types.Position(line=line, character=0)
    return types.TextEdit(range=types.Range(start=pos, end=pos), new_text=new)
