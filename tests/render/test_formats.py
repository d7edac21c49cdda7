"""The CI formats: SARIF, JUnit XML, GitHub workflow commands, Markdown summary, CSV."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import pytest

from checker.model import Audit, Finding, InputError, Severity
from checker.registry import renderers
from checker.render import csv as csv_render
from checker.render import github, junit, markdown, sarif
from tests.render.audit_fixture import fixed_audit

SCHEMA = Path(__file__).parents[2].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
FORMATS = {"sarif", "junit", "github", "md", "csv", "csv-groups"}
FILES = {"sarif": "audit.sarif", "junit": "junit.xml", "github": "github.txt", "md": "summary.md",
         "csv": "assertions.csv", "csv-groups": "groups.csv"}


def _render(name: str, audit: Audit, **options: Any) -> str:
    fn, _ = renderers.get(name)
    buf = io.StringIO()
    fn(audit, buf, **options)
    return buf.getvalue()


def _with_finding(audit: Audit, **changes: Any) -> Audit:
    """The audit with its first finding changed."""
    first = dataclasses.replace(audit.findings[0], **changes)
    return dataclasses.replace(audit, findings=(first, *audit.findings[1:]))


# ------------------------------------------------------------------ registration


def test_formats_are_registered_with_their_file_names() -> None:
    assert set(renderers.names()) >= FORMATS
    for name, filename in FILES.items():
        assert renderers.get(name)[1] == filename


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
def test_every_format_is_deterministic(name: str, fail_on: str) -> None:
    first = _render(name, fixed_audit(), fail_on=fail_on)
    assert first
    assert _render(name, fixed_audit(), fail_on=fail_on) == first
    # the input order of findings, groups and assertions does not matter either
    a = fixed_audit()
    shuffled = dataclasses.replace(a, findings=a.findings[::-1], groups=a.groups[::-1], assertions=a.assertions[::-1],
                                   rules=a.rules[::-1])
    assert _render(name, shuffled, fail_on=fail_on) == first


def test_fixture_is_consistent() -> None:
    a = fixed_audit()
    assert a == fixed_audit()
    docs = {d.id: d for d in a.documents}
    for x in a.assertions:
        assert docs[x.doc_id].text[x.start:x.end] == x.text
        assert docs[x.doc_id].line_col(x.start) == (x.line, x.column)
    ids = {x.id for x in a.assertions}
    for g in a.groups:
        assert set(g.members) <= ids and set(g.decided_by or ()) <= ids
    assert {f.rule for f in a.findings} <= {r.id for r in a.rules}
    assert {f.severity for f in a.findings} == set(Severity)
    assert any(f.doc_id is None and f.group_id for f in a.findings)
    assert any(p.ai_generated and p.ai_flags for p in a.profiles)
    for p in a.profiles:
        for flag in p.ai_flags:
            assert docs[p.doc_id].text[flag.start:flag.end] == flag.evidence


# ------------------------------------------------------------------------- SARIF


def _sarif(audit: Audit) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(_render("sarif", audit))
    return log


def _validate(log: dict[str, Any]) -> None:
    if not SCHEMA.exists():
        pytest.skip(f"no SARIF schema at {SCHEMA}")
    import jsonschema  # type: ignore[import-untyped, unused-ignore]

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_validates_against_the_schema() -> None:
    log = _sarif(fixed_audit())
    _validate(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "checker"
    from checker import __version__

    assert driver["version"] == __version__
    assert "informationUri" not in driver


def test_sarif_results_are_located_and_fingerprinted() -> None:
    audit = fixed_audit()
    results = _sarif(audit)["runs"][0]["results"]
    assert len(results) == len(audit.findings)
    assert {r["partialFingerprints"]["checkerFindingId/v1"] for r in results} == {f.id for f in audit.findings}
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    by_id = {r["partialFingerprints"]["checkerFindingId/v1"]: r for r in results}
    bounds = by_id["f-5c0e2a9b41d7"]["locations"][0]["physicalLocation"]
    assert bounds["artifactLocation"]["uri"] == "seeds/ap-2024-03-06.txt"
    assert bounds["region"] == {"startLine": 5, "startColumn": 19, "endLine": 5, "endColumn": 23,
                                "snippet": {"text": "130%"}}
    # the group-only finding sits on the group's deciding assertion (A-reu-2, "85–95%")
    group_only = by_id["f-c4e8f1a25d93"]
    assert group_only["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/reuters-rare-earths.txt"
    assert group_only["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "85–95%"
    assert group_only["properties"]["groupId"] == "G002"


def test_sarif_results_sorted_in_document_order() -> None:
    audit = fixed_audit()
    results = _sarif(audit)["runs"][0]["results"]
    expected = [f.id for f in sorted(audit.findings, key=lambda f: (f.doc_id or "", f.line or 0, f.column or 0,
                                                                     f.rule, f.id))]
    assert [r["partialFingerprints"]["checkerFindingId/v1"] for r in results] == expected


def test_sarif_rules_and_levels() -> None:
    audit = fixed_audit()
    run = _sarif(audit)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.id for r in audit.rules)
    info = {r.id: r for r in audit.rules}
    for r in rules:
        assert r["name"] == info[r["id"]].summary  # kebab-case summaries are used as names
        assert r["shortDescription"]["text"] == info[r["id"]].summary
        assert r["fullDescription"]["text"] == info[r["id"]].help
        assert r["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            info[r["id"]].severity.value]
    severity = {f.id: f.severity for f in audit.findings}
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        want = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
        assert res["level"] == want[severity[res["partialFingerprints"]["checkerFindingId/v1"]]]


def test_sarif_describes_rules_the_audit_does_not() -> None:
    audit = _with_finding(fixed_audit(), rule="PLUGIN9")
    run = _sarif(audit)["runs"][0]
    _validate({"version": "2.1.0", "runs": [run]})
    rules = run["tool"]["driver"]["rules"]
    res = next(r for r in run["results"] if r["ruleId"] == "PLUGIN9")
    assert rules[res["ruleIndex"]]["id"] == "PLUGIN9"


def test_sarif_input_errors_are_notifications() -> None:
    inv = _sarif(fixed_audit())["runs"][0]["invocations"]
    assert inv[0]["executionSuccessful"] is True
    notes = inv[0]["toolExecutionNotifications"]
    assert len(notes) == 1
    n = notes[0]
    assert n["level"] == "error"
    assert "invalid YAML" in n["message"]["text"]
    assert n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/sources.yaml"
    assert n["locations"][0]["physicalLocation"]["region"]["startLine"] == 7


def test_sarif_paths_become_uris() -> None:
    audit = fixed_audit()
    docs = tuple(dataclasses.replace(d, path=f"/abs/with space/{d.id}") if d.id.startswith("blog") else
                 dataclasses.replace(d, path=f"my docs\\{d.id}") for d in audit.documents)
    audit = dataclasses.replace(audit, documents=docs, errors=(InputError("C:\\corpus\\x.txt", "unreadable"),))
    log = _sarif(audit)
    _validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["locations"][0]["physicalLocation"]
            for r in log["runs"][0]["results"]}
    assert uris["file:///abs/with%20space/blog-minerals.md"]["artifactLocation"].get("uriBaseId") is None
    assert uris["my%20docs/ap-2024-03-06.txt"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    note = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///C:/corpus/x.txt"}


def test_sarif_cap_keeps_the_most_severe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    audit = fixed_audit()
    log = _sarif(audit)
    _validate(log)
    run = log["runs"][0]
    kept = [r["partialFingerprints"]["checkerFindingId/v1"] for r in run["results"]]
    # the error, then the first warning in document order (CHK100 on blog-minerals.md:3)
    assert sorted(kept) == sorted(["f-5c0e2a9b41d7", "f-91aa4c07e3f2"])
    assert [r["level"] for r in run["results"]] == ["error", "warning"]
    assert run["properties"]["truncated"] is True
    assert run["properties"]["totalResults"] == len(audit.findings)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("only the 2 most severe" in n["message"]["text"] for n in notes)


def test_sarif_not_truncated_has_no_note() -> None:
    run = _sarif(fixed_audit())["runs"][0]
    assert "truncated" not in run.get("properties", {})


# ------------------------------------------------------------------------- JUnit


def _junit(audit: Audit, fail_on: str) -> ET.Element:
    return ET.fromstring(_render("junit", audit, fail_on=fail_on).encode("utf-8"))


def _check_counts(root: ET.Element) -> None:
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors", "-1")) == sum(1 for c in cases if c.find("error") is not None)
        assert int(suite.get("skipped", "-1")) == sum(1 for c in cases if c.find("skipped") is not None)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        assert int(root.get(key, "-1")) == value, key


@pytest.mark.parametrize(("fail_on", "failing_types"), [
    ("error", {"error"}),
    ("warning", {"error", "warning"}),
    ("info", {"error", "warning", "info"}),
    ("never", set()),
])
def test_junit_counts_and_threshold(fail_on: str, failing_types: set[str]) -> None:
    audit = fixed_audit()
    root = _junit(audit, fail_on)
    assert root.tag == "testsuites" and root.get("name") == "checker"
    _check_counts(root)
    failures = root.findall(".//failure")
    assert {f.get("type") for f in failures} == failing_types
    expected = sum(1 for f in audit.findings if f.severity.value in failing_types)
    assert int(root.get("failures", "0")) == expected  # one finding per failing testcase in the fixture
    # every finding shows up, failing or as system-out
    text = "\n".join((e.text or "") for e in root.iter() if e.tag in {"failure", "system-out"})
    for f in audit.findings:
        assert f.message in text
    assert int(root.get("errors", "0")) == len(audit.errors)


def test_junit_suites_and_cases() -> None:
    audit = fixed_audit()
    root = _junit(audit, "error")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {f"checker.{r.id}" for r in audit.rules} | {"checker.inputs"}
    agreement = [c.get("name") for c in suites["checker.CHK001"].findall("testcase")]
    assert agreement == ["group G001: China rare earth ore processed",
                         "group G002: China global rare earth processing capacity"]
    bounds = suites["checker.CHK020"].findall("testcase")
    assert [c.get("name") for c in bounds] == sorted(d.id for d in audit.documents)
    assert {c.get("classname") for c in bounds} == {"checker.CHK020"}
    failing = [c for c in bounds if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["ap-2024-03-06.txt"]
    failure = failing[0].find("failure")
    assert failure is not None and failure.get("message") == "130% is a share outside 0-100%"
    assert "seeds/ap-2024-03-06.txt:5:19" in (failure.text or "")
    err = suites["checker.inputs"].find("testcase/error")
    assert err is not None and err.get("type") == "E210"


def test_junit_survives_hostile_text() -> None:
    audit = _with_finding(fixed_audit(), message="bad \x00\x1b chars <tag> & \"quotes\" ]]> \ud800")
    root = _junit(audit, "info")
    assert any("<tag> & \"quotes\" ]]>" in (f.get("message") or "") for f in root.iter("failure"))


# ------------------------------------------------------------------------ GitHub

_GH_LINE = re.compile(r"^::(error|warning|notice)( [A-Za-z]+=[^,:]*(,[A-Za-z]+=[^,:]*)*)?::.*$")


def test_github_one_line_per_finding_and_error() -> None:
    audit = fixed_audit()
    out = _render("github", audit)
    lines = out.splitlines()
    assert out.endswith("\n")
    assert len(lines) == len(audit.findings) + len(audit.errors)
    for line in lines:
        assert _GH_LINE.match(line), line
    assert lines[0] == ("::error file=seeds/sources.yaml,line=7,title=E210::invalid YAML in sidecar: mapping values "
                        "are not allowed here")
    assert ("::error file=seeds/ap-2024-03-06.txt,line=5,endLine=5,col=19,endColumn=23,title=CHK020::"
            "130%25 is a share outside 0-100%25") in lines
    levels = [line.split(" ", 1)[0] for line in lines[1:]]
    assert sorted(levels) == sorted(["::error", "::warning", "::warning", "::warning", "::notice", "::notice"])


def test_github_escaping() -> None:
    audit = fixed_audit()
    docs = tuple(dataclasses.replace(d, path="odd,dir/a:b.txt") if d.id == "ap-2024-03-06.txt" else d
                 for d in audit.documents)
    audit = dataclasses.replace(audit, documents=docs, errors=())
    target = next(f for f in audit.findings if f.rule == "CHK020")
    changed = dataclasses.replace(target, message="50% of all:\r\nnext, line")
    audit = dataclasses.replace(audit, findings=tuple(changed if f is target else f for f in audit.findings))
    line = next(x for x in _render("github", audit).splitlines() if "CHK020" in x)
    assert line == ("::error file=odd%2Cdir/a%3Ab.txt,line=5,endLine=5,col=19,endColumn=23,title=CHK020::"
                    "50%25 of all:%0D%0Anext, line")
    assert github.escape_property("a%b\n:,") == "a%25b%0A%3A%2C"
    assert github.escape_data("a%b\r\n:,") == "a%25b%0D%0A:,"


# ---------------------------------------------------------------------- Markdown


def test_markdown_summary_sections() -> None:
    out = _render("md", fixed_audit())
    assert out.startswith("## checker audit\n")
    assert "**Fails** at `--fail-on error`: 1 finding at or above error." in out
    assert "- **3** documents, **8** assertions" in out
    assert "- **2** groups: 1 conflict, 0 minor discrepancy, 1 agree" in out
    assert "- **1** AI-generated source" in out
    assert "- **6** findings: 1 error, 3 warning, 2 info" in out
    assert "| Verdict | Subject and measure | Values | Reason |" in out
    assert ("| **conflict** | G001: China rare earth ore processed (t) | “16.2 million tonnes” (ap-2024-03-06.txt); "
            "“16.1 million tons” (blog-minerals.md); “about 16.2 million tons” (reuters-rare-earths.txt) |") in out
    assert "G002" not in out.split("### AI-generated sources")[0]  # agreeing groups are not listed
    assert ("| blog-minerals.md | 18/100 | CHK100 disclosure | 3 | “AI Disclaimer: This article was generated by AI.” "
            "|") in out
    assert "| error | CHK020 | seeds/ap-2024-03-06.txt:5:19 | 130% is a share outside 0-100% |" in out
    assert "### Input errors" in out
    assert "**Passes**" in _render("md", fixed_audit(), fail_on="never")


def _cells(row: str) -> list[str]:
    """Split a table row on unescaped pipes."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_escapes_untrusted_text() -> None:
    audit = fixed_audit()
    hostile = "x | y <script>alert(1)</script> `code` [link](javascript:alert(1)) *b* $x$\nnew line"
    audit = _with_finding(audit, message=hostile)
    groups = (dataclasses.replace(audit.groups[0], reason=hostile), *audit.groups[1:])
    audit = dataclasses.replace(audit, groups=groups)
    out = _render("md", audit)
    assert "<script>" not in out and "<" not in out.replace("&lt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "x \\| y" in out
    assert "\\`code\\`" in out and "\\[link\\]" in out and "\\*b\\*" in out and "\\$x\\$" in out
    for line in out.splitlines():
        if line.startswith("| "):
            assert len(_cells(line)) in {3, 4, 5}, line
    finding_rows = [x for x in out.splitlines() if "alert(1)" in x]
    assert len(finding_rows) == 2  # newline did not split the rows
    assert all(len(_cells(r)) == 4 for r in finding_rows)
    assert markdown.cell("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def test_markdown_findings_table_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_FINDINGS", 2)
    out = _render("md", fixed_audit())
    table = out.split("### Findings")[1].split("###")[0]
    rows = [x for x in table.splitlines() if x.startswith("| ") and "---" not in x][1:]
    assert len(rows) == 2
    assert rows[0].startswith("| error | CHK020")
    assert "… and 4 more" in out


# --------------------------------------------------------------------------- CSV


def _read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)


