"""Configuration: `hanproof.toml` or `[tool.hanproof]` in pyproject.toml, found upward.

    select = ["spelling", "spacing.bound-noun"]   # default: every rule enabled by default
    enable = ["spacing.aux-verb"]                 # opt-in rules to add to the defaults
    ignore = ["style", "loanword.common"]
    words = ["카카오톡"]                          # never flagged
    dictionaries = [".hanproof-words.txt"]        # one word per line, relative to this file
    debounce = 150                                # language server, milliseconds
    strings = false                               # source code: also check string literals
    [severity]
    spacing = "hint"
    "spelling.myeochil" = "error"
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from .model import normalize_severity

CONFIG_NAMES = ("hanproof.toml", ".hanproof.toml")
KEYS = {"select", "enable", "ignore", "severity", "words", "dictionaries", "debounce", "strings"}


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    words: frozenset[str] = frozenset()
    dictionaries: tuple[Path, ...] = ()
    debounce_ms: int = 150
    strings: bool = False
    source: Path | None = None

    # ---- rule selection
    def rule_enabled(self, rule) -> bool:
        if any(rule.matches_selector(s) for s in self.ignore):
            return False
        if any(rule.matches_selector(s) for s in self.enable):
            return True
        if self.select:
            return any(rule.matches_selector(s) for s in self.select)
        return rule.enabled

    def severity_for(self, rule) -> str:
        # the most specific selector wins: rule id, then id prefix, then category
        best, rank = rule.severity, -1
        for sel, sev in self.severity:
            if not rule.matches_selector(sel):
                continue
            r = 3 if sel == rule.id else 1 if sel == rule.category else 2
            if r > rank:
                best, rank = sev, r
        return best

    # ---- words
    def all_words(self) -> frozenset[str]:
        words = set(self.words)
        for p in self.dictionaries:
            words.update(read_word_file(p))
        return frozenset(w for w in words if w)

    def merged(self, other: "Config") -> "Config":
        """`other` (e.g. editor settings) over self (project file)."""
        return Config(
            select=other.select or self.select,
            enable=tuple(dict.fromkeys(self.enable + other.enable)),
            ignore=tuple(dict.fromkeys(self.ignore + other.ignore)),
            severity=self.severity + other.severity,
            words=self.words | other.words,
            dictionaries=tuple(dict.fromkeys(self.dictionaries + other.dictionaries)),
            debounce_ms=other.debounce_ms if other.debounce_ms != 150 else self.debounce_ms,
            strings=other.strings or self.strings,
            source=self.source or other.source,
        )

    def with_cli(self, select=(), ignore=(), enable=()) -> "Config":
        return replace(self, select=tuple(select) or self.select, ignore=self.ignore + tuple(ignore),
                       enable=self.enable + tuple(enable))


def read_word_file(path: Path) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read dictionary: {e}") from None
    out = []
    for line in text.splitlines():
        w = line.split("#", 1)[0].strip()
        if w:
            out.append(w)
    return out


def _str_list(value, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def from_mapping(data: dict, where: str, base_dir: Path | None = None, source: Path | None = None) -> Config:
    unknown = set(data) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(KEYS))})")
    sev = data.get("severity", {}) or {}
    if not isinstance(sev, dict):
        raise ConfigError(f"{where}: 'severity' must be a table of rule id or category = severity")
    sevs = []
    for k, v in sev.items():
        n = normalize_severity(v)
        if n is None:
            raise ConfigError(f"{where}: severity for '{k}' must be error, warning, information or hint, got {v!r}")
        sevs.append((k, n))
    dicts = []
    for d in _str_list(data.get("dictionaries", []), "dictionaries", where):
        p = Path(d).expanduser()
        if not p.is_absolute() and base_dir is not None:
            p = base_dir / p
        dicts.append(p)
    deb = data.get("debounce", 150)
    if not isinstance(deb, (int, float)) or isinstance(deb, bool) or deb < 0:
        raise ConfigError(f"{where}: 'debounce' must be a number of milliseconds")
    strings = data.get("strings", False)
    if not isinstance(strings, bool):
        raise ConfigError(f"{where}: 'strings' must be true or false")
    return Config(
        strings=strings,
        select=_str_list(data.get("select", []), "select", where),
        enable=_str_list(data.get("enable", []), "enable", where),
        ignore=_str_list(data.get("ignore", []), "ignore", where),
        severity=tuple(sevs),
        words=frozenset(_str_list(data.get("words", []), "words", where)),
        dictionaries=tuple(dicts),
        debounce_ms=int(deb),
        source=source,
    )


def load_config(path: Path) -> Config:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read config: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not valid UTF-8") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: {e}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("hanproof", {})
    return from_mapping(data, str(path), path.parent, path)


WORDS_FILE = ".hanproof-words.txt"


def find_words_file(start: Path) -> Path | None:
    """The project word list (`.hanproof-words.txt`, what the editor's "add to dictionary"
    writes), in start's folder or the nearest folder above it, stopping at a repository root."""
    d = Path(start).resolve()
    if d.is_file() or not d.exists():
        d = d.parent
    for folder in (d, *d.parents):
        p = folder / WORDS_FILE
        if p.is_file():
            return p
        if (folder / ".git").exists():
            return None
    return None


def find_config(start: Path) -> Path | None:
    """The nearest hanproof.toml, or pyproject.toml with [tool.hanproof], upward from start."""
    d = Path(start).resolve()
    if d.is_file() or not d.exists():
        d = d.parent
    for folder in (d, *d.parents):
        for name in CONFIG_NAMES:
            p = folder / name
            if p.is_file():
                return p
        pp = folder / "pyproject.toml"
        if pp.is_file():
            try:
                if "hanproof" in tomllib.loads(pp.read_text(encoding="utf-8")).get("tool", {}):
                    return pp
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                pass
    return None
