"""A hand-built AuditResult for the report tests: two units, every status,
plan clauses with manual items, and hostile page data."""

from __future__ import annotations

from dataclasses import replace

from zwgk_audit.model import (
    AuditResult, Citation, CrawlStats, Evidence, Finding, Severity, Status, Unit,
)

HOSTILE = "<script>alert(1)</script>\"'&"
JS_URL = "javascript:alert(1)"

COUNTY = Unit(id="county", name="示例县人民政府", base_url="http://127.0.0.1:8081/",
              unit_name="示例县人民政府办公室", level="县级政府", plan="gd2024")
DEPT = Unit(id="dept", name="示例县教育局", base_url="http://127.0.0.1:8081/jyj/",
            unit_name="示例县教育局", level="部门", plan="gd2024")

PLAN = Citation(source="2024年政务公开工作要点", clause="11", text="规范性文件标注有效性",
                units=("县司法局", "各部门"), deadline="2024-12-31", plan_id="gd2024")


def f(check_id: str, status: Status, unit: str = "county", url: str = "", key: str = "",
      message: str = "", title: str = "", severity: Severity = Severity.MAJOR, **ev) -> Finding:
    return Finding(check_id=check_id, status=status, title=title or check_id, message=message or f"{check_id} {status.value}",
                   unit=unit, url=url, key=key, evidence=Evidence(**ev), basis=(PLAN,),
                   suggestion="请按要求整改。", severity=severity)


def findings() -> list[Finding]:
    home = COUNTY.base_url
    return [
        f("footer.identity", Status.FAIL, url=home, key="icp", title="网站标识与备案信息",
          message="未找到ICP备案号", value="粤ICP备12345678号-", expected="粤ICP备XXXXXXXX号",
          snippet="<div class='footer'>粤ICP备12345678号-</div>"),
        f("footer.identity", Status.PASS, url=home, key="site_code", title="网站标识与备案信息",
          message="网站标识码正确", value="4417000001"),
        f("links.broken", Status.FAIL, url="http://127.0.0.1:8081/missing.html", title="错链断链",
          message="链接无法访问（404）", details={"status": 404, "referrers": [home, "http://127.0.0.1:8081/a.html"]}),
        f("links.broken", Status.FAIL, url=JS_URL, title="错链断链",
          message=f"可疑链接 {HOSTILE}", value=HOSTILE, snippet=f"<a href=\"{JS_URL}\">{HOSTILE}</a>",
          details={"note": HOSTILE, "href": JS_URL}),
        f("normative.fields", Status.WARN, url="http://127.0.0.1:8081/doc1.html", key="validity",
          title="规范性文件要素", message=f"有效性标注不规范 {HOSTILE}", value="=HYPERLINK(\"http://evil\")"),
        f("normative.fields", Status.UNKNOWN, url="http://127.0.0.1:8081/doc2.html", key="issuer",
          title="规范性文件要素", message="页面无法解析"),
        f("annual_report.published", Status.PENDING, url=home, title="年度报告发布", message="尚未到期"),
        f("ipv6.aaaa", Status.NA, url=home, title="IPv6 解析", message="不适用"),
        # dept: vetoed by an unreachable home page
        f("site.home_reachable", Status.FAIL, unit="dept", url=DEPT.base_url, title="首页可访问",
          message="首页无法访问（连接超时）", severity=Severity.VETO),
        f("footer.identity", Status.PASS, unit="dept", url=DEPT.base_url, key="icp", title="网站标识与备案信息",
          message="ICP备案号正确"),
        f("columns.stale", Status.WARN, unit="dept", url="http://127.0.0.1:8081/jyj/tzgg/", title="栏目更新",
          message="通知公告栏目 150 天未更新"),
    ]


def clauses() -> dict:
    base = {"plan_id": "gd2024", "plan_title": "2024年政务公开工作要点", "units": ["各部门"],
            "deadline": "2024-12-31", "note": "", "evidence": None}
    return {
        "county": [
            {**base, "clause": "11", "category": "规范性文件", "text": "规范性文件标注有效性", "mode": "auto",
             "status": "warn", "checks": ["normative.fields"]},
            {**base, "clause": "3", "category": "培训", "text": "开展政务公开培训", "mode": "manual",
             "status": "pass", "checks": [], "note": f"已于6月培训 {HOSTILE}",
             "evidence": ["培训通知.pdf", JS_URL]},
            {**base, "clause": "5", "category": "会议", "text": "召开专题会议", "mode": "manual",
             "status": "unknown", "checks": [], "note": "", "evidence": None},
        ],
        "dept": [
            {**base, "clause": "7", "category": "栏目", "text": "通知公告及时更新", "mode": "auto",
             "status": "warn", "checks": ["columns.stale"]},
        ],
    }


def result(run_id: str = "run-2", started_at: str = "2024-06-02T08:00:00+00:00",
           items: list[Finding] | None = None) -> AuditResult:
    return AuditResult(
        run_id=run_id, started_at=started_at, as_of="2024-06-01", units=[COUNTY, DEPT],
        findings=findings() if items is None else items,
        stats={"county": CrawlStats(unit="county", pages=120, errors=3, stopped_by="finished"),
               "dept": CrawlStats(unit="dept", pages=1, errors=1, stopped_by="finished")},
        config_name="示例县政务公开审计", plans={"gd2024": "2024年政务公开工作要点"},
        extra={"clauses": clauses()})


def previous_findings() -> list[Finding]:
    """An earlier run: the ICP failure and one broken link existed; a link
    now broken did not; the stale column was fixed since."""
    cur = {x.identity: x for x in findings()}
    out = [cur[("county", "footer.identity", COUNTY.base_url, "icp")],
           cur[("county", "links.broken", "http://127.0.0.1:8081/missing.html", "")]]
    out.append(f("links.broken", Status.FAIL, url="http://127.0.0.1:8081/old-broken.html", title="错链断链",
                 message="链接无法访问（404）"))
    out.append(f("footer.identity", Status.FAIL, unit="dept", url=DEPT.base_url, key="icp",
                 title="网站标识与备案信息", message="未找到ICP备案号"))
    out.append(replace(cur[("county", "normative.fields", "http://127.0.0.1:8081/doc2.html", "issuer")],
                       status=Status.FAIL))
    return out
