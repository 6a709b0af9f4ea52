"""Source code: comments and docstrings (string literals on request).

Python is read with the stdlib ``tokenize`` (comments, and docstrings: a string
expression statement opening a module, class or function body). JavaScript,
TypeScript (and JSX/TSX), Java, Go, Rust, C and C++ are parsed with tree-sitter
grammars (the ``tree-sitter-*`` packages); when a grammar is not installed the file
is checked as plain text instead (URLs and paths masked).

Comments:

* markers are not prose: ``//``, ``///``, ``//!``, ``#``, ``/*``, ``/**``, ``*/`` and
  the leading ``*`` of block-comment lines are left out;
* consecutive full-line line comments of the same kind form one block; a comment
  after code on the same line is a block of its own; a block is split into
  paragraphs at empty comment lines; fenced code (```` ``` ````) and ``@example``
  sections in doc comments are skipped;
* inline code (```x```), ``{@link …}``/``{@code …}``, ``@param``-style tags, Doxygen
  ``\\brief``-style commands, ``<code>…</code>`` and URLs are masked; HTML tags are
  left out.

Python docstrings are read as reStructuredText (literal blocks, doctests, roles…;
see :mod:`hanproof.extract.rst`).

String literals (``strings=True``; off by default): the text between the quotes of
every string literal that contains Hangul (import paths and similar never do),
JSX text included; escape sequences are masked (``\\n``, ``\\t`` analysed as a
space), interpolations (``${…}``, f-string ``{…}``) masked.

Suppression: directives in comments (``// hanproof-disable-next-line spelling``,
``# hanproof-disable`` … ``# hanproof-enable``, ``/* hanproof-disable-file */``) and
``// hanproof: ignore`` / ``# hanproof: ignore`` at the end of a line (that line). In
a comment the directive may follow other text (``# noqa  hanproof: ignore``); the
directive and what follows it on its line are not analysed.
"""
from __future__ import annotations

import io
import re
from bisect import bisect_right
from functools import lru_cache

from . import URL_RE, Extracted, Paragraph, ParagraphBuilder
from .inline import emit, has_hangul, scan
from .suppress import SuppressionCollector, find_directive

# ------------------------------------------------------------------ grammars
GRAMMARS = {
    # language id: (module, function)
    "javascript": ("tree_sitter_javascript", "language"),
    "javascriptreact": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "typescriptreact": ("tree_sitter_typescript", "language_tsx"),
    "java": ("tree_sitter_java", "language"),
    "go": ("tree_sitter_go", "language"),
    "rust": ("tree_sitter_rust", "language"),
    "c": ("tree_sitter_c", "language"),
    "cpp": ("tree_sitter_cpp", "language"),
}
COMMENT_TYPES = ("comment", "line_comment", "block_comment")
STRING_TYPES = ("string", "template_string", "jsx_text", "string_literal",
                "interpreted_string_literal", "raw_string_literal")
CONTENT_TYPES = {"string_fragment", "string_content", "interpreted_string_literal_content",
                 "raw_string_literal_content", "multiline_string_fragment", "raw_string_content"}
SUBSTITUTION_TYPES = {"template_substitution", "interpolation", "string_interpolation"}
# strings inside these are module paths, include files, struct tags: never prose
NOT_PROSE_PATTERNS = (
    "(import_statement) @i",
    "(import_declaration) @i",
    "(preproc_include) @i",
    "(use_declaration) @i",
    "(extern_crate_declaration) @i",
    "(export_statement source: (_) @i)",
    "(field_declaration tag: (_) @i)",
    '((call_expression function: (identifier) @_f arguments: (arguments (string) @i)) (#eq? @_f "require"))',
    "(call_expression function: (import) arguments: (arguments (string) @i))",
)


