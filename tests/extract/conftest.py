"""Extraction tests: one real Engine per session (the `engine` fixture of tests/conftest.py)."""
from __future__ import annotations

import pytest

from .extract_helpers import Checker


@pytest.fixture(autouse=True, scope="package")
def _strict_extraction():
    """Extractor errors fail the tests instead of falling back to plain text."""
    import hanproof.extract as ex

    saved, ex.STRICT = ex.STRICT, True
    yield
    ex.STRICT = saved


@pytest.fixture(scope="session")
def chk(engine) -> Checker:
    return Checker(engine)
