"""Reading user files safely, walking folders (honouring .gitignore), writing atomically."""
from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .extract import LANGUAGE_BY_SUFFIX

WALK_SUFFIXES = {s for s, lang in LANGUAGE_BY_SUFFIX.items()}
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
MAX_BYTES_DEFAULT = 50 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be checked; the message names the problem in one line."""


@dataclass
class Document:
    path: str            # as given / as shown to the user ("-" for stdin → "<stdin>")
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline_mode: str | None = None


def decode(data: bytes, name: str) -> Document:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Document(name, data[3:].decode("utf-8"), "utf-8", True)
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: invalid UTF-8 at byte {e.start + 3}") from None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise InputError(f"{name}: invalid {enc.upper()} text") from None
            if "\x00" in text:
                raise InputError(f"{name}: binary file (NUL characters)")
            return Document(name, text, enc, True)
    if b"\x00" in data[:8192] or b"\x00" in data[-8192:]:
        raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: invalid UTF-8 at byte {e.start} (hanproof reads UTF-8, or UTF-16 with a byte-order mark)") from None
    if "\x00" in text:
        raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
    return Document(name, text, "utf-8", False)


def read_document(path: str, max_bytes: int = MAX_BYTES_DEFAULT) -> Document:
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: file too large ({size} bytes; limit {max_bytes}, see --max-bytes)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    return decode(data, path)


def encode(doc: Document, text: str) -> bytes:
    bom = b""
    if doc.bom:
        bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
               "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[doc.encoding]
    return bom + text.encode(doc.encoding)


def write_atomic(path: str, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename; keeps the file mode."""
    p = Path(path)
    try:
        mode = p.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".hanproof-tmp", dir=str(p.parent) or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _gitignore_spec(folder: Path):
    gi = folder / ".gitignore"
    if not gi.is_file():
        return None
    import pathspec
    try:
        lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def walk(root: str, suffixes: set[str] | None = None) -> list[str]:
    """Files under root with a checkable suffix; .gitignore files (nested) are honoured."""
    suffixes = suffixes or WALK_SUFFIXES
    root_p = Path(root)
    out: list[str] = []
    # stack of (folder, [(base folder, spec), ...])
    parents: list[tuple[Path, object]] = []
    # .gitignore files above root (inside the same repository) apply too
    above = []
    for folder in root_p.resolve().parents:
        spec = _gitignore_spec(folder)
        if spec is not None:
            above.append((folder, spec))
        if (folder / ".git").exists():
            break
    parents = list(reversed(above))

    def ignored(path: Path, is_dir: bool, specs) -> bool:
        res = path.resolve()
        for base, spec in specs:
            try:
                rel = res.relative_to(base).as_posix()
            except ValueError:
                continue
            if is_dir:
                rel += "/"
            if spec.match_file(rel):
                return True
        return False

    def visit(folder: Path, specs) -> None:
        spec = _gitignore_spec(folder)
        if spec is not None:
            specs = specs + [(folder.resolve(), spec)]
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            p = Path(e.path)
            if e.is_dir(follow_symlinks=False):
                if e.name in SKIP_DIRS or ignored(p, True, specs):
                    continue
                visit(p, specs)
            elif e.is_file():
                if p.suffix.lower() in suffixes and not ignored(p, False, specs):
                    out.append(str(p))

    visit(root_p, parents)
    return out
