"""The pattern index is built lazily by whichever thread first needs it; others may read it
meanwhile (the language server checks paragraphs on worker threads)."""
from __future__ import annotations

from hanproof.rules.loader import load_lexicon
from hanproof.rules.registry import Registry


class _Recording(Registry):
    def __setattr__(self, name, value):
        self.__dict__.setdefault("_order", []).append(name)
        super().__setattr__(name, value)


def test_the_index_is_published_only_when_complete():
    reg = load_lexicon()
    rec = _Recording.__new__(_Recording)
    rec.__dict__.update({k: v for k, v in reg.__dict__.items()
                         if k not in ("_by_form", "_by_tag", "_loose", "_tag_cands")})
    rec._order = []
    rec._index()
    # _candidates takes _by_form as the sign that the index exists: everything else it
    # reads must already be there when _by_form appears
    order = rec._order
    assert order[-1] == "_by_form"
    assert {"_by_tag", "_loose", "_tag_cands"} <= set(order[:-1])


def test_candidates_come_from_a_fresh_index():
    reg = load_lexicon()
    for name in ("_by_form", "_by_tag", "_loose", "_tag_cands"):
        reg.__dict__.pop(name, None)
    reg._dispatch.clear()
    assert reg._candidates("않", "VX")
