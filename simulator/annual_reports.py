"""Simulated 政府信息公开工作年度报告 documents (HTML, PDF, DOCX) with declared
defects, for the portal simulator and the tests.

``render_report`` only produces the document; the simulator places it.
Page metadata that decides timeliness (annual_report.timeliness): a report
for year Y is on time when the page that carries it shows a publication
date on or before Y+1-01-31 (HTML: ``<meta name="PubDate">`` and the visible
"发布时间"; for a PDF/DOCX, put that date on the HTML page linking the
attachment).  ``ReportDoc.pub_date`` is the date to show: Y+1-01-DD for a
clean report, Y+1-02-DD/03-DD with the "late" defect.  No date visible gives
annual_report.timeliness ``unknown``.

Findings are reported at the URL of the HTML page carrying the report (the
page, not its attachment, when the page links the PDF/DOCX and has no
tables of its own); an attachment listed directly is its own URL.

Defects and the findings they imply (``ReportDoc.truth``):
  row_total            三(四)1 自然人 +1: row total and (七)总计 of 自然人 disagree
  col_balance          四 自然人 and 总计 +1: 一+二 ≠ 三(七)+四 in those columns
  result_total         三(四)1 自然人 and 总计 +1: (七)总计 ≠ sum of results
  review_total         行政复议 结果维持 +1: block total ≠ sum of its four
  blank_cell           a zero cell (三(三)8 科研机构) left blank
  text_table_mismatch  the prose states 本年新收 one more than the table
  old_template         the 2019 format (for a year ≥ 2021)
  broken_carryover     二 上年结转 ≠ carry_in (and 四 shifted so the year balances);
                       implies carryover:<year> only when carry_in is given
  missing_section      section 五 left out
  late                 published after 1月31日
  missing_plan         no word on the 政务公开工作要点落实情况 (annual_report.plan warn)

For an HTML report ``ReportDoc.fragment`` holds the report's content
without the page around it, so a portal can place it in its own page shell
(with its own PubDate meta and visible 发布时间).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import io
import random
import zlib
from dataclasses import dataclass, field
from typing import Any, Sequence

from extract.annual_report import template as T

DEFECTS = ("row_total", "col_balance", "result_total", "review_total", "blank_cell",
           "text_table_mismatch", "old_template", "broken_carryover", "missing_section", "late",
           "missing_plan")
COLS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


@dataclass
class ReportDoc:
    body: bytes
    fmt: str
    title: str
    pub_date: _dt.date
    figures: dict[str, Any] = field(default_factory=dict)
    truth: list[dict[str, str]] = field(default_factory=list)
    fragment: str = ""          # HTML report: the content without the page shell


# ------------------------------------------------------------------ figures


def _stable(unit: str, year: int, what: str, lo: int, hi: int) -> int:
    """A number fixed by (unit, year, what): 现行有效件数 then chains across
    years whatever order reports are rendered in."""
    h = int(hashlib.sha256(f"{unit}|{year}|{what}".encode()).hexdigest()[:8], 16)
    return lo + h % (hi - lo + 1)


def _is_township(name: str) -> bool:
    import re
    return bool(re.search(r"(镇|乡|街道)(人民政府|政府|办事处)?$", name))


def _stock(unit: str, year: int, kind: str) -> tuple[int, int, int]:
    """(制发, 废止, 现行有效) for ``kind`` in ``year``."""
    total = _stable(unit, 2000, kind, 20, 60)
    made = gone = 0
    for y in range(2015, year + 1):
        made = _stable(unit, y, kind + "制发", 0, 6)
        gone = min(_stable(unit, y, kind + "废止", 0, 3), total + made)
        total += made - gone
    return made, gone, total


def _figures(unit: str, year: int, rng: random.Random, carry_in: int | None,
             tmpl: str) -> dict[str, Any]:
    rows = [s.key for s in T.table3_rows(tmpl)]
    result_rows = T.result_row_keys(tmpl)
    t3: dict[str, list[int]] = {k: [0] * 6 for k in rows}
    t3["一"] = [rng.randint(5, 60), rng.randint(0, 6), rng.randint(0, 2), rng.randint(0, 2),
                rng.randint(0, 3), rng.randint(0, 3)]
    carry = carry_in if carry_in is not None else rng.randint(0, 4)
    t3["二"] = [carry, 0, 0, 0, 0, 0]
    weights = {k: 1 for k in result_rows}
    weights.update({"三(一)": 30, "三(二)": 8, "三(四)1": 6, "三(五)2": 2})
    for c in range(6):
        avail = t3["一"][c] + t3["二"][c]
        # Carry-over only in 自然人: render_report's carry_in is one number, so
        # the next year's 上年结转 (put in 自然人) then matches column by column.
        out = rng.randint(0, min(3, avail)) if c == 0 else 0
        t3["四"][c] = out
        for _ in range(avail - out):
            k = rng.choices(result_rows, [weights[k] for k in result_rows])[0]
            t3[k][c] += 1
    t3["三(七)总计"] = [sum(t3[k][c] for k in result_rows) for c in range(6)]
    table3 = {k: v + [sum(v)] for k, v in t3.items()}
    t2: dict[str, tuple] = {}
    township = _is_township(unit)
    for kind in ("规章", "行政规范性文件"):
        t2[kind] = (0, 0, 0) if township and kind == "规章" else _stock(unit, year, kind)
    t2["行政许可"] = (rng.randint(0, 300),)
    t2["行政处罚"] = (rng.randint(0, 200),)
    t2["行政强制"] = (rng.randint(0, 20),)
    t2["行政事业性收费"] = (round(rng.uniform(0, 500), 2),)
    t4 = {}
    for name in ("行政复议", "行政诉讼未经复议直接起诉", "行政诉讼复议后起诉"):
        four = [rng.randint(0, 2) for _ in range(4)]
        t4[name] = four + [sum(four)]
    return {"table2": t2, "table3": table3, "table4": t4}


# ------------------------------------------------------------------ layout
# A table is rows of cells (text, colspan, rowspan): the HTML model, which
# the DOCX and PDF writers reproduce with real merged cells.

Cell = tuple[str, int, int]


def _n(v: Any) -> str:
    return "" if v is None else str(v)


def _table3_layout(t3: dict[str, list], tmpl: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 7, 1)],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [(c, 1, 1) for c in COLS[1:6]],
    ]
    vals = lambda k: [(_n(v), 1, 1) for v in t3[k]]  # noqa: E731
    rows.append([(T.TOP_SPECS["一"].label, 3, 1)] + vals("一"))
    rows.append([(T.TOP_SPECS["二"].label, 3, 1)] + vals("二"))
    specs = T.table3_rows(tmpl)
    result = [s for s in specs if s.key.startswith("三(")]
    first = True
    for s in result:
        row: list[Cell] = []
        if first:
            row.append(("三、本年度办理结果", 1, len(result)))
            first = False
        if s.group:
            subs = [x for x in result if x.group == s.group]
            if s is subs[0]:
                row.append((T.TOP_SPECS[s.group].label, 1, len(subs)))
            row.append((s.label, 1, 1))
        else:
            row.append((s.label, 2, 1))
        rows.append(row + vals(s.key))
    rows.append([(T.TOP_SPECS["四"].label, 3, 1)] + vals("四"))
    return rows


def _table2_layout(t2: dict[str, tuple], tmpl: str, rng_vals: dict[str, tuple]) -> list[list[Cell]]:
    if tmpl == "2019":
        return [
            [("第二十条第（一）项", 4, 1)],
            [("信息内容", 1, 1), ("本年新制作数量", 1, 1), ("本年新公开数量", 1, 1), ("对外公开总数量", 1, 1)],
            [("规章", 1, 1)] + [(_n(v), 1, 1) for v in rng_vals["规章"]],
            [("规范性文件", 1, 1)] + [(_n(v), 1, 1) for v in rng_vals["规范性文件"]],
            [("第二十条第（五）项", 4, 1)],
            [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 1, 1), ("处理决定数量", 1, 1)],
            [("行政许可", 1, 1)] + [(_n(v), 1, 1) for v in rng_vals["行政许可"]],
            [("其他对外管理服务事项", 1, 1)] + [(_n(v), 1, 1) for v in rng_vals["其他对外管理服务事项"]],
            [("第二十条第（六）项", 4, 1)],
            [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 1, 1), ("处理决定数量", 1, 1)],
            [("行政处罚", 1, 1)] + [(_n(v), 1, 1) for v in rng_vals["行政处罚"]],
            [("行政强制", 1, 1)] + [(_n(v), 1, 1) for v in rng_vals["行政强制"]],
            [("第二十条第（八）项", 4, 1)],
            [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 2, 1)],
            [("行政事业性收费", 1, 1), (_n(rng_vals["行政事业性收费"][0]), 1, 1),
             (_n(rng_vals["行政事业性收费"][1]), 2, 1)],
            [("第二十条第（九）项", 4, 1)],
            [("信息内容", 1, 1), ("采购项目数量", 1, 1), ("采购总金额", 2, 1)],
            [("政府集中采购", 1, 1), (_n(rng_vals["政府集中采购"][0]), 1, 1),
             (_n(rng_vals["政府集中采购"][1]), 2, 1)],
        ]
    one = lambda k: [(k, 1, 1), (_n(t2[k][0]), 3, 1)]  # noqa: E731
    return [
        [("第二十条第（一）项", 4, 1)],
        [("信息内容", 1, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)],
        [("规章", 1, 1)] + [(_n(v), 1, 1) for v in t2["规章"]],
        [("行政规范性文件", 1, 1)] + [(_n(v), 1, 1) for v in t2["行政规范性文件"]],
        [("第二十条第（五）项", 4, 1)],
        [("信息内容", 1, 1), ("本年处理决定数量", 3, 1)],
        one("行政许可"),
        [("第二十条第（六）项", 4, 1)],
        [("信息内容", 1, 1), ("本年处理决定数量", 3, 1)],
        one("行政处罚"), one("行政强制"),
        [("第二十条第（八）项", 4, 1)],
        [("信息内容", 1, 1), ("本年收费金额（单位：万元）", 3, 1)],
        one("行政事业性收费"),
    ]


def _table4_layout(t4: dict[str, list]) -> list[list[Cell]]:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
        [(h, 1, 2) for h in heads] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
        [(h, 1, 1) for h in heads * 2],
        [(_n(v), 1, 1) for name in ("行政复议", "行政诉讼未经复议直接起诉", "行政诉讼复议后起诉")
         for v in t4[name]],
    ]


Block = tuple[str, Any]    # ("title"|"h"|"p", text) or ("table", (rows, widths))


def _blocks(unit: str, year: int, fig: dict[str, Any], tmpl: str, defects: Sequence[str],
            rng: random.Random) -> list[Block]:
    t3, t4 = fig["table3"], fig["table4"]
    new = t3["一"][6] + (1 if "text_table_mismatch" in defects else 0)
    refuse = sum(v[6] for k, v in t3.items() if k.startswith("三(三)"))
    suits = t4["行政诉讼未经复议直接起诉"][4] + t4["行政诉讼复议后起诉"][4]
    b: list[Block] = [("title", f"{unit}{year}年政府信息公开工作年度报告")]
    b.append(("p", f"本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
                   f"（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"))
    plan = "missing_plan" not in defects
    b.append(("h", "一、总体情况"))
    b.append(("p", f"{year}年，{unit}" + (f"认真贯彻落实{year}年政务公开工作要点，" if plan else "")
                   + f"围绕中心工作深化政务公开。本年度共收到政府信息公开申请{new}件，其中予以公开{t3['三(一)'][6]}件，"
                   f"部分公开{t3['三(二)'][6]}件，不予公开{refuse}件。"))
    b.append(("p", "（一）主动公开。及时更新政府信息公开专栏，重点领域信息公开持续深化。"))
    b.append(("p", "（二）平台建设。加强政府网站和政务新媒体管理，确保平台安全平稳运行。"))
    if plan:
        b.append(("p", f"（三）政务公开工作要点落实情况。对照{year}年政务公开工作要点逐项分解任务、明确责任，"
                       "重点领域信息公开、政策解读和回应关切等各项任务均已按要求落实。"))
    b.append(("h", "二、主动公开政府信息情况"))
    b.append(("table", (_table2_layout(fig["table2"], tmpl, fig.get("table2_2019", {})), [150, 115, 115, 115])))
    b.append(("h", "三、收到和处理政府信息公开申请情况"))
    b.append(("table", (_table3_layout(t3, tmpl), [48, 56, 156] + [33] * 7)))
    b.append(("h", "四、政府信息公开行政复议、行政诉讼情况"))
    b.append(("p", f"本年度因政府信息公开引起行政复议{t4['行政复议'][4]}起，行政诉讼{suits}起。"))
    b.append(("table", (_table4_layout(t4), [33] * 15)))
    if "missing_section" not in defects:
        b.append(("h", "五、存在的主要问题及改进情况"))
        b.append(("p", "主要问题：政策解读形式较为单一，公开内容的深度有待加强。改进措施：丰富解读形式，加强业务培训。"))
    b.append(("h", "六、其他需要报告的事项"))
    b.append(("p", "本年度未收取信息处理费。"))
    b.append(("p", unit))
    b.append(("p", f"{year + 1}年1月{rng.randint(5, 20)}日"))
    return b


# ------------------------------------------------------------------ writers


def _place(rows: list[list[Cell]]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) with spans resolved."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for text, cs, rs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rs, cs, text))
            for i in range(rs):
                for j in range(cs):
                    taken.add((r + i, c + j))
            c += cs
    return out


def _fragment(blocks: list[Block]) -> str:
    esc = html.escape
    parts: list[str] = []
    for kind, v in blocks:
        if kind == "title":
            continue
        if kind == "h":
            parts.append(f"<p><strong>{esc(v)}</strong></p>")
        elif kind == "p":
            parts.append(f"<p style=\"text-indent:2em\">{esc(v)}</p>")
        else:
            rows, _ = v
            trs = []
            for row in rows:
                tds = "".join(
                    "<td" + (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
                    + f">{esc(t)}</td>" for t, cs, rs in row)
                trs.append(f"<tr>{tds}</tr>")
            parts.append('<table border="1" cellspacing="0" cellpadding="0" width="100%">'
                         + "".join(trs) + "</table>")
    return "\n".join(parts)


def _html(blocks: list[Block], title: str, unit: str, pub: _dt.date, year: int) -> bytes:
    esc = html.escape
    stamp = f"{pub.isoformat()} 09:30"
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{esc(title)}">
<meta name="PubDate" content="{stamp}">
<meta name="ContentSource" content="{esc(unit)}">
<meta name="ColumnName" content="政府信息公开年报">
<title>{esc(title)}_{esc(unit)}</title></head>
<body><div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="article"><h1 class="title">{esc(title)}</h1>
<div class="info"><span>发布时间：{stamp}</span> <span>来源：{esc(unit)}</span></div>
<div class="TRS_Editor">
{_fragment(blocks)}
</div></div>
<div class="footer">主办单位：{esc(unit)}</div>
</body></html>
"""
    return page.encode("utf-8")


