"""Reliability of the command line: parallel runs, limits, bad input, no network, no Kiwi when not needed."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import run_cli

BAD = "몇일 뒤에 할께요.\n"


def test_jobs_give_the_same_report_in_the_same_order(tmp_path):
    for i in range(6):
        (tmp_path / f"f{i}.md").write_text(f"# {i}\n\n" + BAD * (i + 1), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00oops\x00")
    seq = run_cli("check", "--format", "json", str(tmp_path))
    par = run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path))
    one = run_cli("check", "--format", "json", "--jobs", "1", str(tmp_path))
    assert seq.returncode == par.returncode == one.returncode == 2  # one unreadable file
    assert json.loads(seq.stdout) == json.loads(par.stdout) == json.loads(one.stdout)
    assert len(json.loads(seq.stdout)) == 2 * 21
    assert b"bad.txt" in par.stderr
    r = run_cli("check", "--jobs", "0", str(tmp_path))
    assert r.returncode == 2 and b"--jobs" in r.stderr


def test_fix_write_in_parallel(tmp_path):
    for i in range(4):
        (tmp_path / f"f{i}.txt").write_text(BAD, encoding="utf-8")
    r = run_cli("fix", "--write", "--jobs", "2", str(tmp_path))
    assert r.returncode == 0
    assert all(p.read_text(encoding="utf-8") == "며칠 뒤에 할게요.\n" for p in tmp_path.iterdir())


def test_file_over_the_size_limit_is_skipped_with_a_message(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("가" * 5000, encoding="utf-8")
    r = run_cli("check", "--max-bytes", "1000", str(big))
    assert r.returncode == 2
    assert b"too large" in r.stderr and b"--max-bytes" in r.stderr
    assert b"Traceback" not in r.stderr


def test_deeply_nested_markdown_does_not_break(tmp_path):
    p = tmp_path / "deep.md"
    p.write_text("> " * 3000 + "몇일\n\n" + "- " * 2000 + "할께요\n\n# 끝에 몇일 뒤\n", encoding="utf-8")
    r = run_cli("check", "--format", "json", str(p))
    assert r.returncode == 1, r.stderr
    assert b"Traceback" not in r.stderr
    texts = [d["text"] for d in json.loads(r.stdout)]
    assert "몇일" in texts


def test_rules_and_version_do_not_load_kiwi():
    code = ("import sys, io, contextlib\n"
            "from hanproof.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['rules']) == 0\n"
            "    assert main(['rules', 'spelling.myeochil']) == 0\n"
            "print('kiwipiepy' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.strip() == "False", r.stderr
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "hanproof", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and "kiwipiepy" not in r.stderr


def test_checking_opens_no_network_connection(tmp_path):
    """Privacy: with every socket call failing loudly, a check still works."""
    p = tmp_path / "a.md"
    p.write_text("# 제목\n\n" + BAD, encoding="utf-8")
    code = f"""
import socket, sys
attempts = []
def refuse(*a, **k):
    attempts.append(a)
    raise OSError("network is blocked in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from hanproof.cli import main
rc = main(["check", "--format", "json", {str(p)!r}])
print("RC", rc, "ATTEMPTS", len(attempts), file=sys.stderr)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert "RC 1 ATTEMPTS 0" in r.stderr, r.stderr
    assert len(json.loads(r.stdout)) == 2


def test_a_10_mb_single_line_file_is_skipped_quickly_with_a_clear_message(tmp_path):
    import time
    big = tmp_path / "one-line.txt"
    big.write_bytes(("가나다라마바사 " * 500_000).encode("utf-8")[: 10 * 1024 * 1024])
    t0 = time.monotonic()
    r = run_cli("check", str(big))
    assert time.monotonic() - t0 < 60
    assert r.returncode == 2
    msg = r.stderr.decode("utf-8")
    assert "too large" in msg and "--max-bytes" in msg and "Traceback" not in msg
