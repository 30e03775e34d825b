"""One audit run: crawl → probes → snapshot → checks → plans → evidence → reports.

Each stage is a function of the previous stage's output; the store keeps the
snapshot and the findings so a run can be re-judged or compared later.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from checks.registry import all_checks
from checks.runner import run_checks
from zwgk_audit.config import AuditConfig
from zwgk_audit.model import AuditResult, Finding, Snapshot, Status
from zwgk_audit.store import Store


class StageError(RuntimeError):
    """A stage could not run at all (exit code 3)."""


@dataclass
class AuditOptions:
    out_dir: Path
    as_of: _dt.date = field(default_factory=_dt.date.today)
    pdf: bool = False
    screenshots: bool = False
    progress: Callable[[Any], None] | None = None
    log: Callable[[str], None] = lambda msg: None


@dataclass
class AuditOutcome:
    run_id: str
    result: AuditResult
    report_files: Any
    previous_run: str | None


def _load_catalogs(config: AuditConfig) -> dict[str, Any]:
    from plans.catalog import load_catalog

    catalogs: dict[str, Any] = {}
    for uc in config.units:
        pid = uc.unit.plan
        if pid and pid not in catalogs:
            catalogs[pid] = load_catalog(pid)
    return catalogs


def judge(snapshot: Snapshot, config: AuditConfig, as_of: _dt.date,
          manual: Any = None) -> tuple[list[Finding], dict[str, Any], dict[str, str]]:
    """Pure judgement of a snapshot: checks, then plan citations and deadlines."""
    from plans.apply import apply_plans, requirements_for

    units = list(snapshot.units.values())
    catalogs = _load_catalogs(config)
    requirements = {u.id: requirements_for(u, catalogs) for u in units}
    findings = run_checks(snapshot, as_of, settings=config.thresholds, requirements=requirements)
    metas = {c.meta.id: c.meta for c in all_checks()}
    findings, clauses = apply_plans(findings, units, catalogs, as_of, metas, manual)
    plan_titles = {pid: getattr(cat, "title", pid) for pid, cat in catalogs.items()}
    return findings, clauses, plan_titles


def _load_manual(config: AuditConfig) -> Any:
    if config.manual_items is None:
        return None
    from plans.manual import load_manual_items

    return load_manual_items(config.manual_items)


def run_audit(config: AuditConfig, options: AuditOptions) -> AuditOutcome:
    from crawler.run import crawl
    from reports import write_reports
    from reports.history import load_history, load_result

    from reports.scoring import load_scoring

    manual = _load_manual(config)   # fail early on bad side files
    scoring = load_scoring(config.scoring)
    store = Store(config.store)
    try:
        runs_before = [r for r in store.runs() if r["status"] == "complete"]
        units = [uc.unit for uc in config.units]
        config_json = json.loads(json.dumps(config.raw, default=str))
        run_id = store.begin_run(units, config_json, config.name)
        options.log(f"审计批次 {run_id}：开始抓取 {len(units)} 个单位的网站")
        try:
            stats = crawl(config, config.store, run_id, progress=options.progress)
        except Exception as exc:
            store.finish_run(run_id, "failed")
            raise StageError(f"抓取失败：{exc}") from exc

        snapshot = store.snapshot(run_id)
        try:
            from crawler.probes import run_probes
        except ImportError:
            run_probes = None
        if run_probes is not None:
            options.log("网络探测（DNS / IPv6 / HTTPS）")
            run_probes(config, store, run_id, snapshot=snapshot)
            snapshot = store.snapshot(run_id)

        options.log("执行检查")
        findings, clauses, plan_titles = judge(snapshot, config, options.as_of, manual)

        if options.screenshots:
            from reports.screenshots import capture_screenshots

            from crawler.browser import host_resolver_rules, resolved_hosts

            options.log("截取证据截图")
            # The evidence browser resolves audited names as the crawl did.
            host_map = resolved_hosts([f.url for f in findings if f.url], config.resolver)
            args = [f"--host-resolver-rules={host_resolver_rules(host_map)}"] if host_map is not None else []
            findings = capture_screenshots(findings, options.out_dir, browser_args=args)

        result = AuditResult(
            run_id=run_id, started_at=snapshot.started_at, as_of=options.as_of.isoformat(),
            units=units, findings=findings, stats=dict(snapshot.stats) or dict(stats),
            config_name=config.name, plans=plan_titles, extra={"clauses": clauses},
        )
        store.save_findings(run_id, findings, options.as_of.isoformat(), summary=_summary(findings))
        store.finish_run(run_id, "complete")

        previous_id = runs_before[-1]["run_id"] if runs_before else None
        previous = load_result(store, previous_id) if previous_id else None
        history = load_history(store, scoring)
        options.log("生成报告")
        files = write_reports(result, options.out_dir, history=history, previous=previous,
                              pdf=options.pdf, scoring=scoring)
        return AuditOutcome(run_id=run_id, result=result, report_files=files, previous_run=previous_id)
    finally:
        store.close()


def _summary(findings: list[Finding]) -> dict[str, Any]:
    counts: dict[str, int] = {s.value: 0 for s in Status}
    for f in findings:
        counts[f.status.value] += 1
    return {"counts": counts}