def test_csv_assertions_round_trip() -> None:
    audit = fixed_audit()
    text = _render("csv", audit)
    assert "\r" not in text and text.endswith("\n")
    df = _read_csv(text)
    assert tuple(df.columns) == csv_render.ASSERTION_COLUMNS
    assert list(df["id"]) == [a.id for a in sorted(audit.assertions, key=lambda a: (a.doc_id, a.start, a.id))]
    row = df.set_index("id").loc["A-blog-2"]
    assert row["text"] == "more than 80 percent"
    assert float(row["value"]) == 80.0 and float(row["low"]) == 80.0 and row["high"] == ""
    assert row["qualifier"] == "gt" and row["group_id"] == "G002" and row["verdict"] == "agree"
    assert int(row["line"]) == 6 and int(row["column"]) == 10
    assert df.set_index("id").loc["A-reu-3", "group_id"] == ""  # no group
    for col in csv_render.ASSERTION_COLUMNS:  # documented in the module docstring
        assert re.search(rf"^(\w+, )?{col}\b", csv_render.__doc__ or "", re.M), col


def test_csv_groups_round_trip() -> None:
    audit = fixed_audit()
    df = _read_csv(_render("csv-groups", audit))
    assert tuple(df.columns) == csv_render.GROUP_COLUMNS
    assert list(df["id"]) == ["G001", "G002"]
    g = df.set_index("id").loc["G001"]
    assert g["verdict"] == "conflict" and int(g["members"]) == 3 and int(g["sources"]) == 3
    assert g["decided_by"] == "A-ap-1 A-blog-1"
    assert g["values"] == ("'16.2 million tonnes' (ap-2024-03-06.txt); '16.1 million tons' (blog-minerals.md); "
                           "'about 16.2 million tons' (reuters-rare-earths.txt)")
    for col in csv_render.GROUP_COLUMNS:
        assert re.search(rf"^{col}\b", csv_render.__doc__ or "", re.M), col


