"""Plain data shared by every layer: categories, severities and findings."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

CATEGORIES = ("spelling", "spacing", "standard", "grammar", "loanword", "punctuation", "style")
SEVERITIES = ("error", "warning", "information", "hint")
SEVERITY_ALIASES = {"info": "information", "warn": "warning", "err": "error"}

CATEGORY_LABELS = {
    "spelling": "맞춤법",
    "spacing": "띄어쓰기",
    "standard": "표준어",
    "grammar": "문법",
    "loanword": "외래어 표기",
    "punctuation": "문장 부호",
    "style": "문체",
}


def normalize_severity(value: str) -> str | None:
    v = str(value).strip().lower()
    v = SEVERITY_ALIASES.get(v, v)
    return v if v in SEVERITIES else None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a document.

    ``start``/``end`` are code-point offsets into the original text (end exclusive).
    ``suggestions`` are replacement strings for that span, best first.
    """

    rule: str
    category: str
    severity: str
    start: int
    end: int
    message: str
    explanation: str = ""
    suggestions: tuple[str, ...] = ()
    norm: str = ""

    def shifted(self, delta: int) -> "Finding":
        return replace(self, start=self.start + delta, end=self.end + delta)

    def with_severity(self, severity: str) -> "Finding":
        return replace(self, severity=severity)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "explanation": self.explanation,
            "norm": self.norm,
            "suggestions": list(self.suggestions),
        }


@dataclass(slots=True)
class Stats:
    paragraphs: int = 0
    analysed: int = 0
    cache_hits: int = 0
    extra: dict = field(default_factory=dict)
