"""hanproof — an offline Korean proofreader (맞춤법 · 띄어쓰기 · 문법).

The engine is a plain library::

    from hanproof import check
    for f in check("몇일 뒤에 만나요."):
        print(f.rule, f.start, f.end, f.suggestions)

Only :mod:`hanproof.lsp` imports pygls.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check", "Finding", "Engine", "Config"]


def __getattr__(name: str):  # lazy: `hanproof --version` must not load Kiwi or the lexicon
    if name in ("check", "Engine"):
        from . import engine
        return getattr(engine, name)
    if name == "Finding":
        from .model import Finding
        return Finding
    if name == "Config":
        from .config import Config
        return Config
    raise AttributeError(name)
