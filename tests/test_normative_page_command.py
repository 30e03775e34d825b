"""``zwgk-audit page`` on every saved real page."""

from __future__ import annotations

import argparse
import http.server
import json
import threading
from pathlib import Path

import pytest

from zwgk_audit.commands import page as page_cmd

REAL = Path(__file__).parent / "fixtures" / "realpages"
FIX = Path(__file__).parent / "fixtures" / "normative"


def run(argv, capsys):
    code = page_cmd.main(["page", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(path: Path, capsys, *extra):
    code, out, _ = run([str(path), "--json", "--as-of", "2025-01-01", *extra], capsys)
    return code, json.loads(out)


def problems(doc):
    return sorted((f["check_id"], f["key"], f["status"]) for f in doc["findings"] if f["status"] != "pass")


@pytest.mark.parametrize("path", sorted(REAL.glob("*.html")), ids=lambda p: p.name)
def test_every_real_page_gives_a_result(path, capsys):
    code, doc = run_json(path, capsys)
    assert code in (0, 1)
    assert doc["kind"] in ("detail", "column", "other", "home")
    for f in doc["findings"]:
        assert f["url"] and f["basis"] and f["check_id"].startswith("normative.")
        if f["status"] == "fail":
            assert f["suggestion"]


def test_handan_detail(capsys):
    code, doc = run_json(REAL / "handan_xxgk_details.jsp.html", capsys)
    assert code == 1
    assert problems(doc) == [("normative.doc_number", "", "fail"), ("normative.fields", "validity", "fail"),
                             ("normative.fields", "written_date", "fail"), ("normative.topic", "", "fail")]
    [w] = [f for f in doc["findings"] if f["key"] == "written_date"]
    assert "HTML注释" in w["message"] and w["evidence"]["value"] == "2020年08月02日"
    fields = {f["field"]: f for f in doc["metadata"]["fields"]}
    assert fields["index_no"]["value"] == "000014348/2020-35147"
    assert fields["written_date"]["where"] == "comment" and fields["written_date"]["hidden"]


@pytest.mark.parametrize("name", ["govcn_content_5365945_guofa2019-5.html",
                                  "govcn_content_5351718_guobanfa1996-25_published2018.html",
                                  "govcn_content_5351177_guoling707.html"])
def test_govcn_pages_have_no_format_error(name, capsys):
    _, doc = run_json(REAL / name, capsys)
    # gov.cn pages of 2018/2019 carry no 有效性 field: that is the only gap.
    # Late publication of a 1996 document is a reminder, never a failure.
    assert [p for p in problems(doc) if p != ("normative.fields", "validity", "fail")
            and p != ("normative.dates", "late", "warn")] == []
    passed = {(f["check_id"], f["key"]) for f in doc["findings"] if f["status"] == "pass"}
    assert ("normative.doc_number", "") in passed and ("normative.topic", "") in passed


def test_zhejiang_empty_block(capsys):
    code, doc = run_json(REAL / "nfra_spa_page_source_zhejiang_xzcf_empty_metadata.html", capsys)
    assert code == 1
    missing = {f["key"] for f in doc["findings"] if f["check_id"] == "normative.fields" and f["status"] == "fail"}
    assert {"index_no", "topic", "issuer", "written_date", "doc_number"} <= missing
    assert "title" not in missing
    issuer = [f for f in doc["metadata"]["fields"] if f["field"] == "issuer"][0]
    assert issuer["label"] == "办文部门"


def test_static_angular_page_reports_it_needs_a_browser(capsys):
    code, doc = run_json(FIX / "angular_static.html", capsys)
    assert code == 0 and doc["metadata"]["needs_browser"]
    assert doc["findings"] and {f["status"] for f in doc["findings"]} == {"unknown"}


def test_text_output_lists_fields_and_findings(capsys):
    code, out, _ = run([str(REAL / "handan_xxgk_details.jsp.html"), "--as-of", "2025-01-01"], capsys)
    assert code == 1
    assert "index_no" in out and "索引号" in out and "HTML注释" in out and "不合格" in out and "整改建议" in out


def test_missing_file_is_bad_input(capsys):
    code, _, err = run(["/nonexistent/page.html"], capsys)
    assert code == 2 and "找不到文件" in err


def test_bad_as_of_is_bad_input(capsys):
    code, _, err = run([str(REAL / "handan_xxgk_details.jsp.html"), "--as-of", "2025-13-01"], capsys)
    assert code == 2 and "--as-of" in err


def test_unreachable_url_is_bad_input(capsys):
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()                                    # nothing listens there now
    code, _, err = run([f"http://127.0.0.1:{port}/x.html", "--timeout", "2"], capsys)
    assert code == 2 and "无法获取" in err


def test_fetches_a_url_over_loopback(capsys):
    body = (FIX / "gd_classify.html").read_bytes()

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), H)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        url = f"http://127.0.0.1:{srv.server_address[1]}/content/post_1.html"
        code, out, _ = run([url, "--json", "--as-of", "2025-01-01"], capsys)
    finally:
        srv.shutdown()
        srv.server_close()
    doc = json.loads(out)
    assert doc["url"] == url and doc["kind"] == "detail"
    assert problems(doc) == [("normative.fields", "validity", "fail")]
    assert code == 1


def test_register_adds_the_subcommand():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    page_cmd.register(sub)
    args = parser.parse_args(["page", "x.html", "--json"])
    assert args.func is page_cmd.run and args.json and args.scope == "all"