def _docx(blocks: list[Block], title: str) -> bytes:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = title
    for kind, v in blocks:
        if kind == "title":
            d.add_paragraph(v).runs[0].font.size = Pt(16)
        elif kind in ("h", "p"):
            d.add_paragraph(v)
        else:
            rows, _ = v
            placed = _place(rows)
            nrows = len(rows)
            ncols = max(c + cs for _, c, _, cs, _ in placed)
            t = d.add_table(rows=nrows, cols=ncols)
            t.style = "Table Grid"
            for r, c, rs, cs, text in placed:
                cell = t.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
                cell.text = text
    when = _dt.datetime(2000, 1, 1)
    d.core_properties.created = d.core_properties.modified = when
    d.core_properties.last_printed = when
    buf = io.BytesIO()
    d.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same bytes for the same document: zip entries without the time of writing."""
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            z = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            z.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(z, src.read(info.filename))
    return out.getvalue()


class PdfWriter:
    """A minimal PDF writer: CJK text in the non-embedded Adobe font
    STSong-Light (UniGB-UCS2-H, every glyph 1 em wide) and ruled tables with
    merged cells, enough for pdfplumber to read text and tables back."""

    W, H, M = 595.0, 842.0, 50.0

    def __init__(self) -> None:
        self.pages: list[tuple[float, list[str]]] = []
        self._new_page()

    def _new_page(self, height: float | None = None) -> None:
        self.pages.append((height or self.H, []))
        self.y = (height or self.H) - self.M

    @property
    def ops(self) -> list[str]:
        return self.pages[-1][1]

    def text(self, x: float, y: float, s: str, size: float) -> None:
        hexs = s.encode("utf-16-be").hex()
        self.ops.append(f"BT /F1 {size:.2f} Tf {x:.2f} {y:.2f} Td <{hexs}> Tj ET")

    @staticmethod
    def wrap(s: str, width: float, size: float) -> list[str]:
        per = max(1, int(width // size))
        return [s[i:i + per] for i in range(0, len(s), per)] or [""]

    def paragraph(self, s: str, size: float = 10.5, indent: float = 0.0) -> None:
        lines = self.wrap(s, self.W - 2 * self.M, size)
        for line in lines:
            if self.y - size * 1.6 < self.M:
                self._new_page()
            self.y -= size * 1.6
            self.text(self.M + indent, self.y, line, size)
        self.y -= size * 0.4

    def table(self, rows: list[list[Cell]], widths: list[float], size: float = 7.0) -> None:
        placed = _place(rows)
        nrows = len(rows)
        lead, pad = size * 1.25, 2.0
        xs = [self.M]
        for w in widths:
            xs.append(xs[-1] + w)
        heights = [size + 2 * pad + 2] * nrows
        need = {}
        for r, c, rs, cs, text in placed:
            w = xs[c + cs] - xs[c] - 2 * pad
            need[(r, c)] = len(self.wrap(text, w, size)) * lead + 2 * pad + 2
            if rs == 1:
                heights[r] = max(heights[r], need[(r, c)])
        for r, c, rs, cs, text in placed:
            if rs > 1:
                have = sum(heights[r:r + rs])
                if have < need[(r, c)]:
                    heights[r + rs - 1] += need[(r, c)] - have
        total = sum(heights)
        if self.y - total < self.M:
            self._new_page(max(self.H, total + 2 * self.M + 10))
        top = self.y
        ys = [top]
        for h in heights:
            ys.append(ys[-1] - h)
        self.ops.append("0.6 w")
        for r, c, rs, cs, text in placed:
            x0, x1, y0, y1 = xs[c], xs[c + cs], ys[r + rs], ys[r]
            self.ops.append(f"{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re S")
            ty = y1 - pad - size
            for line in self.wrap(text, x1 - x0 - 2 * pad, size):
                self.text(x0 + pad, ty, line, size)
                ty -= lead
        self.y = ys[-1] - 8

    def bytes(self, title: str = "") -> bytes:
        objs: list[bytes] = []

        def add(b: str | bytes) -> int:
            objs.append(b.encode("latin-1") if isinstance(b, str) else b)
            return len(objs)

        add("<< /Type /Catalog /Pages 2 0 R >>")
        add("")  # pages, filled below
        add("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            "/DescendantFonts [4 0 R] >>")
        add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
            "/FontDescriptor 5 0 R /DW 1000 >>")
        add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
        kids = []
        for height, ops in self.pages:
            data = zlib.compress("\n".join(ops).encode("latin-1"))
            content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                          + b"\nendstream")
            kids.append(add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {self.W:.0f} {height:.0f}] "
                            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>"))
        objs[1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                   f"/Count {len(kids)} >>").encode("latin-1")
        info = add(f"<< /Title <feff{title.encode('utf-16-be').hex()}> /Producer (zwgk-audit simulator) >>")
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, o in enumerate(objs, 1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
        for off in offsets:
            out.write(b"%010d 00000 n \n" % off)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                  % (len(objs) + 1, info, xref))
        return out.getvalue()


def _pdf(blocks: list[Block], title: str) -> bytes:
    w = PdfWriter()
    for kind, v in blocks:
        if kind == "title":
            w.paragraph(v, size=15)
        elif kind == "h":
            w.paragraph(v, size=12)
        elif kind == "p":
            w.paragraph(v)
        else:
            rows, widths = v
            w.table(rows, widths)
    return w.bytes(title)


# ------------------------------------------------------------------ entry point


def render_report(unit_name: str, year: int, *, fmt: str, template: str = "2021",
                  defects: Sequence[str] = (), rng: random.Random,
                  carry_in: int | None = None) -> ReportDoc:
    unknown = set(defects) - set(DEFECTS)
    if unknown:
        raise ValueError(f"unknown defects: {sorted(unknown)}")
    if fmt not in ("html", "pdf", "docx"):
        raise ValueError(f"unknown format {fmt!r}")
    tmpl = "2019" if "old_template" in defects else template
    fig = _figures(unit_name, year, rng, carry_in, tmpl)
    t3 = fig["table3"]
    truth: list[dict[str, str]] = []

    def expect(check: str, key: str, status: str = "fail") -> None:
        truth.append({"check_id": f"annual_report.{check}", "status": status, "key": key})

    if tmpl == "2019":
        fig["table2_2019"] = {
            "规章": (0, 0, 0) if _is_township(unit_name) else (rng.randint(0, 3), rng.randint(0, 3), rng.randint(5, 30)),
            "规范性文件": (rng.randint(0, 5), rng.randint(0, 5), rng.randint(10, 60)),
            "行政许可": (rng.randint(50, 90), rng.randint(0, 9), rng.randint(0, 300)),
            "其他对外管理服务事项": (rng.randint(0, 40), rng.randint(0, 5), rng.randint(0, 100)),
            "行政处罚": (rng.randint(50, 90), rng.randint(0, 9), rng.randint(0, 200)),
            "行政强制": (rng.randint(0, 20), rng.randint(0, 3), rng.randint(0, 20)),
            "行政事业性收费": (rng.randint(0, 10), rng.randint(0, 2)),
            "政府集中采购": (rng.randint(0, 30), round(rng.uniform(0, 900), 2)),
        }
        if year >= 2021:
            expect("template", "template")
    if "row_total" in defects:
        t3["三(四)1"][0] += 1
        expect("arithmetic", "table3:三(四)1:总计")
        expect("arithmetic", "table3:三(七)总计:自然人")
    if "result_total" in defects:
        t3["三(四)1"][0] += 1
        t3["三(四)1"][6] += 1
        expect("arithmetic", "table3:三(七)总计:自然人")
        expect("arithmetic", "table3:三(七)总计:总计")
    if "col_balance" in defects:
        t3["四"][0] += 1
        t3["四"][6] += 1
        expect("arithmetic", "table3:一+二=三(七)+四:自然人")
        expect("arithmetic", "table3:一+二=三(七)+四:总计")
    if "broken_carryover" in defects:
        for k in ("二", "四"):
            t3[k][0] += 1
            t3[k][6] += 1
        if carry_in is not None:
            expect("carryover", f"carryover:{year}")
    if "review_total" in defects:
        fig["table4"]["行政复议"][0] += 1
        expect("arithmetic", "table4:行政复议:总计")
    if "blank_cell" in defects:
        t3["三(三)8"][2] = None
        expect("blank", "blank:table3:三(三)8:科研机构")
    if "text_table_mismatch" in defects:
        expect("text", "text:本年新收")
    if "missing_section" in defects:
        expect("sections", "section:五")
    if "missing_plan" in defects:
        expect("plan", "工作要点", "warn")
    if "late" in defects:
        pub = _dt.date(year + 1, rng.choice([2, 3]), rng.randint(1, 28))
        expect("timeliness", f"late:{year}")
    else:
        pub = _dt.date(year + 1, 1, rng.randint(10, 30))
    title = f"{unit_name}{year}年政府信息公开工作年度报告"
    blocks = _blocks(unit_name, year, fig, tmpl, defects, rng)
    if fmt == "html":
        body = _html(blocks, title, unit_name, pub, year)
    elif fmt == "docx":
        body = _docx(blocks, title)
    else:
        body = _pdf(blocks, title)
    figures = {
        "year": year, "template": tmpl, "table3": {k: list(v) for k, v in t3.items()},
        "table2": fig["table2"], "table4": fig["table4"],
        "上年结转": t3["二"][6], "结转下年度": t3["四"][6],
    }
    return ReportDoc(body=body, fmt=fmt, title=title, pub_date=pub, figures=figures, truth=truth,
                     fragment=_fragment(blocks) if fmt == "html" else "")
