"""junit.xml: one testsuite per unit, one testcase per check, so CI systems
show an audit like a test run (a ``fail`` finding is a <failure>)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from zwgk_audit.model import AuditResult, Finding, Status

from reports.safe import xml_text


def _line(f: Finding) -> str:
    parts = [f"[{f.status.label}] {f.message}"]
    if f.url:
        parts.append(f"网址: {f.url}")
    if f.key:
        parts.append(f"键: {f.key}")
    if f.evidence.value:
        parts.append(f"发现的值: {f.evidence.value}")
    if f.evidence.expected:
        parts.append(f"应为: {f.evidence.expected}")
    if f.suggestion:
        parts.append(f"整改建议: {f.suggestion}")
    return "\n".join(parts)


def junit_tree(result: AuditResult) -> ET.ElementTree:
    root = ET.Element("testsuites", name=xml_text(result.config_name or "zwgk-audit"))
    names = {u.id: u.name for u in result.units}
    unit_ids = [u.id for u in result.units] + sorted({f.unit for f in result.findings} - set(names))
    total_tests = total_failures = total_skipped = 0
    for uid in unit_ids:
        mine = [f for f in result.findings if f.unit == uid]
        by_check: dict[str, list[Finding]] = {}
        for f in mine:
            by_check.setdefault(f.check_id, []).append(f)
        suite = ET.SubElement(root, "testsuite", name=xml_text(f"{names.get(uid, uid)} ({uid})"),
                              timestamp=xml_text(result.started_at))
        failures = skipped = 0
        for cid in sorted(by_check):
            fs = by_check[cid]
            case = ET.SubElement(suite, "testcase", classname=xml_text(uid), name=xml_text(f"{cid} {fs[0].title}".strip()))
            fails = [f for f in fs if f.status == Status.FAIL]
            for f in fails:
                el = ET.SubElement(case, "failure", message=xml_text(f"{f.message} {f.url}".strip()), type=xml_text(cid))
                el.text = xml_text(_line(f))
            if fails:
                failures += 1
            others = [f for f in fs if f.status in (Status.WARN, Status.UNKNOWN, Status.PENDING)]
            if others:
                ET.SubElement(case, "system-out").text = xml_text("\n\n".join(_line(f) for f in others))
            if not fails and not any(f.status in (Status.PASS, Status.WARN) for f in fs):
                # Only unknown / pending / na: nothing was verified.
                skipped += 1
                ET.SubElement(case, "skipped", message=xml_text("、".join(sorted({f.status.label for f in fs}))))
        suite.set("tests", str(len(by_check)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        total_tests += len(by_check)
        total_failures += failures
        total_skipped += skipped
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("skipped", str(total_skipped))
    return ET.ElementTree(root)


def write_junit(result: AuditResult, path: Path) -> Path:
    tree = junit_tree(result)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path