@lru_cache(maxsize=None)
def _grammar(lang: str):
    """(parser, query) for a language, or None when tree-sitter or the grammar is missing."""
    spec = GRAMMARS.get(lang)
    if spec is None:
        return None
    try:
        import importlib

        import tree_sitter as ts
        mod = importlib.import_module(spec[0])
        language = ts.Language(getattr(mod, spec[1])())
        parser = ts.Parser(language)
    except Exception:
        return None
    pats = []
    candidates = [f"({t}) @c" for t in COMMENT_TYPES] + [f"({t}) @s" for t in STRING_TYPES] + list(NOT_PROSE_PATTERNS)
    for pat in candidates:
        try:
            ts.Query(language, pat)
        except Exception:
            continue  # a node type or field this grammar does not have
        pats.append(pat)
    try:
        query = ts.Query(language, " ".join(pats))
    except Exception:
        return None
    return parser, query


def grammar_available(lang: str) -> bool:
    return _grammar(lang) is not None


# ------------------------------------------------------------------ comment prose
_COMMENT_INLINE = re.compile(
    r"(?P<code>``.{1,2000}?``|`[^`\n]{1,1000}`)"
    r"|(?P<inlinetag>\{@\w+[^}\n]*\})"
    r"|(?P<codetag><code>.{0,2000}?</code>|<tt>.{0,2000}?</tt>|<pre>.{0,5000}?</pre>)"
    r"|(?P<tag></?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<mdlink>\[(?P<ltext>[^\]\n]+)\]\((?P<lurl>[^)\s]+)\))"
    r"|(?P<url>" + URL_RE.pattern + r")"
    r"|(?P<attag>(?<![\w@])[@\\][A-Za-z][\w-]*(?:\[[^\]\n]*\])?)", re.S)


def _h_mdlink(m):
    return ([("skip", m.start(), m.start("ltext"))] + scan(_COMMENT_INLINE, _COMMENT_HANDLERS, m.string,
                                                          m.start("ltext"), m.end("ltext"))
            + [("skip", m.end("ltext"), m.end())])


_MASK = lambda m: [("mask", m.start(), m.end())]  # noqa: E731
_COMMENT_HANDLERS = {
    "code": _MASK, "inlinetag": _MASK, "codetag": _MASK, "url": _MASK, "attag": _MASK,
    "tag": lambda m: [("skip", m.start(), m.end())],
    "mdlink": _h_mdlink,
}
_FENCE = re.compile(r"[ \t]*(```|~~~)")
_EXAMPLE_TAG = re.compile(r"[ \t]*@example\b")
_BLOCK_TAG = re.compile(r"[ \t]*@\w")


class _Out:
    """Paragraphs and suppressions of one file."""

    def __init__(self, text: str):
        self.text = text
        self.paragraphs: list[Paragraph] = []
        self.col = SuppressionCollector(text)

    def add_paragraph(self, segs: list[tuple[int, int]], pieces=None) -> None:
        if not segs:
            return
        text = self.text
        if pieces is None:
            pieces = scan(_COMMENT_INLINE, _COMMENT_HANDLERS, text, segs[0][0], segs[-1][1])
        pb = ParagraphBuilder()
        emit(pb, text, segs, pieces)
        p = pb.build()
        if p is not None:
            self.paragraphs.append(p)

    def comment_block(self, lines: list[tuple[int, int]]) -> None:
        """A block of comment lines (content ranges, markers already left out)."""
        text = self.text
        segs: list[tuple[int, int]] = []
        in_fence = None
        in_example = False
        for s, e in lines:
            d = find_directive(text, s, e, anywhere=True) if "hanproof" in text[s:e] else None
            if d:
                self.col.add_match(d, d.start(), e)
                e = d.start()
                if not text[s:e].strip():
                    # a directive-only line: not prose, but not a paragraph break either
                    continue
            body = text[s:e]
            f = _FENCE.match(body)
            if in_fence:
                if f and f.group(1) == in_fence:
                    in_fence = None
                continue
            if f:
                self.add_paragraph(segs)
                segs = []
                in_fence = f.group(1)
                continue
            if in_example:
                if _BLOCK_TAG.match(body) and not _EXAMPLE_TAG.match(body):
                    in_example = False
                else:
                    continue
            if _EXAMPLE_TAG.match(body):
                self.add_paragraph(segs)
                segs = []
                in_example = True
                continue
            if not body.strip():
                self.add_paragraph(segs)
                segs = []
                continue
            segs.append((s, e))
        self.add_paragraph(segs)

    # ------------------------------------------------------------ strings
    def string(self, content: list[tuple[str, int, int]]) -> None:
        """A string literal: parts (kind, start, end) with kind text/escape/subst."""
        text = self.text
        if not any(k == "text" and has_hangul(text, a, b) for k, a, b in content):
            return
        pb = ParagraphBuilder()
        for kind, a, b in content:
            if b <= a:
                continue
            if kind == "text":
                emit(pb, text, [(a, b)], [("mask", m.start(), m.end()) for m in URL_RE.finditer(text, a, b)])
            elif kind == "escape":
                if text[a:b] in ("\\n", "\\t", "\\r", "\\r\\n"):
                    pb.add_break(a, " ")
                elif text[a:a + 1] == "\\" and b - a >= 2 and text[a + 1] in "\r\n":
                    pass  # line continuation
                else:
                    pb.add_mask(a, b)
            else:
                pb.add_mask(a, b)
        p = pb.build()
        if p is not None:
            self.paragraphs.append(p)

    def result(self) -> Extracted:
        return Extracted(self.paragraphs, self.col.result())


