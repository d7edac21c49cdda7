"""Rule packs load with a real YAML loader and fail with file:line:col, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import RulePackError
from checker.rules import load_rules
from checker.rules.pack import load_pack, load_packs


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def error_of(path: Path) -> RulePackError:
    with pytest.raises(RulePackError) as exc:
        load_pack(path)
    return exc.value


def test_default_pack_loads_with_every_builtin_kind():
    rs = load_rules()
    kinds = {s.kind for s in rs.specs}
    assert {"agreement", "qualifiers", "synonyms", "pattern", "credibility", "bounds", "grouping"} <= kinds
    assert len(rs.specs) >= 8
    assert all(s.id.startswith("CHK") for s in rs.specs)


def test_bad_indent_names_file_and_line(tmp_path):
    p = write(tmp_path, "id: X-1\nkind: pattern\nphrases:\n  - a\n - b\n")
    err = error_of(p)
    assert err.path.endswith("pack.yaml") and err.line == 5
    assert "invalid YAML" in err.message


def test_unknown_key_lists_the_expected_ones(tmp_path):
    p = write(tmp_path, "id: X-1\nkind: bounds\nunit: '%'\ntreshold: 3\n")
    err = error_of(p)
    assert (err.line, err.column) == (4, 1)
    assert (
        "unknown key 'treshold' for kind 'bounds'" in err.message
        and "after, high, low, measure, sentence, unit" in err.message
    )


def test_unknown_kind_lists_known_kinds(tmp_path):
    err = error_of(write(tmp_path, "id: X-1\nkind: nonsense\n"))
    assert err.line == 2 and "unknown kind 'nonsense'" in err.message and "agreement" in err.message


def test_missing_id(tmp_path):
    err = error_of(write(tmp_path, "kind: pattern\nphrases: [a]\n"))
    assert "missing required key 'id'" in err.message


def test_wrong_type_points_at_the_value(tmp_path):
    p = write(tmp_path, "rules:\n  - id: X-1\n    kind: bounds\n    low: zero\n")
    err = error_of(p)
    assert (err.line, err.column) == (4, 10)
    assert "low" in err.message


def test_bad_severity(tmp_path):
    err = error_of(write(tmp_path, "id: X-1\nkind: pattern\nseverity: fatal\nphrases: [a]\n"))
    assert err.line == 3 and "severity" in err.message


def test_duplicate_key_and_duplicate_id(tmp_path):
    err = error_of(write(tmp_path, "id: X-1\nid: X-2\nkind: pattern\n"))
    assert "duplicate key 'id'" in err.message and err.line == 2
    a = write(tmp_path, "id: X-1\nkind: pattern\nphrases: [a]\n", "a.yaml")
    b = write(tmp_path, "id: X-1\nkind: pattern\nphrases: [b]\n", "b.yaml")
    with pytest.raises(RulePackError, match="duplicate rule id 'X-1'"):
        load_packs([a, b])


def test_yaml_never_constructs_python_objects(tmp_path):
    err = error_of(write(tmp_path, "id: !!python/object/apply:os.system ['echo hi']\nkind: pattern\n"))
    assert err.line == 1


def test_error_string_is_one_line_with_code(tmp_path):
    err = error_of(write(tmp_path, "id: X-1\nkind: bounds\ntreshold: 3\n"))
    text = str(err)
    assert "\n" not in text and text.startswith(str(err.path) + ":3:1: error[E220]:")


def test_missing_pack_path(tmp_path):
    with pytest.raises(RulePackError, match="no such rule pack"):
        load_pack(tmp_path / "nope.yaml")
