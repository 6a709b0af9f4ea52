"""The console script: exit codes, formats, fix round trips, configuration, errors."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import run_cli

BAD = "몇일 뒤에 다시 만나요.\n내가 할께요.\n"
CLEAN = "며칠 뒤에 다시 만나요.\n"


def out(r) -> str:
    return r.stdout.decode("utf-8")


def err(r) -> str:
    return r.stderr.decode("utf-8")


def assert_no_traceback(r):
    assert "Traceback" not in err(r) and "Traceback" not in out(r)


# ------------------------------------------------------------------ check
def test_check_text_format_and_exit_codes(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    r = run_cli("check", str(p))
    assert r.returncode == 1
    lines = out(r).splitlines()
    assert lines[0] == f"{p}:1:1: spelling.myeochil [error] '몇일'이 아니라 '며칠'로 씁니다. → 며칠"
    assert lines[1] == "    몇일 뒤에 다시 만나요."
    assert lines[2] == "    ^^^^"          # two wide characters
    assert lines[3].startswith(f"{p}:2:4: spelling.lge")
    assert "2 problems in 1 file" in err(r)
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    r = run_cli("check", str(tmp_path / "b.txt"))
    assert r.returncode == 0 and out(r) == ""


def test_check_stdin_json_fields():
    r = run_cli("check", "--format", "json", "-", input="😀 " + BAD)
    assert r.returncode == 1
    data = json.loads(out(r))
    first = data[0]
    for key in ("path", "offset", "end_offset", "line", "column", "end_line", "end_column", "rule",
                "category", "severity", "message", "explanation", "suggestions"):
        assert key in first
    assert (first["path"], first["offset"], first["end_offset"], first["line"], first["column"]) == ("<stdin>", 2, 4, 1, 3)
    assert first["suggestions"] == ["며칠"]
    second = data[1]
    assert (second["line"], second["column"], second["end_column"], second["rule"]) == (2, 4, 7, "spelling.lge")


def test_check_sarif(tmp_path):
    p = tmp_path / "doc.md"
    p.write_text("# 제목\n\n" + BAD, encoding="utf-8")
    r = run_cli("check", "--format", "sarif", str(p))
    assert r.returncode == 1
    s = json.loads(out(r))
    assert s["version"] == "2.1.0"
    run = s["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {x["id"] for x in rules} == {"spelling.myeochil", "spelling.lge"}
    assert all(x["shortDescription"]["text"] and x["helpUri"] for x in rules)
    res = run["results"][0]
    assert res["ruleId"] == rules[res["ruleIndex"]]["id"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 1, 3)
    assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "며칠"


def test_check_github_annotations(tmp_path):
    p = tmp_path / "a,b.txt"
    p.write_text(BAD, encoding="utf-8")
    r = run_cli("check", "--format", "github", str(p))
    assert r.returncode == 1
    lines = out(r).splitlines()
    assert lines[0].startswith(f"::error file={str(p).replace(',', '%2C')},line=1,col=1,endLine=1,endColumn=3,title=spelling.myeochil::")
    assert len(lines) == 2


def test_select_ignore_on_command_line(tmp_path):
    r = run_cli("check", "--format", "json", "--select", "spacing", "-", input="몇일 뒤 할수 있다")
    assert [d["rule"] for d in json.loads(out(r))] == ["spacing.bound-noun-su"]
    r = run_cli("check", "--format", "json", "--ignore", "spelling,spacing", "-", input="몇일 뒤 할수 있다")
    assert r.returncode == 0 and json.loads(out(r)) == []


def test_folder_walk_honours_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("ignored/\nskip.md\n", encoding="utf-8")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "x.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "skip.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "keep.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("*.txt\n", encoding="utf-8")
    (tmp_path / "sub" / "no.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    r = run_cli("check", "--format", "json", str(tmp_path))
    paths = {Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(out(r))}
    assert paths == {"sub/keep.md"}


def test_config_file_found_upward(tmp_path):
    (tmp_path / "hanproof.toml").write_text('ignore = ["spelling.lge"]\nwords = ["몇일"]\n[severity]\nspacing = "hint"\n', encoding="utf-8")
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.md").write_text(BAD + "할수 있다\n", encoding="utf-8")
    r = run_cli("check", "--format", "json", str(d / "a.md"))
    data = json.loads(out(r))
    assert [(x["rule"], x["severity"]) for x in data] == [("spacing.bound-noun-su", "hint")]
    r = run_cli("check", "--format", "json", "--no-config", str(d / "a.md"))
    assert len(json.loads(out(r))) == 3


def test_pyproject_tool_section_and_explicit_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.hanproof]\nselect = ["spelling.lge"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    r = run_cli("check", "--format", "json", str(tmp_path / "a.txt"))
    assert [x["rule"] for x in json.loads(out(r))] == ["spelling.lge"]
    other = tmp_path / "other.toml"
    other.write_text('select = ["spelling.myeochil"]\n', encoding="utf-8")
    r = run_cli("check", "--format", "json", "--config", str(other), str(tmp_path / "a.txt"))
    assert [x["rule"] for x in json.loads(out(r))] == ["spelling.myeochil"]


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize("content,needle", [
    (b"\xff\xfe\x00\x00garbage\x00", "UTF"),
    (b"abc\x00def", "binary"),
    (b"\xc3\x28 invalid", "invalid UTF-8"),
])
def test_unreadable_input_exit_2_one_line(tmp_path, content, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = run_cli("check", str(p))
    assert r.returncode == 2
    assert needle in err(r)
    assert_no_traceback(r)


def test_missing_file_and_usage_errors(tmp_path):
    r = run_cli("check", str(tmp_path / "nope.md"))
    assert r.returncode == 2 and "no such file" in err(r)
    assert_no_traceback(r)
    r = run_cli("check")
    assert r.returncode == 2 and "nothing to check" in err(r)
    r = run_cli("check", "--format", "xml", "-", input="x")
    assert r.returncode == 2
    r = run_cli("frobnicate")
    assert r.returncode == 2
    assert_no_traceback(r)


def test_bad_config_is_a_clear_error(tmp_path):
    (tmp_path / "hanproof.toml").write_text("select = [\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    r = run_cli("check", str(tmp_path / "a.txt"))
    assert r.returncode == 2 and "configuration error" in err(r) and "hanproof.toml" in err(r)
    assert_no_traceback(r)


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(b"\xff\xfe" + "몇일 뒤".encode("utf-16-le"))
    r = run_cli("check", "--format", "json", str(p))
    assert r.returncode == 1 and json.loads(out(r))[0]["rule"] == "spelling.myeochil"


# ------------------------------------------------------------------ fix
def test_fix_stdin_line_for_line():
    src = "몇일 뒤에\n\n그러면 안 되요\r\n할수 있다\n마지막 줄 할께요"
    r = run_cli("fix", "-", input=src)
    assert r.returncode == 0
    assert out(r) == "며칠 뒤에\n\n그러면 안 돼요\r\n할 수 있다\n마지막 줄 할게요"


def test_fix_file_to_stdout_and_write_in_place(tmp_path):
    p = tmp_path / "a.md"
    p.write_bytes("# 제목\r\n\r\n몇일 뒤 `몇일` 할께요\r\n".encode("utf-8"))
    os.chmod(p, 0o640)
    r = run_cli("fix", str(p))
    assert r.returncode == 0 and out(r) == "# 제목\r\n\r\n며칠 뒤 `몇일` 할게요\r\n"
    assert p.read_bytes().decode("utf-8") == "# 제목\r\n\r\n몇일 뒤 `몇일` 할께요\r\n"  # untouched without --write
    r = run_cli("fix", "--write", str(p))
    assert r.returncode == 0
    assert p.read_bytes() == "# 제목\r\n\r\n며칠 뒤 `몇일` 할게요\r\n".encode("utf-8")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert not [x for x in tmp_path.iterdir() if x.name.endswith(".hanproof-tmp")]
    r = run_cli("check", str(p))
    assert r.returncode == 0


def test_fix_write_keeps_bom_and_utf16(tmp_path):
    a = tmp_path / "bom.txt"
    a.write_bytes(b"\xef\xbb\xbf" + "몇일".encode("utf-8"))
    b = tmp_path / "u16.txt"
    b.write_bytes(b"\xff\xfe" + "몇일".encode("utf-16-le"))
    r = run_cli("fix", "--write", str(tmp_path))
    assert r.returncode == 0
    assert a.read_bytes() == b"\xef\xbb\xbf" + "며칠".encode("utf-8")
    assert b.read_bytes() == b"\xff\xfe" + "며칠".encode("utf-16-le")


def test_fix_usage_errors(tmp_path):
    r = run_cli("fix", "--write", "-", input="x")
    assert r.returncode == 2 and "stdin" in err(r)
    r = run_cli("fix", str(tmp_path))
    assert r.returncode == 2
    assert_no_traceback(r)


def test_fix_then_check_round_trip(tmp_path):
    text = "몇일 뒤에 금새 갈께요. 할수 있다. 그러면 안 되요. 이건 제 거에요.\n"
    fixed = out(run_cli("fix", "-", input=text))
    assert fixed == "며칠 뒤에 금세 갈게요. 할 수 있다. 그러면 안 돼요. 이건 제 거예요.\n"
    assert run_cli("check", "-", input=fixed).returncode == 0


def test_fix_applies_overlapping_and_follow_up_fixes_in_further_passes(tmp_path):
    # 어떻 → 어떡 and 할꺼 → 할 거 touch one word; -드라 → -더라 reveals -구요 → -고요
    text = "이제 어떻할꺼야?\n그 사람 착하드라구요.\n몇일 뒤에 봐요.\n"
    want = "이제 어떡할 거야?\n그 사람 착하더라고요.\n며칠 뒤에 봐요.\n"
    assert out(run_cli("fix", "-", input=text)) == want
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    r = run_cli("fix", "--write", str(p))
    assert r.returncode == 0 and p.read_text(encoding="utf-8") == want
    assert "fixed 5 in" in err(r)
    assert run_cli("check", str(p)).returncode == 0


# ------------------------------------------------------------------ rules
def test_rules_list_and_detail():
    r = run_cli("rules")
    assert r.returncode == 0
    lines = out(r).splitlines()
    assert len(lines) >= 30
    assert any(l.startswith("spelling.myeochil") and "spelling" in l for l in lines)
    r = run_cli("rules", "spelling.myeochil")
    text = out(r)
    assert "제27항" in text and "✗" in text and "✓" in text and "며칠" in text
    r = run_cli("rules", "spacing")
    assert all(l.startswith("spacing.") for l in out(r).splitlines())
    r = run_cli("rules", "nonexistent.rule")
    assert r.returncode == 2
    r = run_cli("rules", "--format", "json", "spelling.lge")
    d = json.loads(out(r))[0]
    assert d["id"] == "spelling.lge" and d["bad"] and d["good"]


def test_rules_check_runs_every_example():
    r = run_cli("rules", "--check")
    assert r.returncode == 0, out(r)
    assert "0 failed" in err(r)


def test_version_and_module_entry_point():
    import subprocess
    import sys
    r = run_cli("--version")
    assert r.returncode == 0 and out(r).startswith("hanproof ")
    r2 = subprocess.run([sys.executable, "-m", "hanproof", "--version"], capture_output=True)
    assert r2.stdout == r.stdout


def test_project_word_list_from_the_editor_is_honoured(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".hanproof-words.txt").write_text("몇일\n", encoding="utf-8")
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.md").write_text(BAD, encoding="utf-8")
    r = run_cli("check", "--format", "json", str(d / "a.md"))
    assert [x["rule"] for x in json.loads(out(r))] == ["spelling.lge"]
