"""A wheel built from the repository carries the lexicon and works outside the checkout."""
from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    (whl,) = out.glob("hanproof-*.whl")
    return whl


def test_wheel_contains_lexicon_and_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "hanproof/__init__.py" in names
    assert "hanproof/cli.py" in names
    lexicon = [n for n in names if n.startswith("hanproof/lexicon/")]
    assert "hanproof/lexicon/spelling.toml" in lexicon
    assert any(n.endswith(".tsv") for n in lexicon)
    assert "hanproof/lexicon/README.md" in lexicon
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)


def test_wheel_installs_and_checks_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    # dependencies (Kiwi and its 100 MB model) come from the current environment, read-only
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    Path(purelib, "deps.pth").write_text(deps + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "doc.md").write_text("# 제목\n\n몇일 뒤에 할께요.\n", encoding="utf-8")
    where = subprocess.run([str(py), "-c", "import hanproof, hanproof.rules.loader as l; print(hanproof.__file__); print(l.default_lexicon_dir())"],
                           capture_output=True, text=True, cwd=work)
    assert str(env_dir) in where.stdout.splitlines()[0]
    assert str(env_dir) in where.stdout.splitlines()[1]
    r = subprocess.run([str(env_dir / "bin" / "hanproof"), "check", "--format", "json", "doc.md"],
                       capture_output=True, text=True, cwd=work, timeout=300)
    assert r.returncode == 1, r.stderr
    assert [d["rule"] for d in json.loads(r.stdout)] == ["spelling.myeochil", "spelling.lge"]
