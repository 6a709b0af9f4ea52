"""Configuration for the language server, and the two workspace files it writes.

The configuration of a document is, from lowest to highest precedence:

1. the project file found upward from the document's folder (``hanproof.toml``,
   ``.hanproof.toml`` or ``[tool.hanproof]`` in ``pyproject.toml``) — re-read whenever it
   changes on disk (its modification time is checked at every check, so edits made
   outside the editor are seen too);
2. the editor settings: ``initializationOptions`` and the ``hanproof`` section of
   ``workspace/configuration`` (same keys as the project file);
3. the workspace word list ``.hanproof-words.txt`` at the workspace root is always
   loaded as a dictionary (one word per line); the "add word" code action appends to it.

The "disable rule" action adds the rule id to ``ignore`` in the project file that applies
to the document, or creates ``hanproof.toml`` at the workspace root.
"""
from __future__ import annotations

import json
import os
import re
import threading
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..config import CONFIG_NAMES, KEYS, Config, ConfigError, find_config, from_mapping, load_config
from ..files import write_atomic

WORDS_FILE = ".hanproof-words.txt"
PROJECT_FILE = "hanproof.toml"
WATCHED_NAMES = CONFIG_NAMES + ("pyproject.toml", WORDS_FILE)

_file_locks: dict[str, threading.Lock] = {}
_file_locks_guard = threading.Lock()


def file_lock(path: Path) -> threading.Lock:
    key = os.path.normcase(os.path.abspath(path))
    with _file_locks_guard:
        lock = _file_locks.get(key)
        if lock is None:
            lock = _file_locks[key] = threading.Lock()
        return lock


def editor_mapping(raw: Any) -> dict:
    """The `hanproof` settings object as sent by an editor, reduced to known keys.

    Editors send extra keys (VS Code: ``trace``, ``path`` …) and null for unset values;
    both are dropped. ``{"hanproof": {...}}`` (a whole settings tree) is unwrapped."""
    if not isinstance(raw, dict):
        return {}
    if "hanproof" in raw and isinstance(raw["hanproof"], dict) and not (set(raw) & KEYS):
        raw = raw["hanproof"]
    return {k: v for k, v in raw.items() if k in KEYS and v is not None}


