"""Inline suppression comments, the same words in every format's comment syntax.

Directives (inside a comment of the format: ``<!-- … -->`` in Markdown and HTML,
``.. …`` in reStructuredText, ``% …`` in LaTeX, ``// …`` in AsciiDoc, ``# …`` in Org
and Python, ``// …`` / ``/* … */`` in C-like code, ``# …`` lines in commit messages):

``hanproof-disable-next-line [SEL …]``
    the next non-blank line after the comment.
``hanproof-disable-line [SEL …]`` or ``hanproof: ignore [SEL …]``
    the line(s) the comment is on (``// hanproof: ignore`` at the end of a line).
``hanproof-disable [SEL …]`` … ``hanproof-enable [SEL …]``
    a region, from the disabling comment to the enabling one (or the end of the
    file). ``hanproof-enable`` without selectors ends every open region; with
    selectors it ends those selectors only (a region opened for ``spelling spacing``
    and ended for ``spacing`` goes on for ``spelling``). ``hanproof-enable`` cannot
    re-enable one rule inside a region opened for all rules.
``hanproof-disable-file [SEL …]``
    the whole file, wherever the comment is.

SEL is a rule id (``spelling.myeochil``), a category (``spelling``) or an id prefix
(``spelling.`` / ``spelling.*``); several are separated by spaces or commas; none
means every rule. Anything after `` -- `` is a free-form reason and ignored:
``hanproof-disable-next-line spelling -- 고유명사``.
"""
from __future__ import annotations

import re

from . import Suppression

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")

# `hanproof-KIND args` or `hanproof: ignore args`; args run to the end of the line.
DIRECTIVE_RE = re.compile(
    r"(?<![\w-])hanproof(?:-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"|:[ \t]*(?P<ignore>ignore))(?![\w-])(?P<args>[^\r\n]*)")
_SEL_SPLIT = re.compile(r"[\s,]+")


def parse_selectors(args: str) -> frozenset[str] | None:
    args = re.split(r"(?:^|\s)--(?:\s|$)", args, maxsplit=1)[0]
    sels = [s for s in _SEL_SPLIT.split(args.strip()) if s]
    return frozenset(sels) if sels else None


def find_directive(body: str, pos: int = 0, endpos: int | None = None, anywhere: bool = False):
    """The directive in body[pos:endpos]: a match with groups kind/ignore/args, or None.

    By default the directive must open the comment (after whitespace); `anywhere`
    also accepts it after other text (code comments: ``# noqa  hanproof: ignore``)."""
    endpos = len(body) if endpos is None else endpos
    if anywhere:
        return DIRECTIVE_RE.search(body, pos, endpos)
    i = pos
    while i < endpos and body[i] in " \t\r\n":
        i += 1
    return DIRECTIVE_RE.match(body, i, endpos)


def directive_kind(m) -> str:
    return "disable-line" if m.group("ignore") else m.group("kind")


class SuppressionCollector:
    """Turns directives found in a document into Suppression regions."""

    def __init__(self, text: str):
        self.text = text
        self.out: list[Suppression] = []
        self.open: list[tuple[int, frozenset[str] | None]] = []

    # ---------------------------------------------------------------- lines
    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _next_line(self, offset: int) -> int:
        """Start of the line after the one containing offset (len(text) if none)."""
        i = self.text.find("\n", offset)
        return len(self.text) if i < 0 else i + 1

    # ---------------------------------------------------------------- adding
    def add_match(self, m, start: int, end: int, args_end: int | None = None) -> None:
        """A directive match `m` inside a comment occupying original [start, end)."""
        args = m.group("args")
        if args_end is not None:
            # the comment closes before the end of the line (`-->`, `*/`)
            args = args[:max(0, args_end - m.start("args"))]
        self.add(directive_kind(m), parse_selectors(args), start, end)

    def add(self, kind: str, rules: frozenset[str] | None, start: int, end: int) -> None:
        text = self.text
        n = len(text)
        if kind == "disable-file":
            self.out.append(Suppression(0, n + 1, rules))
        elif kind == "disable-line":
            a = self._line_start(start)
            last = max(start, end - 1)
            while last > start and text[last] in "\r\n":
                last -= 1
            self.out.append(Suppression(a, self._next_line(last), rules))
        elif kind == "disable-next-line":
            last = max(start, end - 1)
            while last > start and last < n and text[last] in "\r\n":
                last -= 1
            pos = self._next_line(last)
            while pos < n:
                nxt = self._next_line(pos)
                if text[pos:nxt].strip():
                    break
                pos = nxt
            if pos < n:
                self.out.append(Suppression(pos, self._next_line(pos), rules))
        elif kind == "disable":
            self.open.append((start, rules))
        elif kind == "enable":
            still = []
            for s0, r0 in self.open:
                if rules is None:
                    self.out.append(Suppression(s0, start, r0))
                elif r0 is not None and r0 & rules:
                    self.out.append(Suppression(s0, start, r0))
                    rest = r0 - rules
                    if rest:
                        still.append((start, frozenset(rest)))
                else:
                    still.append((s0, r0))
            self.open = still

    def result(self) -> list[Suppression]:
        n = len(self.text)
        out = list(self.out)
        for s0, r0 in self.open:
            out.append(Suppression(s0, n + 1, r0))
        self.open = []
        return out
