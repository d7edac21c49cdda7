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


def _sarif(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import sarif

    sarif.render(audit, out, **options)


def _junit(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import junit

    junit.render(audit, out, **options)


def _github(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import github

    github.render(audit, out, **options)


def _md(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import markdown

    markdown.render(audit, out, **options)


def _csv(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import csv

    csv.render(audit, out, **options)


def _csv_groups(audit: Audit, out: IO[str], **options: Any) -> None:
    from checker.render import csv

    csv.render_groups(audit, out, **options)


renderers.add("json", (_json, "audit.json"))
renderers.add("html", (_html, "audit.html"))
renderers.add("sarif", (_sarif, "audit.sarif"))
renderers.add("junit", (_junit, "junit.xml"))
renderers.add("github", (_github, "github.txt"))
renderers.add("md", (_md, "summary.md"))
renderers.add("csv", (_csv, "assertions.csv"))
renderers.add("csv-groups", (_csv_groups, "groups.csv"))
