"""Report formats for `hanproof check`: text, json, sarif, github."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from . import __version__
from .model import CATEGORY_LABELS, Finding
from .textindex import LineIndex

SARIF_LEVEL = {"error": "error", "warning": "warning", "information": "note", "hint": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "information": "notice", "hint": "notice"}
DOCS_URL = "https://github.com/hanproof/hanproof/blob/main/docs/rules.md"


def rule_url(rule_id: str) -> str:
    return f"{DOCS_URL}#{rule_id.replace('.', '').lower()}"


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)


def located(path: str, text: str, findings: list[Finding], index: LineIndex | None = None) -> list[dict]:
    index = index or LineIndex(text)
    out = []
    for f in findings:
        l1, c1 = index.position(f.start)
        l2, c2 = index.position(f.end)
        out.append({
            "path": path, "offset": f.start, "end_offset": f.end,
            "line": l1 + 1, "column": c1 + 1, "end_line": l2 + 1, "end_column": c2 + 1,
            "rule": f.rule, "category": f.category, "severity": f.severity,
            "message": f.message, "explanation": f.explanation, "norm": f.norm,
            "suggestions": list(f.suggestions), "text": text[f.start:f.end],
        })
    return out


def format_text(path: str, text: str, findings: list[Finding], color: bool = False) -> str:
    index = LineIndex(text)
    lines = []
    for d in located(path, text, findings, index):
        sugg = f" → {', '.join(repr(s) if s.strip() != s or not s else s for s in d['suggestions'][:3])}" if d["suggestions"] else ""
        sev = d["severity"]
        head = f"{path}:{d['line']}:{d['column']}: {d['rule']} [{sev}] {d['message']}{sugg}"
        if color:
            c = {"error": "31", "warning": "33"}.get(sev, "36")
            head = f"\x1b[1m{path}:{d['line']}:{d['column']}:\x1b[0m \x1b[{c}m{d['rule']}\x1b[0m [{sev}] {d['message']}{sugg}"
        lines.append(head)
        ln = d["line"] - 1
        src = index.line_text(ln)
        start_col = d["offset"] - index.starts[ln]
        end_col = d["end_offset"] - index.starts[ln] if d["end_line"] == d["line"] else len(src)
        shown = src.replace("\t", " ")
        pad = width(shown[:start_col])
        marks = max(1, width(shown[start_col:end_col]))
        lines.append("    " + shown)
        lines.append("    " + " " * pad + "^" * marks)
    return "\n".join(lines)


def sarif(results: list[tuple[str, str, list[Finding]]], rules: list) -> dict:
    used = sorted({f.rule for _, _, fs in results for f in fs})
    rule_index = {}
    by_id = {r.id: r for r in rules}
    driver_rules = []
    for rid in used:
        r = by_id.get(rid)
        rule_index[rid] = len(driver_rules)
        driver_rules.append({
            "id": rid,
            "name": rid.replace(".", "_"),
            "shortDescription": {"text": r.message if r else rid},
            "fullDescription": {"text": (r.explanation or r.message) if r else rid},
            "helpUri": rule_url(rid),
            "help": {"text": ((r.explanation or r.message) + (f" ({r.norm})" if r.norm else "")) if r else rid},
            "defaultConfiguration": {"level": SARIF_LEVEL.get(r.severity, "warning") if r else "warning"},
            "properties": {"category": r.category if r else "", "tags": [r.category, CATEGORY_LABELS.get(r.category, "")] if r else []},
        })
    out_results = []
    for path, text, findings in results:
        uri = Path(path).as_posix() if path != "<stdin>" else "stdin"
        for d, f in zip(located(path, text, findings), findings):
            res = {
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule],
                "level": SARIF_LEVEL.get(f.severity, "warning"),
                "message": {"text": f.message + (f" → {f.suggestions[0]}" if f.suggestions else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": d["line"], "startColumn": d["column"],
                               "endLine": d["end_line"], "endColumn": d["end_column"],
                               "charOffset": f.start, "charLength": f.end - f.start,
                               "snippet": {"text": d["text"]}},
                }}],
            }
            if f.suggestions:
                res["fixes"] = [{
                    "description": {"text": f"'{s}'(으)로 바꾸기"},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [{
                        "deletedRegion": {"startLine": d["line"], "startColumn": d["column"],
                                          "endLine": d["end_line"], "endColumn": d["end_column"]},
                        "insertedContent": {"text": s}}]}],
                } for s in f.suggestions[:3]]
            out_results.append(res)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "hanproof", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://github.com/hanproof/hanproof", "rules": driver_rules}},
            "columnKind": "unicodeCodePoints",
            "results": out_results,
        }],
    }


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def format_github(path: str, text: str, findings: list[Finding]) -> str:
    lines = []
    for d in located(path, text, findings):
        level = GITHUB_LEVEL.get(d["severity"], "warning")
        props = (f"file={_gh_escape(path, True)},line={d['line']},col={d['column']},"
                 f"endLine={d['end_line']},endColumn={d['end_column']},title={_gh_escape(d['rule'], True)}")
        msg = d["message"] + (f" → {d['suggestions'][0]}" if d["suggestions"] else "")
        lines.append(f"::{level} {props}::{_gh_escape(msg)}")
    return "\n".join(lines)


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
