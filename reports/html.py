"""HTML rendering: the overview and one scorecard per unit.

Autoescape is on for every template; ``|safe`` is used only on SVG this
package generated (charts), never on anything a finding carries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import jinja2

from zwgk_audit.model import Status, STATUS_LABELS, STATUS_ORDER

from reports.labels import key_label, yes_no
from reports.safe import anchor, safe_href, safe_relpath
from reports.scoring import ScoringModel
from reports.view import Overview, UnitView

TEMPLATES = Path(__file__).parent / "templates"

_DEADLINES = {"ongoing": "长期", "yearly": "每年", "": "—"}


def _score(x: Any) -> str:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return "—"
    return str(int(v)) if v == int(v) else f"{v:.1f}"


def _pct(x: Any) -> str:
    """0.974 -> "97.4%"; anything not a number -> "—"."""
    if isinstance(x, bool):
        return "—"
    try:
        v = float(x)
    except (TypeError, ValueError):
        return "—"
    return f"{v * 100:.1f}%"


def _clause(c: Any) -> str:
    """A plan clause number as written in the plans: "37" -> "第37条"."""
    c = "" if c is None else str(c)
    return c if not c or c.startswith("第") else f"第{c}条"


def _status(value: Any) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,                       # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(href=safe_href, relpath=safe_relpath, anchor=anchor, score=_score,
                       deadline=lambda d: _DEADLINES.get(d or "", d), status=_status,
                       pct=_pct, clause=_clause, key_label=key_label, yes_no=yes_no)
    env.globals.update(statuses=[(s.value, STATUS_LABELS[s]) for s in STATUS_ORDER])
    return env


def _titles(ov: Overview) -> dict[str, str]:
    return {c.check_id: c.title for c in ov.columns}


def render_overview(env: jinja2.Environment, ov: Overview, scoring: ScoringModel) -> str:
    return env.get_template("overview.html").render(
        result=ov.result, ov=ov, scoring=scoring, titles=_titles(ov))


def render_unit(env: jinja2.Environment, ov: Overview, v: UnitView, scoring: ScoringModel,
                trend_svg: str = "") -> str:
    return env.get_template("unit.html").render(
        result=ov.result, v=v, scoring=scoring, titles=_titles(ov), total_units=len(ov.units),
        trend_svg=trend_svg)


def charts_for(ov: Overview, trend_labels: list[str], trend: Mapping[str, list[float | None]]) -> dict[str, str]:
    from reports import charts
    names = [v.unit.name for v in ov.units]
    out = {"scores": charts.score_bar(names, [v.score.score for v in ov.units]),
           "statuses": charts.status_stack(names, [v.score.counts for v in ov.units])}
    if len(trend_labels) > 1:
        out["trend"] = charts.trend_line(trend_labels, trend)
    return out
