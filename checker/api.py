"""The audit as a function: the one code path the CLI and Python users share.

corpus -> extract -> group -> rules (verdicts, findings, AI flags) -> score.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path

from checker.cache import AnalysisCache, ExtractionCache, analysis_key, context_key, default_cache_dir
from checker.config import Config, Suppression
from checker.corpus import iter_corpus
from checker.corpus.copies import find_copies
from checker.engine import ModelRef, Progress, ProgressEvent, check_engine, run_extraction
from checker.errors import UsageError
from checker.extract import extract as extract_assertions
from checker.extract import load_model
from checker.group import group
from checker.levels import change_levels
from checker.model import Assertion, Audit, Document, Finding, Group, InputError
from checker.rules import AuditContext, RuleSet, load_rules
from checker.rules.checks import CredibilityRubric
from checker.score import DEFAULT_CRITERIA, profiles
from checker.serialize import from_dict, to_dict
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


def read_inputs(
    inputs: Iterable[Input], max_doc_bytes: int = 20_000_000, text_column: str = "text"
) -> tuple[list[Document], list[InputError]]:
    """All documents (sorted by id) and input errors: ``iter_inputs`` collected."""
    errors: list[InputError] = []
    docs = sorted(iter_inputs(inputs, errors, max_doc_bytes, text_column), key=lambda d: d.id)
    errors.sort(key=lambda e: (e.path, e.line or 0, e.message))
    return docs, errors


def iter_inputs(
    inputs: Iterable[Input], errors: list[InputError], max_doc_bytes: int = 20_000_000, text_column: str = "text"
) -> Iterator[Document]:
    """``read_inputs`` as a stream: documents as the corpus stage yields them (Document objects
    first), input errors appended to ``errors``; a document id seen twice is a usage error."""
    seen: set[str] = set()
    paths: list[str | Path] = []

    def fresh(doc: Document) -> Document:
        if doc.id in seen:
            raise UsageError(f"two documents share the id {doc.id!r}; give them distinct ids")
        seen.add(doc.id)
        return doc

    for item in inputs:
        if isinstance(item, Document):
            yield fresh(item)
        elif isinstance(item, (str, Path)):
            paths.append(item)
        else:
            raise UsageError(f"cannot audit a {type(item).__name__}: pass paths or Document objects")
    if paths:
        for got in iter_corpus(paths, max_doc_bytes=max_doc_bytes, text_column=text_column):
            if isinstance(got, InputError):
                errors.append(got)
            else:
                yield fresh(got)


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
    use_cache: bool = True,
    cache_dir: str | Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
    text_column: str = "text",
) -> Audit:
    """Audit a corpus; ``None`` audits the embedded seed corpus.

    ``config`` (a loaded ``checker.toml``/``[tool.checker]``) supplies defaults
    for rules, plugins, model, severity overrides and suppressions; explicit
    arguments are added to (rules, plugins, suppressions) or win over it.

    Extraction results are cached per document under ``cache_dir`` (default:
    ``$CHECKER_CACHE_DIR`` or the user cache folder) unless ``use_cache`` is
    false. ``engine="dask"`` extracts on a Dask cluster (``scheduler`` address,
    else a private local one). ``progress`` is called with a ``ProgressEvent``
    after every batch of documents and at the start of each later stage.
    """
    if config is not None:
        rules = [*config.rules, *rules]
        plugins = [*config.plugins, *plugins]
        model = model or config.model
        severity = {**config.severity, **(severity or {})}
        suppressions = [*config.suppressions, *suppressions]
        default_rules = default_rules and config.default_rules
    check_engine(engine, scheduler)
    rs = load_rules(rules, default=default_rules, plugins=plugins, severity=severity)
    items = [default_corpus()] if inputs is None else list(inputs)
    total = len(items) if all(isinstance(i, Document) for i in items) else None
    docs: list[Document] = []
    errors: list[InputError] = []

    def collected() -> Iterator[Document]:
        for doc in iter_inputs(items, errors, max_doc_bytes, text_column):
            docs.append(doc)
            yield doc

    ref = ModelRef(model)
    root = cache_dir if cache_dir is not None else default_cache_dir()
    cache = ExtractionCache(root) if use_cache else None
    assertions = run_extraction(
        collected(), rs.qualifiers(), ref, engine, scheduler, cache=cache, progress=progress, total=total
    )
    docs.sort(key=lambda d: d.id)
    errors.sort(key=lambda e: (e.path, e.line or 0, e.message))
    memo = _Memo(root, docs, ref.id, rs, suppressions, baseline) if use_cache else None
    if memo is not None and (cached := memo.get()) is not None:
        return replace(cached, documents=tuple(docs), errors=tuple(errors))

    def stage(name: str) -> None:
        if progress is not None:
            progress(ProgressEvent(name, len(docs), len(docs), 0))

    stage("group")
    # a "from X to Y" change is two levels (before, after): they are what groups compare
    assertions = sorted([*assertions, *change_levels(assertions, docs)], key=lambda a: (a.doc_id, a.start, a.end))
    groups = group_and_judge(assertions, docs, rs)
    stage("rules")
    flags = {d.id: rs.ai_flags(d) for d in docs}
    ctx = AuditContext(docs, assertions, groups, flags)
    findings, fixed = apply_suppressions(rs.findings(ctx), docs, suppressions, baseline)
    stage("score")
    findings = [_relevel(f, rs) for f in findings if _enabled(f, rs)]
    rubric = [r for r in rs if isinstance(r, CredibilityRubric)]
    criteria = rubric[-1].weights() if rubric else DEFAULT_CRITERIA
    result = Audit(
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
        model=ref.id,
        baseline_fixed=fixed,
    )
    if memo is not None:
        memo.put(result)
    return result


def group_and_judge(assertions: Sequence[Assertion], docs: Sequence[Document], rs: RuleSet) -> list[Group]:
    """The cross-source groups of a corpus's assertions (change levels included), each with its verdict:
    what ``audit`` does between extraction and the rules, and what ``benchmarks/tune_grouping.py`` redoes per
    trial."""
    published = {d.id: d.meta.published for d in docs}
    texts = {d.id: d.text for d in docs}
    return rs.judge(group(assertions, rs.synonyms(), rs.grouping_options(), published, find_copies(docs), texts),
                    assertions)


class _Memo:
    """The analysis cache for one corpus: what grouping, rules and scoring made of exactly these
    documents, extractions, rules and settings last time (see ``checker.cache``)."""

    def __init__(
        self,
        root: str | Path,
        docs: Sequence[Document],
        model: str,
        rs: RuleSet,
        suppressions: Sequence[Suppression],
        baseline: frozenset[str],
    ) -> None:
        self.store = AnalysisCache(root)
        settings = [json.dumps(asdict(s), sort_keys=True) for s in suppressions]
        settings.append(json.dumps(sorted(baseline)))
        self.key = analysis_key(docs, context_key(model, rs.qualifiers()), rs.fingerprint(), settings)

    def get(self) -> Audit | None:
        return self.store.load(self.key, from_dict)

    def put(self, result: Audit) -> None:
        self.store.write(self.key, to_dict(result))


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
