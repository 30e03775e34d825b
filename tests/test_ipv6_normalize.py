"""The IPv4/IPv6 content comparison ignores per-request noise, not content."""

from crawler.probes.normalize import content_hash, similarity

PAGE = """<html><head><meta name="csrf-token" content="{tok}"><script nonce="{nonce}" src="/a.js?t={t}"></script>
</head><body><a href="/list;jsessionid={sid}">政策文件</a><p>访问时间：{when}</p>
<input type="hidden" name="__RequestVerificationToken" value="{tok}">
<p>{body}</p></body></html>"""


def page(body="县政府常务会议研究部署安全生产工作", **kw):
    v = dict(tok="a1b2c3", nonce="n0", t="1700000000", sid="ABCDEF0123", when="2024-05-01 10:00:00")
    v.update(kw)
    return PAGE.format(body=body, **v)


def test_tokens_nonces_sessions_and_times_do_not_count():
    a = page()
    b = page(tok="zz99", nonce="q7", t="1700009999", sid="XYZ", when="2024-05-01 10:00:07")
    assert a != b
    assert content_hash(a) == content_hash(b)
    assert similarity(a, b) == 1.0


def test_different_content_is_different():
    a = page()
    b = page(body="网站正在维护中，请稍后访问。IPv6 测试页面")
    assert content_hash(a) != content_hash(b)
    assert similarity(a, b) < 0.95
    assert similarity("<p>一</p>" * 5, "<html><body>建设中</body></html>") < 0.5
