"""政府信息公开工作年度报告 pages.  One small function so a fuller report
generator (tables in the national format, PDF/Word documents) can replace it."""

from __future__ import annotations

import html
import random


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def report_title(unit_name: str, year: int) -> str:
    return f"{unit_name}{year}年政府信息公开工作年度报告"


def report_body(unit_name: str, year: int, seed: int) -> str:
    """HTML fragment of the report (2021 format headings, consistent numbers)."""
    rng = random.Random(f"{seed}:{unit_name}:{year}")
    new, carried = rng.randint(5, 60), rng.randint(0, 5)
    pending = rng.randint(0, min(3, new))
    done = new + carried - pending
    disclosed = rng.randint(0, done)
    partial = rng.randint(0, done - disclosed)
    other = done - disclosed - partial
    rows = [("一、本年新收政府信息公开申请数量", new), ("二、上年结转政府信息公开申请数量", carried),
            ("三、本年度办理结果（一）予以公开", disclosed), ("三、本年度办理结果（二）部分公开", partial),
            ("三、本年度办理结果（六）其他处理", other), ("三、本年度办理结果（七）总计", done),
            ("四、结转下年度继续办理", pending)]
    table = "".join(f"<tr><td>{esc(k)}</td><td>{v}</td></tr>" for k, v in rows)
    return (
        f"<p>根据《中华人民共和国政府信息公开条例》，编制本报告。本报告所列数据统计期限自{year}年1月1日起至{year}年12月31日止。</p>"
        "<h3>一、总体情况</h3><p>全年主动公开政府信息，依申请公开工作依法有序开展。</p>"
        "<h3>二、主动公开政府信息情况</h3><p>详见统计表。</p>"
        f"<h3>三、收到和处理政府信息公开申请情况</h3><table border=\"1\"><tr><th>项目</th><th>总计</th></tr>{table}</table>"
        "<h3>四、政府信息公开行政复议、行政诉讼情况</h3><p>本年度无行政复议、行政诉讼。</p>"
        "<h3>五、存在的主要问题及改进情况</h3><p>栏目更新不够及时，将进一步加强管理。</p>"
        "<h3>六、其他需要报告的事项</h3><p>本年度未收取信息处理费。</p>"
    )
