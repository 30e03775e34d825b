"""Rows of a plan table → numbered task rows.

A table has role columns found from its header (序号, 工作任务…, 具体任务…,
…单位, 完成时限).  One 具体任务 cell may hold several numbered tasks
("3.… 4.… 5.…"): they are split on the plan's running numbering, so a
number inside a sentence ("依托 12345 热线") is never taken for a task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plans.text import clean


class PlanReadError(ValueError):
    """The plan file cannot be read as a task table (message in Chinese)."""


@dataclass(frozen=True)
class TaskRow:
    number: str
    category: str
    heading: str
    text: str
    units_raw: str
    deadline_raw: str = ""


@dataclass
class RawPlan:
    rows: list[TaskRow]
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    year: int = 0
    layout: str = ""
    notes: list[str] = field(default_factory=list)


HEADER_WORDS = re.compile(
    r"^(序号|编号|工作任务|工作内容|工作要求|重点任务|任务|具体任务|具体要求|具体任务及要求|工作措施|"
    r"责任单位|落实单位|牵头落实单位|牵头及责任单位|牵头单位|配合单位|责任部门|完成时限|时限要求|时限|完成时间|备注)$"
)
_CATEGORY_MARK = re.compile(r"^[一二三四五六七八九十]+、")
_TAGS = re.compile(r"</?p\s*>|\[bookmark:[^\]]*\]", re.I)
_TASK_START = re.compile(r"^\s*\d{1,3}\s*[.．、]")


@dataclass(frozen=True)
class Roles:
    number: int | None
    categories: tuple[int, ...]      # category, then sub-heading
    task: int
    units: int
    deadline: int | None


def roles_from_header(header: list[str]) -> Roles:
    names = [clean(h) for h in header]
    if not any(names) or not all(HEADER_WORDS.match(n) for n in names if n):
        raise PlanReadError(f"表头无法识别：{' | '.join(names)}；应包含 工作任务、具体任务、责任单位 等列")
    number = next((i for i, n in enumerate(names) if n in ("序号", "编号")), None)
    units = next((i for i, n in enumerate(names) if "单位" in n or "部门" in n), None)
    deadline = next((i for i, n in enumerate(names) if "时限" in n or "时间" in n), None)
    if units is None:
        raise PlanReadError(f"表头缺少责任单位列：{' | '.join(names)}")
    rest = [i for i, n in enumerate(names) if n and i not in (number, units, deadline) and n != "备注"]
    tasks = [i for i in rest if n_is_task(names[i])]
    if not tasks:
        raise PlanReadError(f"表头缺少具体任务列：{' | '.join(names)}")
    task = tasks[-1]
    return Roles(number=number, categories=tuple(i for i in rest if i != task), task=task,
                 units=units, deadline=deadline)


def n_is_task(name: str) -> bool:
    return name.startswith("具体") or name in ("工作措施", "任务")


def _number_at(text: str, n: int, start: int) -> re.Match[str] | None:
    return re.compile(rf"(?:^|(?<=[\s。；;]))({n})\s*[.．、]").search(text, start)


def split_tasks(cell: str, expected: int) -> list[tuple[str, str]]:
    """``cell`` → [(number, text)] following the running numbering from the
    cell's first number; [] when the cell does not start with one."""
    raw = _TAGS.sub(" ", cell).strip()
    m = re.match(r"^(\d{1,3})\s*[.．、]", raw)
    if not m:
        return []
    n = int(m.group(1))
    pieces: list[tuple[str, str]] = []
    begin = m.end()
    while True:
        nxt = _number_at(raw, n + 1, begin)
        end = nxt.start() if nxt else len(raw)
        pieces.append((str(n), clean(raw[begin:end])))
        if not nxt:
            return pieces
        n, begin = n + 1, nxt.end()


def rows_to_tasks(header: list[str], rows: list[list[str]], *, carry_units: bool = False) -> list[TaskRow]:
    """``carry_units``: an empty 责任单位 cell continues the one above (a
    vertically merged cell in Word/Excel); in text extractions an empty cell
    is just empty."""
    roles = roles_from_header(header)
    width = len(header)
    out: list[TaskRow] = []
    category = heading = units = ""
    last = 0
    previous: list[str] | None = None
    for row in rows:
        cells = (list(row) + [""] * width)[:width]
        if cells == previous or all(HEADER_WORDS.match(clean(c)) or not clean(c) for c in cells):
            continue    # repeated header on a new page, or a merged duplicate
        previous = cells
        cats = [clean(cells[i]) for i in roles.categories]
        cats = ["" if _TASK_START.match(_TAGS.sub(" ", c)) else c for c in cats]
        if cats and cats[0] and cats[0] != category:
            category, heading = cats[0], ""
        if len(cats) > 1 and cats[1]:
            heading = cats[1]
        if clean(cells[roles.units]) or not carry_units:
            units = cells[roles.units]
        deadline = cells[roles.deadline] if roles.deadline is not None else ""
        if roles.number is not None and re.match(r"^\s*\d+\s*$", cells[roles.number] or ""):
            text = clean(_TAGS.sub(" ", cells[roles.task]))
            if text:
                out.append(TaskRow(cells[roles.number].strip(), category, heading, text, units, deadline))
                last = int(cells[roles.number])
            continue
        tasks = split_tasks(cells[roles.task], last + 1)
        if not tasks:
            # a task typed into a category column (the cells shifted left)
            for i in roles.categories:
                if tasks := split_tasks(cells[i], last + 1):
                    rest = [c for j, c in enumerate(cells) if j > i and clean(_TAGS.sub(" ", c))]
                    units = rest[0] if rest else units
                    break
        for number, text in tasks:
            out.append(TaskRow(number, category, heading, text, units, deadline))
            last = int(number)
    return out
