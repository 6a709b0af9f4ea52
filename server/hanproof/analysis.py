"""The one shared Kiwi analyser, with a bounded per-paragraph cache.

Kiwi loads once per process (about 1.2 s and 500 MB), lazily and thread-safely.
Tokens carry code-point offsets into the analysed paragraph text.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Sequence


class Tok:
    """A morpheme: form, tag (irregular markers such as -I/-R dropped), [start, end);
    `xtag` keeps Kiwi's full tag (VV-I), which Kiwi.join needs to inflect irregular stems;
    `oov` says Kiwi guessed the morpheme (an unknown word)."""

    __slots__ = ("form", "tag", "start", "end", "xtag", "oov")

    def __init__(self, form: str, tag: str, start: int, end: int, xtag: str | None = None,
                 oov: bool = False):
        self.form = form
        self.tag = tag
        self.start = start
        self.end = end
        self.xtag = xtag or tag
        self.oov = oov   # Kiwi guessed this morpheme: it is not in its dictionary

    def __repr__(self) -> str:
        return f"{self.form}/{self.tag}@{self.start}:{self.end}"

    def __eq__(self, other) -> bool:
        return isinstance(other, Tok) and (self.form, self.tag, self.start, self.end) == (other.form, other.tag, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.form, self.tag, self.start, self.end))


# A polite final ending followed by a comma (거예요, 죄송해요 / 돼요, 얼마예요?) is the end
# of a comma-spliced sentence, but Kiwi tags it as a connective ending (EC). Rules written for
# the final ending (EF) must see it the same way as before a full stop. The connective -요
# after 이다 (이것은 책이요, 저것은 붓이다) stays a connective.
_FINAL_FORMS = ("습니다", "ㅂ니다", "죠")


def _final_before_comma(out: list[Tok]) -> None:
    for i in range(len(out) - 1):
        t = out[i]
        if t.tag != "EC" or out[i + 1].tag != "SP" or out[i + 1].form != "," or out[i + 1].start != t.end:
            continue
        f = t.form
        if not (f.endswith("요") or f in _FINAL_FORMS):
            continue
        if f == "요" and i and out[i - 1].tag in ("VCP", "VCN"):
            continue
        t.tag = t.xtag = "EF"


def _convert(kiwi_tokens) -> list[Tok]:
    out = []
    append = out.append
    for t in kiwi_tokens:
        tag = t.tag
        if "-" in tag:
            append(Tok(t.form, tag.split("-", 1)[0], t.start, t.end, tag, t.oov))
        else:
            append(Tok(t.form, tag, t.start, t.end, None, t.oov))
    _final_before_comma(out)
    return out


class LRU:
    def __init__(self, size: int):
        self.size = size
        self.data: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            v = self.data.get(key)
            if v is not None:
                self.data.move_to_end(key)
            return v

    def put(self, key, value) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)

    def get_or(self, key, make):
        """The cached value, or make() — computed outside the lock — cached."""
        v = self.get(key)
        if v is None:
            v = make()
            self.put(key, v)
        return v

    def __len__(self) -> int:
        return len(self.data)

    def clear(self) -> None:
        with self.lock:
            self.data.clear()


class Analyzer:
    """Wraps one Kiwi instance. Thread-safe; tokenisation is cached per text."""

    def __init__(self, cache_size: int = 8192, num_workers: int | None = None):
        self._kiwi = None
        self._load_lock = threading.Lock()
        self._use_lock = threading.Lock()
        self.num_workers = num_workers
        self.tokens = LRU(cache_size)
        self.scores = LRU(cache_size)
        self.joins: dict = {}

    @property
    def loaded(self) -> bool:
        return self._kiwi is not None

    @property
    def kiwi(self):
        if self._kiwi is None:
            with self._load_lock:
                if self._kiwi is None:
                    from kiwipiepy import Kiwi
                    # the multi-word dictionary (proper nouns spanning several words) costs 1.3 s
                    # at start-up and changes nothing the rules rely on
                    self._kiwi = Kiwi(num_workers=self.num_workers, load_multi_dict=False)
        return self._kiwi

    def load(self) -> None:
        _ = self.kiwi

    def tokenize(self, text: str) -> list[Tok]:
        return self.tokenize_many([text])[0]

    def tokenize_many(self, texts: Sequence[str]) -> list[list[Tok]]:
        """Tokens for every text; uncached texts go to Kiwi in one batch."""
        out: list[list[Tok] | None] = [None] * len(texts)
        for i, toks in self.iter_tokenize(texts):
            out[i] = toks
        return out  # type: ignore[return-value]

    def iter_tokenize(self, texts: Sequence[str]):
        """(index, tokens) for every text, cached ones first, then Kiwi's results as its
        worker threads produce them, so the caller's work overlaps with the analysis."""
        todo = []
        for i, t in enumerate(texts):
            r = self.tokens.get(t)
            if r is None:
                todo.append(i)
            else:
                yield i, r
        if not todo:
            return
        kiwi = self.kiwi
        batch = [texts[i] for i in todo]
        if len(batch) == 1 or self.num_workers == 0:  # Kiwi batches only with worker threads
            for i, t in zip(todo, batch):
                with self._use_lock:
                    toks = kiwi.tokenize(t)
                conv = _convert(toks)
                self.tokens.put(t, conv)
                yield i, conv
            return
        with self._use_lock:
            gen = iter(kiwi.tokenize(batch))
        for i in todo:
            with self._use_lock:
                toks = next(gen)
            conv = _convert(toks)
            self.tokens.put(texts[i], conv)
            yield i, conv

    def score(self, text: str) -> float:
        """Log score of Kiwi's best analysis of text (higher is more plausible)."""
        v = self.scores.get(text)
        if v is None:
            v = float(self.analyze(text)[0][1])
            self.scores.put(text, v)
        return v

    def analyze(self, text, top_n: int = 1, typos: str | None = None) -> list:
        """Kiwi's `top_n` best analyses — kiwipiepy's (tokens, score) pairs — of a text, or
        a list of them for a list of texts; `typos` turns on Kiwi's typo model for the call.
        Uncached: the callers cache what they derive."""
        kiwi = self.kiwi
        kw = {"top_n": top_n}
        if typos:
            kw["typos"] = typos
        with self._use_lock:
            if isinstance(text, str):
                return kiwi.analyze(text, **kw)
            return list(kiwi.analyze(text, **kw))

    def space(self, text: str) -> str:
        """Kiwi's spacing of a text, keeping the blanks it has (candidates only)."""
        kiwi = self.kiwi
        with self._use_lock:
            return kiwi.space(text, reset_whitespace=False)

    def join(self, morphs: list[tuple[str, str]]) -> str:
        """Kiwi.join, cached: the same stems and endings recur all the time."""
        key = tuple(morphs)
        out = self.joins.get(key)
        if out is None:
            kiwi = self.kiwi
            with self._use_lock:
                out = kiwi.join(morphs)
            if len(self.joins) > 100_000:
                self.joins.clear()
            self.joins[key] = out
        return out


_shared: Analyzer | None = None
_shared_lock = threading.Lock()


def shared_analyzer() -> Analyzer:
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = Analyzer()
    return _shared
