"""Compare an audit's findings with a simulator's ground truth.

The truth lists every non-pass verdict a correct audit must produce, keyed by
``(unit, check_id, path, key, status)``; paths keep the truth independent of
the port the server got (docs/DESIGN.md, "Ground truth")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from zwgk_audit.model import Finding, Status

TruthKey = tuple[str, str, str, str, str]


def url_path(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return path + (f"?{parts.query}" if parts.query else "")


def finding_key(f: Finding) -> TruthKey:
    return (f.unit, f.check_id, url_path(f.url) if f.url else "", f.key, f.status.value)


def truth_keys(truth: Mapping[str, Any], implemented: Iterable[str]) -> set[TruthKey]:
    implemented = set(implemented)
    return {
        (t["unit"], t["check_id"], t.get("path", ""), t.get("key", ""), t["status"])
        for t in truth.get("findings", ())
        if t["check_id"] in implemented
    }


@dataclass
class TruthDiff:
    matched: list[TruthKey] = field(default_factory=list)
    missing: list[TruthKey] = field(default_factory=list)   # in truth, not reported
    extra: list[TruthKey] = field(default_factory=list)     # reported, not in truth

    @property
    def exact(self) -> bool:
        return not self.missing and not self.extra


def compare_with_truth(findings: Iterable[Finding], truth: Mapping[str, Any],
                       implemented: Iterable[str]) -> TruthDiff:
    implemented = set(implemented)
    expected = truth_keys(truth, implemented)
    reported = {finding_key(f) for f in findings
                if f.status is not Status.PASS and f.status is not Status.NA and f.check_id in implemented}
    return TruthDiff(matched=sorted(expected & reported), missing=sorted(expected - reported),
                     extra=sorted(reported - expected))