def test_csv_neutralises_formulas() -> None:
    audit = fixed_audit()
    first = dataclasses.replace(audit.assertions[0], text="=SUM(A1)", sentence="+cmd|' /C calc'!A0",
                                subject="@evil", measure="\tx", time="-1")
    audit = dataclasses.replace(audit, assertions=(first, *audit.assertions[1:]))
    df = _read_csv(_render("csv", audit)).set_index("id")
    row = df.loc[first.id]
    assert row["text"] == "'=SUM(A1)"
    assert row["sentence"] == "'+cmd|' /C calc'!A0"
    assert row["subject"] == "'@evil" and row["measure"] == "'\tx" and row["time"] == "'-1"
    assert df.loc["A-ap-2", "text"] == "90%"  # untouched
    groups = _read_csv(_render("csv-groups", audit)).set_index("id")
    assert groups.loc["G001", "values"].startswith("'=SUM(A1)' (ap")  # starts with a quote, not a formula


def test_csv_empty_audit_writes_headers() -> None:
    empty = Audit(documents=(), profiles=(), assertions=(), groups=(), findings=(), errors=())
    assert _render("csv", empty) == ",".join(csv_render.ASSERTION_COLUMNS) + "\n"
    assert _render("csv-groups", empty) == ",".join(csv_render.GROUP_COLUMNS) + "\n"