class Settings:
    def __init__(self) -> None:
        self.folders: list[Path] = []
        self.editor = Config()
        self.editor_error: str | None = None
        self._project: dict[Path, tuple[tuple, Config | ConfigError]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ folders
    def set_folders(self, folders: list[Path]) -> None:
        seen = []
        for f in folders:
            if f is not None and f not in seen:
                seen.append(f)
        self.folders = seen

    def workspace_root(self, path: Path | None) -> Path | None:
        """The workspace folder holding `path` (the deepest one), else the folder of the
        project file that applies, else the document's own folder."""
        if path is None:
            return self.folders[0] if self.folders else None
        best = None
        for f in self.folders:
            try:
                path.relative_to(f)
            except ValueError:
                continue
            if best is None or len(f.parts) > len(best.parts):
                best = f
        if best is not None:
            return best
        found = find_config(path.parent)
        return found.parent if found is not None else path.parent

    # ------------------------------------------------------------ editor settings
    def set_editor(self, raw: Any) -> str | None:
        """Install editor settings; returns an error message (settings then ignored)."""
        data = editor_mapping(raw)
        base = self.folders[0] if self.folders else None
        try:
            self.editor = from_mapping(data, "editor settings (hanproof)", base)
            self.editor_error = None
        except ConfigError as e:
            self.editor = Config()
            self.editor_error = str(e)
        return self.editor_error

    # ------------------------------------------------------------ per document
    def project_config(self, path: Path | None) -> tuple[Path | None, Config, str | None]:
        start = path.parent if path is not None else (self.folders[0] if self.folders else None)
        if start is None:
            return None, Config(), None
        try:
            found = find_config(start)
        except OSError:
            found = None
        if found is None:
            return None, Config(), None
        try:
            st = found.stat()
            key = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            key = None
        with self._lock:
            cached = self._project.get(found)
        if cached is None or cached[0] != key:
            try:
                value: Config | ConfigError = load_config(found)
            except ConfigError as e:
                value = e
            with self._lock:
                self._project[found] = (key, value)
        else:
            value = cached[1]
        if isinstance(value, ConfigError):
            return found, Config(), str(value)
        return found, value, None

    def config_for(self, path: Path | None) -> tuple[Config, list[str]]:
        """The merged configuration of a document and any configuration errors."""
        errors = []
        _, project, err = self.project_config(path)
        if err:
            errors.append(err)
        if self.editor_error:
            errors.append(self.editor_error)
        cfg = project.merged(self.editor)
        root = self.workspace_root(path)
        if root is not None:
            words = root / WORDS_FILE
            if words not in cfg.dictionaries:
                cfg = replace(cfg, dictionaries=cfg.dictionaries + (words,))
        return cfg, errors

    def forget_project_files(self) -> None:
        with self._lock:
            self._project.clear()


# ---------------------------------------------------------------- add word
class WorkspaceFileError(Exception):
    pass


def check_word(word: Any) -> str:
    if not isinstance(word, str):
        raise WorkspaceFileError("the word must be a string")
    w = word.strip()
    if not w or len(w) > 200 or any(c in w for c in "\r\n#") or not w.isprintable():
        raise WorkspaceFileError(f"not a word for the word list: {word!r}")
    return w


def add_word(root: Path, word: str) -> tuple[Path, bool]:
    """Append `word` to root/.hanproof-words.txt (created if missing); (path, added)."""
    word = check_word(word)
    path = root / WORDS_FILE
    with file_lock(path):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        except OSError as e:
            raise WorkspaceFileError(f"{path}: cannot read: {e.strerror or e}") from None
        text = data.decode("utf-8-sig", errors="replace")
        existing = {ln.split("#", 1)[0].strip() for ln in text.splitlines()}
        if word in existing:
            return path, False
        nl = "\r\n" if "\r\n" in text else "\n"
        if text and not text.endswith(("\n", "\r")):
            text += nl
        text += word + nl
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        try:
            write_atomic(str(path), bom + text.encode("utf-8"))
        except OSError as e:
            raise WorkspaceFileError(f"{path}: cannot write: {e.strerror or e}") from None
    return path, True


# ---------------------------------------------------------------- disable rule
_HEADER = re.compile(r"^[ \t]*\[")
_IGNORE_KEY = re.compile(r"^[ \t]*(?:ignore|\"ignore\"|'ignore')[ \t]*=[ \t]*")


def _scan_value_end(text: str, i: int) -> tuple[int, int] | None:
    """For an array starting at text[i] == '[': (index of its closing ']', index just
    after its last element or of its '[' when empty). Strings and comments are skipped."""
    depth = 0
    last_item_end = i + 1
    n = len(text)
    j = i
    while j < n:
        c = text[j]
        if c == "#":
            k = text.find("\n", j)
            j = n if k < 0 else k
            continue
        if c in "\"'":
            triple = text.startswith(c * 3, j)
            q = c * 3 if triple else c
            k = j + len(q)
            while k < n:
                if c == '"' and text[k] == "\\":
                    k += 2
                    continue
                if text.startswith(q, k):
                    break
                k += 1
            j = k + len(q)
            last_item_end = j
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return j, last_item_end
            last_item_end = j + 1
        elif c == ",":
            last_item_end = j + 1
        elif not c.isspace():
            last_item_end = j + 1
        j += 1
    return None


def add_ignore(raw: str, rule: str, table: str | None = None) -> str:
    """TOML text with `rule` added to `ignore` (at top level, or in [table]). A minimal
    edit: the rest of the file is kept as it is. Raises ConfigError when unsure."""
    nl = "\r\n" if "\r\n" in raw else "\n"
    lines = raw.splitlines(keepends=True)
    # the line range of the section
    if table is None:
        a = 0
        b = next((k for k, ln in enumerate(lines) if _HEADER.match(ln)), len(lines))
    else:
        hdr = re.compile(r"^[ \t]*\[[ \t]*" + r"[ \t]*\.[ \t]*".join(map(re.escape, table.split("."))) + r"[ \t]*\][ \t]*(?:#.*)?$")
        a = next((k + 1 for k, ln in enumerate(lines) if hdr.match(ln.rstrip("\r\n"))), None)
        if a is None:
            raise ConfigError(f"no [{table}] table")
        b = next((k for k in range(a, len(lines)) if _HEADER.match(lines[k])), len(lines))
    quoted = json.dumps(rule, ensure_ascii=False)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    new = None
    for k in range(a, b):
        m = _IGNORE_KEY.match(lines[k])
        if not m:
            continue
        v = offsets[k] + m.end()
        if raw.startswith("[", v):
            scanned = _scan_value_end(raw, v)
            if scanned is None:
                raise ConfigError("cannot find the end of the 'ignore' list")
            close, after_last = scanned
            body = raw[v + 1:close]
            body_code = re.sub(r"#[^\n]*", "", body)
            if not body_code.strip().strip(","):
                new = raw[:v + 1] + quoted + raw[close:]
            elif raw[:after_last].rstrip().endswith(","):
                new = raw[:after_last] + " " + quoted + raw[after_last:]
            else:
                new = raw[:after_last] + ", " + quoted + raw[after_last:]
        elif raw.startswith(('"', "'"), v):
            q = raw[v]
            e = raw.find(q, v + 1)
            if e < 0:
                raise ConfigError("cannot read the 'ignore' value")
            new = raw[:v] + "[" + raw[v:e + 1] + ", " + quoted + "]" + raw[e + 1:]
        else:
            raise ConfigError("'ignore' is not a list")
        break
    if new is None:
        line = f"ignore = [{quoted}]" + nl
        # after the last non-blank line of the section
        k = b
        while k > a and not lines[k - 1].strip():
            k -= 1
        pos = offsets[k]
        prefix = raw[:pos]
        if prefix and not prefix.endswith(("\n", "\r")):
            prefix += nl
        rest = raw[pos:]
        if table is None and rest.strip() and not rest.startswith(("\n", "\r")):
            line += nl  # keep a blank line before the first table
        new = prefix + line + rest
    # verify the edit did what it says and nothing else
    try:
        old_data = tomllib.loads(raw) if raw.strip() else {}
        data = tomllib.loads(new)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"the edit would not be valid TOML ({e})") from None
    sect, old_sect = data, old_data
    for part in (table.split(".") if table else []):
        sect = sect.get(part, {})
        old_sect = old_sect.get(part, {})
    ign = sect.get("ignore")
    ign = [ign] if isinstance(ign, str) else ign
    old_ign = old_sect.get("ignore", [])
    old_ign = [old_ign] if isinstance(old_ign, str) else old_ign
    if not isinstance(ign, list) or ign != list(old_ign) + [rule]:
        raise ConfigError("the edit of 'ignore' could not be verified")
    return new


