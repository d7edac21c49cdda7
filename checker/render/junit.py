"""``junit.xml``: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure, CircleCI).

Shape::

    <testsuites name="checker" tests failures errors skipped time="0">
      <testsuite name="checker.<rule id>" tests failures errors skipped time="0">  one per rule
        <properties> kind, severity, summary, pack </properties>
        <testcase classname="checker.<rule id>" name="<doc id>" time="0"/>     one per document,
            for every rule with a finding on a document
        <testcase classname="checker.<rule id>" name="group <id>: <subject> <measure>"/>
            one per group, under the (first) agreement rule's suite; and under any other
            rule with a finding tied to a group but to no document
      <testsuite name="checker.inputs">   when inputs could not be read: one <error> each

A testcase holds one ``<failure message type>`` (type = the highest severity) when it
has findings at or above ``fail_on`` (never for ``fail_on="never"``); every finding
of the testcase is listed, one per line, in the failure's text. Findings below the
threshold, and suppressed findings (with their reason), go to ``<system-out>``.
``time`` is always 0, attributes come in a fixed order and rows are sorted, so the
same audit gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import IO, Any

from checker.model import Audit, Finding, Group, RuleInfo, Severity
from checker.render.sarif import Locator, rule_infos, sort_key, suppressed

_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CORPUS = "(corpus)"


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (untrusted document text reaches messages)."""
    return _XML_BAD.sub("\ufffd", text)


def _floor(fail_on: str) -> int | None:
    return None if fail_on == "never" else Severity(fail_on).rank


def _fails(f: Finding, floor: int | None) -> bool:
    return floor is not None and f.severity.rank >= floor and suppressed(f) is None


def group_case_name(g: Group) -> str:
    label = " ".join(x for x in (g.subject, g.measure) if x) or g.key
    return f"group {g.id}: {label}"


def _line(f: Finding, locator: Locator) -> str:
    where = locator(f)
    place = f"{where.path}:{where.line}:{where.column}" if where else (f.doc_id or _CORPUS)
    reason = suppressed(f)
    tail = f" (suppressed: {reason})" if reason else ""
    return f"{place}: {f.severity.value} {f.rule}: {f.message}{tail}"


class _Case:
    def __init__(self, name: str) -> None:
        self.name = name
        self.findings: list[Finding] = []


def _cases(audit: Audit, infos: list[RuleInfo]) -> dict[str, dict[str, _Case]]:
    """rule id -> case name -> case, before ordering."""
    groups = {g.id: g for g in audit.groups}
    agreement = next((r.id for r in infos if r.kind == "agreement"), None)
    doc_ids = sorted(d.id for d in audit.documents)
    out: dict[str, dict[str, _Case]] = defaultdict(dict)

    def case(rule: str, name: str) -> _Case:
        return out[rule].setdefault(name, _Case(name))

    if agreement is not None:
        for g in sorted(audit.groups, key=lambda g: g.id):
            case(agreement, group_case_name(g))
    for f in sorted(audit.findings, key=sort_key):
        group = groups.get(f.group_id) if f.group_id else None
        if group is not None and (f.rule == agreement or f.doc_id is None):
            case(f.rule, group_case_name(group)).findings.append(f)
        elif f.doc_id is not None:
            for d in doc_ids:  # a passing case for every document this rule checks
                case(f.rule, d)
            case(f.rule, f.doc_id).findings.append(f)
        else:
            case(f.rule, _CORPUS).findings.append(f)
    return out


def _suite_attrs(el: ET.Element, name: str, tests: int, failures: int, errors: int) -> None:
    el.set("name", name)
    el.set("tests", str(tests))
    el.set("failures", str(failures))
    el.set("errors", str(errors))
    el.set("skipped", "0")
    el.set("time", "0")


def to_element(audit: Audit, fail_on: str = "error") -> ET.Element:
    floor = _floor(fail_on)
    infos = rule_infos(audit)
    locator = Locator(audit)
    cases = _cases(audit, infos)
    root = ET.Element("testsuites")
    totals = [0, 0, 0]
    suites: list[ET.Element] = []
    for info in infos:
        suite = ET.Element("testsuite")
        failures = 0
        rule_cases = sorted(cases.get(info.id, {}).values(), key=lambda c: c.name)
        props = ET.SubElement(suite, "properties")
        for key, value in (("kind", info.kind), ("severity", info.severity.value), ("summary", info.summary),
                           ("pack", info.pack)):
            if value:
                ET.SubElement(props, "property", {"name": key, "value": clean(value)})
        for c in rule_cases:
            tc = ET.SubElement(suite, "testcase", {"classname": f"checker.{info.id}", "name": clean(c.name),
                                                    "time": "0"})
            failing = [f for f in c.findings if _fails(f, floor)]
            passing = [f for f in c.findings if not _fails(f, floor)]
            if failing:
                failures += 1
                worst = max(failing, key=lambda f: f.severity.rank)
                message = worst.message if len(failing) == 1 else f"{len(failing)} findings; first: {worst.message}"
                fe = ET.SubElement(tc, "failure", {"message": clean(message), "type": worst.severity.value})
                fe.text = clean("\n".join(_line(f, locator) for f in failing))
            if passing:
                ET.SubElement(tc, "system-out").text = clean("\n".join(_line(f, locator) for f in passing))
        _suite_attrs(suite, f"checker.{info.id}", len(rule_cases), failures, 0)
        totals[0] += len(rule_cases)
        totals[1] += failures
        suites.append(suite)
    if audit.errors:
        suite = ET.Element("testsuite")
        errors = sorted(audit.errors, key=lambda e: (e.path, e.line or 0, e.message))
        for e in errors:
            where = f"{e.path}:{e.line}" if e.line else e.path
            tc = ET.SubElement(suite, "testcase", {"classname": "checker.inputs", "name": clean(where), "time": "0"})
            ee = ET.SubElement(tc, "error", {"message": clean(e.message), "type": e.code})
            ee.text = clean(f"{where}: error[{e.code}]: {e.message}")
        _suite_attrs(suite, "checker.inputs", len(errors), 0, len(errors))
        totals[0] += len(errors)
        totals[2] += len(errors)
        suites.append(suite)
    _suite_attrs(root, "checker", *totals)
    root.extend(suites)
    return root


def dumps(audit: Audit, fail_on: str = "error") -> str:
    root = to_element(audit, fail_on)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    out.write(dumps(audit, fail_on))
