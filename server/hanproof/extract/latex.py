"""LaTeX: a small scanner that knows which commands carry prose.

* paragraphs are separated by blank lines, ``\\par``, ``\\item`` and environment
  boundaries; a sectioning command (``\\section{…}``, ``\\chapter``…) and
  ``\\caption``, ``\\footnote``, ``\\marginpar``, ``\\title`` are paragraphs of their
  own (a footnote mark is masked in the running text);
* the text inside formatting commands is kept (``\\emph{…}``, ``\\textbf{…}``,
  ``\\underline{…}`` and unknown commands: their braces are left out); their optional
  ``[…]`` arguments are not prose;
* references render as numbers or labels and are masked with their arguments
  (``\\cite``, ``\\ref``, ``\\eqref``, ``\\autoref``, ``\\cref``, ``\\url``,
  ``\\texttt``, ``\\verb|…|``, ``\\lstinline``…) so a particle after them is never
  judged; ``\\label``, ``\\usepackage``, ``\\includegraphics``, ``\\newcommand`` and
  other non-prose commands are left out with their arguments;
* inline math ``$…$`` and ``\\(…\\)`` is masked; display math (``$$…$$``, ``\\[…\\]``)
  and the environments ``equation``, ``align``, ``gather``, ``multline``…,
  ``verbatim``, ``lstlisting``, ``minted``, ``comment``, ``tikzpicture``… are skipped;
* ``%`` comments are skipped; ``~`` and ``\\,`` are spaces; ``\\%``, ``\\&``… keep their
  character; ``&`` and ``\\\\`` end a table cell / row (a line break elsewhere);
* with ``\\begin{document}`` present, the preamble is skipped except ``\\title``.

Suppression comments: ``% hanproof-disable-next-line spelling`` etc.
"""
from __future__ import annotations

import re

from . import URL_RE, Extracted, Paragraph, ParagraphBuilder
from .suppress import SuppressionCollector, find_directive

SECTIONS = {"part", "chapter", "section", "subsection", "subsubsection", "paragraph",
            "subparagraph", "addchap", "addsec", "minisec", "frametitle", "framesubtitle"}
