"""Shared fixtures: one Kiwi per test session (it takes ~1.2 s and ~500 MB to load)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def engine():
    from hanproof.engine import default_engine
    return default_engine()


def hanproof_exe() -> list[str]:
    """The console script installed next to this interpreter."""
    exe = Path(sys.executable).parent / "hanproof"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("hanproof")
    if found:
        return [found]
    raise RuntimeError("the hanproof console script is not installed (pip install -e .)")


def run_cli(*args: str, input: str | bytes | None = None, cwd=None, env=None) -> subprocess.CompletedProcess:
    data = input.encode("utf-8") if isinstance(input, str) else input
    e = dict(os.environ)
    e.pop("HANPROOF_DEBUG", None)
    e["NO_COLOR"] = "1"
    if env:
        e.update(env)
    return subprocess.run(hanproof_exe() + list(args), input=data, capture_output=True, cwd=cwd, env=e,
                          timeout=300)


@pytest.fixture
def cli():
    return run_cli