# ------------------------------------------------------------------ comment markers
_LINE_MARKER = re.compile(r"(?://+!?|#+!?|--+|;+)")


def _line_comment_content(text: str, s: int, e: int) -> tuple[int, int, str]:
    """(content start, end, kind) of a line comment text[s:e]."""
    while e > s and text[e - 1] in "\r\n":
        e -= 1
    m = _LINE_MARKER.match(text, s, e)
    if not m:
        return s, e, ""
    kind = m.group()
    if kind.startswith("//") and len(kind.rstrip("!")) > 3:
        kind = "//"  # `////` is an ordinary comment
    return m.end(), e, kind


def _block_comment_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Content lines of `/* … */`: the delimiters and leading `*` left out."""
    a = s + 2 if text.startswith("/*", s) else s
    while a < e and text[a] in "*!":
        a += 1
    b = e - 2 if text.endswith("*/", s, e) else e
    while b > a and text[b - 1] == "*":
        b -= 1
    out = []
    pos = a
    first = True
    while pos <= b:
        nl = text.find("\n", pos, b)
        le = b if nl < 0 else nl
        ls = pos
        if not first:
            while ls < le and text[ls] in " \t":
                ls += 1
            if ls < le and text[ls] == "*":
                while ls < le and text[ls] == "*":
                    ls += 1
        le2 = le
        if le2 > ls and text[le2 - 1] == "\r":
            le2 -= 1
        out.append((ls, le2))
        first = False
        if nl < 0:
            break
        pos = nl + 1
    return out


def _is_full_line(text: str, s: int) -> bool:
    ls = text.rfind("\n", 0, s) + 1
    return not text[ls:s].strip()


def _line_no(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


def _group_line_comments(out: _Out, comments: list[tuple[int, int]]) -> None:
    """comments: (start, end) of every comment in order; groups and emits them."""
    text = out.text
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    group: list[tuple[int, int]] = []
    prev = None  # (line, kind)
    for s, e in comments:
        if text.startswith("/*", s):
            if group:
                out.comment_block(group)
                group, prev = [], None
            out.comment_block(_block_comment_lines(text, s, e))
            continue
        cs, ce, kind = _line_comment_content(text, s, e)
        line = _line_no(starts, s)
        full = _is_full_line(text, s)
        if group and (not full or prev is None or prev[0] != line - 1 or prev[1] != kind or not prev[2]):
            out.comment_block(group)
            group = []
        group.append((cs, ce))
        prev = (line, kind, full)
    if group:
        out.comment_block(group)


# ------------------------------------------------------------------ tree-sitter
def _byte_to_char(data: bytes, offsets: set[int]) -> dict[int, int]:
    out = {}
    pos_b = 0
    pos_c = 0
    for b in sorted(offsets):
        if b > pos_b:
            pos_c += len(data[pos_b:b].decode("utf-8", errors="surrogatepass"))
            pos_b = b
        out[b] = pos_c
    return out


def _extract_treesitter(text: str, lang: str, strings: bool) -> Extracted | None:
    g = _grammar(lang)
    if g is None:
        return None
    parser, query = g
    import tree_sitter as ts

    data = text.encode("utf-8", errors="surrogatepass")
    tree = parser.parse(data)
    caps = ts.QueryCursor(query).captures(tree.root_node)
    comments = sorted(caps.get("c", []), key=lambda n: n.start_byte)
    string_nodes = sorted(caps.get("s", []), key=lambda n: n.start_byte) if strings else []
    string_parts: list[list[tuple[str, int, int]]] = []
    need: set[int] = set()
    for n in comments:
        need.update((n.start_byte, n.end_byte))
    not_prose = sorted((n.start_byte, n.end_byte) for n in caps.get("i", [])) if strings else []
    np_starts = [a for a, _ in not_prose]
    for n in string_nodes:
        k = bisect_right(np_starts, n.start_byte) - 1
        if k >= 0 and n.end_byte <= not_prose[k][1]:
            continue
        parts: list[tuple[str, int, int]] = []
        if n.type == "jsx_text":
            parts.append(("text", n.start_byte, n.end_byte))
        else:
            for c in n.children:
                if c.type in CONTENT_TYPES:
                    parts.append(("text", c.start_byte, c.end_byte))
                elif "escape" in c.type:
                    parts.append(("escape", c.start_byte, c.end_byte))
                elif c.type in SUBSTITUTION_TYPES:
                    parts.append(("subst", c.start_byte, c.end_byte))
        for _, a, b in parts:
            need.update((a, b))
        string_parts.append(parts)
    if text.isascii():
        conv = {b: b for b in need}
    else:
        conv = _byte_to_char(data, need)
    out = _Out(text)
    _group_line_comments(out, [(conv[n.start_byte], conv[n.end_byte]) for n in comments])
    for parts in string_parts:
        out.string([(k, conv[a], conv[b]) for k, a, b in parts])
    return out.result()


# ------------------------------------------------------------------ Python
_PY_STRING_PREFIX = re.compile(r"[rRbBuUfF]*")
_PY_ESCAPE = re.compile(r"\\(?:\r\n|[\s\S])")
_CODING = re.compile(r"[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


def _py_string_parts(text: str, s: int, e: int) -> tuple[list[tuple[str, int, int]], int, int] | None:
    """Parts of a Python string token text[s:e], and its content range."""
    m = _PY_STRING_PREFIX.match(text, s, e)
    prefix = m.group().lower()
    q = m.end()
    quote = text[q:q + 3] if text[q:q + 3] in ('"""', "'''") else text[q:q + 1]
    if quote not in ('"""', "'''", '"', "'"):
        return None
    a, b = q + len(quote), e - len(quote)
    if b < a or not text.startswith(quote, b):
        return None
    parts: list[tuple[str, int, int]] = []
    raw = "r" in prefix
    fstr = "f" in prefix
    pos = a
    i = a
    while i < b:
        c = text[i]
        if c == "\\" and not raw:
            mm = _PY_ESCAPE.match(text, i, b)
            if mm:
                parts.append(("text", pos, i))
                parts.append(("escape", i, mm.end()))
                i = pos = mm.end()
                continue
        if c == "\\" and raw:
            i += 2
            continue
        if fstr and c in "{}":
            if text.startswith(c * 2, i):
                parts.append(("text", pos, i))
                parts.append(("subst", i, i + 2))
                i = pos = i + 2
                continue
            if c == "{":
                depth, j = 0, i
                while j < b:
                    if text[j] == "{":
                        depth += 1
                    elif text[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                parts.append(("text", pos, i))
                parts.append(("subst", i, min(b, j + 1)))
                i = pos = min(b, j + 1)
                continue
        i += 1
    parts.append(("text", pos, b))
    return parts, a, b


def _extract_python(text: str, strings: bool) -> Extracted:
    import tokenize

    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def off(rc) -> int:
        r, c = rc
        return starts[r - 1] + c if r - 1 < len(starts) else len(text)

    toks = []
    FSTART = getattr(tokenize, "FSTRING_START", None)
    FEND = getattr(tokenize, "FSTRING_END", None)
    try:
        depth = 0
        fstart = None
        for t in tokenize.generate_tokens(io.StringIO(text).readline):
            if FSTART is not None and t.type == FSTART:
                if depth == 0:
                    fstart = t
                depth += 1
                continue
            if depth:
                if t.type == FEND:
                    depth -= 1
                    if depth == 0:
                        toks.append(("STRING", off(fstart.start), off(t.end), fstart.start[0], True))
                continue
            name = tokenize.tok_name.get(t.type, "")
            toks.append((name, off(t.start), off(t.end), t.start[0], t.string))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    out = _Out(text)
    # comments
    comments = []
    for name, s, e, row, val in toks:
        if name != "COMMENT":
            continue
        if row == 1 and text.startswith("#!", s):
            continue
        if row <= 2 and _CODING.match(text, starts[row - 1]):
            continue
        comments.append((s, e))
    _group_line_comments(out, comments)
    # docstrings
    sig = [t for t in toks if t[0] not in ("COMMENT", "NL", "ENCODING")]
    header_colons = set()
    depth = 0
    k = 0
    while k < len(sig):
        name, s, e, row, val = sig[k]
        if name == "NAME" and val in ("def", "class") and (
                k == 0 or sig[k - 1][0] in ("NEWLINE", "INDENT", "DEDENT")
                or (sig[k - 1][4] == "async" and (k < 2 or sig[k - 2][0] in ("NEWLINE", "INDENT", "DEDENT")))):
            depth = 0
            j = k + 1
            while j < len(sig):
                v = sig[j][4]
                if sig[j][0] == "OP":
                    if v in "([{":
                        depth += 1
                    elif v in ")]}":
                        depth -= 1
                    elif v == ":" and depth == 0:
                        header_colons.add(j)
                        break
                if sig[j][0] == "NEWLINE":
                    break
                j += 1
        k += 1
    docstrings = set()
    for k, t in enumerate(sig):
        if t[0] != "STRING" or t[4] is True:
            continue
        if not (k == 0
                or (k >= 3 and sig[k - 1][0] == "INDENT" and sig[k - 2][0] == "NEWLINE" and (k - 3) in header_colons)
                or (k - 1) in header_colons):
            continue
        j = k
        while j < len(sig) and sig[j][0] == "STRING" and sig[j][4] is not True:
            j += 1
        if j < len(sig) and sig[j][0] not in ("NEWLINE", "ENDMARKER") and not (
                sig[j][0] == "OP" and sig[j][4] == ";"):
            continue
        for q in range(k, j):
            docstrings.add(q)
            parsed = _py_string_parts(text, sig[q][1], sig[q][2])
            if parsed is None:
                continue
            _, a, b = parsed
            prefix = _PY_STRING_PREFIX.match(text, sig[q][1]).group().lower()
            if "b" in prefix or "f" in prefix:
                docstrings.discard(q)  # not a docstring (an f-string) / not text (bytes)
                continue
            from .rst import _RST
            ex = _RST(text, a, b).run()
            out.paragraphs.extend(ex.paragraphs)
            for sup in ex.suppressions:
                out.col.out.append(sup)
    if strings:
        for k, t in enumerate(sig):
            if t[0] != "STRING" or k in docstrings:
                continue
            parsed = _py_string_parts(text, t[1], t[2])
            if parsed is None:
                continue
            if "b" in _PY_STRING_PREFIX.match(text, t[1]).group().lower():
                continue
            out.string(parsed[0])
    return out.result()


# ------------------------------------------------------------------ entry point
def extract_code(text: str, lang: str, strings: bool = False) -> Extracted:
    if lang == "python":
        return _extract_python(text, strings)
    try:
        ex = _extract_treesitter(text, lang, strings)
    except Exception:
        ex = None
    if ex is None:
        from .plaintext import extract_plaintext_document
        return extract_plaintext_document(text)
    return ex
