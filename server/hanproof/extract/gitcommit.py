"""Git commit messages (COMMIT_EDITMSG, language id ``git-commit``).

The message is prose: the subject line is a paragraph of its own, the body is split
at blank lines. Left out: ``#`` comment lines (git strips them), everything after
the scissors line (``# ------------------------ >8 ------------------------``, which
``git commit -v`` puts above the diff), trailers (``Signed-off-by:``,
``Co-authored-by:``, ``Change-Id:``…) and indented lines (4+ spaces or a tab:
command output, code). Inline code in backticks, URLs, e-mail addresses and paths
are masked.

Suppression directives are ``#`` comment lines (``# hanproof-disable-file``); git
removes them from the final message.
"""
from __future__ import annotations

import re

from . import URL_RE, Extracted, Paragraph, ParagraphBuilder
from .inline import emit, lines as iter_lines, scan
from .suppress import SuppressionCollector, find_directive

SCISSORS = re.compile(r"^[#;] -+ >8 -+[ \t]*\r?$", re.M)
_TRAILER = re.compile(r"(?:[A-Z][\w-]*-by|Change-Id|Cc|CC|Bug|Issue|Refs?|Closes|Fixes|Resolves"
                      r"|See-also|Link|Signed-off|Git-Dir|Cherry-picked-from)[ \t]*:", re.I)
_INLINE = re.compile(r"(?P<code>`[^`\n]+`)|(?P<url>" + URL_RE.pattern + ")")
_HANDLERS = {"code": lambda m: [("mask", m.start(), m.end())],
             "url": lambda m: [("mask", m.start(), m.end())]}


def extract_git_commit_document(text: str) -> Extracted:
    m = SCISSORS.search(text)
    end = m.start() if m else len(text)
    col = SuppressionCollector(text)
    out: list[Paragraph] = []
    segs: list[tuple[int, int]] = []
    first = True

    def flush():
        nonlocal segs
        if segs:
            pb = ParagraphBuilder()
            emit(pb, text, segs, scan(_INLINE, _HANDLERS, text, segs[0][0], segs[-1][1]))
            p = pb.build()
            if p is not None:
                out.append(p)
        segs = []

    for s, e, _ in iter_lines(text, 0, end):
        line = text[s:e]
        if line.startswith("#"):
            d = find_directive(text, s + 1, e)
            if d:
                col.add_match(d, s, e)
            continue
        if not line.strip():
            flush()
            continue
        if line.startswith(("    ", "\t")) or _TRAILER.match(line):
            flush()
            continue
        segs.append((s, e))
        if first:
            flush()  # the subject line
            first = False
    flush()
    return Extracted(out, col.result())


def extract_git_commit(text: str) -> list[Paragraph]:
    return extract_git_commit_document(text).paragraphs
