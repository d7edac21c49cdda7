"""Python plugins: rule kinds (and rules) written in Python, registered like built-ins.

A plugin is a module that registers kinds with ``@rule_kinds.register`` and
may list ready-made rules in a module-level ``RULES`` (entries in the same
shape as a YAML pack). Plugins load only when asked for: installed packages
through the ``checker.rules`` entry-point group, or ``--plugin
module_or_path`` — never from a corpus folder.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from checker.errors import UsageError

ENTRY_POINT_GROUP = "checker.rules"
_loaded: dict[str, ModuleType] = {}


def load_plugin(name: str) -> ModuleType:
    """Import a plugin by file path (``my_rules.py``) or dotted module name."""
    if name in _loaded:
        return _loaded[name]
    path = Path(name)
    try:
        if path.suffix == ".py":
            if not path.is_file():
                raise UsageError(f"plugin file not found: {name}")
            mod_name = f"checker_plugin_{path.stem}"
            spec = importlib.util.spec_from_file_location(mod_name, path)
            if spec is None or spec.loader is None:
                raise UsageError(f"cannot load plugin file {name}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[mod_name] = module
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(name)
    except UsageError:
        raise
    except ImportError as exc:
        raise UsageError(f"cannot import plugin {name!r}: {exc}") from None
    except Exception as exc:  # a broken plugin is the user's error, reported in one line
        raise UsageError(f"plugin {name!r} failed to load: {type(exc).__name__}: {exc}") from None
    _loaded[name] = module
    return module


def entry_point_plugins() -> list[str]:
    """Names of installed plugins (entry-point group ``checker.rules``), sorted."""
    return sorted(ep.value for ep in metadata.entry_points(group=ENTRY_POINT_GROUP))


def load_plugins(names: Iterable[str] = (), *, installed: bool = True) -> list[ModuleType]:
    wanted = list(names) + (entry_point_plugins() if installed else [])
    return [load_plugin(n) for n in dict.fromkeys(wanted)]


def plugin_rules(modules: Iterable[ModuleType]) -> list[tuple[str, list[dict[str, Any]]]]:
    """``(source, entries)`` for each plugin that ships ready-made rules in ``RULES``."""
    out = []
    for m in modules:
        entries = getattr(m, "RULES", None)
        if entries:
            out.append((getattr(m, "__file__", None) or m.__name__, list(entries)))
    return out
