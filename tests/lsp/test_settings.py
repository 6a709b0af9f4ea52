"""The workspace files the server writes, and configuration merging (no server needed)."""
from __future__ import annotations

import threading
import tomllib

import pytest

from hanproof.config import ConfigError
from hanproof.lsp.server import _batches
from hanproof.lsp.settings import (WORDS_FILE, Settings, WorkspaceFileError, add_ignore, add_word, disable_rule,
                                   editor_mapping)


@pytest.mark.parametrize("before, after", [
    ("", 'ignore = ["spelling.lge"]\n'),
    ('words = ["가"]\n', 'words = ["가"]\nignore = ["spelling.lge"]\n'),
    ('ignore = []\n', 'ignore = ["spelling.lge"]\n'),
    ('ignore = ["style"]  # 문체는 끔\n', 'ignore = ["style", "spelling.lge"]  # 문체는 끔\n'),
    ('ignore = "style"\n', 'ignore = ["style", "spelling.lge"]\n'),
    ('ignore = [\n  "style",\n  "spacing",\n]\n', 'ignore = [\n  "style",\n  "spacing", "spelling.lge"\n]\n'),
    ('ignore = [\n  "style",  # 이유\n  "spacing"\n]\n', 'ignore = [\n  "style",  # 이유\n  "spacing", "spelling.lge"\n]\n'),
    ('# 설정\n\n[severity]\nspacing = "hint"\n', '# 설정\nignore = ["spelling.lge"]\n\n[severity]\nspacing = "hint"\n'),
    ('[severity]\nignore = "x"\n', 'ignore = ["spelling.lge"]\n\n[severity]\nignore = "x"\n'),
    ('words = ["a"]\r\n', 'words = ["a"]\r\nignore = ["spelling.lge"]\r\n'),
])
def test_add_ignore_top_level(before, after):
    assert add_ignore(before, "spelling.lge") == after


def test_add_ignore_in_pyproject_table():
    raw = '[project]\nname = "x"\n\n[tool.hanproof]\nwords = ["가"]\n\n[tool.other]\nignore = ["y"]\n'
    new = add_ignore(raw, "spelling.lge", "tool.hanproof")
    assert tomllib.loads(new)["tool"]["hanproof"]["ignore"] == ["spelling.lge"]
    assert tomllib.loads(new)["tool"]["other"]["ignore"] == ["y"]
    new2 = add_ignore(new, "grammar", "tool.hanproof")
    assert tomllib.loads(new2)["tool"]["hanproof"]["ignore"] == ["spelling.lge", "grammar"]
    with pytest.raises(ConfigError):
        add_ignore("[project]\n", "x.y", "tool.hanproof")


def test_disable_rule_creates_and_keeps(tmp_path):
    path, changed = disable_rule(tmp_path, tmp_path / "doc.md", "spelling.lge")
    assert path == tmp_path / "hanproof.toml" and changed
    assert path.read_text(encoding="utf-8") == 'ignore = ["spelling.lge"]\n'
    assert disable_rule(tmp_path, tmp_path / "doc.md", "spelling.lge") == (path, False)
    # an invalid file is never overwritten
    path.write_text("ignore = [\n", encoding="utf-8")
    with pytest.raises(WorkspaceFileError):
        disable_rule(tmp_path, tmp_path / "doc.md", "grammar")
    assert path.read_text(encoding="utf-8") == "ignore = [\n"


def test_disable_rule_uses_the_pyproject_that_applies(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.hanproof]\nwords = ["가"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    path, changed = disable_rule(tmp_path, tmp_path / "sub" / "doc.md", "style")
    assert path == tmp_path / "pyproject.toml" and changed
    assert tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["hanproof"] == {"words": ["가"], "ignore": ["style"]}


def test_add_word_concurrently(tmp_path):
    words = [f"낱말{i}" for i in range(40)]
    threads = [threading.Thread(target=add_word, args=(tmp_path, w)) for w in words]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted((tmp_path / WORDS_FILE).read_text(encoding="utf-8").splitlines()) == sorted(words)
    assert add_word(tmp_path, "낱말3")[1] is False
    for bad in ("", "두\n줄", "주석#", 3):
        with pytest.raises(WorkspaceFileError):
            add_word(tmp_path, bad)


def test_add_word_keeps_the_file(tmp_path):
    f = tmp_path / WORDS_FILE
    f.write_bytes("\ufeff# 우리 단어\r\n카톡".encode("utf-8"))
    add_word(tmp_path, "네카라쿠배")
    assert f.read_bytes().decode("utf-8") == "\ufeff# 우리 단어\r\n카톡\r\n네카라쿠배\r\n"


def test_settings_merge_and_words_file(tmp_path):
    (tmp_path / "hanproof.toml").write_text('ignore = ["style"]\ndebounce = 300\n', encoding="utf-8")
    s = Settings()
    s.set_folders([tmp_path])
    assert s.set_editor({"ignore": ["spacing"], "trace": {"server": "off"}, "words": None}) is None
    cfg, errors = s.config_for(tmp_path / "a" / "doc.md")
    assert errors == []
    assert cfg.ignore == ("style", "spacing") and cfg.debounce_ms == 300
    assert tmp_path / WORDS_FILE in cfg.dictionaries  # always loaded
    # the project file is re-read when it changes on disk
    (tmp_path / "hanproof.toml").write_text('ignore = ["grammar"]\n', encoding="utf-8")
    cfg, _ = s.config_for(tmp_path / "doc.md")
    assert cfg.ignore == ("grammar", "spacing")
    # a broken project file is reported, not fatal
    (tmp_path / "hanproof.toml").write_text('ignore = 3\n', encoding="utf-8")
    cfg, errors = s.config_for(tmp_path / "doc.md")
    assert errors and cfg.ignore == ("spacing",)
    assert s.set_editor({"severity": {"spelling": "loud"}}) is not None


def test_editor_mapping():
    assert editor_mapping({"hanproof": {"ignore": ["x"]}}) == {"ignore": ["x"]}
    assert editor_mapping({"ignore": ["x"], "enable": None, "path": "/bin"}) == {"ignore": ["x"]}
    assert editor_mapping(None) == {}


def test_edited_paragraph_is_analysed_first():
    from hanproof.extract import Paragraph
    paras = [Paragraph(text="가" * 1000, start=i * 1002) for i in range(30)]
    batches = _batches(paras, list(range(30)), focus=15 * 1002 + 10)
    assert batches[0] == [15]
    assert sorted(i for b in batches for i in b) == list(range(30))
