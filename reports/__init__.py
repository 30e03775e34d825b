"""Reports: render an ``AuditResult`` (HTML, JSON, CSV, XLSX, JUnit, PDF).

The renderer knows nothing of how a result was reached: it reads findings,
the plans' clause table (``result.extra["clauses"]``) and crawl stats.
"""

from reports.history import Diff, RunSummary, diff, load_history, summarize_result
from reports.scoring import ScoringModel, UnitScore, load_scoring
from reports.write import ReportFiles, write_reports

__all__ = ["Diff", "ReportFiles", "RunSummary", "ScoringModel", "UnitScore", "diff", "load_history",
           "load_scoring", "summarize_result", "write_reports"]
