"""政府信息公开工作年度报告 of the simulated units: which reports the portal
publishes, in which format, and the ground truth they imply.

Every unit publishes its reports of the last three years in its 年报 column.
The documents come from ``simulator.annual_reports.render_report`` (national
format, consistent figures, 上年结转 chained from the previous year's
结转下年度) in one of three forms:

  html  the report is the detail page itself (tables in the page);
  pdf / docx  an HTML detail page (title, PubDate, 发布时间, no tables) links the
        report as an attachment; findings are reported on the HTML page.

Order of work: ``plan_reports`` (build) adds one list entry per report;
defects (``simulator.defects_annual``) mark reports as defective or remove
them; ``render_reports`` (finalize, before URLs are assigned) renders them
and fixes their dates; ``record_truth`` (after URLs) writes the truth:
the items ``render_report`` declares, at the report page's path, and the
presence/series verdicts that follow from which years remain, at the
unit's home path (the audited base URL).
"""

from __future__ import annotations

import datetime as dt
import html
import random

from simulator.plan import AnnualReportPlan, Attachment, Entry, PortalPlan

# Format of each unit's reports; units not listed rotate through the three by year.
FORMATS: dict[str, str] = {"county": "html", "jyj": "pdf", "czj": "docx"}
_ROTATION = ("html", "pdf", "docx")
YEARS = 3
# columns.stale limit of a column of no listed type, such as 年报 (checks/site default).
COLUMN_STALE_DAYS = 365


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def report_title(unit_name: str, year: int) -> str:
    return f"{unit_name}{year}年政府信息公开工作年度报告"


def report_years(as_of: dt.date) -> list[int]:
    return list(range(as_of.year - YEARS, as_of.year))


def deadline(year: int) -> dt.date:
    """条例第五十条: by 1月31日 of the next year."""
    return dt.date(year + 1, 1, 31)


def due_years(as_of: dt.date) -> tuple[int, int]:
    """(latest year whose report is overdue when absent, the year still pending)."""
    last = as_of.year - 1
    return (last, last + 1) if as_of > deadline(last) else (last - 1, last)


def report_format(unit_id: str, year: int) -> str:
    return FORMATS.get(unit_id) or _ROTATION[year % len(_ROTATION)]


# render_report defect -> the annual_report check it shows in.
_CHECK_OF = {"row_total": "arithmetic", "col_balance": "arithmetic", "result_total": "arithmetic",
             "review_total": "arithmetic", "blank_cell": "blank", "text_table_mismatch": "text",
             "old_template": "template", "broken_carryover": "carryover", "missing_section": "sections",
             "late": "timeliness", "missing_plan": "plan"}


def plan_reports(plan: PortalPlan) -> None:
    """One entry per unit and year in the unit's 年报 column (dates are
    provisional until ``render_reports``)."""
    for u in plan.units.values():
        col = u.columns["ndbg"]
        for year in report_years(plan.as_of):
            when = min(dt.date(year + 1, 1, 15), plan.as_of - dt.timedelta(days=1))
            e = Entry(plan.new_id(), u.id, "ndbg", report_title(u.name, year), when,
                      source=u.sponsor, role=f"annual_report:{year}")
            col.entries.append(e)
            plan.annual[(u.id, year)] = AnnualReportPlan(u.id, year, report_format(u.id, year), e)


def reports_of(plan: PortalPlan, unit_id: str, *, present: bool = True) -> list[AnnualReportPlan]:
    out = [r for (uid, _), r in plan.annual.items() if uid == unit_id and (not present or not r.missing)]
    return sorted(out, key=lambda r: r.year)


def render_reports(plan: PortalPlan) -> None:
    """Render every remaining report, oldest first, chaining 上年结转."""
    from simulator.annual_reports import render_report

    for u in plan.units.values():
        col = u.columns["ndbg"]
        carry: int | None = None
        for r in reports_of(plan, u.id, present=False):
            if r.missing:
                if r.entry in col.entries:
                    col.entries.remove(r.entry)
                carry = None          # no previous report to chain from
                continue
            rng = random.Random(f"{plan.seed}:annual:{u.id}:{r.year}")
            doc = render_report(u.name, r.year, fmt=r.fmt, defects=tuple(r.defects), rng=rng, carry_in=carry)
            if doc.pub_date >= plan.as_of and "late" in r.defects:
                raise ValueError(f"{u.id} {r.year}年度报告的迟发日期{doc.pub_date}不早于审计日期{plan.as_of}")
            r.doc = doc
            carry = doc.figures["结转下年度"]
            e = r.entry
            e.title = doc.title
            e.published = min(doc.pub_date, plan.as_of - dt.timedelta(days=1))
            e.attachments = ([] if r.fmt == "html"
                             else [Attachment(f"{doc.title}.{r.fmt}", "", r.fmt, title=doc.title)])


def record_truth(plan: PortalPlan) -> None:
    """Truth of the annual reports, once page paths are final."""
    due, pending = due_years(plan.as_of)
    for u in plan.units.values():
        reports = reports_of(plan, u.id, present=False)
        for r in reports:
            if r.doc is None:
                continue
            for t in r.doc.truth:
                check = t["check_id"].removeprefix("annual_report.")
                why = [text for d, text in r.defects.items() if _CHECK_OF.get(d) == check]
                plan.add_truth(u.id, t["check_id"], r.entry.path, t["key"],
                               ",".join(dict.fromkeys(why)) or r.defect_text, t["status"])
        removed = {r.year: r.missing for r in reports if r.missing}
        years = sorted(r.year for r in reports if not r.missing)
        if due in removed:
            plan.add_truth(u.id, "annual_report.presence", u.home_path, f"missing:{due}", removed[due])
        if pending in removed and pending <= plan.as_of.year - 1:
            plan.add_truth(u.id, "annual_report.presence", u.home_path, f"missing:{pending}", removed[pending],
                           "pending")
        if years:
            for y in range(years[0], years[-1] + 1):
                if y not in years:
                    plan.add_truth(u.id, "annual_report.series", u.home_path, f"gap:{y}", removed.get(y, ""))
        # Without its latest report the 年报 column may have gone stale too.
        col = u.columns["ndbg"]
        if removed and col.entries:
            newest = max(e.published for e in col.entries)
            if (plan.as_of - newest).days > COLUMN_STALE_DAYS:
                plan.add_truth(u.id, "columns.stale", col.list_path, "", ",".join(dict.fromkeys(removed.values())))


def page_text(r: AnnualReportPlan) -> str:
    """Content of the report's detail page: the report itself (HTML), or a
    note linking the PDF/DOCX attachment (no tables on the page)."""
    doc = r.doc
    if r.fmt == "html":
        return doc.fragment
    a = r.entry.attachments[0]
    what = "PDF" if r.fmt == "pdf" else "Word"
    return (f'<p style="text-indent:2em">现将《{esc(doc.title)}》予以公布，全文见附件（{what}文档）。'
            "如对本报告有任何疑问，请与本单位政务公开工作机构联系。</p>\n"
            f'<p>附件：<a href="{esc(a.path)}" target="_blank">{esc(a.name)}</a></p>')
