"""Manual items: what the office verified by hand, per unit and clause.

A TOML file next to the audit config (``[audit] manual_items = "manual.toml"``)::

    [[item]]
    unit = "county"            # unit id from the audit config
    plan = "2022-haifeng"      # optional: plan id or alias
    clause = "46"              # clause number in the plan
    status = "合格"            # 合格/不合格/未到期/不适用/无法判定 or pass/fail/pending/na/unknown; "" = 未核查
    note = "2022年6月召开领导小组会议"
    evidence = "https://… 或 文件路径"

Errors name the file, the item (and its line) and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from plans.model import Catalog
from zwgk_audit.config import ConfigError
from zwgk_audit.model import Status

STATUS_WORDS: dict[str, Status] = {
    "合格": Status.PASS, "不合格": Status.FAIL, "未到期": Status.PENDING, "不适用": Status.NA,
    "无法判定": Status.UNKNOWN, "提醒": Status.WARN,
    **{s.value: s for s in Status},
}
_KEYS = {"unit", "plan", "clause", "status", "note", "evidence"}


class ManualItemsError(ConfigError):
    """A problem in the manual-items file, phrased for its author."""


@dataclass(frozen=True)
class ManualItem:
    unit: str
    clause: str
    status: Status | None            # None: not yet checked (未核查)
    plan: str = ""
    note: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class ManualItems:
    items: tuple[ManualItem, ...]
    path: str = ""

    def find(self, unit: str, clause: str, plan_ids: Iterable[str] = ()) -> ManualItem | None:
        ids = set(plan_ids)
        for it in self.items:
            if it.unit == unit and it.clause == clause and (not it.plan or not ids or it.plan in ids):
                return it
        return None


def _line_of_item(text: str, index: int) -> int | None:
    seen = -1
    for i, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith("[[item]]"):
            seen += 1
            if seen == index:
                return i
    return None


def parse_manual_items(text: str, path: str = "<manual>") -> ManualItems:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManualItemsError(f"{path}: TOML 语法错误: {exc}") from None
    extra = set(data) - {"item"}
    if extra:
        raise ManualItemsError(f"{path}: 未知的顶层项 {', '.join(sorted(extra))}；每条记录写成 [[item]] 表")
    raw = data.get("item", [])
    if not isinstance(raw, list):
        raise ManualItemsError(f"{path}: item 应写成 [[item]] 表的数组")
    items: list[ManualItem] = []
    seen: set[tuple[str, str, str]] = set()
    for i, table in enumerate(raw):
        line = _line_of_item(text, i)
        where = f"{path}{':' + str(line) if line else ''}: 第{i + 1}条 [[item]] "

        def err(key: str, msg: str) -> ManualItemsError:
            return ManualItemsError(f"{where}{key}: {msg}")

        for key in table:
            if key not in _KEYS:
                raise err(key, f"未知的字段；可用的有: {', '.join(sorted(_KEYS))}")
        for key in ("unit", "clause"):
            if key not in table:
                raise err(key, "缺少必填项")
        for key in _KEYS & set(table):
            value = table[key]
            if key == "clause" and isinstance(value, int) and not isinstance(value, bool):
                continue
            if not isinstance(value, str):
                raise err(key, f"应为字符串，实际为 {type(value).__name__}: {value!r}")
        status_word = table.get("status", "").strip()
        if status_word and status_word not in STATUS_WORDS:
            raise err("status", f"无法识别的状态 {status_word!r}；应为 合格/不合格/未到期/不适用/无法判定"
                                "（或 pass/fail/pending/na/unknown），未核查留空")
        item = ManualItem(
            unit=table["unit"], clause=str(table["clause"]).strip(),
            status=STATUS_WORDS[status_word] if status_word else None,
            plan=table.get("plan", ""), note=table.get("note", ""), evidence=table.get("evidence", ""),
        )
        ident = (item.unit, item.plan, item.clause)
        if ident in seen:
            raise err("clause", f"单位 {item.unit} 的第 {item.clause} 条重复记录")
        seen.add(ident)
        items.append(item)
    return ManualItems(items=tuple(items), path=path)


def load_manual_items(path: str | Path) -> ManualItems:
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ManualItemsError(f"{p}: 无法读取人工核查记录文件: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ManualItemsError(f"{p}: 须为 UTF-8 编码 (byte {exc.start})") from None
    return parse_manual_items(text, str(p))


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def manual_template(catalog: Catalog, unit: str = "") -> str:
    """A manual-items file listing the catalog's manual clauses, to fill in."""
    unit = unit or "填写单位id"
    out = [f"# 人工核查记录：{catalog.title}（{catalog.id}）",
           "# status 填 合格/不合格/未到期/不适用/无法判定；未核查留空。evidence 填链接或文件路径。", ""]
    for c in catalog.clauses:
        if c.mode != "manual":
            continue
        out.append(f"# 第{c.number}条 {c.short_text(80)}")
        if c.units:
            out.append(f"# 责任单位：{'、'.join(c.units)}" + (f"；时限：{c.deadline.raw}" if c.deadline.raw else ""))
        out += ["[[item]]", f"unit = {_toml_str(unit)}", f"plan = {_toml_str(catalog.id)}",
                f"clause = {_toml_str(c.number)}", 'status = ""', 'note = ""', 'evidence = ""', ""]
    return "\n".join(out)
