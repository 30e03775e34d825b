"""``write_reports``: every output of one audit into one directory.

out_dir/index.html            the office's overview
out_dir/units/<unit>.html     one scorecard per unit (and .pdf with pdf=True)
out_dir/report.json           versioned machine form (docs/schema.md)
out_dir/findings.csv          one row per finding (UTF-8 with BOM)
out_dir/report.xlsx           问题清单 / 单位得分 / 条款落实
out_dir/junit.xml             for CI systems
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from zwgk_audit.model import AuditResult

from reports import charts
from reports.export_csv import write_csv
from reports.export_json import report_json, write_json
from reports.export_junit import write_junit
from reports.export_xlsx import write_xlsx
from reports.history import Diff, RunSummary, diff as diff_runs, summarize_result
from reports.html import charts_for, environment, render_overview, render_unit
from reports.scoring import ScoringModel, UnitScore, indicators_from_registry, load_scoring, score_all
from reports.view import build_overview


@dataclass
class ReportFiles:
    index: Path
    units: dict[str, Path] = field(default_factory=dict)      # unit id -> scorecard
    pdfs: dict[str, Path] = field(default_factory=dict)
    json: Path | None = None
    csv: Path | None = None
    xlsx: Path | None = None
    junit: Path | None = None
    scores: dict[str, UnitScore] = field(default_factory=dict)
    diff: Diff | None = None


def _run_label(r: RunSummary) -> str:
    return (r.started_at or r.run_id)[:16].replace("T", " ")


def _history_with_current(history: list[RunSummary] | None, current: RunSummary) -> list[RunSummary]:
    past = [r for r in (history or []) if r.run_id != current.run_id]
    return past + [current]


def write_reports(result: AuditResult, out_dir: Path, *, history: list[RunSummary] | None = None,
                  previous: AuditResult | None = None, pdf: bool = False,
                  scoring: ScoringModel | None = None,
                  indicators: Mapping[str, str] | None = None) -> ReportFiles:
    """Render ``result``.  ``history`` (oldest first) feeds the trend charts
    and dates persisting problems; ``previous`` is the run to diff against.
    ``indicators`` maps check id -> scoring indicator (default: the installed
    checks' ``CheckMeta.indicator``, else the id's prefix)."""
    out_dir = Path(out_dir)
    (out_dir / "units").mkdir(parents=True, exist_ok=True)
    model = scoring or load_scoring()
    if indicators is None:
        indicators = indicators_from_registry()

    unit_ids = [u.id for u in result.units]
    unit_ids += sorted({f.unit for f in result.findings} - set(unit_ids))
    scores = score_all(unit_ids, result.findings, model, indicators)
    current = summarize_result(result, model, indicators)
    runs = _history_with_current(history, current)
    # Keep only runs up to the current one (a re-render of an old run).
    runs = runs[: next(i for i, r in enumerate(runs) if r.run_id == current.run_id) + 1]

    the_diff = None
    if previous is not None:
        past = [r for r in runs if r.run_id != current.run_id]
        the_diff = diff_runs(previous.findings, result.findings, previous_run=previous.run_id,
                             current_run=result.run_id, history=past)

    ov = build_overview(result, scores, history=runs, diff=the_diff)
    labels = [_run_label(r) for r in runs]
    trend = {v.unit.name: [r.units[v.unit.id].score if v.unit.id in r.units else None for r in runs]
             for v in ov.units}
    ov.charts = charts_for(ov, labels, trend)

    env = environment()
    files = ReportFiles(index=out_dir / "index.html", scores=scores, diff=the_diff)
    files.index.write_text(render_overview(env, ov, model), encoding="utf-8")
    for v in ov.units:
        svg = ""
        if len(runs) > 1:
            svg = charts.trend_line(labels, {v.unit.name: trend[v.unit.name]}, title=f"{v.unit.name} 得分趋势")
        path = out_dir / "units" / f"{v.file}.html"
        path.write_text(render_unit(env, ov, v, model, trend_svg=svg), encoding="utf-8")
        files.units[v.unit.id] = path

    files.json = write_json(report_json(result, scores, model, diff=the_diff, history=runs), out_dir / "report.json")
    files.csv = write_csv(result, out_dir / "findings.csv")
    files.xlsx = write_xlsx(result, scores, out_dir / "report.xlsx")
    files.junit = write_junit(result, out_dir / "junit.xml")

    if pdf:
        from reports.pdf import print_pdfs
        jobs = [(p, p.with_suffix(".pdf")) for p in files.units.values()]
        print_pdfs(jobs)
        files.pdfs = {uid: p.with_suffix(".pdf") for uid, p in files.units.items()}
    return files


__all__ = ["ReportFiles", "write_reports"]
