"""Reading 政府信息公开工作年度报告 (HTML, PDF, DOCX, flattened text) into a
typed ``AnnualReport``.  See ``model`` for the output, ``template`` for the
national formats, ``flatten`` for splitting glued table rows."""

from extract.annual_report.model import (
    APPLICANT_COLUMNS, TABLE3_COLUMNS, TABLE4_BLOCKS, TABLE4_COLUMNS, AnnualReport, LabelIssue,
    Problem, Table2Row, Table3Row, Table4Block, TextNumber,
)
from extract.annual_report.parse import parse_bytes, parse_docx, parse_html, parse_pdf, parse_text, sniff

__all__ = [
    "APPLICANT_COLUMNS", "TABLE3_COLUMNS", "TABLE4_BLOCKS", "TABLE4_COLUMNS", "AnnualReport",
    "LabelIssue", "Problem", "Table2Row", "Table3Row", "Table4Block", "TextNumber",
    "parse_bytes", "parse_docx", "parse_html", "parse_pdf", "parse_text", "sniff",
]
