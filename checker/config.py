"""Project configuration: ``[tool.checker]`` in pyproject.toml or a ``checker.toml``.

Found by walking up from the working directory, like ruff and pytest do;
command-line flags win over it. Paths in it are relative to the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import UsageError

LEVELS = ("error", "warning", "info", "off")
KEYS = {
    "rules",
    "plugins",
    "fail-on",
    "format",
    "out",
    "model",
    "severity",
    "suppressions",
    "baseline",
    "default-rules",
}


@dataclass(frozen=True)
class Suppression:
    """A config-level suppression: rule ids for documents matching a glob, with a reason."""

    rules: tuple[str, ...]
    reason: str
    doc: str = "*"
    origin: str = ""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    rules: tuple[Path, ...] = ()
    plugins: tuple[str, ...] = ()
    fail_on: str | None = None
    formats: str | None = None
    out: Path | None = None
    model: str | None = None
    default_rules: bool = True
    severity: dict[str, str] = field(default_factory=dict)
    suppressions: tuple[Suppression, ...] = ()
    baseline: Path | None = None


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        toml = folder / "checker.toml"
        if toml.is_file():
            return toml
        py = folder / "pyproject.toml"
        if py.is_file() and _table(py) is not None:
            return py
    return None


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read config: {exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise UsageError(f"invalid TOML: {exc.args[0] if exc.args else exc}", str(path), line) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("checker")
        return table if isinstance(table, dict) else None
    return data


def load_config(path: Path | None = None, *, search: bool = True) -> Config:
    """The config at ``path``, or the nearest one found walking up; empty when none."""
    path = path or (find_config() if search else None)
    if path is None:
        return Config()
    table = _table(path) or {}
    where = str(path)
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise UsageError(f"unknown config key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})", where)
    base = path.parent

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"'{key}' must be a list of strings", where)
        return tuple(value)

    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise UsageError("'severity' must be a table of rule id = level", where)
    for rule, level in severity.items():
        if level not in LEVELS:
            raise UsageError(f"severity of {rule}: {level!r} is not one of {', '.join(LEVELS)}", where)
    sups = []
    for i, row in enumerate(table.get("suppressions", [])):
        if not isinstance(row, dict) or not row.get("reason") or not row.get("rules"):
            raise UsageError(f"suppressions[{i}] needs 'rules' and a 'reason'", where)
        rules = row["rules"] if isinstance(row["rules"], list) else [row["rules"]]
        origin = f"{where}:suppressions[{i}]"
        sups.append(Suppression(tuple(rules), str(row["reason"]), str(row.get("doc", "*")), origin))
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in ("error", "warning", "info", "never"):
        raise UsageError(f"fail-on: {fail_on!r} is not one of error, warning, info, never", where)
    fmt = table.get("format")
    if isinstance(fmt, list):
        fmt = ",".join(fmt)
    return Config(
        path=path,
        rules=tuple(base / p for p in strings("rules")),
        plugins=tuple(str(base / p) if p.endswith(".py") else p for p in strings("plugins")),
        fail_on=fail_on,
        formats=fmt,
        out=base / table["out"] if "out" in table else None,
        model=table.get("model"),
        default_rules=bool(table.get("default-rules", True)),
        severity=dict(severity),
        suppressions=tuple(sups),
        baseline=base / table["baseline"] if "baseline" in table else None,
    )
