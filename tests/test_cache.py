"""The extraction cache: a warm run does no NLP, keys follow what extraction reads, bad entries heal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import checker
import checker.cache as cache_mod
import checker.engine as engine_mod
from checker.api import audit
from checker.cache import (
    AnalysisCache,
    ExtractionCache,
    analysis_key,
    context_key,
    default_cache_dir,
    document_key,
    qualifier_hash,
    resolve_model,
)
from checker.config import Suppression
from checker.engine import ProgressEvent, run_extraction
from checker.extract import load_model, model_id
from checker.model import Assertion, Document, Excluded, Qualifier, QualifierEntry
from checker.rules import load_rules
from checker.serialize import dumps

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DOCS = [
    Document(id="a.txt", text="Exports rose to about 16.2 million tons in 2024.\nThe rest is prose."),
    Document(id="b.txt", text="China holds 85–95% of global processing capacity, analysts said."),
    Document(id="c.txt", text="Nothing to see here, no figures at all."),
]


def _no_model(*_args, **_kwargs):
    raise AssertionError("the spaCy model was loaded on a warm run")


@pytest.fixture(scope="module")
def quals():
    return load_rules([]).qualifiers()


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, str]:
    """A cache filled by one seed audit, and that audit's JSON."""
    root = tmp_path_factory.mktemp("cache")
    return root, dumps(audit([SEEDS], cache_dir=root))


def test_second_run_hits_the_cache_and_never_loads_the_model(warm, monkeypatch):
    root, first = warm
    monkeypatch.setattr(engine_mod, "load_model", _no_model)
    monkeypatch.setattr("checker.extract.pipeline.load_model", _no_model)
    assert dumps(audit([SEEDS], cache_dir=root)) == first


def test_cached_and_uncached_audits_are_byte_identical(warm):
    _, first = warm
    assert dumps(audit([SEEDS], use_cache=False)) == first


def _no_grouping(*_args, **_kwargs):
    raise AssertionError("an unchanged corpus was re-analysed")


def test_unchanged_corpus_is_not_reanalysed(warm, monkeypatch):
    root, first = warm
    fresh = audit([SEEDS], use_cache=False)
    monkeypatch.setattr("checker.api.group", _no_grouping)
    monkeypatch.setattr("checker.api.profiles", _no_grouping)
    again = audit([SEEDS], cache_dir=root)
    assert dumps(again) == first
    assert again == fresh  # the same objects, document text included
    assert all(d.text for d in again.documents)


def test_rules_and_settings_invalidate_the_analysis(warm, tmp_path):
    """Each run setting that changes the analysis gets its own entry, never a stale one."""
    root, first = warm
    pack = tmp_path / "extra.yaml"
    pack.write_text("id: X-1\nkind: pattern\nmessage: rare earths\nphrases:\n  - rare earth\n", encoding="utf-8")
    runs = [
        {"severity": {"CHK100": "off"}},
        {"suppressions": [Suppression(rules=("CHK100",), reason="known", doc="*")]},
        {"baseline": frozenset({"F0000000000"})},
        {"rules": [pack]},
    ]
    for kwargs in runs:
        cached = audit([SEEDS], cache_dir=root, **kwargs)
        assert dumps(cached) != first, kwargs  # the setting changes the analysis: a stale entry would show
        assert dumps(cached) == dumps(audit([SEEDS], use_cache=False, **kwargs)), kwargs
    assert dumps(audit([SEEDS], cache_dir=root)) == first


def test_analysis_key_follows_documents_rules_settings_and_code(quals, monkeypatch):
    ctx = context_key("m==1", quals)
    fp = load_rules([]).fingerprint()
    key = analysis_key(DOCS, ctx, fp)
    assert key == analysis_key(list(reversed(DOCS)), ctx, fp)  # order of reading does not matter
    assert key != analysis_key(DOCS[:2], ctx, fp)
    assert key != analysis_key([replace(DOCS[0], text=DOCS[0].text + " More."), *DOCS[1:]], ctx, fp)
    dated = replace(DOCS[0], meta=replace(DOCS[0].meta, published="2025-10-27"))
    assert key != analysis_key([dated, *DOCS[1:]], ctx, fp)  # metadata feeds dating and updated figures
    assert key != analysis_key(DOCS, context_key("m==2", quals), fp)
    assert key != analysis_key(DOCS, ctx, load_rules([], severity={"CHK100": "off"}).fingerprint())
    assert key != analysis_key(DOCS, ctx, fp, ["baseline"])
    assert load_rules([]).fingerprint() == fp  # stable across loads
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda scope="extract": "edited")
    assert analysis_key(DOCS, ctx, fp) != key


