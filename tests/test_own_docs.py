"""Dogfooding: the project's own documentation, client code and server code are clean
(pages that quote wrong forms on purpose say so with a suppression comment)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_the_repository_checks_itself_clean():
    paths = ["README.md", "docs", "lexicon/README.md", "clients", "server"]
    r = run_cli("check", "--format", "json", *[str(ROOT / p) for p in paths], cwd=ROOT)
    assert r.returncode == 0, json.loads(r.stdout or b"[]")[:5]
