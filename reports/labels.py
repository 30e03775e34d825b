"""Chinese labels for the raw keys of ``Finding.evidence.details``.

Only a presentation aid for the generic details tables: a key not listed
here is shown as it is, so a new check needs no change.
"""

from __future__ import annotations

from typing import Any

KEY_LABELS: dict[str, str] = {
    # DNS / IPv6 / TLS (crawler/probes, checks/ipv6, checks/network)
    "chain": "解析链", "a": "IPv4 地址（A）", "aaaa": "IPv6 地址（AAAA）", "rcode": "DNS 响应码",
    "server": "DNS 服务器", "host": "主机", "literal": "IP 地址网址", "zone": "区", "ns": "域名服务器",
    "results": "逐项结果", "ports": "端口", "port": "端口", "address": "地址", "test": "测试",
    "result": "结果", "min_success": "最低成功率", "v4": "IPv4 访问", "v6": "IPv6 访问",
    "statuses": "HTTP 状态码", "errors": "错误", "ms": "耗时（毫秒）", "success_rate": "成功率",
    "hash": "内容摘要", "size": "大小（字节）", "location": "跳转地址", "similarity": "相似度",
    "status_match": "状态码一致", "min_similarity": "最低相似度", "ok": "成功", "name": "名称",
    "groups": "分组", "level2": "二级页面", "level3": "三级页面", "resources": "页面资源",
    "total": "抽测数", "found": "发现数", "ratio": "比例", "threshold": "阈值",
    "failing_hosts": "IPv6 不可访问的域名", "failing_urls": "IPv6 不可访问的网址", "max_urls": "抽测上限",
    "probe": "探测", "target": "探测目标", "https_url": "HTTPS 网址", "http_url": "HTTP 网址",
    "https_offered": "提供 HTTPS", "https_error": "HTTPS 错误", "verified": "证书校验通过",
    "verify_error": "证书校验错误", "subject": "证书主体",
    "san": "证书域名（SAN）", "not_after": "证书到期时间", "days_left": "剩余天数",
    "name_matches": "证书名称相符", "http_status": "HTTP 状态码", "http_location": "HTTP 跳转地址",
    "redirects_to_https": "跳转到 HTTPS",
    # pages, links, columns, documents
    "url": "网址", "error": "错误", "status": "状态码", "final_url": "最终网址", "page": "页面",
    "pages": "页面", "referrers": "引用页面", "linked_from": "链接来源", "note": "说明", "href": "链接",
    "title": "标题", "text": "文字", "kind": "类型", "tag": "标签", "document": "文件", "where": "位置",
    "label": "标签名", "hidden": "隐藏", "how_hidden": "隐藏方式", "written_date": "成文日期",
    "published_date": "发布日期", "doc_number": "文号", "index_no": "索引号", "topic": "主题分类",
    "validity": "有效性", "expiry": "失效日期", "list_url": "列表页", "list_row": "列表条目",
    "as_of": "基准日", "column_name": "栏目名称", "column_type": "栏目类型", "rows": "条目",
    "threshold_days": "更新期限（天）", "newest_date": "最新日期", "newest_title": "最新标题",
    "newest_url": "最新条目", "age_days": "距今天数", "total_items": "条目总数", "total_pages": "分页数",
    "dated_rows": "有日期的条目", "future_dates": "未来日期", "working_days": "工作日", "limit": "期限",
    "year": "年度", "attachment": "附件", "fields": "字段", "problems": "问题", "checked": "已检查",
    "broken": "失效", "columns": "栏目", "counts": "数量", "image": "图片", "statement": "声明",
    "elapsed_ms": "耗时（毫秒）", "fetched_at": "抓取时间", "sources": "来源", "source_count": "来源数",
}

_BOOL = {True: "是", False: "否"}


def key_label(key: Any) -> str:
    """The Chinese label of a details key, or the key itself."""
    return KEY_LABELS.get(key, str(key)) if isinstance(key, str) else str(key)


def yes_no(v: Any) -> str:
    return _BOOL[v] if isinstance(v, bool) else str(v)