# ------------------------------------------------------------------- empty audit


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_empty_audit_renders(name: str) -> None:
    empty = Audit(documents=(), profiles=(), assertions=(), groups=(), findings=(), errors=())
    out = _render(name, empty)
    if name == "sarif":
        _validate(json.loads(out))
    if name == "junit":
        assert ET.fromstring(out.encode()).get("tests") == "0"


def test_finding_without_any_location() -> None:
    audit = _with_finding(fixed_audit(), doc_id=None, group_id=None, line=None, column=None, start=None, end=None)
    log = _sarif(audit)
    _validate(log)
    lost = next(r for r in log["runs"][0]["results"] if r["partialFingerprints"]["checkerFindingId/v1"]
                == audit.findings[0].id)
    assert "locations" not in lost
    rule = audit.findings[0].rule
    line = next(x for x in _render("github", audit).splitlines() if f"title={rule}::" in x)
    assert re.match(rf"^::(error|warning|notice) title={rule}::", line)
    _check_counts(_junit(audit, "info"))
    assert junit.group_case_name(audit.groups[0]) == "group G001: China rare earth ore processed"


def test_markdown_other_tables_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_ROWS", 1)
    out = _render("md", fixed_audit())
    ai = out.split("### AI-generated sources")[1].split("###")[0]
    assert "CHK100 disclosure" in ai and "CHK101" not in ai
    assert "… and 1 more (see audit.json)." in ai
    assert "| error | CHK020" in out  # the findings table has its own cap


