"""Turn a report in any format into a flat ``Document``: paragraphs and
table grids in reading order.  Merged cells are expanded so every grid row
has one entry per column; ``Cell.origin`` tells a spanned copy apart."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import NamedTuple

import lxml.html


class Cell(NamedTuple):
    text: str
    origin: bool = True      # False: covered by a rowspan/colspan of another cell


Grid = list[list[Cell]]


@dataclass
class Document:
    kind: str                                   # html | pdf | docx | text
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Grid] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003]+")


def clean(text: str) -> str:
    return _WS.sub(" ", text or "").strip()


# ---------------------------------------------------------------- HTML

_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section",
          "article", "ul", "ol", "dd", "dt", "center", "blockquote", "pre"}
_SKIP = {"script", "style", "noscript", "head", "template"}


def _html_grid(table) -> Grid:
    grid: dict[tuple[int, int], Cell] = {}
    r = 0
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None
            and _owner_table(tr) is table]
    for tr in rows:
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = clean(" ".join(td.itertext()))
            rs = _span(td.get("rowspan"))
            cs = _span(td.get("colspan"))
            for i in range(rs):
                for j in range(cs):
                    grid[(r + i, c + j)] = Cell(text, i == 0 and j == 0)
            c += cs
        r += 1
    if not grid:
        return []
    height = max(k[0] for k in grid) + 1
    width = max(k[1] for k in grid) + 1
    return [[grid.get((i, j), Cell("", False)) for j in range(width)] for i in range(height)]


def _owner_table(el):
    p = el.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _span(v: str | None) -> int:
    try:
        return max(1, min(int(str(v).strip()), 50))
    except (TypeError, ValueError):
        return 1


def read_html(text: str) -> Document:
    root = lxml.html.fromstring(text or "<html></html>")
    doc = Document("html")
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip()
        if name and m.get("content") is not None:
            doc.meta[name] = m.get("content", "").strip()
    t = root.find(".//title")
    doc.title = doc.meta.get("ArticleTitle") or (clean(t.text_content()) if t is not None else "")
    body = root.find(".//body")
    buf: list[str] = []

    def flush() -> None:
        for line in "".join(buf).split("\n"):
            if line := clean(line):
                doc.paragraphs.append(line)
        buf.clear()

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            if el.tail and tag != "head":
                buf.append(el.tail)
            return
        if tag == "table" and el.find(".//table") is None:
            flush()
            grid = _html_grid(el)
            if grid:
                doc.tables.append(grid)
        else:
            if tag in _BLOCK:
                buf.append("\n")
            if el.text:
                buf.append(el.text)
            for child in el:
                walk(child)
            if tag in _BLOCK:
                buf.append("\n")
        if el.tail:
            buf.append(el.tail)

    walk(body if body is not None else root)
    flush()
    return doc


# ---------------------------------------------------------------- PDF


def read_pdf(data: bytes) -> Document:
    import pdfplumber

    doc = Document("pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        doc.title = clean(str((pdf.metadata or {}).get("Title", "") or ""))
        for page in pdf.pages:
            found = page.find_tables()
            boxes = [t.bbox for t in found]

            def outside(obj, boxes=boxes) -> bool:
                if obj.get("object_type") != "char":
                    return True
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            text = page.filter(outside).extract_text() or ""
            doc.paragraphs += [line for line in (clean(x) for x in text.split("\n")) if line]
            for t in found:
                rows = t.extract()
                doc.tables.append([[Cell(clean(c), True) if c is not None else Cell("", False)
                                    for c in row] for row in rows])
    return doc


# ---------------------------------------------------------------- DOCX


def read_docx(data: bytes) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    doc = Document("docx", title=clean(d.core_properties.title or ""))
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            if line := clean(Paragraph(child, d).text):
                doc.paragraphs.append(line)
        elif tag == "tbl":
            table = Table(child, d)
            grid: Grid = []
            above: list = []
            for row in table.rows:
                cells = row.cells
                out: list[Cell] = []
                for j, c in enumerate(cells):
                    left = j > 0 and cells[j - 1]._tc is c._tc
                    up = j < len(above) and above[j]._tc is c._tc
                    out.append(Cell(clean(c.text), not (left or up)))
                grid.append(out)
                above = cells
            doc.tables.append(grid)
    return doc


# ---------------------------------------------------------------- text


def read_text(text: str) -> Document:
    return Document("text", paragraphs=[line for line in (clean(x) for x in text.split("\n")) if line])