def disable_rule(root: Path | None, doc_path: Path | None, rule: str) -> tuple[Path, bool]:
    """Add `rule` to `ignore` of the project file that applies to the document (when it is
    inside the workspace), else of root/hanproof.toml (created). (path, changed)."""
    target, table = None, None
    start = doc_path.parent if doc_path is not None else root
    found = find_config(start) if start is not None else None
    if found is not None and (root is None or _inside(found, root)):
        target = found
        table = "tool.hanproof" if found.name == "pyproject.toml" else None
    elif root is not None:
        target = root / PROJECT_FILE
    if target is None:
        raise WorkspaceFileError("no workspace folder to write hanproof.toml in")
    with file_lock(target):
        try:
            raw = target.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raw = ""
        except (OSError, UnicodeDecodeError) as e:
            raise WorkspaceFileError(f"{target}: cannot read: {e}") from None
        try:
            data = tomllib.loads(raw) if raw.strip() else {}
        except tomllib.TOMLDecodeError as e:
            raise WorkspaceFileError(f"{target}: not valid TOML, not changed: {e}") from None
        sect = data
        for part in (table.split(".") if table else []):
            sect = sect.get(part, {})
        cur = sect.get("ignore", [])
        if rule in ([cur] if isinstance(cur, str) else cur):
            return target, False
        try:
            new = add_ignore(raw, rule, table)
        except ConfigError as e:
            raise WorkspaceFileError(f"{target}: {e}; add \"{rule}\" to 'ignore' by hand") from None
        try:
            write_atomic(str(target), new.encode("utf-8"))
        except OSError as e:
            raise WorkspaceFileError(f"{target}: cannot write: {e.strerror or e}") from None
    return target, True


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False