# ------------------------------------------------------------------ suppressions


def _suppressed_audit() -> Audit:
    if "suppressed" not in {f.name for f in dataclasses.fields(Finding)}:
        pytest.skip("Finding has no 'suppressed' field")
    audit = fixed_audit()
    target = next(f for f in audit.findings if f.rule == "CHK020")  # the only error
    reason = "inline: share of a quota, not of a whole"
    quiet = dataclasses.replace(target, suppressed=reason)  # type: ignore[call-arg, unused-ignore]
    return dataclasses.replace(audit, findings=tuple(quiet if f is target else f for f in audit.findings))


def test_suppressed_findings_are_marked_not_failed() -> None:
    audit = _suppressed_audit()
    log = _sarif(audit)
    _validate(log)
    res = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "CHK020")
    assert res["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                    "justification": "inline: share of a quota, not of a whole"}]
    assert all("suppressions" not in r for r in log["runs"][0]["results"] if r["ruleId"] != "CHK020")
    root = _junit(audit, "error")
    _check_counts(root)
    assert root.get("failures") == "0"
    assert any("(suppressed: inline" in (e.text or "") for e in root.iter("system-out"))
    assert "CHK020" not in _render("github", audit)
    md = _render("md", audit)
    assert "**Passes** at `--fail-on error`." in md
    assert "- **5** findings: 0 error, 3 warning, 2 info (1 more suppressed)" in md
    assert "| error | CHK020" not in md