def test_a_corrupt_analysis_is_recomputed_and_rewritten(tmp_path):
    first = dumps(audit(DOCS, cache_dir=tmp_path))
    (entry,) = AnalysisCache(tmp_path).root.glob("*/*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["value"]["groups"] = "not a list"
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert dumps(audit(DOCS, cache_dir=tmp_path)) == first
    assert json.loads(entry.read_text(encoding="utf-8"))["value"]["groups"] != "not a list"


def test_one_entry_per_document_even_without_assertions(tmp_path, quals):
    store = ExtractionCache(tmp_path)
    got = run_extraction(DOCS, quals, cache=store)
    assert store.stats()[0] == len(DOCS)
    assert {a.doc_id for a in got} == {"a.txt", "b.txt"}
    again = ExtractionCache(tmp_path)
    assert run_extraction(DOCS, quals, cache=again) == got
    assert (again.hits, again.misses) == (len(DOCS), 0)


def test_key_changes_with_text_id_excluded_model_and_qualifiers(quals):
    ctx = context_key("en_core_web_sm==3.8.0", quals)
    doc = DOCS[0]
    key = document_key(doc, ctx)
    assert key == document_key(Document(id=doc.id, text=doc.text), ctx)  # metadata and path are not read
    assert key != document_key(replace(doc, text=doc.text.replace("16.2", "16.3")), ctx)
    assert key != document_key(replace(doc, id="other.txt"), ctx)
    assert key != document_key(replace(doc, excluded=(Excluded(0, 7, "furniture"),)), ctx)
    assert key != document_key(doc, context_key("en_core_web_sm==3.8.1", quals))
    assert key != document_key(doc, context_key("en_core_web_md==3.8.0", quals))
    extra = QualifierEntry("roughly", Qualifier.APPROX, low=0.9, high=1.1)
    assert key != document_key(doc, context_key("en_core_web_sm==3.8.0", [*quals, extra]))
    assert key != document_key(doc, context_key("en_core_web_sm==3.8.0", [replace(quals[0], high=2.0), *quals[1:]]))


def test_key_changes_with_the_checker_version_and_the_extraction_code(quals, monkeypatch):
    ctx = context_key("m==1", quals)
    monkeypatch.setattr(checker, "__version__", "99.0")
    assert context_key("m==1", quals) != ctx
    monkeypatch.undo()
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "edited")
    assert context_key("m==1", quals) != ctx


def test_qualifier_hash_ignores_table_order(quals):
    assert qualifier_hash(quals) == qualifier_hash(list(reversed(quals)))


def test_model_id_is_read_without_loading_and_matches_the_loaded_model():
    resolved = resolve_model(None)
    assert resolved is not None
    assert resolved[1] == model_id(load_model())
    assert resolve_model("no_such_model_package") is None


def test_corrupt_entries_are_ignored_and_rewritten(tmp_path, quals):
    store = ExtractionCache(tmp_path)
    expected = run_extraction(DOCS, quals, cache=store)
    entries = sorted(store.root.glob("*/*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_bytes(b"")
    data = json.loads(entries[2].read_text(encoding="utf-8"))
    entries[2].write_text(json.dumps({**data, "key": "0" * 64}), encoding="utf-8")  # someone else's entry
    again = ExtractionCache(tmp_path)
    assert run_extraction(DOCS, quals, cache=again) == expected
    assert again.misses == 3
    for e in entries:
        assert json.loads(e.read_text(encoding="utf-8"))["key"] == e.stem
    assert not list(store.root.glob("*/.*.tmp"))  # no temp files left behind


def test_an_unusable_cache_dir_only_costs_the_cache(tmp_path, quals):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert run_extraction(DOCS, quals, cache=ExtractionCache(blocker)) == run_extraction(DOCS, quals)


def test_assertion_dict_form_round_trips(quals):
    for a in run_extraction(DOCS, quals):
        assert Assertion.from_record(json.loads(json.dumps(a.to_record()))) == a


def test_progress_reports_documents_and_stages(tmp_path):
    events: list[ProgressEvent] = []
    audit(DOCS, cache_dir=tmp_path, progress=events.append)
    extract = [e for e in events if e.stage == "extract"]
    assert extract[-1].done == extract[-1].total == len(DOCS)
    assert extract[-1].sentences >= len(DOCS)
    assert [e.stage for e in events if e.stage != "extract"] == ["group", "rules", "score"]


def test_default_cache_dir_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path
    monkeypatch.delenv("CHECKER_CACHE_DIR")
    assert default_cache_dir().name == "checker"


def _cli(*args: str, cache_env: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache_env)}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env)  # fmt: skip


def test_cli_cache_dir_and_no_cache(tmp_path):
    env_dir, flag_dir = tmp_path / "env", tmp_path / "flag"
    common = ("audit", "seeds", "--format", "json", "--fail-on", "never", "-q", "--isolated")
    off = _cli(*common, "--out", str(tmp_path / "off"), "--no-cache", "--cache-dir", str(flag_dir), cache_env=env_dir)
    assert off.returncode == 0, off.stderr
    assert not env_dir.exists() and not flag_dir.exists()
    on = _cli(*common, "--out", str(tmp_path / "on"), "--cache-dir", str(flag_dir), cache_env=env_dir)
    assert on.returncode == 0, on.stderr
    assert not env_dir.exists()
    assert ExtractionCache(flag_dir).stats()[0] == 5
    assert (tmp_path / "on" / "audit.json").read_bytes() == (tmp_path / "off" / "audit.json").read_bytes()
    assert AnalysisCache(flag_dir).stats()[0] == 1
    info = _cli("cache", "info", "--cache-dir", str(flag_dir), cache_env=env_dir)
    assert "extract-v2: 5 entries" in info.stdout and "audit-v2: 1 entries" in info.stdout
    cleared = _cli("cache", "clear", cache_env=flag_dir)
    assert "removed 6 entries" in cleared.stderr
    assert ExtractionCache(flag_dir).stats()[0] == AnalysisCache(flag_dir).stats()[0] == 0


def test_progress_bar_only_on_a_terminal(monkeypatch, capsys):
    import checker.cli as cli

    with cli.progress_display() as progress:
        assert progress is None  # pytest's captured stderr is not a terminal
    monkeypatch.setattr(cli, "_stderr_is_tty", lambda: True)
    with cli.progress_display(enabled=False) as progress:
        assert progress is None  # --quiet
    with cli.progress_display() as progress:
        assert progress is not None
        progress(ProgressEvent("extract", 1, None, 12))
        progress(ProgressEvent("extract", 3, 3, 40))
        progress(ProgressEvent("group", 3, 3, 0))
    assert "Traceback" not in capsys.readouterr().err
