"""Imports point downstream only (STYLE.md §1): a module-level import of a later stage fails here.

Imports inside functions are the documented exceptions (lazy doors such as
``Audit.from_json`` and callable ``checker.extract``); ``registrations`` is
where built-ins register and may import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "checker"

LAYERS: list[set[str]] = [
    {"errors", "model", "registry", "tables", "text", "atomic", "config", "plugins", "__init__"},
    {"corpus"},
    {"extract"},
    {"levels"},
    {"group"},
    {"rules"},
    {"score", "suppress"},
    {"serialize", "frames", "diff"},
    {"render"},
    {"cache", "engine", "api"},
    {"cli", "__main__"},
]
EXEMPT = {"registrations"}


def layer_of(top: str) -> int:
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"checker.{top} is in no layer: add it to LAYERS in tests/test_layers.py")


def top_of(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    return rel.parts[0]


def module_level_imports(tree: ast.Module) -> list[str]:
    out = []
    for node in tree.body:
        stmts = [node]
        if isinstance(node, ast.If):  # TYPE_CHECKING blocks are typing only
            continue
        for stmt in stmts:
            if isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.module.startswith("checker"):
                out.append(stmt.module)
            elif isinstance(stmt, ast.Import):
                out += [a.name for a in stmt.names if a.name.startswith("checker")]
    return out


def test_imports_point_downstream_only():
    problems = []
    for path in sorted(ROOT.rglob("*.py")):
        top = top_of(path)
        if top in EXEMPT:
            continue
        mine = layer_of(top)
        for mod in module_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            parts = mod.split(".")
            if len(parts) < 2:
                continue  # `import checker` / `from checker import __version__`
            other = parts[1]
            if other == top or other in EXEMPT:
                continue
            if layer_of(other) > mine:
                problems.append(f"{path.relative_to(ROOT.parent)} imports {mod} (a later stage)")
    assert not problems, "\n".join(problems)
