"""The audit as a function: the one code path the CLI and Python users share.

corpus -> extract -> group -> rules (verdicts, findings, AI flags) -> score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from checker.config import Config, Suppression
from checker.corpus import iter_corpus
from checker.errors import UsageError
from checker.extract import extract as extract_assertions
from checker.extract import load_model, model_id
from checker.group import group
from checker.model import Assertion, Audit, Document, Finding, InputError
from checker.rules import AuditContext, RuleSet, load_rules
from checker.rules.checks import CredibilityRubric
from checker.score import DEFAULT_CRITERIA, profiles
from checker.suppress import NO_REASON_RULE, UNUSED_RULE
from checker.suppress import apply as apply_suppressions

SUPPRESSION_RULES = {UNUSED_RULE, NO_REASON_RULE}

Input = str | Path | Document


def default_corpus() -> Path:
    """The embedded seed corpus: the installed copy, or ``seeds/`` in a checkout."""
    installed = Path(__file__).resolve().parent / "seeds"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "seeds"


def read_inputs(inputs: Iterable[Input], max_doc_bytes: int = 20_000_000) -> tuple[list[Document], list[InputError]]:
    docs: list[Document] = []
    errors: list[InputError] = []
    paths: list[str | Path] = []
    for item in inputs:
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, (str, Path)):
            paths.append(item)
        else:
            raise UsageError(f"cannot audit a {type(item).__name__}: pass paths or Document objects")
    if paths:
        for got in iter_corpus(paths, max_doc_bytes=max_doc_bytes):
            (errors if isinstance(got, InputError) else docs).append(got)  # type: ignore[arg-type]
    ids = [d.id for d in docs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise UsageError(f"two documents share the id {dupes[0]!r}; give them distinct ids")
    docs.sort(key=lambda d: d.id)
    errors.sort(key=lambda e: (e.path, e.line or 0, e.message))
    return docs, errors


def extract(
    inputs: Iterable[Input] | str,
    *,
    rules: Sequence[str | Path] = (),
    model: str | None = None,
    ruleset: RuleSet | None = None,
) -> list[Assertion]:
    """Assertions of the given documents (a bare string that is not a path is audited as text)."""
    if isinstance(inputs, str) and not Path(inputs).exists():
        inputs = [Document(id="text", text=inputs)]
    elif isinstance(inputs, (str, Path)):
        inputs = [inputs]
    rs = ruleset or load_rules(rules)
    docs, _ = read_inputs(inputs)
    return extract_assertions(docs, rs.qualifiers(), load_model(model))


def audit(
    inputs: Iterable[Input] | None = None,
    *,
    rules: Sequence[str | Path] = (),
    default_rules: bool = True,
    model: str | None = None,
    max_doc_bytes: int = 20_000_000,
    plugins: Sequence[str] = (),
    severity: Mapping[str, str] | None = None,
    suppressions: Sequence[Suppression] = (),
    baseline: frozenset[str] = frozenset(),
    config: Config | None = None,
) -> Audit:
    """Audit a corpus; ``None`` audits the embedded seed corpus.

    ``config`` (a loaded ``checker.toml``/``[tool.checker]``) supplies defaults
    for rules, plugins, model, severity overrides and suppressions; explicit
    arguments are added to (rules, plugins, suppressions) or win over it.
    """
    if config is not None:
        rules = [*config.rules, *rules]
        plugins = [*config.plugins, *plugins]
        model = model or config.model
        severity = {**config.severity, **(severity or {})}
        suppressions = [*config.suppressions, *suppressions]
        default_rules = default_rules and config.default_rules
    rs = load_rules(rules, default=default_rules, plugins=plugins, severity=severity)
    docs, errors = read_inputs([default_corpus()] if inputs is None else inputs, max_doc_bytes)
    nlp = load_model(model)
    assertions = extract_assertions(docs, rs.qualifiers(), nlp)
    groups = rs.judge(group(assertions, rs.synonyms(), rs.grouping_options()), assertions)
    flags = {d.id: rs.ai_flags(d) for d in docs}
    ctx = AuditContext(docs, assertions, groups, flags)
    findings, fixed = apply_suppressions(rs.findings(ctx), docs, suppressions, baseline)
    findings = [_relevel(f, rs) for f in findings if _enabled(f, rs)]
    rubric = [r for r in rs if isinstance(r, CredibilityRubric)]
    criteria = rubric[-1].weights() if rubric else DEFAULT_CRITERIA
    return Audit(
        documents=tuple(docs),
        profiles=tuple(
            profiles(
                docs,
                flags,
                assertions,
                groups,
                criteria,
                synonyms=rs.synonyms(),
                stopwords=rs.grouping_options().get("stopwords", ()),
            )
        ),
        assertions=tuple(assertions),
        groups=tuple(groups),
        findings=tuple(sort_findings(findings)),
        errors=tuple(errors),
        rules=rs.info(),
        model=model_id(nlp),
        baseline_fixed=fixed,
    )


def _enabled(f: Finding, rs: RuleSet) -> bool:
    spec = rs.spec(f.rule)
    return spec is None or spec.enabled


def _relevel(f: Finding, rs: RuleSet) -> Finding:
    """Findings raised outside a rule (suppression bookkeeping) take their rule's configured severity."""
    spec = rs.spec(f.rule)
    return (
        f
        if spec is None or spec.severity is f.severity or f.rule not in SUPPRESSION_RULES
        else replace(f, severity=spec.severity)
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    unique = {f.id: f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.doc_id or "", f.line or 0, f.column or 0, f.rule, f.id))
