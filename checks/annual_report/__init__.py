"""政府信息公开工作年度报告 checks (annual_report.*).

Per report: see ``document`` (readable, template, sections, labels,
arithmetic, blank, text, township, plan).  Over the series of reports:
see ``series`` (presence, timeliness, title, duplicates, series, carryover,
stock).  Each module's docstring lists its finding keys."""
