"""The portal generator: determinism, defects in tree and truth, encodings,
Hanweb script-only lists, link integrity, demo config and serving."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from simulator.defects import DEFAULT_DEFECTS, REGISTRY, DefectError
from simulator.generate import generate
from simulator.plan import STALE_DAYS

AS_OF = dt.date(2025, 6, 1)
PORTS = {"county": 18081, "town": 18082, "province": 18083}


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("sim") / "out", seed=7, scale=300, as_of=AS_OF, ports=PORTS)


def _read(gen, site: str, path: str, enc: str = "utf-8") -> str:
    return (gen.root(site) / path.lstrip("/")).read_bytes().decode(enc)


def _site_of(gen, unit: str) -> str:
    return next(u["site"] for u in gen.truth["units"] if u["id"] == unit)


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def test_same_seed_same_tree_and_truth(tmp_path):
    a = generate(tmp_path / "a", seed=3, scale=120, as_of=AS_OF, ports=PORTS)
    b = generate(tmp_path / "b", seed=3, scale=120, as_of=AS_OF, ports=PORTS)
    c = generate(tmp_path / "c", seed=4, scale=120, as_of=AS_OF, ports=PORTS)
    assert _tree_digest(a.out) == _tree_digest(b.out)
    assert a.truth == b.truth
    assert _tree_digest(a.out) != _tree_digest(c.out)


def test_every_kind_in_default_list_and_truth(gen):
    kinds = {d.partition("@")[0].partition(":")[0] for d in DEFAULT_DEFECTS}
    # Site-level IPv6 defects exclude each other on the two named sites, so some
    # stay out of the defaults; test_site_level_network_kinds_alone covers them.
    assert set(REGISTRY) - kinds == NETWORK_ALONE
    assert gen.truth["defects"] and len(gen.truth["defects"]) == len(DEFAULT_DEFECTS)
    by_defect = {f["defect"] for f in gen.truth["findings"]}
    assert by_defect == set(DEFAULT_DEFECTS)
    for f in gen.truth["findings"]:
        assert f["path"].startswith("/") and "127.0.0.1" not in f["path"]
        assert f["status"] in ("fail", "warn")


def test_truth_paths_exist_except_broken_targets(gen):
    for f in gen.truth["findings"]:
        p = gen.root(_site_of(gen, f["unit"])) / f["path"].lstrip("/")
        assert p.exists() == (f["check_id"] != "links.broken"), f


def _links(text: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', text)


def test_no_broken_link_besides_declared(gen):
    """Every href/src resolves to a file, except the declared broken targets."""
    declared = {(f["unit"], f["path"]) for f in gen.truth["findings"] if f["check_id"] == "links.broken"}
    declared_paths = {p for _, p in declared}
    seen_broken = set()
    port_site = {v: k for k, v in PORTS.items()}
    for site in ("county", "town", "province"):
        root = gen.root(site)
        for page in list(root.rglob("*.html")) + list(root.rglob("*.shtml")):
            raw = page.read_bytes()
            text = raw.decode("gbk" if b"charset=gb" in raw[:300] else "utf-8")
            base = f"http://127.0.0.1:{PORTS[site]}/" + str(page.relative_to(root))
            for href in _links(text):
                if "<!--#" in href:
                    continue
                url = urlsplit(urljoin(base, href.replace("&amp;", "&")))
                assert url.hostname == "127.0.0.1", href       # nothing points at a real address
                target = gen.root(port_site[url.port]) / url.path.lstrip("/")
                if url.path.endswith("/"):
                    target = target / "index.html"
                if not target.exists():
                    seen_broken.add(url.path)
    assert seen_broken == declared_paths


def test_footer_defects(gen):
    county = _read(gen, "county", "/index.html")
    assert "粤ICP 05012345" in county and "粤公网安备" not in county and "dzjg.png" not in county
    assert "网站标识码：4415990001" in county and "我为政府网站找错" in county
    town = _read(gen, "town", "/index.html")
    assert "网站标识码：44159900<" in town and "jiucuo" not in town and "粤ICP备05012345号-3" in town
    assert "主办单位" not in _read(gen, "county", "/bm/jyj/index.html")
    assert "ICP" not in _read(gen, "county", "/bm/czj/index.html", "gbk")
    # other pages keep the complete footer
    inner = _read(gen, "county", "/zwgk/index.html")
    for needle in ("粤ICP备05012345号-1", "粤公网安备44159902000001号", "网站标识码：4415990001", "dzjg.png",
                   "sitecode=4415990001", "主办单位：示例县人民政府办公室"):
        assert needle in inner
    assert '<meta name="SiteIDCode" content="4415990001">' in county


def _finding(gen, defect: str) -> dict:
    return next(f for f in gen.truth["findings"] if f["defect"] == defect)


def test_normative_defects_in_pages(gen):
    page = lambda d: _read(gen, "county", _finding(gen, d)["path"])
    assert re.search(r"示府办?\(\d{4}\)\d+号", page("bad_doc_number:paren"))
    assert re.search(r"示府办?〔\d{4}〕第\d+号", page("bad_doc_number:di"))
    assert re.search(r"示府办?〔\d{2}〕\d+号", page("bad_doc_number:short_year"))
    assert "示例县人民政府网站" in page("issuer_is_website")
    assert "长期" in page("bad_validity_value")
    assert re.search(r"<!--<(p|li)>.*成文日期|<!--<(p|li)>.*成&ensp;文&ensp;日&ensp;期|<!--<td.*成文日期", page("field_in_comment:written_date"))
    assert 'style="display:none"' in page("field_hidden:index_no")
    txt = page("expired_still_valid")
    assert f"自{AS_OF.year - 6}年1月1日起施行，有效期5年" in txt and ">有效<" in txt
    # the repeal notice names the still-"valid" document's 文号
    rep = page("repealed_still_valid")
    wh = re.search(r"(示府办?〔\d{4}〕\d+号)", rep).group(1)
    notice = next(p for p in gen.root("county").joinpath("zwgk/gfxwj").rglob("t*.html") if "宣布失效一批" in p.read_text("utf-8"))
    assert wh in notice.read_text("utf-8")


def test_index_numbers_and_uscc(gen):
    from stdnum.cn import uscc
    dup = _read(gen, "county", _finding(gen, "index_no_duplicate")["path"])
    idx = re.search(r"(11\w{16}/\d{4}-\d{5})", dup).group(1)
    holders = [p for p in gen.root("county").rglob("t*.html") if idx in p.read_text("utf-8", "replace")]
    assert len(holders) == 2
    bad = re.search(r"(11\w{16})/\d{4}", _read(gen, "county", _finding(gen, "index_no_bad_uscc")["path"])).group(1)
    assert not uscc.is_valid(bad)
    clean = [d for d in gen.plan.docs() if not d.defects]
    assert clean and all(uscc.is_valid(d.index_no.split("/")[0]) for d in clean)
    assert all(d.index_no.split("/")[1][:4] == str(d.written.year) for d in clean)
    assert all(0 <= (d.published - d.written).days <= 5 for d in clean if not d.role)


def test_clean_documents_are_clean(gen):
    from simulator.content import TOPICS
    for d in gen.plan.docs():
        if d.defects:
            continue
        assert re.fullmatch(r"示(府|府办|镇府)〔\d{4}〕[1-9]\d*号", d.doc_number)
        assert d.topic.split("\\")[0] in TOPICS
        assert d.validity in ("有效", "失效", "废止")
        assert not d.issuer.endswith("网站")
    assess = next(d for d in gen.plan.docs() if d.role == "assessment")
    assert "评估结果有效期3年" in "".join(assess.body) and assess.validity == "有效"


def test_columns_empty_and_stale(gen):
    empty = _finding(gen, "empty_column:yjsgk@czj")
    assert empty["path"] == "/bm/czj/yjsgk/index.html"
    assert "<li><a" not in _read(gen, "county", empty["path"], "gbk").split('class="list"')[1].split("</ul>")[0]
    stale = _finding(gen, "stale_column:zdt@town")
    text = _read(gen, "town", stale["path"])
    dates = [dt.date.fromisoformat(x) for x in re.findall(r"<span>(\d{4}-\d\d-\d\d)</span>", text)]
    assert dates and (AS_OF - max(dates)).days > STALE_DAYS["news"]
    fresh = _read(gen, "county", "/xwzx/gzdt/index.html")
    newest = max(dt.date.fromisoformat(x) for x in re.findall(r"<span>(\d{4}-\d\d-\d\d)</span>", fresh))
    assert (AS_OF - newest).days <= STALE_DAYS["news"]


def test_hanweb_list_rows_only_in_datastore(gen):
    from lxml import html as lh
    path = next(u for u in gen.truth["units"] if u["id"] == "town")["columns"][0]["path"]
    raw = _read(gen, "town", path)
    tree = lh.fromstring(raw)
    assert tree.xpath("//ul[@class='list']/li") == []          # a plain crawl sees no rows
    store = tree.xpath("//script[@type='text/xml']")[0].text
    assert store.count("<record><![CDATA[") >= 2 and "<li><a href=\"/art/" in store
    assert "innerHTML" in raw


def test_gb2312_declared_page_is_gbk(gen):
    page = next(p for p in gen.root("county").joinpath("bm/czj").rglob("t*.html") if b"charset=gb2312" in p.read_bytes())
    raw = page.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")
    text = raw.decode("gbk")
    assert "王堃" in text and "李喆" in text and "张镕" in text
    other = _read(gen, "county", "/bm/czj/index.html", "gbk")
    assert "charset=gbk" in other


def test_hostile_page_escaped(gen):
    hostile = next(p for p in gen.root("county").joinpath("xwzx/gzdt").rglob("t*.html") if "恶意代码" in p.read_text("utf-8"))
    text = hostile.read_text("utf-8")
    assert '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in text
    assert "<script>alert" not in text


def test_attachments_are_real(gen):
    import io
    import docx
    import pdfplumber
    pdfs = list(gen.root("county").rglob("*.pdf"))
    docxs = list(gen.root("county").rglob("*.docx"))
    assert pdfs and docxs
    for p in pdfs:
        with pdfplumber.open(io.BytesIO(p.read_bytes())) as pdf:
            assert len(pdf.pages) >= 1 and pdf.metadata["Title"], p
            assert pdf.pages[0].extract_text().strip(), p
    for p in docxs:
        assert any(par.text.strip() for par in docx.Document(io.BytesIO(p.read_bytes())).paragraphs), p


def test_bad_defect_names_are_clear(tmp_path):
    with pytest.raises(DefectError, match="未知的缺陷类型"):
        generate(tmp_path, defects=["nope"], ports=PORTS, as_of=AS_OF)
    with pytest.raises(DefectError, match="需要参数"):
        generate(tmp_path, defects=["missing_field"], ports=PORTS, as_of=AS_OF)
    with pytest.raises(DefectError, match="规范性文件库"):
        generate(tmp_path, defects=["stale_column:gfxwj"], ports=PORTS, as_of=AS_OF)
    with pytest.raises(DefectError, match="未知单位"):
        generate(tmp_path, defects=["footer_bad_icp@nowhere"], ports=PORTS, as_of=AS_OF)


def test_no_defects_no_truth(tmp_path):
    g = generate(tmp_path / "o", defects=[], ports=PORTS, as_of=AS_OF, scale=60)
    assert g.truth["findings"] == [] and g.truth["defects"] == []


@pytest.mark.nginx
def test_demo_serves_and_config_parses(tmp_path):
    from zwgk_audit.config import parse_config
    from simulator.demo import start_demo
    with start_demo(tmp_path, as_of=AS_OF, scale=80) as demo:
        cfg = parse_config(demo.config_text)
        assert {u.unit.id for u in cfg.units} == {"county", "jyj", "czj", "town"}
        assert json.loads(demo.truth_path.read_text("utf-8")) == demo.truth
        county = cfg.unit("county").unit
        assert county.base_url.endswith("/index.html") and county.entry_urls[0].endswith("/zwgk/index.html")
        for fam in (4, 6):
            with urllib.request.urlopen(demo.base_url("county", fam) + "index.html") as r:
                assert r.status == 200 and r.headers["ETag"]
                assert "示例县人民政府" in r.read().decode("utf-8")
        with urllib.request.urlopen(demo.base_url("county") + "hdrl/index.shtml?month=2025-12") as r:
            assert "month=2026-01" in r.read().decode("utf-8")
        with urllib.request.urlopen(demo.base_url("town") + "index.html") as r:
            assert "示例镇人民政府" in r.read().decode("utf-8")
        broken = next(f for f in demo.truth["findings"] if f["check_id"] == "links.broken" and f["unit"] == "county")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(demo.base_url("county") + broken["path"].lstrip("/"))
        assert e.value.code == 404


NETWORK_ALONE = {"ipv6_no_aaaa", "ipv6_v4_only_server", "ipv6_content_differs", "ipv6_ns_v6_silent"}


@pytest.mark.parametrize("kind", sorted(NETWORK_ALONE))
def test_site_level_network_kinds_alone(tmp_path, kind):
    g = generate(tmp_path, defects=[f"{kind}@town"], ports=PORTS, as_of=AS_OF, scale=60)
    assert g.truth["defects"] == [f"{kind}@town"]
    found = [f for f in g.truth["findings"] if f["defect"] == f"{kind}@town"]
    assert found and all(f["check_id"].startswith("ipv6.") and f["path"] == "/index.html" for f in found)
