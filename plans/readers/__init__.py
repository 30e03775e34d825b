"""Plan readers: a plan file (plain text in one of the known layouts, a Word
table, an Excel sheet) → ``RawPlan``, the plan's task rows before units,
deadlines and mapping are interpreted (``plans.build``)."""

from plans.readers.common import PlanReadError, RawPlan, TaskRow
from plans.readers.files import read_file

__all__ = ["PlanReadError", "RawPlan", "TaskRow", "read_file"]
