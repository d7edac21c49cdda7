"""Loading rule packs: YAML files or folders, validated hard at load.

A pack file holds one rule (a mapping with ``id`` and ``kind``) or many
(``rules: [...]``). Every error names ``file:line:col`` — the YAML node the
problem is in — because a rule pack is code its author wants to fix fast.
Only ``yaml.SafeLoader`` is used: no Python object is ever constructed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from checker.errors import RulePackError
from checker.model import Severity
from checker.registry import rule_kinds

PACK_SUFFIXES = (".yaml", ".yml")
ID_RE = r"^[A-Za-z][A-Za-z0-9_.-]*$"

ENVELOPE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "kind"],
    "properties": {
        "id": {
            "type": "string",
            "pattern": ID_RE,
            "description": "Stable rule id: CHK### for built-ins, PACK-### for users'.",
        },
        "kind": {"type": "string", "description": "The rule kind; the kinds are documented in docs/rules.md."},
        "severity": {"enum": ["error", "warning", "info"], "description": "Severity of the findings it raises."},
        "message": {"type": "string", "description": "Message template; fields in braces, e.g. {subject}."},
        "description": {"type": "string", "description": "Why the rule exists; shown by `checker rules show`."},
        "name": {"type": "string", "description": "Short kebab-case name describing the pattern."},
        "link": {"type": "string", "description": "A URL with more on the rule."},
        "enabled": {"type": "boolean", "description": "Set false to switch the rule off."},
        "examples": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "fail": {"type": "array", "items": {"type": "string"}},
                "pass": {"type": "array", "items": {"type": "string"}},
            },
            "description": "Texts that must / must not trigger the rule (`checker rules test`).",
        },
    },
}
ENVELOPE_KEYS = frozenset(ENVELOPE_SCHEMA["properties"])


@dataclass(frozen=True)
class RuleSpec:
    """One validated rule entry: the envelope plus its kind's own options."""

    id: str
    kind: str
    severity: Severity
    message: str
    description: str
    pack: str
    file: str
    line: int
    options: dict[str, Any] = field(default_factory=dict)
    name: str = ""
    link: str = ""
    enabled: bool = True
    examples: dict[str, list[str]] = field(default_factory=dict)


# ------------------------------------------------------------------ marked YAML


