"""Where built-ins fill the registries: imported once, lazily, by ``checker.registry``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import IO, Any

import checker.corpus
import checker.rules.agreement
import checker.rules.checks
import checker.rules.figures
import checker.rules.pattern
import checker.rules.tables  # noqa: F401
from checker.model import Audit
from checker.registry import renderers


def _lazy(module: str, function: str = "render") -> Callable[..., None]:
    """A renderer that imports its module on first use, so ``--format json`` never loads Jinja or pandas."""

    def render(audit: Audit, out: IO[str], **options: Any) -> None:
        getattr(importlib.import_module(f"checker.render.{module}"), function)(audit, out, **options)

    render.__name__ = f"render_{module}_{function}"
    return render


renderers.add("json", (_lazy("json"), "audit.json"))
renderers.add("html", (_lazy("html"), "audit.html"))
renderers.add("sarif", (_lazy("sarif"), "audit.sarif"))
renderers.add("junit", (_lazy("junit"), "junit.xml"))
renderers.add("github", (_lazy("github"), "github.txt"))
renderers.add("md", (_lazy("markdown"), "summary.md"))
renderers.add("csv", (_lazy("csv"), "assertions.csv"))
renderers.add("csv-groups", (_lazy("csv", "render_groups"), "groups.csv"))
