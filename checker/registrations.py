"""Where built-ins fill the registries: imported once, lazily, by ``checker.registry``."""

from __future__ import annotations

from typing import IO, Any

import checker.corpus
import checker.rules.agreement
import checker.rules.checks
import checker.rules.pattern
import checker.rules.tables  # noqa: F401
from checker.model import Audit
from checker.registry import renderers


def _json(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import json

    json.render(audit, out)


def _html(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import html

    html.render(audit, out)


renderers.add("json", (_json, "audit.json"))
renderers.add("html", (_html, "audit.html"))
