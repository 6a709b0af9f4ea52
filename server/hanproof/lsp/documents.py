"""Open documents, kept by the server itself (not pygls' workspace).

Changes are applied with :class:`hanproof.textindex.LineIndex`, the project's one
position mapping, so line breaks are exactly LSP's (``\\n``, ``\\r\\n``, ``\\r``; never
U+2028 or form feeds, which ``str.splitlines`` would split on) and columns are counted
in the negotiated encoding. Every change is also logged as (start, end, new length) in
code points, so the chunked extraction (:mod:`.chunks`) knows what to re-extract.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types

from ..textindex import LineIndex
from .chunks import Chunk, ChunkedText

MAX_EDIT_LOG = 2000


def uri_to_path(uri: str) -> Path | None:
    """The file system path of a file: URI, None for other schemes (untitled:, …)."""
    try:
        p = urlparse(uri)
    except ValueError:
        return None
    if p.scheme != "file":
        return None
    path = unquote(p.path)
    if p.netloc and p.netloc != "localhost":
        path = f"//{p.netloc}{path}"
    if len(path) >= 3 and path[0] == "/" and path[2] == ":":  # /C:/… on Windows
        path = path[1:]
    return Path(path)


class Document:
    def __init__(self, uri: str, language_id: str, version: int | None, text: str):
        self.uri = uri
        self.language_id = (language_id or "plaintext").lower()
        self.version = version
        self.text = text
        self.path = uri_to_path(uri)
        self._index: LineIndex | None = None
        self.focus = 0                  # code-point offset of the last edit (checked first)
        self.chunker = ChunkedText(self.language_id)
        # chunks for the text of `chunks_version`; edits since then in `edit_log`
        self.chunks: list[Chunk] | None = None
        self.chunks_version: int | None = None
        self.chunks_strings = False     # the `strings` setting the chunks were extracted with
        self.edit_log: list[tuple[int | None, int, int, int]] = []
        self._chunks_token = object()

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def offset(self, pos: types.Position, encoding: str) -> int:
        return self.index.offset(pos.line, pos.character, encoding)

    def position(self, offset: int, encoding: str) -> types.Position:
        line, col = self.index.position(offset, encoding)
        return types.Position(line=line, character=col)

    def range(self, start: int, end: int, encoding: str) -> types.Range:
        return types.Range(start=self.position(start, encoding), end=self.position(end, encoding))

    def apply_changes(self, changes, version: int | None, encoding: str) -> None:
        for ch in changes:
            rng = getattr(ch, "range", None)
            if rng is not None:
                a = self.offset(rng.start, encoding)
                b = self.offset(rng.end, encoding)
                if b < a:
                    a, b = b, a
            else:
                a, b = 0, len(self.text)
            new = ch.text
            self.text = self.text[:a] + new + self.text[b:]
            self._index = None
            self.focus = a
            self.edit_log.append((version, a, b, len(new)))
        self.version = version
        if len(self.edit_log) > MAX_EDIT_LOG:  # never checked (engine still loading?): start over
            self.chunks = None
            self.chunks_version = None
            self.edit_log = []
            self._chunks_token = object()

    # ------------------------------------------------------------ extraction
    def extraction_job(self):
        """A function job(strings) (for a worker thread) computing the chunks of the current
        version; it reads only immutable snapshots. Pass its result to `install_chunks`."""
        text, version = self.text, self.version
        base = self.chunks
        base_strings = self.chunks_strings
        n_edits = len(self.edit_log)
        edits = [(a, b, n) for _, a, b, n in self.edit_log] if base is not None else []
        chunker = self.chunker
        token = self._chunks_token

        def job(strings: bool = False):
            start = list(base) if base is not None and base_strings == strings else None
            chunks = chunker.update(text, start, edits if start is not None else (), strings)
            return (token, version, chunks, n_edits, strings), ChunkedText.extraction(chunks)

        return job

    def install_chunks(self, installable) -> None:
        token, version, chunks, n_edits, strings = installable
        if token is not self._chunks_token:
            return
        self.chunks = chunks
        self.chunks_version = version
        self.chunks_strings = strings
        self.edit_log = self.edit_log[n_edits:]
        self._chunks_token = object()