# a paragraph of its own; the host paragraph gets a masked mark
NOTES = {"footnote", "footnotetext", "marginpar", "thanks", "sidenote", "marginnote", "todo"}
CAPTIONS = {"caption", "title", "subtitle", "captionof", "subcaption", "tcbtitle"}
# masked with their arguments: they render as numbers, labels or code
MASKED = {
    "cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "citeyearpar",
    "parencite", "textcite", "autocite", "footcite", "fullcite", "smartcite", "supercite",
    "Cite", "Parencite", "Textcite", "Autocite",
    "ref", "eqref", "pageref", "autoref", "cref", "Cref", "vref", "Vref", "nameref", "crefrange",
    "labelcref", "subref", "url", "nolinkurl", "path", "texttt", "code", "SI", "si", "num",
    "unit", "qty", "ang", "ensuremath", "lstinline", "mintinline", "inlinecode", "mono",
    "LaTeX", "TeX", "LaTeXe", "XeTeX", "LuaTeX", "today", "cmd", "pkg", "cls", "env", "meta",
    "file", "email", "doi", "isbn", "keys",
}
# left out with every argument that follows them
SKIPPED = {
    "label", "index", "usepackage", "RequirePackage", "documentclass", "input", "include",
    "includeonly", "includegraphics", "includesvg", "includepdf", "bibliography",
    "bibliographystyle", "addbibresource", "printbibliography", "newcommand", "renewcommand",
    "providecommand", "newenvironment", "renewenvironment", "DeclareMathOperator",
    "DeclareRobustCommand", "NewDocumentCommand", "RenewDocumentCommand", "setlength",
    "addtolength", "settowidth", "setcounter", "addtocounter", "stepcounter", "refstepcounter",
    "newcounter", "newlength", "vspace", "hspace", "vskip", "hskip", "definecolor", "color",
    "pagestyle", "thispagestyle", "pagenumbering", "hypersetup", "graphicspath", "geometry",
    "newgeometry", "newtheorem", "theoremstyle", "setmainfont", "setsansfont", "setmonofont",
    "setCJKmainfont", "setCJKsansfont", "setCJKmonofont", "newfontfamily", "setCJKfamilyfont",
    "fontsize", "linespread", "lstset", "setminted", "usetikzlibrary", "tikzset",
    "pgfplotsset", "captionsetup", "setlist", "titleformat", "titlespacing", "fancyhf",
    "fancyhead", "fancyfoot", "lhead", "chead", "rhead", "lfoot", "cfoot", "rfoot", "author",
    "date", "address", "nocite", "rule", "phantom", "vphantom", "hphantom", "cline",
    "cmidrule", "raisebox", "resizebox", "scalebox", "rotatebox", "pdfbookmark",
    "bookmark", "hyperlink_target", "hypertarget", "newacronym", "newglossaryentry",
    "glsaddall", "ExecuteBibliographyOptions", "DeclareFieldFormat", "kotex", "setkeys",
    "numberwithin", "counterwithin", "makeindex", "makeglossaries", "includestandalone",
    "tcbset", "newtcolorbox", "usepgfplotslibrary", "SetKwFunction", "floatname", "restylefloat",
}
# zero-argument commands: only the name is left out
ZERO = {
    "tableofcontents", "listoffigures", "listoftables", "maketitle", "newpage", "clearpage",
    "cleardoublepage", "pagebreak", "linebreak", "nolinebreak", "noindent", "indent",
    "centering", "raggedright", "raggedleft", "small", "large", "Large", "LARGE", "huge",
    "Huge", "tiny", "scriptsize", "footnotesize", "normalsize", "bfseries", "itshape",
    "ttfamily", "rmfamily", "sffamily", "mdseries", "upshape", "slshape", "scshape",
    "normalfont", "em", "bf", "it", "tt", "sc", "sf", "rm", "hline", "toprule", "midrule",
    "bottomrule", "addlinespace", "bigskip", "medskip", "smallskip", "appendix",
    "frontmatter", "mainmatter", "backmatter", "hfill", "vfill", "hfil", "vfil", "null",
    "relax", "protect", "ignorespaces", "makeatletter", "makeatother", "centerline",
    "displaystyle", "textstyle", "strut", "break", "nobreak", "allowbreak", "sloppy",
    "fussy", "endinput", "printindex", "printglossaries", "FloatBarrier", "onecolumn",
    "twocolumn", "selectfont", "and", "quad", "qquad", "enspace", "thinspace", "dots",
    "ldots", "cdots", "textbackslash",
}
SPACE_SYMBOLS = set(",;: !>") | {"\n", "\t"}
SILENT_SYMBOLS = set("-/@")
ESCAPED_CHARS = set("%&$#_{}")
ACCENTS = set("'`^\"~=.")

VERBATIM_ENVS = {
    "verbatim", "verbatim*", "Verbatim", "Verbatim*", "BVerbatim", "LVerbatim", "lstlisting",
    "minted", "comment", "alltt", "filecontents", "filecontents*", "pyglist", "code",
    "codeblock", "listing", "tcblisting", "tikzpicture", "pgfpicture", "picture", "forest",
    "dot2tex", "asy", "pycode", "sagesilent", "luacode", "luacode*", "Sinput", "Soutput",
    "Schunk", "spverbatim", "lstlisting*", "algorithmic", "algorithm2e",
}
DISPLAY_MATH_ENVS = {
    "equation", "equation*", "align", "align*", "alignat", "alignat*", "gather", "gather*",
    "multline", "multline*", "flalign", "flalign*", "eqnarray", "eqnarray*", "displaymath",
    "dmath", "dmath*", "dgroup", "dgroup*", "subequations", "CD", "xalignat", "xxalignat",
    "IEEEeqnarray", "IEEEeqnarray*", "empheq",
}
INLINE_MATH_ENVS = {"math"}
# environments whose arguments ({…}) are not prose
ENV_ARGS = {
    "tabular": 1, "tabular*": 2, "tabularx": 2, "tabulary": 2, "longtable": 1, "array": 1,
    "minipage": 1, "multicols": 1, "multicols*": 1, "wrapfigure": 2, "wraptable": 2,
    "thebibliography": 1, "otherlanguage": 1, "otherlanguage*": 1, "CJK": 2, "CJK*": 2,
    "list": 2, "subfigure": 1, "subtable": 1, "tcolorbox": 0, "adjustbox": 1, "tblr": 1,
    "longtblr": 1, "NiceTabular": 1, "xltabular": 2, "spacing": 1, "column": 1, "columns": 0,
    "frame": 0, "block": 1, "alertblock": 1, "exampleblock": 1, "letter": 1,
}
TABLE_ENVS = {"tabular", "tabular*", "tabularx", "tabulary", "longtable", "array", "tblr",
              "longtblr", "NiceTabular", "xltabular", "supertabular", "tabu"}

