"""Unit list from a spreadsheet → ``[[unit]]`` tables for the config.

Offices keep their list of portals in Excel with headers such as 单位ID /
单位名称 / 网站名称 / 网址 / 主办单位 / 适用方案.  Headers are matched loosely
(spaces, brackets, full-width forms ignored), the header row may sit below a
title row, and every doubtful row yields a warning instead of a guess that
goes unnoticed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from openpyxl import load_workbook


class UnitImportError(ValueError):
    """The file cannot be read as a unit list."""


# field -> header aliases (normalised), most specific first
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("单位id", "id", "单位编号", "编号", "标识", "单位代码", "代码"),
    "site_name": ("网站名称", "网站", "栏目名称", "站点名称", "名称"),
    "unit_name": ("单位名称", "单位", "部门名称", "部门"),
    "sponsor": ("主办单位", "主办", "责任单位"),
    "base_url": ("网址", "网站地址", "首页网址", "首页地址", "url", "链接", "地址", "域名"),
    "level": ("层级", "级别", "单位类型", "类型"),
    "plan": ("适用方案", "方案", "工作要点", "适用工作要点"),
    "entry_urls": ("入口网址", "入口", "起始网址"),
    "scope_prefixes": ("范围前缀", "范围", "审计范围"),
}

_ID_OK = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_SPLIT = re.compile(r"[\s;；,，、]+")


def normalise(header: Any) -> str:
    s = unicodedata.normalize("NFKC", str(header or "")).casefold()
    s = re.sub(r"[(（\[【].*?[)）\]】]", "", s)      # "网址（URL）" -> "网址"
    return re.sub(r"[\s*:_\-/]", "", s)


def match_headers(row: Sequence[Any]) -> dict[str, int]:
    """field -> column index for one candidate header row."""
    names = [normalise(c) for c in row]
    found: dict[str, int] = {}
    for fld, aliases in ALIASES.items():
        for alias in aliases:
            hits = [i for i, n in enumerate(names) if n == alias and i not in found.values()]
            if hits:
                found[fld] = hits[0]
                break
    return found


@dataclass
class ImportResult:
    units: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def toml(self) -> str:
        return units_toml(self.units, self.warnings)


def _cell(row: Sequence[Any], cols: dict[str, int], fld: str) -> str:
    i = cols.get(fld)
    if i is None or i >= len(row) or row[i] is None:
        return ""
    return unicodedata.normalize("NFKC", str(row[i])).strip()


def _url(raw: str, where: str, warnings: list[str]) -> str | None:
    if not raw:
        return None
    if "://" not in raw:
        warnings.append(f"{where}: 网址 {raw!r} 缺少 http:// 或 https://，已按 http:// 处理，请核对")
        raw = "http://" + raw
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        warnings.append(f"{where}: 网址 {raw!r} 不是有效的 http(s) 网址，已跳过该行")
        return None
    return raw if parts.path else raw + "/"


def read_units(path: str | Path, sheet: str | None = None) -> ImportResult:
    try:
        wb = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise UnitImportError(f"{path}: 无法作为 Excel (.xlsx) 文件读取: {exc}") from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise UnitImportError(f"{path}: 没有名为 {sheet!r} 的工作表；现有: {', '.join(wb.sheetnames)}")
        sheets = [wb[sheet]] if sheet else [wb[n] for n in wb.sheetnames]
        for ws in sheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            for h, row in enumerate(rows[:15]):
                cols = match_headers(row)
                if "base_url" in cols and ({"site_name", "unit_name"} & cols.keys()):
                    return _rows_to_units(rows[h + 1:], cols, f"{Path(path).name}[{ws.title}]", h + 2)
    finally:
        wb.close()
    raise UnitImportError(f"{path}: 找不到表头：需要“网址”列，以及“网站名称”或“单位名称”列")


def _rows_to_units(rows: list[list[Any]], cols: dict[str, int], where: str, first_line: int) -> ImportResult:
    res = ImportResult()
    seen: set[str] = set()
    for n, row in enumerate(rows, first_line):
        if not any(c not in (None, "") for c in row):
            continue
        loc = f"{where} 第{n}行"
        url = _url(_cell(row, cols, "base_url"), loc, res.warnings)
        site = _cell(row, cols, "site_name")
        org = _cell(row, cols, "unit_name")
        name = site or org
        if url is None or not name:
            if url is not None:
                res.warnings.append(f"{loc}: 缺少网站名称或单位名称，已跳过该行")
            elif not _cell(row, cols, "base_url"):
                res.warnings.append(f"{loc}: 缺少网址，已跳过该行")
            continue
        uid = _cell(row, cols, "id")
        if not _ID_OK.match(uid):
            new = f"u{len(res.units) + 1:03d}"
            if uid:
                res.warnings.append(f"{loc}: 单位ID {uid!r} 只能包含字母、数字、_ . -，已改为 {new}")
            uid = new
        while uid in seen:
            new = f"{uid}-{n}"
            res.warnings.append(f"{loc}: 单位ID {uid!r} 重复，已改为 {new}")
            uid = new
        seen.add(uid)
        unit: dict[str, Any] = {"id": uid, "name": name, "base_url": url}
        sponsor = _cell(row, cols, "sponsor") or (org if site and org else "")
        if sponsor:
            unit["unit"] = sponsor
        for fld in ("level", "plan"):
            if _cell(row, cols, fld):
                unit[fld] = _cell(row, cols, fld)
        for fld in ("entry_urls", "scope_prefixes"):
            urls = [u for u in (_url(x, loc, res.warnings) for x in _SPLIT.split(_cell(row, cols, fld)) if x) if u]
            if urls:
                unit[fld] = urls
        res.units.append(unit)
    if not res.units:
        res.warnings.append(f"{where}: 没有读到任何单位")
    return res


def _toml_value(v: Any) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)     # a JSON string is a valid TOML basic string


def units_toml(units: list[dict[str, Any]], warnings: Sequence[str] = ()) -> str:
    lines = ["# 由 zwgk-audit units import 生成；请核对后并入审计配置文件"]
    lines += ["# 注意: " + " ".join(w.splitlines()) for w in warnings]
    for u in units:
        lines.append("")
        lines.append("[[unit]]")
        for k in ("id", "name", "unit", "level", "base_url", "plan", "entry_urls", "scope_prefixes"):
            if k in u:
                lines.append(f"{k} = {_toml_value(u[k])}")
    return "\n".join(lines) + "\n"
