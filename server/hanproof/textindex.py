"""The one position mapping of the project.

Everything inside hanproof is a code-point offset into the original text. This module
turns offsets into (line, column) pairs and back, with columns counted in code points,
UTF-16 code units (LSP default) or UTF-8 bytes. Lines end at \\n, \\r\\n or \\r.
"""
from __future__ import annotations

import bisect

ENCODINGS = ("utf-16", "utf-8", "utf-32")


def word_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The white-space delimited word(s) (eojeol) around [start, end)."""
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = start if end is None else end
    while b < len(text) and not text[b].isspace():
        b += 1
    return a, b


def word_before(text: str, a: int) -> tuple[int, int] | None:
    """The white-space delimited word that ends before the blanks in front of position a."""
    i = a
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return word_bounds(text, i - 1) if i > 0 else None


def word_after(text: str, b: int) -> tuple[int, int] | None:
    """The white-space delimited word that starts after the blanks behind position b."""
    i = b
    while i < len(text) and text[i].isspace():
        i += 1
    return word_bounds(text, i) if i < len(text) else None


def _units(ch: str, encoding: str) -> int:
    o = ord(ch)
    if encoding == "utf-16":
        return 2 if o > 0xFFFF else 1
    if encoding == "utf-8":
        return 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    return 1


class LineIndex:
    __slots__ = ("text", "starts")

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        i, n = 0, len(text)
        find = text.find
        while True:
            j = find("\n", i)
            k = find("\r", i)
            if j < 0 and k < 0:
                break
            if k >= 0 and (j < 0 or k < j):
                i = k + 2 if k + 1 < n and text[k + 1] == "\n" else k + 1
            else:
                i = j + 1
            starts.append(i)
        self.starts = starts

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_end(self, line: int) -> int:
        """Offset of the end of a line's content (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line]:self.line_end(line)]

    def position(self, offset: int, encoding: str = "utf-32") -> tuple[int, int]:
        """0-based (line, column) of a code-point offset; column in the given units."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        if encoding == "utf-32":
            return line, offset - start
        return line, sum(_units(c, encoding) for c in self.text[start:offset])

    def offset(self, line: int, column: int, encoding: str = "utf-32") -> int:
        """Code-point offset of a 0-based (line, column); clamps past the line end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if encoding == "utf-32":
            return min(start + max(0, column), end)
        units = 0
        i = start
        while i < end and units < column:
            units += _units(self.text[i], encoding)
            i += 1
        return i
