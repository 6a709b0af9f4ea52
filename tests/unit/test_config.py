from pathlib import Path

import pytest

from hanproof.config import Config, ConfigError, find_config, from_mapping, load_config
from hanproof.rules import Rule


def rule(rid="spelling.myeochil", cat="spelling", enabled=True):
    return Rule(id=rid, category=cat, severity="error", message="m", explanation="", norm="",
                enabled=enabled, kind="pattern", file="f", line=1)


def test_select_ignore_by_id_category_and_prefix():
    r = rule()
    assert Config().rule_enabled(r)
    assert not Config(ignore=("spelling",)).rule_enabled(r)
    assert not Config(ignore=("spelling.*",)).rule_enabled(r)
    assert not Config(select=("spacing",)).rule_enabled(r)
    assert Config(select=("spelling.myeochil",)).rule_enabled(r)
    assert not Config().rule_enabled(rule(enabled=False))
    assert Config(select=("spelling",)).rule_enabled(rule(enabled=False))


def test_severity_most_specific_wins():
    c = Config(severity=(("spelling.myeochil", "hint"), ("spelling", "information")))
    assert c.severity_for(rule()) == "hint"
    assert c.severity_for(rule("spelling.other")) == "information"
    assert Config().severity_for(rule()) == "error"


def test_find_and_load_hanproof_toml_and_pyproject(tmp_path: Path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.hanproof]\nignore = ["spacing"]\n', encoding="utf-8")
    assert find_config(sub) == tmp_path / "pyproject.toml"
    assert load_config(tmp_path / "pyproject.toml").ignore == ("spacing",)
    (tmp_path / "a" / "hanproof.toml").write_text('words = ["몇일"]\ndictionaries = ["w.txt"]\n[severity]\nspelling = "info"\n', encoding="utf-8")
    (tmp_path / "a" / "w.txt").write_text("# comment\n카카오톡\n\n", encoding="utf-8")
    found = find_config(sub)
    assert found == tmp_path / "a" / "hanproof.toml"
    cfg = load_config(found)
    assert cfg.all_words() == frozenset({"몇일", "카카오톡"})
    assert cfg.severity == (("spelling", "information"),)


@pytest.mark.parametrize("data", [{"selec": []}, {"severity": {"x": "loud"}}, {"select": 3}, {"debounce": -1}])
def test_invalid_settings_are_reported(data):
    with pytest.raises(ConfigError):
        from_mapping(data, "test")


def test_toml_syntax_error_names_the_file(tmp_path):
    p = tmp_path / "hanproof.toml"
    p.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="hanproof.toml"):
        load_config(p)


def test_enable_adds_opt_in_rules_to_the_defaults():
    off = rule("spacing.aux-verb", "spacing", enabled=False)
    on = rule()
    c = Config(enable=("spacing.aux-verb",))
    assert c.rule_enabled(off) and c.rule_enabled(on)
    assert not Config(enable=("spacing.aux-verb",), ignore=("spacing",)).rule_enabled(off)
    assert from_mapping({"enable": ["spacing"]}, "t").enable == ("spacing",)