class _Located:
    """Maps a path inside the loaded data to the (line, col) of its YAML node."""

    def __init__(self) -> None:
        self.marks: dict[tuple[Any, ...], tuple[int, int]] = {}

    def build(self, node: yaml.Node, path: tuple[Any, ...] = ()) -> Any:
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, (*path, "__key__"))
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise _Bad("mapping keys must be plain scalars", key_node)
                if key in out:
                    raise _Bad(f"duplicate key {key!r}", key_node)
                self.marks[(*path, key, "__key__")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return yaml.SafeLoader.construct_object(_constructor, node, deep=True)  # type: ignore[arg-type]

    def at(self, path: Sequence[Any], key: bool = False) -> tuple[int, int]:
        p = tuple(path)
        if key and (*p, "__key__") in self.marks:
            return self.marks[(*p, "__key__")]
        while p and p not in self.marks:
            p = p[:-1]
        return self.marks.get(p, (1, 1))


class _Bad(Exception):
    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.node = node


_constructor = yaml.SafeLoader("")


def load_yaml(path: Path) -> tuple[Any, _Located]:
    """Parse one YAML file safely, keeping node positions for error messages."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulePackError(f"not UTF-8 text ({exc.reason})", str(path)) from None
    except OSError as exc:
        raise RulePackError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "invalid YAML"
        raise RulePackError(f"invalid YAML: {problem}", str(path), line, col) from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"invalid YAML: {exc}", str(path)) from None
    located = _Located()
    if node is None:
        return None, located
    try:
        return located.build(node), located
    except _Bad as exc:
        m = exc.node.start_mark
        raise RulePackError(str(exc), str(path), m.line + 1, m.column + 1) from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"invalid YAML value: {exc}", str(path)) from None


# ---------------------------------------------------------------------- packs


def pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file() and not p.name.startswith(".")
        )
        return files
    if path.is_file():
        return [path]
    raise RulePackError("no such rule pack file or folder", str(path))


def load_pack(path: str | Path, pack_name: str | None = None) -> list[RuleSpec]:
    """Every rule of a pack file or folder, validated; raises ``RulePackError``."""
    root = Path(path)
    name = pack_name or (root.stem if root.is_file() else root.name)
    specs: list[RuleSpec] = []
    for file in pack_files(root):
        specs.extend(_load_file(file, name))
    return specs


def load_entries(entries: Sequence[Any], source: str, pack: str) -> list[RuleSpec]:
    """Rule entries given as data (a Python plugin's ``RULES``), validated like YAML."""
    located = _Located()
    return [_validate(e, (i,), located, source, pack) for i, e in enumerate(entries)]


def load_packs(paths: Iterable[str | Path], extra: Iterable[RuleSpec] = ()) -> list[RuleSpec]:
    """Several packs; a rule id may appear only once across all of them."""
    seen: dict[str, RuleSpec] = {}
    out: list[RuleSpec] = []
    batches: list[Iterable[RuleSpec]] = [load_pack(p) for p in paths]
    batches.append(extra)
    for batch in batches:
        for spec in batch:
            if spec.id in seen:
                first = seen[spec.id]
                raise RulePackError(
                    f"duplicate rule id {spec.id!r} (first defined at {first.file}:{first.line})", spec.file, spec.line
                )
            seen[spec.id] = spec
            out.append(spec)
    return out


def _load_file(file: Path, pack: str) -> Iterator[RuleSpec]:
    data, located = load_yaml(file)
    fname = _display(file)
    if data is None:
        return
    if isinstance(data, dict) and "rules" in data and "kind" not in data:
        extra = sorted(set(data) - {"rules", "pack", "description"})
        if extra:
            line, col = located.at((extra[0],), key=True)
            raise RulePackError(
                f"unknown top-level key {extra[0]!r} (expected: description, pack, rules)", fname, line, col
            )
        entries = data["rules"]
        if not isinstance(entries, list):
            line, col = located.at(("rules",))
            raise RulePackError("'rules' must be a list of rule entries", fname, line, col)
        base: tuple[Any, ...] = ("rules",)
        pack = str(data.get("pack", pack))
    elif isinstance(data, dict):
        entries, base = [data], ()
    else:
        raise RulePackError("a rule pack file holds a rule (mapping) or 'rules: [...]'", fname, 1, 1)
    for i, entry in enumerate(entries):
        path = (*base, i) if base else ()
        yield _validate(entry, path, located, fname, pack)


def _validate(entry: Any, path: tuple[Any, ...], located: _Located, fname: str, pack: str) -> RuleSpec:
    def fail(message: str, sub: Sequence[Any] = (), key: bool = False) -> RulePackError:
        line, col = located.at((*path, *sub), key=key)
        return RulePackError(message, fname, line, col)

    if not isinstance(entry, dict):
        raise fail("a rule entry must be a mapping with 'id' and 'kind'")
    _schema_errors(entry, ENVELOPE_SCHEMA, fail, extra_ok=True)
    kind_name = entry["kind"]
    if kind_name not in rule_kinds:
        raise fail(f"unknown kind {kind_name!r} (known: {', '.join(rule_kinds.names())})", ("kind",))
    kind = rule_kinds.get(kind_name)
    options = {k: v for k, v in entry.items() if k not in ENVELOPE_KEYS}
    props: dict[str, Any] = kind.options_schema.get("properties", {})
    for key in options:
        if key not in props:
            expected = ", ".join(sorted(props)) or "no options"
            raise fail(f"unknown key {key!r} for kind {kind_name!r} (expected: {expected})", (key,), key=True)
    _schema_errors(options, kind.options_schema, fail)
    line, _ = located.at(path)
    return RuleSpec(
        id=entry["id"],
        kind=kind_name,
        severity=Severity(entry.get("severity", kind.default_severity.value)),
        message=entry.get("message", kind.default_message),
        description=entry.get("description", ""),
        pack=pack,
        file=fname,
        line=line,
        options=options,
        name=entry.get("name", ""),
        link=entry.get("link", ""),
        enabled=entry.get("enabled", True),
        examples=entry.get("examples", {}),
    )


def _schema_errors(data: Any, schema: dict[str, Any], fail: Any, extra_ok: bool = False) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for err in errors:
        if extra_ok and err.validator == "additionalProperties":
            continue
        where = list(err.absolute_path)
        raise fail(_humanise(err, where), where)


def _humanise(err: jsonschema.ValidationError, where: list[Any]) -> str:
    field_name = ".".join(str(p) for p in where) or "rule"
    if err.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        return f"missing required key {missing[0]!r}" if missing else err.message
    if err.validator == "enum":
        return f"{field_name}: {err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
    if err.validator == "type":
        return f"{field_name}: expected {err.validator_value}, got {type(err.instance).__name__}"
    if err.validator == "additionalProperties":
        return f"{field_name}: {err.message}"
    return f"{field_name}: {err.message}"


def _display(file: Path) -> str:
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.as_posix()