_SPECIAL = re.compile(r"[\\%$&~{}\n]")
_NAME = re.compile(r"[A-Za-z@]+\*?")
_BLANK_AFTER = re.compile(r"\n[ \t\r\f\v]*(?=\n)")
_DOC_BEGIN = re.compile(r"\\begin\s*\{document\}")
_DOC_END = re.compile(r"\\end\s*\{document\}")
MAX_DEPTH = 60


class _Latex:
    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        self.out: list[Paragraph] = []
        self.col = SuppressionCollector(text)
        self.pb = ParagraphBuilder()
        self.quiet = 0      # > 0: text is not prose (the preamble)
        self.depth = 0
        self.envs: list[str] = []

    # ------------------------------------------------------------ output
    def flush(self) -> None:
        p = self.pb.build()
        if p is not None:
            self.out.append(p)
        self.pb = ParagraphBuilder()

    def add_text(self, a: int, b: int) -> None:
        if self.quiet or b <= a:
            return
        pos = a
        for m in URL_RE.finditer(self.text, a, b):
            self.pb.add_text(self.text, pos, m.start())
            self.pb.add_mask(m.start(), m.end())
            pos = m.end()
        self.pb.add_text(self.text, pos, b)

    def add_mask(self, a: int, b: int) -> None:
        if not self.quiet:
            self.pb.add_mask(a, b)

    def add_space(self, at: int) -> None:
        if not self.quiet:
            self.pb.add_break(at, " ")

    def separate(self, a: int, b: int, mark: tuple[int, int] | None = None, quiet_ok: bool = False) -> None:
        """Parse [a, b) as a paragraph of its own; `mark` is masked in the host paragraph."""
        if mark is not None:
            self.add_mask(*mark)
        saved, saved_quiet = self.pb, self.quiet
        self.pb = ParagraphBuilder()
        if quiet_ok:
            self.quiet = 0
        self.parse(a, b)
        self.flush()
        self.pb, self.quiet = saved, saved_quiet

    # ------------------------------------------------------------ scanning helpers
    def eol(self, i: int) -> int:
        j = self.text.find("\n", i)
        return self.n if j < 0 else j

    def skip_ws(self, i: int, end: int) -> int:
        """Spaces and at most one line break (a blank line ends the arguments)."""
        text = self.text
        nl = False
        while i < end and text[i] in " \t\r\n":
            if text[i] == "\n":
                if nl:
                    return i
                nl = True
            i += 1
        return i

    def group_end(self, i: int, end: int, open_: str = "{", close: str = "}") -> int:
        """text[i] is `open_`: the index after its matching `close` (or end)."""
        text = self.text
        depth = 0
        while i < end:
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if c == "%":
                i = self.eol(i) + 1
                continue
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    return i + 1
            elif open_ == "[" and c == "{":
                i = self.group_end(i, end)
                continue
            i += 1
        return end

    def args(self, i: int, end: int, limit: int | None = None, optional: bool = True):
        """Following [opt] and {arg} groups: list of (kind, start, end) and the index after."""
        text = self.text
        out = []
        mandatory = 0
        while i < end:
            j = self.skip_ws(i, end)
            if j < end and text[j] == "[" and optional:
                k = self.group_end(j, end, "[", "]")
                out.append(("[", j, k))
                i = k
                continue
            if j < end and text[j] == "{" and (limit is None or mandatory < limit):
                k = self.group_end(j, end)
                out.append(("{", j, k))
                mandatory += 1
                i = k
                continue
            break
        return out, i

    # ------------------------------------------------------------ main loop
    def parse(self, a: int, b: int) -> None:
        if self.depth > MAX_DEPTH:
            return
        self.depth += 1
        try:
            self._parse(a, b)
        finally:
            self.depth -= 1

    def _parse(self, i: int, end: int) -> None:
        text = self.text
        while i < end:
            m = _SPECIAL.search(text, i, end)
            if m is None:
                self.add_text(i, end)
                return
            j = m.start()
            self.add_text(i, j)
            c = text[j]
            if c == "\n":
                b = _BLANK_AFTER.match(text, j)
                if b:
                    self.flush()
                    i = b.end()
                    while True:
                        b2 = _BLANK_AFTER.match(text, i)
                        if not b2:
                            break
                        i = b2.end()
                    i += 1
                    continue
                self.add_text(j, j + 1)
                i = j + 1
            elif c == "%":
                e = self.eol(j)
                if "hanproof" in text[j:e]:
                    d = find_directive(text, j + 1, e)
                    if d:
                        self.col.add_match(d, j, e)
                i = e + 1 if e < self.n else e
                # TeX: the comment eats the line break and the next line's indentation
                while i < end and text[i] in " \t":
                    i += 1
            elif c == "~":
                self.add_space(j)
                i = j + 1
            elif c == "&":
                if self.envs and self.envs[-1] in TABLE_ENVS:
                    self.flush()
                else:
                    self.add_space(j)
                i = j + 1
            elif c in "{}":
                i = j + 1
            elif c == "$":
                i = self.math_dollar(j, end)
            else:
                i = self.command(j, end)

    def math_dollar(self, j: int, end: int) -> int:
        text = self.text
        if text.startswith("$$", j):
            k = text.find("$$", j + 2, end)
            k = end if k < 0 else k + 2
            self.add_space(j)
            return k
        k = j + 1
        while k < end:
            if text[k] == "\\":
                k += 2
                continue
            if text[k] == "$":
                break
            if text[k] == "\n" and _BLANK_AFTER.match(text, k):
                k = -1
                break
            k += 1
        if k < 0 or k >= end:
            self.add_mask(j, j + 1)
            return j + 1
        self.add_mask(j, k + 1)
        return k + 1

    def command(self, j: int, end: int) -> int:
        text = self.text
        if j + 1 >= end:
            return end
        c = text[j + 1]
        m = _NAME.match(text, j + 1, end)
        if not m:
            # control symbol
            if c == "\\":
                k = j + 2
                if k < end and text[k] == "*":
                    k += 1
                k2 = self.skip_ws(k, end)
                if k2 < end and text[k2] == "[":
                    k = self.group_end(k2, end, "[", "]")
                if self.envs and self.envs[-1] in TABLE_ENVS:
                    self.flush()
                elif not self.quiet:
                    self.pb.add_break(j, "\n")
                return k
            if c in ESCAPED_CHARS:
                self.add_text(j + 1, j + 2)
                return j + 2
            if c == "(":
                k = text.find("\\)", j + 2, end)
                k = end if k < 0 else k + 2
                self.add_mask(j, k)
                return k
            if c == "[":
                k = text.find("\\]", j + 2, end)
                k = end if k < 0 else k + 2
                self.add_space(j)
                return k
            if c in SILENT_SYMBOLS:
                return j + 2
            if c in SPACE_SYMBOLS or c == "\r":
                self.add_space(j)
                return j + 2
            if c in ACCENTS:
                k = j + 2
                if k < end and text[k] == "{":
                    k = self.group_end(k, end)
                elif k < end:
                    k += 1
                self.add_mask(j, k)
                return k
            self.add_mask(j, j + 2)
            return j + 2
        name = m.group().rstrip("*")
        k = m.end()
        if name in ("begin", "end"):
            return self.environment(j, k, end, name == "begin")
        if name in ("verb", "spverb") or (name in ("lstinline", "mintinline", "path", "mint") and
                                          k < end and text[k] not in "{[ \t\n"):
            return self.verb(j, k, end, name)
        if name == "par":
            self.flush()
            return k
        if name in ("item", "bibitem"):
            self.flush()
            groups, k2 = self.args(k, end, limit=1 if name == "bibitem" else 0)
            return k2
        if name in SECTIONS:
            self.flush()
            groups, k2 = self.args(k, end, limit=1)
            for kind, a, b in groups:
                if kind == "{":
                    self.separate(a + 1, b - 1)
            return k2
        if name in NOTES or name in CAPTIONS:
            groups, k2 = self.args(k, end, limit=2 if name == "captionof" else 1)
            braces = [(a, b) for kind, a, b in groups if kind == "{"]
            if braces:
                a, b = braces[-1]
                mark = (j, k) if name in NOTES else None
                if name in CAPTIONS:
                    self.flush()
                self.separate(a + 1, b - 1, mark, quiet_ok=name in ("title", "subtitle"))
            return k2
        if name in ("href", "hyperref"):
            groups, k2 = self.args(k, end, limit=2 if name == "href" else 1)
            braces = [(a, b) for kind, a, b in groups if kind == "{"]
            if braces:
                a, b = braces[-1]
                self.parse(a + 1, b - 1)
            return k2
        if name in ("multicolumn", "multirow", "textcolor", "colorbox", "foreignlanguage",
                    "fcolorbox", "captionof"):
            nskip = {"multicolumn": 2, "multirow": 2, "fcolorbox": 2}.get(name, 1)
            groups, k2 = self.args(k, end, limit=nskip + 1)
            braces = [(a, b) for kind, a, b in groups if kind == "{"]
            if len(braces) > nskip:
                a, b = braces[nskip]
                self.parse(a + 1, b - 1)
            return k2
        if name in MASKED:
            groups, k2 = self.args(k, end)
            self.add_mask(j, k2)
            return k2
        if name in SKIPPED:
            return self.skip_definition(k, end)
        if name in ZERO:
            return k
        # unknown command: optional arguments left out, braced ones are prose
        groups, k2 = self.args(k, end)
        if not groups:
            return k
        for kind, a, b in groups:
            if kind == "{":
                self.parse(a + 1, b - 1)
        return k2

    def skip_definition(self, k: int, end: int) -> int:
        """Skip every following argument; `\\newcommand\\foo…` / `\\def\\foo#1{…}` forms too."""
        text = self.text
        k2 = self.skip_ws(k, end)
        if k2 < end and text[k2] == "\\":
            m = _NAME.match(text, k2 + 1, end)
            k = m.end() if m else k2 + 2
            while k < end and text[k] in "#0123456789":
                k += 1
        groups, k = self.args(k, end)
        return k

    def verb(self, j: int, k: int, end: int, name: str) -> int:
        text = self.text
        if k < end and text[k] == "*":
            k += 1
        if name == "mintinline" and k < end and text[k] == "{":
            k = self.group_end(k, end)
        if k >= end:
            return end
        delim = text[k]
        if delim == "{":
            stop = self.group_end(k, end)
        else:
            e = text.find(delim, k + 1, min(end, self.eol(k)))
            stop = end if e < 0 else e + 1
        self.add_mask(j, stop)
        return stop

    def environment(self, j: int, k: int, end: int, begin: bool) -> int:
        text = self.text
        k2 = self.skip_ws(k, end)
        if k2 >= end or text[k2] != "{":
            return k
        close = self.group_end(k2, end)
        env = text[k2 + 1:close - 1].strip()
        if not begin:
            self.flush()
            if env in self.envs:
                while self.envs and self.envs.pop() != env:
                    pass
            return close
        if env in VERBATIM_ENVS or env in DISPLAY_MATH_ENVS or env in INLINE_MATH_ENVS:
            rx = re.compile(r"\\end\s*\{" + re.escape(env) + r"\}")
            m = rx.search(text, close, end)
            stop = end if m is None else m.end()
            if env in INLINE_MATH_ENVS:
                self.add_mask(j, stop)
            else:
                self.flush()
            return stop
        self.flush()
        self.envs.append(env)
        groups, k3 = self.args(close, end, limit=ENV_ARGS.get(env, 0))
        return k3

    # ------------------------------------------------------------ document
    def run(self) -> Extracted:
        text = self.text
        m = _DOC_BEGIN.search(text)
        start = 0
        if m:
            self.quiet = 1
            self.parse(0, m.start())
            self.flush()
            self.quiet = 0
            start = m.end()
        e = _DOC_END.search(text, start)
        stop = e.start() if e else self.n
        self.parse(start, stop)
        self.flush()
        if e:
            # comments after \end{document} may still hold directives
            for c in re.finditer(r"(?<!\\)%([^\n]*)", text[e.end():]):
                d = find_directive(text, e.end() + c.start(1), e.end() + c.end(1))
                if d:
                    self.col.add_match(d, e.end() + c.start(), e.end() + c.end())
        return Extracted(self.out, self.col.result())


def extract_latex_document(text: str) -> Extracted:
    return _Latex(text).run()


def extract_latex(text: str) -> list[Paragraph]:
    return extract_latex_document(text).paragraphs
