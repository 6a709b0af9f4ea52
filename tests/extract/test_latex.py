"""LaTeX: commands, math, comments and verbatim skipped; text inside \\emph{…} etc. kept."""
from __future__ import annotations

from .extract_helpers import assert_roundtrip, texts

DOC = r"""\documentclass{article}
\usepackage{kotex} % 몇일 뒤에
\newcommand{\몇일}[1]{제가 할께요 #1}
\title{제목에서 몇일 뒤에}
\author{그러면 되요}
\begin{document}
\maketitle
\section{서론에서 금새 왔다}
본문에서 \emph{강조에서 제가 할께요} 그리고 \textbf{굵게 할수 있다}.
코드 \texttt{몇일}를 보고 \verb|할께요| 그리고 \lstinline{되요} 끝.
수식 $몇일 + 1$을 보고 \(할수\)를 \cite{몇일}에서 \ref{fig:몇일}을 참고.\footnote{각주에서 그러면 되요}
% 주석 몇일 뒤에
\label{sec:몇일} 이어서 금새 왔다~그리고 50\% 이상.

\begin{equation}
  몇일 = 1
\end{equation}
\begin{verbatim}
제가 할께요
\end{verbatim}
\begin{lstlisting}
할수 있다
\end{lstlisting}
\begin{align*}
  되요 &= 1
\end{align*}
\[ 금새 \]
\begin{itemize}
  \item 항목에서 몇일 뒤에
  \item[라벨] 둘째 항목에서 할수 있다
\end{itemize}
\begin{figure}[h]
  \includegraphics[width=3cm]{몇일.png}
  \caption{그림에서 금새 왔다}
\end{figure}
\begin{tabular}{|l|l|}
셀에서 그러면 되요 & 둘째 칸 \\ \hline
\end{tabular}
\href{https://example.com/몇일}{링크에서 제가 할께요}
\end{document}
문서 뒤의 몇일 뒤에
"""


def test_latex_errors_at_exact_offsets(chk):
    chk.expect(DOC, "latex", [
        ("제목에서 몇일", "몇일"),
        ("서론에서 금새", "금새"),
        ("강조에서 제가 할께요", "할께요"),
        ("굵게 할수", "할수"),
        ("각주에서 그러면 되요", "되요"),
        ("이어서 금새", "금새"),
        ("항목에서 몇일", "몇일"),
        ("둘째 항목에서 할수", "할수"),
        ("그림에서 금새", "금새"),
        ("셀에서 그러면 되요", "되요"),
        ("링크에서 제가 할께요", "할께요"),
    ])


def test_latex_paragraph_texts():
    got = texts(DOC, "latex")
    assert "서론에서 금새 왔다" in got and "각주에서 그러면 되요" in got
    body = next(t for t in got if t.startswith("본문에서"))
    assert body.startswith("본문에서 강조에서 제가 할께요 그리고 굵게 할수 있다.\n코드 xxxxxxxxxxx를 보고 xxxxxxxxxx 그리고 xxxxxxxxxxxxxx 끝.")
    assert "참고.xxxxxxxxx" in body          # the footnote mark is masked
    assert "이어서 금새 왔다 그리고 50% 이상." in body
    assert "셀에서 그러면 되요" in got and "둘째 칸" in got
    assert not any("kotex" in t or "홍" in t or "그러면 되요" == t for t in got)
    assert_roundtrip(DOC, "latex")


def test_latex_masks_and_particles(chk):
    doc = r"수식 $x$를 보고 \cite{a}를 참고하고 \texttt{cfg}을 쓴다. 그림~\ref{f}을 본다."
    assert chk.flagged(doc, "latex") == set()
    p = assert_roundtrip(doc, "latex")[0]
    assert p.text == "수식 xxx를 보고 xxxxxxxx를 참고하고 xxxxxxxxxxxx을 쓴다. 그림 xxxxxxx을 본다."


def test_latex_without_document_environment():
    doc = "본문 \\textit{기울임} 문장.\n\n% 주석\n둘째 문단 \\\\ 줄바꿈\n"
    assert texts(doc, "latex") == ["본문 기울임 문장.", "둘째 문단 \n 줄바꿈"]


def test_latex_suppression(chk):
    doc = ("% hanproof-disable-next-line spelling\n몇일 뒤에 만나요.\n\n"
           "그러면 되요. % hanproof-disable-line\n\n"
           "% hanproof-disable spacing\n할수 있다.\n% hanproof-enable spacing\n\n이제 할수 있다.\n")
    chk.expect(doc, "latex", [("이제 할수", "할수")])


def test_latex_unbalanced_never_fails():
    for doc in ["\\emph{열린 괄호 몇일", "$ 닫히지 않은 수식", "\\begin{verbatim} 끝없음", "\\", "}}}{{{", "\\verb"]:
        assert_roundtrip(doc, "latex")
